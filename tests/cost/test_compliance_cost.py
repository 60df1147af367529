"""Compliance cost by the Standard Cost Model, checked against figures computed by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from engine.cost import Activity, compliance_cost, load_cost_parameters
from engine.errors import UserError
from engine.model import Procedure

BUNDLED = Path(__file__).resolve().parents[2] / "rules" / "cost_parameters.yaml"


def _params_file(tmp_path: Path, **changes) -> Path:
    """The bundled parameters with some fields of some values changed: {name: {field: value}}."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for name, fields in changes.items():
        if fields is None:
            del data[name]
        else:
            data[name].update(fields)
    path = tmp_path / "cost_parameters.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _licence() -> Procedure:
    return Procedure.model_validate(
        {
            "code": "2.000100",
            "name": "Cấp giấy phép mẫu",
            "online_level": "partial",
            "channels": [
                {"kind": "in_person", "time_limit": {"value": 10}, "fee": {"amount_vnd": 50000}},
                {"kind": "online", "time_limit": {"value": 10}, "fee": {"amount_vnd": 40000}},
            ],
            "components": [
                {"id": "c1", "name": "Tờ khai", "originals": 1},
                {"id": "c2", "name": "Bản sao căn cước", "copies": 1, "certified_copy": True},
                {"id": "c3", "name": "Bản sao giấy chứng nhận", "copies": 2, "certified_copy": True},
                {"id": "c4", "name": "Hộ chiếu (xuất trình)", "certified_copy": True, "presented_only": True},
                {"id": "c5", "name": "Giấy ủy quyền", "originals": 1, "case": "Trường hợp ủy quyền"},
                {"id": "c6", "name": "Hợp đồng", "originals": 1, "case": "Trường hợp tổ chức"},
                {"id": "c7", "name": "Bản sao điều lệ", "certified_copy": True, "case": "Trường hợp tổ chức"},
            ],
            "annual_volume": {"per_year": 1200, "source": "Sở Công Thương 2025"},
        }
    )


def test_worked_example_matches_the_hand_computation_to_the_dong():
    """Hand computation with the bundled parameters (rules/cost_parameters.yaml).

    Hourly income: 7,700,000 / 22 / 8 = 43,750 đồng. Partly online, so the applicant goes in person.
    Components one applicant supplies: c1–c4 (no case) + c6, c7 (the case with most components) = 6.

        learn        0.5 h × 43,750                              =  21,875
        prepare      6 × 1.0 h = 6 h × 43,750                    = 262,500
        certify      c2, c3, c7 (c4 is only shown): 3 × 1.5 h = 4.5 h × 43,750 = 196,875
                     copies 1 + 2 + 1 (none stated counts 1) = 4 × 1 page × 2,000 =   8,000
        visit        2 visits × 2.0 h = 4 h × 43,750             = 175,000
                     2 visits × 20,000 travel                    =  40,000
        supplement   0.5 h × 43,750                              =  21,875
        fee          in-person channel                           =  50,000
        per dossier                                              = 776,125
        per year     776,125 × 1,200 dossiers                    = 931,350,000
    """
    cost = compliance_cost(_licence(), load_cost_parameters(BUNDLED))
    assert cost.hourly_income_vnd == Decimal(43750)
    assert [(line.activity, line.hours, line.time_cost_vnd, line.outside_vnd) for line in cost.lines] == [
        (Activity.learn, Decimal("0.5"), 21875, 0),
        (Activity.prepare, Decimal("6.0"), 262500, 0),
        (Activity.certify, Decimal("4.5"), 196875, 8000),
        (Activity.visit, Decimal("4.0"), 175000, 40000),
        (Activity.supplement, Decimal("0.5"), 21875, 0),
        (Activity.fee, Decimal(0), 0, 50000),
    ]
    assert cost.per_dossier_vnd == 776125
    assert cost.annual_volume == 1200 and not cost.volume_is_estimate
    assert cost.annual_vnd == 931_350_000
    # The hours are working assumptions; the fee and the certification fee are published figures.
    assert cost.depends_on_estimate
    by_activity = {line.activity: line for line in cost.lines}
    assert by_activity[Activity.prepare].depends_on_estimate
    assert not by_activity[Activity.fee].depends_on_estimate
    assert by_activity[Activity.certify].parameters == [
        "hours_certify_copy",
        "certified_copy_fee_vnd",
        "pages_per_certified_copy",
    ]
    assert "monthly_income_vnd" in cost.parameters and "annual_volume_estimate" not in cost.parameters
    assert any("case with most components" in note for note in cost.notes)


