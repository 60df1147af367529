"""Where the bundled catalogue and rules live: beside the package in the repository."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def catalogue_dir() -> Path:
    """The bundled catalogue, or ``TINHGON_CATALOGUE`` when set."""
    return Path(os.environ.get("TINHGON_CATALOGUE", REPO_ROOT / "procedures"))


def rules_dir() -> Path:
    """The rule packs and parameters, or ``TINHGON_RULES`` when set."""
    return Path(os.environ.get("TINHGON_RULES", REPO_ROOT / "rules"))


def sources_file() -> Path:
    return REPO_ROOT / "procedures" / "data_sources.yaml"
