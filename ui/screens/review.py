"""Rà soát: the findings of the whole catalogue and the chosen plan's measures; decide on each, or on a
selection, with the reviewer's name. Decisions go through the plan service (``tinhgon plan history``)."""

from __future__ import annotations

import state
import streamlit as st
from i18n import VIETNAM_TIME, level, measure, num, pct, saving_text, severity, status, t
from i18n_messages import error_text
from tables import frame_height

from engine.errors import UserError
from engine.formatting import markdown_text
from engine.plans.model import APPLIED, AuditEntry, MeasureStatus
from engine.services.review import QueueFilter, ReviewItem, ReviewQueue, decide, decisions_on, review_queue
from engine.services.rules_info import RulePrecision

ACTIONS = {
    "accept": MeasureStatus.accepted,
    "reject": MeasureStatus.rejected,
    "mark_done": MeasureStatus.done,
    "add_comment": None,
}
ONE_BY_ONE_LIMIT = 1000  # items offered in the one-at-a-time chooser


def precision_label(item: ReviewItem, lang: str) -> str:
    mark = t("experimental_mark", lang) if item.experimental else t("proven", lang)
    return f"{mark} · {precision_text(item.precision, lang)}"


def precision_text(p: RulePrecision | None, lang: str) -> str:
    if p is None or p.share is None:
        return t("precision_none", lang)
    return f"{p.correct}/{p.judged} ({pct(p.share, lang, 0)})"


def render(lang: str) -> None:
    st.title(t("review_title", lang))
    _queue(state.audited(lang), lang)


@state.fragment
def _queue(data: state.Audited, lang: str) -> None:
    """The queue and the decisions: a filter or a decision redraws only this part of the page."""
    plan = state.current_plan()
    queue = review_queue(data.catalogue, data.result, data.rulebook, plan, state.precision())
    if plan is None:
        st.info(t("choose_plan_first", lang))
    items = queue.filter(_filters(queue, data, lang))
    st.metric(t("findings", lang), num(len(items), lang))
    if not items:
        _outcome(None)  # a decision that left no finding under the filters is still said
        st.info(t("no_match", lang))
        return
    event = st.dataframe(
        [_row(i, data, lang) for i in items],
        hide_index=True,
        width="stretch",
        height=frame_height(len(items), 420),
        on_select="rerun",
        selection_mode="multi-row",
        # A new key after a decision on the selection: the table forgets the rows just decided.
        key=f"review_table_{st.session_state.get('review_table_round', 0)}",
        column_config={
            t("code", lang): st.column_config.TextColumn(pinned=True),
            t("status", lang): st.column_config.TextColumn(width="medium"),
            t("message", lang): st.column_config.TextColumn(width="large"),
        },
    )
    selected = [items[i] for i in (event.selection.rows if event and hasattr(event, "selection") else [])]
    if plan is not None:
        _selection_actions(plan.id, selected, lang)
    _one_by_one(plan.id if plan else None, items, data, lang)


def _filters(queue: ReviewQueue, data: state.Audited, lang: str) -> QueueFilter:
    with st.expander(t("filters", lang), key="rev_filters_open", on_change="rerun") as box:
        if box.open:  # drawn only when open: a closed expander costs the page nothing
            _filter_widgets(queue, data, lang)
    chosen = st.session_state
    return QueueFilter(
        rules=chosen.get("k_rev_rules", []),
        severities=chosen.get("k_rev_sev", []),
        fields=chosen.get("k_rev_fields", []),
        levels=chosen.get("k_rev_levels", []),
        databases=chosen.get("k_rev_db", []),
        statuses=chosen.get("k_rev_status", []),
        experimental={"all": None, "only": True, "proven": False}[chosen.get("k_rev_exp", "all")],
    )


