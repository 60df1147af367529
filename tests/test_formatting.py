"""Numbers and Markdown cells as every report, the workbench and the maps write them."""

from decimal import Decimal

import pytest

from engine.formatting import fixed_number, markdown_cell, number


def test_numbers_are_written_the_vietnamese_way():
    assert number(1189788944) == "1.189.788.944"
    assert number(2.9) == "2,9" and number(2.9, "en") == "2.9"
    assert number(1271, "en") == "1,271" and number(7.0) == "7"


@pytest.mark.parametrize(
    ("value", "decimals", "vi", "en"),
    [
        (1230.4, 0, "1.230", "1,230"),  # no decimal point: the zeros of the integer part stay
        (1230.0004, 3, "1.230", "1,230"),  # rounds to an integer: no dangling separator
        (0.6, 3, "0,6", "0.6"),
        (Decimal("1500"), 2, "1.500", "1,500"),
    ],
)
def test_only_the_decimals_a_number_has_are_written(value, decimals, vi, en):
    assert number(value, "vi", decimals) == vi and number(value, "en", decimals) == en


def test_fixed_decimals_keep_their_zeros():
    assert fixed_number(1234.5, "vi", 2) == "1.234,50" and fixed_number(1234.5, "en", 2) == "1,234.50"
    assert fixed_number(1189788944.4) == "1.189.788.944"


def test_halves_round_up_as_readers_round_them():
    # Python's format() rounds 32.5 to even (32) and 2.675 (binary 2.67499…) down: a judged 13 of 40
    # read as 32% looked like a wrong sum.
    assert fixed_number(13 / 40 * 100) == "33" and fixed_number(2.675, "en", 2) == "2.68"
    assert fixed_number(True) == "1" and fixed_number(float("nan")) == "NaN"


def test_a_markdown_cell_is_one_line_with_its_pipes_escaped():
    assert markdown_cell("a | b\n\n  c\t d") == "a \\| b c d"
