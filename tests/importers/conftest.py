"""Where the real portal data is, and its whole-folder import, done once per test session."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.importers import ImportOutcome, import_portal, parse_portal_record
from engine.model import Procedure

REPO = Path(__file__).resolve().parents[2]
# CI checks the data out next to the repository: <root>/../shared/data/dvc-2026.
DATA = (REPO / ".." / "shared" / "data" / "dvc-2026").resolve()
RAW = DATA / "raw"
LISTS = DATA / "lists"
NATIONAL_FIXTURES = REPO / "tests" / "fixtures" / "national"


def _need(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"the real portal data is not at {path}")
    return path


@pytest.fixture(scope="session")
def raw() -> Path:
    return _need(RAW)


@pytest.fixture(scope="session")
def lists_folder() -> Path:
    return _need(LISTS)


@pytest.fixture(scope="session")
def portal_outcome(raw: Path) -> ImportOutcome:
    return import_portal(raw)


def record_file(raw: Path, code: str) -> Path:
    found = sorted(raw.glob(f"*/{code}.json"))
    assert found, f"record {code} is not in {raw}"
    return found[0]


def record_data(raw: Path, code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(record_file(raw, code).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def record(raw: Path) -> Callable[[str], Procedure]:
    """Parse one real record by code: ``record("1.001193")``."""

    def parse(code: str) -> Procedure:
        path = record_file(raw, code)
        return parse_portal_record(record_data(raw, code), str(path))

    return parse
