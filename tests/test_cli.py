"""The command line, driven through ``engine.cli.main`` as a user would call it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from tests.conftest import HAND

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "findings.schema.json"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the hand-modelled catalogue that a test may break."""
    folder = tmp_path / "catalogue"
    shutil.copytree(HAND, folder)
    return folder


def test_validate_accepts_the_bundled_catalogue(capsys):
    assert main(["validate"]) == 0
    assert "0 problems" in capsys.readouterr().err


def test_validate_names_file_and_field_of_a_malformed_procedure_and_loads_the_others(catalogue, capsys):
    broken = catalogue / "1.001193.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("originals: 1", "originals: many", 1), encoding="utf-8"
    )
    (catalogue / "zz-not-yaml.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    assert main(["validate", str(catalogue)]) == 1
    err = capsys.readouterr().err
    assert f"invalid: {broken}: components[" in err and "].originals: Input should be a valid integer" in err
    assert "zz-not-yaml.yaml: line 2: not valid YAML" in err
    total = len(list(catalogue.glob("*.yaml")))
    assert f"{total - 2} procedures valid of {total} read" in err
    assert "Traceback" not in err


def test_validate_reports_an_unknown_field(catalogue, capsys):
    path = catalogue / "1.001193.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    assert main(["validate", str(catalogue)]) == 1
    assert f"{path}: colour: unknown field" in capsys.readouterr().err


def test_validate_reports_a_broken_rule_pack(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules", rules)
    core = rules / "core.yaml"
    core.write_text(
        core.read_text(encoding="utf-8").replace("severity: high", "severity: urgent", 1), encoding="utf-8"
    )
    assert main(["validate", str(HAND), "--rules", str(rules)]) == 1
    err = capsys.readouterr().err
    assert f"{core}: rules[0] (TG-REUSE-DATA).severity: Input should be" in err


def test_audit_json_names_rule_target_and_legal_basis_and_follows_the_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    out = tmp_path / "findings.json"
    assert main(["audit", str(HAND), "--format", "json", "-o", str(out), "--date", "2026-06-01"]) == 0
    default = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(default, schema)
    # By default only the rules whose precision is proven run; experimental ones are left out.
    assert set(default["rules"]) == {r.id for r in load_rulebook().rules}
    assert not {"TG-REUSE-DATA", "TG-STEP-SEQUENTIAL", "TG-STEP-UNUSED-OUTPUT"} & set(default["rules"])
    assert {f["rule_id"] for f in default["findings"]} <= set(default["rules"])

    experimental = ["--experimental", "--date", "2026-06-01"]
    assert main(["audit", str(HAND), "--format", "json", "-o", str(out), *experimental]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["findings"], "the hand-modelled catalogue should have findings"
    for finding in report["findings"]:
        assert finding["rule_id"] in report["rules"]
        assert finding["procedure_code"] and finding["target"]["id"] and finding["references"]
    found = {f["rule_id"] for f in report["findings"]}
    assert {"TG-REUSE-DATA", "TG-STEP-SEQUENTIAL", "TG-STEP-UNUSED-OUTPUT"} <= found
    # Written as json.dumps writes it with an indent of 2, non-ASCII text as it is (orjson does the work).
    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(report, ensure_ascii=False, indent=2) + "\n" and "Giấy" in text


def test_audit_csv_and_markdown(capsys):
    assert main(["audit", str(HAND), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["rule_id"] and r["references"] for r in rows)
    assert main(["audit", str(HAND), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# Kết quả rà soát thủ tục hành chính (Tinh Gọn)")
    assert main(["audit", str(HAND), "--format", "md", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Tinh Gọn audit")


def test_graph_prints_dot_with_flagged_nodes(capsys):
    assert main(["graph", "1.013225", "--catalogue", str(HAND), "--experimental"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith('digraph "1.013225"') and "step:s1" in dot and "⚑" in dot
    # Without --experimental it marks the default rules' findings only, and says so when there are none.
    flagged = bool(audit(load_catalogue(HAND), only={"1.013225"}).findings)
    assert main(["graph", "1.013225", "--catalogue", str(HAND)]) == 0
    out = capsys.readouterr()
    assert ("⚑" in out.out) == flagged and ("--experimental" in out.err) == (not flagged)


def test_graph_of_an_unknown_code_is_a_clear_error(capsys):
    assert main(["graph", "9.999999", "--catalogue", str(HAND)]) == 1
    assert "no procedure with code '9.999999'" in capsys.readouterr().err


def test_rules_list_and_show(capsys):
    assert main(["rules", "list"]) == 0
    assert "TG-REUSE-DATA" in capsys.readouterr().out
    assert main(["rules", "show", "TG-REUSE-PRECEDENT"]) == 0
    shown = capsys.readouterr().out
    assert "66.7/2025/NQ-CP" in shown and "min_precedents = 3" in shown
    assert main(["rules", "show", "TG-NOPE"]) == 1


def test_the_committed_schema_is_current():
    from engine.report.schema import findings_schema

    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == findings_schema()
