import pytest
from pydantic import ValidationError

from engine.model import Duration, Fee, Procedure, Volume


def _procedure(**extra):
    data = {
        "code": "1.000001",
        "name": "Thủ tục mẫu",
        "components": [{"id": "c1", "name": "Tờ khai"}],
        "steps": [
            {"id": "s1", "order": 1, "action": "Nộp hồ sơ", "inputs": ["c1"], "outputs": ["phieu"]},
            {"id": "s2", "order": 2, "action": "Thẩm định", "inputs": ["phieu"], "outputs": ["r1"]},
        ],
        "results": [{"id": "r1", "name": "Giấy phép"}],
    }
    data.update(extra)
    return Procedure.model_validate(data)


def test_a_valid_procedure_resolves_its_step_edges():
    procedure = _procedure()
    assert [s.inputs for s in procedure.steps] == [["c1"], ["phieu"]]


def test_a_step_using_an_unknown_document_is_rejected():
    with pytest.raises(ValidationError, match="not a component id"):
        _procedure(steps=[{"id": "s1", "order": 1, "action": "Nộp", "inputs": ["c9"]}])


def test_a_step_cannot_use_the_output_of_a_later_step():
    steps = [
        {"id": "s1", "order": 1, "action": "A", "inputs": ["later"]},
        {"id": "s2", "order": 2, "action": "B", "outputs": ["later"]},
    ]
    with pytest.raises(ValidationError, match="later"):
        _procedure(steps=steps)


def test_unknown_fields_are_errors():
    with pytest.raises(ValidationError, match="Extra inputs"):
        _procedure(colour="red")


def test_duplicate_component_ids_are_rejected():
    with pytest.raises(ValidationError, match="duplicate id 'c1'"):
        _procedure(components=[{"id": "c1", "name": "A"}, {"id": "c1", "name": "B"}], steps=[])


def test_time_limits_compare_in_working_days():
    assert Duration(value=2, unit="month").working_days == 44
    assert Duration(value=16, unit="hour").working_days == 2
    assert Duration(value=7, unit="day").working_days == 5


def test_a_volume_needs_a_source_or_is_an_estimate():
    with pytest.raises(ValidationError, match="source"):
        Volume(per_year=10)
    assert Volume(per_year=10, estimate=True).estimate


def test_a_free_fee_has_no_amount():
    with pytest.raises(ValidationError, match="free"):
        Fee(free=True, amount_vnd=1000)
