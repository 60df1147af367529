"""Reading JSON record files without letting one bad file stop the others."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from engine.importers.outcome import ImportOutcome, RecordProblem
from engine.model import Procedure

# Adds what one parsed file holds to the outcome: (outcome, data, source, code -> where it was imported).
AddFile = Callable[[ImportOutcome, Any, str, dict[str, str]], None]


def json_files(folder: Path) -> Iterator[Path]:
    """Every ``*.json`` file under ``folder``, in a stable order."""
    yield from sorted(path for path in folder.rglob("*.json") if path.is_file())


def import_files(files: Iterable[Path], add: AddFile) -> ImportOutcome:
    """Read each file and hand its content to ``add``; a file that cannot be read is reported."""
    outcome = ImportOutcome()
    seen: dict[str, str] = {}
    for file in files:
        data, error = read_json(file)
        if error:
            outcome.report(str(file), "", error)
        else:
            add(outcome, data, str(file), seen)
    return outcome


def parse_or_report(outcome: ImportOutcome, where: str, parse: Callable[[], Procedure]) -> Procedure | None:
    """``parse()``, or None with the reason reported in ``outcome``: one bad record costs only itself."""
    try:
        return parse()
    except RecordProblem as problem:
        outcome.report(where, problem.field_name, problem.message)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        outcome.report(where, *validation_message(error))
    except Exception as error:  # a parser bug must cost one record, not the import
        outcome.report(where, "", f"could not be parsed ({type(error).__name__}: {error})")
        outcome.anomalies["parser_error"] += 1
    return None


def read_json(path: Path) -> tuple[Any, str | None]:
    """The parsed content of ``path``, or None and the reason it could not be read."""
    try:
        return json.loads(path.read_bytes()), None
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    except UnicodeDecodeError as error:
        return None, f"is not UTF-8 text: {error.reason} at byte {error.start}"
    except json.JSONDecodeError as error:
        return None, f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"


def validation_message(error: Exception) -> tuple[str, str]:
    """(field, message) for a pydantic validation error or any other error, fit to show a user."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ()))
        return field, str(first.get("msg", error))
    return "", f"{type(error).__name__}: {error}"
