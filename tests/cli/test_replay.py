"""A repeated ``tinhgon audit`` on unchanged inputs is replayed from the cache: the same report, messages
and exit code, without loading the engine; any change to what the answer depends on audits again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest

from engine.cli import audit as audit_cli
from engine.cli import build_parser, main
from engine.errors import ExitCode
from engine.evaluation.split import is_evaluation
from engine.model import Severity
from engine.report import FORMATS
from engine.services import cache as cache_module
from engine.services import replay
from engine.services.cache import Cache
from tests.conftest import RAW, REPO

RECORDS = 40


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    """40 development records of one ministry, a copy of the rules, a cache folder (the evaluation
    split is never read while the engine is worked on)."""
    source = RAW / "bo-tu-phap"
    if not source.is_dir():
        pytest.skip(f"the portal records are not at {source}")
    records = tmp_path / "raw"
    records.mkdir()
    development = [p for p in sorted(source.glob("*.json")) if not is_evaluation(p.stem)]
    for path in development[:RECORDS]:
        (records / path.name).write_bytes(path.read_bytes())
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    return {"records": records, "rules": tmp_path / "rules", "cache": tmp_path / "cache", "out": tmp_path}


def _run(setup: dict[str, Path], *extra: str, cache: bool = True) -> tuple[int, str, str, str]:
    """``tinhgon audit`` in a fresh process: exit code, stdout, stderr and the JSON report written."""
    report = setup["out"] / "report.json"
    report.unlink(missing_ok=True)
    where = ["--cache-dir", str(setup["cache"])] if cache else ["--no-cache"]
    command = [
        *(sys.executable, "-c", "import sys; from engine.cli import main; sys.exit(main())"),
        *("audit", str(setup["records"]), "--rules", str(setup["rules"]), "--experimental"),
        *("--date", "2026-12-01", "--format", "json", "-o", str(report), *where, *extra),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return (
        done.returncode,
        done.stdout,
        done.stderr,
        report.read_text(encoding="utf-8") if report.exists() else "",
    )


def _answers(setup: dict[str, Path]) -> list[Path]:
    return sorted((setup["cache"] / replay.KIND).rglob("*.json"))


def test_a_repeated_audit_is_replayed_whole_without_loading_the_engine(setup):
    first = _run(setup)
    assert first[0] == ExitCode.ok and '"findings"' in first[3] and "summary:" in first[1]
    assert len(_answers(setup)) == 1
    assert _run(setup) == first
    script = (
        "import sys; from engine.cli import main; "
        f"code = main(['audit', {str(setup['records'])!r}, '--rules', {str(setup['rules'])!r}, "
        f"'--experimental', '--date', '2026-12-01', '--format', 'json', "
        f"'-o', {str(setup['out'] / 'report.json')!r}, '--cache-dir', {str(setup['cache'])!r}]); "
        "print(code, sorted(m for m in ('engine.model', 'pydantic', 'yaml', 'networkx') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


def _edit_record(setup: dict[str, Path]) -> None:
    record = sorted(setup["records"].glob("*.json"))[5]
    data = json.loads(record.read_text(encoding="utf-8"))
    data["ten_thu_tuc"] += " (sửa)"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _edit_rules(setup: dict[str, Path]) -> None:
    path = setup["rules"] / "core.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  - id: TG-CERTIFIED-COPY\n" in text
    path.write_text(
        text.replace("  - id: TG-CERTIFIED-COPY\n", "  - id: TG-CERTIFIED-COPY-RENAMED\n"), "utf-8"
    )


def _add_invalid_file(setup: dict[str, Path]) -> None:
    (setup["records"] / "broken.json").write_text('{"ma_thu_tuc": ', encoding="utf-8")


def _remove_record(setup: dict[str, Path]) -> None:
    sorted(setup["records"].glob("*.json"))[0].unlink()


EDITS: dict[str, Callable[[dict[str, Path]], None]] = {
    "a record edited": _edit_record,
    "the rules folder edited": _edit_rules,
    "an invalid file added": _add_invalid_file,
    "a record removed": _remove_record,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_any_change_to_the_inputs_audits_again_and_answers_as_a_fresh_audit(setup, edit):
    before = _run(setup)
    edit(setup)
    after = _run(setup)
    assert after == _run(setup, cache=False)
    assert after != before and len(_answers(setup)) == 2
    assert _run(setup) == after  # and the new answer is replayed in turn


OPTIONS = {
    "another date": ["--date", "2025-01-01"],
    "a gate": ["--fail-on", "high"],
    "keep going": ["--keep-going"],
    "another format": ["--format", "md"],
}


def test_the_markdown_report_in_english_is_not_the_vietnamese_one_replayed(setup):
    vietnamese = _run(setup, "--format", "md")
    english = _run(setup, "--format", "md", "--lang", "en")
    assert english != vietnamese and english == _run(setup, "--format", "md", "--lang", "en", cache=False)
    assert len(_answers(setup)) == 2


@pytest.mark.parametrize("extra", OPTIONS.values(), ids=OPTIONS.keys())
def test_each_option_that_shapes_the_answer_has_an_answer_of_its_own(setup, extra):
    plain = _run(setup)
    other = _run(setup, *extra)
    assert other == _run(setup, *extra, cache=False) and len(_answers(setup)) == 2
    assert _run(setup) == plain and _run(setup, *extra) == other


def test_exit_codes_and_messages_of_invalid_input_and_of_the_gate_are_replayed(setup):
    _add_invalid_file(setup)
    invalid = _run(setup, "--fail-on", "high")
    assert invalid[0] == ExitCode.invalid_input and "broken.json" in invalid[2]
    assert _run(setup, "--fail-on", "high") == invalid
    gated = _run(setup, "--fail-on", "high", "--keep-going")
    assert gated[0] == ExitCode.findings and "(--fail-on)" in gated[2]
    assert _run(setup, "--fail-on", "high", "--keep-going") == gated


def test_a_damaged_or_foreign_answer_is_audited_again(setup):
    first = _run(setup)
    (answer,) = _answers(setup)
    header, _, payload = answer.read_bytes().partition(b"\n")
    for damaged in (header + b"\n" + payload[: len(payload) // 2], b"not an answer"):
        answer.write_bytes(damaged)
        assert _run(setup) == first
        assert answer.read_bytes().partition(b"\n")[2] == payload  # rewritten whole


def test_an_answer_with_a_valid_checksum_that_does_not_read_is_audited_again(setup, tmp_path):
    first = _run(setup)
    (answer,) = _answers(setup)
    key = answer.stem
    Cache(setup["cache"]).put_bytes(replay.KIND, key, b'{"stdout": 1}\n')
    assert _run(setup) == first


def test_nothing_is_kept_of_an_audit_that_could_not_run(setup):
    for record in setup["records"].glob("*.json"):
        record.write_text("not json", encoding="utf-8")
    for _ in range(2):
        code, _, err, _ = _run(setup)
        assert code == ExitCode.invalid_input and "none of the" in err
    assert _answers(setup) == []


def test_the_choices_spelled_for_the_parser_are_the_engines():
    assert audit_cli.FORMATS == FORMATS
    assert tuple(s.value for s in Severity) == audit_cli.SEVERITIES


def test_an_answer_survives_its_round_trip_and_rejects_what_is_not_one():
    answer = replay.Answer("out\n", "err ✓\n", 3, ("report\n{} ✓".encode(),))
    assert replay.Answer.from_bytes(answer.to_bytes()) == answer
    assert replay.Answer.from_bytes(replay.Answer("", "", 0).to_bytes()) == replay.Answer("", "", 0)
    head = b'{"stdout": "", "stderr": "", "exit_code": "0", "report": false}'
    for payload in (None, b"", b"[]\n", len(head).to_bytes(8, "little") + head, b"\xff" * 8 + head):
        assert replay.Answer.from_bytes(payload) is None


def test_a_baseline_edited_since_is_compared_afresh(setup):
    report = _run(setup)[3]
    baseline = setup["out"] / "baseline.json"
    baseline.write_text(report, encoding="utf-8")
    unchanged = _run(setup, "--baseline", str(baseline))
    assert '"new": []' in unchanged[3]
    data = json.loads(report)
    data["findings"] = data["findings"][1:]
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    one_new = _run(setup, "--baseline", str(baseline))
    assert one_new == _run(setup, "--baseline", str(baseline), cache=False) and one_new != unchanged
    assert len(json.loads(one_new[3])["baseline"]["new"]) == 1


def test_a_record_rewritten_with_its_size_and_time_kept_is_audited_again(setup, monkeypatch, capsys):
    """Files' digests are taken from their status while it is unchanged (``FileDigests``): here trusted at
    once, where a real run waits a few seconds for the file system's clock."""
    monkeypatch.setattr(cache_module, "_RACY_NS", 0)
    record = sorted(setup["records"].glob("*.json"))[0]
    data = json.loads(record.read_bytes())

    def rename(mark: str) -> None:
        renamed = {**data, "ten_thu_tuc": f"{data['ten_thu_tuc']} {mark}"}
        record.write_text(json.dumps(renamed), encoding="utf-8")

    rename("A")
    report = setup["out"] / "report.json"
    command = [
        *("audit", str(setup["records"]), "--rules", str(setup["rules"]), "--experimental"),
        *("--date", "2026-12-01", "--format", "json", "-o", str(report), "--cache-dir", str(setup["cache"])),
    ]
    assert main(command) == ExitCode.ok
    inputs = audit_cli._inputs(build_parser().parse_args(command))
    assert replay.file_digests(Cache(setup["cache"]), inputs).known, "the files' status is recorded"
    before = os.stat(record)
    time.sleep(0.05)  # past a tick of the file system's clock
    rename("B")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))  # as ``touch -d`` or ``rsync -t`` do
    assert os.stat(record).st_size == before.st_size
    assert main(command) == ExitCode.ok
    capsys.readouterr()
    assert report.read_text(encoding="utf-8") == _run(setup, cache=False)[3]


