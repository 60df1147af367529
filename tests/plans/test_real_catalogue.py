"""On the real portal catalogue: a plan accepting every high-severity finding, before/after and progress."""

from __future__ import annotations

import pytest

from engine.model import Measure, Severity
from engine.plans.export import export_plan
from engine.plans.model import MeasureStatus
from engine.plans.progress import Metric
from engine.plans.service import accept_by_severity, create_plan_from_findings, impacts, progress
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from tests.conftest import RAW


@pytest.fixture(scope="module")
def audited():
    """The real catalogue and its findings, audited once for both database backends, with every rule:
    the high-severity ones (data reuse, household book, fully online) are all experimental."""
    if not RAW.is_dir():
        pytest.skip(f"the real portal data is not at {RAW}")
    catalogue = load_catalogue(RAW)
    return catalogue, audit(catalogue, load_rulebook(include_experimental=True), workers=1).findings


def test_accepting_every_high_severity_finding_reports_before_after_and_progress(
    audited, repo, params, targets
):
    catalogue, findings = audited
    high = [f for f in findings if f.severity == Severity.high]
    plan = create_plan_from_findings(repo, "Toàn bộ mức cao", findings, "lan", Severity.high)
    assert len(plan.measures) == len({f.key for f in high}) > 200
    plan = accept_by_severity(repo, plan.id, Severity.high, "lan")
    assert {m.status for m in plan.measures} == {MeasureStatus.accepted}

    report = progress(catalogue.procedures, plan, params, targets)
    before, after = report.before, report.after
    assert before.procedures == after.procedures == len(catalogue.procedures)  # no high finding abolishes
    replaced = {(m.procedure_code, m.target.id) for m in plan.measures if m.measure == "replace_with_data"}
    assert before.components - after.components == len(replaced)
    online = {m.procedure_code for m in plan.measures if m.measure == Measure.move_fully_online}
    assert after.fully_online - before.fully_online == len(online - _fully_online(catalogue.procedures))
    assert after.annual_cost_vnd < before.annual_cost_vnd and after.cost_depends_on_estimate
    by_metric = {t.metric: t for t in report.targets}
    assert 0 < by_metric[Metric.cost].reduction < 1 and by_metric[Metric.procedures].reduction == 0
    assert {g.dimension for g in report.groups} == {"level", "field", "agency"}
    assert all("not applied" not in note for note in report.notes), report.notes[:3]

    text = export_plan(plan, "md", report=report, impacts=impacts(catalogue.procedures, plan, params))
    assert "## Thay thành phần hồ sơ bằng dữ liệu" in text.decode("utf-8")


def _fully_online(procedures):
    return {p.code for p in procedures if p.online_level == "full"}
