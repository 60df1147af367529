"""Lookup wording: the quick word check before the search never hides a clause."""

from __future__ import annotations

import pytest

from engine.importers import portal_clauses
from engine.importers.portal_clauses import is_lookup, lookup_start
from engine.recognise.text import fold

# One text for each alternative of the lookup pattern, as the portal writes them.
CLAUSES = [
    "Cơ quan giải quyết khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư",
    "Trường hợp tra cứu được giấy chứng nhận thì không yêu cầu nộp",
    "Thông tin trên hệ thống thông tin được xác thực thì người dân không phải cung cấp",
    "Nộp bản sao để cơ quan tiếp nhận hồ sơ tra cứu",
    "Hệ thống tự điền thông tin (điện tử động)",
    "Người nộp không cần xuất trình giấy tờ",
    "Được miễn nộp bản sao giấy phép",
    "Bản sao trong trường hợp tài liệu này chưa được đăng tải trên cổng thông tin quốc gia",
    "Giấy tờ được thay thế bằng dữ liệu điện tử",
    "Dữ liệu được chia sẻ, sử dụng từ CSDL quốc gia",
]


@pytest.mark.parametrize("text", CLAUSES)
def test_every_kind_of_lookup_wording_passes_the_word_check(text: str) -> None:
    folded = fold(text)
    assert is_lookup(folded)
    assert lookup_start(folded) is not None
    # Each way of saying so that matches holds the words it is screened by.
    matched = [(p, groups) for p, groups in portal_clauses._LOOKUPS if p.search(folded)]
    assert matched
    for pattern, groups in matched:
        found = pattern.search(folded)
        assert found is not None
        assert all(any(word in found.group() for word in words) for words in groups), pattern.pattern


def test_the_clause_starts_at_the_sentence_of_the_earliest_wording() -> None:
    folded = fold("Bản sao giấy phép. Trường hợp không phải nộp; cơ quan khai thác thông tin trong CSDL")
    assert folded[lookup_start(folded) or 0 :].startswith("truong hop khong phai nop")


def test_text_without_lookup_words_is_no_clause() -> None:
    folded = fold("Bản sao Giấy khai sinh; cơ sở dữ liệu hộ tịch điện tử")
    assert not is_lookup(folded)
    assert lookup_start(folded) is None
