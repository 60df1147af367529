"""What every view shares: the audited catalogue, loaded once per process and cached."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from i18n import t

from engine.services import AuditResult, Catalogue, audit, load_catalogue
from engine.services.paths import catalogue_dir


@st.cache_resource(show_spinner=False)
def _audited(path: str) -> tuple[Catalogue, AuditResult]:
    catalogue = load_catalogue(Path(path))
    return catalogue, audit(catalogue)


def audited(lang: str) -> tuple[Catalogue, AuditResult]:
    """The catalogue the workbench serves (``TINHGON_CATALOGUE`` or the bundled one) and its audit."""
    with st.spinner(t("loading", lang)):
        return _audited(str(catalogue_dir()))
