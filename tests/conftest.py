"""Shared test helpers: where the real data and the bundled catalogue are."""

from __future__ import annotations

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
