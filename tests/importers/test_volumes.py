"""Annual dossier statistics: CSV and Excel, bad rows named, volumes used by the cost model and the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cost import compliance_cost, load_cost_parameters
from engine.errors import UserError
from engine.importers.volumes import read_volumes
from engine.model import Procedure, SourceRegistry
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import Catalogue, load_catalogue
from engine.services.volumes import apply_volumes, import_volumes

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "docs" / "volumes"

HEADER = (TEMPLATE_DIR / "template.csv").read_text(encoding="utf-8").strip()
CODES = {"1.000001", "1.000002", "1.000003"}


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "thong-ke.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_good_file_gives_one_record_per_row(tmp_path):
    path = _write(tmp_path, "1.000001,2025,18.420,15.112,18.301,119,Sở Tư pháp", "1.000002,2025,3,,,,")
    result = read_volumes(path, source="Hệ thống một cửa", known_codes=CODES)
    assert result.problems == [] and result.rows_read == 2
    first, second = result.records
    assert (first.code, first.year, first.received, first.online, first.on_time, first.late) == (
        "1.000001",
        2025,
        18420,
        15112,
        18301,
        119,
    )
    assert first.source == "Sở Tư pháp" and second.source == "Hệ thống một cửa" and second.online is None


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["commas", "semicolons", "tabs"])
def test_a_csv_file_below_a_title_reads_whatever_its_delimiter(tmp_path, delimiter):
    """The sniffer cannot tell the delimiter from a title line that has none: the header tells it."""
    path = tmp_path / "thong-ke.csv"
    rows = [HEADER.split(","), ["1.000001", "2025", "18420", "15112", "18301", "119", "Sở Tư pháp"]]
    path.write_text("Bảng thống kê năm 2025\n" + "\n".join(delimiter.join(r) for r in rows), encoding="utf-8")
    result = read_volumes(path, known_codes=CODES)
    assert result.problems == [] and [(r.code, r.received, r.source) for r in result.records] == [
        ("1.000001", 18420, "Sở Tư pháp")
    ]


def test_bad_rows_are_each_named_and_the_others_kept(tmp_path):
    path = _write(
        tmp_path,
        "1.000001,2025,100,50,90,10,A",  # row 2: good
        "9.999999,2025,100,,,,A",  # row 3: unknown code
        "1.000002,2025,-5,,,,A",  # row 4: negative count
        "1.000001,2025,120,,,,A",  # row 5: duplicate of row 2
        "1.000003,2025,mười,,,,A",  # row 6: not a number
        "1.000003,2024,10,20,,,A",  # row 7: more online than received
        "1.000003,2025,40,,,,A",  # row 8: good
    )
    result = read_volumes(path, known_codes=CODES)
    problems = [f"{p.field}: {p.message}" for p in result.problems]
    assert problems == [
        "row 3.Mã thủ tục: unknown procedure code '9.999999'",
        "row 4.Số hồ sơ tiếp nhận: negative count -5",
        "row 5: duplicate of row 2 (procedure 1.000001, year 2025): row 2 kept",
        "row 6.Số hồ sơ tiếp nhận: not a whole number: 'mười'",
        "row 7: Value error, online (20) is more than received (10)",
    ]
    assert all(p.path == str(path) for p in result.problems)
    assert [(r.code, r.received) for r in result.records] == [("1.000001", 100), ("1.000003", 40)]


def test_a_file_without_the_required_columns_names_file_and_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Mã thủ tục;Năm\n1.000001;2025\n", encoding="utf-8")
    with pytest.raises(
        UserError, match=r"x.csv: no header row with the columns Mã thủ tục, Năm, Số hồ sơ tiếp nhận"
    ):
        read_volumes(path)


def test_an_excel_file_below_a_title_reads_the_same(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["THỐNG KÊ HỒ SƠ NĂM 2025"])
    sheet.append(["Ma thu tuc", "Nam", "So ho so tiep nhan", "Truc tuyen", "Dung han", "Qua han"])
    sheet.append(["1.000001", 2025, 300, 120, 290, 10])
    sheet.append(["1.000002", 2025.0, -1, None, None, None])
    path = tmp_path / "thong-ke.xlsx"
    workbook.save(path)
    result = read_volumes(path, source="Báo cáo tỉnh", known_codes=CODES)
    assert [(r.code, r.received, r.online) for r in result.records] == [("1.000001", 300, 120)]
    assert [p.field for p in result.problems] == ["row 4.Số hồ sơ tiếp nhận"]


def test_the_shipped_template_and_example_read_cleanly():
    assert read_volumes(TEMPLATE_DIR / "template.csv").records == []
    example = read_volumes(TEMPLATE_DIR / "example.csv")
    assert example.problems == [] and len(example.records) == 4


def _procedure(code: str) -> Procedure:
    return Procedure(code=code, name=f"Thủ tục {code}", levels=["province"])


def test_counted_volumes_change_the_cost_and_the_low_volume_findings(tmp_path):
    catalogue = Catalogue(
        procedures=[_procedure(c) for c in sorted(CODES)], registry=SourceRegistry(sources=[])
    )
    params = load_cost_parameters()
    rulebook = load_rulebook(include_experimental=True)
    rulebook.rules = [r for r in rulebook.rules if r.id == "TG-PROC-LOW-VOLUME"]
    before = compliance_cost(catalogue.procedures[0], params)
    assert before.volume_is_estimate and audit(catalogue, rulebook, workers=1).findings == []

    assert (
        apply_volumes(catalogue, _write(tmp_path, "1.000001,2025,3,,,,Sở X", "1.000002,2025,50000,,,,Sở X"))
        == []
    )
    after = compliance_cost(catalogue.procedures[0], params)
    assert not after.volume_is_estimate and after.annual_vnd == after.per_dossier_vnd * 3 != before.annual_vnd
    assert catalogue.procedures[0].annual_volume.source == "Sở X, năm 2025"
    flagged = {f.procedure_code for f in audit(catalogue, rulebook, workers=1).findings}
    assert flagged == {"1.000001"}  # 3 a year; 50,000 is not low and 1.000003 has no counted volume


def test_import_stores_source_and_year_and_the_catalogue_applies_them(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "code: '1.000001'\nname: Thủ tục một\nlevels: [province]\n", encoding="utf-8"
    )
    catalogue = load_catalogue(folder)
    store = folder / "volumes.yaml"
    imported, merged = import_volumes(
        _write(tmp_path, "1.000001,2024,10,,,,", "1.000001,2025,12,,,,", "2.0,2025,1,,,,"),
        catalogue,
        store,
        source="Báo cáo một cửa",
    )
    assert [p.field for p in imported.problems] == ["row 4.Mã thủ tục"]
    assert [(r.year, r.received, r.source) for r in merged.records] == [
        (2024, 10, "Báo cáo một cửa"),
        (2025, 12, "Báo cáo một cửa"),
    ]
    reloaded = load_catalogue(folder)
    assert reloaded.problems == []
    volume = reloaded.get("1.000001").annual_volume
    assert volume is not None and (volume.per_year, volume.estimate) == (12, False)


def test_the_cli_reports_bad_rows_and_exits_1(tmp_path, capsys):
    from engine.cli import main

    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "p.yaml").write_text("code: '1.000001'\nname: Thủ tục một\n", encoding="utf-8")
    file = _write(tmp_path, "1.000001,2025,7,,,,", "1.000001,2025,-1,,,,")
    code = main(["volumes", "import", str(file), "--catalogue", str(folder), "--source", "Báo cáo"])
    captured = capsys.readouterr()
    assert code == 1 and "row 3.Số hồ sơ tiếp nhận: negative count -1" in captured.err
    assert "2 rows read, 1 stored, 1 reported" in captured.out
