"""A writer killed (SIGKILL) in the middle of a transaction loses nothing already committed, leaves
nothing half-written, and does not stop the next writer: on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from engine.model import Measure
from engine.plans.model import MeasureDraft, MeasureStatus, Plan
from engine.plans.repository import MeasureChange, PlanRepository

REPO_ROOT = Path(__file__).resolve().parents[2]
MEASURES = 4
KILL_ROUNDS = 4


def _new_plan(url: str) -> Plan:
    with PlanRepository(url) as repo:
        drafts = [
            MeasureDraft(measure=Measure.abolish, procedure_code=f"1.00000{i}") for i in range(MEASURES)
        ]
        return repo.create("Kế hoạch", drafts, "lead")


@contextmanager
def _writer(*argv: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.plans.writer", *argv],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        assert process.stdout and process.stderr
        process.stdout.close()
        process.stderr.close()


def _read_until(process: subprocess.Popen[str], marker: str) -> list[str]:
    """The lines the writer printed up to ``marker``; fails with its stderr if it ends first."""
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        if line.strip() == marker:
            return lines
        lines.append(line.strip())
    raise AssertionError(f"writer ended before {marker!r}: {process.stderr.read() if process.stderr else ''}")


def _kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL


def _assert_consistent(repo: PlanRepository, plan_id: int) -> Plan:
    """The audit trail chains old → new without a gap for every measure and field and ends at what the
    measure holds; every version counts exactly the changes the trail records (a measure starts at 1;
    the plan counts each transaction that changed or added measures)."""
    plan, history = repo.get(plan_id), repo.history(plan_id)
    for measure in plan.measures:
        trail = [e for e in history if e.measure_id == measure.id and e.field != "measure"]
        for field in ("status", "comment", "reviewer"):
            chain = [e for e in trail if e.field == field]
            assert all(a.new == b.old for a, b in zip(chain, chain[1:], strict=False)), (measure.id, field)
            if chain:
                assert chain[-1].new == str(getattr(measure, field))
        # One change of a measure writes all its audit rows with one timestamp.
        assert measure.version == 1 + len({(e.at, e.actor) for e in trail}), measure.id
    changes = {(e.at, e.actor) for e in history if e.measure_id is not None}
    assert plan.version == 1 + len(changes)
    return plan


def _assert_sqlite_intact(url: str) -> None:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()


def test_a_writer_killed_inside_a_change_loses_nothing_committed(db_url):
    plan = _new_plan(db_url)
    with _writer("hang-change", db_url, str(plan.id), "6") as writer:
        committed = _read_until(writer, "in transaction")
        _kill(writer)
    assert committed == [f"committed kept-{i}" for i in range(6)]

    with PlanRepository(db_url) as repo:
        comments = [e.new for e in repo.history(plan.id) if e.field == "comment"]
        assert comments == [f"kept-{i}" for i in range(6)]  # all committed, none of the killed batch
        after = _assert_consistent(repo, plan.id)
        assert {m.status for m in after.measures} == {MeasureStatus.proposed}
        assert after.version == plan.version + 6
        # The dead writer's locks are gone: the next writer changes the plan at once.
        again = repo.change(plan.id, [MeasureChange(1, MeasureStatus.accepted)], "next")
        assert again.measure(1).status == MeasureStatus.accepted and again.version == after.version + 1
    _assert_sqlite_intact(db_url)


def test_a_writer_killed_while_creating_a_plan_leaves_no_part_of_it(db_url):
    plan = _new_plan(db_url)
    with _writer("hang-create", db_url) as writer:
        _read_until(writer, "in transaction")
        _kill(writer)
    with PlanRepository(db_url) as repo:
        assert [p.id for p in repo.plans()] == [plan.id]
        assert repo.get(plan.id) == plan
        created = repo.create("Kế hoạch mới", [], "next")
        assert created.measures == [] and [e.field for e in repo.history(created.id)] == ["plan"]
    _assert_sqlite_intact(db_url)


def test_writers_killed_at_random_moments_lose_nothing_committed(db_url):
    plan = _new_plan(db_url)
    rng = random.Random(12)
    reported: list[str] = []
    for round_number in range(KILL_ROUNDS):
        with _writer("loop", db_url, str(plan.id), f"round{round_number}") as writer:
            lines: list[str] = []
            # Read what it commits on a thread, and kill it after a few commits at a random moment.
            reader = threading.Thread(target=lambda w=writer, out=lines: out.extend(_lines(w)))
            reader.start()
            _wait_for_commits(lines, rng.randint(3, 25))
            _kill(writer)
            reader.join(timeout=30)
        reported += [line.removeprefix("committed ") for line in lines]
    with PlanRepository(db_url) as repo:
        stored = [e.new for e in repo.history(plan.id) if e.field == "comment"]
        # Everything the writers were told was committed is stored; at most the one change in flight at
        # each kill committed without the writer living to say so.
        assert set(reported) <= set(stored)
        assert len(set(stored) - set(reported)) <= KILL_ROUNDS
        assert len(stored) == len(set(stored))
        _assert_consistent(repo, plan.id)
    _assert_sqlite_intact(db_url)


def _lines(process: subprocess.Popen[str]) -> Iterator[str]:
    assert process.stdout is not None
    for line in process.stdout:
        yield line.strip()


def _wait_for_commits(lines: list[str], count: int) -> None:
    deadline = threading.Event()
    for _ in range(600):
        if len(lines) >= count:
            return
        deadline.wait(0.05)
    raise AssertionError(f"the writer committed {len(lines)} changes in 30 s, expected {count}")
