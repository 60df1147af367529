"""The use cases the CLI and the workbench share: plans from findings, decisions, people's own measures."""

from __future__ import annotations

import pytest

from engine.errors import UserError
from engine.model import Measure, Severity
from engine.plans.model import MeasureStatus
from engine.plans.service import (
    accept_by_severity,
    add_measure,
    create_plan_from_findings,
    drafts_from_findings,
    set_comment,
    set_status,
)
from tests.plans.conftest import catalogue, finding


def _findings():
    return [
        finding("1.000001", "c3", Severity.high),
        finding("1.000001", "c2", Severity.medium, Measure.accept_electronic_copy),
        finding("1.000002", "c1", Severity.low, Measure.cut_component),
        finding("1.000001", "c3", Severity.high),  # the same finding again, e.g. from two document types
    ]


def test_a_plan_proposes_one_measure_per_finding_with_its_key_and_message(repo):
    plan = create_plan_from_findings(repo, "P", _findings(), "lan")
    assert [(m.measure, m.procedure_code, m.target.id, m.status) for m in plan.measures] == [
        (Measure.replace_with_data, "1.000001", "c3", MeasureStatus.proposed),
        (Measure.accept_electronic_copy, "1.000001", "c2", MeasureStatus.proposed),
        (Measure.cut_component, "1.000002", "c1", MeasureStatus.proposed),
    ]
    assert plan.measures[0].finding_key == "TG-TEST:1.000001:component:c3"
    assert plan.measures[0].message == "«c3»: tra cứu dữ liệu"


def test_a_severity_filter_keeps_that_severity_and_graver():
    assert [d.severity for d in drafts_from_findings(_findings(), Severity.medium)] == [
        Severity.high,
        Severity.medium,
    ]


def test_accepting_by_severity_leaves_decided_and_lesser_measures_alone(repo):
    plan = create_plan_from_findings(repo, "P", _findings(), "lan")
    set_comment(repo, plan.id, 3, "hoa", "xem lại")
    plan = accept_by_severity(repo, plan.id, Severity.medium, "minh")
    assert [m.status for m in plan.measures] == [
        MeasureStatus.accepted,
        MeasureStatus.accepted,
        MeasureStatus.proposed,
    ]
    assert plan.measures[2].comment == "xem lại"


def test_a_merge_finding_names_the_procedure_its_message_is_about():
    merge = finding("1.000003", "1.000003", Severity.low, Measure.merge)
    # A procedure fact carries every related code; the message says which one this rule is about.
    merge.evidence = {"same_result_as": "1.000004", "similar_to": "1.000005", "similar_ratio": 0.9}
    merge.message_en = "Shares 0.9 of its components with procedure 1.000005; consider a merge."
    assert drafts_from_findings([merge])[0].related_codes == ["1.000005"]
    bound = finding("1.000003", "1.000003", Severity.low, Measure.interlink)
    bound.evidence = {"other.id": "1.000004", "other.label": "Thủ tục 1.000004"}
    bound.message_vi = "Liên thông với thủ tục 1.000004"
    assert drafts_from_findings([bound])[0].related_codes == ["1.000004"]


def test_a_persons_own_measure_is_checked_against_the_procedure(repo):
    plan = create_plan_from_findings(repo, "P", [], "lan")
    registration = catalogue()[0]
    added = add_measure(repo, plan.id, Measure.cut_step, registration, "minh", target_id="s3")
    assert (added.id, added.finding_key, added.target.label) == (1, None, "Kiểm tra thực địa")
    assert added.message == "Cắt giảm bước thực hiện: «Kiểm tra thực địa»"
    with pytest.raises(UserError, match="procedure 1.000001 has no step 'c1'; it has: s1, s2, s3, s4"):
        add_measure(repo, plan.id, Measure.cut_step, registration, "minh", target_id="c1")
    with pytest.raises(UserError, match="a cut_component measure names the component it applies to"):
        add_measure(repo, plan.id, Measure.cut_component, registration, "minh")
    with pytest.raises(UserError, match="a merge measure names the other procedures"):
        add_measure(repo, plan.id, Measure.merge, registration, "minh")


def test_accepting_by_severity_keeps_a_decision_made_after_its_reading(repo, monkeypatch):
    plan = create_plan_from_findings(repo, "P", _findings(), "lan")
    as_read = repo.get(plan.id)
    set_status(repo, plan.id, [1], MeasureStatus.rejected, "hoa", "chưa đủ căn cứ")
    monkeypatch.setattr(repo, "get", lambda plan_id: as_read)  # the rejection came after the bulk read
    plan = accept_by_severity(repo, plan.id, Severity.medium, "minh")
    assert [(m.status, m.reviewer) for m in plan.measures[:2]] == [
        (MeasureStatus.rejected, "hoa"),
        (MeasureStatus.accepted, "minh"),
    ]
