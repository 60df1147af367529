"""Resident workers: tasks run where they are sent, state stays between tasks, a dying worker loses only
its own tasks, errors reach the parent, and no worker outlives its parent."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from engine.services.resident import ResidentWorkers
from tests.conftest import REPO

_kept: list[int] = []  # in a worker: what ``keep`` was given


def keep(value: int) -> int:
    _kept.append(value)
    return os.getpid()


def kept(_: object) -> list[int]:
    return list(_kept)


def die_on_three(value: int) -> int:
    if value == 3:
        os._exit(1)
    return value


def fail(value: int) -> int:
    raise ValueError(f"bad value {value}")


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_each_worker_keeps_what_it_was_given_and_runs_what_is_sent_to_it():
    with ResidentWorkers(2) as workers:
        by_worker: dict[int, set[int]] = {}
        for worker, _, pid in workers.map_each(keep, {0: [1, 2], 1: [3]}):
            by_worker.setdefault(worker, set()).add(pid)
        assert len(by_worker[0]) == len(by_worker[1]) == 1 and by_worker[0] != by_worker[1]
        memories = {w: value for w, _, value in workers.map_each(kept, {0: [None], 1: [None]})}
        assert memories == {0: [1, 2], 1: [3]}
        assert workers.cpu_seconds() > 0
    pids = by_worker[0] | by_worker[1]
    assert all(gone(pid) for pid in pids)  # stopped and reaped on leaving the block


def test_map_gives_every_task_to_some_worker():
    with ResidentWorkers(2) as workers:
        results = sorted(workers.map(die_on_three, [5, 6, 7, 8]))
    assert [(i, r) for i, _, r in results] == [(0, 5), (1, 6), (2, 7), (3, 8)]
    assert {w for _, w, _ in results} <= {0, 1}


def test_a_dying_worker_loses_only_its_tasks():
    with ResidentWorkers(2) as workers:
        done = {i: r for i, _, r in workers.map(die_on_three, [1, 2, 3, 4, 5, 6])}
        # Each worker is sent two tasks ahead (``IN_FLIGHT``): the second worker, given 3 and 4, dies on 3.
        assert workers.lost == [2, 3] and done == {0: 1, 1: 2, 4: 5, 5: 6}
        survivor = next(w for w in (0, 1) if workers.alive(w))
        dead = 1 - survivor
        assert list(workers.map_each(die_on_three, {dead: [1, 2], survivor: [7]})) == [(survivor, 0, 7)]
        assert workers.lost == [(dead, 0), (dead, 1)]


def test_an_exception_in_a_task_is_raised_in_the_parent():
    with pytest.raises(ValueError, match="bad value 4"), ResidentWorkers(2) as workers:
        list(workers.map(fail, [4]))


def test_workers_end_when_their_parent_dies_without_closing_them():
    script = textwrap.dedent(
        """
        import os, sys
        sys.path.insert(0, sys.argv[1])
        from engine.services.resident import ResidentWorkers
        from tests.services.test_resident_workers import keep
        workers = ResidentWorkers(2)
        print(*sorted({pid for _, _, pid in workers.map_each(keep, {0: [1], 1: [2]})}), flush=True)
        os._exit(0)  # no close, no atexit handler: only the pipes tell the workers
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    pids = [int(pid) for pid in out.stdout.split()]
    assert len(pids) == 2, out.stderr
    deadline = time.monotonic() + 10
    while not all(gone(pid) or _zombie(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) or _zombie(pid) for pid in pids)


def _zombie(pid: int) -> bool:
    """An exited worker whose dead parent's parent (init) has not reaped it yet."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True
