"""Cơ sở dữ liệu: what if a database were published for a document type, or not, or from another date;
and the databases ranked by what looking their data up saves across the catalogue, a year.

Both go through ``engine.services.sources`` (the ranking and its what-if model, as ``tinhgon sources
rank``) and ``engine.services.whatif`` (the findings a change moves)."""

from __future__ import annotations

import datetime as dt

import state
import streamlit as st
from i18n import num, pct, signed, t, vnd

from engine.model import Finding, SourceRegistry
from engine.services.sources import SourceRanking, SourceSaving, WhatIf, published_since, rank_sources
from engine.services.whatif import Effect, WhatIfBase, what_if


def render(lang: str) -> None:
    st.title(t("db_title", lang))
    data = state.audited(lang)
    base = state.what_if_base_in_use()
    reuse = state.precision().get("TG-REUSE-DATA")
    if reuse and reuse.share is not None:
        share = pct(reuse.share, lang, 0)
        st.warning(t("db_experimental", lang, correct=reuse.correct, judged=reuse.judged, share=share))
    _what_if(data, base, lang)


@state.fragment
def _what_if(data: state.Audited, base: WhatIfBase, lang: str) -> None:
    """The change, its effect and the ranking: computing a what-if redraws only this part."""
    registry = data.catalogue.registry
    sources = [s.id for s in registry.sources]
    c1, c2 = st.columns(2)
    source_id = state.choice(
        c1,
        t("database", lang),
        sources,
        "k_db_source",
        format_func=lambda s: state.source_name(registry, s, lang),
    )
    doc_types = sorted(state.doc_type_names(), key=lambda d: state.doc_type_name(d, lang))
    source = registry.by_id(source_id)
    own = [r.doc_type for r in source.replaces]
    doc_types = own + [d for d in doc_types if d not in own]
    _follow(("db_source_seen", source_id), {"k_db_doc": own[0] if own else None})
    doc_type = state.choice(
        c2, t("doc_type", lang), doc_types, "k_db_doc", format_func=lambda d: state.doc_type_name(d, lang)
    )
    # The date shown is the chosen pair's own: a date kept from another database would be credited here.
    _follow(("db_pair_seen", (source_id, doc_type)), {"k_db_date": None})
    since = published_since(registry, source_id, doc_type)
    st.caption(
        t(
            "currently",
            lang,
            s=t("since", lang, d=since.strftime("%d/%m/%Y")) if since else t("not_published", lang),
        )
    )
    # Outside the form, so that choosing «Không công bố» takes the date away at once.
    mode = st.radio(
        t("db_mode", lang),
        ["published", "not_published"],
        format_func=lambda m: t(m, lang),
        horizontal=True,
        key="k_db_mode",
    )
    with st.form("what_if", border=False):
        date = None
        if mode == "published":
            date = st.date_input(
                t("published", lang), value=since or dt.date.today(), format="DD/MM/YYYY", key="k_db_date"
            )
        submitted = st.form_submit_button(t("compute", lang))
    if submitted:
        change = WhatIf(source_id, (doc_type,), date)
        with st.spinner(t("loading", lang)):
            # The changed source's row only: the whole ranking with the change waits for its expander.
            effect = what_if(base, change, rank_all=False)
        st.session_state["what_if_effect"] = (change, effect)
    stored = st.session_state.get("what_if_effect")
    shown = None
    if stored and stored[0].source_id == source_id and stored[0].doc_types == (doc_type,):
        shown = stored[1]
        _effect(shown, lang)
    _ranking(base.ranking, lang, registry)
    if shown is not None:
        with st.expander(t("ranking_what_if", lang), key="db_ranking_open", on_change="rerun") as box:
            if box.open:  # computed and drawn only when open: the page shows one ranking at a time
                ranking = rank_sources(base.catalogue, [stored[0]], base.params, base.ranking.as_of)
                _ranking_table(ranking, lang, registry)


