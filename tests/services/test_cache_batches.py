"""Small cache entries put in a ``batched`` block are written together, in one transaction: two workers
writing one entry per transaction contended for the database's lock."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from engine.services import cache as cache_module
from engine.services.cache import DATABASE, Cache


def _rows(folder) -> int:
    with sqlite3.connect(folder / DATABASE) as db:
        return int(db.execute("SELECT count(*) FROM entries").fetchone()[0])


def _key(n: int) -> str:
    return f"{n:064x}"


def test_entries_of_a_block_are_written_when_it_ends(tmp_path):
    cache = Cache(tmp_path)
    cache.put_bytes("parsed", _key(0), b"before")
    with cache.batched():
        for n in range(1, 4):
            cache.put_bytes("findings", _key(n), b"%d" % n)
        with cache.batched():  # a block inside a block is written with the outer one
            cache.put_bytes("findings", _key(4), b"4")
        assert cache.get_many("findings", [_key(1), _key(4)]) == [None, None]
        assert _rows(tmp_path) == 1
    assert cache.get_many("findings", [_key(n) for n in range(1, 5)]) == [b"1", b"2", b"3", b"4"]
    cache.put_bytes("parsed", _key(5), b"after")  # outside a block: at once
    assert cache.get_bytes("parsed", _key(5)) == b"after"


def test_a_long_block_is_written_as_it_goes(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "_BATCH", 3)
    cache = Cache(tmp_path)
    with cache.batched():
        for n in range(7):
            cache.put_bytes("findings", _key(n), b"x")
        assert _rows(tmp_path) == 6  # two rows of three written; the seventh waits for the end
    assert _rows(tmp_path) == 7


def test_an_exception_inside_a_block_keeps_what_was_put_before_it(tmp_path):
    cache = Cache(tmp_path)
    with pytest.raises(KeyboardInterrupt), cache.batched():
        cache.put_bytes("findings", _key(1), b"whole")
        raise KeyboardInterrupt
    assert cache.get_bytes("findings", _key(1)) == b"whole"


def test_a_block_on_a_folder_that_cannot_be_written_only_costs_speed(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = Cache(blocked)
    with cache.batched():
        cache.put_bytes("findings", _key(1), b"lost")
    assert cache.get_bytes("findings", _key(1)) is None


def _put_many(folder, start: int) -> None:
    cache = Cache(folder)
    for first in range(start, start + 200, 20):
        with cache.batched():
            for n in range(first, first + 20):
                cache.put_bytes("findings", _key(n), b"%d" % n)


def test_blocks_of_two_processes_at_once_lose_nothing(tmp_path):
    Cache(tmp_path).put_bytes("parsed", _key(10_000), b"created")  # the table, before the race
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_put_many, args=(tmp_path, start)) for start in (0, 200)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [writer.exitcode for writer in writers] == [0, 0]
    found = Cache(tmp_path).get_many("findings", [_key(n) for n in range(400)])
    assert found == [b"%d" % n for n in range(400)]
