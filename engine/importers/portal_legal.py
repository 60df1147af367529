"""Legal basis (căn cứ pháp lý) of a portal record: the two-column table of title and number, flattened.

``Tên văn bản pháp lýMã văn bản<title><number><title><number>…`` — a number cell ends where the next
title starts, glued: ``…Luật Hộ tịch123/2015/NĐ-CPThông tư số 08/2025/TT-BTP ngày …08/2025/TT-BTP``.
Numbers quoted inside a title are followed by a space or punctuation, so they are not cell ends.

Where the issuer code meets the next title the split is ambiguous (``NĐ-CPThông`` vs ``TT-BCAngày``):
the code is cut where it becomes a known issuer code, learnt from the same cell's clean mentions
(followed by a space) or from the common ones below.
"""

from __future__ import annotations

import re

from engine.importers.outcome import Anomalies
from engine.importers.text import NO_INFO, one_line
from engine.model import LegalRef

_TABLE_HEADER = "Tên văn bản pháp lýMã văn bản"
# Number, optional year, issuer parts joined by hyphens. Greedy: the last part is trimmed afterwards.
_PART = r"(?:TTg|[A-ZĐ][A-ZĐ0-9]*)"
# A number cell typed without its issuer, glued to the next title: "…ngày 26/01/202608/2026Luật số…".
_SHORT_NUMBER = re.compile(r"(\d+)/(\d{4})(?=[A-ZĐ][a-zà-ỹđ])")
# A number cell followed by a space, then the next title: "…18/2026/NĐ-CP Nghị định quy định…".
_NEXT_TITLE = re.compile(
    r"\s+(?:Thông tư|Nghị định|Luật|Quyết định|Nghị quyết|Văn bản|Quy định|Hướng dẫn|Sửa đổi)\b"
)
_NUMBER = re.compile(rf"(\d+(?:\.\d+)?)/((?:\d{{4}}/)?(?:{_PART}-)*)({_PART})")
# Issuer codes of common legal documents (last part of the number): government, ministries, assembly.
_COMMON_ISSUERS = frozenset(
    [
        "CP",
        "TTg",
        "BCA",
        "BTC",
        "BTP",
        "BXD",
        "BNNMT",
        "BNNPTNT",
        "NHNN",
        "BGTVT",
        "BYT",
        "BCT",
        "BKHĐT",
        "BKHCN",
        "BTNMT",
        "BLĐTBXH",
        "BQP",
        "BNG",
        "BTTTT",
        "VPCP",
        "BNV",
        "BGDĐT",
        "BVHTTDL",
        "HĐND",
        "UBND",
        "TANDTC",
        "VKSNDTC",
        "HĐTP",
        "BHXH",
        "KTNN",
        "TCHQ",
        "UBCK",
        "UBTVQH",
    ]
)
# Clean mentions, followed by a space or punctuation, teach the cell's own issuer codes.
_CLEAN_ISSUER = re.compile(r"\d/(?:\d{4}/)?(?:[A-ZĐ0-9]+-)*([A-ZĐ]+)(?=[\s,.;:)]|$)")
# Only the legislature ("QH15") and one-letter units ("C06") carry digits: "TT-BTC02/2016/…" is "TT-BTC".
_DIGITS_ALLOWED = re.compile(r"(?:[A-ZĐ]*QH|^[A-ZĐ])\d{1,2}")
# A number cell may repeat the document kind: "…Bộ Tư phápThông tư số 03/2023/TT-BTP".
_TRAILING_KIND = re.compile(
    r"\s*(?:Thông tư|Nghị định|Luật|Quyết định|Nghị quyết|Văn bản hợp nhất)(?: số)?\s*$"
)
# A year glued before a number cell: "…ngày 23 tháng 7 năm 2020247/2025/NĐ-CP".
_YEAR_PREFIX = re.compile(r"(?:19|20)\d\d(?=\d)")


