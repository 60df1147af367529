"""Thủ tục (procedure) page: the procedure map, its findings, the plan's effect and the compliance cost.

The procedure comes from ``?code=…`` (the catalogue page links here that way), else from
``st.session_state["procedure_code"]``, else from the select box. The map is drawn on the server by
Graphviz (engine/services/graphs.py, the same service as ``tinhgon graph --format svg``) and shown by a
small offline viewer (ui/components/procedure_map.js) with pan, zoom and clicks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import state
import streamlit as st
from i18n import (
    activity,
    channel,
    level,
    measure,
    num,
    number,
    online_level,
    pct,
    saving_text,
    severity,
    step_kind,
    vnd,
)
from i18n import t as shared_text
from i18n_map import t
from i18n_messages import error_text

from engine.cost.compliance import compliance_cost
from engine.cost.model import CostBreakdown
from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.errors import UserError
from engine.graph.map_labels import actor_text, duration
from engine.graph.procedure_map import (
    COMPONENT,
    RESULT,
    STEP,
    MapPart,
    ProcedureMap,
    case_header,
    copies_text,
)
from engine.model import Channel, Finding, Procedure, TargetKind, TimeUnit
from engine.plans.database_url import default_url
from engine.plans.model import Plan
from engine.plans.repository import PlanRepository
from engine.rules.pack import Rule
from engine.services.graphs import (
    PlanOnProcedure,
    artefact_labels,
    graphviz_available,
    plan_on_procedure,
    procedure_map,
    render_png,
    render_svg,
)
from engine.services.search import SearchIndex

_COMPONENTS = Path(__file__).resolve().parents[1] / "components"
_MAP_VIEWER = st.components.v2.component(
    "tinhgon_procedure_map",
    css=(_COMPONENTS / "procedure_map.css").read_text(encoding="utf-8"),
    js=(_COMPONENTS / "procedure_map.js").read_text(encoding="utf-8"),
)
DEFAULT_CODE = "1.001193"  # birth registration: the procedure a new user knows
MAP_HEIGHT = 660


@st.cache_resource(show_spinner=False)
def _cost_parameters() -> CostParameters:
    return load_cost_parameters()


@st.cache_resource(show_spinner=False)
def _plans(url: str) -> PlanRepository:
    return PlanRepository(url)


@st.cache_data(show_spinner=False, max_entries=64)
def _svg(dot: str) -> str:
    return render_svg(dot)


@st.cache_data(show_spinner=False, max_entries=16)
def _png(dot: str) -> bytes:
    return render_png(dot)


def render(lang: str) -> None:
    experimental = bool(st.session_state.get("experimental", False))
    data = state.audited(lang, experimental)
    catalogue, result = data.catalogue, data.result
    if not catalogue.procedures:
        st.info(t("empty", lang))
        return
    title = st.empty()  # the page's heading names the procedure, which the picker below chooses
    pick, plan_box, view_box = st.columns([4, 3, 3], vertical_alignment="bottom")
    with pick:
        procedure = _chosen_procedure(catalogue.procedures, data.table.index, lang)
    title.title(procedure.name)
    with plan_box:
        plan = _plan_choice(lang)
    with view_box:
        view = st.segmented_control(
            t("view", lang),
            ["before", "after"],
            format_func=lambda v: t(f"view_{v}", lang),
            default="before",
            key="procedure_view",
            disabled=plan is None,
        )
    findings = result.for_procedure(procedure.code)
    st.caption(f"{procedure.code} · {_summary(procedure, lang)}")
    after = plan if view == "after" and plan is not None else None
    on_it = plan_on_procedure(procedure, after, catalogue.procedures, _cost_parameters()) if after else None
    projected = on_it.procedure if on_it else procedure
    if on_it is not None:
        _plan_status(on_it, lang)
        if projected is None:
            st.info(t("abolished", lang))

    rules = state.all_rules()
    drawn = procedure_map(procedure, findings, list(rules.values()), lang, on_it.applied if on_it else None)
    cards = {token: _card(procedure, part, findings, rules, lang) for token, part in drawn.parts.items()}
    clicked = _draw_map(procedure, drawn, cards, view or "before", lang)
    st.caption(t("legend", lang))

    selected = _part_picker(procedure, drawn, clicked, lang)
    if selected:
        _part_details(procedure, drawn.parts[selected], findings, rules, lang)

    findings_tab, cost_tab, details_tab = st.tabs(
        [f"{t('findings', lang)} ({num(len(findings), lang)})", t("cost", lang), t("details", lang)]
    )
    with findings_tab:
        _findings(procedure, findings, rules, lang)
    with cost_tab:
        _cost(procedure, projected if after is not None else None, lang)
    with details_tab:
        _details(procedure, lang)


# -- choosing the procedure -------------------------------------------------------------------


def _chosen_procedure(procedures: list[Procedure], index: SearchIndex, lang: str) -> Procedure:
    by_code = {p.code: p for p in procedures}
    # Streamlit's own filter in the box needs the accents: this search does not (as the catalogue's).
    query = st.text_input(
        t("find", lang),
        key="procedure_query",
        placeholder="dang ky khai sinh, 1.001193",
        on_change=_searched,
        args=(index,),
    )
    found = index.search(query) if query.strip() else []
    if query.strip() and not found:
        st.caption(t("find_none", lang))
    wanted = st.query_params.get("code") or st.session_state.get("procedure_code")
    if wanted and wanted not in by_code:
        fallback = DEFAULT_CODE if DEFAULT_CODE in by_code else procedures[0].code
        st.warning(t("unknown_code", lang, code=wanted, shown=fallback))
        wanted = fallback
    code = wanted or (DEFAULT_CODE if DEFAULT_CODE in by_code else procedures[0].code)
    if st.session_state.get("procedure_pick") != code:
        st.session_state["procedure_pick"] = code  # the box follows the link or the other pages
    st.session_state["procedure_code"] = code
    options = [*found, *([] if code in found else [code])] if found else list(by_code)
    st.selectbox(
        t("choose", lang),
        options,
        format_func=lambda c: f"{c} · {by_code[c].name}",
        key="procedure_pick",
        on_change=_picked,
    )
    return by_code[code]


def _searched(index: SearchIndex) -> None:
    """A new search opens its best match; the box below offers the others."""
    found = index.search(st.session_state["procedure_query"])
    if found:
        st.session_state["procedure_code"] = found[0]
        st.session_state.pop("map_part", None)
        st.query_params["code"] = found[0]


def _picked() -> None:
    code = st.session_state["procedure_pick"]
    st.session_state["procedure_code"] = code
    st.session_state.pop("map_part", None)
    st.query_params["code"] = code


def _summary(procedure: Procedure, lang: str) -> str:
    bits = []
    if procedure.levels:
        bits.append(f"{t('levels', lang)}: {', '.join(level(v, lang) for v in procedure.levels)}")
    if procedure.field:
        bits.append(f"{t('field', lang)}: {procedure.field}")
    executing = procedure.agencies.executing or procedure.agencies.competent
    if executing:
        bits.append(f"{t('agency', lang)}: {'; '.join(executing)}")
    days = procedure.max_time_limit_days
    if days is not None:
        bits.append(f"{t('time_limit', lang)}: {duration(days, TimeUnit.working_day, lang)}")
    return " · ".join(bits)


# -- the plan ---------------------------------------------------------------------------------


def _plan_choice(lang: str) -> Plan | None:
    try:
        repo = _plans(default_url())
        summaries = repo.plans()
    except UserError as error:
        st.warning(error_text(error, lang))
        return None
    if not summaries:
        st.selectbox(
            t("plan", lang), [], placeholder=t("no_plan_short", lang), disabled=True, help=t("no_plan", lang)
        )
        return None
    # 0, as in the sidebar, is no plan: without it the box fell back on the first plan and chose it unasked.
    names = {0: shared_text("no_plan", lang)} | {s.id: s.name for s in summaries}
    chosen = st.selectbox(t("plan", lang), list(names), format_func=names.get, key="plan_id")
    try:
        return repo.get(int(chosen)) if chosen else None
    except UserError as error:
        st.warning(error_text(error, lang))
        return None


def _plan_status(on_it: PlanOnProcedure, lang: str) -> None:
    if not on_it.applied and not on_it.not_applied:
        st.info(t("plan_none_here", lang))
    elif on_it.applied:
        st.success(t("plan_applied", lang, n=num(len(on_it.applied), lang)))
    if on_it.not_applied:
        with st.expander(t("plan_notes", lang, n=num(len(on_it.not_applied), lang))):
            for m in on_it.not_applied:
                st.markdown(f"- **{measure(m.measure, lang)}**: {m.message}")
            st.caption(t("plan_notes_why", lang))


# -- the map ----------------------------------------------------------------------------------


def _draw_map(procedure: Procedure, drawn: ProcedureMap, cards: dict, view: str, lang: str) -> str | None:
    """Show the map; return the part clicked in this run, if any."""
    if not graphviz_available():
        st.warning(t("no_graphviz", lang))
        st.graphviz_chart(drawn.dot, width="stretch")
        return None
    svg = _svg(drawn.dot)
    labels = {
        "in": t("zoom_in", lang),
        "out": t("zoom_out", lang),
        "fit": t("zoom_fit", lang),
        "one": t("zoom_one", lang),
        "hint": t("zoom_hint", lang),
    }
    mounted: Any = _MAP_VIEWER(
        key=f"procedure_map_{procedure.code}_{lang}",
        data={
            "svg": svg,
            "cards": cards,
            "labels": labels,
            "height": MAP_HEIGHT,
            "selected": st.session_state.get("map_part"),
        },
        on_clicked_change=lambda: None,
    )
    name = f"{procedure.code}-{'sau' if view == 'after' else 'hien-trang'}"
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(t("download_svg", lang), svg, f"so-do-{name}.svg", "image/svg+xml")
    right.download_button(t("download_png", lang), lambda: _png(drawn.dot), f"so-do-{name}.png", "image/png")
    clicked = getattr(mounted, "clicked", None) if mounted is not None else None
    return clicked if clicked in drawn.parts else None


def _part_picker(procedure: Procedure, drawn: ProcedureMap, clicked: str | None, lang: str) -> str | None:
    """A select box of the map's parts, kept in step with clicks on the map."""
    if clicked:
        st.session_state["map_part"] = clicked
    options: list[str | None] = [None, *drawn.parts]
    if st.session_state.get("map_part") not in options:
        st.session_state.pop("map_part", None)

    def name(token: str | None) -> str:
        if token is None:
            return t("part_none", lang)
        part = drawn.parts[token]
        return f"{t('kind_' + part.kind, lang)}: {part.label[:140]}"

    return st.selectbox(t("part", lang), options, format_func=name, key="map_part")


