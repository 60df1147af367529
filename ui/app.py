"""The Tinh Gọn workbench (Streamlit), run with ``tinhgon ui``.

A multipage app (``st.navigation``, file pages): one module per page under ``ui/screens/``, each defining
``render(lang)`` and ending with ``if __name__ == "__main__": render(state.lang())``, so Streamlit runs it as
a page and other modules (and tests) can import it. (Not ``ui/pages/``: Streamlit treats a ``pages/``
folder beside the main script as a legacy multipage app and shows "Page not found" on direct links.)
Every page calls the service layer the CLI uses (``engine.services``). Everything renders offline with
Streamlit's own bundle; no CDN is used.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # pages import i18n and state as top-level modules

import state  # noqa: E402
from i18n import LANGS, t  # noqa: E402
from streamlit_texts import relabel_page  # noqa: E402

UI = Path(__file__).resolve().parent

# (url path, text key, page file): the url paths are stable, so a language switch keeps the page.
PAGES = [
    ("tong-quan", "page_overview", "screens/overview.py"),
    ("danh-muc", "page_catalogue", "screens/catalogue.py"),
    ("thu-tuc", "page_procedure", "screens/procedure.py"),
    ("ra-soat", "page_review", "screens/review.py"),
    ("quy-tac", "page_rules", "screens/rules.py"),
    ("co-so-du-lieu", "page_databases", "screens/databases.py"),
    ("nap-du-lieu", "page_load", "screens/load.py"),
]


def main() -> None:
    started = time.perf_counter()
    st.set_page_config(page_title="Tinh Gọn", page_icon="⚖️", layout="wide")
    state.init_defaults()
    state.keep_widget_values()
    lang = st.session_state["lang"]
    relabel_page(lang)
    pages = [st.Page(UI / file, title=t(key, lang), url_path=path) for path, key, file in PAGES]
    state.register_pages(pages)
    # "/" leads to the overview at its own address: a default page is served only at "/", and its name
    # in a link or a bookmark (/tong-quan) met Streamlit's English «Page not found».
    home = st.Page(lambda: st.switch_page(pages[0]), title=pages[0].title, default=True, visibility="hidden")
    current = st.navigation([home, *pages])
    with st.sidebar:
        st.radio(t("language", lang), list(LANGS), format_func=LANGS.get, horizontal=True, key="lang")
        st.toggle(t("experimental", lang), key="experimental", help=t("experimental_help", lang))
        _plan_choice(lang)
        st.text_input(t("reviewer", lang), key="reviewer", help=t("reviewer_help", lang))
    current.run()
    state.ready_mark(started)


def _plan_choice(lang: str) -> None:
    plans = state.repository().plans()
    ids = [0, *(p.id for p in plans)]  # 0: no plan chosen
    names = {p.id: p.name for p in plans}
    state.choice(
        st, t("plan", lang), ids, "plan_id", format_func=lambda i: names[i] if i else t("no_plan", lang)
    )


main()
