"""What every view shares: the audited catalogue, loaded once per process and cached."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from i18n import t

from engine.services import AuditResult, Catalogue, audit, load_catalogue, load_rulebook
from engine.services.paths import catalogue_dir


@st.cache_resource(show_spinner=False)
def _catalogue(path: str) -> Catalogue:
    return load_catalogue(Path(path))


@st.cache_resource(show_spinner=False)
def _audited(path: str, experimental: bool) -> AuditResult:
    return audit(_catalogue(path), load_rulebook(include_experimental=experimental))


def audited(lang: str, experimental: bool = False) -> tuple[Catalogue, AuditResult]:
    """The catalogue the workbench serves (``TINHGON_CATALOGUE`` or the bundled one) and its audit,
    with the experimental rules too when asked (their precision is not yet proven)."""
    with st.spinner(t("loading", lang)):
        path = str(catalogue_dir())
        return _catalogue(path), _audited(path, experimental)
