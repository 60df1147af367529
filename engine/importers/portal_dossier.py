"""Dossier components (thành phần hồ sơ) of a portal record.

The portal prints one table per group of documents, flattened::

    <group heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng<row>1 bản chính<row>0 bản chính,1 bản sao…

A row's text ends in its counts; a template file name (``Mẫu 01.docx``) may be glued before them. The
heading of the next group is the text after the last row of the previous one. Headings name a section
(``* Giấy tờ phải nộp:``, ``* Giấy tờ phải xuất trình:``, ``* Lưu ý:``) or a case (trường hợp).

Rows with no original and no copy are not documents: a sub-heading that opens a case
("- Trường hợp …:") or switches to documents shown ("- Giấy tờ phải xuất trình:"), a lookup or exemption
clause, a continuation of the row before (starts in lower case: appended to that component's note), or a
note (dropped and counted); a row naming a document with its count in the text ("Vận đơn …: 01 bản chụp")
is a document. Rows that only state the number of dossiers ("Số lượng hồ sơ: 01 (bộ)") are not documents
even with counts.

Each lookup or exemption clause gets its scope (``engine.model.ClauseScope``): a clause in a component's
row speaks for that row; a note inside a group speaks for the components of its group and case (or for
the row before it when it says "thành phần hồ sơ này"); a heading, the notes section or text after the
last table speaks for the whole dossier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.importers.outcome import Anomalies
from engine.importers.portal_clauses import (
    about_this_component,
    about_this_procedure,
    is_fallback,
    is_lookup,
    lookup_start,
    split_clause,
)
from engine.importers.text import one_line
from engine.model import ClauseScope, DossierComponent, ReuseClause
from engine.recognise.text import fold, spaced_text

TABLE_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"

# Counts end every row: "1 bản chính" or "0 bản chính,1 bản sao". Only the last digit is the count:
# a form number or a year glued before it stays in the text ("Mẫu số 18" + "1 bản chính").
# Searched for by their words, the digits then read backwards: a search starting with the digits tried
# every digit of the text, four times slower.
_COUNT_WORDS = re.compile(r" bản chính(?:,\s?(\d+) bản sao)?")
# "(01 bản chính)", "nộp 02 bản chính tờ khai": counts written inside a row's text, not a row end.
_PADDED_NUMBER = re.compile(r"0\d")
_SENTENCE_GOES_ON = re.compile(r" (?:[a-zà-ỹđ]|hoặc)")

_BULLET = re.compile(r"^\s*(?:[-+*•–]+|\(?[a-zđ]\)|\(?\d{1,2}(?:\.\d{1,2})*[.)])\s*")
_PRESENTED_HEADING = re.compile(
    r"^(?:cac )?giay to (?:phai )?xuat trinh|^(?!.*\bnop\b).{0,60}\bphai xuat trinh (?:cac |nhung )?giay to"
)
_SUBMITTED_HEADING = re.compile(r"^(?:cac )?giay to (?:phai )?nop\b[^.;]{0,20}:?$")
# Rows about the dossier as a whole, not a document, even when the portal gave them counts.
_NOT_A_DOCUMENT = re.compile(r"^(?:so luong (?:ho so|moi thanh phan)|so bo ho so|luu y|ghi chu|chu y)\b")
# A count written in the row's text: "…: 01 bản chính", "…: 01 bản chụp có đóng dấu".
_INLINE_COUNT = re.compile(r":\s*0?\d+ ban (?:chinh|sao|chup|goc)")
_NOTES_HEADING = re.compile(r"^luu y")
# Headings that introduce the dossier without naming a case.
_GENERIC_HEADING = re.compile(
    r"^(?:-+|thanh phan ho so|(?:cac )?giay to phai nop|ho so (?:gom|bao gom)|bao gom)\b[^:]{0,40}:?$"
)
_CASE_OPENER = re.compile(r"^(?:trong )?(?:truong hop|doi voi|neu)\b")
# The applicant still supplies something ("thì nộp bản sao…"), unless told not to ("không phải nộp").
_SUPPLY = re.compile(r"(?<!khong phai )(?<!khong can )\b(?:nop|kem theo|xuat trinh|gui kem|bo sung)\b")
# A row naming a document by its kind, published without counts (customs and tax records often are).
_DOCUMENT_START = re.compile(
    r"^(?:văn bản|giấy|đơn|tờ khai|tờ trình|bản (?:sao|chính|chụp|khai|kê|cam kết|vẽ|đồ|gốc)"
    r"|hợp đồng|quyết định|báo cáo|phiếu|danh sách|hóa đơn|hoá đơn|chứng từ|chứng chỉ|chứng nhận"
    r"|biên bản|sơ đồ|tài liệu|phương án|đề án|dự án|thông báo|công văn|bảng kê|hộ chiếu|thẻ |sổ |ảnh "
    r"|kế hoạch|điều lệ|lý lịch|vận đơn|chứng thư|bằng |giấy phép)"
)
# …but a sentence about documents is a note: "Giấy tờ do nước ngoài cấp phải được hợp pháp hóa…".
_RULE_WORDING = re.compile(r"\b(?:phai|thi|co trach nhiem|khong duoc|duoc xac dinh)\b")
# A certified copy of a document: "bản sao (có|được|đã được) chứng thực", "bản sao công chứng hoặc chứng
# thực". "Được chứng thực" alone certifies a signature, an authorisation or a transaction, not a copy.
_CERTIFIED = re.compile(
    r"ban (?:sao|chup)(?: (?:co|duoc|da duoc|phai duoc|da))?(?: (?:cong chung|chung thuc)(?: hoac| va|,|/))?"
    r" (?:chung thuc|cong chung)(?! ban dich)"  # "… có chứng thực bản dịch": a certified translation
    # "Bản sao hộ chiếu có chứng thực": the document named between the copy and its certification.
    r"|ban sao [^.;,()]{3,60}? (?:co|da duoc|phai duoc) (?:cong chung|chung thuc)\b(?! (?:chu ky|ban dich))"
)
# …unless the row also accepts the original, a plain or electronic copy, or a copy checked against it.
_COPY_ALTERNATIVE = re.compile(
    r"ban chinh (?:de |va |kem theo |kem )?(?:doi chieu|so sanh)|kem (?:theo )?ban chinh|xuat trinh ban chinh"
    r"|ban sao dien tu|ban dien tu|ban chup|ban scan|hoac ban sao(?! (?:co |duoc )?chung thuc)|ban sao hoac"
    r"|ban chinh hoac|hoac (?:\d+ )?ban chinh|ban goc hoac|hoac (?:\d+ )?ban goc"
)
# Shown, not handed in: a row starting "Xuất trình" or "Giấy tờ xuất trình:", a case whose row says
# "…: xuất trình bản chính …" (not a copy shown with the original "để đối chiếu"), or "(xuất trình)".
_SHOWN = re.compile(
    r"^(?:[-+*•]\s*)?(?:(?:cac )?giay to (?:phai )?)?xuat trinh\b|\((?:chi |phai |duoc )?xuat trinh\)"
    r"|:\s*xuat trinh\b(?![^.;]{0,80}\b(?:doi chieu|so sanh)\b)"
)
# …or an original asked "để kiểm tra, đối chiếu" with no copy: shown at the desk for checking.
_CHECKED_AT_DESK = re.compile(r"\bde (?:kiem tra, )?(?:doi chieu|kiem tra)\W*$")
_ANY_COPY = re.compile(r"\bban (?:sao|chup|photo|scan)\b")
# Handed back to be cancelled ("…phải nộp lại khi nhận chứng nhận thu hồi"): the object itself is
# surrendered, so no lookup can stand in for it.
_HANDED_BACK_WORDS = ("nop lai", "tra lai", "giao lai", "nop tra", "giao nop")
_HANDED_BACK = re.compile(rf"\b(?:{'|'.join(_HANDED_BACK_WORDS)})\b")
_CANCELLED = re.compile(r"\b(?:thu hoi|huy|tieu huy)\b")

_TEMPLATE_EXTENSION = re.compile(r"\.(?:docx?|pdf|xlsx?|odt|rtf|zip|rar)$", re.IGNORECASE)
_ANY_EXTENSION = re.compile(r"\.(?:docx?|pdf|xlsx?|odt|rtf|zip|rar)", re.IGNORECASE)
# How far back from its extension a template file name may start.
_TEMPLATE_WINDOW = 120


@dataclass
class Dossier:
    components: list[DossierComponent] = field(default_factory=list)
    reuse_clauses: list[ReuseClause] = field(default_factory=list)


@dataclass
class _Row:
    text: str
    originals: int
    copies: int


@dataclass
class _Group:
    heading: str
    rows: list[_Row]


def parse_dossier(text: str, anomalies: Anomalies) -> Dossier:
    """Components and reuse clauses of a ``thanh_phan_ho_so`` cell, components numbered c1, c2, …"""
    dossier = Dossier()
    groups, tail = _groups(text, anomalies)
    for group in groups:
        _read_group(group, dossier, anomalies)
    _dossier_clause(tail, dossier)
    dossier.reuse_clauses = [part for clause in dossier.reuse_clauses for part in _split(clause)]
    if not dossier.components:
        anomalies.note("no_components")
    return dossier


def _split(clause: ReuseClause) -> list[ReuseClause]:
    """A clause per lookup sentence of its text (see ``split_clause``), each with its own scope: a sentence
    about "thành phần hồ sơ trong thủ tục hành chính này" speaks for the whole dossier."""
    parts = []
    for text in split_clause(clause.text):
        folded = fold(text)
        part = clause.model_copy(update={"text": text, "fallback": is_fallback(folded)})
        part.components = list(clause.components)
        if about_this_procedure(folded):
            part.scope, part.components = ClauseScope.dossier, []
        parts.append(part)
    return parts


def _groups(text: str, anomalies: Anomalies) -> tuple[list[_Group], str]:
    """The groups of rows, and the text after the last row."""
    parts = text.split(TABLE_HEADER)
    if len(parts) == 1:
        if one_line(text).strip("- "):
            anomalies.note("dossier_unstructured")
        return [], one_line(text)
    groups = []
    heading = parts[0]
    for index, body in enumerate(parts[1:], start=1):
        rows, tail = _rows(body)
        groups.append(_Group(heading=one_line(heading), rows=rows))
        heading = tail
        if index == len(parts) - 1 and one_line(tail).strip("- "):
            anomalies.note("dossier_text_after_last_row")
    return groups, one_line(heading)


def _dossier_clause(text: str, dossier: Dossier) -> None:
    """A heading or note for the whole dossier that says data is looked up or a paper is not needed."""
    folded = fold(text)
    if is_lookup(folded):
        dossier.reuse_clauses.append(
            ReuseClause(text=text, scope=ClauseScope.dossier, fallback=is_fallback(folded))
        )


def _rows(body: str) -> tuple[list[_Row], str]:
    """The rows of one table, and the text left after the last count (the next group's heading)."""
    rows, start = [], 0
    for words in _COUNT_WORDS.finditer(body):
        counts_start = words.start()
        while counts_start > 0 and body[counts_start - 1].isdecimal():  # what ``\d`` matches
            counts_start -= 1
        originals = body[counts_start : words.start()]
        if not originals or _written_in_text(body, counts_start, originals, words.end()):
            continue
        text = body[start:counts_start] + originals[:-1]
        copies = int(words.group(1)[-1]) if words.group(1) else 0
        rows.append(_Row(text=text, originals=int(originals[-1]), copies=copies))
        start = words.end()
    return rows, body[start:]


def _written_in_text(body: str, start: int, originals: str, end: int) -> bool:
    """Whether the counts from ``start`` to ``end`` (``originals``, the digits before "bản chính") are
    written inside a row's text rather than ending the row."""
    before = body[start - 1] if start else ""
    if _PADDED_NUMBER.fullmatch(originals):
        return True
    return (before.isspace() or before == "(") and bool(_SENTENCE_GOES_ON.match(body, end))


@dataclass
class _GroupState:
    case: str | None
    presented: bool
    notes_section: bool
    sub_case: str | None = None
    sub_case_bullet: str | None = None


def _read_group(group: _Group, dossier: Dossier, anomalies: Anomalies) -> None:
    state = _heading_state(group.heading)
    _dossier_clause(group.heading, dossier)
    first_component = len(dossier.components)
    section_clauses: list[tuple[ReuseClause, str | None]] = []
    for row in group.rows:
        bullet = _bullet_of(row.text)
        text, templates = split_templates(_strip_bullet(one_line(row.text)))
        if not text:
            anomalies.note("empty_row")
            continue
        if state.sub_case and bullet and bullet == state.sub_case_bullet:
            state.sub_case = state.sub_case_bullet = None
        if _NOT_A_DOCUMENT.match(fold(text)):
            _dossier_clause(text, dossier)
            anomalies.note("dossier_note_row")
            continue
        if (row.originals == 0 and row.copies == 0) or _clause_row(fold(text)):
            clause = _read_zero_row(text, bullet, state, dossier, anomalies)
            if clause is not None:
                section_clauses.append((clause, _case(state)))
            continue
        if state.notes_section:
            anomalies.note("component_in_notes_section")
        clause = _add_component(dossier, text, row, state, templates)
        if clause is not None:
            section_clauses.append((clause, _case(state)))
    # A note inside a group speaks for the components of its group and case, before and after it.
    # A group with no component of its own is a table of notes: they speak for the whole dossier.
    in_group = dossier.components[first_component:]
    for clause, case in section_clauses:
        clause.components = [c.id for c in in_group if c.case == case or case is None]
        if not in_group:
            clause.scope = ClauseScope.dossier


def _clause_row(folded: str) -> bool:
    """A row that only says when a paper is replaced by data, even with counts: "Trường hợp Giấy chứng nhận …
    đã có trong Cơ sở dữ liệu … thì các thông tin này được thay thế bằng dữ liệu"."""
    if not _CASE_OPENER.match(folded) or " thi " not in folded:
        return False
    consequence = folded.split(" thi ", 1)[1]
    return is_lookup(consequence) and not _SUPPLY.search(consequence)


def _case(state: _GroupState) -> str | None:
    return " — ".join(part for part in (state.case, state.sub_case) if part) or None


def _add_component(
    dossier: Dossier, text: str, row: _Row, state: _GroupState, templates: list[str]
) -> ReuseClause | None:
    """Add the row's component; returns a lookup clause the row ends with when it speaks for its section."""
    folded = fold(text)
    component = DossierComponent(
        id=f"c{len(dossier.components) + 1}",
        name=text,
        originals=row.originals,
        copies=row.copies,
        certified_copy=_certified(folded),
        case=_case(state),
        template="; ".join(templates) or None,
        presented_only=state.presented or _shown(folded, row.copies),
        surrendered=_surrendered(folded),
    )
    dossier.components.append(component)
    # The row may say the data is looked up instead ("…được thay thế bằng dữ liệu từ CSDL", "để cơ quan
    # tra cứu"): a clause for this row, from the sentence that says so. A new sentence glued after the row
    # ("…; Trong trường hợp khai thác được …") is a note for the row's section, as the portal often puts
    # a section's notes in its last row.
    start = lookup_start(folded)  # fold(text) is spaced_text(text) lower-cased and folded
    if start is None:
        return None
    spaced = spaced_text(text)
    clause = _row_clause(dossier, component, spaced[start:])
    if start > 0 and spaced[start : start + 1].isupper():
        clause.scope = ClauseScope.section
        return clause
    return None


# A word check before each search, as most rows have none of the words a pattern needs.


def _certified(folded: str) -> bool:
    if "chung thuc" not in folded and "cong chung" not in folded:
        return False
    return bool(_CERTIFIED.search(folded)) and not _COPY_ALTERNATIVE.search(folded)


def _surrendered(folded: str) -> bool:
    if not any(words in folded for words in _HANDED_BACK_WORDS):
        return False
    return bool(_HANDED_BACK.search(folded) and _CANCELLED.search(folded))


def _shown(folded: str, copies: int) -> bool:
    if "xuat trinh" in folded and _SHOWN.search(folded):
        return True
    return copies == 0 and bool(_CHECKED_AT_DESK.search(folded)) and not _ANY_COPY.search(folded)


def _row_clause(dossier: Dossier, component: DossierComponent, text: str) -> ReuseClause:
    clause = ReuseClause(
        text=text.strip(" .;:"),
        scope=ClauseScope.row,
        components=[component.id],
        fallback=is_fallback(fold(text)),
    )
    dossier.reuse_clauses.append(clause)
    return clause


def _first_sentence(text: str) -> str:
    return re.split(r"[.;:]\s", text, maxsplit=1)[0]


def _read_zero_row(
    text: str, bullet: str, state: _GroupState, dossier: Dossier, anomalies: Anomalies
) -> ReuseClause | None:
    """Read a row without counts; returns a clause whose section the group still has to fill in."""
    folded = fold(text)
    document = _DOCUMENT_START.match(text.lower()) and not text.endswith(":")
    if text.endswith(":") and _CASE_OPENER.match(folded):
        state.sub_case, state.sub_case_bullet = text.rstrip(":").strip(), bullet
    elif _PRESENTED_HEADING.match(folded) or _SUBMITTED_HEADING.match(folded):
        state.presented = bool(_PRESENTED_HEADING.match(folded))
    elif _INLINE_COUNT.search(folded) or (document and not _RULE_WORDING.search(_first_sentence(folded))):
        anomalies.note("zero_count_document")
        return _add_component(dossier, text, _Row(text=text, originals=0, copies=0), state, [])
    elif dossier.components and (text[0].islower() or text[0] == "("):
        previous = dossier.components[-1]
        previous.note = f"{previous.note} {text}" if previous.note else text
        anomalies.note("zero_count_continuation")
        if is_lookup(folded):
            _row_clause(dossier, previous, text)
    elif is_lookup(folded):
        clause = ReuseClause(text=text, scope=ClauseScope.section, fallback=is_fallback(folded))
        if state.notes_section:
            clause.scope = ClauseScope.dossier
        elif about_this_component(folded) and dossier.components:
            clause.scope, clause.components = ClauseScope.row, [dossier.components[-1].id]
        dossier.reuse_clauses.append(clause)
        return clause if clause.scope == ClauseScope.section else None
    else:
        anomalies.note("zero_count_note")
    return None


def _heading_state(heading: str) -> _GroupState:
    text = _strip_bullet(heading).strip()
    folded = fold(text)
    if not folded or _GENERIC_HEADING.match(folded):
        return _GroupState(case=None, presented=False, notes_section=False)
    if _PRESENTED_HEADING.match(folded):
        return _GroupState(case=None, presented=True, notes_section=False)
    if _NOTES_HEADING.match(folded):
        return _GroupState(case=None, presented=False, notes_section=True)
    if is_lookup(folded):  # a clause for the whole dossier (read by the caller), not a case
        return _GroupState(case=None, presented=False, notes_section=False)
    return _GroupState(case=text.rstrip(":").strip(), presented=False, notes_section=False)


def _bullet_of(text: str) -> str:
    stripped = text.lstrip()
    return stripped[0] if stripped[:1] in ("-", "+", "*", "•", "–") else ""


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip().lstrip(".,;:) ")


def split_templates(text: str) -> tuple[str, list[str]]:
    """Split template file names glued to the end of a row's text.

    >>> split_templates("Tờ khai theo mẫu;Mau 8.8.docx")
    ('Tờ khai theo mẫu', ['Mau 8.8.docx'])
    >>> split_templates("Văn bản đề nghị (NA20).Mau NA20-BCA.docx")
    ('Văn bản đề nghị (NA20).', ['Mau NA20-BCA.docx'])
    """
    templates: list[str] = []
    while _TEMPLATE_EXTENSION.search(text):
        start = _template_start(text)
        if start is None:
            break
        templates.insert(0, text[start:].strip())
        text = text[:start].rstrip(" ;,")
    return text, templates


def _template_start(text: str) -> int | None:
    """Where the file name ending ``text`` starts, or None when it cannot be told from the text.

    File names are glued to the text before them. The join is taken, in order of trust, at the end of
    an earlier file name, after punctuation (".", ";", ":" or ")") run into a letter or digit, or at a
    lower-case letter run into an upper-case one (``sảnMau02``), which file names also contain
    (``PhulucI``), so the earliest such join is taken.
    """
    extension = _TEMPLATE_EXTENSION.search(text)
    assert extension is not None
    window_start = max(0, extension.start() - _TEMPLATE_WINDOW)
    earlier = [m.end() for m in _ANY_EXTENSION.finditer(text, window_start, extension.start())]
    if earlier:
        return earlier[-1]
    punctuation = [
        index for index in range(window_start + 1, extension.start()) if _punctuation_join(text, index)
    ]
    if punctuation:
        return punctuation[-1]
    case_joins = [
        index
        for index in range(window_start + 1, extension.start())
        if text[index - 1].islower() and text[index].isupper()
    ]
    return case_joins[0] if case_joins else None


def _punctuation_join(text: str, index: int) -> bool:
    before, char = text[index - 1], text[index]
    if before in ";:)":
        return char.isalnum()
    # "CP.Mus09" joins, "2025.TT-BNNMT" and "I.1.9" are inside a file name.
    return before == "." and char.isupper() and index >= 2 and not text[index - 2].isdigit()
