"""Where a document name stands in a dossier row: asked for, or only mentioned.

A row is cut into segments at ``;``, ``:``, sentence ends, ``thì`` and list markers. Each segment has a head
(the words it starts with, once copy qualifiers such as "bản sao có chứng thực" are set aside): a document
name, a form or request ("đơn", "tờ khai"…), a condition ("trường hợp"…), another document word, or prose.
A segment with no head of its own continues a form before it ("Văn bản đề nghị, trong đó ghi rõ: …").
A name is then placed by the words just before it, copy qualifiers and parentheses set aside:

- nothing: it heads its segment, so it is what the segment asks for;
- a coordinator after another name ("hộ chiếu hoặc thẻ căn cước"): it shares that name's place;
- a word of supplying ("nộp", "kèm theo"): supplied; a mention cue ("số", "cấp", "theo"…): mentioned
  ("Đối với thẻ căn cước, …" opening a condition names what the row is about: supplied);
- a coordinator and a copy ("…, bản sao giấy khai sinh"): a document of its own;
- a coordinator after a conjunct opened by a cue ("số giấy phép thành lập hoặc giấy chứng nhận …"): that cue;
- inside parentheses, a side remark: unclear;
- a coordinator after a form's own words: another document, unless those words took it as their object
  ("Bản kê khai thuế, báo cáo tài chính" supplies the statements; "Đơn đề nghị cấp …, …" does not);
- otherwise the segment decides: a form's content is mentioned, a further item of a segment asking for a
  document is a list item, a name in prose, a condition or a "thì" clause is unclear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from engine.recognise.thesaurus import Grammar


class Placement(StrEnum):
    """Where a name stands; the thesaurus gives each a confidence."""

    head = "head"
    supplied = "supplied"
    list_item = "list_item"
    unclear = "unclear"
    mention = "mention"


class SegmentKind(StrEnum):
    name = "name"  # starts with a document name
    form = "form"  # a form, declaration, request, report or list
    condition = "condition"
    document = "document"  # another document word: giấy, văn bản, hồ sơ…
    other = "other"


@dataclass(frozen=True)
class RowText:
    """A row lower-cased and folded (same offsets), with the grammar for its writing: heads and cues are read
    in ``lowered`` (with its diacritics if it has any), coordinators and copy qualifiers in ``folded``."""

    lowered: str
    folded: str
    grammar: Grammar


@dataclass(frozen=True)
class Segment:
    start: int
    kind: SegmentKind
    in_form: bool  # a form's content: its own head is a form, or it continues a segment that is one
    clause: bool  # the main clause of a condition ("… thì …"): prose, not a list item


# Segment boundaries, found in the lower-cased text (with diacritics, so that "thì" is not "thi", an exam):
# ; and :, a full stop ending a sentence, "thì" opening a main clause, and list markers such as "- ", "+ ",
# "a) ", "(ii) ", "2. ", "3.1. ".
_BOUNDARY = re.compile(
    r"[;:]"
    r"|(?<=\S)\.(?=\s|$)"
    r"|\sthì(?=\s)"
    r"|(?:^|(?<=\s))(?:[-+•*]+\)?|\(?(?:[ivx]+|[a-zđ]|\d{1,2})\)|\d{1,2}(?:\.\d{1,2})*[.)])(?=[\s!.]|$)"
)
# A parenthesis closing just before a name, or opening an alternative to the name before it.
_PAREN_TAIL = re.compile(r"(?:\([^()]*\)|\()\s*$")
_PARENTHESES = re.compile(r"\([^()]*\)")
# List markers and stray punctuation glued to a head ("-Giấy khai sinh", ":+) Bản sao …").
_PUNCTUATION = " -+•*.,;:!?…()[]"
_LEFT_CONTEXT = 160  # characters before a name that can bear on its place
_CONJUNCT_WORDS = 5  # words of a conjunct a cue before it may govern
_TAIL = 48  # characters a cue, qualifier or coordinator at the end of a text can span


def segments(row: RowText, name_starts: set[int]) -> list[Segment]:
    """Cut a row into segments and classify each by its head; ``name_starts`` are where names begin."""
    bounds = [0]
    openers = [False]  # whether each segment opens with "thì"
    for boundary in _BOUNDARY.finditer(row.lowered):
        bounds += [boundary.start(), boundary.end()]
        openers.append(boundary.group().strip() == "thì")
    bounds.append(len(row.lowered))
    found: list[Segment] = []
    in_form = False
    for (start, end), clause in zip(zip(bounds[::2], bounds[1::2], strict=True), openers, strict=True):
        if start >= end:
            continue
        kind = _head_kind(row, _skip_qualifiers(row.folded, start, end, row.grammar), name_starts)
        in_form = kind == SegmentKind.form or (kind == SegmentKind.other and in_form)
        found.append(Segment(start, kind, in_form, clause))
    return found


def segment_at(found: list[Segment], position: int) -> Segment:
    """The segment holding ``position`` (names never span a boundary)."""
    index = bisect_right([segment.start for segment in found], position) - 1
    return found[max(index, 0)]


def place(row: RowText, segment: Segment, start: int, previous: tuple[int, Placement] | None) -> Placement:
    """Place the name starting at ``start``; ``previous`` is (end, placement) of the name before it in the
    same segment, if any."""
    grammar = row.grammar
    window_start = max(segment.start, start - _LEFT_CONTEXT)
    left = row.folded[window_start:start]
    crossed_coordinator = crossed_copy = opens_parenthesis = False
    while left := left.rstrip():
        if match := _PAREN_TAIL.search(left):
            opens_parenthesis = opens_parenthesis or match.group().strip() == "("
            left = left[: match.start()]
        elif match := _ends_with(grammar.qualifier_tail, left):
            crossed_copy = crossed_copy or match.group().lstrip().startswith("ban ")
            left = left[: match.start()]
        elif match := _ends_with(grammar.coordinator_tail, left):
            crossed_coordinator = True
            left = left[: match.start()]
        else:
            break
    if not left.strip(_PUNCTUATION) and window_start == segment.start:
        return Placement.head
    if previous and previous[0] >= window_start + len(left):
        return previous[1]  # an alternative or further item of the name before
    left = row.lowered[window_start : window_start + len(left)]  # cues are read with diacritics if any
    if _ends_with(grammar.supply_tail, left):
        return Placement.supplied
    if _ends_with(grammar.mention_tail, left):
        topic = segment.kind == SegmentKind.condition and grammar.topic.fullmatch(left.strip(_PUNCTUATION))
        return Placement.supplied if topic else Placement.mention
    if crossed_coordinator and crossed_copy:
        return Placement.list_item  # "Đơn đề nghị …, bản sao giấy khai sinh": a copy is a document of its own
    if crossed_coordinator and (chained := _chain_cue(left, grammar)):
        return chained
    if not opens_parenthesis and _inside_parentheses(row.folded[segment.start : start]):
        return Placement.unclear  # a side remark: "(trừ người có giấy phép lái xe hạng A1)"
    if crossed_coordinator and segment.kind == SegmentKind.form:
        # "Bản kê khai thuế, báo cáo tài chính": another document joins the form, unless the form's words
        # took the name as their object ("Đơn đề nghị cấp giấy phép …, …"). A list of documents goes on
        # ("Danh sách nhân sự, bản thông tin cá nhân, phiếu lý lịch tư pháp") when the item before the name
        # is itself a document or form.
        if _after_document_item(left, grammar):
            return Placement.list_item
        own_words = _PARENTHESES.sub(" ", left)
        return Placement.mention if grammar.mention_word.search(own_words) else Placement.list_item
    return _default(segment)


def _ends_with(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern`` (anchored at the end) matched near the end only: scanning the whole text is wasted work."""
    return pattern.search(text, max(0, len(text) - _TAIL))


