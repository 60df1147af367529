"""The administrative procedure (thủ tục hành chính) as Decree 63/2010/NĐ-CP defines its parts.

Pure data: no file, database or UI knowledge lives here. Adapters in ``engine.catalogue`` and
``engine.importers`` build these objects; rules and graphs read them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    """Base for catalogue objects: unknown fields are errors, so typos in YAML never pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Level(StrEnum):
    """Cấp thực hiện. The district level was abolished on 1 July 2025; records may still name it."""

    ministry = "ministry"  # Cấp bộ
    province = "province"  # Cấp tỉnh
    district = "district"  # Cấp huyện (historic)
    commune = "commune"  # Cấp xã
    other = "other"  # Cơ quan khác


class ChannelKind(StrEnum):
    in_person = "in_person"  # Trực tiếp
    online = "online"  # Trực tuyến
    post = "post"  # Dịch vụ bưu chính


class TimeUnit(StrEnum):
    working_day = "working_day"  # Ngày làm việc
    day = "day"  # Ngày (calendar)
    hour = "hour"  # Giờ
    month = "month"  # Tháng
    year = "year"  # Năm


# Conversion to working days; calendar days count 5/7 of a working day.
_WORKING_DAYS_PER_UNIT = {
    TimeUnit.working_day: 1.0,
    TimeUnit.day: 5 / 7,
    TimeUnit.hour: 1 / 8,
    TimeUnit.month: 22.0,
    TimeUnit.year: 250.0,
}


class Duration(Strict):
    """A time limit (thời hạn giải quyết) or step duration: value and unit as published."""

    value: float = Field(ge=0)
    unit: TimeUnit = TimeUnit.working_day
    text: str | None = None  # the published wording when it says more than value + unit

    @property
    def working_days(self) -> float:
        """The duration in working days, so that limits in different units compare.

        >>> Duration(value=14, unit="day").working_days
        10.0
        """
        return round(self.value * _WORKING_DAYS_PER_UNIT[self.unit], 2)


class Fee(Strict):
    """Phí, lệ phí: an amount in VND, free, or published prose that no amount could be read from."""

    amount_vnd: int | None = Field(default=None, ge=0)
    free: bool = False
    text: str | None = None

    @model_validator(mode="after")
    def _free_has_no_amount(self) -> Fee:
        if self.free and self.amount_vnd:
            raise ValueError("a free fee cannot have an amount")
        return self


class Channel(Strict):
    kind: ChannelKind
    time_limit: Duration | None = None
    fee: Fee | None = None
    description: str | None = None


class DossierComponent(Strict):
    """Thành phần hồ sơ: one document the applicant supplies.

    ``doc_types`` are canonical document types (see ``rules/documents.yaml``); empty when the
    component is not recognised. ``certified_copy`` means the copies must be certified (chứng thực).
    """

    id: str
    name: str
    originals: int = Field(default=0, ge=0)
    copies: int = Field(default=0, ge=0)
    certified_copy: bool = False
    case: str | None = None  # trường hợp: the applicant situation the component applies to
    note: str | None = None
    template: str | None = None  # mẫu đơn, tờ khai
    doc_types: list[str] = Field(default_factory=list)
    presented_only: bool = False  # "giấy tờ phải xuất trình": shown, not handed over
    surrendered: bool = False  # handed back to be cancelled (a registration and its plate): not data


class StepKind(StrEnum):
    submit = "submit"  # applicant submits
    receive = "receive"  # one-stop desk receives and checks completeness
    check = "check"  # appraisal of the dossier (thẩm định)
    inspect = "inspect"  # on-site inspection (kiểm tra thực địa)
    consult = "consult"  # asks another agency's opinion
    approve = "approve"  # a leader decides or signs
    transfer = "transfer"  # hand-over between agencies
    issue = "issue"  # result issued and returned
    pay = "pay"
    other = "other"


class Step(Strict):
    """One step (bước) of the procedure: who does what, with what inputs, producing what.

    ``inputs`` name component ids or outputs of earlier steps; ``outputs`` name intermediate
    artefacts or result ids. They are the edges of the procedure graph.
    """

    id: str
    order: int = Field(ge=1)
    action: str
    actor: str | None = None  # applicant, receiving officer, specialist, leader…
    agency: str | None = None
    kind: StepKind = StepKind.other
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    duration: Duration | None = None


class Result(Strict):
    """Kết quả: what the procedure issues; ``code`` is the national result code (KQ.G15.000031)."""

    id: str
    name: str
    code: str | None = None
    doc_types: list[str] = Field(default_factory=list)


