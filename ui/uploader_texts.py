"""Streamlit's file uploader in the page's language.

Its button («Upload») and limit line («50MB per file • JSON, ZIP») are English in every Streamlit release,
and no option changes them. CSS hides those words and draws ours in their place. The types are left to the
service (``type=None``): it rejects other files with a message the page translates, where Streamlit's own
check said «application/pdf files are not allowed.»; the limit line still names the types it reads. A
browser test reads the words drawn, so a Streamlit release that renames these elements fails it instead of
bringing the English back.
"""

from __future__ import annotations

import streamlit as st
from i18n import num, t

_BUTTON = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def uploader_css(key: str, mb: int, types: list[str], lang: str) -> str:
    """The style that writes the uploader ``key``'s button and limit line in ``lang``.

    >>> "Tối đa 50 MB mỗi tệp • JSON, ZIP" in uploader_css("upload_files", 50, ["json", "zip"], "vi")
    True
    >>> '"50 MB per file • CSV"' in uploader_css("volumes_file", 50, ["csv"], "en")
    True
    """
    limit = t("upload_limit", lang, mb=num(mb, lang), types=", ".join(kind.upper() for kind in types))
    rules = []
    for selector, text in ((_BUTTON, t("upload_button", lang)), (_LIMIT, limit)):
        scoped = f".st-key-{key} {selector}"
        # The element keeps its box (font size 0 hides its own words); ours are drawn at Streamlit's 14 px.
        rules.append(f"{scoped}{{font-size:0}}{scoped}::after{{content:{_css_string(text)};font-size:14px}}")
    return "".join(rules)


def relabel_uploader(key: str, mb: int, types: list[str], lang: str) -> None:
    """Draw :func:`uploader_css` on the page (a style only: it takes no room)."""
    st.html(f"<style>{uploader_css(key, mb, types, lang)}</style>")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
