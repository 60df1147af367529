"""What a pipeline relies on: exit codes, --baseline, --fail-on, --keep-going, the closing summary."""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from engine.cli import COMMAND_MODULES, COMMANDS, build_parser, main
from engine.cli.progress import ProgressLine
from engine.errors import ExitCode
from tests.conftest import HAND, REPO

DATE = ["--date", "2026-06-01"]
# The rules these tests compare findings of: each judges one procedure alone, so a copied procedure
# brings new findings on itself only. They are experimental, hence run by name with --experimental.
PER_PROCEDURE_RULES = {"TG-REUSE-DATA", "TG-CERTIFIED-COPY", "TG-REUSE-HOUSEHOLD-BOOK", "TG-STEP-SEQUENTIAL"}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(HAND, folder)
    return folder


@pytest.fixture
def rules(tmp_path: Path) -> list[str]:
    """Audit options running the bundled rule packs restricted to ``PER_PROCEDURE_RULES``."""
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "rules", folder)
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "rules" in data:
            data["rules"] = [r for r in data["rules"] if r["id"] in PER_PROCEDURE_RULES]
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ["--rules", str(folder), "--experimental"]


def _audit_json(path: Path, out: Path, rules: list[str], *extra: str) -> tuple[int, dict]:
    code = main(["audit", str(path), "--format", "json", "-o", str(out), *DATE, *rules, *extra])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["rules"]) == PER_PROCEDURE_RULES
    return code, report


def _add_copy(catalogue: Path, code: str, new_code: str) -> None:
    text = (catalogue / f"{code}.yaml").read_text(encoding="utf-8")
    (catalogue / f"{new_code}.yaml").write_text(
        text.replace(f'code: "{code}"', f'code: "{new_code}"'), "utf-8"
    )