def parse_legal_basis(text: str, anomalies: Anomalies) -> list[LegalRef]:
    """Legal documents of a ``can_cu_phap_ly`` cell, once per number, in published order."""
    body = text.strip()
    body = body[len(_TABLE_HEADER) :] if body.startswith(_TABLE_HEADER) else body
    if not body or body == NO_INFO:
        anomalies.note("no_legal_basis")
        return []
    known = _COMMON_ISSUERS | {found.group(1) for found in _CLEAN_ISSUER.finditer(body)}
    cells = [(start, end, number) for start, end, number in _numbers(body, known) if _ends_cell(body, end)]
    cells = sorted(cells + _short_numbers(body, cells, anomalies))
    refs: dict[str, LegalRef] = {}
    title_start = 0
    for index, (start, end, number) in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else None
        if following and following[0] == end and following[2] == number:
            continue  # "Nghị định 155/2020/NĐ-CP" + "155/2020/NĐ-CP": the first is the title's
        title = _title(body[title_start:start])
        title_start = end
        if number not in refs or (title and not refs[number].title):
            refs[number] = LegalRef(number=number, title=title)
    if one_line(body[title_start:]):
        anomalies.note("legal_basis_text_unread")
    return list(refs.values())


def _numbers(body: str, known: frozenset[str] | set[str]) -> list[tuple[int, int, str]]:
    """Every document number in ``body``: (start, end, number), the issuer code trimmed to fit."""
    found_numbers = []
    pos = 0
    while found := _NUMBER.search(body, pos):
        digits, middle, last = found.groups()
        last = _trim_issuer(last, body[found.end() : found.end() + 1], known)
        year = _YEAR_PREFIX.match(digits)
        start = found.start() + (year.end() if year else 0)
        end = found.end(3) - (len(found.group(3)) - len(last))
        found_numbers.append((start, end, f"{digits[year.end() :] if year else digits}/{middle}{last}"))
        pos = max(end, found.start() + 1)
    return found_numbers


def _short_numbers(
    body: str, cells: list[tuple[int, int, str]], anomalies: Anomalies
) -> list[tuple[int, int, str]]:
    """Number cells typed without an issuer, completed from the title before them when it quotes one."""
    taken = [(start, end) for start, end, _ in cells]
    short = []
    for found in _SHORT_NUMBER.finditer(body):
        if any(start <= found.start() < end for start, end in taken):
            continue
        year = _YEAR_PREFIX.match(found.group(1))
        if not year and found.start() and body[found.start() - 1] in "/.":
            continue  # the end of a date: "ngày 26/01/2026Luật"
        digits = found.group(1)[year.end() :] if year else found.group(1)
        start = found.start() + (year.end() if year else 0)
        previous_end = max((end for _, end in taken if end <= start), default=0)
        quoted = re.search(
            rf"(?<!\d){digits}/{found.group(2)}/{_PART}(?:-{_PART})*", body[previous_end:start]
        )
        anomalies.note("legal_number_incomplete")
        short.append((start, found.end(), quoted.group() if quoted else f"{digits}/{found.group(2)}"))
    return short


def _trim_issuer(last: str, after: str, known: frozenset[str] | set[str]) -> str:
    """The issuer code's last part without what belongs to the next title or number."""
    if last == "TTg":
        return last
    digits_allowed = _DIGITS_ALLOWED.match(last)
    if digits_allowed:
        return digits_allowed.group()
    letters = re.match(r"[A-ZĐ]*", last)
    last = letters.group() if letters else last
    if not after.isalpha() or len(last) < 2:
        return last
    # "CPThông" → "CP" + "Thông"; "BCAngày" → "BCA" + "ngày"; "BCASỬA" → "BCA" + "SỬA": keep whichever is
    # a known code.
    if last in known:
        return last
    return last[:-1]


def _ends_cell(body: str, end: int) -> bool:
    if end == len(body) or _NEXT_TITLE.match(body, end):
        return True
    return not (body[end].isspace() or body[end] in ",.;:)]}\"'”")


def _title(text: str) -> str | None:
    title = one_line(text).strip(" -:;,")
    stripped = _TRAILING_KIND.sub("", title).strip(" -:;,")
    title = stripped or title
    return title or None
