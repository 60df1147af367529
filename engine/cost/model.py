"""What a compliance-cost computation returns: itemised lines, each naming the assumptions it used."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel

from engine.model import ChannelKind


class Activity(StrEnum):
    """Standard Cost Model activities (domain notes §5), plus the fee the agency charges."""

    learn = "learn"
    prepare = "prepare"
    certify = "certify"
    visit = "visit"
    submit_online = "submit_online"
    receive_online = "receive_online"
    supplement = "supplement"
    fee = "fee"


ACTIVITY_LABELS_VI = {
    Activity.learn: "Tìm hiểu yêu cầu",
    Activity.prepare: "Chuẩn bị thành phần hồ sơ",
    Activity.certify: "Chứng thực bản sao",
    Activity.visit: "Đi lại, chờ đợi, nộp hồ sơ và nhận kết quả",
    Activity.submit_online: "Nộp hồ sơ trực tuyến",
    Activity.receive_online: "Nhận kết quả điện tử",
    Activity.supplement: "Bổ sung hồ sơ",
    Activity.fee: "Phí, lệ phí",
}


class CostLine(BaseModel):
    """One activity of doing the procedure once: applicant hours valued at the hourly income,
    plus outside costs (certification fees, travel, the procedure's own fee)."""

    activity: Activity
    quantity: Decimal  # components, copies or visits the line counts; 1 for once-per-dossier lines
    hours: Decimal
    time_cost_vnd: int  # hours × hourly income, rounded half up to the đồng
    outside_vnd: int
    parameters: list[str]  # names in rules/cost_parameters.yaml this line used
    depends_on_estimate: bool
    note: str = ""

    @property
    def total_vnd(self) -> int:
        return self.time_cost_vnd + self.outside_vnd


class CostBreakdown(BaseModel):
    """Compliance cost of one procedure: per dossier, and per year at its annual volume."""

    procedure_code: str
    mode: ChannelKind  # the channel the typical applicant is assumed to use
    hourly_income_vnd: Decimal
    lines: list[CostLine]
    per_dossier_vnd: int
    annual_volume: int
    volume_is_estimate: bool
    annual_vnd: int
    notes: list[str]

    @property
    def depends_on_estimate(self) -> bool:
        """True when any figure behind the annual cost is a working assumption."""
        return self.volume_is_estimate or any(line.depends_on_estimate for line in self.lines)

    @property
    def parameters(self) -> list[str]:
        """Every parameter the figures used, hourly-income inputs included."""
        names = {name for line in self.lines for name in line.parameters}
        if any(line.hours for line in self.lines):
            names |= {"monthly_income_vnd", "working_days_per_month", "hours_per_working_day"}
        return sorted(names)


class CostSummary(BaseModel):
    """Annual compliance cost of a set of procedures."""

    annual_vnd: int
    depends_on_estimate: bool
    estimated_volumes: int  # procedures whose volume is an estimate
    breakdowns: list[CostBreakdown]