def _card(
    procedure: Procedure, part: MapPart, findings: list[Finding], rules: dict[str, Rule], lang: str
) -> dict:
    """What the viewer shows at once when a part is clicked: its words and its findings."""
    lines = [["", line] for line in _facts(procedure, part, lang)]
    for finding in _findings_on(part, findings):
        lines.append(["tg-flag", f"⚑ {_rule_title(finding, rules, lang)}: {_message(finding, lang)}"])
    return {"kind": t("kind_" + part.kind, lang), "title": part.label, "lines": lines}


def _facts(procedure: Procedure, part: MapPart, lang: str) -> list[str]:
    """The facts of a part, as lines of words."""
    lines = []
    if part.kind == COMPONENT:
        component = procedure.component(part.item_id)
        if component.case:
            lines.append(case_header(component.case, lang))
        copies = copies_text(component, lang)
        if copies:
            lines.append(f"{t('copies', lang)}: {copies}")
        if component.template:
            lines.append(f"{t('template', lang)}: {component.template}")
        if component.note:
            lines.append(f"{t('note', lang)}: {component.note}")
    elif part.kind == STEP:
        step = next(s for s in procedure.steps if s.id == part.item_id)
        lines.append(f"{t('step_kind', lang)}: {step_kind(step.kind, lang)}")
        if step.actor:
            lines.append(f"{t('actor', lang)}: {actor_text(step.actor, lang)}")
        if step.agency:
            lines.append(f"{t('step_agency', lang)}: {step.agency}")
        if step.duration:
            lines.append(f"{t('duration', lang)}: {duration(step.duration.value, step.duration.unit, lang)}")
        names = artefact_labels()
        outputs = [_output_name(o, step.order, procedure, names, lang) for o in step.outputs]
        if outputs:
            lines.append(f"{t('outputs', lang)}: {'; '.join(outputs)}")
    elif part.kind == RESULT:
        result = next(r for r in procedure.results if r.id == part.item_id)
        if result.code:
            lines.append(f"{t('result_code', lang)}: {result.code}")
    return lines


