"""Lookup and exemption wording in a portal record: where a clause starts and whether it is a fallback.

A clause says the agency looks the data up ("cơ quan khai thác thông tin trong Cơ sở dữ liệu…", "để cơ
quan tiếp nhận tra cứu"), that the data replaces a paper ("được thay thế bằng dữ liệu"), or that a paper
need not be supplied ("không phải nộp…"). A database named without such a verb is not a clause: it may be
part of a document's title ("Văn bản xác nhận thông tin trong Cơ sở dữ liệu…"). Matched on folded text.
"""

from __future__ import annotations

import re

from engine.recognise.text import fold

# Where the data is: a database, an information system, an electronic identity, a data store.
_DATA = (
    r"(?:co so du lieu|\bcsdl|he thong thong tin|\bdu lieu\b|vneid|dinh danh dien tu|tai khoan dinh danh"
    r"|kho (?:quan ly )?du lieu|ket noi, chia se|chia se du lieu)"
)
_VERB = r"(?:khai thac|tra cuu|ket noi|chia se|tich hop|xac thuc|su dung|thay the)"
# Words the ``_DATA`` names contain, and those of the verbs.
_DATA_WORDS = ("du lieu", "csdl", "he thong thong tin", "vneid", "dinh danh", "ket noi, chia se")
_VERB_WORDS = ("khai thac", "tra cuu", "ket noi", "chia se", "tich hop", "xac thuc", "su dung", "thay the")
# The ways of saying so, each with the words it needs: every group must have a word in the text before the
# pattern is tried, since a search costs ten times a look for a few words and most texts have none.
_LOOKUPS = [
    (re.compile(pattern), groups)
    for pattern, groups in (
        # "khai thác thông tin trong Cơ sở dữ liệu…"
        (rf"\b{_VERB}\b[^.;]{{0,160}}?{_DATA}", (_VERB_WORDS, _DATA_WORDS)),
        (
            r"\b(?:khai thac|tra cuu) (?:duoc )?(?:thong tin|du lieu|giay|ban (?:sao|chinh|dien tu)|van ban"
            r"|ket qua)",
            (("khai thac ", "tra cuu "),),
        ),
        # "dữ liệu … được khai thác"
        (
            rf"{_DATA}[^.;]{{0,60}}?\b(?:khai thac|tra cuu|xac thuc|thay the)\b",
            (_DATA_WORDS, ("khai thac", "tra cuu", "xac thuc", "thay the")),
        ),
        (
            r"\bde (?:co quan|can bo|cong chuc|nguoi tiep nhan|bo phan)[^.;]{0,80}\b(?:tra cuu|khai thac)\b",
            (("de ",), ("tra cuu", "khai thac")),
        ),
        (r"\bdien tu dong\b", (("dien tu dong",),)),
        (
            r"\bkhong (?:phai|can|yeu cau) (?:nop|xuat trinh|tai len|cung cap|kem theo|co)\b",
            (("khong phai ", "khong can ", "khong yeu cau "),),
        ),
        # not "miễn hợp pháp hóa lãnh sự"
        (r"\bmien (?:nop|tru)\b(?! (?:hop phap hoa|le phi|phi\b|thue))", (("mien nop", "mien tru"),)),
        # "…trong trường hợp tài liệu này chưa được đăng tải trên Cổng thông tin quốc gia…": asked only when
        # the data is not on the portal, i.e. looked up there otherwise.
        (
            r"\bchua (?:duoc )?(?:dang tai|cong bo) tren (?:cong thong tin|he thong|co so du lieu)",
            (("dang tai tren", "cong bo tren"),),
        ),
    )
]
# Any word of any of them: six texts in seven have none, and one search says so.
_ANY_LOOKUP_WORD = re.compile(
    "|".join(sorted({re.escape(word) for _, groups in _LOOKUPS for words in groups for word in words}))
)
# The paper stays for when the lookup is not possible: not connected yet, no data, no electronic account.
_FALLBACK = re.compile(
    r"\bchua (?:duoc )?(?:tich hop|ket noi|chia se|cap nhat|dong bo|dua vao (?:van hanh|su dung)|van hanh"
    r"|co (?:du lieu|thong tin|tai khoan)|dap ung|trien khai)"
    r"|\bkhong (?:the )?(?:khai thac|ket noi|tra cuu|xac thuc)\b|\bkhai thac (?:duoc )?khong day du"
    r"|\b(?:thong tin|du lieu)[^.;]{0,60}khong (?:day du|chinh xac|dong nhat)"
    r"|\bkhi [^.;]{0,80}\bduoc (?:dua vao )?van hanh"
    r"|\bchua (?:duoc )?(?:dang tai|cong bo)\b"
    r"|\bkhi [^.;]{0,80}\bhoan thanh (?:viec )?(?:ket noi|chia se|tich hop|xay dung)"
)
# A note about "this component" speaks for the row before it, not for its section.
_THIS_COMPONENT = re.compile(r"\b(?:thanh phan(?: ho so)?|giay to|tai lieu|van ban) (?:nay|tren)\b")
# A new sentence: after ".", ";" or ":", a capital letter.
_SENTENCE = re.compile(r"(?<=[.;])\s*(?=[A-ZÀ-ỸĐ])")
# "Thành phần hồ sơ trong thủ tục hành chính này được thay thế…": a note for the whole procedure, wherever
# the portal prints it (often inside the first case's section).
_THIS_PROCEDURE = re.compile(r"\b(?:thu tuc hanh chinh|thu tuc|tthc) nay\b")
_CLAUSE_START = re.compile(r"[.;(]\s|\s[-+]\s")


