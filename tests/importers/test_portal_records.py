"""Real portal records parsed field by field; expected values were read off each record by hand."""

from __future__ import annotations

from engine.importers.outcome import Anomalies
from engine.importers.portal import parse_portal_record
from engine.model import ChannelKind, Level, StepKind, TimeUnit
from tests.importers.conftest import record_data


def test_birth_registration_header_fields(record):
    procedure = record("1.001193")
    assert procedure.name == "Thủ tục đăng ký khai sinh"
    assert procedure.origin == "portal"
    assert procedure.levels == [Level.commune]
    assert procedure.field == "Hộ tịch"
    assert procedure.publishing_decision == "163/QĐ-BTP"
    assert procedure.applicant_types == ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"]
    # "Không có thông tin" and empty cells are no agency at all.
    assert procedure.agencies.executing == []
    assert procedure.agencies.competent == []
    assert procedure.related == []
    assert procedure.conditions == []


def test_birth_registration_channels_are_free_with_a_unitless_time_limit(record):
    channels = record("1.001193").channels
    # "Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí"
    assert [c.kind for c in channels] == [ChannelKind.online, ChannelKind.post, ChannelKind.in_person]
    for channel in channels:
        assert channel.fee is not None and channel.fee.free and channel.fee.amount_vnd is None
        assert channel.time_limit is not None and channel.time_limit.value == 1
        assert "no unit published" in (channel.time_limit.text or "")


