"""The whole raw folder imports without losing a record, and bad files are reported, not fatal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.errors import UserError
from engine.importers import ImportOutcome, format_import_report, import_portal
from tests.importers.conftest import record_file

# Files in data/dvc-2026/raw at the time of writing; the README says 2,119.
RAW_RECORDS = 2119


def test_every_record_is_imported_or_reported(portal_outcome: ImportOutcome):
    assert portal_outcome.records_in == RAW_RECORDS
    assert portal_outcome.records_in == len(portal_outcome.procedures) + len(portal_outcome.reported)
    assert portal_outcome.balanced
    assert portal_outcome.anomalies["parser_error"] == 0
    # Every real record is a procedure today; anything reported must say why.
    assert portal_outcome.problems == []


def test_imported_procedures_are_sound(portal_outcome: ImportOutcome):
    procedures = portal_outcome.procedures
    assert len({p.code for p in procedures}) == len(procedures)
    assert all(p.origin == "portal" and p.levels and p.channels for p in procedures)
    with_components = sum(1 for p in procedures if p.components)
    assert with_components / len(procedures) > 0.98
    assert sum(len(p.reuse_clauses) for p in procedures) > 100
    assert all(p.steps for p in procedures)


def test_anomalies_are_counted_by_kind(portal_outcome: ImportOutcome):
    anomalies = portal_outcome.anomalies
    for kind in ("time_unit_missing", "fee_missing", "zero_count_note", "step_markers_missing"):
        assert anomalies[kind] > 0, kind
    assert all(portal_outcome.examples[kind] for kind in anomalies if kind != "parser_error")


def test_report_text_shows_counts_and_anomalies(portal_outcome: ImportOutcome):
    report = format_import_report(portal_outcome)
    assert f"records read:     {RAW_RECORDS}" in report
    assert f"imported:         {len(portal_outcome.procedures)}" in report
    assert "time_unit_missing" in report and "WARNING" not in report


def test_bad_files_are_reported_and_the_others_imported(raw: Path, tmp_path: Path):
    folder = tmp_path / "raw" / "bo-tu-phap"
    folder.mkdir(parents=True)
    shutil.copy(record_file(raw, "1.001193"), folder / "1.001193.json")
    (folder / "broken.json").write_text('{"ma_thu_tuc": "1.000001", ', encoding="utf-8")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    no_name = json.loads(record_file(raw, "1.004222").read_text(encoding="utf-8"))
    no_name["ten_thu_tuc"] = "Không có thông tin"
    (folder / "1.004222.json").write_text(json.dumps(no_name, ensure_ascii=False), encoding="utf-8")
    wrong_type = json.loads(record_file(raw, "2.001610").read_text(encoding="utf-8"))
    wrong_type["cach_thuc_thuc_hien"] = 7
    (folder / "2.001610.json").write_text(json.dumps(wrong_type), encoding="utf-8")
    (folder / "copy.json").write_bytes(record_file(raw, "1.001193").read_bytes())
    (folder / "latin1.json").write_bytes('{"ma_thu_tuc": "Đ"}'.encode("cp1258"))

    outcome = import_portal(tmp_path / "raw")

    assert [p.code for p in outcome.procedures] == ["1.001193"]
    assert outcome.records_in == 7 and outcome.balanced
    messages = {Path(p.path).name: (p.field, p.message) for p in outcome.problems}
    assert messages["broken.json"][1].startswith("is not valid JSON")
    assert messages["list.json"] == ("", "expected a JSON object, found list")
    assert messages["1.004222.json"] == ("ten_thu_tuc", "the procedure has no name")
    assert messages["2.001610.json"] == ("cach_thuc_thuc_hien", "expected text, found int")
    assert messages["copy.json"][0] == "ma_thu_tuc" and "already imported" in messages["copy.json"][1]
    assert messages["latin1.json"][1].startswith("is not UTF-8 text")
    assert outcome.anomalies["duplicate_code"] == 1
    assert "records not imported:" in format_import_report(outcome)


def test_a_missing_folder_is_a_user_error(tmp_path: Path):
    with pytest.raises(UserError, match="not a folder"):
        import_portal(tmp_path / "nowhere")
