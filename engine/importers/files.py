"""Reading JSON record files without letting one bad file stop the others."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from engine.adapters.decoding import (
    JSON_ESCAPES,
    DataProblem,
    DecodeProblem,
    clean_data,
    decode_text,
)
from engine.adapters.folders import files_under
from engine.errors import InputProblem
from engine.importers.outcome import EXAMPLES_PER_KIND, ImportOutcome, RecordProblem
from engine.model import Procedure

# Adds what one parsed file holds to the outcome: (outcome, data, source, code -> where it was imported).
AddFile = Callable[[ImportOutcome, Any, str, dict[str, str]], None]


def json_files(folder: Path) -> list[Path]:
    """Every ``*.json`` file under ``folder``, in a stable order."""
    return files_under(folder, (".json",))


def import_files(files: Iterable[Path], add: AddFile) -> ImportOutcome:
    """Read each file and hand its content to ``add``; a file that cannot be read is reported."""
    outcome = ImportOutcome()
    seen: dict[str, str] = {}
    for file in files:
        notes: Counter[str] = Counter()
        data, problem = read_json(file, notes)
        if problem:
            outcome.report(problem.path, problem.field, problem.message)
            continue
        outcome.anomalies.update(notes)
        for kind in notes:  # a few files to look at, as for the parsers' anomalies
            kept = outcome.examples.setdefault(kind, [])
            if len(kept) < EXAMPLES_PER_KIND:
                kept.append(file.stem)
        try:
            add(outcome, data, str(file), seen)
        except Exception as error:  # a bug in a format's dispatch must cost one file, not the import
            outcome.report(str(file), "", f"could not be parsed ({type(error).__name__}: {error})")
            outcome.anomalies["parser_error"] += 1
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


# JSON has no NaN or Infinity, though Python's parser takes them: they are refused, with their line.
_NON_FINITE = re.compile(r"(?<![\w\"])-?(?:NaN|Infinity)(?![\w\"])")


class _NonFinite(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


def read_json(path: Path, notes: Counter[str] | None = None) -> tuple[Any, InputProblem | None]:
    """The parsed, cleaned content of ``path``, or None and the problem (with its line or field).

    ``notes`` counts what cleaning changed (see ``engine.adapters.decoding.clean_data``).
    """
    source = str(path)
    try:
        raw = path.read_bytes()
        text = decode_text(raw)
        data = json.loads(text, parse_constant=_refuse_constant)
        return clean_data(data, notes, text, JSON_ESCAPES, tree=True), None
    except OSError as error:
        return None, InputProblem(source, "", f"cannot be read: {error.strerror or error}")
    except DecodeProblem as problem:
        return None, InputProblem(source, problem.where, problem.message)
    except json.JSONDecodeError as error:
        return None, InputProblem(
            source, f"line {error.lineno}, column {error.colno}", f"is not valid JSON: {error.msg}"
        )
    except _NonFinite as error:
        match = _NON_FINITE.search(text)
        line = f"line {text.count(chr(10), 0, match.start()) + 1}" if match else ""
        return None, InputProblem(source, line, f"is not valid JSON: {error} is not a JSON number")
    except RecursionError:
        return None, InputProblem(source, "", "is not valid JSON: nested too deeply")
    except DataProblem as problem:
        return None, InputProblem(source, problem.field, problem.message)
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        reason = str(error).split("; use sys.set_int_max_str_digits()")[0]  # advice for programmers only
        return None, InputProblem(source, "", f"is not valid JSON: {reason}")


def validation_message(error: Exception) -> tuple[str, str]:
    """(field, message) for a pydantic validation error or any other error, fit to show a user."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ()))
        return field, str(first.get("msg", error))
    return "", f"{type(error).__name__}: {error}"