class _CountedReport:
    """A report made afresh each time it is iterated, as ``engine.report.findings.JsonReport`` is."""

    def __init__(self) -> None:
        self.made = 0

    def __iter__(self):
        self.made += 1
        yield from (b'{"findings": [', "✓".encode() * 3, b"]}")


def test_a_fresh_answer_is_kept_as_its_report_file_was_written_and_made_once(tmp_path, capsys):
    report = _CountedReport()
    kept: list[bytes] = []  # as ``replay.remember`` does, read while the file written is there
    output = tmp_path / "report.json"
    code = audit_cli._emit(
        replay.Answer("done\n", "", 0, report), output, lambda a: kept.append(a.to_bytes())
    )
    assert code == 0 and report.made == 1 and capsys.readouterr().out == "done\n"
    assert kept == [replay.Answer("done\n", "", 0, (output.read_bytes(),)).to_bytes()]
    assert output.read_bytes() == '{"findings": [✓✓✓]}'.encode()
    assert list(tmp_path.iterdir()) == [output], "no temporary file is left"


def test_a_fresh_answer_written_to_what_is_not_a_regular_file_is_kept_as_made():
    report = _CountedReport()
    kept: list[replay.Answer] = []
    assert audit_cli._emit(replay.Answer("", "", 0, report), Path(os.devnull), kept.append) == 0
    assert kept[0].report is report and report.made == 1  # made again only when the cache keeps it


def test_an_audit_whose_files_were_read_ahead_answers_as_one_that_read_them_itself(setup, monkeypatch):
    def audit(cache: str) -> str:
        command = [
            *("audit", str(setup["records"]), "--rules", str(setup["rules"]), "--experimental"),
            *("--date", "2026-12-01", "--format", "json", "-o", str(report), "--cache-dir", cache),
        ]
        assert main(command) == ExitCode.ok
        return report.read_text(encoding="utf-8")

    report = setup["out"] / "report.json"
    itself = audit(str(setup["out"] / "cache-1"))
    monkeypatch.setattr(replay, "READ_AHEAD_FROM", 1)
    ahead: list[bool] = []
    reading_ahead = replay.reading_ahead

    @contextmanager
    def watched(*args):
        with reading_ahead(*args) as reading:
            ahead.append(reading)
            yield reading

    monkeypatch.setattr(replay, "reading_ahead", watched)
    assert audit(str(setup["out"] / "cache-2")) == itself and ahead == [True]