def _lookup(folded: str) -> int | None:
    """Where the first lookup wording starts: the earliest start of any of ``_LOOKUPS``, as one
    alternation of them all would find."""
    if _ANY_LOOKUP_WORD.search(folded) is None:
        return None
    starts = [
        match.start()
        for pattern, groups in _LOOKUPS
        if all(any(word in folded for word in words) for words in groups)
        and (match := pattern.search(folded)) is not None
    ]
    return min(starts) if starts else None


def is_lookup(folded: str) -> bool:
    """Whether the folded text says the data is looked up or a paper need not be supplied."""
    return _lookup(folded) is not None


def lookup_start(folded: str) -> int | None:
    """Where the clause holding the first lookup wording starts (its sentence), or None without one."""
    start = _lookup(folded)
    if start is None:
        return None
    clauses = [m.end() for m in _CLAUSE_START.finditer(folded, 0, start)]
    return clauses[-1] if clauses else 0


def is_fallback(folded: str) -> bool:
    """Whether the clause keeps the paper for when the lookup is not possible yet."""
    return bool(_FALLBACK.search(folded))


def about_this_component(folded: str) -> bool:
    return bool(_THIS_COMPONENT.search(folded))


def about_this_procedure(folded: str) -> bool:
    return bool(_THIS_PROCEDURE.search(folded))


def split_clause(text: str) -> list[str]:
    """The clauses a note runs together, one per sentence saying data is looked up: a general note ("…được
    thay thế … khai thác được thông tin từ các cơ sở dữ liệu quốc gia") and a note about one paper ("Trong
    trường hợp khai thác được Giấy chứng nhận … thì không yêu cầu nộp …") are two clauses, each covering
    what it names. A sentence keeping the paper for when the lookup fails stays with the clause before it."""
    parts: list[str] = [""]
    looked_up = False  # whether the current part already says data is looked up
    for sentence in _SENTENCE.split(text):
        folded = fold(sentence)
        starts = is_lookup(folded) and not is_fallback(folded)
        if starts and looked_up:
            parts.append(sentence)
        else:
            parts[-1] = f"{parts[-1]} {sentence}"
        looked_up = looked_up or starts
    return [part.strip() for part in parts if part.strip()]
