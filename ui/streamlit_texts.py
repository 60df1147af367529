"""Streamlit's own words in the page's language.

The file uploader's button («Upload») and limit line («50MB per file • JSON, ZIP»), the button that stops a
page while it runs («Stop»), the hint under a text box being typed in («Press Enter to apply»), the tips of
a table's toolbar («Download as CSV», «Search»…) and the first line of its column list («Select all»), and
what the page says when the server stops answering («Connecting», «Connection error», advice to type
``streamlit run yourscript.py`` or to check the internet) are English in every Streamlit release, and no
option changes them. CSS hides those words and draws ours in their place.

The uploaders leave the types to the service (``type=None``): it rejects other files with a message the page
translates, where Streamlit's own check said «application/pdf files are not allowed.»; the limit line still
names the types it reads. The menu (⋮), whose items are English too (theme, print, record screen), is
hidden: the toolbar mode that drops it (``minimal``) drops the running page's stop button with it. The
column list hides the index, which every table hides, where it showed its internal name «(index)». (The date
picker's calendar follows the browser's language. A column's own menu, «Sort ascending», «Pin column»…, is
still English: its items carry no name CSS can tell apart.) Browser tests read the words drawn, so a
Streamlit release that renames these elements fails them instead of bringing the English back.
"""

from __future__ import annotations

import streamlit as st
from i18n import num, t

_BUTTON = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
_STOP = '[data-testid="stStatusWidget"] button'
_MENU = '[data-testid="stMainMenu"]'
_HINT = '[data-testid="InputInstructions"]'
_TIP = '[data-testid="stTooltipContent"] p'
# A table's toolbar buttons, by the English name Streamlit gives them, and the text key of their tip.
_TABLE_TOOLS = {
    "Show/hide columns": "tool_columns",
    "Download as CSV": "tool_download",
    "Search": "tool_search",
    "Fullscreen": "tool_fullscreen",
    "Close fullscreen": "tool_close_fullscreen",
}
# The menu of a table's «Show/hide columns» tool: its first line and the index, which every table hides.
_COLUMNS_MENU = '[data-testid="stDataFrameColumnVisibilityMenu"]'
_CONNECTING = '[data-testid="stConnectionStatus"] label'
# Streamlit's dialog while the connection is down: the page has no dialog of its own (st.dialog), and this
# keeps one added later out of it.
_LOST = 'body:has([data-testid="stConnectionStatus"]) [data-testid="stDialog"] [role="dialog"]'


def uploader_css(key: str, mb: int, types: list[str], lang: str) -> str:
    """The style that writes the uploader ``key``'s button and limit line in ``lang``.

    >>> "Tối đa 50 MB mỗi tệp • JSON, ZIP" in uploader_css("upload_files", 50, ["json", "zip"], "vi")
    True
    >>> '"50 MB per file • CSV"' in uploader_css("volumes_file", 50, ["csv"], "en")
    True
    """
    limit = t("upload_limit", lang, mb=num(mb, lang), types=", ".join(kind.upper() for kind in types))
    return _drawn_over(f".st-key-{key} {_BUTTON}", t("upload_button", lang)) + _drawn_over(
        f".st-key-{key} {_LIMIT}", limit
    )


def page_css(lang: str) -> str:
    """The style that writes in ``lang`` the words Streamlit adds to every page: the stop button shown
    while a page runs (disabled once pressed, as the page stops), the hint under a text box, the tips of
    a table's toolbar and its column list, what the page says when the server stops answering; and hides
    the menu.

    >>> 'content:"Dừng"' in page_css("vi") and 'content:"Mất kết nối với máy chủ"' in page_css("vi")
    True
    """
    # A tip is drawn apart from its button: it is the one shown while that button is described by it.
    tips = "".join(
        _drawn_over(f'body:has([aria-describedby] > [aria-label="{name}"]) {_TIP}', t(key, lang))
        for name, key in _TABLE_TOOLS.items()
    )
    return (
        tips
        + _drawn_over(
            f'{_COLUMNS_MENU} label:has(input[aria-label="Select all"]) > span:last-child',
            t("all_columns", lang),
        )
        + f'{_COLUMNS_MENU} label:has(input[aria-label="(index)"]){{display:none}}'
        + _drawn_over(_HINT, t("enter_to_apply", lang), px=12)
        + _drawn_over(f'[data-testid="stForm"] {_HINT}', t("enter_to_submit", lang), px=12)
        + _drawn_over(_STOP, t("stop_button", lang))
        + _drawn_over(f"{_STOP}:disabled", t("stopping", lang))
        + f"{_MENU}{{display:none}}"
        + _drawn_over(_CONNECTING, t("reconnecting", lang))
        + _drawn_over(f"{_LOST} h2", t("connection_lost", lang), px=24)
        # The message may hold a code block, which keeps a font size of its own: hidden, not shrunk.
        + f"{_LOST} h2 + div > *{{display:none}}"
        + f"{_LOST} h2 + div::after{{content:{_css_string(t('connection_lost_help', lang))}}}"
    )


def relabel_uploader(key: str, mb: int, types: list[str], lang: str) -> None:
    """Draw :func:`uploader_css` on the page (a style only: it takes no room)."""
    st.html(f"<style>{uploader_css(key, mb, types, lang)}</style>")


def relabel_page(lang: str) -> None:
    """Draw :func:`page_css` on the page (a style only: it takes no room)."""
    st.html(f"<style>{page_css(lang)}</style>")


def _drawn_over(selector: str, text: str, px: int = 14) -> str:
    # The element keeps its box (font size 0 hides its own words); ours are drawn at Streamlit's size.
    return f"{selector}{{font-size:0}}{selector}::after{{content:{_css_string(text)};font-size:{px}px}}"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
