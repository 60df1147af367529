"""Reports written to ``--output``: whole or not at all (engine.cli.common.write_bytes)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from engine.cli import main
from engine.cli.common import write_bytes
from engine.errors import CannotRun, ExitCode, UserError
from engine.evaluation.split import is_evaluation
from tests.conftest import HAND, RAW


def test_a_report_replaces_the_previous_one_whole(tmp_path):
    out = tmp_path / "findings.json"
    out.write_bytes(b"previous")
    write_bytes(out, [b"new ", memoryview(b"report")])
    assert out.read_bytes() == b"new report" and os.listdir(tmp_path) == ["findings.json"]


def test_a_report_to_a_link_replaces_the_file_it_names(tmp_path):
    (tmp_path / "shared").mkdir()
    named = tmp_path / "shared" / "findings.json"
    named.write_bytes(b"previous")
    link = tmp_path / "findings.json"
    link.symlink_to(named)
    write_bytes(link, [b"report"])
    assert link.is_symlink() and named.read_bytes() == b"report"
    assert sorted(os.listdir(tmp_path / "shared")) == ["findings.json"]


def test_a_report_that_cannot_be_finished_leaves_the_previous_one(tmp_path):
    out = tmp_path / "findings.json"
    out.write_bytes(b"previous")

    def pieces() -> Iterator[bytes]:
        yield b"half a rep"
        raise UserError("the cache holds findings that do not read")

    with pytest.raises(UserError):
        write_bytes(out, pieces())
    assert out.read_bytes() == b"previous" and os.listdir(tmp_path) == ["findings.json"]


def test_a_report_to_a_file_that_is_not_a_regular_one_is_written_in_place(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that opening to write does not wait
    try:
        write_bytes(pipe, [b"report"])
        assert os.read(reader, 100) == b"report" and pipe.exists() and not pipe.is_file()
    finally:
        os.close(reader)


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    with pytest.raises(CannotRun, match="cannot write"):
        write_bytes(tmp_path / "missing" / "findings.json", [b"report"])


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", str(HAND), "-o", "{out}"],
        ["graph", "1.001193", "-o", "{out}"],
        ["graph", "1.001193", "--format", "svg", "-o", "{out}"],
        ["graph", "1.001193", "--format", "png", "-o", "{out}"],
        ["sources", "rank", str(HAND), "-o", "{out}"],
        ["targets", "reach", str(HAND), "-o", "{out}"],
        ["import", "{records}", "--into", "{file}"],
    ],
    ids=["audit", "graph", "graph svg", "graph png", "sources rank", "targets reach", "import"],
)
def test_every_command_says_when_its_output_cannot_be_written_and_exits_4(argv, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("where a folder should be", encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    development = [p for p in sorted((RAW / "bo-tu-phap").glob("*.json")) if not is_evaluation(p.stem)]
    for path in development[:2]:
        (records / path.name).write_bytes(path.read_bytes())
    if "{records}" in argv and not any(records.iterdir()):
        pytest.skip(f"the portal records are not at {RAW}")
    paths = {"out": str(blocker / "report"), "file": str(blocker), "records": str(records)}
    code = main([part.format(**paths) for part in argv])
    err = capsys.readouterr().err
    assert code == ExitCode.cannot_run and f"{blocker}" in err and "cannot write" in err
    assert "Traceback" not in err and "internal error" not in err
    assert blocker.read_text(encoding="utf-8") == "where a folder should be"
