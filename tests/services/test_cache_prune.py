"""Large cache entries (answers, whole audits) are kept up to a budget, the least recently used deleted
first: a pipeline that audits every change would otherwise add 11 MB to the cache each time."""

from __future__ import annotations

import os
import time

from engine.services import cache as cache_module
from engine.services.cache import Cache, prune


def _answers(folder) -> list[str]:
    return sorted(path.stem for path in (folder / "answer").rglob("*.json"))


def test_answers_beyond_the_budget_go_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "LARGE_BUDGET", 3000)
    cache = Cache(tmp_path)
    keys = [f"{n}" * 64 for n in range(1, 5)]
    for n, key in enumerate(keys[:3]):
        cache.put_bytes("answer", key, b"x" * 900)
        os.utime(cache._path("answer", key), (1000 + n, 1000 + n))  # written in this order
    assert cache.get_bytes("answer", keys[0]) == b"x" * 900  # used now: the most recent
    cache.put_bytes("answer", keys[3], b"x" * 900)  # four of about 1 KB: one must go
    assert _answers(tmp_path) == sorted([keys[0], keys[2], keys[3]])
    assert cache.get_bytes("answer", keys[1]) is None  # a deleted entry is only a miss


def test_the_newest_entry_is_kept_whatever_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "LARGE_BUDGET", 10)
    cache = Cache(tmp_path)
    cache.put_bytes("audit", "a" * 64, b"old")
    cache.put_bytes("audit", "b" * 64, b"y" * 100)
    assert cache.get_bytes("audit", "b" * 64) == b"y" * 100 and cache.get_bytes("audit", "a" * 64) is None


def test_temporary_files_of_dead_writers_go_and_other_files_stay(tmp_path):
    folder = tmp_path / "answer" / "ab"
    folder.mkdir(parents=True)
    stale, fresh, other, newest = (folder / n for n in (".1.tmp", ".2.tmp", "notes.txt", "new.json"))
    for path in (stale, fresh, other, newest):
        path.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    prune(str(tmp_path / "answer"), str(newest), 0)
    assert sorted(p.name for p in folder.iterdir()) == [".2.tmp", "new.json", "notes.txt"]


def test_a_missing_folder_is_nothing_to_prune(tmp_path):
    prune(str(tmp_path / "none"), str(tmp_path / "none" / "x.json"), 0)