def test_birth_registration_dossier_sections_and_reuse_clauses(record):
    procedure = record("1.001193")
    names = [c.name for c in procedure.components]
    assert len(procedure.components) == 8
    assert [c.id for c in procedure.components] == [f"c{n}" for n in range(1, 9)]
    assert names[3].startswith("Giấy chứng sinh; trường hợp không có Giấy chứng sinh")
    # "Văn bản ủy quyền (được chứng thực)" certifies the authorisation: it is not a certified copy.
    assert not procedure.components[1].certified_copy
    assert not procedure.components[3].certified_copy
    # The two rows under "* Giấy tờ phải xuất trình:" are shown, not handed over.
    presented = [c.id for c in procedure.components if c.presented_only]
    assert presented == ["c5", "c6"]
    assert names[5].startswith("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước")
    # The row after "* Lưu ý:" and "--" is the declaration form again a document.
    assert names[6].startswith("Tờ khai đăng ký khai sinh theo mẫu")
    # Zero-count rows saying the agency exploits the databases are reuse clauses, not documents, each with
    # its scope: a note of the first section covers that section's rows, sentences of the residence row
    # (c5) cover that row, the notes section and the steps cover the whole dossier.
    clauses = procedure.reuse_clauses
    assert clauses[0].text.startswith("Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh")
    assert (clauses[0].scope, clauses[0].components) == ("section", ["c1", "c2", "c3", "c4"])
    assert [(c.scope, c.components) for c in clauses[2:4]] == [("row", ["c5"]), ("row", ["c5"])]
    assert {c.scope for c in clauses[5:]} == {"dossier"}
    # A note running two lookups together is two clauses: copies accepted, and the marriage certificate
    # looked up in the civil-status database.
    assert clauses[9].text.startswith("- Trường hợp cha, mẹ trẻ đã đăng ký kết hôn")
    # "Trường hợp không khai thác được thông tin …", "… không thể khai thác được …", "Trường hợp không tra cứu
    # được … do chưa có thông tin trong Cơ sở dữ liệu…": the paper is a fallback.
    assert [c.fallback for c in clauses] == [
        False,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert (clauses[1].scope, clauses[1].components) == ("section", ["c5", "c6"])
    assert all(not clause.sources and not clause.doc_types for clause in procedure.reuse_clauses)
    assert all(not c.doc_types for c in procedure.components)


def test_birth_registration_results_legal_basis_and_steps(record):
    procedure = record("1.001193")
    assert [(r.id, r.name, r.code) for r in procedure.results] == [("r1", "Giấy khai sinh", "KQ.G15.000031")]
    numbers = [ref.number for ref in procedure.legal_basis]
    assert numbers[:3] == ["85/2019/TT-BTC", "104/2022/NĐ-CP", "123/2015/NĐ-CP"]
    assert "66.7/2025/NQ-CP" in numbers and "60/2014/QH13" in numbers
    assert len(numbers) == len(set(numbers)) == 15
    by_number = {ref.number: ref.title for ref in procedure.legal_basis}
    assert (
        by_number["87/2020/NĐ-CP"]
        == "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến"
    )
    # No "Bước n" markers: one step per leading "-" bullet.
    steps = procedure.steps
    assert len(steps) == 11
    assert [s.kind for s in steps[:5]] == [
        StepKind.submit,
        StepKind.submit,
        StepKind.receive,
        StepKind.check,
        StepKind.approve,
    ]
    assert steps[0].actor == "applicant"
    assert steps[2].agency == "Trung tâm Phục vụ hành chính công"
    assert steps[3].actor == "Công chức tư pháp - hộ tịch"
    assert all(not s.inputs and not s.outputs for s in steps)


def test_permanent_residence_fees_cases_and_numbered_steps(record):
    procedure = record("1.004222")
    assert procedure.publishing_decision == "1523/QĐ-BCA-C06"
    assert procedure.agencies.executing == ["Công an cấp Xã"]
    online, in_person = procedure.channels
    assert online.kind == ChannelKind.online and online.fee and online.fee.amount_vnd == 10_000
    assert in_person.kind == ChannelKind.in_person and in_person.fee and in_person.fee.amount_vnd == 20_000
    assert online.time_limit and (online.time_limit.value, online.time_limit.unit) == (
        7,
        TimeUnit.working_day,
    )
    assert (
        online.fee.text
        == "Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký."
    )
    assert len(procedure.components) == 15
    assert procedure.components[0].case == "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"
    assert [r.code for r in procedure.results] == [
        "KQ.G01.000064",
        "KQ.G01.000065",
        "KQ.G01.000067",
        "KQ.G01.000066",
    ]
    assert procedure.conditions == [
        "Người thực hiện thủ tục đã được thu thập, cập nhật thông tin công dân vào "
        "Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú"
    ]
    assert [s.kind for s in procedure.steps] == [
        StepKind.other,
        StepKind.submit,
        StepKind.receive,
        StepKind.pay,
        StepKind.receive,
    ]
    assert procedure.steps[1].action == "Bước 2: Cá nhân, tổ chức nộp hồ sơ đến Công an cấp xã."
    # "…56/2021/TT-BCASỬA ĐỔI…": the issuer code stops where the upper-case title starts.
    assert "56/2021/TT-BCA" in [ref.number for ref in procedure.legal_basis]


def test_enterprise_registration_cases_and_copies(record):
    procedure = record("2.001610")
    assert procedure.levels == [Level.ministry, Level.province]
    assert "Tổ chức (không bao gồm doanh nghiệp, HTX)" in procedure.applicant_types
    first = procedure.components[0]
    assert first.name == "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân"
    assert (first.originals, first.copies, first.case) == (0, 1, "Trường hợp đăng ký doanh nghiệp xã hội")
    assert len(procedure.components) == 21
    # "Trực tuyến3 Ngày làm việc100 VNĐ(Phí công bố…100.000 đồng/lần…)": a typing slip kept as published.
    fees = [c.fee.amount_vnd for c in procedure.channels if c.fee]
    assert fees == [100, 100_000, 100_000]
    assert [r.code for r in procedure.results] == ["KQ.G12.001044", "KQ.G12.001040", "KQ.G12.001051"]
    assert [ref.number for ref in procedure.legal_basis][:3] == [
        "66.7/2025/NQ-CP",
        "68/2025/TT-BTC",
        "47/2019/TT-BTC",
    ]


def test_construction_permit_calendar_days_and_work_cases(record):
    procedure = record("1.013225")
    assert procedure.levels == [Level.commune, Level.other]
    assert [(c.kind, c.time_limit.value if c.time_limit else None) for c in procedure.channels] == [
        (ChannelKind.online, 20),
        (ChannelKind.post, 20),
        (ChannelKind.in_person, 15),
    ]
    assert all(c.time_limit and c.time_limit.unit == TimeUnit.day for c in procedure.channels)
    assert procedure.channels[0].fee and procedure.channels[0].fee.free
    assert procedure.channels[0].fee.text == "Theo quy định của Hội đồng nhân dân cấp tỉnh"
    assert procedure.components[0].case == "Đối với công trình không theo tuyến"
    assert (procedure.components[0].originals, procedure.components[0].copies) == (1, 1)
    assert procedure.results[0].code == "KQ.G17.000311"
    assert procedure.steps[0].kind == StepKind.submit


def test_time_run_into_an_amount_is_split(record):
    # "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)": time "1" (no unit) and fee "20 VNĐ".
    channel = record("1.000014").channels[0]
    assert channel.time_limit and channel.time_limit.value == 1
    assert channel.fee and channel.fee.amount_vnd == 20 and channel.fee.text == "20.000 vnđ /tờ khai"
    # "Trực tiếp1100,000 VNĐ": time "1" and fee 100,000.
    in_person = record("2.002044").channel(ChannelKind.in_person)
    assert in_person and in_person.fee and in_person.fee.amount_vnd == 100_000


def test_foreign_currency_month_and_hour_units(record):
    card = record("1.003290").channels[0]
    assert card.time_limit and (card.time_limit.value, card.time_limit.unit) == (6, TimeUnit.month)
    assert card.fee and card.fee.amount_vnd is None and not card.fee.free
    assert card.fee.text and card.fee.text.startswith("100 USD")
    appointment = record("1.010047").channels[0]
    assert appointment.time_limit and (appointment.time_limit.value, appointment.time_limit.unit) == (
        1,
        TimeUnit.hour,
    )
    assert appointment.fee is None  # "Không có thông tin"


def test_time_limit_written_as_prose_is_kept_in_the_description(record):
    channels = record("1.009824").channels
    assert [c.kind for c in channels] == [ChannelKind.in_person, ChannelKind.online, ChannelKind.post]
    assert all(c.time_limit is None for c in channels)
    assert channels[0].description and channels[0].description.startswith(
        "Thời gian: Hệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản hồi tự động"
    )


def test_channel_variants_are_all_kept(record):
    # Passport: one row per channel for 5 working days, then again for 3.
    channels = record("1.001471").channels
    assert len(channels) == 6
    assert [c.time_limit.value for c in channels if c.time_limit] == [5, 5, 5, 3, 3, 3]


def test_template_file_names_are_split_from_the_row(record):
    component = record("1.000232").components[0]
    assert component.template == "Mau NA20-BCA.docx"
    assert component.name == "Văn bản đề nghị hủy tài khoản điện tử (NA20)."


def test_dossier_cut_short_by_the_crawler_is_recovered_from_the_page_text(raw):
    anomalies = Anomalies()
    procedure = parse_portal_record(record_data(raw, "1.001521"), "1.001521.json", anomalies)
    assert anomalies.counts["recovered_from_raw_text"] == 1
    assert procedure.components, "the dossier was read from raw_text"
    assert procedure.steps[0].action.startswith("Bước 1. Lập, nộp hồ sơ")
    assert "Thành phần hồ sơ" in procedure.steps[0].action  # no longer cut at those words
