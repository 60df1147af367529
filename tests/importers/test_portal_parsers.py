"""The portal field parsers on small made-up cells, one messy feature at a time."""

from __future__ import annotations

import re

from engine.importers import portal_steps
from engine.importers.outcome import Anomalies
from engine.importers.portal_channels import parse_channels
from engine.importers.portal_dossier import parse_dossier, split_templates
from engine.importers.portal_legal import parse_legal_basis
from engine.importers.portal_results import parse_results
from engine.importers.portal_steps import guess_kind, parse_steps
from engine.importers.text import split_items
from engine.model import ChannelKind, StepKind, TimeUnit

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def test_channels_read_cells_and_ignore_channel_names_inside_descriptions():
    anomalies = Anomalies()
    channels = parse_channels(
        "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếp10 Ngày làm việc50,000 Việt Nam Đồng(50.000 đồng/lần (Thông tư 1))Trực tiếp tại Sở."
        "Trực tuyến2 GiờKhông có thông tin",
        anomalies,
    )
    assert [c.kind for c in channels] == [ChannelKind.in_person, ChannelKind.online]
    first, second = channels
    assert first.time_limit and (first.time_limit.value, first.time_limit.unit) == (10, TimeUnit.working_day)
    assert first.fee and first.fee.amount_vnd == 50_000 and first.fee.text == "50.000 đồng/lần (Thông tư 1)"
    assert first.description == "Trực tiếp tại Sở."
    assert second.time_limit and second.time_limit.unit == TimeUnit.hour and second.fee is None
    assert anomalies.counts == {"fee_missing": 1}


def test_channel_fee_words_and_unparsed_currency():
    anomalies = Anomalies()
    channels = parse_channels(
        "Trực tiếp5 NgàyKhôngDịch vụ bưu chínhKhông quy địnhMiễn phíTrực tuyến3 Tháng25 USD(/lần)", anomalies
    )
    assert channels[0].fee and channels[0].fee.free
    assert channels[1].time_limit is None and channels[1].description == "Thời gian: Không quy định"
    assert channels[2].fee and channels[2].fee.amount_vnd is None and channels[2].fee.text == "25 USD\n/lần"
    assert anomalies.counts["fee_unparsed"] == 1 and anomalies.counts["time_limit_missing"] == 1


def test_dossier_rows_counts_sections_and_cases():
    anomalies = Anomalies()
    text = (
        "* Giấy tờ phải nộp:" + HEADER + "- Tờ khai theo Mẫu số 181 bản chính"
        "Bản sao có chứng thực giấy phép (nộp 01 bản chính để đối chiếu)0 bản chính,2 bản sao"
        "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp0 bản chính,1 bản sao"
        "Trường hợp ủy quyền:" + HEADER + "Văn bản ủy quyền1 bản chính"
        "* Giấy tờ phải xuất trình:" + HEADER + "Thẻ căn cước1 bản chính"
    )
    dossier = parse_dossier(text, anomalies)
    rows = [
        (c.id, c.name, c.originals, c.copies, c.certified_copy, c.case, c.presented_only)
        for c in dossier.components
    ]
    assert rows == [
        ("c1", "Tờ khai theo Mẫu số 18", 1, 0, False, None, False),
        # checked against the original at the desk: a certified copy is not what the row requires
        ("c2", "Bản sao có chứng thực giấy phép (nộp 01 bản chính để đối chiếu)", 0, 2, False, None, False),
        ("c3", "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp", 0, 1, True, None, False),
        ("c4", "Văn bản ủy quyền", 1, 0, False, "Trường hợp ủy quyền", False),
        ("c5", "Thẻ căn cước", 1, 0, False, None, True),
    ]
    assert not anomalies.counts


def test_dossier_zero_count_rows():
    anomalies = Anomalies()
    text = (
        "--" + HEADER + "Đơn đề nghị1 bản chính"
        "(kèm bản dịch)0 bản chính"
        "Trường hợp thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư thì không phải nộp.0 bản chính"
        "- Trường hợp cấp lại:0 bản chính"
        "+ Giấy phép đã cấp1 bản chính"
        "- Cơ quan tiếp nhận có trách nhiệm hướng dẫn người nộp.0 bản chính"
        "- Hóa đơn thương mại: 01 bản chụp0 bản chính"
    )
    dossier = parse_dossier(text, anomalies)
    assert dossier.components[0].note == "(kèm bản dịch)"
    assert [r.text[:40] for r in dossier.reuse_clauses] == ["Trường hợp thông tin đã có trong Cơ sở d"]
    assert dossier.components[1].name == "Giấy phép đã cấp"
    assert dossier.components[1].case == "Trường hợp cấp lại"
    # A document published without counts is kept; a sentence about procedure is a dropped note.
    assert dossier.components[2].name == "Hóa đơn thương mại: 01 bản chụp"
    assert dossier.components[2].case is None  # a "-" row closes the "- Trường hợp …:" case
    assert anomalies.counts == {"zero_count_continuation": 1, "zero_count_note": 1, "zero_count_document": 1}


def test_dossier_without_table_is_counted_not_guessed():
    anomalies = Anomalies()
    assert parse_dossier("Bước 2. Cơ quan BHXH tiếp nhận hồ sơ.", anomalies).components == []
    assert anomalies.counts == {"dossier_unstructured": 1, "no_components": 1}


