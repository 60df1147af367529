"""`tinhgon ui` is the server: stopping it stops the workbench (no Streamlit left behind)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.harness import free_port, wait_healthy


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


def test_terminating_tinhgon_ui_stops_the_streamlit_server(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "tinhgon"), "ui", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url, process, 180)
        process.terminate()
        process.wait(20)
        deadline = time.monotonic() + 10
        while _answers(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _answers(url), "the Streamlit server outlived `tinhgon ui`"
    finally:
        process.kill()
