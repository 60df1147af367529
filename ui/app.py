"""The Tinh Gọn workbench (Streamlit), run with ``tinhgon ui``.

A multipage app (``st.navigation``, file pages): one module per page under ``ui/pages/``, each defining
``render(lang)`` and ending with ``if __name__ == "__main__": render(state.lang())``, so Streamlit runs it as
a page and other modules (and tests) can import it. Every page calls the service layer the CLI uses
(``engine.services``). Everything renders offline with Streamlit's own bundle; no CDN is used.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # pages import i18n and state as top-level modules

import state  # noqa: E402
from i18n import LANGS, t  # noqa: E402

UI = Path(__file__).resolve().parent

# (url path, text key, page file): the url paths are stable, so a language switch keeps the page.
PAGES = [
    ("tong-quan", "page_overview", "pages/overview.py"),
    ("danh-muc", "page_catalogue", "pages/catalogue.py"),
    ("thu-tuc", "page_procedure", "pages/procedure.py"),
    ("ra-soat", "page_review", "pages/review.py"),
    ("quy-tac", "page_rules", "pages/rules.py"),
    ("co-so-du-lieu", "page_databases", "pages/databases.py"),
    ("nap-du-lieu", "page_load", "pages/load.py"),
]


def main() -> None:
    st.set_page_config(page_title="Tinh Gọn", page_icon="⚖️", layout="wide")
    state.init_defaults()
    state.keep_widget_values()
    lang = st.session_state["lang"]
    pages = [
        st.Page(UI / file, title=t(key, lang), url_path=path, default=(i == 0))
        for i, (path, key, file) in enumerate(PAGES)
    ]
    state.register_pages(pages)
    current = st.navigation(pages)
    with st.sidebar:
        st.radio(t("language", lang), list(LANGS), format_func=LANGS.get, horizontal=True, key="lang")
        st.toggle(t("experimental", lang), key="experimental", help=t("experimental_help", lang))
        _plan_choice(lang)
        st.text_input(t("reviewer", lang), key="reviewer", help=t("reviewer_help", lang))
    current.run()


def _plan_choice(lang: str) -> None:
    plans = state.repository().plans()
    ids = [None, *(p.id for p in plans)]
    names = {p.id: p.name for p in plans}
    if st.session_state.get("plan_id") not in ids:
        st.session_state["plan_id"] = None
    st.selectbox(
        t("plan", lang),
        ids,
        format_func=lambda i: t("no_plan", lang) if i is None else names[i],
        key="plan_id",
    )


main()
