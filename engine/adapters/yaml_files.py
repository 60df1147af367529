"""YAML files on disk: procedures, data sources, rule packs and parameters.

Every problem becomes an ``InputProblem`` naming the file and the field, so one bad file never stops
the others from loading.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from engine.adapters.catalogue_files import DATA_SOURCES_FILE, VOLUMES_FILE
from engine.adapters.decoding import DataProblem, DecodeProblem, clean_data, decode_text
from engine.adapters.folders import files_under
from engine.errors import InputProblem

M = TypeVar("M", bound=BaseModel)


# libyaml's safe loader and dumper when PyYAML was built with it: ten times faster on a full catalogue.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def read_yaml(path: Path) -> tuple[Any, list[InputProblem]]:
    """Parse one YAML file with the safe loader (no tags that build Python objects).

    An unreadable file, a syntax or encoding error, or data past the limits of
    ``engine.adapters.decoding`` becomes a problem with its line or field.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
        text = decode_text(raw)
    except OSError as error:
        return None, [InputProblem(source, "", f"cannot read: {error.strerror or error}")]
    except DecodeProblem as problem:
        return None, [InputProblem(source, problem.where, problem.message)]
    try:
        return clean_data(yaml.load(text, Loader=_LOADER), text=text), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        position = getattr(error, "position", None)  # a reader error: a character the file may not hold
        where = (
            f"line {mark.line + 1}"
            if mark
            else f"line {text.count(chr(10), 0, position) + 1}"
            if isinstance(position, int)
            else ""
        )
        reason = getattr(error, "problem", None) or str(error)
        return None, [InputProblem(source, where, f"not valid YAML: {reason}")]
    except RecursionError:
        return None, [InputProblem(source, "", "not valid YAML: nested too deeply")]
    except DataProblem as problem:
        return None, [InputProblem(source, problem.field, problem.message)]
    except (ValueError, TypeError, OverflowError) as error:  # e.g. "2026-13-45" read as a date
        return None, [InputProblem(source, "", f"not valid YAML: {error}")]


def validation_problems(path: str, error: ValidationError, prefix: str = "") -> list[InputProblem]:
    """One problem per pydantic error, the field written as ``components[2].copies``."""
    problems = []
    for item in error.errors():
        field = prefix
        for part in item["loc"]:
            field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        problems.append(InputProblem(path, field, message))
    return problems


def load_model(path: Path, model: type[M]) -> tuple[M | None, list[InputProblem]]:
    """Read ``path`` and validate it as ``model``."""
    data, problems = read_yaml(path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [InputProblem(str(path), "", "expected a mapping of fields at the top level")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, validation_problems(str(path), error)
    except Exception as error:  # a model bug must cost one file, not the catalogue
        return None, [InputProblem(str(path), "", f"could not be read ({type(error).__name__}: {error})")]


def procedure_files(folder: Path) -> Iterator[Path]:
    """Procedure files under ``folder``, in a stable order; the data-sources and volumes files are not."""
    for path in files_under(folder, (".yaml", ".yml")):
        if path.name not in (DATA_SOURCES_FILE, VOLUMES_FILE):
            yield path


def dump_yaml(data: Any) -> str:
    """YAML as people edit it: Unicode kept, keys in model order, no line folding."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