def _output_name(output: str, order: int, procedure: Procedure, names: dict, lang: str) -> str:
    results = {r.id: r.name for r in procedure.results}
    if output in results:
        return results[output]
    return names.get(output, {}).get(lang) or (
        f"Kết quả bước {order}" if lang == "vi" else f"Output of step {order}"
    )


def _findings_on(part: MapPart, findings: list[Finding]) -> list[Finding]:
    kinds = {COMPONENT: TargetKind.component, STEP: TargetKind.step}
    kind = kinds.get(part.kind)
    return [f for f in findings if kind and f.target.kind == kind and f.target.id == part.item_id]


def _part_details(
    procedure: Procedure, part: MapPart, findings: list[Finding], rules: dict[str, Rule], lang: str
) -> None:
    with st.container(border=True):
        st.markdown(f"**{t('kind_' + part.kind, lang)}** · {part.label}")
        for line in _facts(procedure, part, lang):
            st.write(line)
        on_part = _findings_on(part, findings)
        if not on_part:
            st.caption(t("no_part_findings", lang))
        for finding in on_part:
            _finding_block(finding, rules, lang)


# -- findings ---------------------------------------------------------------------------------


def _rule_title(finding: Finding, rules: dict[str, Rule], lang: str) -> str:
    rule = rules.get(finding.rule_id)
    if rule is None:
        return finding.rule_id
    return rule.title_vi if lang == "vi" else rule.title_en


