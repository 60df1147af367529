"""The national package format, on the three hand-written samples in tests/fixtures/national."""

from __future__ import annotations

from pathlib import Path

from engine.importers import import_national, import_path
from engine.model import ChannelKind, Level, OnlineLevel, StepKind, TimeUnit
from tests.importers.conftest import NATIONAL_FIXTURES


def test_realistic_record():
    outcome = import_national(NATIONAL_FIXTURES / "realistic.json")
    assert outcome.records_in == 1 and not outcome.problems
    procedure = outcome.procedures[0]
    assert (procedure.code, procedure.name, procedure.origin) == (
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        "national",
    )
    assert procedure.levels == [Level.commune]
    assert procedure.field == "Hộ tịch"
    assert procedure.agencies.executing == ["Ủy ban nhân dân cấp xã"]
    kinds = [(c.kind, c.time_limit.value if c.time_limit else None) for c in procedure.channels]
    assert kinds == [(ChannelKind.in_person, 1), (ChannelKind.online, 1), (ChannelKind.post, 2)]
    assert procedure.channels[0].time_limit and procedure.channels[0].time_limit.unit == TimeUnit.working_day
    assert procedure.channels[0].fee and procedure.channels[0].fee.free
    assert procedure.channels[2].fee and procedure.channels[2].fee.amount_vnd == 8000
    assert [(c.id, c.originals, c.copies) for c in procedure.components] == [
        ("c1", 1, 0),
        ("c2", 1, 0),
        ("c3", 1, 0),
    ]
    assert procedure.components[0].template == "Mẫu TK khai sinh.docx"
    assert procedure.components[2].case == "Trường hợp ủy quyền thực hiện thủ tục"
    assert procedure.components[2].certified_copy
    assert [s.kind for s in procedure.steps] == [
        StepKind.submit,
        StepKind.check,
        StepKind.approve,
        StepKind.issue,
    ]
    assert [(r.code, r.name) for r in procedure.results] == [("KQ.G15.000031", "Giấy khai sinh")]
    assert [ref.number for ref in procedure.legal_basis] == ["60/2014/QH13", "123/2015/NĐ-CP"]
    assert procedure.related == ["1.004222"]
    assert procedure.interlinked == ["1.004222", "2.001023"]
    assert procedure.online_level == OnlineLevel.full
    assert procedure.annual_volume and procedure.annual_volume.per_year == 125_000
    assert procedure.annual_volume.source == "national database"


def test_odd_values_are_read_leniently_and_counted():
    outcome = import_national(NATIONAL_FIXTURES / "odd.json")
    assert outcome.records_in == 3 and len(outcome.procedures) == 1 and outcome.balanced
    procedure = outcome.procedures[0]
    assert procedure.name == "Cấp giấy phép thử nghiệm"
    assert procedure.levels == [Level.province, Level.commune]  # "1,3"
    assert procedure.field == "Xây dựng"
    assert procedure.agencies.executing == ["Sở Xây dựng", "Ủy ban nhân dân cấp xã"]
    in_person, online = procedure.channels  # channel 9 is unknown and skipped
    assert in_person.time_limit is None and in_person.description == "Thời gian: 15 Tuần"
    assert in_person.fee and in_person.fee.amount_vnd == 15_000  # "10.000" + "5,000"
    assert online.kind == ChannelKind.online and online.time_limit is None and online.fee is None
    assert [(c.name, c.copies, c.certified_copy) for c in procedure.components][0] == (
        "Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất",
        1,
        True,
    )
    assert [s.kind for s in procedure.steps] == [StepKind.submit, StepKind.inspect]
    assert [ref.number for ref in procedure.legal_basis] == ["15/2021/NĐ-CP"]
    assert procedure.related == ["1.000001", "1.000002"]
    assert procedure.online_level == OnlineLevel.partial  # the older scale: 3
    assert procedure.annual_volume and procedure.annual_volume.per_year == 1250
    for kind in (
        "channel_unknown",
        "time_unit_unknown",
        "fee_summed",
        "interlinked_without_codes",
        "fee_missing",
    ):
        assert outcome.anomalies[kind] == 1, kind
    problems = {p.path.rsplit("[", 1)[-1]: (p.field, p.message) for p in outcome.problems}
    assert problems["1]"] == ("MaTTHC", "missing or invalid procedure code None")
    assert problems["2]"][0] == "THANHPHANHOSO[0].GIAYTO[0].SOBANCHINH"


def test_malformed_file_is_reported():
    outcome = import_national(NATIONAL_FIXTURES / "malformed.json")
    assert outcome.records_in == 1 and not outcome.procedures
    (problem,) = outcome.problems
    assert problem.path.endswith("malformed.json") and problem.message.startswith("is not valid JSON")


def test_the_fixture_folder_through_import_path():
    outcome = import_path(NATIONAL_FIXTURES)
    assert outcome.records_in == 5 and len(outcome.procedures) == 2 and outcome.balanced


def test_a_list_without_codes_is_not_a_package(tmp_path: Path):
    file = tmp_path / "x.json"
    file.write_text('[{"TENTTHC": "a"}]', encoding="utf-8")
    outcome = import_national(file)
    assert outcome.records_in == 1 and outcome.problems[0].message.startswith("not a national package")
