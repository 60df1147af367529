"""How an audit keeps each procedure's findings: one block holding a line of tallies, what summaries and
exit codes read of each finding, then the findings written as the JSON report writes them, compressed in
audits of large catalogues (``COMPRESS_FROM``).

A report of a warm audit is then put together from these bytes (``engine.report.findings.render_json``)
instead of parsing ten megabytes of findings and writing them again: on the real catalogue that was
most of a one-changed-record audit's report time. Objects are built only for the other formats.

>>> from engine.model import Finding, Target, TargetKind, Severity, Measure
>>> f = Finding(rule_id="TG-X", procedure_code="1.0", procedure_name="Cấp phép",
...             target=Target(kind=TargetKind.component, id="d1", label="Tờ khai"),
...             severity=Severity.high, measure=Measure.cut_component,
...             message_vi="…", message_en="…", rationale="…")
>>> block = pack([f])
>>> read_tallies(block)
[Tally(rule_id='TG-X', rule_ids=['TG-X'], severity='high', procedure_code='1.0')]
>>> unpack(block) == [f]
True
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import NamedTuple

import orjson
from pydantic import TypeAdapter

from engine.model import Finding, Severity

# A finding of the report sits in the list under the top level's "findings": its lines are indented by
# four spaces more than orjson writes a finding alone.
REPORT_INDENT = b"    "
_FINDINGS = TypeAdapter(list[Finding])
_SEVERITIES = frozenset(s.value for s in Severity)
# From this many procedures an audit compresses its findings, which it holds in memory until the report
# is written: at fifty times the real catalogue they are 150 MB compressed, 550 MB not. Below, the time
# matters more: compressing the real catalogue's 11 MB of findings took 0.09 CPU s of a cold audit, and
# decompressing them 0.04 s more before the report could be written.
COMPRESS_FROM = 20_000


class Tally(NamedTuple):
    """What summaries, hit counts and exit codes read of a finding."""

    rule_id: str
    rule_ids: list[str]  # every rule behind the finding, the primary first
    severity: str
    procedure_code: str


class Unreadable(ValueError):
    """A block that is not what ``pack`` writes (forged with a valid checksum)."""


def tally(finding: Finding) -> Tally:
    return Tally(finding.rule_id, finding.all_rule_ids, finding.severity.value, finding.procedure_code)


def fragment(findings: Sequence[Finding]) -> bytes:
    """The findings as the report's "findings" list holds them, between its brackets, one per element."""
    return b",\n".join(_indented(f.model_dump(mode="json")) for f in findings)


def pack(findings: Sequence[Finding], compress: bool = True) -> bytes:
    """One procedure's findings as one block: the tallies' JSON line, then a mark saying whether the
    fragment follows compressed (``Z``) or as it is (``=``), and the fragment."""
    body = b"Z" + zlib.compress(fragment(findings), 1) if compress else b"=" + fragment(findings)
    return orjson.dumps([list(tally(f)) for f in findings]) + b"\n" + body


def has_findings(block: bytes) -> bool:
    """Whether a block holds findings: ``pack`` starts a block without any with an empty list."""
    return not block.startswith(b"[]\n")


def read_tallies(block: bytes) -> list[Tally]:
    """The tallies of a block, read without decompressing its findings; raises ``Unreadable``."""
    line, _, _ = block.partition(b"\n")  # compact JSON holds no line break
    try:
        tallies = [Tally(*t) for t in orjson.loads(line)]
    except (ValueError, TypeError):
        raise Unreadable("not a block of findings") from None
    if not all(map(_well_typed, tallies)):
        raise Unreadable("tallies of the wrong types")
    return tallies


def read_fragment(block: bytes) -> bytes:
    """The report fragment of a block; raises ``Unreadable``."""
    _, _, body = block.partition(b"\n")
    if body[:1] == b"=":
        return body[1:]
    try:
        if body[:1] == b"Z":
            return zlib.decompress(body[1:])
    except zlib.error:
        pass
    raise Unreadable("findings neither compressed nor marked as written plain")


def unpack(block: bytes) -> list[Finding]:
    """The findings of a block as objects; raises ``Unreadable``."""
    read_tallies(block)
    try:
        return _FINDINGS.validate_json(b"[" + read_fragment(block) + b"]")
    except ValueError:  # pydantic's ValidationError is one
        raise Unreadable("findings that do not validate") from None


def _well_typed(t: Tally) -> bool:
    return (
        isinstance(t.rule_id, str)
        and isinstance(t.rule_ids, list)
        and all(isinstance(r, str) for r in t.rule_ids)
        and isinstance(t.procedure_code, str)
        and isinstance(t.severity, str)
        and t.severity in _SEVERITIES
    )


def report_json(value: object) -> bytes:
    """``value`` as the JSON report writes it: what ``json.dumps(indent=2, ensure_ascii=False)`` writes."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


def _indented(value: object) -> bytes:
    # JSON text never holds a raw line break inside a string, so every line break is orjson's own.
    return REPORT_INDENT + report_json(value).replace(b"\n", b"\n" + REPORT_INDENT)
