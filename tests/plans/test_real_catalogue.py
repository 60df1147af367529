"""On the real portal catalogue: a plan accepting every high-severity finding, before/after and progress."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from engine.errors import UserError
from engine.model import Measure, Severity
from engine.plans.export import export_plan
from engine.plans.model import MeasureStatus
from engine.plans.progress import Metric
from engine.plans.projection import project
from engine.plans.service import accept_by_severity, create_plan_from_findings, impacts, progress, set_status
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.review import decide, review_queue
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


def test_a_plan_keeps_its_documents_when_the_record_renumbers_them(repo, params, tmp_path):
    """The portal numbers documents by position: one inserted at the top of 1.001303 moves every
    document down a number. An accepted measure then still takes out its own document, not the one that
    took its number, and the review queue shows each decision on its own finding."""
    if not RAW.is_dir():
        pytest.skip(f"the real portal data is not at {RAW}")
    record = json.loads((RAW / "bo-cong-an" / "1.001303.json").read_text(encoding="utf-8"))
    header = "--Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    path = tmp_path / "1.001303.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    rulebook = load_rulebook(include_experimental=True)
    catalogue = load_catalogue(tmp_path)
    findings = [f for f in audit(catalogue, rulebook, workers=1).findings if f.target.kind == "component"]
    assert findings
    plan = create_plan_from_findings(repo, "Thử", findings, "lan")
    plan = set_status(repo, plan.id, [m.id for m in plan.measures], MeasureStatus.accepted, "lan")

    def kept(procedures) -> list[str]:
        return [c.name for p in project(procedures, plan, params) for c in p.components]

    before = kept(catalogue.procedures)
    assert len(before) < len(catalogue.procedures[0].components)
    record["thanh_phan_ho_so"] = (
        header + "Tờ khai đề nghị1 bản chính" + record["thanh_phan_ho_so"][len(header) :]
    )
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    edited = load_catalogue(tmp_path)
    assert edited.procedures[0].components[0].name == "Tờ khai đề nghị"
    assert kept(edited.procedures) == ["Tờ khai đề nghị", *before]
    result = audit(edited, rulebook, workers=1)
    queue = review_queue(edited, result, rulebook, repo.get(plan.id))
    moved = [i for i in queue.items if i.finding and i.finding.target.kind == "component"]
    assert {i.finding.target.id for i in moved} != {f.target.id for f in findings}, "renumbered"
    assert all(i.status == "accepted" for i in moved) and len(queue.items) == len(result.findings)
    # a finding on a document that took an old number, while the plan's measure on that number is about
    # the document that moved: deciding on it is refused with a reason, not a database error
    first = findings[0]
    other = first.model_copy(update={"target": first.target.model_copy(update={"label": "Giấy tờ khác"})})
    newcomer = dataclasses.replace(moved[0], finding=other, measure_id=None, target_label="Giấy tờ khác")
    with pytest.raises(UserError, match=re.escape(f"on {first.target.id} «{first.target.label}»")):
        decide(repo, plan.id, [newcomer], "lan", MeasureStatus.rejected)
