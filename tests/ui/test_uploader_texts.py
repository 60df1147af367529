"""The uploader's own English words are drawn over in Vietnamese; the browser test checks the page."""

from __future__ import annotations

import doctest

import uploader_texts


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(uploader_texts).failed == 0


def test_the_vietnamese_words_are_drawn_only_over_the_uploader_named() -> None:
    css = uploader_texts.uploader_css("volumes_file", 50, ["csv", "xlsx"], "vi")
    assert css.count(".st-key-volumes_file ") == 4  # button and limit line: hidden, then drawn
    assert 'content:"Chọn tệp"' in css
    assert 'content:"Tối đa 50 MB mỗi tệp • CSV, XLSX"' in css


def test_a_quote_in_a_text_cannot_end_the_css_string() -> None:
    assert uploader_texts._css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
