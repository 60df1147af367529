"""Errors the user can act on: shown as one clear line naming the file and field, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem with the user's input or configuration, with a message fit to print."""


@dataclass(frozen=True)
class InputProblem:
    """One problem found in one input file: which file, which field, what is wrong."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"
