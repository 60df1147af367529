"""Shared test helpers: where the real data and the bundled catalogue are."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data" / "dvc-2026").resolve()
RAW = SHARED_DATA / "raw"
HAND = REPO / "procedures" / "hand"


@pytest.fixture
def raw_folder() -> Path:
    if not RAW.is_dir():
        pytest.skip(f"the real portal data is not at {RAW}")
    return RAW


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI every dependency is installed (make test installs them), so a skip means a missing
    install step: report it as a failure instead of letting a green run hide it."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where make test installs every dependency: {report.longrepr}"


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``tinhgon audit`` caches what it parses and finds: tests keep theirs out of the user's cache
    folder, one folder per test so that no test is served another's results."""
    monkeypatch.setenv("TINHGON_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _main_module_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit's AppTest installs the workbench script as ``__main__`` and leaves it there: processes
    spawned by later tests (the plans' concurrency tests) would run the workbench on start-up and exit 1."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
