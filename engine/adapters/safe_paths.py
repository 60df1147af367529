"""Paths built from user data (procedure codes, source folder names, uploaded file names).

A procedure code or a name such as ``../../x`` must never write outside the data folder it is meant
for: ``inside`` refuses it instead of resolving it. Anything that writes a file named after user data
(imports today; uploads and archive members in the workbench) builds the path with it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from engine.errors import UserError


def inside(folder: Path, *parts: str) -> Path:
    """``folder / part / …``, or ``UserError`` when a part is absolute, ``..``, or leaves ``folder``."""
    for part in parts:
        pieces = PurePosixPath(part.replace("\\", "/")).parts
        if not part or PureWindowsPath(part).drive or part.startswith(("/", "\\")) or ".." in pieces:
            raise UserError(f"{part!r}: not a plain name inside {folder}")
    path = folder.joinpath(*parts)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise UserError(f"{'/'.join(parts)!r}: leads outside {folder}")
    return path
