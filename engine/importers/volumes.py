"""Annual dossier statistics from CSV or Excel, in the template of ``docs/volumes.md``.

The columns are those of a provincial one-stop system's statistics report: procedure code, year,
dossiers received, of which online, settled on time, late (and optionally the source of each row).
Headers are matched without accents or case, in Vietnamese or English. Every bad row is reported by its
number and column and left out; the other rows are kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import InputProblem, UserError
from engine.model.volumes import VolumeRecord
from engine.recognise.text import fold

# Field → accepted headers (accent-folded, lower case, punctuation as spaces).
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma thu tuc", "ma tthc", "ma thu tuc hanh chinh", "code"),
    "year": ("nam", "nam thong ke", "year"),
    "received": ("so ho so tiep nhan", "tiep nhan", "tong so ho so tiep nhan", "ho so tiep nhan", "received"),
    "online": ("trong do truc tuyen", "truc tuyen", "tiep nhan truc tuyen", "online"),
    "on_time": ("giai quyet dung han", "dung han", "da giai quyet dung han", "on time", "on_time"),
    "late": ("giai quyet qua han", "qua han", "da giai quyet qua han", "late"),
    "source": ("nguon so lieu", "nguon", "source"),
}
REQUIRED = ("code", "year", "received")
COUNTS = ("received", "online", "on_time", "late")
LABELS_VI = {
    "code": "Mã thủ tục",
    "year": "Năm",
    "received": "Số hồ sơ tiếp nhận",
    "online": "Trong đó trực tuyến",
    "on_time": "Giải quyết đúng hạn",
    "late": "Giải quyết quá hạn",
    "source": "Nguồn số liệu",
}


@dataclass
class VolumeImport:
    """The good rows as records, and one problem per bad row."""

    path: str
    records: list[VolumeRecord] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    rows_read: int = 0


def read_volumes(
    path: Path, source: str | None = None, known_codes: Collection[str] | None = None
) -> VolumeImport:
    """Read a ``.csv`` or ``.xlsx`` statistics file.

    ``source`` names the report for rows without a source column; ``known_codes``, when given, are the
    catalogue's procedure codes: a row naming another code is reported. A file that cannot be read or
    lacks a required column is a ``UserError`` naming the file and the column.
    """
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file")
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    header_at, columns = _header(path, rows)
    result = VolumeImport(path=str(path))
    first_row: dict[tuple[str, int], int] = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {name: _cell(row, i) for name, i in columns.items()}
        if not any(values.values()):
            continue  # blank line
        result.rows_read += 1
        record = _record(str(path), number, values, source, result.problems)
        if record is None:
            continue
        if known_codes is not None and record.code not in known_codes:
            result.problems.append(
                InputProblem(
                    str(path), f"row {number}.{LABELS_VI['code']}", f"unknown procedure code {record.code!r}"
                )
            )
            continue
        key = (record.code, record.year)
        if key in first_row:
            result.problems.append(
                InputProblem(
                    str(path),
                    f"row {number}",
                    f"duplicate of row {first_row[key]} (procedure {record.code}, year {record.year}): "
                    f"row {first_row[key]} kept",
                )
            )
            continue
        first_row[key] = number
        result.records.append(record)
    return result


def _record(
    path: str, number: int, values: dict[str, str], source: str | None, problems: list[InputProblem]
) -> VolumeRecord | None:
    data: dict[str, Any] = {"code": values.get("code", ""), "source": values.get("source") or source or ""}
    bad = len(problems)
    for name in ("year", *COUNTS):
        text = values.get(name, "")
        if not text:
            if name in REQUIRED:
                problems.append(InputProblem(path, f"row {number}.{LABELS_VI[name]}", "empty"))
            continue
        number_value = _integer(text)
        if number_value is None:
            problems.append(
                InputProblem(path, f"row {number}.{LABELS_VI[name]}", f"not a whole number: {text!r}")
            )
        elif number_value < 0:
            problems.append(
                InputProblem(path, f"row {number}.{LABELS_VI[name]}", f"negative count {number_value}")
            )
        else:
            data[name] = number_value
    if not data["code"]:
        problems.append(InputProblem(path, f"row {number}.{LABELS_VI['code']}", "empty"))
    if not data["source"]:
        problems.append(
            InputProblem(
                path, f"row {number}.{LABELS_VI['source']}", "no source: give the column or --source"
            )
        )
    if len(problems) > bad:
        return None
    try:
        return VolumeRecord.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(LABELS_VI.get(str(p), str(p)) for p in first["loc"])
        problems.append(InputProblem(path, f"row {number}" + (f".{where}" if where else ""), first["msg"]))
        return None


def _integer(text: str) -> int | None:
    """A count as reports write it: ``1234``, ``1.234`` or ``1,234`` (thousands), ``-5``."""
    text = text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    if re.fullmatch(r"-?\d+(\.0+)?", text):  # Excel writes whole numbers as 12.0
        return int(float(text))
    return None


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(header)).split())


def _header(path: Path, rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The first row naming the required columns, and each known column's position."""
    for at, row in enumerate(rows[:20]):
        names = [_normalise(cell) for cell in row]
        columns = {}
        for name, aliases in COLUMNS.items():
            position = next((i for i, cell in enumerate(names) if cell in aliases), None)
            if position is not None:
                columns[name] = position
        if all(name in columns for name in REQUIRED):
            return at, columns
    wanted = ", ".join(LABELS_VI[name] for name in REQUIRED)
    raise UserError(f"{path}: no header row with the columns {wanted} (see docs/volumes.md)")


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) and row[index] is not None else ""


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot read as UTF-8 text: {error}") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    sniffed = _split(text, dialect)
    # A title line above the header ("Bảng thống kê") has no delimiter, and the sniffer may then guess
    # wrong: the delimiter is the one that splits the header into the required columns.
    for rows in (sniffed, *(_split(text, csv.excel, d) for d in ",;\t" if d != dialect.delimiter)):
        with suppress(UserError):
            _header(path, rows)
            return rows
    return sniffed  # no header either way: ``_header`` says so


def _split(text: str, dialect: Any, delimiter: str | None = None) -> list[list[str]]:
    """The rows of ``text`` as ``dialect`` reads them, with another ``delimiter`` when given."""
    reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter or dialect.delimiter)
    return [list(row) for row in reader]


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(f"{path}: cannot read as an Excel workbook: {error}") from None
    try:
        return [list(_texts(row)) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _texts(row: tuple[Any, ...]) -> Iterator[str]:
    for value in row:
        if value is None:
            yield ""
        elif isinstance(value, float) and value.is_integer():
            yield str(int(value))
        else:
            yield str(value)
