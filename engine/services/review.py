"""The review queue: every finding of the catalogue beside the chosen plan's measures, and decisions on
them written through the plan service (so ``tinhgon plan history`` shows them).

A finding the plan does not hold yet is added to it as a proposed measure when someone decides on it;
a person's own measure (no finding) is in the queue too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from engine.cost.compliance import counted_case
from engine.errors import UserError
from engine.model import Finding, Measure, Procedure, TargetKind
from engine.model.target_matching import Identity, match_targets
from engine.plans.model import AuditEntry, MeasureStatus, Plan, PlanMeasure
from engine.plans.repository import PlanRepository
from engine.plans.service import drafts_from_findings, set_comment, set_status
from engine.services.audit import AuditResult, Rulebook
from engine.services.baseline import finding_identity
from engine.services.catalogue import Catalogue
from engine.services.catalogue_table import finding_database
from engine.services.rules_info import RulePrecision

NOT_IN_PLAN = "not_in_plan"  # the status filter value of findings the plan does not hold


@dataclass
class ReviewItem:
    key: str  # the finding's key, or ``measure:<id>`` for a person's own measure
    procedure_code: str
    procedure_name: str
    field: str
    levels: tuple[str, ...]
    measure: Measure
    target_label: str
    message_vi: str
    message_en: str
    rule_id: str | None = None
    severity: str | None = None
    database: str | None = None
    experimental: bool = False
    precision: RulePrecision | None = None
    finding: Finding | None = None
    measure_id: int | None = None  # None: not in the plan yet
    status: str = NOT_IN_PLAN
    reviewer: str | None = None
    comment: str | None = None
    version: int | None = None
    # The component's case and the case the cost counts, when they differ: the saving is real for those
    # applicants but leaves the compliance cost (common components and the largest case) as it is.
    uncounted_case: tuple[str, str] | None = None


@dataclass
class QueueFilter:
    rules: Collection[str] = ()
    severities: Collection[str] = ()
    fields: Collection[str] = ()
    levels: Collection[str] = ()
    databases: Collection[str] = ()
    statuses: Collection[str] = ()
    experimental: bool | None = None  # None: both

    def matches(self, item: ReviewItem) -> bool:
        return (
            (not self.rules or item.rule_id in self.rules)
            and (not self.severities or item.severity in self.severities)
            and (not self.fields or item.field in self.fields)
            and (not self.levels or bool(set(item.levels) & set(self.levels)))
            and (not self.databases or item.database in self.databases)
            and (not self.statuses or item.status in self.statuses)
            and (self.experimental is None or item.experimental == self.experimental)
        )


@dataclass
class ReviewQueue:
    items: list[ReviewItem]
    options: dict[str, list[str]] = field(default_factory=dict)

    def filter(self, spec: QueueFilter) -> list[ReviewItem]:
        return [item for item in self.items if spec.matches(item)]

    def by_key(self, keys: Collection[str]) -> list[ReviewItem]:
        return [item for item in self.items if item.key in keys]


def review_queue(
    catalogue: Catalogue,
    result: AuditResult,
    rulebook: Rulebook,
    plan: Plan | None,
    precision: dict[str, RulePrecision] | None = None,
) -> ReviewQueue:
    """The findings of ``result`` joined with ``plan``'s measures, then the plan's own measures."""
    precision = precision or {}
    procedures = {p.code: p for p in catalogue.procedures}
    from_findings = [m for m in plan.measures if m.finding_key and m.target] if plan else []
    # A record edited since the plan was made may have renumbered its documents: match as a baseline does.
    found = match_targets(result.findings, from_findings, finding_identity, _measure_identity)
    items = []
    for f, at in zip(result.findings, found, strict=True):
        rule = rulebook.rule(f.rule_id)
        item = ReviewItem(
            key=f.key,
            procedure_code=f.procedure_code,
            procedure_name=f.procedure_name,
            field=_field(procedures, f.procedure_code),
            levels=_levels(procedures, f.procedure_code),
            measure=f.measure,
            target_label=f.target.label,
            message_vi=f.message_vi,
            message_en=f.message_en,
            rule_id=f.rule_id,
            severity=f.severity.value,
            database=finding_database(f),
            experimental=bool(rule and rule.experimental),
            precision=precision.get(f.rule_id),
            finding=f,
            uncounted_case=_uncounted_case(procedures.get(f.procedure_code), f),
        )
        if at is not None:
            _take_decision(item, from_findings[at])
        items.append(item)
    joined = {from_findings[at].id for at in found if at is not None}
    for m in plan.measures if plan else []:
        if m.id in joined:
            continue
        item = ReviewItem(
            key=m.finding_key or f"measure:{m.id}",
            procedure_code=m.procedure_code,
            procedure_name=m.procedure_name,
            field=_field(procedures, m.procedure_code),
            levels=_levels(procedures, m.procedure_code),
            measure=m.measure,
            target_label=m.target.label if m.target else m.procedure_name,
            message_vi=m.message,
            message_en=m.message,
            rule_id=_rule_of(m),
            severity=m.severity.value if m.severity else None,
        )
        _take_decision(item, m)
        items.append(item)
    options = {
        "rules": sorted({i.rule_id for i in items if i.rule_id}),
        "severities": [s for s in ("high", "medium", "low") if any(i.severity == s for i in items)],
        "fields": sorted({i.field for i in items if i.field}),
        "levels": sorted({v for i in items for v in i.levels}),
        "databases": sorted({i.database for i in items if i.database}),
        "statuses": [NOT_IN_PLAN, *(s.value for s in MeasureStatus)],
    }
    return ReviewQueue(items=items, options=options)


def _measure_identity(m: PlanMeasure) -> Identity:
    assert m.target  # measures from findings only
    return (_rule_of(m) or "", m.procedure_code, m.target.kind), m.target.id, m.target.label


def _rule_of(m: PlanMeasure) -> str | None:
    """The rule of the finding a measure came from (its key starts with the rule)."""
    return m.finding_key.split(":", 1)[0] if m.finding_key else None


def _uncounted_case(procedure: Procedure | None, finding: Finding) -> tuple[str, str] | None:
    if procedure is None or finding.target.kind != TargetKind.component:
        return None
    component = next((c for c in procedure.components if c.id == finding.target.id), None)
    counted = counted_case(procedure)
    if component is None or not component.case or counted is None or component.case == counted:
        return None
    return component.case, counted


def decide(
    repo: PlanRepository,
    plan_id: int,
    items: Sequence[ReviewItem],
    reviewer: str,
    status: MeasureStatus | None = None,
    comment: str | None = None,
) -> Plan:
    """Set ``status`` (and/or ``comment``) on ``items`` in plan ``plan_id``, adding the findings the plan
    does not hold yet as measures first. Versions read with the queue guard against stale decisions."""
    if not items:
        raise UserError("choose at least one finding or measure")
    if status is None and not (comment and comment.strip()):
        raise UserError("give a decision or a comment")
    if not reviewer.strip():
        raise UserError("give the reviewer's name")
    new = [i.finding for i in items if i.measure_id is None and i.finding is not None]
    held = {m.finding_key: m for m in repo.get(plan_id).measures if m.finding_key} if new else {}
    if clash := next((f for f in new if f.key in held), None):
        # The record was edited: the plan's measure on this position is about another document now.
        earlier = held[clash.key].target
        raise UserError(
            f"{clash.procedure_code}: the plan already has measure {held[clash.key].id} on "
            f"{clash.target.id} «{earlier.label if earlier else ''}», which the record now lists under "
            f"another number or no longer; decide on that measure first"
        )
    added = {m.finding_key: m for m in repo.add(plan_id, drafts_from_findings(new), reviewer)} if new else {}
    ids: list[int] = []
    versions: dict[int, int] = {}
    for item in items:
        if item.measure_id is not None:
            ids.append(item.measure_id)
            if item.version is not None:
                versions[item.measure_id] = item.version
        elif item.key in added:
            ids.append(added[item.key].id)
    ids = list(dict.fromkeys(ids))
    if status is not None:
        return set_status(repo, plan_id, ids, status, reviewer, comment or None, versions)
    plan = repo.get(plan_id)
    for measure_id in ids:
        plan = set_comment(repo, plan_id, measure_id, reviewer, comment or "", versions.get(measure_id))
    return plan


def _take_decision(item: ReviewItem, measure: PlanMeasure) -> None:
    item.measure_id = measure.id
    item.status = measure.status.value
    item.reviewer = measure.reviewer
    item.comment = measure.comment
    item.version = measure.version


def _field(procedures: dict, code: str) -> str:
    p = procedures.get(code)
    return (p.field or "") if p else ""


def _levels(procedures: dict, code: str) -> tuple[str, ...]:
    p = procedures.get(code)
    return tuple(level.value for level in p.levels) if p else ()


def decisions_on(repo: PlanRepository, plan_id: int, measure_id: int) -> list[AuditEntry]:
    """What happened to one measure of a plan, oldest first: its addition, then each status and comment.

    The reviewer's own rows are left out: every row already names who made the change.
    """
    return [e for e in repo.history(plan_id) if e.measure_id == measure_id and e.field != "reviewer"]
