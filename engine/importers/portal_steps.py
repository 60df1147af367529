"""Steps (trình tự thực hiện) of a portal record: split the free text, guess who acts and how.

The text is split on "Bước n" markers; when there are none, on leading "-" bullets; else it is one
step. Imported steps have no inputs or outputs: only hand-modelled procedures have real edges.
"""

from __future__ import annotations

import re

from engine.importers.outcome import Anomalies
from engine.importers.text import NO_INFO, squash
from engine.model import Step, StepKind
from engine.recognise.text import fold

# "Bước 1:", "- Bước 2.", "a) Bước 1:" at the start of a line or after a sentence; never "lại bước (i)".
_STEP_WORD = re.compile(r"(?:Bước|BƯỚC)[ \t]*(\d{1,2})[ \t]*[:.\-–)]?")
_STEP_LEAD = re.compile(r"(?:^|[.;:]\s|[\t\n])[ \t]*(?:[-+*•–][ \t]*|[a-zđ]\)[ \t]*)?$")
# How far before "Bước" its bullet or enumerator may start.
_LEAD_LENGTH = 12
_BULLET = re.compile(r"(?m)^[ \t]*-[ \t]+")

# Verbs that say what kind of step it is, folded (no diacritics). The earliest one in the text wins; at
# the same place the one listed first, so longer phrases come first ("nop phi" before "nop",
# "kiem tra thuc dia" before "kiem tra"). Each starts a word: the alternation opens with a word boundary,
# which also halves the search (only the starts of words are tried).
_KIND_WORDS: list[tuple[str, StepKind]] = [
    (r"nop (?:phi|le phi)|thanh toan (?:phi|le phi)|nop tien", StepKind.pay),
    (r"nop\b|gui ho so|ke khai", StepKind.submit),
    (r"tiep nhan", StepKind.receive),
    (
        r"kiem tra (?:thuc dia|thuc te|hien truong)|khao sat (?:hien truong|thuc dia|thuc te)",
        StepKind.inspect,
    ),
    (r"tham dinh|tham tra|xem xet|kiem tra|xac minh|giai quyet", StepKind.check),
    (r"lay y kien|phoi hop|hoi y kien|xin y kien", StepKind.consult),
    (r"ky(?<!dang ky)\b|phe duyet|quyet dinh|ban hanh", StepKind.approve),
    (r"chuyen\b", StepKind.transfer),
    (r"tra ket qua|nhan ket qua|cap (?:giay|ket qua|ban sao|the|chung)|tra giay", StepKind.issue),
]
_KIND_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?P<{kind.value}>{pattern})" for pattern, kind in _KIND_WORDS) + ")"
)

# Who acts: the applicant, or a named officer. Agencies: the one-stop desk, people's committees, departments.
# The applicant's words are searched for in the lower-cased text: ignoring case made every position a
# candidate, four times slower. A word boundary is checked after a first letter ("C(?<=\bC)"), not before
# it, for the same reason: the search then skips to the letters a match can start with.
_APPLICANT = re.compile(
    r"người (?:yêu cầu|đề nghị|nộp hồ sơ|có yêu cầu|nộp thuế)|tổ chức,? cá nhân|cá nhân,? tổ chức"
    r"|doanh nghiệp (?:nộp|gửi|lập)|chủ đầu tư"
)
# Where lower-casing and ignoring case part: "İ" lower-cases to two characters (the offsets move), and
# ignoring case reads "ı" as i and "ſ" as s (tests/importers checks these are all). Case is then ignored.
_CASE_APART = ("\u0130", "\u0131", "\u017f")
_OFFICER = re.compile(
    r"(?:C(?<=\bC)(?:ông chức|án bộ|huyên viên|hủ tịch)|L(?<=\bL)ãnh đạo|T(?<=\bT)hủ trưởng)"
    r"(?: (?:tiếp nhận|một cửa|tư pháp - hộ tịch|Tư pháp - Hộ tịch|[a-zà-ỹđ]+(?= -)| - [a-zà-ỹđ]+)){0,3}"
)
_AGENCY = re.compile(
    r"Bộ phận (?:tiếp nhận và trả kết quả|[Mm]ột cửa)(?: cấp (?:xã|tỉnh|huyện))?"
    r"|Trung tâm [Pp]hục vụ hành chính công(?: cấp (?:xã|tỉnh))?"
    r"|(?:Ủy|Uỷ) ban [Nn]hân dân(?: cấp (?:xã|tỉnh|huyện))?|UBND(?: cấp (?:xã|tỉnh|huyện))?"
    r"|Sở(?<=\bSở) (?:[A-ZĐ][a-zà-ỹđ]* [a-zà-ỹđ]+|[A-ZĐ][a-zà-ỹđ]* [A-ZĐ][a-zà-ỹđ]*)"
    r"(?: và [A-ZĐ][a-zà-ỹđ]* [a-zà-ỹđ]+)?"
)
# The actor and agency are read from the start of the step only: later sentences name other parties.
_HEAD_LENGTH = 300


