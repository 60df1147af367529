"""The JSON Schema of ``tinhgon audit --format json``, generated from the model.

``python -m engine.report.schema > docs/findings.schema.json`` refreshes the committed copy; a test
checks that the copy is current and that real audit output validates against it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from engine.model import Finding


class Summary(BaseModel):
    """What the audit found, counted."""

    procedures: int
    findings: int
    flagged_procedures: int = Field(description="procedures with at least one finding")
    input_problems: int = Field(description="files, records or rules that could not be read or are invalid")
    by_rule: dict[str, int] = Field(
        description="each finding once, under its first rule (hits_by_rule counts every rule it names)"
    )
    by_severity: dict[str, int] = Field(description="high, medium, low")
    by_field: dict[str, int] = Field(description="findings by the procedures' field (lĩnh vực)")


class BaselineComparison(BaseModel):
    """With ``--baseline``: findings compared by rule, procedure and target (its id and label, or one)."""

    path: str = Field(description="the previous report")
    audit_date: str = Field(description="its audit date")
    new: list[str] = Field(description="keys of findings not in the baseline")
    unchanged: list[str] = Field(description="keys of findings also in the baseline")
    resolved: list[Finding] = Field(description="baseline findings gone now (of rules that ran)")
    not_compared: int = Field(description="baseline findings of rules that did not run this time")


class RuleStanding(BaseModel):
    """Whether a rule runs by default, and how many of its findings an independent judge found right."""

    experimental: bool = Field(description="run only with --experimental")
    judged: int = Field(description="findings judged against the raw records (0: not judged)")
    correct: int = Field(description="of those, found right")
    interval_95: tuple[float, float] | None = Field(description="Wilson 95% interval of the precision")
    sample: str | None = Field(description="which records were judged, in which round")


class AuditReport(BaseModel):
    """Findings of one audit run."""

    tool: str = Field(description="tinhgon and its version")
    audit_date: str = Field(description="date the data sources were checked against (ISO)")
    procedures: int = Field(description="procedures audited")
    rules: list[str] = Field(description="ids of the rules that ran")
    hits_by_rule: dict[str, int]
    rule_standing: dict[str, RuleStanding] | None = Field(
        None, description="by rule id: experimental or not, and its measured precision (rules/precision.yaml)"
    )
    findings: list[Finding]
    summary: Summary | None = None
    baseline: BaselineComparison | None = None


def findings_schema() -> dict[str, Any]:
    schema = AuditReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Tinh Gọn audit report"
    return schema


if __name__ == "__main__":
    print(json.dumps(findings_schema(), ensure_ascii=False, indent=2))