def test_baseline_reports_new_resolved_and_unchanged_findings(catalogue, rules, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert _audit_json(catalogue, baseline, rules)[0] == 0
    before = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    _add_copy(catalogue, "2.000986", "9.000986")  # new findings
    (catalogue / "1.004884.yaml").unlink()  # its findings are resolved

    code, report = _audit_json(catalogue, tmp_path / "now.json", rules, "--baseline", str(baseline))
    assert code == 0
    diff = report["baseline"]
    now_keys = {
        f"{f['rule_id']}:{f['procedure_code']}:{f['target']['kind']}:{f['target']['id']}"
        for f in report["findings"]
    }
    before_keys = {
        f"{f['rule_id']}:{f['procedure_code']}:{f['target']['kind']}:{f['target']['id']}" for f in before
    }
    assert set(diff["new"]) == now_keys - before_keys and diff["new"]
    assert all(":9.000986:" in key for key in diff["new"])
    assert set(diff["unchanged"]) == now_keys & before_keys
    assert {f["procedure_code"] for f in diff["resolved"]} == {"1.004884"}
    assert len(diff["resolved"]) == len(before_keys - now_keys)
    err = capsys.readouterr().out  # -o: the summary goes to standard output
    assert (
        f"{len(diff['new'])} new, {len(diff['resolved'])} resolved, {len(diff['unchanged'])} unchanged" in err
    )


def test_a_document_inserted_above_others_brings_no_new_finding(raw_folder, tmp_path, capsys):
    """The portal's documents are numbered by position: one inserted at the top renumbers every finding's
    target below it, and they are still the findings of the baseline."""
    record = json.loads((raw_folder / "bo-cong-an" / "1.001303.json").read_text(encoding="utf-8"))
    header = "--Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    assert record["thanh_phan_ho_so"].startswith(header)
    folder = tmp_path / "records"
    folder.mkdir()
    path = folder / "1.001303.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    audit = ["audit", str(folder), "--experimental", "--no-cache", "--format", "json", *DATE]
    assert main([*audit, "-o", str(tmp_path / "baseline.json")]) == ExitCode.ok
    record["thanh_phan_ho_so"] = (
        header + "Tờ khai đề nghị1 bản chính" + record["thanh_phan_ho_so"][len(header) :]
    )
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    gate = ["--baseline", str(tmp_path / "baseline.json"), "--fail-on", "low"]
    assert main([*audit, "-o", str(tmp_path / "now.json"), *gate]) == ExitCode.ok
    report = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    before = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    moved = {f["target"]["id"] for f in report["findings"]} - {f["target"]["id"] for f in before}
    assert moved, "the inserted document renumbered the findings' targets"
    assert report["baseline"]["new"] == [] and report["baseline"]["resolved"] == []
    assert len(report["baseline"]["unchanged"]) == len(before)


def test_fail_on_counts_only_new_findings_against_a_baseline(catalogue, rules, tmp_path):
    baseline = tmp_path / "baseline.json"
    code, report = _audit_json(catalogue, baseline, rules, "--fail-on", "high")
    assert any(f["severity"] == "high" for f in report["findings"])
    assert code == ExitCode.findings  # high findings, no baseline: the gate trips
    assert (
        _audit_json(catalogue, tmp_path / "b.json", rules, "--baseline", str(baseline), "--fail-on", "low")[0]
        == 0
    )
    _add_copy(catalogue, "2.000986", "9.000986")  # two new high findings
    code, report = _audit_json(
        catalogue, tmp_path / "c.json", rules, "--baseline", str(baseline), "--fail-on", "high"
    )
    assert code == ExitCode.findings
    (catalogue / "9.000986.yaml").unlink()
    _add_copy(catalogue, "1.013978", "9.013978")  # new low findings only
    assert (
        _audit_json(catalogue, tmp_path / "d.json", rules, "--baseline", str(baseline), "--fail-on", "high")[
            0
        ]
        == 0
    )
    assert (
        _audit_json(catalogue, tmp_path / "e.json", rules, "--baseline", str(baseline), "--fail-on", "low")[0]
        == 3
    )


def test_invalid_input_wins_over_the_gate_unless_keep_going(catalogue, rules, tmp_path, capsys):
    (catalogue / "broken.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    out = tmp_path / "f.json"
    assert _audit_json(catalogue, out, rules, "--fail-on", "high")[0] == ExitCode.invalid_input
    assert "broken.yaml: line 2" in capsys.readouterr().err
    assert _audit_json(catalogue, out, rules, "--fail-on", "high", "--keep-going")[0] == ExitCode.findings
    assert _audit_json(catalogue, out, rules, "--keep-going")[0] == ExitCode.ok


def test_a_folder_whose_only_file_is_invalid_does_not_exit_0(tmp_path, capsys):
    folder = tmp_path / "only-bad"
    folder.mkdir()
    (folder / "x.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    for extra in ([], ["--keep-going"]):
        assert main(["audit", str(folder), *extra]) == ExitCode.invalid_input
        err = capsys.readouterr().err
        assert "x.yaml: line 2: not valid YAML" in err and "none of the 1 files" in err
    assert main(["validate", str(folder)]) == ExitCode.invalid_input
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["audit", str(empty)]) == ExitCode.cannot_run
    assert main(["validate", str(empty)]) == ExitCode.cannot_run
    assert main(["audit", str(tmp_path / "missing")]) == ExitCode.invalid_input
    for command in ("audit", "validate"):  # a rules folder that does not exist is a path that does not
        assert main([command, str(HAND), "--rules", str(tmp_path / "no-rules")]) == ExitCode.invalid_input
        assert "no-rules: not a rules folder" in capsys.readouterr().err


def test_a_stray_yaml_file_among_records_hides_none_of_them(raw_folder, tmp_path, capsys):
    folder = tmp_path / "records"
    folder.mkdir()
    for record in sorted((raw_folder / "bo-tu-phap").glob("*.json"))[:12]:
        shutil.copy(record, folder)
    shutil.copy(HAND / "1.001193.yaml", folder)  # a valid hand-modelled procedure beside them
    (folder / "notes.yaml").write_text("note: hello\n", encoding="utf-8")
    out = tmp_path / "f.json"
    for cache in ("--no-cache", "--cache-dir"):
        options = [cache] if cache == "--no-cache" else [cache, str(tmp_path / "cache")]
        assert (
            main(["audit", str(folder), "--format", "json", "-o", str(out), *options])
            == ExitCode.invalid_input
        )
        assert "notes.yaml: code: Field required" in capsys.readouterr().err
        report = json.loads(out.read_text(encoding="utf-8"))
        assert report["procedures"] == 13, "every record and the YAML procedure are audited"
    assert main(["validate", str(folder)]) == ExitCode.invalid_input
    assert "13 procedures valid of 14 read" in capsys.readouterr().err
    (folder / "notes.yaml").unlink()
    assert main(["audit", str(folder), "-o", str(out)]) == ExitCode.ok


def test_a_link_loop_and_a_dangling_link_cost_one_message_not_the_audit(raw_folder, tmp_path, capsys):
    folder = tmp_path / "records"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(raw_folder / "bo-cong-an" / "1.001303.json", folder)
    (folder / "sub" / "up").symlink_to("..")  # a folder linking to its parent: a walk that follows it loops
    (folder / "gone.json").symlink_to(tmp_path / "missing.json")
    out = tmp_path / "f.json"
    for options in (
        ["--no-cache"],
        ["--cache-dir", str(tmp_path / "cache")],
        ["--cache-dir", str(tmp_path / "cache")],
    ):
        assert (
            main(["audit", str(folder), "--format", "json", "-o", str(out), *options])
            == ExitCode.invalid_input
        )
        assert "gone.json: cannot be read" in capsys.readouterr().err
        assert json.loads(out.read_text(encoding="utf-8"))["procedures"] == 1
    assert main(["validate", str(folder)]) == ExitCode.invalid_input
    assert "1 procedures valid of 2 read" in capsys.readouterr().err


def test_csv_and_markdown_show_the_baseline(catalogue, rules, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    _audit_json(catalogue, baseline, rules)
    _add_copy(catalogue, "2.000986", "9.000986")
    (catalogue / "1.004884.yaml").unlink()
    capsys.readouterr()
    csv_audit = ["audit", str(catalogue), "--format", "csv", "--baseline", str(baseline), *DATE, *rules]
    assert main(csv_audit) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    statuses = {(r["procedure_code"], r["baseline"]) for r in rows}
    assert ("9.000986", "new") in statuses and ("1.004884", "resolved") in statuses
    assert ("1.001193", "unchanged") in statuses
    assert "summary:" in out.err and "by field:" in out.err  # stdout carries the report
    md_audit = ["audit", str(catalogue), "--format", "md", "--baseline", str(baseline), *DATE, *rules]
    assert main(md_audit) == 0
    md = capsys.readouterr().out
    assert "## So sánh với" in md and "| Cao (mới) |" in md and "| Lĩnh vực | Số phát hiện |" in md
    assert main([*md_audit, "--lang", "en"]) == 0
    md = capsys.readouterr().out
    assert "## Compared with" in md and "| High (new) |" in md and "| Field (lĩnh vực) | Findings |" in md


def test_every_audit_ends_with_a_summary_by_rule_severity_and_field(tmp_path, capsys):
    assert main(["audit", str(HAND), "--format", "json", *DATE]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)
    summary = report["summary"]
    assert summary["findings"] == len(report["findings"]) and sum(summary["by_severity"].values()) == len(
        report["findings"]
    )
    assert sum(summary["by_field"].values()) == len(report["findings"]) and "Hộ tịch" in summary["by_field"]
    assert out.err.startswith("summary: ") and "by severity: high" in out.err and "Hộ tịch" in out.err
    assert "\r" not in out.err  # no progress bar when standard error is not a terminal


def test_the_progress_bar_draws_only_when_asked(capsys):
    ProgressLine("auditing", enabled=True)(5, 10)
    ProgressLine("auditing", enabled=True)(10, 10)
    ProgressLine("auditing")(10, 10)  # stderr is captured, not a terminal
    err = capsys.readouterr().err
    assert err.count("\r") == 2 and "50% 5/10" in err and "100% 10/10\n" in err


def test_an_unreadable_baseline_is_invalid_input(tmp_path, capsys):
    bad = tmp_path / "old.json"
    bad.write_text('{"findings": [{"rule_id": 1}]}', encoding="utf-8")
    assert main(["audit", str(HAND), "--baseline", str(bad)]) == ExitCode.invalid_input
    assert f"{bad}: findings[0]" in capsys.readouterr().err
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["audit", str(HAND), "--baseline", str(bad)]) == ExitCode.invalid_input
    assert main(["audit", str(HAND), "--baseline", str(tmp_path / "none.json")]) == ExitCode.invalid_input


def test_exit_codes_are_in_every_help_and_in_the_readme(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    plan_actions = commands["plan"]._subparsers._group_actions[0].choices
    helped = [("tinhgon", parser), *commands.items(), *(("plan " + n, p) for n, p in plan_actions.items())]
    assert len(helped) > 15
    for name, command in helped:
        text = command.format_help()
        for code in ExitCode:
            assert re.search(rf"^\s+{int(code)}\s+\S", text, re.MULTILINE), (name, code)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"| {int(code)} |" in section, code


def test_each_command_is_registered_by_the_module_the_cli_imports_for_it():
    registered = {}
    for name in COMMAND_MODULES:
        commands = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"engine.cli.{name}").register(commands)
        registered.update(dict.fromkeys(commands.choices, name))
    assert registered == COMMANDS
    full = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    audit_only = build_parser("audit")._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(full) == set(COMMANDS) and set(audit_only) == {"audit"}
    assert build_parser("no-such-command")._subparsers._group_actions[0].choices.keys() == full.keys()  # type: ignore[union-attr]


def test_an_audit_imports_neither_the_plans_database_layer_nor_the_workbench(tmp_path):
    script = (
        "import sys; from engine.cli import main; "
        f"code = main(['audit', {str(HAND)!r}, '--no-cache', '-o', {str(tmp_path / 'r.json')!r}]); "
        "print(code, sorted(m for m in ('sqlalchemy', 'alembic', 'streamlit') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


def test_a_bug_is_one_line_and_exit_70(monkeypatch, capsys):
    monkeypatch.delenv("TINHGON_DEBUG", raising=False)
    monkeypatch.setattr("engine.cli.catalogue.load_catalogue", lambda *_: 1 / 0)
    assert main(["validate"]) == ExitCode.internal_error
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError" in err and "Traceback" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["audit", str(HAND), "--format", "json"], ["rules", "list"]])
def test_standard_output_on_a_full_disk_is_exit_4_not_a_bug(command, tmp_path):
    tinhgon = Path(sys.executable).parent / "tinhgon"
    env = {**os.environ, "TINHGON_CACHE_DIR": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(tinhgon), *command], stdout=full, stderr=subprocess.PIPE, text=True, env=env
        )
    assert done.returncode == ExitCode.cannot_run, done.stderr
    assert done.stderr.strip().endswith("the output cannot be written: No space left on device"), done.stderr


def test_import_of_nothing_valid_keeps_the_catalogue(tmp_path, capsys):
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.json").write_text("{broken", encoding="utf-8")
    catalogue = tmp_path / "catalogue"
    (catalogue / "portal" / "x").mkdir(parents=True)
    (catalogue / "portal" / "x" / "kept.yaml").write_text("code: '1'\nname: kept\n", encoding="utf-8")
    assert main(["import", str(source), "--into", str(catalogue)]) == ExitCode.invalid_input
    assert (catalogue / "portal" / "x" / "kept.yaml").exists()
    assert "a.json: line 1, column 2: is not valid JSON" in capsys.readouterr().out
    (source / "a.json").unlink()
    assert main(["import", str(source), "--into", str(catalogue)]) == ExitCode.cannot_run


def test_recognise_refuses_text_that_is_not_utf8(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Bản sao Giấy khai sinh\n", encoding="utf-8")
    assert main(["recognise", str(good), "--json"]) == 0
    assert "birth_certificate" in capsys.readouterr().out
    bad = tmp_path / "cp1258.txt"
    bad.write_bytes("Giấy chứng nhận đăng ký hộ kinh doanh\n".encode("cp1258", errors="replace"))
    assert main(["recognise", str(bad)]) == ExitCode.invalid_input
    assert "cp1258.txt: line 1, column" in capsys.readouterr().err


def test_plan_create_on_an_invalid_catalogue_changes_nothing_unless_keep_going(catalogue, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'plans.db'}"
    (catalogue / "broken.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    assert main(["plan", "create", "P", str(catalogue), "--db", db]) == ExitCode.invalid_input
    assert "broken.yaml: line 2" in capsys.readouterr().err
    assert main(["plan", "list", "--db", db]) == 0
    assert "no plans yet" in capsys.readouterr().err
    assert main(["plan", "create", "P", str(catalogue), "--db", db, "--keep-going"]) == 0
    assert "plan 1" in capsys.readouterr().out
    bad = tmp_path / "plan.json"
    bad.write_text('{"format": "tinhgon-plan", "plan": 3}', encoding="utf-8")
    assert main(["plan", "import", str(bad), "--db", db]) == ExitCode.invalid_input
    assert "plan.json" in capsys.readouterr().err