def _message(finding: Finding, lang: str) -> str:
    return finding.message_vi if lang == "vi" else finding.message_en


def _target(finding: Finding, lang: str) -> str:
    kind = finding.target.kind
    if kind == TargetKind.procedure:
        return t("whole_procedure", lang)
    if kind == TargetKind.channel:
        return f"{t('channel', lang)}: {finding.target.label}"
    return f"{t('kind_' + kind.value, lang)}: {finding.target.label}"


def _finding_block(finding: Finding, rules: dict[str, Rule], lang: str) -> None:
    rule = rules.get(finding.rule_id)
    title = _rule_title(finding, rules, lang)
    st.markdown(f":red[**⚑ {title}**] · {t('severity', lang)}: {severity(finding.severity, lang)}")
    if rule is not None and rule.experimental:
        st.caption(t("experimental_rule", lang))
    st.write(_message(finding, lang))
    st.write(f"**{t('measure', lang)}:** {measure(finding.measure, lang)}")
    st.write(f"**{t('saving', lang)}:** {saving_text(finding.saving, lang)}")
    if lang == "en":
        st.write(f"**{t('rationale', lang)}:** {finding.rationale}")
    if finding.references:
        refs = "; ".join(f"{r.number}{' ' + r.title if r.title else ''}" for r in finding.references)
        st.write(f"**{t('legal', lang)}:** {refs}")


def _findings(procedure: Procedure, findings: list[Finding], rules: dict[str, Rule], lang: str) -> None:
    if not findings:
        st.success(t("no_findings", lang))
        return
    st.dataframe(
        [
            {
                t("rule", lang): _rule_title(f, rules, lang),
                t("severity", lang): severity(f.severity, lang),
                t("target", lang): _target(f, lang),
                t("message", lang): _message(f, lang),
                t("measure", lang): measure(f.measure, lang),
                t("saving", lang): saving_text(f.saving, lang),
            }
            for f in findings
        ],
        width="stretch",
        hide_index=True,
    )
    for finding in findings:
        with st.expander(f"{_rule_title(finding, rules, lang)} · {_target(finding, lang)[:120]}"):
            _finding_block(finding, rules, lang)


# -- compliance cost --------------------------------------------------------------------------


