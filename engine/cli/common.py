"""What the commands on a catalogue share: help texts, how input problems are reported, and the exit
codes they lead to. Light on purpose: ``audit`` imports it before it knows whether it will run."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from engine.errors import CannotRun, ExitCode, InputProblem, UserError
from engine.services import paths

CATALOGUE_HELP = (
    "a catalogue: a folder of procedure YAML files (default: the bundled procedures/), one YAML file, "
    "or portal JSON records such as ../shared/data/dvc-2026/raw (a folder holding both kinds is read whole)"
)
KEEP_GOING_HELP = (
    "exit 0 even when some input files are unreadable or invalid (they are still listed); "
    "by default they make the exit code 1"
)


def report_problems(problems: Sequence[InputProblem], err: TextIO | None = None) -> None:
    for problem in problems:
        print(f"invalid: {problem}", file=err or sys.stderr)


def needs_procedures(
    procedures: Collection[object], files_read: int, problems: int, path: Path | None
) -> None:
    """Stop when nothing valid was read: "0 findings on 0 procedures" is not a success.

    Invalid files that left nothing to work on exit 1 even with --keep-going; no files at all, 4.
    """
    if procedures:
        return
    where = path or paths.catalogue_dir()
    if not files_read:
        raise CannotRun(f"{where}: no procedure files or records found")
    raise UserError(
        f"{where}: none of the {files_read} files or records read holds a valid procedure "
        f"({problems} problems, listed above)"
    )


def input_verdict(problems: Sequence[InputProblem], keep_going: bool, err: TextIO | None = None) -> ExitCode:
    """Exit 1 when inputs were invalid, unless the user asked to keep going."""
    err = err or sys.stderr
    if not problems:
        return ExitCode.ok
    if keep_going:
        print(f"{len(problems)} input problems, ignored (--keep-going)", file=err)
        return ExitCode.ok
    print(f"{len(problems)} input problems: exit {int(ExitCode.invalid_input)} (see above)", file=err)
    return ExitCode.invalid_input


def write_bytes(
    path: Path, chunks: Iterable[bytes | memoryview], written: Callable[[Path | None], None] | None = None
) -> None:
    """Write ``chunks`` to ``path``. A regular file is written beside it and renamed into place: a reader
    never sees half a report, and one that could not be finished leaves the previous one as it was.
    ``written`` is called once all is written: with that file, which is renamed when the call returns, or
    with None when ``path`` is not a regular file."""
    final = path.resolve() if path.is_symlink() else path  # the file a link names, not the link
    if final.exists() and not final.is_file():  # /dev/stdout, a pipe: written as it is
        target, temporary = final, None
    else:
        target = temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    try:
        with target.open("wb") as file:
            file.writelines(chunks)
        if written:
            written(temporary)
        if temporary:
            os.replace(temporary, final)
    except OSError as error:
        raise CannotRun(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if temporary:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)


def file_chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of the file at ``path``, ``size`` at a time."""
    with path.open("rb") as file:
        while chunk := file.read(size):
            yield chunk
