"""A reform plan (phương án đơn giản hóa): measures, the decision on each, and who decided what when."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from engine.model import Measure, Saving, Severity, Target
from engine.model.procedure import Strict


class MeasureStatus(StrEnum):
    proposed = "proposed"  # đề xuất
    accepted = "accepted"  # chấp thuận
    rejected = "rejected"  # không chấp thuận
    done = "done"  # đã thực hiện


STATUS_LABELS_VI = {
    MeasureStatus.proposed: "Đề xuất",
    MeasureStatus.accepted: "Chấp thuận",
    MeasureStatus.rejected: "Không chấp thuận",
    MeasureStatus.done: "Đã thực hiện",
}

MEASURE_LABELS_VI = {
    Measure.abolish: "Bãi bỏ thủ tục",
    Measure.merge: "Gộp thủ tục",
    Measure.interlink: "Liên thông thủ tục",
    Measure.cut_component: "Cắt giảm thành phần hồ sơ",
    Measure.replace_with_data: "Thay thành phần hồ sơ bằng dữ liệu",
    Measure.accept_electronic_copy: "Bản sao điện tử thay bản sao chứng thực",
    Measure.cut_step: "Cắt giảm bước thực hiện",
    Measure.merge_steps: "Gộp bước thực hiện",
    Measure.shorten_time_limit: "Rút ngắn thời hạn giải quyết",
    Measure.cut_fee: "Cắt giảm phí, lệ phí",
    Measure.move_fully_online: "Cung cấp dịch vụ công trực tuyến toàn trình",
    Measure.digital_inspection: "Kiểm tra trên môi trường số thay kiểm tra thực địa",
}

SEVERITY_RANK = {Severity.high: 3, Severity.medium: 2, Severity.low: 1}


def at_least(severity: Severity | None, minimum: Severity) -> bool:
    """Whether ``severity`` is ``minimum`` or graver; a measure without severity (a person's own) is not."""
    return severity is not None and SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum]


# Accepted and done measures change the catalogue; the others are only on paper.
APPLIED = frozenset({MeasureStatus.accepted, MeasureStatus.done})


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class MeasureDraft(Strict):
    """What a measure proposes, before it is in a plan: from a finding, or added by a person."""

    measure: Measure
    procedure_code: str
    procedure_name: str = ""
    target: Target | None = None  # component or step; None for the whole procedure
    related_codes: list[str] = Field(default_factory=list)  # the other procedures of a merge or interlink
    finding_key: str | None = None  # None: added by a person
    severity: Severity | None = None
    message: str = ""  # what to change, in Vietnamese (nội dung đơn giản hóa)
    references: list[str] = Field(default_factory=list)  # legal basis of the proposal
    saving: Saving = Field(default_factory=Saving)


class PlanMeasure(MeasureDraft):
    """A measure in a plan, with the reform team's decision on it."""

    id: int  # numbered from 1 within the plan
    status: MeasureStatus = MeasureStatus.proposed
    reviewer: str | None = None
    comment: str | None = None
    updated_at: dt.datetime
    version: int = 1  # bumped on every change, for optimistic concurrency


class Plan(Strict):
    id: int
    name: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = 1  # bumped on every change to the plan or one of its measures
    measures: list[PlanMeasure] = Field(default_factory=list)

    def measure(self, measure_id: int) -> PlanMeasure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    @property
    def applied(self) -> list[PlanMeasure]:
        """Measures the projection applies: accepted or done."""
        return [m for m in self.measures if m.status in APPLIED]


class AuditEntry(Strict):
    """One change: who, when, which field of the plan or of one measure, old value → new value."""

    id: int
    plan_id: int
    measure_id: int | None  # None: the plan itself
    actor: str
    at: dt.datetime
    field: str
    old: str | None
    new: str | None


class PlanSummary(Strict):
    """A line of ``tinhgon plan list``."""

    id: int
    name: str
    created_by: str
    updated_at: dt.datetime
    measures: int
    status_counts: dict[MeasureStatus, int]


class PlanDocument(Strict):
    """The JSON export: the plan and its audit trail, so an import loses neither."""

    format: str = "tinhgon-plan"
    format_version: int = 1
    plan: Plan
    history: list[AuditEntry] = Field(default_factory=list)
