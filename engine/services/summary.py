"""Use case: what an audit found, counted by rule, severity and field (lĩnh vực), for the end of a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from engine.model import Procedure
from engine.services.baseline import SEVERITY_ORDER, BaselineDiff
from engine.services.packed_findings import Tally

NO_FIELD = "(không ghi lĩnh vực)"


@dataclass
class AuditSummary:
    procedures: int
    findings: int
    flagged_procedures: int
    by_rule: Counter[str]
    by_severity: Counter[str]
    by_field: Counter[str]
    problems: int  # input problems met on the way (files, records, rules)
    diff: BaselineDiff | None = None

    def to_json(self) -> dict[str, object]:
        payload: dict[str, object] = {
            "procedures": self.procedures,
            "findings": self.findings,
            "flagged_procedures": self.flagged_procedures,
            "input_problems": self.problems,
            "by_rule": dict(sorted(self.by_rule.items())),
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in SEVERITY_ORDER},
            "by_field": dict(self.by_field.most_common()),
        }
        return payload


def summarise(
    findings: Iterable[Tally],
    procedures: Iterable[Procedure] | Mapping[str, str | None],
    problems: int = 0,
    diff: BaselineDiff | None = None,
) -> AuditSummary:
    """Count ``findings``, by what they tally (``PackedAudit.report_parts``); the field of each comes
    from its procedure in ``procedures`` (or a mapping of codes to fields)."""
    if isinstance(procedures, Mapping):
        fields = {code: field or NO_FIELD for code, field in procedures.items()}
    else:
        fields = {p.code: p.field or NO_FIELD for p in procedures}
    found = list(findings)
    return AuditSummary(
        procedures=len(fields),
        findings=len(found),
        flagged_procedures=len({f.procedure_code for f in found}),
        by_rule=Counter(f.rule_id for f in found),
        by_severity=Counter(f.severity for f in found),
        by_field=Counter(fields.get(f.procedure_code, NO_FIELD) for f in found),
        problems=problems,
        diff=diff,
    )