def _inside_parentheses(before: str) -> bool:
    return before.count("(") > before.count(")")


def _after_document_item(left: str, grammar: Grammar) -> bool:
    """Whether the item just before a comma, itself after an earlier comma, starts with a document or form."""
    items = left.split(",")
    if len(items) < 2:
        return False
    last = items[-1].strip()
    return bool(grammar.form_head.match(last) or grammar.document_head.match(last))


def _chain_cue(left: str, grammar: Grammar) -> Placement | None:
    """The cue opening the conjunct just before a coordinator, which the name shares: "phải có sổ lao động,
    sổ bảo hiểm xã hội" (supplied), "số giấy phép thành lập hoặc giấy chứng nhận …" (mentioned). The conjunct
    must start with a document word, so that "văn phòng tại Việt Nam hoặc hộ chiếu" does not lend "tại"."""
    words = left.split(" ")
    for count in range(1, min(_CONJUNCT_WORDS, len(words) - 1) + 1):
        if any(mark in words[-count] for mark in ",;:()"):
            break
        conjunct = " ".join(words[-count:])
        if not (grammar.document_head.match(conjunct) or grammar.form_head.match(conjunct)):
            continue
        before = " ".join(words[:-count])
        if _ends_with(grammar.supply_tail, before):
            return Placement.supplied
        if _ends_with(grammar.mention_tail, before):
            return Placement.mention
    return None


def _default(segment: Segment) -> Placement:
    if segment.in_form:
        return Placement.mention
    if segment.kind in (SegmentKind.name, SegmentKind.document) and not segment.clause:
        return Placement.list_item
    return Placement.unclear


def _skip_qualifiers(text: str, position: int, end: int, grammar: Grammar) -> int:
    """The position after leading punctuation, copy qualifiers and coordinators ("bản sao hoặc bản chính")."""
    while position < end:
        if text[position] in _PUNCTUATION:
            position += 1
        elif match := grammar.qualifier_head.match(text, position, end) or grammar.coordinator_head.match(
            text, position, end
        ):
            position = match.end()
        else:
            break
    return position


def _head_kind(row: RowText, position: int, name_starts: set[int]) -> SegmentKind:
    if position in name_starts:
        return SegmentKind.name
    grammar = row.grammar
    for pattern, kind in (
        (grammar.form_head, SegmentKind.form),
        (grammar.condition_head, SegmentKind.condition),
        (grammar.document_head, SegmentKind.document),
    ):
        if pattern.match(row.lowered, position):
            return kind
    return SegmentKind.other
