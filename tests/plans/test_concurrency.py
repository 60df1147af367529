"""Two or more processes changing the same plan at the same time lose no update."""

from __future__ import annotations

import multiprocessing
import time

from engine.model import Measure
from engine.plans.model import MeasureDraft, MeasureStatus
from engine.plans.repository import MeasureChange, PlanRepository

WORKERS = 4
CHANGES = 30
MEASURES = 3
STATUSES = [MeasureStatus.accepted, MeasureStatus.rejected, MeasureStatus.proposed]


def _worker(url: str, plan_id: int, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    """Each change reads the measure and writes a new comment and status in one transaction."""
    with PlanRepository(url) as repo:
        start.wait()  # every worker has the database open: now all write at once
        for i in range(CHANGES):
            change = MeasureChange(
                i % MEASURES + 1, status=STATUSES[(i + worker) % 3], comment=f"w{worker}-{i}"
            )
            repo.change(plan_id, [change], f"worker-{worker}")
            time.sleep(0.002)  # a person's pause; without it the last writer tends to win the lock again


def test_concurrent_processes_on_one_sqlite_file_lose_no_update(db_url):
    with PlanRepository(db_url) as repo:
        drafts = [
            MeasureDraft(measure=Measure.abolish, procedure_code=f"1.00000{i}") for i in range(MEASURES)
        ]
        plan = repo.create("Dùng chung", drafts, "lead")

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WORKERS)
    processes = [context.Process(target=_worker, args=(db_url, plan.id, w, start)) for w in range(WORKERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * WORKERS

    with PlanRepository(db_url) as repo:
        history = repo.history(plan.id)
        final = repo.get(plan.id)
    comments = [e for e in history if e.field == "comment"]
    # Every comment of every worker is in the audit trail, once.
    assert sorted(e.new for e in comments) == sorted(
        f"w{w}-{i}" for w in range(WORKERS) for i in range(CHANGES)
    )
    assert {e.actor for e in comments} == {f"worker-{w}" for w in range(WORKERS)}
    # Each change read what the previous one wrote: old → new values chain without a gap, per measure and
    # field, and the last value is what the measure holds. A lost update would break the chain.
    for measure in final.measures:
        for field in ("status", "comment", "reviewer"):
            chain = [e for e in history if e.measure_id == measure.id and e.field == field]
            assert all(a.new == b.old for a, b in zip(chain, chain[1:], strict=False)), (measure.id, field)
            assert chain[-1].new == str(getattr(measure, field))
        assert measure.version == 1 + sum(1 for e in comments if e.measure_id == measure.id)
    assert final.version == 1 + WORKERS * CHANGES
    # The workers really interleaved: the trail is not one worker's changes after another's.
    switches = sum(a.actor != b.actor for a, b in zip(comments, comments[1:], strict=False))
    assert switches > 2 * WORKERS
