"""Reports written to ``--output``: whole or not at all (engine.cli.common.write_bytes)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from engine.cli.common import write_bytes
from engine.errors import CannotRun, UserError


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
