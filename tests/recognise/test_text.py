"""Folding: the normaliser every matcher shares."""

from __future__ import annotations

from engine.recognise.text import fold, fold_lowered, fold_pattern, lower_text


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
