"""import_path recognises portal and national records in files and folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.errors import UserError
from engine.importers import import_path
from tests.importers.conftest import NATIONAL_FIXTURES, record_file


def test_a_single_portal_file(raw: Path):
    outcome = import_path(record_file(raw, "1.001193"))
    assert [p.code for p in outcome.procedures] == ["1.001193"]
    assert outcome.procedures[0].origin == "portal"


def test_a_folder_mixing_both_formats_and_an_unknown_file(raw: Path, tmp_path: Path):
    shutil.copy(record_file(raw, "1.004222"), tmp_path / "1.004222.json")
    shutil.copy(NATIONAL_FIXTURES / "odd.json", tmp_path / "package.json")
    (tmp_path / "other.json").write_text('{"hello": "world"}', encoding="utf-8")
    outcome = import_path(tmp_path)
    assert sorted((p.code, p.origin) for p in outcome.procedures) == [
        ("1.004222", "portal"),
        ("2.000001", "national"),
    ]
    assert outcome.records_in == 5 and outcome.balanced  # 1 portal + 3 national + 1 unknown
    assert any(p.path.endswith("other.json") and "neither" in p.message for p in outcome.problems)


def test_the_same_code_in_both_formats_is_imported_once(raw: Path, tmp_path: Path):
    shutil.copy(record_file(raw, "1.001193"), tmp_path / "a.json")
    shutil.copy(NATIONAL_FIXTURES / "realistic.json", tmp_path / "b.json")
    outcome = import_path(tmp_path)
    assert len(outcome.procedures) == 1 and len(outcome.reported) == 1


def test_paths_that_are_not_records(tmp_path: Path):
    with pytest.raises(UserError, match="no such file"):
        import_path(tmp_path / "missing")
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="expected a .json"):
        import_path(text)
    assert import_path(tmp_path).records_in == 0
