"""The terminal table of recognitions."""

from __future__ import annotations

from engine.recognise import Recogniser, format_table


def test_table_has_a_line_per_text_with_type_alias_and_confidence(recogniser: Recogniser) -> None:
    table = format_table(
        [
            recogniser.recognise("Bản sao Hộ chiếu hoặc thẻ Căn cước công dân"),
            recogniser.recognise("Đơn đề nghị cấp giấy phép xây dựng"),
        ]
    )
    header, rule, passport, form = table.splitlines()
    assert header.split() == ["confidence", "type", "other", "types", "alias", "text"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert passport.split()[:3] == ["1.00", "passport", "citizen_id"]
    assert "hộ chiếu" in passport
    assert form.split()[:2] == ["0.20", "-"]  # named, but only as what the form applies for


def test_long_texts_are_shortened(recogniser: Recogniser) -> None:
    text = "Giấy khai sinh " + "của người được nhận làm con nuôi " * 10
    line = format_table([recogniser.recognise(text)], text_width=40).splitlines()[-1]
    cell = line[line.index("Giấy khai sinh") :]
    assert cell.endswith("…")
    assert len(cell) == 40


def test_no_texts_give_the_header_only() -> None:
    assert len(format_table([]).splitlines()) == 2
