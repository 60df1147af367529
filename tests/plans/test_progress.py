"""Before/after comparison and progress against the targets, overall and by level, field and agency."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.cost import compliance_cost
from engine.errors import UserError
from engine.model import Measure, TargetKind
from engine.plans.progress import Goal, Metric, Scope, load_targets
from engine.plans.service import progress
from tests.plans.conftest import RULES, catalogue, measure, plan


def _reform():
    return plan(
        measure(1, Measure.abolish, "1.000002"),
        measure(2, Measure.merge, "1.000003", related_codes=["1.000004"]),
        measure(3, Measure.accept_electronic_copy, "1.000001", (TargetKind.component, "c2")),
        measure(4, Measure.shorten_time_limit, "1.000001"),
    )


def test_before_and_after_and_progress_against_each_target(params, targets):
    report = progress(catalogue(), _reform(), params, targets)
    before, after = report.before, report.after
    assert (before.procedures, after.procedures) == (4, 2)
    assert (before.components, after.components) == (3, 3)
    assert (before.steps, after.steps) == (4, 4)
    # Time limits 10 + 5 + 15 + 20 = 50 days before; after, 10 × 0.7 = 7 and the merged 15.
    assert (before.time_limit_total_days, after.time_limit_total_days) == (50, 22)
    assert (before.time_limit_median_days, after.time_limit_median_days) == (12.5, 11)

    registration, _, land, other_land = catalogue()
    expected_before = sum(compliance_cost(p, params).annual_vnd for p in catalogue())
    assert before.annual_cost_vnd == expected_before
    # The certified copy's 1.5 h and 2,000 đ go; the merged procedure serves both volumes (100 + 100).
    saved_per_registration = 65_625 + 2_000
    land_cost = compliance_cost(land, params)
    expected_after = (
        compliance_cost(registration, params).annual_vnd
        - saved_per_registration * 1000
        + land_cost.per_dossier_vnd * 200
    )
    assert after.annual_cost_vnd == expected_after

    by_id = {t.id: t for t in report.targets}
    assert by_id["bac-ninh-2030-procedures"].reduction == 0.5 and by_id["bac-ninh-2030-procedures"].met
    time = by_id["bac-ninh-2026-time"]
    assert time.reduction == pytest.approx(0.56) and time.met and time.required == 0.5
    cost = by_id["bac-ninh-2026-cost"]
    assert cost.reduction == pytest.approx(1 - expected_after / expected_before)
    assert cost.estimate  # hours per activity are working assumptions
    assert cost.progress == pytest.approx(cost.reduction / 0.5)


def test_progress_by_level_field_and_agency(params, targets):
    report = progress(catalogue(), _reform(), params, targets)
    levels = {g.group: (g.before.procedures, g.after.procedures) for g in report.by("level")}
    assert levels == {"commune": (3, 1), "province": (1, 1)}
    fields = {g.group: g.targets[0].met for g in report.by("field")}  # the first target: procedures
    assert fields == {"Hộ tịch": True, "Đất đai": True}  # 2 → 1 in each: 50% ≥ 30%
    agencies = {g.group: g.targets[0].reduction for g in report.by("agency")}
    assert agencies == {"Sở Tư pháp": 0.0, "UBND cấp xã": pytest.approx(2 / 3)}


def test_every_figure_names_its_assumptions(params, targets):
    report = progress(catalogue(), _reform(), params, targets)
    assumptions = "\n".join(report.assumptions)
    assert "monthly_income_vnd = 7700000 VND per month (General Statistics Office" in assumptions
    assert "hours_certify_copy = 1.5 hours per component with certified copies, estimate" in assumptions
    assert "shorten_time_limit_share = 0.3" in assumptions
    assert "digital_inspection_duration_share" not in assumptions  # no such measure was applied


def test_an_empty_plan_changes_nothing_and_meets_no_target(params, targets):
    report = progress(catalogue(), plan(), params, targets)
    assert report.before == report.after
    reductions = {t.id: t.reduction for t in report.targets if t.goal == Goal.reduce}
    # The small catalogue has no business applicants: the Resolution 66 targets have nothing to measure.
    assert reductions == {
        "bac-ninh-2030-procedures": 0,
        "nq66-2025-time": None,
        "nq66-2025-cost": None,
        "bac-ninh-2026-time": 0,
        "bac-ninh-2026-cost": 0,
    }
    assert not any(t.met for t in report.targets)
    assert [(c.cut, c.cut_or_simplified) for c in report.counts] == [(0, 0), (0, 0)]


def test_targets_are_data_with_references_and_deadlines(tmp_path):
    targets = {t.id: t for t in load_targets(RULES / "targets.yaml").targets}
    assert {(t.metric, t.goal, t.scope, t.share, t.deadline.year) for t in targets.values()} == {
        (Metric.procedures, Goal.reduce, Scope.all, 0.3, 2030),
        (Metric.time, Goal.reduce, Scope.business, 0.3, 2025),
        (Metric.cost, Goal.reduce, Scope.business, 0.3, 2025),
        (Metric.time, Goal.reduce, Scope.all, 0.5, 2026),
        (Metric.cost, Goal.reduce, Scope.all, 0.5, 2026),
        (Metric.online, Goal.reach, Scope.all, 1.0, 2030),
        (Metric.digital_inspection, Goal.reach, Scope.all, 0.7, 2030),
    }
    assert "66/NQ-CP" in targets["nq66-2025-cost"].reference
    assert "Vietnam News, 23/12/2025" in targets["bac-ninh-2026-time"].reference
    assert "Bắc Ninh" in targets["bac-ninh-2030-procedures"].reference
    broken = tmp_path / "targets.yaml"
    broken.write_text(
        (RULES / "targets.yaml").read_text(encoding="utf-8").replace("share: 0.30", "share: 3", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        UserError, match=r"targets.yaml: targets\[0\].share: Input should be less than or equal to 1"
    ):
        load_targets(broken)


def test_a_passed_deadline_is_shown_as_passed(params, targets):
    on_time = {
        t.id: t.passed for t in progress(catalogue(), plan(), params, targets, dt.date(2025, 6, 1)).targets
    }
    assert not any(on_time.values())
    later = {
        t.id: t.passed for t in progress(catalogue(), plan(), params, targets, dt.date(2026, 1, 1)).targets
    }
    assert later["nq66-2025-time"] and later["nq66-2025-cost"] and not later["bac-ninh-2026-cost"]


def test_procedures_are_counted_cut_and_cut_or_simplified(params, targets):
    # 1.000002 abolished and 1.000004 merged into 1.000003: 2 cut; 1.000001 and 1.000003 simplified.
    overall = progress(catalogue(), _reform(), params, targets).counts[0]
    assert (overall.scope, overall.before, overall.cut, overall.simplified) == (Scope.all, 4, 2, 2)
    assert overall.cut_or_simplified_share == 1.0 and overall.cut_share == 0.5


def test_business_targets_count_only_business_procedures(params, targets):
    procedures = catalogue()
    procedures[0].applicant_types = ["Doanh nghiệp"]  # 1.000001: its time limit 10 → 7
    by_id = {t.id: t for t in progress(procedures, _reform(), params, targets).targets}
    assert by_id["nq66-2025-time"].scope_procedures == 1
    assert by_id["nq66-2025-time"].reduction == pytest.approx(0.3) and by_id["nq66-2025-time"].met


def test_reach_targets_report_the_share_after_the_plan(params, targets):
    by_id = {t.id: t for t in progress(catalogue(), _reform(), params, targets).targets}
    online = by_id["bac-ninh-2030-online"]
    assert online.achieved == online.after / 2  # two procedures remain
    inspection = by_id["bac-ninh-2030-digital-inspection"]
    assert inspection.achieved_before == 0.0 and inspection.required == 0.7


def test_the_kept_baseline_of_a_catalogue_follows_its_procedures_and_parameters(params, targets):
    """The baseline is kept between comparisons of one catalogue, never served for another one."""
    procedures = catalogue()
    first = progress(procedures, _reform(), params, targets)
    assert progress(list(procedures), _reform(), params, targets) == first  # same procedures: kept
    replaced = [procedures[0].model_copy(update={"steps": procedures[0].steps[:1]}), *procedures[1:]]
    fewer_steps = progress(replaced, _reform(), params, targets)
    dropped = len(procedures[0].steps) - 1
    assert fewer_steps.before.steps == first.before.steps - dropped < first.before.steps
    dearer = params.params.model_copy(deep=True)
    dearer.root["monthly_income_vnd"].value *= 2
    more = progress(procedures, _reform(), type(params)(dearer), targets)
    assert more.before.annual_cost_vnd > first.before.annual_cost_vnd
