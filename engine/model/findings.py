"""Findings: what a rule says about one procedure, and the measure it proposes."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from engine.model.procedure import LegalRef


class TargetKind(StrEnum):
    procedure = "procedure"
    component = "component"
    step = "step"
    channel = "channel"


class Measure(StrEnum):
    """The measures a simplification plan (phương án đơn giản hóa) is made of."""

    abolish = "abolish"  # bãi bỏ
    merge = "merge"  # gộp
    interlink = "interlink"  # liên thông
    cut_component = "cut_component"  # cắt giảm thành phần hồ sơ
    replace_with_data = "replace_with_data"  # thay thế bằng dữ liệu
    accept_electronic_copy = "accept_electronic_copy"  # bản sao điện tử thay bản sao chứng thực
    cut_step = "cut_step"
    merge_steps = "merge_steps"
    shorten_time_limit = "shorten_time_limit"
    cut_fee = "cut_fee"
    move_fully_online = "move_fully_online"  # toàn trình
    digital_inspection = "digital_inspection"


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


# What reports and the workbench call each severity: (Vietnamese, English).
SEVERITY_LABELS: dict[Severity, tuple[str, str]] = {
    Severity.high: ("Cao", "High"),
    Severity.medium: ("Trung bình", "Medium"),
    Severity.low: ("Thấp", "Low"),
}


class Target(BaseModel):
    kind: TargetKind
    id: str  # component / step id, or the procedure code
    label: str  # human-readable: the component's name, the step's action


class Saving(BaseModel):
    """Estimated saving per dossier if the measure is applied; always an estimate."""

    hours: float = 0.0  # applicant hours
    vnd: int = 0  # outside costs (certified copies, travel)
    days: float = 0.0  # processing time, working days
    basis: str = ""  # which parameters the estimate uses


class Finding(BaseModel):
    rule_id: str  # the primary rule: the most severe of those proposing this measure for this target
    # Every rule proposing the same measure for the same target, the primary first: one finding, one saving.
    rule_ids: list[str] = Field(default_factory=list)
    procedure_code: str
    procedure_name: str
    target: Target
    severity: Severity
    measure: Measure
    message_vi: str
    message_en: str
    rationale: str
    references: list[LegalRef] = Field(default_factory=list)
    evidence: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    saving: Saving = Field(default_factory=Saving)

    @property
    def all_rule_ids(self) -> list[str]:
        """The rules behind the finding, the primary first (``rule_ids``, or ``rule_id`` alone)."""
        return self.rule_ids or [self.rule_id]

    @property
    def key(self) -> str:
        """Stable identity of a finding across runs: rule, procedure and target."""
        return f"{self.rule_id}:{self.procedure_code}:{self.target.kind}:{self.target.id}"
