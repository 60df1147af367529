"""Turn rule matches into findings: message, references, target and estimated saving."""

from __future__ import annotations

from typing import Any

from engine.model import Finding, Procedure, Saving, Target, TargetKind
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


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and target: a component with two document types is flagged once."""
    seen: set[str] = set()
    unique = []
    for finding in findings:
        if finding.key not in seen:
            seen.add(finding.key)
            unique.append(finding)
    return unique
