"""What a cache folder holds, read and damaged from outside ``Cache``, as a disk or a person could."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from engine.services.cache import DATABASE


def rows(folder: Path) -> list[tuple[str, str, bytes]]:
    """Every (kind, key, entry) of the folder's database."""
    with closing(sqlite3.connect(folder / DATABASE)) as db:
        return list(db.execute("SELECT kind, key, entry FROM entries ORDER BY kind, key"))


def kinds(folder: Path) -> set[str]:
    """The kinds of entries stored: rows of the database and folders of files."""
    files = {p.relative_to(folder).parts[0] for p in folder.rglob("*.json")}
    return files | {kind for kind, _, _ in rows(folder)}


def replace(folder: Path, kind: str, key: str, entry: bytes) -> None:
    with closing(sqlite3.connect(folder / DATABASE)) as db, db:
        db.execute("UPDATE entries SET entry = ? WHERE kind = ? AND key = ?", (entry, kind, key))


def drop(folder: Path, kind: str) -> None:
    with closing(sqlite3.connect(folder / DATABASE)) as db, db:
        db.execute("DELETE FROM entries WHERE kind = ?", (kind,))
