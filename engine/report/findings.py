"""Render an audit's findings as JSON, CSV or Markdown (``engine.report.markdown``)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from engine import __version__
from engine.model import Finding
from engine.report.markdown import render_markdown
from engine.services.audit import AuditResult, PackedAudit
from engine.services.baseline import BaselineDiff
from engine.services.packed_findings import Tally, fragment, report_json, tally
from engine.services.rules_info import RuleStanding
from engine.services.summary import AuditSummary

FORMATS = ("json", "csv", "md")

CSV_COLUMNS = [
    "rule_id",
    "rule_ids",
    "severity",
    "measure",
    "procedure_code",
    "procedure_name",
    "target_kind",
    "target_id",
    "target_label",
    "message_vi",
    "message_en",
    "references",
    "saving_hours",
    "saving_vnd",
    "saving_days",
    "data_source",
    "decision",
    "rule_experimental",
    "rule_precision",
]


def render_findings(
    result: AuditResult,
    fmt: str,
    diff: BaselineDiff | None = None,
    summary: AuditSummary | None = None,
    standings: dict[str, RuleStanding] | None = None,
    lang: str = "vi",
) -> str:
    """The findings of ``result`` in ``fmt`` (one of ``FORMATS``); Markdown in ``lang`` (``vi``, ``en``).

    With ``diff`` (a comparison with a baseline) each format says which findings are new and lists
    those resolved; with ``summary`` JSON and Markdown add the counts by severity and field; with
    ``standings`` each format says which rules are experimental and how often their findings were right.
    """
    if fmt == "json":
        findings = result.findings
        pieces = render_json(
            result,
            [tally(f) for f in findings],
            lambda: [fragment(findings)] if findings else [],
            diff,
            summary,
            standings,
        )
        return b"".join(pieces).decode("utf-8")
    if fmt == "md":
        return render_markdown(result, diff, summary, standings, lang)
    return _csv(result, diff, summary, standings or {})


def render_json(
    audit: AuditResult | PackedAudit,
    tallies: list[Tally],
    fragments: Callable[[], Iterable[bytes]],
    diff: BaselineDiff | None = None,
    summary: AuditSummary | None = None,
    standings: dict[str, RuleStanding] | None = None,
) -> JsonReport:
    """JSON as documented by ``docs/findings.schema.json``, put together from the findings of ``audit``
    as the report writes them (``PackedAudit.fragments``): a warm audit's findings are not parsed and
    written again, and are decompressed (if compressed) one procedure at a time as the report is written."""
    hits = Counter(rule_id for t in tallies for rule_id in t.rule_ids)  # every rule, as ``all_rule_ids``
    head: dict[str, object] = {
        "tool": f"tinhgon {__version__}",
        "audit_date": audit.audit_date.isoformat(),
        "procedures": audit.procedures,
        "rules": audit.rules,
        "hits_by_rule": dict(sorted(hits.items())),
    }
    if standings:
        head["rule_standing"] = {r: standings[r].to_json() for r in audit.rules if r in standings}
    tail: dict[str, object] = {}
    if summary:
        tail["summary"] = summary.to_json()
    if diff:
        tail["baseline"] = {
            "path": diff.baseline.path,
            "audit_date": diff.baseline.audit_date,
            "new": [f.key for f in diff.new],
            "unchanged": [f.key for f in diff.unchanged],
            "resolved": [f.model_dump(mode="json") for f in diff.resolved],
            "not_compared": diff.not_compared,
        }
    opened = report_json(head).removesuffix(b"\n}")  # "{" and the head's fields
    closed = b"," + report_json(tail).removeprefix(b"{") if tail else b"\n}"  # the tail's fields and "}"
    return JsonReport(opened, fragments, closed)


@dataclass(frozen=True)
class JsonReport:
    """A JSON report as pieces, made afresh each time it is iterated: the audit command writes it to its
    output file and to the cache, never joined (at fifty times the real catalogue the findings are three
    quarters of a gigabyte). Joined, the pieces are what ``json.dumps(payload, indent=2,
    ensure_ascii=False)`` writes (a test checks): each top-level field of orjson's indented output is on
    lines of its own, and each finding is indented as the list holds it (``packed_findings``)."""

    opened: bytes  # "{" and the fields before the findings
    fragments: Callable[[], Iterable[bytes]]  # each procedure's findings, as the list holds them
    closed: bytes  # the fields after the findings, and "}"

    def __iter__(self) -> Iterator[bytes]:
        yield self.opened + b',\n  "findings": '
        listed = False
        for piece in self.fragments():
            yield b",\n" if listed else b"[\n"
            yield piece
            listed = True
        yield (b"\n  ]" if listed else b"[]") + self.closed + b"\n"


def _csv(
    result: AuditResult,
    diff: BaselineDiff | None,
    _summary: AuditSummary | None,
    standings: dict[str, RuleStanding],
) -> str:
    """One row per finding; with a baseline, a ``baseline`` column and one row per resolved finding."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS + (["baseline"] if diff else []), lineterminator="\n")
    writer.writeheader()
    for f in result.findings:
        writer.writerow(_csv_row(f, standings) | ({"baseline": diff.status(f)} if diff else {}))
    for f in diff.resolved if diff else []:
        writer.writerow(_csv_row(f, standings) | {"baseline": "resolved"})
    return out.getvalue()


def _csv_row(f: Finding, standings: dict[str, RuleStanding]) -> dict[str, object]:
    standing = standings.get(f.rule_id)
    judged = standing.precision if standing else None
    return {
        "rule_id": f.rule_id,
        "rule_ids": "; ".join(f.all_rule_ids),
        "severity": f.severity.value,
        "measure": f.measure.value,
        "procedure_code": f.procedure_code,
        "procedure_name": f.procedure_name,
        "target_kind": f.target.kind.value,
        "target_id": f.target.id,
        "target_label": f.target.label,
        "message_vi": f.message_vi,
        "message_en": f.message_en,
        "references": "; ".join(str(r) for r in f.references),
        "saving_hours": f.saving.hours,
        "saving_vnd": f.saving.vnd,
        "saving_days": f.saving.days,
        "data_source": f.evidence.get("source_name", ""),
        "decision": f.evidence.get("source_decision", ""),
        "rule_experimental": "" if standing is None else str(standing.experimental).lower(),
        "rule_precision": f"{judged.correct}/{judged.judged}" if judged and judged.judged else "",
    }