class LegalRef(Strict):
    """A legal document: number (e.g. ``104/2022/NĐ-CP``) and title; article and date when known."""

    number: str
    title: str | None = None
    article: str | None = None
    date: dt.date | None = None  # date of issue, when known

    def __str__(self) -> str:
        return self.number + (f" ({self.article})" if self.article else "")


class Agencies(Strict):
    competent: list[str] = Field(default_factory=list)  # cơ quan có thẩm quyền
    executing: list[str] = Field(default_factory=list)  # cơ quan thực hiện
    authorised: list[str] = Field(default_factory=list)  # cơ quan được ủy quyền
    cooperating: list[str] = Field(default_factory=list)  # cơ quan phối hợp


class OnlineLevel(StrEnum):
    full = "full"  # toàn trình
    partial = "partial"  # một phần
    none = "none"


class Volume(Strict):
    """Hồ sơ phát sinh trong năm: annual dossier count, with where the number comes from."""

    per_year: int = Field(ge=0)
    source: str | None = None
    estimate: bool = False

    @model_validator(mode="after")
    def _sourced_or_estimate(self) -> Volume:
        if not self.source and not self.estimate:
            raise ValueError("a volume needs a source, or estimate: true")
        return self


class ClauseScope(StrEnum):
    """How much of the dossier a lookup or exemption clause speaks for."""

    row = "row"  # written in one component's row, or a note on "this component"
    section = "section"  # a note inside one group or case (trường hợp) of the dossier
    dossier = "dossier"  # a heading or note for the whole dossier, or a step of the procedure


class ReuseClause(Strict):
    """Text in the record saying the agency looks data up, or that a document need not be supplied.

    A clause covers a component only when its scope reaches it (``dossier``, or the component's id is in
    ``components``) and it covers the component's document type: one it names (``doc_types``), or, when it
    names none, any type a published database holds (a clause about "các cơ sở dữ liệu" in general); a row
    clause naming nothing covers its own row. ``fallback`` marks wording that keeps the paper for when the
    lookup is not possible yet ("trường hợp chưa được kết nối, chia sẻ dữ liệu thì nộp…").
    """

    text: str
    scope: ClauseScope = ClauseScope.dossier
    components: list[str] = Field(
        default_factory=list
    )  # ids of the components a row or section clause covers
    fallback: bool = False
    sources: list[str] = Field(default_factory=list)  # data-source ids the text names
    doc_types: list[str] = Field(default_factory=list)  # document types the clause names

    def reaches(self, component_id: str) -> bool:
        """Whether the clause's scope includes the component."""
        return self.scope == ClauseScope.dossier or component_id in self.components


class Procedure(Strict):
    code: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-_]*$")
    name: str
    levels: list[Level] = Field(default_factory=list)
    field: str | None = None  # lĩnh vực
    publishing_decision: str | None = None
    applicant_types: list[str] = Field(default_factory=list)
    agencies: Agencies = Field(default_factory=Agencies)
    channels: list[Channel] = Field(default_factory=list)
    components: list[DossierComponent] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    legal_basis: list[LegalRef] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    online_level: OnlineLevel | None = None
    annual_volume: Volume | None = None
    related: list[str] = Field(default_factory=list)  # codes of related procedures
    interlinked: list[str] = Field(default_factory=list)  # liên thông
    reuse_clauses: list[ReuseClause] = Field(default_factory=list)
    origin: str = "hand"  # hand | portal | national: how the record was made

    @field_validator("components", "steps", "results")
    @classmethod
    def _unique_ids(cls, items: list) -> list:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"duplicate id {item.id!r}")
            seen.add(item.id)
        return items

    @model_validator(mode="after")
    def _step_edges_resolve(self) -> Procedure:
        """Every step input must be a component or an output of an earlier step."""
        known = {c.id for c in self.components}
        for step in sorted(self.steps, key=lambda s: s.order):
            missing = [i for i in step.inputs if i not in known]
            if missing:
                raise ValueError(
                    f"step {step.id!r} uses {', '.join(missing)}: "
                    "not a component id nor an output of an earlier step"
                )
            known.update(step.outputs)
        return self

    def channel(self, kind: ChannelKind) -> Channel | None:
        return next((c for c in self.channels if c.kind == kind), None)

    def component(self, component_id: str) -> DossierComponent:
        return next(c for c in self.components if c.id == component_id)

    @property
    def max_time_limit_days(self) -> float | None:
        """Longest published time limit across channels, in working days."""
        days = [c.time_limit.working_days for c in self.channels if c.time_limit]
        return max(days) if days else None
