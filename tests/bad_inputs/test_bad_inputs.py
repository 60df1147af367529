"""Every bad input of the corpus, among good ones, through ``validate``, ``audit`` and ``import``.

For each: no traceback, a message naming the file (and its field or line), a non-zero exit code, and
the good records still read, audited and imported. Repaired inputs are imported and exit 0.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from engine.cli import main
from engine.importers.lists import read_lists
from tests.bad_inputs.corpus import BAD_CODE, CORPUS, HAND, NATIONAL, BadInput, dumps, good_list, portal

REPO = Path(__file__).resolve().parents[2]
GOOD_PORTAL = ("9.900001", "9.900002")
GOOD_HAND = ("1.001193", "1.013225", "2.001610")


def _by_kind(*kinds: str) -> list[BadInput]:
    return [item for item in CORPUS if item.kind in kinds]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


def _check_message(item: BadInput, text: str) -> None:
    lines = [line for line in text.splitlines() if item.file in line]
    assert lines, f"no message names {item.file}:\n{text[-2000:]}"
    if item.where:
        assert any(item.where in line for line in lines), f"no message names {item.where!r}: {lines}"
    assert not re.search(r"Traceback|\bsys\.\w+\(", text), f"advice for programmers, not users: {lines}"


def _records(tmp_path: Path, item: BadInput) -> Path:
    folder = tmp_path / "records" / "bo-thu-nghiem"
    folder.mkdir(parents=True)
    for code in GOOD_PORTAL:
        (folder / f"a-{code}.json").write_bytes(dumps(portal(code)))
    (folder / "a-national.json").write_bytes(dumps({**NATIONAL, "MaTTHC": "9.900003"}))
    (folder / item.file).write_bytes(item.content())
    return folder.parent


@pytest.mark.parametrize("item", _by_kind("portal", "national"), ids=lambda item: item.name)
def test_a_bad_record_costs_only_itself(item: BadInput, tmp_path: Path, capsys) -> None:
    records = _records(tmp_path, item)
    good = {*GOOD_PORTAL, "9.900003"} | ({BAD_CODE} if item.repaired else set())
    expected = 0 if item.repaired else 1

    code, text = _run(["validate", str(records)], capsys)
    assert code == expected, text[-2000:]
    if not item.repaired:
        _check_message(item, text)

    report = tmp_path / "findings.json"
    code, text = _run(["audit", str(records), "--format", "json", "-o", str(report)], capsys)
    assert code == expected, text[-2000:]
    audited = json.loads(report.read_text(encoding="utf-8"))
    assert audited["procedures"] == len(good)

    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    code, text = _run(["import", str(records), "--into", str(catalogue)], capsys)
    assert code == expected, text[-2000:]
    if not item.repaired:
        _check_message(item, text)
    written = {path.stem for path in (catalogue / "portal").rglob("*.yaml")}
    assert written == good
    assert all(catalogue in path.resolve().parents for path in catalogue.rglob("*"))
    assert not list(tmp_path.parent.glob("tinhgon-escape*")), "a record code wrote outside the catalogue"
    if item.repaired:
        imported = (catalogue / "portal" / "bo-thu-nghiem" / f"{BAD_CODE}.yaml").read_text(encoding="utf-8")
        assert "Cấp giấy phép thử nghiệm" in imported  # NFC, control characters gone


@pytest.mark.parametrize("item", _by_kind("yaml"), ids=lambda item: item.name)
def test_a_bad_procedure_file_costs_only_itself(item: BadInput, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for code in GOOD_HAND:
        shutil.copy(HAND / f"{code}.yaml", folder)
    (folder / item.file).write_bytes(item.content())
    expected = 0 if item.repaired else 1

    code, text = _run(["validate", str(folder)], capsys)
    assert code == expected, text[-2000:]
    if not item.repaired:
        _check_message(item, text)

    report = tmp_path / "findings.json"
    # Data-reuse and certified-copy findings are experimental: run them to see the good files audited.
    audit = ["audit", str(folder), "--experimental", "--format", "json", "-o", str(report)]
    code, text = _run(audit, capsys)
    assert code == expected, text[-2000:]
    audited = json.loads(report.read_text(encoding="utf-8"))
    assert audited["procedures"] == len(GOOD_HAND) + (1 if item.repaired else 0)
    assert {"1.001193", "1.013225"} <= {f["procedure_code"] for f in audited["findings"]}
    assert not Path("/tmp/tinhgon-pwned").exists(), "a YAML tag ran a command"
    if item.repaired:  # read as the birth registration it copies, its name clean
        names = {f["procedure_name"] for f in audited["findings"] if f["procedure_code"].startswith("9.9000")}
        assert names and all(unicodedata.is_normalized("NFC", n) and n.isprintable() for n in names), names

    code, _ = _run([*audit, "--keep-going"], capsys)
    assert code == 0


@pytest.mark.parametrize("item", _by_kind("rules"), ids=lambda item: item.name)
def test_a_bad_rule_costs_only_itself(item: BadInput, tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / item.file).write_bytes(item.content())

    code, text = _run(["validate", str(HAND), "--rules", str(rules)], capsys)
    assert code == 1
    _check_message(item, text)

    report = tmp_path / "findings.json"
    code, text = _run(
        ["audit", str(HAND), "--rules", str(rules), "--experimental", "--format", "json", "-o", str(report)],
        capsys,
    )
    assert code == 1
    audited = json.loads(report.read_text(encoding="utf-8"))
    assert {"TG-REUSE-DATA", "TG-CERTIFIED-COPY"} <= set(audited["rules"])
    assert "TG-BAD-RULE" not in audited["rules"]


@pytest.mark.parametrize("item", _by_kind("lists"), ids=lambda item: item.name)
def test_a_bad_list_spreadsheet_costs_only_itself(item: BadInput, tmp_path: Path) -> None:
    (tmp_path / "good.xlsx").write_bytes(good_list())
    (tmp_path / item.file).write_bytes(item.content())
    outcome = read_lists(tmp_path)
    assert [row.code for row in outcome.rows if row.source == "good.xlsx"] == ["1.000001"]
    messages = [str(problem) for problem in outcome.problems]
    assert any(item.file in m and item.where in m for m in messages), messages


def test_the_corpus_covers_every_kind_of_bad_input():
    names = " ".join(item.name for item in CORPUS)
    for kind in [
        "deep-nesting", "huge-field", "binary", "utf-16", "windows-1258", "nfd", "nan", "control-character",
        "truncated", "malformed", "wrong-type", "unknown-field", "missing", "duplicate-code", "cycle",
        "dangling", "unknown-field", "unknown-operator",
    ]:  # fmt: skip
        assert kind in names, kind
    print(f"{len(CORPUS)} bad inputs in the corpus")


def test_gherkin_steps_that_do_not_exist_fail_only_their_scenario(tmp_path: Path) -> None:
    """A spec with an unknown sentence or an unknown rule fails, naming its file and line; the
    other specs still run and pass."""
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(REPO / "features" / "conftest.py", features)
    (features / "test_specs.py").write_text("from pytest_bdd import scenarios\n\nscenarios('.')\n")
    good = (REPO / "features" / "rules_core.feature").read_text(encoding="utf-8")
    (features / "good.feature").write_text(good, encoding="utf-8")
    (features / "unknown_step.feature").write_text(
        "# language: vi\nTính năng: Hỏng\n\n  Tình huống: Câu không có trong thư viện\n"
        '    Cho thủ tục "A" mã "T.1"\n    Và thủ tục bay lên trời\n'
        '    Khi rà soát theo quy tắc "TG-REUSE-DATA"\n',
        encoding="utf-8",
    )
    (features / "unknown_rule.feature").write_text(
        "# language: vi\nTính năng: Hỏng\n\n  Tình huống: Quy tắc không tồn tại\n"
        '    Cho thủ tục "A" mã "T.1"\n    Khi rà soát theo quy tắc "TG-NO-SUCH-RULE"\n'
        '    Thì thủ tục "T.1" không bị đánh dấu\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-o", f"bdd_features_base_dir={features}", str(features)],
        cwd=features, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout[-3000:]
    assert "2 failed" in run.stdout and " passed" in run.stdout, run.stdout[-3000:]
    assert "thủ tục bay lên trời" in run.stdout and "unknown_step.feature" in run.stdout
    assert "TG-NO-SUCH-RULE" in run.stdout
