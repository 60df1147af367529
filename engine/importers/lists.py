"""The portal's official procedure lists (``danh-sach-tthc-*.xlsx``): one row per procedure.

Each sheet starts with a title block; the header row (Mã số | Tên | Cơ quan ban hành | Cơ quan thực
hiện | Lĩnh vực) is found by its labels, not by its position. Useful to cross-check a folder of
records against what the portal lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from engine.errors import InputProblem, UserError
from engine.importers.files import json_files
from engine.recognise.text import fold

# Folded header labels → field names.
_COLUMNS = {
    "ma so": "code",
    "ten": "name",
    "co quan ban hanh": "issuing_agency",
    "co quan thuc hien": "executing_agency",
    "linh vuc": "field",
}
# The header is looked for in the first rows only: below them are procedures.
_HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class ListRow:
    """One procedure of an official list. Several executing agencies are joined with "; "."""

    code: str
    name: str
    issuing_agency: str | None
    executing_agency: str | None
    field: str | None
    source: str  # the spreadsheet it comes from


@dataclass
class ListOutcome:
    rows: list[ListRow]
    problems: list[InputProblem]


@dataclass(frozen=True)
class Coverage:
    """How a set of list codes compares with a set of record codes."""

    listed: int  # distinct codes in the lists
    with_record: int  # listed codes that have a record
    without_record: list[str]  # listed codes with no record
    not_listed: list[str]  # record codes that no list names


def read_lists(path: Path | str) -> ListOutcome:
    """Rows of one list spreadsheet or of every ``*.xlsx`` in a folder; problems are collected."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    files = sorted(path.glob("*.xlsx")) if path.is_dir() else [path]
    outcome = ListOutcome(rows=[], problems=[])
    for file in files:
        rows, problems = _read_list(file)
        outcome.rows += rows
        outcome.problems += problems
    return outcome


def _read_list(path: Path) -> tuple[list[ListRow], list[InputProblem]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (bad zip, broken XML, missing parts)
        return [], [InputProblem(str(path), "", f"not a readable .xlsx workbook ({error})")]
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        columns, header_row = _find_header(rows)
        if columns is None:
            return [], [InputProblem(str(path), "header", "no row with the columns Mã số, Tên, … was found")]
        found, problems = [], []
        for number, values in enumerate(rows, start=header_row + 1):
            row = _row(values, columns, path)
            if row is None:
                if any(_cell(value) for value in values):
                    problems.append(InputProblem(str(path), f"row {number}", "no procedure code (Mã số)"))
                continue
            found.append(row)
        return found, problems
    except Exception as error:  # a damaged sheet (broken XML, odd cells) costs this file only
        return [], [
            InputProblem(str(path), "", f"not a readable list sheet ({type(error).__name__}: {error})")
        ]
    finally:
        workbook.close()


def _find_header(rows: Iterable[tuple[Any, ...]]) -> tuple[dict[str, int] | None, int]:
    """The column of each field, from the first row naming them all, and that row's number (1-based)."""
    for number, values in enumerate(rows, start=1):
        if number > _HEADER_SEARCH_ROWS:
            break
        labels = {fold(str(value)): index for index, value in enumerate(values) if value is not None}
        if all(label in labels for label in _COLUMNS):
            return {field: labels[label] for label, field in _COLUMNS.items()}, number
    return None, 0


def _row(values: tuple[Any, ...], columns: dict[str, int], path: Path) -> ListRow | None:
    def get(field: str) -> str | None:
        index = columns[field]
        return _cell(values[index]) if index < len(values) else None

    code = get("code")
    if not code:
        return None
    executing = "; ".join(
        line.strip() for line in str(get("executing_agency") or "").splitlines() if line.strip()
    )
    return ListRow(
        code=code,
        name=get("name") or "",
        issuing_agency=get("issuing_agency"),
        executing_agency=executing or None,
        field=get("field"),
        source=path.name,
    )


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def coverage(list_codes: Iterable[str], record_codes: Iterable[str]) -> Coverage:
    """Compare the codes the lists name with the codes that have a record."""
    listed, records = set(list_codes), set(record_codes)
    return Coverage(
        listed=len(listed),
        with_record=len(listed & records),
        without_record=sorted(listed - records),
        not_listed=sorted(records - listed),
    )


def record_codes(raw_folder: Path | str) -> list[str]:
    """Codes of the portal records in a raw folder, read from the file names (``<code>.json``)."""
    return [path.stem for path in json_files(Path(raw_folder))]
