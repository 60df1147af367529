"""Procedures view: choose a procedure, see its graph with the findings marked, and the findings."""

from __future__ import annotations

import streamlit as st
from i18n import t
from state import audited

from engine.model import Finding, Procedure
from engine.services import procedure_dot


def render(lang: str) -> None:
    experimental = st.sidebar.toggle(
        t("experimental", lang), key="experimental", help=t("experimental_help", lang)
    )
    catalogue, result = audited(lang, experimental)

    flagged = {f.procedure_code for f in result.findings}
    cols = st.columns(4)
    cols[0].metric(t("procedures", lang), len(catalogue.procedures))
    cols[1].metric(t("findings", lang), len(result.findings))
    cols[2].metric(t("flagged", lang), len(flagged))
    cols[3].metric(t("problems", lang), len(catalogue.problems))
    if catalogue.problems:
        with st.sidebar.expander(f"{t('problems', lang)} ({len(catalogue.problems)})"):
            for problem in catalogue.problems[:200]:
                st.caption(str(problem))

    query = st.sidebar.text_input(t("search", lang), key="query").strip().lower()
    only_flagged = st.sidebar.checkbox(t("only_flagged", lang), key="only_flagged")
    choices = [
        p
        for p in catalogue.procedures
        if (not only_flagged or p.code in flagged) and (query in p.code.lower() or query in p.name.lower())
    ]
    if not choices:
        st.info(t("no_match", lang))
        return
    procedure = st.sidebar.selectbox(
        t("choose", lang), choices, format_func=lambda p: f"{p.code} · {p.name}", key="procedure"
    )
    findings = result.for_procedure(procedure.code)

    st.header(f"{procedure.code} · {procedure.name}")
    st.caption(
        f"{t('levels', lang)}: {', '.join(procedure.levels)} · {t('field', lang)}: {procedure.field or '—'}"
    )
    graph_tab, findings_tab, details_tab = st.tabs(
        [t("graph", lang), f"{t('findings', lang)} ({len(findings)})", t("details", lang)]
    )
    with graph_tab:
        st.graphviz_chart(procedure_dot(procedure, findings), width="stretch")
        st.caption(t("graph_legend", lang))
    with findings_tab:
        _findings(findings, lang)
    with details_tab:
        _details(procedure, lang)


def _findings(findings: list[Finding], lang: str) -> None:
    if not findings:
        st.success(t("no_findings", lang))
        return
    rows = [
        {
            t("rule", lang): f.rule_id,
            t("severity", lang): f.severity.value,
            t("target", lang): f"{f.target.kind.value} {f.target.id}",
            t("message", lang): f.message_vi if lang == "vi" else f.message_en,
            t("measure", lang): f.measure.value,
            t("legal", lang): ", ".join(str(r) for r in f.references),
            t("saving", lang): f"{f.saving.hours:g} h · {f.saving.vnd:,} đ",
        }
        for f in findings
    ]
    st.dataframe(rows, width="stretch", hide_index=True)
    for f in findings:
        with st.expander(f"{f.rule_id} · {f.target.label[:90]}"):
            st.write(f"**{t('rationale', lang)}:** {f.rationale}")
            st.write(
                f"**{t('legal', lang)}:** " + "; ".join(f"{r.number} {r.title or ''}" for r in f.references)
            )


def _details(procedure: Procedure, lang: str) -> None:
    st.subheader(t("components", lang))
    st.dataframe(
        [
            {
                "id": c.id,
                t("name", lang): c.name,
                t("originals", lang): c.originals,
                t("copies", lang): c.copies,
                t("doc_types", lang): ", ".join(c.doc_types),
            }
            for c in procedure.components
        ],
        width="stretch",
        hide_index=True,
    )
    st.subheader(t("steps", lang))
    st.dataframe(
        [
            {
                "#": s.order,
                t("action", lang): s.action,
                t("agency", lang): s.agency or "",
                "kind": s.kind.value,
            }
            for s in sorted(procedure.steps, key=lambda s: s.order)
        ],
        width="stretch",
        hide_index=True,
    )
    st.subheader(t("channels", lang))
    st.dataframe(
        [
            {
                "kind": c.kind.value,
                "days": c.time_limit.working_days if c.time_limit else None,
                "fee": (c.fee.amount_vnd if c.fee else None),
            }
            for c in procedure.channels
        ],
        width="stretch",
        hide_index=True,
    )
