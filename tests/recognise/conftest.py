"""Fixtures for the recogniser tests: the project thesaurus and variants of it written to a temporary file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.recognise import DEFAULT_THESAURUS, Recogniser, default_thesaurus


@pytest.fixture(scope="session")
def recogniser() -> Recogniser:
    return Recogniser(default_thesaurus())


@pytest.fixture
def thesaurus_data() -> dict[str, Any]:
    """The project thesaurus as plain data, to alter in a test."""
    return yaml.safe_load(DEFAULT_THESAURUS.read_text(encoding="utf-8"))


@pytest.fixture
def write_thesaurus(tmp_path: Path) -> Callable[[Any], Path]:
    """Write data (or raw text) as a thesaurus file and return its path."""

    def write(data: Any) -> Path:
        path = tmp_path / "documents.yaml"
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write
