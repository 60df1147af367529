"""Two or more processes changing the same plan at the same time lose no update, on SQLite and on
PostgreSQL: every committed decision is in the audit trail, no refused one is, and the final state is what
the trail says."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from pathlib import Path

from engine.errors import UserError
from engine.model import Measure, Severity
from engine.plans.model import MeasureDraft, MeasureStatus, Plan, PlanDocument
from engine.plans.repository import ConflictError, MeasureChange, PlanRepository
from engine.plans.service import accept_by_severity, add_measure, set_comment, set_status
from tests.plans.conftest import NOW, catalogue
from tests.plans.test_faults import _assert_consistent

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


def test_concurrent_processes_on_one_plan_lose_no_update(db_url):
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
    # The workers really interleaved: the trail is not one worker's changes after another's, which would
    # switch actors WORKERS - 1 times. (How often they interleave is the scheduler's: a loaded machine
    # ran a worker's changes in bursts, 8 switches where an idle one makes dozens.)
    switches = sum(a.actor != b.actor for a, b in zip(comments, comments[1:], strict=False))
    assert switches > WORKERS - 1


REVIEWERS = 4
ACTIONS = 25


def _reviewer(
    url: str, plan_id: int, worker: int, log: str, start: multiprocessing.synchronize.Barrier
) -> None:
    """A reviewer as the workbench acts: reads a measure, then accepts or rejects it holding the version it
    read (refused if someone changed it since), comments without a version, or adds a measure. Each
    outcome goes to ``log``, one JSON line per action, written only after the call returned."""
    rng = random.Random(worker)
    actor = f"reviewer-{worker}"
    with PlanRepository(url) as repo, open(log, "w", encoding="utf-8") as out:
        start.wait()
        for i in range(ACTIONS):
            tag = f"{actor}-{i}"
            measures = repo.get(plan_id).measures
            target = rng.choice(measures)
            action = rng.choice(["accept", "reject", "comment", "comment", "add"])
            try:
                if action in ("accept", "reject"):
                    status = MeasureStatus.accepted if action == "accept" else MeasureStatus.rejected
                    set_status(
                        repo,
                        plan_id,
                        [target.id],
                        status,
                        actor,
                        tag,
                        expected_versions={target.id: target.version},
                    )
                elif action == "comment":
                    set_comment(repo, plan_id, target.id, actor, tag)
                else:
                    added = add_measure(repo, plan_id, Measure.abolish, catalogue()[1], actor, message=tag)
                    target = added
                outcome = "committed"
            except ConflictError:
                outcome = "refused"
            out.write(
                json.dumps({"tag": tag, "action": action, "measure": target.id, "outcome": outcome}) + "\n"
            )
            out.flush()
            time.sleep(rng.random() * 0.004)


def test_reviewers_deciding_commenting_and_adding_at_once_lose_nothing(db_url, tmp_path: Path):
    with PlanRepository(db_url) as repo:
        drafts = [MeasureDraft(measure=Measure.cut_fee, procedure_code=f"1.00000{i}") for i in range(1, 5)]
        plan = repo.create("Dùng chung", drafts, "lead")

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(REVIEWERS)
    logs = [tmp_path / f"reviewer-{w}.jsonl" for w in range(REVIEWERS)]
    processes = [
        context.Process(target=_reviewer, args=(db_url, plan.id, w, str(logs[w]), start))
        for w in range(REVIEWERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * REVIEWERS
    outcomes = [json.loads(line) for log in logs for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(outcomes) == REVIEWERS * ACTIONS

    with PlanRepository(db_url) as repo:
        history = repo.history(plan.id)
        final = _assert_consistent(repo, plan.id)
    comments = [e.new for e in history if e.field == "comment"]
    added = [e for e in history if e.field == "measure"]
    committed = [o for o in outcomes if o["outcome"] == "committed"]
    refused = [o for o in outcomes if o["outcome"] == "refused"]
    # Every committed decision and comment is in the trail once, under its author; no refused one is.
    assert sorted(comments) == sorted(o["tag"] for o in committed if o["action"] != "add")
    assert not {o["tag"] for o in refused} & set(comments)
    for o in committed:
        if o["action"] in ("accept", "reject"):
            assert _decision_recorded(history, o), o
    # Measures added at once are numbered without gap or duplicate, each with its author's message.
    assert [m.id for m in final.measures] == list(range(1, len(final.measures) + 1))
    assert len(added) == sum(o["action"] == "add" for o in committed) == len(final.measures) - 4
    assert sorted(m.message for m in final.measures[4:]) == sorted(
        o["tag"] for o in committed if o["action"] == "add"
    )


def _decision_recorded(history, outcome) -> bool:
    """The decision's status is in the trail with its comment, or the measure already had that status
    (then the decision writes only its comment)."""
    status = "accepted" if outcome["action"] == "accept" else "rejected"
    comment = next(e for e in history if e.new == outcome["tag"])
    trail = [e for e in history if e.measure_id == outcome["measure"] and e.field == "status"]
    same_change = [e for e in trail if (e.at, e.actor) == (comment.at, comment.actor)]
    if same_change:
        return same_change[0].new == status
    earlier = [e for e in trail if e.id < comment.id]
    return (earlier[-1].new if earlier else "proposed") == status


def _bulk_acceptor(url: str, plan_id: int, start: multiprocessing.synchronize.Barrier) -> None:
    with PlanRepository(url) as repo:
        start.wait()
        for _ in range(40):
            accept_by_severity(repo, plan_id, Severity.high, "bulk")


def _rejecter(url: str, plan_id: int, start: multiprocessing.synchronize.Barrier) -> None:
    rng = random.Random(7)
    with PlanRepository(url) as repo:
        start.wait()
        for _ in range(40):
            measure_id = rng.randint(1, 6)
            set_status(repo, plan_id, [measure_id], MeasureStatus.rejected, "minh")
            set_status(repo, plan_id, [measure_id], MeasureStatus.proposed, "minh")


def test_accepting_by_severity_never_overrides_a_decision_made_meanwhile(db_url):
    """«Accept every still-proposed high measure» while someone else rejects: a measure rejected between
    the bulk action's reading and its writing stays rejected."""
    with PlanRepository(db_url) as repo:
        drafts = [
            MeasureDraft(measure=Measure.cut_fee, procedure_code=f"1.00000{i}", severity=Severity.high)
            for i in range(1, 7)
        ]
        plan = repo.create("Dùng chung", drafts, "lead")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    processes = [
        context.Process(target=_bulk_acceptor, args=(db_url, plan.id, start)),
        context.Process(target=_rejecter, args=(db_url, plan.id, start)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0]
    with PlanRepository(db_url) as repo:
        history = repo.history(plan.id)
        _assert_consistent(repo, plan.id)
    bulk = [(e.old, e.new) for e in history if e.actor == "bulk" and e.field == "status"]
    assert bulk and set(bulk) == {("proposed", "accepted")}


def _reader(url: str, plan_id: int, reads: int, start: multiprocessing.synchronize.Barrier) -> None:
    """Read the plan over and over while others write; exit 1 on a read mixing two moments."""
    with PlanRepository(url) as repo:
        start.wait()
        for _ in range(reads):
            plan = repo.get(plan_id)
            # Each change of the writers changes one measure: the plan's version counts them all.
            if plan.version != 1 + sum(m.version - 1 for m in plan.measures):
                raise SystemExit(1)


def test_a_reader_sees_a_plan_as_it_was_at_one_moment(db_url):
    with PlanRepository(db_url) as repo:
        drafts = [
            MeasureDraft(measure=Measure.abolish, procedure_code=f"1.00000{i}") for i in range(MEASURES)
        ]
        plan = repo.create("Dùng chung", drafts, "lead")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    processes = [
        context.Process(target=_worker, args=(db_url, plan.id, 0, start)),
        context.Process(target=_worker, args=(db_url, plan.id, 1, start)),
        context.Process(target=_reader, args=(db_url, plan.id, 200, start)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0]


IMPORTS = 20


def _importer(url: str, log: str, start: multiprocessing.synchronize.Barrier) -> None:
    """Import plans that keep their exported ids (as when moving plans to a team database); an id that a
    new plan took meanwhile is refused with the usual message, and logged."""
    with PlanRepository(url) as repo, open(log, "w", encoding="utf-8") as out:
        start.wait()
        for i in range(IMPORTS):
            plan = Plan(id=1000 + i, name=f"nhập {i}", created_by="x", created_at=NOW, updated_at=NOW)
            try:
                repo.restore(PlanDocument(plan=plan), "importer")
                out.write(f"nhập {i}\n")
            except UserError as error:
                if "already exists" not in str(error):
                    raise


def _creator(url: str, start: multiprocessing.synchronize.Barrier) -> None:
    with PlanRepository(url) as repo:
        start.wait()
        for i in range(IMPORTS):
            repo.create(f"mới {i}", [], "creator")


def test_plans_imported_with_their_ids_and_plans_created_at_once_all_arrive(db_url, tmp_path: Path):
    with PlanRepository(db_url):
        pass  # migrate once, before the writers race
    log = tmp_path / "imported.txt"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    processes = [
        context.Process(target=_importer, args=(db_url, str(log), start)),
        context.Process(target=_creator, args=(db_url, start)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0]  # no duplicate key on either side
    imported = log.read_text(encoding="utf-8").splitlines()
    with PlanRepository(db_url) as repo:
        names = sorted(s.name for s in repo.plans())
        assert names == sorted(imported + [f"mới {i}" for i in range(IMPORTS)])
        assert repo.create("sau cùng", [], "lead").id == max(s.id for s in repo.plans())


NAMES = 5  # names each creator tries, all creators the same ones


def _same_names(url: str, log: str, start: multiprocessing.synchronize.Barrier) -> None:
    with PlanRepository(url) as repo, open(log, "w", encoding="utf-8") as out:
        start.wait()
        for i in range(NAMES):
            try:
                repo.create(f"Bắc Ninh 2026 – {i}", [], "creator")
                out.write(f"Bắc Ninh 2026 – {i}\n")
            except UserError as error:
                if "already exists" not in str(error):
                    raise


def test_creators_racing_for_one_name_get_one_plan_and_a_clear_refusal(db_url, tmp_path: Path):
    """Both writers may find a name free before either commits: the plans table is held while a plan is
    created, so only one of them takes it and the other is refused."""
    with PlanRepository(db_url):
        pass
    logs = [tmp_path / f"created-{n}.txt" for n in range(WORKERS)]
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WORKERS)
    processes = [context.Process(target=_same_names, args=(db_url, str(log), start)) for log in logs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    created = sorted(line for log in logs for line in log.read_text(encoding="utf-8").splitlines())
    with PlanRepository(db_url) as repo:
        names = sorted(s.name for s in repo.plans())
    assert names == created == sorted(f"Bắc Ninh 2026 – {i}" for i in range(NAMES))
