"""Results that many unrelated procedures issue (refusals, notices, replies), as data.

``rules/generic_results.yaml`` lists words; a result whose name contains one is no evidence that two
procedures are variants of one, so the same-result facts leave it out.
"""

from __future__ import annotations

from pathlib import Path

from engine.adapters.yaml_files import read_yaml
from engine.errors import UserError
from engine.services import paths

GENERIC_RESULTS_FILE = "generic_results.yaml"


def load_generic_results(path: Path | None = None) -> list[str]:
    """The words of ``path`` (the bundled file by default); a bad file is an error naming file and field."""
    if path is None:
        path = paths.rules_dir() / GENERIC_RESULTS_FILE
    if not path.exists():
        raise UserError(f"{path}: generic results file not found")
    data, problems = read_yaml(path)
    if problems:
        raise UserError("; ".join(str(p) for p in problems))
    words = data.get("words") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise UserError(f"{path}: words: a list of non-empty texts is required")
    return [w.strip() for w in words]
