"""A folder of entries keyed by content hash, so that unchanged inputs are not parsed or audited again.

Entries are data, JSON or zlib-compressed JSON, never pickle: a cache folder shared or tampered with
can hold wrong data at worst, never code. Each entry starts with a header naming its format, its key
and the CRC-32 of its payload, so an entry damaged, cut short, or written under another key or format
is ignored and rewritten, and readers need not parse an entry to trust it. Keys hash everything the
stored value depends on, including the engine's own source code, so a new version of the tool never
reads an old version's results.

Small entries (a file's parse, a procedure, its findings: thousands per audit) are rows of one SQLite
database, ``entries.sqlite``: creating a file per entry cost a cold audit of the real catalogue about a
fifth of its time, as two workers' file creations contend in the kernel. Whole audits, which can be
large, are files of their own (``LARGE_KINDS``), written to a temporary file and renamed into place, so a
reader sees a whole entry or none; beyond ``LARGE_BUDGET`` per kind the least recently used are deleted.
A database that is not one (damaged, or another file) is moved aside once and started afresh; one that
cannot be opened or written only costs the speed-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import orjson

from engine import __version__

FORMAT = 5  # bump when the layout of entries changes
PACKAGE = Path(__file__).resolve().parents[1]
DATABASE = "entries.sqlite"
# Kinds whose entries are files (written chunk by chunk: a whole audit of a large catalogue is 150 MB;
# a command's answer holds its report).
LARGE_KINDS = frozenset({"audit", "answer"})
_BATCH = 500  # keys per query of ``get_many`` (well within SQLite's limit on parameters), rows per write
_PUT = "INSERT OR REPLACE INTO entries (kind, key, entry) VALUES (?, ?, ?)"
# The entries of a large kind kept, the most recently used first, up to this many bytes (the newest is
# kept whatever its size): a pipeline that audits every change adds an answer of 11 MB each time.
LARGE_BUDGET = 512 * 1024 * 1024
T = TypeVar("T")
_STALE_TEMPORARY_S = 3600  # a temporary file this old belongs to a writer that died


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


def files_digest(*places: Path, seen: FileDigests | None = None) -> str:
    """The digest of the names and bytes of every file under ``places`` (files or folders), each file's
    digest from ``seen`` when given: a command that hashes its inputs for its replay key then parses the
    same files (``engine.cli.audit``) reads them once, and not at all when unchanged since the last one."""
    parts: list[str | bytes] = []
    for place in places:
        for name, path in _named_files(place):
            parts += [name, file_digest(path, seen)]
    return digest(*parts)


def files_under(place: Path) -> list[str]:
    """The files ``files_digest`` reads for ``place``, as it names them to ``FileDigests``."""
    return [path for _, path in _named_files(place)]


def _named_files(place: Path) -> list[tuple[str, str]]:
    if place.is_dir():
        return sorted(_walk(str(place), ""))
    return [(place.name, str(place))] if place.exists() else []


def file_digest(path: str, seen: FileDigests | None = None) -> str:
    """The SHA-256 of the bytes of the file at ``path``, through ``seen`` when given; raises ``OSError``."""
    return seen.of(path) if seen is not None else hash_file(path)


def _recorded_digest(entry: object, signature: list[Any]) -> str | None:
    """The digest in ``entry`` (``[*signature, digest]``), or None when its signature is another."""
    if isinstance(entry, list) and entry[:-1] == signature and isinstance(entry[-1], str):
        return entry[-1]
    return None


def hash_file(path: str) -> str:
    """The SHA-256 of the bytes of the file at ``path``; raises ``OSError``."""
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


# A file whose status changed this recently may change again within the same tick of its file system's
# clock (two seconds on FAT) without its status showing it: its digest is not remembered by status.
_RACY_NS = 3_000_000_000


def _signature(status: os.stat_result) -> list[Any]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns]


class FileDigests:
    """The digests of files' bytes, each file read at most once per command; a file whose status (device,
    inode, size, modification and change times) is the one ``known`` recorded with its digest is not
    read at all, as git's index does. The change time cannot be set back by anyone (``touch -d``,
    ``rsync -t`` or ``cp -p`` set only the modification time), so a rewritten file is read again.

    ``known``: what ``remembered`` returned by an earlier command, as loaded from JSON (anything else in
    it is ignored). ``changed`` says whether ``remembered`` differs from ``known``.
    """

    def __init__(self, known: object = None, clock: Callable[[], int] = time.time_ns) -> None:
        self.known: dict[str, list[Any]] = known if isinstance(known, dict) else {}
        self._clock = clock
        self._digests: dict[str, str] = {}  # by path as given, this command
        self._remembered: dict[str, list[Any]] = {}  # by "device:inode"
        self.changed = False

    def of(self, path: str) -> str:
        """The digest of the file at ``path``; raises ``OSError``."""
        found = self._digests.get(path)
        if found is not None:
            return found
        status = os.stat(path)
        return self.take(path, status, None if self._trusted(status) else hash_file(path))

    def to_read(self, paths: Iterable[str]) -> list[tuple[str, os.stat_result]]:
        """Those of ``paths`` whose file ``of`` would read (not known by their status), with their status
        now; the files that cannot be read are left out, for ``of`` to say why."""
        unread = []
        for path in paths:
            if path not in self._digests:
                with suppress(OSError):
                    status = os.stat(path)
                    if self._trusted(status) is None:
                        unread.append((path, status))
        return unread

    def take(self, path: str, status: os.stat_result, read: str | None) -> str:
        """Keep the digest of the file at ``path``, which had ``status``: ``read`` from its bytes (by this
        process or another), or None when the status is known; the digest kept."""
        identity = f"{status.st_dev}:{status.st_ino}"
        before = self.known.get(identity)
        entry: list[Any] | None = before
        found = read or self._trusted(status)
        assert found is not None, "a file whose status is not known is read"
        if read is not None:
            racy = self._clock() - max(status.st_mtime_ns, status.st_ctime_ns) < _RACY_NS
            entry = None if racy else [*_signature(status), read]  # a racy file is read again next time
        if entry is not None:
            self._remembered[identity] = entry
        self.changed = self.changed or before != entry
        self._digests[path] = found
        return found

    def _trusted(self, status: os.stat_result) -> str | None:
        return _recorded_digest(self.known.get(f"{status.st_dev}:{status.st_ino}"), _signature(status))

    def remembered(self) -> dict[str, list[Any]]:
        """What a later command may trust, of the files read by this one (and only those: the record
        stays as large as the inputs)."""
        return self._remembered


def _walk(folder: str, prefix: str) -> Iterator[tuple[str, str]]:
    """(name relative to the top folder, path) of every file under ``folder``: os.scandir, as the
    replay of an audit hashes a catalogue's thousands of files before anything else. Links to folders
    are not followed, as the catalogue's readers do not follow them (``engine.adapters.folders``): a
    link to a parent folder would loop."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                yield f"{prefix}{entry.name}", entry.path


