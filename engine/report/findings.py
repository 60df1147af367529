"""Render an audit's findings as JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from engine import __version__
from engine.services.audit import AuditResult

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
]


def render_findings(result: AuditResult, fmt: str) -> str:
    """The findings of ``result`` in ``fmt`` (one of ``FORMATS``)."""
    return {"json": _json, "csv": _csv, "md": _markdown}[fmt](result)


def _json(result: AuditResult) -> str:
    """JSON as documented by ``docs/findings.schema.json``."""
    payload = {
        "tool": f"tinhgon {__version__}",
        "audit_date": result.audit_date.isoformat(),
        "procedures": result.procedures,
        "rules": result.rules,
        "hits_by_rule": dict(sorted(result.hits_by_rule().items())),
        "findings": [f.model_dump(mode="json") for f in result.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _csv(result: AuditResult) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for f in result.findings:
        writer.writerow(
            {
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
            }
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _markdown(result: AuditResult) -> str:
    hits = result.hits_by_rule()
    flagged = len({f.procedure_code for f in result.findings})
    lines = [
        "# Tinh Gọn audit",
        "",
        f"Audit date {result.audit_date.isoformat()}: {result.procedures} procedures, "
        f"{len(result.findings)} findings on {flagged} procedures.",
        "",
        "| Rule | Hits |",
        "|---|---:|",
        *[f"| {rule} | {hits.get(rule, 0)} |" for rule in result.rules],
        "",
    ]
    by_procedure: Counter[str] = Counter()
    for f in result.findings:
        if by_procedure[f.procedure_code] == 0:
            lines += [
                "",
                f"## {f.procedure_code} {_cell(f.procedure_name)}",
                "",
                "| Rule | Severity | Target | Finding | Legal basis |",
                "|---|---|---|---|---|",
            ]
        by_procedure[f.procedure_code] += 1
        refs = ", ".join(str(r) for r in f.references)
        lines.append(
            f"| {', '.join(f.all_rule_ids)} | {f.severity.value} | {f.target.kind.value} {f.target.id} | "
            f"{_cell(f.message_vi)} | {_cell(refs)} |"
        )
    return "\n".join(lines) + "\n"
