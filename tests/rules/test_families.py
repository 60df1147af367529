"""Procedure families: variants of one result at the same level by the same agency."""

from engine.model import Agencies, DossierComponent, Procedure, Result
from engine.rules.families import Variant, find_families, split_variant


def _procedure(
    code: str, name: str, level: str = "province", agency: str = "Sở Xây dựng", **extra
) -> Procedure:
    return Procedure(code=code, name=name, levels=[level], agencies=Agencies(executing=[agency]), **extra)


def test_the_variant_verbs_are_stripped_and_named():
    assert split_variant("Thủ tục cấp đổi Giấy chứng nhận đăng ký đầu tư") == (
        [Variant.exchange],
        "giay chung nhan dang ky dau tu",
    )
    assert split_variant("Gia hạn, điều chỉnh giấy phép khai thác nước") == (
        [Variant.extend, Variant.amend],
        "giay phep khai thac nuoc",
    )
    assert split_variant("Thu hồi giấy phép khai thác nước") == ([], "thu hoi giay phep khai thac nuoc")


def test_a_family_needs_the_same_level_an_agency_in_common_and_two_variants():
    procedures = [
        _procedure("A.1", "Cấp giấy phép X"),
        _procedure("A.2", "Cấp lại giấy phép X (trường hợp bị mất)", agency="Sở Xây dựng"),
        _procedure("A.3", "Gia hạn giấy phép X", agency="Bộ Xây dựng"),  # no agency in common
        _procedure("A.4", "Điều chỉnh giấy phép X", level="commune"),  # another level
        _procedure("B.1", "Cấp giấy phép Y"),
        _procedure("B.2", "Cấp giấy phép Y (cấp tỉnh)"),  # the same variant twice: no family
    ]
    families = find_families(procedures)
    assert set(families) == {"A.1", "A.2"}
    assert [m.code for m in families["A.1"].members] == ["A.1", "A.2"]
    assert families["A.1"].variants == [Variant.issue, Variant.reissue]


def test_one_shared_agency_links_the_competent_and_executing_names():
    issue = Procedure(
        code="M.1",
        name="Cấp giấy phép khai thác khoáng sản",
        levels=["province"],
        agencies=Agencies(competent=["Chủ tịch ủy ban nhân dân cấp tỉnh"]),
    )
    reissue = Procedure(
        code="M.2",
        name="Cấp lại giấy phép khai thác khoáng sản",
        levels=["province"],
        agencies=Agencies(
            competent=["Chủ tịch Ủy ban nhân dân cấp tỉnh"], executing=["Sở Nông nghiệp và Môi trường"]
        ),
    )
    assert set(find_families([issue, reissue])) == {"M.1", "M.2"}


def test_what_the_members_share_is_measured():
    shared = DossierComponent(id="c1", name="Bản vẽ thiết kế")
    procedures = [
        _procedure(
            "S.1", "Cấp giấy phép Z", components=[shared], results=[Result(id="r", name="Giấy phép Z")]
        ),
        _procedure(
            "S.2",
            "Gia hạn giấy phép Z",
            components=[shared.model_copy(), DossierComponent(id="c2", name="Đơn đề nghị gia hạn")],
            results=[Result(id="r", name="Giấy phép Z")],
        ),
    ]
    family = find_families(procedures)["S.1"]
    assert family.shared_components == ("Bản vẽ thiết kế",)
    assert family.shared_result == "Giấy phép Z"
    assert family.object_name == "giấy phép Z"
