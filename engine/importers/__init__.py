"""Importers: external procedure records → ``engine.model.Procedure``.

- ``portal``: National Public Service Portal records (one JSON object per procedure, lower-case keys);
- ``national``: the national package format (upper-case keys);
- ``lists``: the portal's official list spreadsheets, for cross-checking.

``import_path`` reads any of the record formats from a file or a folder. Every import returns an
``ImportOutcome``: the procedures, the records it could not import (with reasons) and anomaly counts,
with ``records_in == len(procedures) + len(reported)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import UserError
from engine.importers.files import import_files, json_files
from engine.importers.national import (
    add_national_file,
    import_national,
    is_national_package,
    parse_national_record,
)
from engine.importers.outcome import Anomalies, ImportOutcome, RecordProblem, format_import_report
from engine.importers.portal import add_portal_record, import_portal, is_portal_record, parse_portal_record

__all__ = [
    "Anomalies",
    "ImportOutcome",
    "RecordProblem",
    "format_import_report",
    "import_national",
    "import_path",
    "import_portal",
    "parse_national_record",
    "parse_portal_record",
]


def import_path(path: Path | str) -> ImportOutcome:
    """Import procedures from a portal JSON file, a national package file, or a folder holding either.

    Each JSON file is recognised by its content, so a folder may mix both formats; a file that is
    neither is reported, not skipped. A folder without JSON files gives an empty outcome.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a dangling link is a file that cannot be read
        raise UserError(f"{path}: no such file or folder")
    if not path.is_dir() and path.suffix.lower() != ".json":
        raise UserError(f"{path}: expected a .json record file or a folder of them")
    return import_files(json_files(path) if path.is_dir() else [path], _add_any)


def _add_any(outcome: ImportOutcome, data: Any, source: str, seen: dict[str, str]) -> None:
    """Each file is recognised by its content, so a folder may mix both formats."""
    if is_portal_record(data):
        add_portal_record(outcome, data, source, seen)
    elif is_national_package(data):
        add_national_file(outcome, data, source, seen)
    else:
        outcome.report(source, "", "neither a portal record (ma_thu_tuc) nor a national package (MaTTHC)")