def parse_steps(text: str, anomalies: Anomalies) -> list[Step]:
    """Ordered steps s1, s2, … of a ``trinh_tu_thuc_hien`` cell."""
    body = text.strip()
    if not body or body == NO_INFO:
        anomalies.note("no_steps")
        return []
    parts = _split(body, anomalies)
    steps = []
    for order, part in enumerate(parts, start=1):
        action = squash(part)
        head = action[:_HEAD_LENGTH]
        steps.append(
            Step(
                id=f"s{order}",
                order=order,
                action=action,
                actor=_actor(head),
                agency=_first(_AGENCY, head),
                kind=guess_kind(head),
            )
        )
    return steps


def _split(body: str, anomalies: Anomalies) -> list[str]:
    markers = [word for word in _STEP_WORD.finditer(body) if _starts_step(body, word.start())]
    if markers:
        numbers = [int(marker.group(1)) for marker in markers]
        if any(later <= earlier for earlier, later in zip(numbers, numbers[1:], strict=False)):
            anomalies.note("step_numbering_restarts")
        preamble = body[: markers[0].start()].strip()
        parts = [
            body[m.start() : n.start() if n else len(body)]
            for m, n in zip(markers, [*markers[1:], None], strict=True)
        ]
        if preamble:
            parts[0] = f"{preamble}\n{parts[0]}"  # text before "Bước 1" belongs with it
        return [part for part in parts if part.strip()]
    anomalies.note("step_markers_missing")
    bullets = list(_BULLET.finditer(body))
    if len(bullets) >= 2:
        starts = [0] if body[: bullets[0].start()].strip() else []
        starts += [bullet.start() for bullet in bullets]
        return [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True) if body[a:b].strip()]
    return [body]


def _starts_step(body: str, start: int) -> bool:
    lead_start = max(0, start - _LEAD_LENGTH)
    lead = ("\n" if lead_start == 0 else "") + body[lead_start:start]
    return bool(_STEP_LEAD.search(lead))


def guess_kind(text: str) -> StepKind:
    """The kind of step, from the verb that comes first in ``text``.

    >>> guess_kind("Tổ chức, cá nhân nộp hồ sơ tại Bộ phận một cửa").value
    'submit'
    >>> guess_kind("Công chức tư pháp - hộ tịch thẩm tra hồ sơ").value
    'check'
    """
    found = _KIND_PATTERN.search(fold(text))
    return StepKind(found.lastgroup) if found and found.lastgroup else StepKind.other


def _actor(head: str) -> str | None:
    applicant = (
        re.search(_APPLICANT.pattern, head, re.IGNORECASE)
        if any(letter in head for letter in _CASE_APART)
        else _APPLICANT.search(head.lower())
    )
    officer = _OFFICER.search(head)
    if applicant and (not officer or applicant.start() < officer.start()):
        return "applicant"
    if not officer:
        return None
    # "Chủ tịch Ủy ban nhân dân cấp tỉnh": the officer's agency completes the title.
    of_agency = _AGENCY.match(head, officer.end() + 1)
    return (head[officer.start() : of_agency.end()] if of_agency else officer.group()).strip()


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found.group().strip() if found else None
