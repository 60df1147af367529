"""Answers of audit commands, replayed when nothing they depend on has changed.

What ``tinhgon audit`` prints and writes (the report, the summary, the messages, the exit code) depends
only on its inputs' bytes (the catalogue's files, the rules folder, the bundled data, the baseline), on
the options and the date, and on the engine's code and libraries. ``answer_key`` hashes all of them
without parsing any: a repeated command is answered from the cache after reading its files once, before
the engine is imported, which is most of a warm command's time. Any change makes another key, and the
command runs the incremental audit (``engine.services.incremental``), which re-audits only what the
change reaches.

This module imports only the standard library and the cache, and must stay that way.

>>> answer = Answer(stdout="2 findings\\n", stderr="", exit_code=0)
>>> Answer.from_bytes(answer.to_bytes()) == answer
True
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from engine.services.cache import (
    Cache,
    FileDigests,
    code_fingerprint,
    digest,
    files_digest,
    files_under,
    hash_file,
)

# From this many files to read for a key, a child process reads them (``reading_ahead``).
READ_AHEAD_FROM = 200
_CAN_FORK = hasattr(os, "fork")
KIND = "answer"  # the cache's kind of entry for answers (large: a JSON report of the catalogue is 11 MB)
STATUS_KIND = "file-status"  # the files' status and digests an answer key was made of (``FileDigests``)


@dataclass(frozen=True)
class Answer:
    """What one audit command printed, wrote to its ``--output`` file, and exited with."""

    stdout: str
    stderr: str
    exit_code: int
    # The bytes written to the output file, when there is one, in the pieces they are made in: a JSON
    # report of fifty times the real catalogue is three quarters of a gigabyte, never joined into one.
    report: Iterable[bytes | memoryview] | None = None

    def to_bytes(self) -> bytes:
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes | memoryview]:
        """The messages and exit code as a JSON line after its length, then the report as it is written
        (not compressed: decompressing the 11 MB of a JSON report would take a tenth of a replay)."""
        head = {"stdout": self.stdout, "stderr": self.stderr, "exit_code": self.exit_code}
        head["report"] = self.report is not None
        line = json.dumps(head, ensure_ascii=False).encode("utf-8")
        yield len(line).to_bytes(8, "little") + line
        yield from self.report or ()

    @classmethod
    def from_bytes(cls, payload: bytes | memoryview | None) -> Answer | None:
        """The answer ``to_bytes`` wrote; None for anything else, which is then audited afresh. The
        report stays a view of ``payload``: a replay copies nothing of it but to the output file."""
        if payload is None or len(payload) < 8:
            return None
        size = int.from_bytes(payload[:8], "little")
        report = payload[8 + size :]
        try:
            head = json.loads(bytes(payload[8 : 8 + size]))
            stdout, stderr, exit_code, has_report = (
                head["stdout"],
                head["stderr"],
                head["exit_code"],
                head["report"],
            )
        except (ValueError, TypeError, KeyError):
            return None
        if not (isinstance(stdout, str) and isinstance(stderr, str) and type(exit_code) is int):
            return None
        return cls(stdout, stderr, exit_code, (report,) if has_report is True else None)


def answer_key(
    options: Mapping[str, object], inputs: Iterable[Path | None], seen: FileDigests | None = None
) -> str:
    """The key of a command's answer: its ``options`` (everything that shapes the output, the date and
    the paths as given included), the names and bytes of every file under ``inputs`` (missing ones
    count as missing), the engine's code and data, and the Python and libraries that run it; each file's
    digest through ``seen`` when given (``files_digest``)."""
    parts: list[str | bytes] = [
        code_fingerprint(),
        json.dumps(options, sort_keys=True, default=str),
        sys.version,
        *_libraries(),
    ]
    for place in inputs:
        if place is None:
            parts.append("-")
            continue
        resolved = place.resolve()
        parts += [str(resolved), "dir" if resolved.is_dir() else "file" if resolved.exists() else "missing"]
        parts.append(files_digest(place, seen=seen) if resolved.exists() else "")
    return digest(*parts)


def file_digests(cache: Cache, inputs: Iterable[Path | None]) -> FileDigests:
    """The digests of the files under ``inputs`` that the last command on the same inputs read, to be
    trusted while the files' status stays as it was then; a record damaged or missing only costs reading."""
    payload = cache.get_bytes(STATUS_KIND, _status_key(inputs))
    try:
        known = json.loads(payload) if payload is not None else None
    except ValueError:
        known = None
    return FileDigests(known)


@contextmanager
def reading_ahead(inputs: Iterable[Path | None], seen: FileDigests) -> Iterator[bool]:
    """While the body runs, a child process reads the files under ``inputs`` that ``seen`` does not know by
    their status, when there are many (``READ_AHEAD_FROM``); their digests join ``seen`` as the body ends.
    Yields whether it does: a command is then most likely cold, and ``engine.cli.audit`` loads the engine
    meanwhile instead of after (0.17 s, while the real catalogue's 2,119 records take 0.06 s to read),
    at the cost of loading it for nothing when the answer is found all the same."""
    places = [place for place in inputs if place is not None]
    unread = seen.to_read(path for place in places for path in files_under(place)) if _CAN_FORK else []
    if len(unread) < READ_AHEAD_FROM:
        yield False
        return
    with tempfile.TemporaryFile() as results:
        child = os.fork()
        if child == 0:  # the child reads and writes the digests, and ends without the parent's clean-up
            try:
                for path, _ in unread:
                    try:
                        line = hash_file(path)
                    except OSError:
                        line = "-"  # left for ``FileDigests.of`` to say why
                    os.write(results.fileno(), line.encode("ascii") + b"\n")
            finally:
                os._exit(0)
        try:
            yield True
        finally:
            os.waitpid(child, 0)
            results.seek(0)
            digests = results.read().decode("ascii").split()
            if len(digests) == len(unread):  # else the child was stopped: ``of`` reads the rest
                for (path, status), found in zip(unread, digests, strict=True):
                    if found != "-":
                        seen.take(path, status, found)


def keep_file_digests(cache: Cache, inputs: Iterable[Path | None], seen: FileDigests) -> None:
    """Record what ``seen`` read, for ``file_digests`` of the next command, when it differs."""
    if seen.changed:
        record = json.dumps(seen.remembered(), separators=(",", ":")).encode("utf-8")
        cache.put_bytes(STATUS_KIND, _status_key(inputs), record)


def _status_key(inputs: Iterable[Path | None]) -> str:
    return digest(STATUS_KIND, *(str(place.resolve()) if place else "-" for place in inputs))


def _libraries() -> list[str]:
    """The installed distributions beside the engine (``name-version.dist-info``): an upgraded library may
    change a report."""
    names: list[str] = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            names += sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))
    return names


def recall(cache: Cache, key: str) -> Answer | None:
    return Answer.from_bytes(cache.get_view(KIND, key))


def remember(cache: Cache, key: str, answer: Answer) -> None:
    cache.put_chunks(KIND, key, answer.chunks())
