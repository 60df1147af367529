"""Streamlit's own English words are drawn over in the page's language; the browser tests check the page."""

from __future__ import annotations

import doctest

import streamlit_texts


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(streamlit_texts).failed == 0


def test_the_vietnamese_words_are_drawn_only_over_the_uploader_named() -> None:
    css = streamlit_texts.uploader_css("volumes_file", 50, ["csv", "xlsx"], "vi")
    assert css.count(".st-key-volumes_file ") == 4  # button and limit line: hidden, then drawn
    assert 'content:"Chọn tệp"' in css
    assert 'content:"Tối đa 50 MB mỗi tệp • CSV, XLSX"' in css


def test_a_quote_in_a_text_cannot_end_the_css_string() -> None:
    assert streamlit_texts._css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


def test_the_page_style_speaks_either_language_and_hides_the_menu() -> None:
    css = streamlit_texts.page_css("en")
    assert 'content:"Stop"' in css and 'content:"Stopping…"' in css and 'content:"Reconnecting"' in css
    assert 'content:"Connection lost"' in css and "start it again with «tinhgon\u00a0ui»" in css
    assert '[data-testid="stMainMenu"]{display:none}' in streamlit_texts.page_css("vi")
