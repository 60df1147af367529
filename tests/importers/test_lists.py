"""Official list spreadsheets: the header is found wherever it is, rows become ListRow."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from engine.importers.lists import coverage, read_lists, record_codes


def _write_list(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_header_found_below_a_title_block(tmp_path: Path):
    file = _write_list(
        tmp_path / "danh-sach.xlsx",
        [
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [],
            ["DANH SÁCH THỦ TỤC HÀNH CHÍNH"],
            ["Lĩnh vực", "Mã số", "Tên", "Cơ quan thực hiện", "Cơ quan ban hành"],
            ["Hộ tịch", "1.001193", "Đăng ký khai sinh", "Ủy ban nhân dân cấp xã\nSở Tư pháp", "Bộ Tư pháp"],
            [None, None, None, None, None],
            ["Hộ tịch", None, "Dòng không có mã", None, None],
        ],
    )
    outcome = read_lists(file)
    (row,) = outcome.rows
    assert (row.code, row.name, row.issuing_agency, row.field) == (
        "1.001193",
        "Đăng ký khai sinh",
        "Bộ Tư pháp",
        "Hộ tịch",
    )
    assert row.executing_agency == "Ủy ban nhân dân cấp xã; Sở Tư pháp"
    assert row.source == "danh-sach.xlsx"
    assert [(p.field, p.message) for p in outcome.problems] == [("row 7", "no procedure code (Mã số)")]


def test_a_sheet_without_the_header_and_a_broken_file_are_problems(tmp_path: Path):
    _write_list(tmp_path / "a.xlsx", [["Mã số", "Tên"], ["1.000001", "x"]])
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    outcome = read_lists(tmp_path)
    assert outcome.rows == []
    assert [(Path(p.path).name, p.field) for p in outcome.problems] == [("a.xlsx", "header"), ("b.xlsx", "")]


def test_real_lists_cover_more_codes_than_the_raw_folder(lists_folder: Path, raw: Path):
    outcome = read_lists(lists_folder)
    assert not outcome.problems
    assert len(outcome.rows) == 2642
    assert {row.source for row in outcome.rows} == {path.name for path in lists_folder.glob("*.xlsx")}
    birth = next(row for row in outcome.rows if row.code == "1.001193")
    assert birth.field == "Hộ tịch" and birth.issuing_agency == "Bộ Tư pháp"
    found = coverage([row.code for row in outcome.rows], record_codes(raw))
    assert (found.listed, found.with_record, len(found.without_record), found.not_listed) == (
        2642,
        2119,
        523,
        [],
    )
