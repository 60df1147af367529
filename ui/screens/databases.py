"""Cơ sở dữ liệu: what if a database were published for a document type, or not, or from another date;
and the databases ranked by what looking their data up saves across the catalogue."""

from __future__ import annotations

import datetime as dt

import state
import streamlit as st
from i18n import num, signed, t, vnd

from engine.cost.parameters import load_cost_parameters
from engine.model import Finding
from engine.services.whatif import SourceChange, current_since, rank_sources, what_if


@st.cache_resource(show_spinner=False)
def _cost_parameters():  # type: ignore[no-untyped-def]
    return load_cost_parameters()


def render(lang: str) -> None:
    st.title(t("db_title", lang))
    data = state.audited(lang)
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
    doc_type = state.choice(
        c2, t("doc_type", lang), doc_types, "k_db_doc", format_func=lambda d: state.doc_type_name(d, lang)
    )
    since = current_since(registry, source_id, doc_type)
    st.caption(
        t(
            "currently",
            lang,
            s=t("since", lang, d=since.strftime("%d/%m/%Y")) if since else t("not_published", lang),
        )
    )
    with st.form("what_if"):
        mode = st.radio(
            t("db_mode", lang),
            ["published", "not_published"],
            format_func=lambda m: t(m, lang),
            horizontal=True,
            key="k_db_mode",
        )
        date = st.date_input(
            t("published", lang), value=since or dt.date.today(), format="DD/MM/YYYY", key="k_db_date"
        )
        submitted = st.form_submit_button(t("compute", lang))
    if submitted:
        change = SourceChange(source_id, doc_type, date if mode == "published" else None)
        with st.spinner(t("loading", lang)):
            effect = what_if(state.what_if_base_in_use(), change)
        st.session_state["what_if_effect"] = (change, effect)
    stored = st.session_state.get("what_if_effect")
    if stored and stored[0].source_id == source_id and stored[0].doc_type == doc_type:
        _effect(stored[1], data, lang)
    _ranking(data, lang)


def _effect(effect, data: state.Audited, lang: str) -> None:  # type: ignore[no-untyped-def]
    params = _cost_parameters()
    st.caption(t("audited_again", lang, n=num(effect.procedures_audited, lang)))
    cols = st.columns(4)
    cols[0].metric(t("delta_findings", lang), signed(effect.findings_delta, lang))
    cols[1].metric(t("delta_components", lang), signed(effect.components_delta, lang))
    cols[2].metric(t("delta_hours", lang), signed(effect.hours_delta, lang, 1))
    cols[3].metric(t("delta_vnd", lang), signed(effect.vnd_delta(params), lang) + " đ")
    if not effect.added and not effect.removed:
        st.info(t("no_change", lang))
        return
    for label, findings in ((t("added", lang), effect.added), (t("removed", lang), effect.removed)):
        if findings:
            st.markdown(f"**{label}** ({num(len(findings), lang)})")
            st.dataframe(_findings(findings, data, lang), hide_index=True, width="stretch")


def _findings(findings: list[Finding], data: state.Audited, lang: str) -> list[dict[str, object]]:
    return [
        {
            t("code", lang): f.procedure_code,
            t("name", lang): f.procedure_name,
            t("rule", lang): _title(data, f.rule_id, lang),
            t("message", lang): f.message_vi if lang == "vi" else f.message_en,
        }
        for f in findings
    ]


def _title(data: state.Audited, rule_id: str, lang: str) -> str:
    rule = data.rulebook.rule(rule_id)
    return (rule.title_vi if lang == "vi" else rule.title_en) if rule else rule_id


def _ranking(data: state.Audited, lang: str) -> None:
    st.subheader(t("ranking", lang))
    ranking = rank_sources(data.catalogue.registry, data.result, _cost_parameters())
    st.table(
        [
            {
                t("database", lang): s.source.name_vi if lang == "vi" else s.source.name_en,
                t("owner", lang): s.source.owner,
                t("findings", lang): s.findings,
                t("procedures", lang): s.procedures,
                t("components", lang): s.components,
                t("hours_saved", lang): num(s.hours, lang, 1),
                t("vnd_saved", lang): vnd(s.vnd, lang),
            }
            for s in ranking
        ],
        hide_index=True,
    )
    st.caption(t("ranking_note", lang))


if __name__ == "__main__":
    render(state.lang())
