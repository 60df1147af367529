"""Before/after comparison and progress against the targets, overall and by level, field and agency."""

from __future__ import annotations

import pytest

from engine.cost import compliance_cost
from engine.errors import UserError
from engine.model import Measure, TargetKind
from engine.plans.progress import Metric, load_targets
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

    by_metric = {t.metric: t for t in report.targets}
    assert by_metric[Metric.procedures].reduction == 0.5 and by_metric[Metric.procedures].met
    assert by_metric[Metric.time].reduction == pytest.approx(0.56) and by_metric[Metric.time].met
    cost = by_metric[Metric.cost]
    assert cost.reduction == pytest.approx(1 - expected_after / expected_before)
    assert cost.estimate  # hours per activity are working assumptions
    assert cost.progress == pytest.approx(cost.reduction / 0.3)


def test_progress_by_level_field_and_agency(params, targets):
    report = progress(catalogue(), _reform(), params, targets)
    levels = {g.group: (g.before.procedures, g.after.procedures) for g in report.by("level")}
    assert levels == {"commune": (3, 1), "province": (1, 1)}
    fields = {g.group: g.targets[0].met for g in report.by("field")}
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
    assert [t.reduction for t in report.targets] == [0, 0, 0]
    assert not any(t.met for t in report.targets)


def test_targets_are_parameters_with_references(tmp_path):
    targets = load_targets(RULES / "targets.yaml").root
    assert {m: t.share for m, t in targets.items()} == {m: 0.3 for m in Metric}
    assert "66/NQ-CP" in targets[Metric.cost].reference and "Bắc Ninh" in targets[Metric.procedures].reference
    broken = tmp_path / "targets.yaml"
    broken.write_text(
        (RULES / "targets.yaml").read_text(encoding="utf-8").replace("share: 0.30", "share: 3", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        UserError, match=r"targets.yaml: procedures.share: Input should be less than or equal to 1"
    ):
        load_targets(broken)
