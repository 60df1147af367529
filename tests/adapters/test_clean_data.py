"""Cleaning parsed data: checks and notes, and the field a problem is in."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter

import pytest

from engine.adapters.decoding import INERT_RANGES, JSON_ESCAPES, MAX_DEPTH, DataProblem, clean_data
from engine.importers.files import read_json


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


def _nested(depth: int, leaf: object) -> object:
    data = leaf
    for _ in range(depth):
        data = {"k": [data]}
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"thanh_phan": [{"ten": "a"}, {"so": float("inf")}]}, "thanh_phan[1].so"),
        ([1, [2, -float("inf")]], "[1][1]"),
        (_nested(MAX_DEPTH // 2 + 1, "x"), ".".join(["k[0]"] * (MAX_DEPTH // 2))),
    ],
)
def test_parsed_json_of_a_text_clear_of_text_checks_is_still_checked(data: object, field: str) -> None:
    # A text of inert characters only, without escapes: only nesting and numbers are left to check.
    text = json.dumps(data).replace("Infinity", "1e999")
    with pytest.raises(DataProblem) as problem:
        clean_data(json.loads(text), text=text, escapes=JSON_ESCAPES, tree=True)
    assert problem.value.field == field


def test_parsed_json_that_needs_no_cleaning_comes_back_unchanged() -> None:
    data = {
        "ten": "Giấy khai sinh",
        "so": [1, 2.5, None, True, {"a": []}],
        "deep": _nested(MAX_DEPTH // 2 - 1, 1),
    }
    text = json.dumps(data, ensure_ascii=False)
    notes: Counter[str] = Counter()
    assert clean_data(json.loads(text), notes, text, JSON_ESCAPES, tree=True) == data
    assert not notes
    nfd = text.replace("\u1ea5", "a\u0302\u0301")  # ấ decomposed
    assert clean_data(json.loads(nfd), notes, nfd, JSON_ESCAPES, tree=True) == data
    assert notes == Counter({"normalised_to_nfc": 1})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_a_record_in_any_encoding_read_is_cleaned_alike(tmp_path, encoding: str) -> None:
    # Which checks texts need is read from the decoded text, whatever the bytes spelled it with.
    record = tmp_path / "record.json"
    text = json.dumps({"ten": "Gia\u0301y x\u0085y \u0001z"}, ensure_ascii=False)
    record.write_bytes((("\ufeff" if encoding == "utf-16-be" else "") + text).encode(encoding))
    notes: Counter[str] = Counter()
    assert read_json(record, notes) == ({"ten": "Giáy xy z"}, None)
    assert notes == Counter({"control_characters_removed": 2, "normalised_to_nfc": 1})


def test_inert_characters_are_left_alone_by_nfc_and_the_control_check():
    # Each is stable under NFC and of combining class 0, and no canonical composition ends with it:
    # a text of them only is NFC whatever their order, and holds no control character.
    seconds = set()
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    for first, last in INERT_RANGES:
        for code in range(ord(first), ord(last) + 1):
            char = chr(code)
            assert unicodedata.normalize("NFC", char) == char and not unicodedata.combining(char), hex(code)
            assert code not in seconds and clean_data(char) == char, hex(code)
