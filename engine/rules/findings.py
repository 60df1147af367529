"""Turn rule matches into findings: message, references, target and estimated saving."""

from __future__ import annotations

from typing import Any

from engine.model import Finding, Procedure, Saving, Severity, Target, TargetKind
from engine.rules.pack import Rule
from engine.rules.parameters import Parameters
from engine.rules.runtime import Match

_TARGET_KIND = {"procedure": TargetKind.procedure, "component": TargetKind.component, "step": TargetKind.step}


def build_finding(rule: Rule, match: Match, procedure: Procedure, params: Parameters) -> Finding:
    fact = match.fact
    values = _Missing(fact)
    evidence = {
        k: v
        for k, v in fact.items()
        if k not in ("kind", "id", "part", "label") and isinstance(v, str | int | float)
    }
    return Finding(
        rule_id=rule.id,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        target=Target(kind=_TARGET_KIND[fact["kind"]], id=fact["part"], label=fact["label"]),
        severity=rule.severity,
        measure=rule.measure,
        message_vi=rule.message_vi.format_map(values),
        message_en=rule.message_en.format_map(values),
        rationale=" ".join(rule.rationale.split()),
        references=rule.references,
        evidence=evidence,
        saving=_saving(rule, fact, params),
    )


class _Missing(dict[str, Any]):
    """Facts omit unknown fields; a message naming one shows a dash rather than failing."""

    def __missing__(self, key: str) -> str:
        return "—"


def _saving(rule: Rule, fact: dict[str, Any], params: Parameters) -> Saving:
    basis = []

    def resolve(spec: Any) -> float:
        if isinstance(spec, dict) and "param" in spec:
            basis.append(spec["param"])
            return float(params.value(spec["param"]))
        if isinstance(spec, dict) and "field" in spec:
            basis.append(f"fact.{spec['field']}")
            return float(fact.get(spec["field"], 0) or 0)
        return float(spec)

    spec = rule.saving
    return Saving(
        hours=resolve(spec.hours),
        vnd=round(resolve(spec.vnd)),
        days=resolve(spec.days),
        basis=", ".join(basis),
    )


_SEVERITY_RANK = {Severity.high: 0, Severity.medium: 1, Severity.low: 2}


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per target and measure.

    A component with two document types is flagged once per rule; and where several rules propose the
    same measure for the same target (TG-REUSE-DATA and TG-REUSE-PRECEDENT both say "replace with data"),
    they make one finding carrying every rule id in ``rule_ids``, so that a plan counts the saving once.
    The most severe rule is the primary (``rule_id``): its message, saving and evidence stand, and the
    evidence of the others fills what it lacks.
    """
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in findings:
        key = (finding.procedure_code, finding.target.kind, finding.target.id, finding.measure)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        ranked = sorted(group, key=lambda f: _SEVERITY_RANK[f.severity])  # stable: rule order on a tie
        primary = ranked[0]
        rule_ids = list(dict.fromkeys(f.rule_id for f in ranked))
        evidence = {k: v for f in reversed(ranked) for k, v in f.evidence.items()}
        merged.append(primary.model_copy(update={"rule_ids": rule_ids, "evidence": evidence}))
    return merged