def _follow(seen: tuple[str, object], resets: dict[str, object]) -> None:
    """When the choice under ``seen[0]`` changes to ``seen[1]``, set the widgets that depend on it back to
    their defaults (``None``: the widget's own default), before they are drawn."""
    key, value = seen
    if st.session_state.get(key) == value:
        return
    st.session_state[key] = value
    for widget, default in resets.items():
        if default is None:
            st.session_state.pop(widget, None)
        else:
            st.session_state[widget] = default


def _effect(effect: Effect, lang: str) -> None:
    st.caption(t("audited_again", lang, n=num(effect.procedures_audited, lang)))
    before, after = effect.before, effect.after
    cols = st.columns(3)
    cols[0].metric(t("delta_findings", lang), signed(effect.findings_delta, lang))
    if before is not None and after is not None:
        figures = (
            (cols[1], "delta_components", num, before.components, after.components),
            (cols[2], "delta_procedures", num, before.procedures, after.procedures),
            *zip(
                st.columns(3)[:2],
                ("delta_hours", "delta_vnd"),
                (num, vnd),
                (before.hours_per_year, before.vnd_per_year),
                (after.hours_per_year, after.vnd_per_year),
                strict=True,
            ),
        )
        for col, key, fmt, old, new in figures:
            change = new - old
            # Streamlit reads a delta's sign from an ASCII minus: the true minus sign needs its colour
            # and arrow said.
            shown = ("+" if change > 0 else "−") + fmt(abs(change), lang) if change else None
            col.metric(
                t(key, lang),
                fmt(new, lang),
                delta=shown,
                delta_color="green" if change > 0 else "red",
                delta_arrow="up" if change > 0 else "down",
                help=t("delta_help", lang, d=shown or "0"),
            )
    if not effect.added and not effect.removed:
        st.info(t("no_change", lang))
        return
    for label, findings in ((t("added", lang), effect.added), (t("removed", lang), effect.removed)):
        if findings:
            st.markdown(f"**{label}** ({num(len(findings), lang)})")
            st.dataframe(_findings(findings, lang), hide_index=True, width="stretch")


def _findings(findings: list[Finding], lang: str) -> list[dict[str, object]]:
    return [
        {
            t("code", lang): f.procedure_code,
            t("name", lang): f.procedure_name,
            t("rule", lang): _title(f.rule_id, lang),
            t("message", lang): f.message_vi if lang == "vi" else f.message_en,
        }
        for f in findings
    ]


def _title(rule_id: str, lang: str) -> str:
    rule = state.all_rules().get(rule_id)
    return (rule.title_vi if lang == "vi" else rule.title_en) if rule else t("unknown", lang)


def _ranking(ranking: SourceRanking, lang: str, registry: SourceRegistry) -> None:
    st.subheader(t("ranking", lang))
    _ranking_table(ranking, lang, registry)
    st.caption(t("ranking_note", lang, d=ranking.as_of.strftime("%d/%m/%Y")))


def _ranking_table(ranking: SourceRanking, lang: str, registry: SourceRegistry) -> None:
    st.table([_row(s, lang, registry) for s in ranking.sources], hide_index=True)


def _row(s: SourceSaving, lang: str, registry: SourceRegistry) -> dict[str, object]:
    name = s.name_vi if lang == "vi" else s.name_en
    if s.what_if:
        name += f" ({t('what_if_mark', lang)})"
    if not s.procedures:
        volumes = t("none", lang)
    elif s.estimated_volumes:
        volumes = t("volumes_assumed", lang, n=num(s.estimated_volumes, lang), m=num(s.procedures, lang))
    else:
        volumes = t("volumes_real", lang)
    return {
        t("database", lang): name,
        t("owner", lang): registry.by_id(s.source_id).owner,
        t("serves", lang): "; ".join(state.doc_type_name(d, lang) for d in s.doc_types) or t("none", lang),
        t("components", lang): num(s.components, lang),
        t("procedures", lang): num(s.procedures, lang),
        t("hours_saved", lang): num(s.hours_per_year, lang),
        t("vnd_saved", lang): vnd(s.vnd_per_year, lang),
        t("volumes", lang): volumes,
    }


if __name__ == "__main__":
    render(state.lang())
