"""A plan writer the fault tests run as a separate process and kill: ``python -m tests.plans.writer``.

    loop URL PLAN NAME          change comments and statuses until killed; after each commit, print
                                "committed <comment>" (comments NAME-0, NAME-1…)
    hang-change URL PLAN N      commit N changes, then start a change of every measure and stop inside
                                its transaction (after its writes, before COMMIT), printing "in transaction"
    hang-create URL             start creating a plan and stop inside that transaction the same way

Lines are flushed at once so the test knows exactly what was committed when it sends SIGKILL.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from engine.model import Measure
from engine.plans import repository
from engine.plans.model import MeasureDraft, MeasureStatus
from engine.plans.repository import MeasureChange, PlanRepository

STATUSES = [MeasureStatus.accepted, MeasureStatus.rejected, MeasureStatus.proposed]


def say(line: str) -> None:
    print(line, flush=True)


def hang(*_args: Any, **_kwargs: Any) -> None:
    """Stand in for a write helper: the transaction is open and has written; wait to be killed."""
    say("in transaction")
    while True:
        time.sleep(60)


def loop(repo: PlanRepository, plan_id: int, name: str) -> None:
    measures = len(repo.get(plan_id).measures)
    for i in range(1_000_000):
        comment = f"{name}-{i}"
        repo.change(plan_id, [MeasureChange(i % measures + 1, STATUSES[i % 3], comment)], "killed-writer")
        say(f"committed {comment}")


def hang_change(repo: PlanRepository, plan_id: int, count: int) -> None:
    plan = repo.get(plan_id)
    for i in range(count):
        comment = f"kept-{i}"
        repo.change(plan_id, [MeasureChange(i % len(plan.measures) + 1, comment=comment)], "killed-writer")
        say(f"committed {comment}")
    repository._touch_plan = hang  # type: ignore[assignment]  # the last write of a change
    batch = [MeasureChange(m.id, MeasureStatus.rejected, "lost-batch") for m in plan.measures]
    repo.change(plan_id, batch, "killed-writer")


def hang_create(repo: PlanRepository) -> None:
    repository._audit = hang  # type: ignore[assignment]  # written after the plan and its measures
    drafts = [MeasureDraft(measure=Measure.abolish, procedure_code=f"9.{i:06d}") for i in range(50)]
    repo.create("Kế hoạch dở dang", drafts, "killed-writer")


def main(argv: list[str]) -> None:
    mode, url = argv[0], argv[1]
    with PlanRepository(url) as repo:
        if mode == "loop":
            loop(repo, int(argv[2]), argv[3])
        elif mode == "hang-change":
            hang_change(repo, int(argv[2]), int(argv[3]))
        elif mode == "hang-create":
            hang_create(repo)
        else:
            raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