def json_digest(value: Any) -> str:
    """The digest of a JSON-able value (dataclasses included), independent of dict order: written by
    orjson, ten times faster than ``json`` on the thousands of context slices an audit keys on."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
    except orjson.JSONEncodeError:  # integers beyond 64 bits, which orjson does not write
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return digest(text)


@cache
def code_fingerprint() -> str:
    """A digest of the engine's version, source code and data files (labels): any change to them
    invalidates entries."""
    parts: list[str | bytes] = [__version__, str(FORMAT)]
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [str(path.relative_to(PACKAGE)), path.read_bytes()]
    return digest(*parts)


class Cache:
    """Entries of ``folder``: rows of ``folder/entries.sqlite``, and for ``LARGE_KINDS`` files
    ``folder/<kind>/<key[:2]>/<key>.json``. Never raises on a broken entry, database or disk.

    Each process opens its own connection (none crosses a fork). An entry is written in a transaction
    of its own, or with the others of its ``batched`` block, so a worker that dies loses no more than
    the block it was in.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._root = str(self.folder)
        self._lock = threading.Lock()  # the workbench's threads share a cache
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0  # the process that opened ``_db``; 0: not opened
        self._pending = threading.local()  # ``rows``: a thread's entries put in a ``batched`` block
        _OPEN.add(self)

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Write the small entries put inside together, in one transaction, on leaving (an exception
        too: each entry is whole). Two workers writing an entry per transaction contend for the
        database's lock: that cost a cold audit of the real catalogue about an eighth of its time. Until
        written, the entries are not found by ``get_bytes`` and ``get_many``."""
        if getattr(self._pending, "rows", None) is not None:
            yield  # inside a block already: written with it
            return
        self._pending.rows = []
        try:
            yield
        finally:
            rows, self._pending.rows = self._pending.rows, None
            if rows:
                self._execute_many(_PUT, rows)

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """A payload stored by ``put_bytes``, or None when absent, damaged, or written under another key or
        format."""
        if kind not in LARGE_KINDS:
            return self.get_many(kind, [key])[0]
        view = self.get_view(kind, key)
        return None if view is None else bytes(view)

    def get_view(self, kind: str, key: str) -> memoryview | None:
        """``get_bytes`` of an entry of ``LARGE_KINDS``, its payload a view of the file's bytes, not a copy
        (an answer at fifty times the real catalogue holds a report of three quarters of a gigabyte)."""
        assert kind in LARGE_KINDS, "small entries are rows, read by get_many"
        try:
            with open(self._path(kind, key), "rb") as file:
                data = file.read()
        except OSError:
            return None
        end = data.find(b"\n")
        payload = memoryview(data)[end + 1 :]
        if end < 0 or data[:end] != self._header(key, zlib.crc32(payload)):
            return None
        with suppress(OSError):
            os.utime(self._path(kind, key))  # used now: pruned last (``prune``)
        return payload

    def get_many(self, kind: str, keys: Sequence[str]) -> list[bytes | None]:
        """``get_bytes`` of each key, in order, in a few queries (a warm audit reads thousands)."""
        if kind in LARGE_KINDS:
            return [self.get_bytes(kind, key) for key in keys]
        found: dict[str, object] = {}
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            sql = f"SELECT key, entry FROM entries WHERE kind = ? AND key IN ({marks})"
            found.update(self._execute(sql, (kind, *batch)) or ())
        return [self._payload(key, found.get(key)) for key in keys]

    def _payload(self, key: str, data: object) -> bytes | None:
        """The payload of a stored entry when its header holds: its format, ``key`` and the checksum."""
        if not isinstance(data, bytes):
            return None
        header, _, payload = data.partition(b"\n")
        return payload if header == self._header(key, zlib.crc32(payload)) else None

    def put_bytes(self, kind: str, key: str, payload: bytes) -> None:
        """Store ``payload`` atomically; a disk that refuses the write only costs the speed-up."""
        if kind in LARGE_KINDS:
            self.put_chunks(kind, key, [payload])
            return
        entry = self._header(key, zlib.crc32(payload)) + b"\n" + payload
        pending = getattr(self._pending, "rows", None)
        if pending is not None:
            pending.append((kind, key, entry))
            if len(pending) >= _BATCH:  # a long block is written as it goes: its memory stays bounded
                self._pending.rows = []
                self._execute_many(_PUT, pending)
            return
        self._execute(_PUT, (kind, key, entry))

    def put_chunks(self, kind: str, key: str, chunks: Iterable[bytes | memoryview]) -> None:
        """``put_bytes`` of the chunks joined; for ``LARGE_KINDS`` written one by one, never copied whole."""
        if kind in LARGE_KINDS:
            path = self._path(kind, key)
            self._write(path, key, chunks)
            prune(os.path.join(self._root, kind), path, LARGE_BUDGET)
        else:
            self.put_bytes(kind, key, b"".join(chunks))

    def close(self) -> None:
        """Close this process's connection (it is opened again when needed)."""
        with self._lock:
            if self._db is not None and self._db_pid == os.getpid():
                with suppress(sqlite3.Error):
                    self._db.close()
            self._db, self._db_pid = None, 0

    def _path(self, kind: str, key: str) -> str:
        # A string, not a Path: an audit looks up thousands of entries, and Path joins cost more.
        return os.path.join(self._root, kind, key[:2], f"{key}.json")

    def _execute(self, sql: str, values: tuple[str | bytes, ...]) -> list[tuple[Any, ...]] | None:
        """One statement in its own transaction; its rows. None when the database fails."""
        return self._on_database(lambda db: db.execute(sql, values).fetchall())

    def _execute_many(self, sql: str, rows: list[tuple[str, str, bytes]]) -> None:
        """``sql`` once per row, all in one transaction; nothing when the database fails."""

        def write(db: sqlite3.Connection) -> None:
            with _transaction(db):
                db.executemany(sql, rows)

        self._on_database(write)

    def _on_database(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """``work`` on this process's connection, under the lock; None when the database fails."""
        with self._lock:
            try:
                db = self._connection()
                return work(db) if db is not None else None
            except sqlite3.OperationalError:
                return None  # locked for longer than the timeout, disk full: only the speed-up is lost
            except sqlite3.DatabaseError:  # damaged pages: started afresh
                self._move_aside()
                return None

    def _move_aside(self) -> None:
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
        self._db = None  # opened again, on a new file, by the next statement
        self._db_pid = 0
        _set_aside(os.path.join(self._root, DATABASE))

    def _connection(self) -> sqlite3.Connection | None:
        if self._db_pid != os.getpid():
            self._db, self._db_pid = self._open(), os.getpid()
        return self._db

    def _open(self) -> sqlite3.Connection | None:
        """This process's connection; a file that is not a database is moved aside, once."""
        path = os.path.join(self._root, DATABASE)
        for attempt in range(2):
            try:
                os.makedirs(self._root, exist_ok=True)
                db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
            except (OSError, sqlite3.Error):
                return None
            try:
                db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
                # No sync at all: an entry is worth the time it saves, and a database a power cut damages is
                # moved aside (each entry's checksum catches the rest).
                db.execute("PRAGMA synchronous=OFF")
                _create_table(db)
                return db
            except sqlite3.DatabaseError as error:
                db.close()
                if isinstance(error, sqlite3.OperationalError) or attempt:
                    return None  # locked, read-only, no space: not the file's fault
                _set_aside(path)
        return None

    @staticmethod
    def _header(key: str, crc: int) -> bytes:
        return f"tinhgon-cache {FORMAT} {key} {crc:08x}".encode()

    @classmethod
    def _write(cls, path: str, key: str, chunks: Iterable[bytes | memoryview]) -> None:
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


def prune(folder: str, newest: str, budget: int) -> None:
    """Delete the entry files under ``folder`` (``*.json``) beyond the ``budget`` of bytes, the least
    recently used first (by modification time: a read touches its entry), never ``newest``; and
    temporary files left by writers that died. A file that cannot be looked at or deleted is left."""
    entries: list[tuple[float, int, str]] = []
    now = time.time()
    for name, path in _walk(folder, "") if os.path.isdir(folder) else ():
        with suppress(OSError):
            status = os.stat(path)
            if name.endswith(".tmp") and now - status.st_mtime > _STALE_TEMPORARY_S:
                os.unlink(path)
            elif name.endswith(".json") and path != newest:
                entries.append((status.st_mtime, status.st_size, path))
    with suppress(OSError):
        budget -= os.stat(newest).st_size
    for _, size, path in sorted(entries, reverse=True):
        budget -= size
        if budget < 0:
            with suppress(OSError):
                os.unlink(path)


def _create_table(db: sqlite3.Connection) -> None:
    """The entries' table, with rowids: a table without them keeps its rows in the B-tree of its key,
    which large rows make slow to search (a warm audit read its 2,119 parses at half the speed). A
    table of that earlier layout holds entries of an older ``FORMAT`` only, and is dropped."""
    with _transaction(db):  # one process at a time looks and changes
        row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'").fetchone()
        if row and "WITHOUT ROWID" in row[0].upper():
            db.execute("DROP TABLE entries")
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries "
            "(kind TEXT NOT NULL, key TEXT NOT NULL, entry BLOB NOT NULL, PRIMARY KEY (kind, key))"
        )


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """The statements inside as one transaction, holding the write lock from its start; rolled back on
    an error, which is raised again."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        with suppress(sqlite3.Error):  # a failed statement may have ended it already
            db.execute("ROLLBACK")
        raise


def _set_aside(path: str) -> None:
    """Move a damaged database aside (kept for a look), with the journal files that belong to it."""
    with suppress(OSError):
        os.replace(path, f"{path}.damaged")
    for suffix in ("-wal", "-shm"):
        with suppress(OSError):
            os.unlink(path + suffix)


# SQLite connections must not cross a fork: every cache closes its connection before one, and the child
# starts with fresh locks (another thread may have held one as the process forked).
_OPEN: weakref.WeakSet[Cache] = weakref.WeakSet()


def _close_before_fork() -> None:
    for store in list(_OPEN):
        store.close()


def _reset_in_child() -> None:
    for store in list(_OPEN):
        store._lock, store._db, store._db_pid = threading.Lock(), None, 0


os.register_at_fork(before=_close_before_fork, after_in_child=_reset_in_child)