def _filter_widgets(queue: ReviewQueue, data: state.Audited, lang: str) -> None:
    """The filters; their values live in the session under their keys, drawn or not."""
    options = queue.options
    registry = data.catalogue.registry
    c1, c2, c3 = st.columns(3)
    state.filter_box(
        c1, t("rule", lang), options["rules"], "k_rev_rules", lang, lambda r: _rule_title(data, r, lang)
    )
    state.filter_box(
        c2, t("severity", lang), options["severities"], "k_rev_sev", lang, lambda s: severity(s, lang)
    )
    state.filter_box(
        c3, t("status", lang), options["statuses"], "k_rev_status", lang, lambda s: status(s, lang)
    )
    c4, c5, c6 = st.columns(3)
    state.filter_box(c4, t("field", lang), options["fields"], "k_rev_fields", lang)
    state.filter_box(c5, t("level", lang), options["levels"], "k_rev_levels", lang, lambda v: level(v, lang))
    state.filter_box(
        c6,
        t("database", lang),
        options["databases"],
        "k_rev_db",
        lang,
        lambda d: state.source_name(registry, d, lang),
    )
    st.radio(
        t("show_experimental", lang),
        ["all", "only", "proven"],
        format_func=lambda k: t(f"exp_{k}", lang),
        horizontal=True,
        key="k_rev_exp",
    )


def _row(item: ReviewItem, data: state.Audited, lang: str) -> dict[str, object]:
    # The decision right after the rule: behind the long message it was off-screen at 1440 px.
    return {
        t("code", lang): item.procedure_code,
        t("name", lang): item.procedure_name,
        t("rule", lang): _rule_title(data, item.rule_id, lang) if item.rule_id else t("none", lang),
        t("status", lang): status(item.status, lang),
        t("reviewer", lang): item.reviewer or "",
        t("comment", lang): item.comment or "",
        t("precision", lang): precision_label(item, lang) if item.rule_id else t("none", lang),
        t("severity", lang): severity(item.severity, lang),
        t("measure", lang): measure(item.measure.value, lang),
        t("message", lang): item.message_vi if lang == "vi" else item.message_en,
        t("database", lang): state.source_name(data.catalogue.registry, item.database, lang)
        if item.database
        else "",
    }


def _rule_title(data: state.Audited, rule_id: str | None, lang: str) -> str:
    rule = data.rulebook.rule(rule_id) if rule_id else None
    return (rule.title_vi if lang == "vi" else rule.title_en) if rule else (rule_id or "")


def _selection_actions(plan_id: int, selected: list[ReviewItem], lang: str) -> None:
    st.caption(t("selected", lang, n=num(len(selected), lang)))
    st.text_input(t("comment_selection", lang), key="k_rev_sel_comment")
    cols = st.columns(len(ACTIONS))
    for col, (action, new_status) in zip(cols, ACTIONS.items(), strict=True):
        col.button(
            t(action, lang),
            key=f"sel_{action}",
            disabled=not selected,
            on_click=_decide,
            args=(plan_id, selected, new_status, "sel", lang),
        )
    _outcome("sel")


