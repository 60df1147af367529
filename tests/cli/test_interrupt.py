"""Ctrl-C during a cold audit of the portal records: exit code 130, no traceback from the parent or its
workers, no worker left behind, and nothing half-written where the report goes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RAW


# A cold audit of every rule took 2.8 s at the quickest here (2 workers): the default rules alone once
# ended before 2.5 s, with nothing left to interrupt.
@pytest.mark.parametrize("after", [1.0, 1.8], ids=["early", "later"])
def test_ctrl_c_ends_a_cold_audit_cleanly(tmp_path: Path, after: float):
    if not RAW.is_dir():
        pytest.skip(f"the portal records are not at {RAW}")
    report = tmp_path / "report.json"
    command = [str(Path(sys.executable).parent / "tinhgon"), "audit", str(RAW), "--experimental"]
    command += ["--format", "json", "--cache-dir", str(tmp_path / "cache"), "-o", str(report)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # not ignored, even under CI
    )
    time.sleep(after)
    if process.poll() is not None:
        pytest.fail(f"the audit ended before it could be interrupted: {process.communicate()[1]!r}")
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the parent and its workers
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in err, err.decode()
    assert not report.exists()
    deadline = time.monotonic() + 10
    while _group_alive(process.pid) and time.monotonic() < deadline:  # workers exit as they see it
        time.sleep(0.05)
    assert not _group_alive(process.pid)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