def test_template_names_glued_to_the_text():
    assert split_templates("Báo cáo theo Mẫu 48, Phụ lục I.Mau48.docxMau45.docx") == (
        "Báo cáo theo Mẫu 48, Phụ lục I.",
        ["Mau48.docx", "Mau45.docx"],
    )
    assert split_templates("Nghị định số 33/2026/NĐ-CP.Mus09-PhlcIII.docx") == (
        "Nghị định số 33/2026/NĐ-CP.",
        ["Mus09-PhlcIII.docx"],
    )
    assert split_templates("Đề cương khoáng sảnMau02-PhulucI_33.2025.TT-BNNMT.doc") == (
        "Đề cương khoáng sản",
        ["Mau02-PhulucI_33.2025.TT-BNNMT.doc"],
    )
    assert split_templates("Không có mẫu") == ("Không có mẫu", [])


def test_legal_basis_splits_titles_from_glued_numbers():
    anomalies = Anomalies()
    refs = parse_legal_basis(
        "Tên văn bản pháp lýMã văn bản"
        "Luật Hộ tịch60/2014/QH13"
        "Nghị định 155/2020/NĐ-CP155/2020/NĐ-CP"
        "Quyết định của Thủ tướng09/2023/QĐ-TTg"
        "sửa đổi Nghị định số 171/2016/NĐ-CP ngày 27/12/2016 năm 202086/2020/NĐ-CP"
        "Thông tư số 56/2021/TT-BCA ngày 15/5/2021Thông tư số 56/2021/TT-BCA",
        anomalies,
    )
    assert [(r.number, r.title) for r in refs] == [
        ("60/2014/QH13", "Luật Hộ tịch"),
        ("155/2020/NĐ-CP", "Nghị định 155/2020/NĐ-CP"),
        ("09/2023/QĐ-TTg", "Quyết định của Thủ tướng"),
        ("86/2020/NĐ-CP", "sửa đổi Nghị định số 171/2016/NĐ-CP ngày 27/12/2016 năm 2020"),
        ("56/2021/TT-BCA", "Thông tư số 56/2021/TT-BCA ngày 15/5/2021"),
    ]
    assert not anomalies.counts


def test_results_strip_the_page_boilerplate():
    anomalies = Anomalies()
    results = parse_results(
        "Giấy phépMã: KQ.G17.000311Văn bản từ chốiMã: 000.00.00.G12-KQ0001Từ khóaKhông có thông tinNộp hồ sơ",
        anomalies,
    )
    assert [(r.id, r.name, r.code) for r in results] == [
        ("r1", "Giấy phép", "KQ.G17.000311"),
        ("r2", "Văn bản từ chối", "000.00.00.G12-KQ0001"),
    ]
    assert parse_results("", anomalies) == [] and anomalies.counts == {"no_results": 1}


def test_steps_split_on_markers_and_never_on_a_mention_of_a_step():
    anomalies = Anomalies()
    steps = parse_steps(
        "Bước 1: Tổ chức, cá nhân nộp hồ sơ tại Bộ phận Một cửa.\n"
        "Bước 2: Sở Xây dựng thẩm định; nếu thiếu thì thực hiện lại bước 1.\n"
        "- Bước 3. Chủ tịch Ủy ban nhân dân cấp tỉnh ký quyết định.",
        anomalies,
    )
    assert [(s.id, s.order, s.kind) for s in steps] == [
        ("s1", 1, StepKind.submit),
        ("s2", 2, StepKind.check),
        ("s3", 3, StepKind.approve),
    ]
    assert (steps[0].actor, steps[0].agency) == ("applicant", "Bộ phận Một cửa")
    assert steps[1].agency == "Sở Xây dựng"
    assert steps[2].actor == "Chủ tịch Ủy ban nhân dân cấp tỉnh"
    assert not anomalies.counts


def test_steps_without_markers_split_on_bullets_or_stay_whole():
    anomalies = Anomalies()
    assert len(parse_steps("- Nộp hồ sơ.\n- Nhận kết quả.", anomalies)) == 2
    assert len(parse_steps("Cơ quan thuế tiếp nhận và trả kết quả.", anomalies)) == 1
    assert anomalies.counts == {"step_markers_missing": 2}


def test_step_kind_is_the_earliest_verb_longest_first():
    assert guess_kind("Người yêu cầu nộp lệ phí") == StepKind.pay
    assert guess_kind("Đoàn kiểm tra thực địa khu vực") == StepKind.inspect
    assert guess_kind("Bộ phận một cửa tiếp nhận, kiểm tra hồ sơ") == StepKind.receive
    assert guess_kind("Cơ quan đăng ký cấp Giấy chứng nhận") == StepKind.issue
    assert guess_kind("Hồ sơ đăng ký kinh doanh") == StepKind.other  # "đăng ký" is not "ký"


def test_split_items_keeps_parentheses_and_lower_case_continuations():
    assert split_items("Sở Tài chính các tỉnh, thành phố") == ["Sở Tài chính các tỉnh, thành phố"]
    assert split_items("Không có thông tin") == []
    assert split_items("Bộ Công an\nCông an cấp Xã") == ["Bộ Công an", "Công an cấp Xã"]


def test_lower_casing_reads_the_applicants_words_as_ignoring_case_does_but_for_the_letters_set_apart() -> (
    None
):
    """The applicant is searched for in the lower-cased text, the letters of ``_CASE_APART`` aside: they must
    be every character whose lower case and whose case-insensitive match disagree on the words' letters."""
    letters = {char for char in portal_steps._APPLICANT.pattern if char.isalpha()}
    apart = set()
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or char.lower() == char.upper():
            continue  # no case: the same either way
        for letter in letters:
            if bool(re.fullmatch(re.escape(letter), char, re.IGNORECASE)) != (char.lower() == letter):
                apart.add(char)
    assert apart == set(portal_steps._CASE_APART)
    assert portal_steps._actor("TỔ CHỨC, CÁ NHÂN nộp hồ sơ") == "applicant"
    assert portal_steps._actor("Doanh nghıệp nộp hồ sơ") == "applicant"  # a dotless ı, read as i