def _one_by_one(plan_id: int | None, items: list[ReviewItem], data: state.Audited, lang: str) -> None:
    st.subheader(t("one_by_one", lang))
    offered = items[:ONE_BY_ONE_LIMIT]
    keys = [i.key for i in offered]
    by_key = {i.key: i for i in offered}
    key = state.choice(
        st,
        t("choose_item", lang),
        keys,
        "k_rev_item",
        format_func=lambda k: (
            f"{by_key[k].procedure_code} · {_rule_title(data, by_key[k].rule_id, lang)} · "
            f"{by_key[k].target_label[:80]}"
        ),
    )
    item = by_key[key]
    st.markdown(f"**{item.procedure_name}** ({item.procedure_code})")
    st.write(item.message_vi if lang == "vi" else item.message_en)
    rule = data.rulebook.rule(item.rule_id) if item.rule_id else None
    if rule is not None:
        rationale = (rule.rationale_vi or rule.rationale) if lang == "vi" else rule.rationale
        st.markdown(f"**{t('rationale', lang)}:** {rationale.strip()}")
        st.markdown(
            f"**{t('legal', lang)}:** "
            + "; ".join(f"{r.number} {r.title or ''}".strip() for r in rule.references)
        )
        st.markdown(f"**{t('precision', lang)}:** {precision_label(item, lang)}")
    if item.finding is not None:
        st.markdown(f"**{t('saving', lang)}:** {saving_text(item.finding.saving, lang)}")
    if item.uncounted_case is not None:
        case, counted = (markdown_text(c) for c in item.uncounted_case)
        st.caption(t("uncounted_case", lang, case=case, counted=counted))
    decided = f" · {t('reviewer', lang)}: {markdown_text(item.reviewer)}" if item.reviewer else ""
    st.markdown(f"**{t('status', lang)}:** {status(item.status, lang)}{decided}")
    if item.comment:
        st.markdown(f"**{t('comment', lang)}:** {markdown_text(item.comment)}")
    if plan_id is not None and item.measure_id is not None:
        _decisions(plan_id, item.measure_id, lang)
    if plan_id is None:
        return
    st.text_input(t("comment_item", lang), key="k_rev_one_comment")
    cols = st.columns(len(ACTIONS))
    for col, (action, new_status) in zip(cols, ACTIONS.items(), strict=True):
        col.button(
            t(action, lang),
            key=f"one_{action}",
            on_click=_decide,
            args=(plan_id, [item], new_status, "one", lang),
        )
    _outcome("one")


def _outcome(where: str | None) -> None:
    """What the last decision made of these buttons (``None``: of any), said under them rather than at
    the page's top."""
    outcome = st.session_state.get("review_outcome")
    if outcome and where in (None, outcome[0]):
        del st.session_state["review_outcome"]
        (st.success if outcome[1] == "done" else st.error)(outcome[2])


def _decide(
    plan_id: int, items: list[ReviewItem], new_status: MeasureStatus | None, where: str, lang: str
) -> None:
    """Button callback: runs before the page is drawn again, so the page shows the decision at once.

    ``where`` is the group of buttons clicked (``sel``: the selection, ``one``: one finding); its comment
    box is emptied and, for the selection, the table's rows unticked, once the decision is written."""
    if not state.reviewer():
        st.session_state["review_outcome"] = (where, "error", t("need_reviewer", lang))
        return
    if new_status == MeasureStatus.done:
        undecided = [i for i in items if i.status not in APPLIED]
        if undecided:
            message = t("done_needs_accepted", lang, n=num(len(undecided), lang))
            st.session_state["review_outcome"] = (where, "error", message)
            return
    comment_key = f"k_rev_{where}_comment"
    comment = (st.session_state.get(comment_key) or "").strip() or None
    try:
        decide(state.repository(), plan_id, items, state.reviewer(), new_status, comment)
    except UserError as error:
        st.session_state["review_outcome"] = (where, "error", error_text(error, lang))
        return
    state.warm_plan_overview(plan_id)
    st.session_state[comment_key] = ""
    if where == "sel":
        st.session_state["review_table_round"] = st.session_state.get("review_table_round", 0) + 1
    st.session_state["review_outcome"] = (where, "done", t("decided", lang, n=num(len(items), lang)))


def _decisions(plan_id: int, measure_id: int, lang: str) -> None:
    """Every decision on the measure, not only the last one shown above."""
    entries = decisions_on(state.repository(), plan_id, measure_id)
    with st.expander(t("decisions", lang, n=num(len(entries), lang))):
        for entry in entries:
            when = entry.at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")
            st.markdown(f"{when} · {markdown_text(entry.actor)} · {_change(entry, lang)}")
        st.caption(t("decisions_time", lang))


def _change(entry: AuditEntry, lang: str) -> str:
    if entry.field == "measure":
        return t("decision_added", lang)
    if entry.field == "status":
        old = status(entry.old, lang) if entry.old else t("none", lang)
        return f"{t('status', lang)}: {old} → {status(entry.new or '', lang)}"
    return f"{t('comment', lang)}: {markdown_text(entry.new or '')}"


if __name__ == "__main__":
    render(state.lang())
