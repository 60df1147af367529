"""Thủ tục (placeholder): the procedure's name and findings. The procedure-map page replaces this module.

It reads the code from ``st.query_params["code"]`` (or ``st.session_state["procedure_code"]``).
"""

from __future__ import annotations

import state
import streamlit as st
from i18n import level, measure, severity, t


def render(lang: str) -> None:
    data = state.audited(lang)
    code = st.query_params.get("code") or st.session_state.get("procedure_code")
    procedure = next((p for p in data.catalogue.procedures if p.code == code), None)
    if procedure is None:
        st.title(t("page_procedure", lang))
        st.info(t("procedure_missing", lang))
        return
    st.session_state["procedure_code"] = procedure.code
    st.title(procedure.name)
    st.caption(
        f"{t('code', lang)} {procedure.code} · {t('level', lang)}: "
        f"{', '.join(level(v.value, lang) for v in procedure.levels)} · {t('field', lang)}: "
        f"{procedure.field or t('unknown', lang)}"
    )
    findings = data.result.for_procedure(procedure.code)
    st.subheader(f"{t('findings', lang)} ({len(findings)})")
    if not findings:
        st.success(t("no_findings", lang))
    for f in findings:
        st.markdown(
            f"**{severity(f.severity.value, lang)}** · {measure(f.measure.value, lang)}: "
            f"{f.message_vi if lang == 'vi' else f.message_en}"
        )


if __name__ == "__main__":
    render(state.lang())
