"""Errors the user can act on: shown as one clear line naming the file and field, never a traceback.

The exit codes of ``tinhgon`` live here too, so that every command, its ``--help`` and the README
say the same thing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from enum import IntEnum


class UserError(Exception):
    """A problem with the user's input: a file, path, code or id that is invalid or does not exist.

    Its message is fit to print; the command stops with ``ExitCode.invalid_input``.
    """


class CannotRun(UserError):
    """Nothing to work on, or nowhere to write: the command stops with ``ExitCode.cannot_run``."""


@dataclass(frozen=True)
class InputProblem:
    """One problem found in one input file: which file, which field, what is wrong."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"


class ExitCode(IntEnum):
    """What ``tinhgon``'s exit status means; a pipeline can tell each case apart."""

    ok = 0  # done; every input was valid and no --fail-on threshold was reached
    invalid_input = 1  # a file, record, rule, path, code or id is unreadable, invalid or missing
    usage = 2  # the command line itself is wrong (unknown option, missing argument)
    findings = 3  # findings at or above --fail-on (only new ones with --baseline)
    cannot_run = 4  # nothing to work on (no files, no valid rules) or the output cannot be written
    internal_error = 70  # a bug in tinhgon: please report it with the command that failed
    interrupted = 130  # stopped by Ctrl-C

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.ok: "done: every input valid, no --fail-on threshold reached",
    ExitCode.invalid_input: "invalid input: a file, record, rule or parameter was unreadable or invalid "
    "(the others were processed; --keep-going makes this 0 unless nothing valid was left), or a path, "
    "procedure code or plan id does not exist",
    ExitCode.usage: "wrong command line (unknown option, missing argument)",
    ExitCode.findings: "findings at or above the --fail-on severity (with --baseline: new ones only)",
    ExitCode.cannot_run: "nothing to work on: no procedure files or records found, no valid rules; "
    "or the output cannot be written",
    ExitCode.internal_error: "internal error (a bug): please report it",
    ExitCode.interrupted: "interrupted (Ctrl-C)",
}


def exit_codes_help() -> str:
    """The exit codes as ``--help`` prints them."""
    return "exit codes:\n" + "\n".join(
        textwrap.fill(code.meaning, 100, initial_indent=f"  {int(code):>3}  ", subsequent_indent=" " * 7)
        for code in ExitCode
    )
