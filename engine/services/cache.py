"""A folder of entries keyed by content hash, so that unchanged inputs are not parsed or audited again.

Entries are data, JSON or zlib-compressed JSON, never pickle: a cache folder shared or tampered with
can hold wrong data at worst, never code. Each entry is written to a temporary file and renamed into
place, so a reader sees a whole entry or none; its header names its format, its key and the CRC-32 of
its payload, so an entry damaged on disk, cut short, or written under another key or format is ignored
and rewritten, and readers need not parse an entry to trust it. Keys hash everything the stored value
depends on, including the engine's own source code, so a new version of the tool never reads an old
version's results."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from engine import __version__

FORMAT = 2  # bump when the layout of entries changes
PACKAGE = Path(__file__).resolve().parents[1]


def default_cache_dir() -> Path:
    """``audits/`` in the workbench's cache folder: ``TINHGON_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/tinhgon`` (``~/.cache/tinhgon``)."""
    if os.environ.get("TINHGON_CACHE_DIR"):
        return Path(os.environ["TINHGON_CACHE_DIR"]) / "audits"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tinhgon" / "audits"


def digest(*parts: str | bytes) -> str:
    """The SHA-256 of ``parts``, each length-prefixed so that no two sequences of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(*places: Path) -> str:
    """The digest of the names and bytes of every file under ``places`` (files or folders)."""
    parts: list[str | bytes] = []
    for place in places:
        files = sorted(p for p in place.rglob("*") if p.is_file()) if place.is_dir() else [place]
        for file in files:
            if file.exists():
                parts += [str(file.relative_to(place) if place.is_dir() else file.name), file.read_bytes()]
    return digest(*parts)


def json_digest(value: Any) -> str:
    """The digest of a JSON-able value, independent of dict order."""
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))


@cache
def code_fingerprint() -> str:
    """A digest of the engine's source code and version: any change to the code invalidates entries."""
    parts: list[str | bytes] = [__version__, str(FORMAT)]
    for path in sorted(PACKAGE.rglob("*.py")):
        parts += [str(path.relative_to(PACKAGE)), path.read_bytes()]
    return digest(*parts)


class Cache:
    """JSON entries under ``folder/<kind>/<key[:2]>/<key>.json``. Never raises on a broken entry or disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._root = str(self.folder)

    def _path(self, kind: str, key: str) -> str:
        # A string, not a Path: an audit looks up thousands of entries, and Path joins cost more.
        return os.path.join(self._root, kind, key[:2], f"{key}.json")

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """A payload stored by ``put_bytes``, or None when absent, damaged, or written under another key or
        format."""
        try:
            with open(self._path(kind, key), "rb") as file:
                data = file.read()
        except OSError:
            return None
        header, _, payload = data.partition(b"\n")
        return payload if header == self._header(key, zlib.crc32(payload)) else None

    def put_bytes(self, kind: str, key: str, payload: bytes) -> None:
        """Store ``payload`` atomically; a disk that refuses the write only costs the speed-up."""
        self.put_chunks(kind, key, [payload])

    def put_chunks(self, kind: str, key: str, chunks: Iterable[bytes]) -> None:
        """``put_bytes`` of the chunks joined, written one by one: a large entry is never copied whole."""
        self._write(self._path(kind, key), key, chunks)

    @staticmethod
    def _header(key: str, crc: int) -> bytes:
        return f"tinhgon-cache {FORMAT} {key} {crc:08x}".encode()

    @classmethod
    def _write(cls, path: str, key: str, chunks: Iterable[bytes]) -> None:
        """Write to a temporary file beside ``path`` and rename it into place: whole or not at all. The
        header's checksum is known only once every chunk is written: it is written last, in place."""
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(cls._header(key, 0) + b"\n")
                    crc = 0
                    for chunk in chunks:
                        file.write(chunk)
                        crc = zlib.crc32(chunk, crc)
                    file.seek(0)
                    file.write(cls._header(key, crc))  # as long as the placeholder: 8 hex digits
                os.replace(temporary, path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            pass
