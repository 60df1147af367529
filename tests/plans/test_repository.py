"""The plan database: schema by migration, decisions with audit trail, optimistic concurrency, errors."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from engine.errors import UserError
from engine.model import Measure, Severity
from engine.plans.model import MeasureDraft, MeasureStatus
from engine.plans.repository import ConflictError, MeasureChange, PlanRepository
from engine.plans.service import create_plan_from_findings, set_status
from engine.plans.tables import metadata
from tests.plans.conftest import finding


def _drafts(n: int = 3) -> list[MeasureDraft]:
    return [MeasureDraft(measure=Measure.abolish, procedure_code=f"1.00000{i}") for i in range(1, n + 1)]


def test_migrations_build_exactly_the_schema_the_code_uses(repo):
    with repo.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_a_new_plan_numbers_its_measures_and_records_its_creation(repo):
    plan = repo.create("Kế hoạch 2026", _drafts(), "lan")
    assert [m.id for m in plan.measures] == [1, 2, 3]
    assert {m.status for m in plan.measures} == {MeasureStatus.proposed}
    assert [(e.actor, e.field, e.new) for e in repo.history(plan.id)] == [
        ("lan", "plan", "created «Kế hoạch 2026» with 3 measures")
    ]


def test_a_decision_keeps_reviewer_comment_time_and_the_old_value(repo):
    plan = repo.create("P", _drafts(), "lan")
    changed = repo.change(plan.id, [MeasureChange(2, MeasureStatus.rejected, "còn cần bản giấy")], "minh")
    second = changed.measure(2)
    assert (second.status, second.reviewer, second.comment, second.version) == (
        MeasureStatus.rejected,
        "minh",
        "còn cần bản giấy",
        2,
    )
    assert second.updated_at > plan.measures[1].updated_at
    assert changed.version == plan.version + 1
    trail = [(e.measure_id, e.field, e.old, e.new) for e in repo.history(plan.id)[1:]]
    assert trail == [
        (2, "status", "proposed", "rejected"),
        (2, "comment", None, "còn cần bản giấy"),
        (2, "reviewer", None, "minh"),
    ]


def test_a_change_that_changes_nothing_leaves_no_trace(repo):
    plan = repo.create("P", _drafts(), "lan")
    repo.change(plan.id, [MeasureChange(1, MeasureStatus.accepted)], "lan")
    again = repo.change(plan.id, [MeasureChange(1, MeasureStatus.accepted)], "lan")
    assert again.version == plan.version + 1 and len(repo.history(plan.id)) == 3


def test_a_stale_decision_is_refused_and_nothing_of_the_batch_is_saved(repo):
    plan = repo.create("P", _drafts(), "lan")
    repo.change(plan.id, [MeasureChange(1, comment="xem lại")], "minh")
    with pytest.raises(ConflictError, match="measure 1 of plan 1 was changed by minh since you read it"):
        set_status(repo, plan.id, [2, 1], MeasureStatus.accepted, "lan", expected_versions={1: 1, 2: 1})
    assert repo.get(plan.id).measure(2).status == MeasureStatus.proposed


def test_only_an_accepted_measure_can_be_marked_done_and_a_refused_batch_saves_nothing(repo):
    """Progress counts done measures as achieved: a rejected one marked done counted a cut nobody agreed."""
    plan = repo.create("P", _drafts(), "lan")
    repo.change(
        plan.id, [MeasureChange(1, MeasureStatus.accepted), MeasureChange(2, MeasureStatus.rejected)], "lan"
    )
    for measure_id, status in ((2, "rejected"), (3, "proposed")):
        with pytest.raises(
            UserError, match=f"measure {measure_id} of plan {plan.id} is {status}: only an accepted"
        ):
            repo.change(
                plan.id,
                [MeasureChange(1, MeasureStatus.done), MeasureChange(measure_id, MeasureStatus.done)],
                "minh",
            )
    assert [m.status for m in repo.get(plan.id).measures] == ["accepted", "rejected", "proposed"]
    done = repo.change(plan.id, [MeasureChange(1, MeasureStatus.done)], "minh")
    assert done.measure(1).status == MeasureStatus.done
    assert (
        repo.change(plan.id, [MeasureChange(1, MeasureStatus.done, "xong")], "minh").measure(1).comment
        == "xong"
    )


def test_measures_added_later_continue_the_numbering(repo):
    plan = create_plan_from_findings(repo, "P", [finding("1.000001", "c1", Severity.high)], "lan")
    added = repo.add(plan.id, _drafts(2), "minh")
    assert [m.id for m in added] == [2, 3]
    assert repo.history(plan.id)[-1].new == "added abolish 1.000002"
    assert [s.measures for s in repo.plans()] == [3]


def test_plans_survive_reopening_the_database(db_url):
    with PlanRepository(db_url) as first:
        plan = first.create("P", _drafts(), "lan")
    with PlanRepository(db_url) as second:
        assert second.get(plan.id) == plan


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.get(42), "no plan with id 42"),
        (lambda r: r.change(1, [MeasureChange(9, MeasureStatus.accepted)], "x"), "plan 1 has no measure 9"),
        (lambda r: r.create("  ", [], "x"), "a plan needs a name"),
        (lambda r: r.create(" P ", [], "x"), "a plan named «P» already exists: choose another name"),
    ],
)
def test_mistakes_are_clear_errors(repo, call, message):
    repo.create("P", _drafts(1), "lan")
    with pytest.raises(UserError, match=message):
        call(repo)


def test_an_unusable_database_url_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="'nosuchdb://x' is not a usable database URL"):
        PlanRepository("nosuchdb://x")
    with pytest.raises(UserError, match="cannot open the plan database: unable to open database file"):
        PlanRepository(f"sqlite:///{tmp_path}/missing/folder/plans.db")


def test_the_database_url_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TINHGON_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    with PlanRepository() as repo:
        repo.create("P", [], "lan")
    assert (tmp_path / "env.db").exists()
