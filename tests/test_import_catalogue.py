"""`tinhgon import`: records in, reviewable YAML files out, hand-modelled procedures untouched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.services.catalogue import load_catalogue
from engine.services.importing import IMPORT_FOLDER, REPORT_FILE
from tests.conftest import RAW

REPO = Path(__file__).resolve().parents[1]
RECORD = json.loads((REPO / "tests" / "fixtures" / "national" / "realistic.json").read_text(encoding="utf-8"))


def _source(tmp_path: Path, records: dict[str, dict]) -> Path:
    """A source folder of national records, one file each, under ministry folders."""
    folder = tmp_path / "source"
    for where, changes in records.items():
        path = folder / f"{where}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**RECORD, **changes}, ensure_ascii=False), encoding="utf-8")
    return folder


def _catalogue(tmp_path: Path) -> Path:
    """A catalogue folder holding one hand-modelled procedure (birth registration, 1.001193)."""
    folder = tmp_path / "procedures"
    (folder / "hand").mkdir(parents=True)
    shutil.copy(REPO / "procedures" / "hand" / "1.001193.yaml", folder / "hand")
    return folder


def test_import_writes_province_and_commune_procedures_and_keeps_hand_ones(tmp_path, capsys):
    source = _source(
        tmp_path,
        {
            "bo-tu-phap/1.001193": {},  # modelled by hand already
            "bo-tu-phap/9.000001": {"MaTTHC": "9.000001", "CAPTHUCHIEN": 1},
            "bo-cong-an/9.000002": {"MaTTHC": "9.000002", "CAPTHUCHIEN": "1;3"},
            "bo-cong-an/9.000003": {"MaTTHC": "9.000003", "CAPTHUCHIEN": 0},  # ministry only
        },
    )
    (source / "bo-cong-an" / "broken.json").write_text("{not json", encoding="utf-8")
    catalogue = _catalogue(tmp_path)
    hand_before = (catalogue / "hand" / "1.001193.yaml").read_bytes()

    assert main(["import", str(source), "--into", str(catalogue)]) == 1  # broken.json: invalid input

    imported = catalogue / IMPORT_FOLDER
    assert sorted(p.relative_to(imported).as_posix() for p in imported.rglob("*.yaml")) == [
        "bo-cong-an/9.000002.yaml",
        "bo-tu-phap/9.000001.yaml",
    ]
    assert (catalogue / "hand" / "1.001193.yaml").read_bytes() == hand_before
    report = (imported / REPORT_FILE).read_text(encoding="utf-8")
    assert "records read:     5" in report and "imported:         4" in report
    assert "reported:         1" in report
    assert "broken.json" in report and "other levels:     1" in report and "modelled by hand: 1" in report
    assert "files written:    2" in capsys.readouterr().out

    loaded = load_catalogue(catalogue)
    assert not loaded.problems
    assert sorted(p.code for p in loaded.procedures) == ["1.001193", "9.000001", "9.000002"]
    assert loaded.get("9.000001").origin == "national"
    assert loaded.get("1.001193").origin == "hand"


def test_a_new_import_replaces_the_imported_folder_whole(tmp_path):
    catalogue = _catalogue(tmp_path)
    first = _source(
        tmp_path / "a", {"x/9.000001": {"MaTTHC": "9.000001"}, "x/9.000002": {"MaTTHC": "9.000002"}}
    )
    assert main(["import", str(first), "--into", str(catalogue)]) == 0
    second = _source(tmp_path / "b", {"x/9.000002": {"MaTTHC": "9.000002", "TENTTHC": "Tên mới"}})
    assert main(["import", str(second), "--into", str(catalogue)]) == 0

    loaded = load_catalogue(catalogue)
    assert sorted(p.code for p in loaded.procedures) == ["1.001193", "9.000002"]
    assert loaded.get("9.000002").name == "Tên mới"
    assert not list(catalogue.glob(".*"))  # no staging folder left behind


def test_level_option_chooses_what_is_written(tmp_path):
    source = _source(tmp_path, {"x/9.000003": {"MaTTHC": "9.000003", "CAPTHUCHIEN": 0}})
    catalogue = _catalogue(tmp_path)
    assert main(["import", str(source), "--into", str(catalogue), "--level", "ministry"]) == 0
    assert (catalogue / IMPORT_FOLDER / "x" / "9.000003.yaml").exists()


def test_the_bundled_catalogue_holds_the_imported_province_and_commune_procedures():
    catalogue = load_catalogue(REPO / "procedures")
    assert not catalogue.problems
    origins = {p.origin for p in catalogue.procedures}
    assert origins == {"hand", "portal"}
    imported = [p for p in catalogue.procedures if p.origin == "portal"]
    assert len(imported) > 1000
    assert all({"province", "commune"} & set(p.levels) for p in imported)
    report = (REPO / "procedures" / IMPORT_FOLDER / REPORT_FILE).read_text(encoding="utf-8")
    assert f"files written:    {len(imported)} " in report


def test_the_bundled_portal_folder_is_what_the_importer_writes_today(tmp_path, capsys):
    """Importing the portal records again changes nothing: the workbench shows what the importer reads."""
    if not RAW.is_dir():
        pytest.skip(f"the portal records are not at {RAW}")
    folder = tmp_path / "procedures"
    shutil.copytree(REPO / "procedures" / "hand", folder / "hand")
    assert main(["import", str(RAW), "--into", str(folder)]) == 0
    capsys.readouterr()
    bundled = REPO / "procedures" / IMPORT_FOLDER

    def files(top: Path) -> dict[str, bytes]:
        return {str(p.relative_to(top)): p.read_bytes() for p in sorted(top.rglob("*")) if p.is_file()}

    fresh, kept = files(folder / IMPORT_FOLDER), files(bundled)
    assert sorted(fresh) == sorted(kept)
    stale = [name for name in kept if fresh[name] != kept[name]]
    assert not stale, f"{len(stale)} files differ, such as {stale[:3]}: run `tinhgon import {RAW}`"
