"""Recognising what a dossier component asks the applicant to supply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.recognise import Placement, Recogniser, fold, load_thesaurus


def types(recogniser: Recogniser, text: str) -> list[str]:
    return recogniser.recognise(text).types


# -- a form, declaration, request or list naming a document is not that document -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 01",
        "Giấy khai đăng ký xe (theo mẫu ĐKX10)",
        "Giấy khai thu hồi chứng nhận đăng ký xe, biển số xe",
        "Tờ khai thay đổi thông tin cư trú, trong đó ghi số định danh cá nhân",
        "Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)",
        "Văn bản đề nghị, trong đó ghi rõ họ tên, số định danh cá nhân hoặc số hộ chiếu của người liên hệ",
        "Văn bản yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2025/LLTP)",
        "Danh sách người điều khiển phương tiện (gồm họ tên; số căn cước công dân hoặc số hộ chiếu)",
        "Giấy đề nghị cấp đổi Giấy chứng nhận đăng ký doanh nghiệp",
        "Đề nghị sát hạch để cấp giấy phép lái xe",
    ],
)
def test_a_form_naming_a_document_is_not_that_document(recogniser: Recogniser, text: str) -> None:
    recognition = recogniser.recognise(text)
    assert recognition.type is None and recognition.types == []
    assert recognition.confidence < recogniser.thesaurus.threshold


@pytest.mark.parametrize(
    "text",
    [
        "Hai ảnh màu cỡ 4x6 cm, kiểu chứng minh nhân dân, chụp không quá 06 tháng",
        "Thông tin được khai thác trong căn cước điện tử hoặc Cơ sở dữ liệu quốc gia về dân cư",
        "Quyết định thành lập doanh nghiệp (trường hợp không có giấy chứng nhận đăng ký doanh nghiệp)",
        "Các giấy tờ chứng minh người phụ thuộc (trừ bản chụp giấy khai sinh hoặc căn cước công dân)",
        "Trường hợp bị mất hộ chiếu, phải có đơn trình báo",
        "Giấy tờ chứng minh thu nhập hợp pháp tại Việt Nam",
        "Sơ đồ vị trí khu đất",
    ],
)
def test_a_document_only_mentioned_is_not_recognised(recogniser: Recogniser, text: str) -> None:
    assert types(recogniser, text) == []


# -- what the row supplies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giấy khai sinh", ["birth_certificate"]),
        ("- Bản sao có chứng thực Giấy đăng ký kinh doanh", ["enterprise_registration_certificate"]),
        ("Phiếu lý lịch tư pháp được cấp không quá 06 tháng", ["criminal_record_certificate"]),
        ("Giấy phép xây dựng đã được cấp", ["construction_permit"]),
        ("Văn bản ủy quyền (được chứng thực) trong trường hợp ủy quyền", ["power_of_attorney"]),
        ("Báo cáo tài chính năm gần nhất đã được kiểm toán", ["financial_statement"]),
        ("-Giấy chứng tử hoặc báo tử", ["death_certificate", "death_notice"]),
    ],
)
def test_the_head_of_the_row_decides(recogniser: Recogniser, text: str, expected: list[str]) -> None:
    assert types(recogniser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bản sao hộ chiếu hoặc thẻ căn cước", ["passport", "citizen_id"]),
        ("Hộ chiếu/Thẻ căn cước công dân/Chứng minh nhân dân", ["passport", "citizen_id"]),
        ("a) Giấy khai sinh, hộ chiếu;", ["birth_certificate", "passport"]),
        (
            "Một trong các giấy tờ sau: Thẻ căn cước công dân, Giấy xác nhận thông tin về cư trú",
            ["citizen_id", "residence_confirmation"],
        ),
        (
            "Giấy chứng nhận đăng ký kinh doanh (hoặc Giấy chứng nhận đầu tư)",
            ["enterprise_registration_certificate", "investment_registration_certificate"],
        ),
    ],
)
def test_alternatives_yield_every_type(recogniser: Recogniser, text: str, expected: list[str]) -> None:
    assert types(recogniser, text) == expected


def test_a_list_yields_every_document_it_asks_for(recogniser: Recogniser) -> None:
    text = (
        "Hồ sơ về nhân sự: Bản khai lý lịch, Phiếu lý lịch tư pháp, bản sao các văn bằng chứng minh trình "
        "độ; Giấy chứng nhận đăng ký doanh nghiệp; báo cáo tài chính 02 năm liền kề đã được kiểm toán"
    )
    assert types(recogniser, text) == [
        "criminal_record_certificate",
        "diploma",
        "enterprise_registration_certificate",
        "financial_statement",
    ]


def test_a_document_attached_to_a_form_is_supplied(recogniser: Recogniser) -> None:
    assert types(recogniser, "Bản khai nhân sự kèm theo bản sao hợp lệ Hộ chiếu") == ["passport"]
    assert types(recogniser, "Đơn đề nghị theo mẫu và bản sao Giấy khai sinh") == ["birth_certificate"]


def test_a_condition_then_what_to_supply(recogniser: Recogniser) -> None:
    text = "Trường hợp chủ tàu là cá nhân người nước ngoài thì nộp bản sao hộ chiếu"
    assert types(recogniser, text) == ["passport"]


def test_a_row_about_a_document_it_opens_with(recogniser: Recogniser) -> None:
    text = "Đối với thẻ căn cước, người yêu cầu chỉ nộp khi không khai thác được dữ liệu dân cư"
    assert types(recogniser, text) == ["citizen_id"]


def test_main_type_is_the_surest_and_alias_is_what_matched(recogniser: Recogniser) -> None:
    recognition = recogniser.recognise("Sơ yếu lý lịch có dán ảnh; bản sao Thẻ căn cước công dân")
    assert recognition.type == "citizen_id"
    assert recognition.alias == "thẻ căn cước công dân"
    assert recognition.confidence == 1.0
    assert [match.placement for match in recognition.matches] == [Placement.head]


# -- writing: diacritics, abbreviations, misspellings -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bản sao hộ chiếu hoặc thẻ căn cước; Đơn đề nghị cấp giấy phép xây dựng; Giấy khai sinh",
        "Bản khai nhân sự kèm theo bản sao hộ chiếu; Đơn đề nghị cấp lại giấy phép lái xe",
        "Bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở",
    ],
)
def test_text_without_diacritics_is_read_the_same(recogniser: Recogniser, text: str) -> None:
    assert types(recogniser, fold(text)) == types(recogniser, text) != []
    assert types(recogniser, fold(text).upper()) == types(recogniser, text)


def test_d_with_stroke_written_as_d(recogniser: Recogniser) -> None:
    assert types(recogniser, "Ban sao giay chung nhan dang ky doanh nghiep") == [
        "enterprise_registration_certificate"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bản sao CCCD", "citizen_id"),
        ("Bản photo CMND của người đại diện", "citizen_id"),
        ("Bản sao GCN QSDĐ", "land_use_right_certificate"),
        ("GPLX còn hiệu lực", "driving_licence"),
        ("Sổ BHXH", "social_insurance_book"),
        ("Thẻ BHYT", "health_insurance_card"),
        ("Bằng thạc sỹ chuyên ngành luật", "diploma"),
    ],
)
def test_abbreviations_and_misspellings(recogniser: Recogniser, text: str, expected: str) -> None:
    recognition = recogniser.recognise(text)
    assert recognition.type == expected
    assert recognition.confidence < 1.0  # a name of weaker strength than a full alias


def test_a_strict_alias_matches_only_as_written(recogniser: Recogniser) -> None:
    assert types(recogniser, "Sổ đỏ của hộ gia đình") == ["land_use_right_certificate"]
    assert types(recogniser, "Sơ đồ của hộ gia đình") == []
    assert types(recogniser, "so do cua ho gia dinh") == []  # without diacritics it could be either


def test_negative_cues_rule_a_name_out(recogniser: Recogniser) -> None:
    assert types(recogniser, "Bản sao chứng minh thư ngoại giao") == []
    assert types(recogniser, "Bản sao văn bằng bảo hộ giống cây trồng") == []
    assert types(recogniser, "Báo cáo tài chính dự kiến của 03 năm đầu") == []


# -- threshold and output ---------------------------------------------------------------------------------


def test_text_naming_no_document_is_unrecognised_with_zero_confidence(recogniser: Recogniser) -> None:
    recognition = recogniser.recognise("Bản thuyết minh về cơ sở vật chất")
    assert (recognition.type, recognition.types, recognition.alias) == (None, [], None)
    assert recognition.confidence == 0.0


def test_below_the_threshold_a_row_stays_unrecognised(
    write_thesaurus: Callable[[Any], Path], thesaurus_data: dict[str, Any]
) -> None:
    text = "Quyết định bổ nhiệm và thẻ căn cước của kế toán trưởng"  # a further item: list_item confidence
    confidence = thesaurus_data["confidence"]["list_item"]
    thesaurus_data["threshold"] = confidence
    assert Recogniser(load_thesaurus(write_thesaurus(thesaurus_data))).recognise(text).types == ["citizen_id"]
    thesaurus_data["threshold"] = confidence + 0.01
    recognition = Recogniser(load_thesaurus(write_thesaurus(thesaurus_data))).recognise(text)
    assert (recognition.type, recognition.types, recognition.alias) == (None, [], None)
    assert recognition.confidence == confidence  # the best score is still reported


def test_to_json_has_exactly_the_documented_keys(recogniser: Recogniser) -> None:
    recognition = recogniser.recognise("Bản sao Hộ chiếu hoặc thẻ Căn cước công dân")
    assert recognition.to_json() == {
        "text": "Bản sao Hộ chiếu hoặc thẻ Căn cước công dân",
        "type": "passport",
        "types": ["passport", "citizen_id"],
        "confidence": 1.0,
        "alias": "hộ chiếu",
    }


def test_a_text_read_again_is_recognised_alike_and_each_caller_owns_its_list() -> None:
    thesaurus = load_thesaurus(Path(__file__).resolve().parents[2] / "rules" / "documents.yaml")
    text = "Bản sao Hộ chiếu hoặc thẻ Căn cước công dân"
    first = Recogniser(thesaurus).recognise(text)
    first.types.append("changed by a caller")
    again = Recogniser(thesaurus).recognise(text)  # another recogniser of the same thesaurus remembers it
    assert again.types == ["passport", "citizen_id"]
    assert again.matches == first.matches and again.confidence == first.confidence
    assert text in thesaurus.recognitions