def test_each_line_is_rounded_half_up_and_a_missing_volume_is_an_estimate(tmp_path):
    """Monthly income 7,000,000: hourly 7,000,000 / 176 = 39,772.7272… đồng. Fully online, no volume.

    learn           0.5 h  → 19,886.36 → 19,886
    prepare         1.0 h  → 39,772.73 → 39,773
    submit_online   0.5 h  → 19,886
    receive_online  0.25 h →  9,943.18 →  9,943
    supplement      0.5 h  → 19,886
    fee             free   →      0
    per dossier 109,374 (unrounded 2.75 h × 39,772.73 would be 109,375); × 1,000 assumed dossiers.
    """
    params = load_cost_parameters(_params_file(tmp_path, monthly_income_vnd={"value": 7_000_000}))
    online = Procedure.model_validate(
        {
            "code": "2.000200",
            "name": "Đăng ký trực tuyến",
            "online_level": "full",
            "channels": [{"kind": "online", "fee": {"free": True}}],
            "components": [{"id": "c1", "name": "Tờ khai điện tử"}],
        }
    )
    cost = compliance_cost(online, params)
    assert [line.time_cost_vnd for line in cost.lines] == [19886, 39773, 19886, 9943, 19886, 0]
    assert cost.per_dossier_vnd == 109_374
    assert cost.volume_is_estimate and cost.annual_volume == 1000 and cost.annual_vnd == 109_374_000
    assert "no annual volume in the record: assumed 1000 dossiers (annual_volume_estimate)" in cost.notes


def test_a_figure_from_published_values_only_is_not_an_estimate(tmp_path):
    surveyed = {name: {"estimate": False} for name in yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))}
    params = load_cost_parameters(_params_file(tmp_path, **surveyed))
    cost = compliance_cost(_licence(), params)
    assert not cost.depends_on_estimate
    unknown_fee = _licence().model_copy(update={"channels": []})
    cost = compliance_cost(unknown_fee, params)
    assert cost.depends_on_estimate and "fee not stated as an amount: counted as 0" in cost.notes


def test_a_cut_certified_copy_lowers_the_cost_by_its_hours_and_fee():
    params = load_cost_parameters(BUNDLED)
    before = compliance_cost(_licence(), params)
    licence = _licence()
    licence.components[1].certified_copy = False
    after = compliance_cost(licence, params)
    assert before.per_dossier_vnd - after.per_dossier_vnd == 65_625 + 2_000  # 1.5 h × 43,750 + one copy


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours_per_visit": None}, "cost_parameters.yaml: hours_per_visit: missing cost parameter"),
        (
            {"hours_per_visit": {"value": "two"}},
            "cost_parameters.yaml: hours_per_visit.value: must be a number",
        ),
        ({"hours_per_working_day": {"value": 0}}, "hours_per_working_day.value: must not be zero"),
        ({"travel_cost_per_visit_vnd": {"reference": None}}, "travel_cost_per_visit_vnd.reference"),
    ],
)
def test_a_broken_parameter_file_names_the_file_and_field(tmp_path, changes, message):
    with pytest.raises(UserError, match=message.replace(".", r"\.")):
        load_cost_parameters(_params_file(tmp_path, **changes))


def test_a_missing_parameter_file_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="nowhere.yaml: parameters file not found"):
        load_cost_parameters(tmp_path / "nowhere.yaml")