def _cost(procedure: Procedure, projected: Procedure | None, lang: str) -> None:
    params = _cost_parameters()
    before = compliance_cost(procedure, params)
    after = compliance_cost(projected, params) if projected is not None else None
    cols = st.columns(2)
    for col, key, old, new in (
        (cols[0], "cost_per_dossier", before.per_dossier_vnd, after.per_dossier_vnd if after else None),
        (cols[1], "cost_annual", before.annual_vnd, after.annual_vnd if after else None),
    ):
        if new is None:
            col.metric(t(key, lang), vnd(old, lang))
            continue
        # Streamlit reads a delta's sign from an ASCII minus: with the true minus sign, the colour and the
        # arrow are said (a cost that falls is good news, one unchanged no news).
        col.metric(
            t(key, lang),
            vnd(new, lang),
            _delta(old, new, lang),
            delta_color="red" if new > old else "green" if new < old else "gray",
            delta_arrow="up" if new > old else "down" if new < old else "off",
        )
    st.dataframe(_cost_rows(before, after, lang), width="stretch", hide_index=True)
    estimate = t("estimate", lang) if before.volume_is_estimate else ""
    st.caption(
        t(
            "cost_volume",
            lang,
            volume=num(before.annual_volume, lang),
            estimate=estimate,
            hourly=vnd(before.hourly_income_vnd, lang),
        )
        + " "
        + t("cost_mode", lang, mode=channel(before.mode, lang))
        + " "
        + t("cost_estimate_note", lang)
    )


def _delta(before: int, after: int, lang: str) -> str:
    change = after - before
    share = f" ({pct(change / before, lang)})" if before else ""
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return f"{sign}{vnd(abs(change), lang)}{share}"


def _cost_rows(before: CostBreakdown, after: CostBreakdown | None, lang: str) -> list[dict]:
    after_lines = {line.activity: line for line in after.lines} if after else {}
    activities = [line.activity for line in before.lines]
    activities += [a for a in after_lines if a not in activities]
    before_lines = {line.activity: line for line in before.lines}
    rows = []
    for act in activities:
        old, new = before_lines.get(act), after_lines.get(act)
        row = {
            t("cost_activity", lang): activity(act, lang),
            t("cost_hours", lang): number(float(old.hours), lang, 2) if old else "—",
            t("cost_before", lang): vnd(old.total_vnd, lang) if old else "—",
        }
        if after is not None:
            row[t("cost_after", lang)] = vnd(new.total_vnd, lang) if new else "—"
            old_vnd, new_vnd = (old.total_vnd if old else 0), (new.total_vnd if new else 0)
            row[t("cost_change", lang)] = _delta(old_vnd, new_vnd, lang)
        rows.append(row)
    total = {
        t("cost_activity", lang): t("cost_total", lang),
        t("cost_hours", lang): number(float(sum(line.hours for line in before.lines)), lang, 2),
        t("cost_before", lang): vnd(before.per_dossier_vnd, lang),
    }
    if after is not None:
        total[t("cost_after", lang)] = vnd(after.per_dossier_vnd, lang)
        total[t("cost_change", lang)] = _delta(before.per_dossier_vnd, after.per_dossier_vnd, lang)
    return [*rows, total]


# -- details ----------------------------------------------------------------------------------


def _details(procedure: Procedure, lang: str) -> None:
    st.subheader(t("channels", lang))
    st.dataframe(
        [
            {
                t("channel", lang): channel(c.kind, lang),
                t("time_limit", lang): _time_limit(c, lang),
                t("fee", lang): _fee(c, lang),
            }
            for c in procedure.channels
        ],
        width="stretch",
        hide_index=True,
    )
    if procedure.online_level:
        st.write(f"**{t('online_level', lang)}:** {online_level(procedure.online_level.value, lang)}")
    if procedure.conditions:
        st.subheader(t("conditions", lang))
        for condition in procedure.conditions:
            st.write(f"- {condition}")
    if procedure.legal_basis:
        st.subheader(t("legal_basis", lang))
        for ref in procedure.legal_basis:
            st.write(f"- {ref.number}{' — ' + ref.title if ref.title else ''}")


def _time_limit(channel_: Channel, lang: str) -> str:
    limit = channel_.time_limit
    return duration(limit.value, limit.unit, lang) if limit else t("none_stated", lang)


def _fee(channel_: Channel, lang: str) -> str:
    fee = channel_.fee
    if fee is None:
        return t("unknown", lang)
    if fee.free:
        return t("free", lang)
    if fee.amount_vnd is not None:
        return vnd(fee.amount_vnd, lang)
    return fee.text or t("unknown", lang)


if __name__ == "__main__":
    render(state.lang())
