"""The JSON Schema of ``tinhgon audit --format json``, generated from the model.

``python -m engine.report.schema > docs/findings.schema.json`` refreshes the committed copy; a test
checks that the copy is current and that real audit output validates against it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from engine.model import Finding


class AuditReport(BaseModel):
    """Findings of one audit run."""

    tool: str = Field(description="tinhgon and its version")
    audit_date: str = Field(description="date the data sources were checked against (ISO)")
    procedures: int = Field(description="procedures audited")
    rules: list[str] = Field(description="ids of the rules that ran")
    hits_by_rule: dict[str, int]
    findings: list[Finding]


def findings_schema() -> dict[str, Any]:
    schema = AuditReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Tinh Gọn audit report"
    return schema


if __name__ == "__main__":
    print(json.dumps(findings_schema(), ensure_ascii=False, indent=2))
