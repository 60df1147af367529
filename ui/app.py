"""The Tinh Gọn workbench (Streamlit). Run with ``tinhgon ui``.

Every view calls the same service layer as the CLI. Everything renders offline: graphs are Graphviz dot
drawn in the browser by Streamlit's own bundle; no CDN is used.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # views import i18n and state as top-level modules

from i18n import t  # noqa: E402
from views import procedures  # noqa: E402

VIEWS = {"procedures": procedures.render}


def main() -> None:
    st.set_page_config(page_title="Tinh Gọn", page_icon="⚖️", layout="wide")
    lang = st.sidebar.radio(
        "Ngôn ngữ / Language",
        ["vi", "en"],
        format_func={"vi": "Tiếng Việt", "en": "English"}.get,
        horizontal=True,
        key="lang",
    )
    view = st.sidebar.radio(
        t("view", lang), list(VIEWS), format_func=lambda v: t(f"view_{v}", lang), key="view"
    )
    st.title(t("title", lang))
    VIEWS[view](lang)


main()
