"""Folding: the normaliser every matcher shares."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from engine.recognise import text as text_module
from engine.recognise.text import fold, fold_lowered, fold_pattern, lower_text, spaced_text


def test_fold_drops_diacritics_case_and_extra_spaces() -> None:
    assert fold("  Giấy CHỨNG NHẬN\tquyền   sử dụng\nđất ") == "giay chung nhan quyen su dung dat"


def test_fold_turns_d_with_stroke_into_d() -> None:
    assert fold("Đăng ký đầu tư ĐKDN") == "dang ky dau tu dkdn"


def test_fold_reads_decomposed_and_old_style_tone_marks_alike() -> None:
    decomposed = "Hộ chiếu".replace("ộ", "o\u0323\u0302")  # o + dot below + circumflex
    assert fold(decomposed) == fold("Hộ chiếu") == "ho chieu"
    assert fold("uỷ quyền") == fold("ủy quyền") == "uy quyen"


def test_fold_separates_cells_glued_together() -> None:
    assert fold("Giấy khai sinhMẫu 01.docx") == "giay khai sinh mau 01.docx"


def test_lowered_and_folded_texts_keep_the_same_offsets() -> None:
    lowered = lower_text("Trường hợp  không có Giấy khai sinh thì nộp trích lục")
    folded = fold_lowered(lowered)
    assert len(lowered) == len(folded)
    assert lowered.index("thì") == folded.index("thi ")


def test_fold_pattern_keeps_regular_expression_escapes() -> None:
    assert fold_pattern(r"Số \S+ \d+ Đơn") == r"so \S+ \d+ don"


def _by_table(text: str) -> str:
    return text.translate(text_module._FOLD_TABLE)


def test_fast_folding_equals_the_table_for_every_character() -> None:
    """Each character alone, and every character between Vietnamese letters: fast paths and the slow runs
    (marks, eth, letters with a non-ASCII base such as ǣ, other scripts) must fold as the table does."""
    characters = [chr(code) for code in range(0x3000) if not 0xD800 <= code < 0xE000]
    for character in characters:
        assert fold_lowered(character) == _by_table(character), hex(ord(character))
    mixed = "ấ".join(characters) + "đ\u0301ǣ ẛ“Đ”ộ"
    assert fold_lowered(mixed) == _by_table(mixed)
    assert len(fold_lowered(mixed)) == len(mixed)


def test_the_characters_the_fast_fold_gets_wrong_are_all_known() -> None:
    """A text folds in one pass unless it holds one of ``_FAST_BUT_WRONG`` (or a character the fast fold
    drops): they must be every character of this Python's Unicode that it folds to one wrong character."""
    wrong = set()
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        character = chr(code)
        fast = text_module._fold_fast(character)
        if len(fast) == 1 and fast != _by_table(character):
            wrong.add(character)
    assert wrong == set(text_module._FAST_BUT_WRONG)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF, exclude_categories=("Cs",))))
def test_fast_folding_equals_the_table_on_any_text(text: str) -> None:
    assert fold_lowered(text) == _by_table(text)


@given(st.text(alphabet=st.sampled_from("aAàÀbBđĐ ễỄ\t\nMẫuΣσǅ“”-.")))
def test_unglued_capitals_are_those_after_a_small_letter(text: str) -> None:
    small, capital = re.escape(text_module._LOWER), re.escape(text_module._UPPER)
    expected = " ".join(re.sub(f"(?<=[{small}])(?=[{capital}])", " ", text).split())
    assert spaced_text(text) == expected
