"""Files' digests trusted from their status while it is unchanged (engine.services.cache.FileDigests), as
git's index does: an unchanged file is not read again, a rewritten one always is."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from engine.services import cache as cache_module
from engine.services import replay
from engine.services.cache import FileDigests

LATER = lambda: time.time_ns() + 10**12  # noqa: E731 - a clock long after every file's last change


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _known(digests: FileDigests) -> object:
    """What the next command loads: the record as JSON."""
    return json.loads(json.dumps(digests.remembered()))


def test_a_file_whose_status_is_unchanged_is_taken_from_the_record_unread(tmp_path):
    record = tmp_path / "1.json"
    record.write_bytes(b'{"ma_thu_tuc": "1"}')
    first = FileDigests(clock=LATER)
    assert first.of(str(record)) == _sha(record.read_bytes()) and first.changed
    forged = {identity: [*entry[:3], "f" * 64] for identity, entry in first.remembered().items()}
    second = FileDigests(forged, clock=LATER)  # the digest can only come from the record
    assert second.of(str(record)) == "f" * 64 and not second.changed


def test_a_file_rewritten_with_its_size_and_modification_time_kept_is_read_again(tmp_path):
    record = tmp_path / "1.json"
    record.write_bytes(b'{"ten_thu_tuc": "Cap phep A"}')
    before = os.stat(record)
    first = FileDigests(clock=LATER)
    first.of(str(record))
    time.sleep(0.05)  # past a tick of the file system's clock: the change time moves on
    record.write_bytes(b'{"ten_thu_tuc": "Cap phep B"}')
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))  # as ``touch -d`` or ``rsync -t`` do
    assert os.stat(record).st_size == before.st_size and os.stat(record).st_mtime_ns == before.st_mtime_ns
    second = FileDigests(_known(first), clock=LATER)
    assert second.of(str(record)) == _sha(b'{"ten_thu_tuc": "Cap phep B"}') and second.changed


def test_a_file_changed_within_the_last_seconds_is_not_trusted_next_time(tmp_path):
    record = tmp_path / "1.json"
    record.write_bytes(b"{}")
    digests = FileDigests()  # the real clock: the file changed a moment ago
    assert digests.of(str(record)) == _sha(b"{}")
    assert digests.remembered() == {} and not digests.changed


@pytest.mark.parametrize(
    "known",
    [None, [], "text", {"1:2": "abc"}, {"any": [1, 2, 3, "x", "y"]}, {"any": [None, None, None, None]}],
)
def test_a_record_that_does_not_read_only_costs_reading(tmp_path, known):
    record = tmp_path / "1.json"
    record.write_bytes(b"{}")
    assert FileDigests(known, clock=LATER).of(str(record)) == _sha(b"{}")


def test_each_file_is_read_once_per_command(tmp_path, monkeypatch):
    record = tmp_path / "1.json"
    record.write_bytes(b"{}")
    reads: list[str] = []
    hash_file = cache_module.hash_file
    monkeypatch.setattr(cache_module, "hash_file", lambda path: reads.append(path) or hash_file(path))
    digests = FileDigests()
    assert digests.of(str(record)) == digests.of(str(record)) and reads == [str(record)]


def test_a_missing_file_raises_os_error(tmp_path):
    with pytest.raises(OSError):
        FileDigests().of(str(tmp_path / "gone.json"))


def _folder(tmp_path, count: int) -> list[str]:
    folder = tmp_path / "records"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n}.json").write_bytes(b'{"n": %d}' % n)
    return sorted(str(path) for path in folder.iterdir())


def _reads_in_this_process(monkeypatch) -> list[str]:
    reads: list[str] = []
    hash_file = cache_module.hash_file
    monkeypatch.setattr(cache_module, "hash_file", lambda path: reads.append(path) or hash_file(path))
    return reads


def test_many_files_to_read_are_read_ahead_by_another_process(tmp_path, monkeypatch):
    paths = _folder(tmp_path, 5)
    monkeypatch.setattr(replay, "READ_AHEAD_FROM", 5)
    reads = _reads_in_this_process(monkeypatch)
    seen = FileDigests(clock=LATER)
    with replay.reading_ahead([tmp_path / "records", None], seen) as ahead:
        assert ahead
    assert [seen.of(path) for path in paths] == [_sha(Path(p).read_bytes()) for p in paths]
    assert reads == [], "read by the child, not again here"
    assert FileDigests(_known(seen), clock=LATER).to_read(paths) == [], "and remembered by their status"


def test_few_files_to_read_are_read_when_asked(tmp_path, monkeypatch):
    paths = _folder(tmp_path, 4)
    monkeypatch.setattr(replay, "READ_AHEAD_FROM", 5)
    reads = _reads_in_this_process(monkeypatch)
    seen = FileDigests()
    with replay.reading_ahead([tmp_path / "records"], seen) as ahead:
        assert not ahead
    assert [seen.of(path) for path in paths] and reads == paths


def test_a_file_the_other_process_cannot_read_is_left_to_say_why(tmp_path, monkeypatch):
    paths = _folder(tmp_path, 5)
    monkeypatch.setattr(replay, "READ_AHEAD_FROM", 5)
    hash_file = cache_module.hash_file

    def unreadable_third(path: str) -> str:
        if path == paths[2]:
            raise PermissionError(13, "Permission denied", path)
        return hash_file(path)

    monkeypatch.setattr(replay, "hash_file", unreadable_third)  # the child's
    monkeypatch.setattr(cache_module, "hash_file", unreadable_third)  # and this process's
    seen = FileDigests()
    with replay.reading_ahead([tmp_path / "records"], seen):
        pass
    assert seen.of(paths[1]) == _sha(b'{"n": 1}')
    with pytest.raises(PermissionError):
        seen.of(paths[2])
