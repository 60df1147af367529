"""Cleaning parsed data: checks and notes, and the field a problem is in."""

from __future__ import annotations

from collections import Counter

import pytest

from engine.adapters.decoding import MAX_DEPTH, DataProblem, clean_data


def test_texts_are_cleaned_and_what_changed_is_counted() -> None:
    notes: Counter[str] = Counter({"earlier": 1})
    data = {"ten": ["x\x01y", "e\u0301"], "so": {"n": 1.5, "b": True}}
    assert clean_data(data, notes) == {"ten": ["xy", "é"], "so": {"n": 1.5, "b": True}}
    assert notes == Counter({"earlier": 1, "control_characters_removed": 1, "normalised_to_nfc": 1})


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"thanh_phan": [{"ten": "a"}, {"so": float("nan")}]}, "thanh_phan[1].so", "not a number"),
        ({"a": {"b": "x" * 1_000_001}}, "a.b", "more than 1,000,000"),
        ({"a": [[]]}, "", ""),
    ],
)
def test_a_problem_names_its_field(data: object, field: str, words: str) -> None:
    if not words:
        assert clean_data(data) == data
        return
    with pytest.raises(DataProblem) as problem:
        clean_data(data)
    assert problem.value.field == field
    assert words in problem.value.message


def test_data_nested_too_deep_names_the_place() -> None:
    data: object = "x"
    for _ in range(MAX_DEPTH + 1):
        data = {"k": data}
    with pytest.raises(DataProblem) as problem:
        clean_data(data)
    assert problem.value.field == ".".join(["k"] * MAX_DEPTH)
