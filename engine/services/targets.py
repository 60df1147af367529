"""How far the candidates go: for each kind of measure, what accepting every candidate would give.

A candidate is a finding; its rule proposes a measure (abolish, merge, replace a document with data…).
For each kind, a plan accepting all its candidates is projected onto the catalogue and compared with it,
target by target; a last row accepts every candidate of every kind. The gap is what would remain to do
even then. Experimental rules count (they are where most merges and time cuts come from) and each row
says whether it rests on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, Field

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.model import Finding, Measure
from engine.plans.model import MEASURE_LABELS_VI, MeasureDraft, MeasureStatus, Plan, PlanMeasure, utc_now
from engine.plans.progress import (
    Goal,
    Metric,
    ProcedureCount,
    Scope,
    TargetProgress,
    Targets,
    baseline,
    compare,
    load_targets,
)
from engine.plans.projection import apply_plan
from engine.plans.service import drafts_from_findings
from engine.services.audit import Rulebook, audit, load_rulebook
from engine.services.catalogue import Catalogue

ALL_MEASURES = "all"  # the row accepting every candidate of every kind


class TargetReach(BaseModel):
    """One target, if every candidate of one kind were accepted."""

    target_id: str
    metric: Metric
    goal: Goal
    scope: Scope
    label_vi: str
    label_en: str
    required: float  # the reduction or share the target asks for
    achieved: float | None  # reduction (or share reached) after accepting the candidates
    progress: float | None  # achieved / required: 1.0 meets the target
    gap: float | None  # required − achieved, never below 0: what would still remain to do
    met: bool
    estimate: bool  # rests on assumed volumes or hours
    deadline: dt.date
    passed: bool  # the deadline is before the as-of date

    @classmethod
    def of(cls, t: TargetProgress) -> TargetReach:
        return cls(
            target_id=t.id,
            metric=t.metric,
            goal=t.goal,
            scope=t.scope,
            label_vi=t.label_vi,
            label_en=t.label_en,
            required=t.required,
            achieved=t.achieved,
            progress=t.progress,
            gap=t.gap,
            met=t.met,
            estimate=t.estimate,
            deadline=t.deadline,
            passed=t.passed,
        )


class MeasureReach(BaseModel):
    """What accepting every candidate of one kind of measure would give, against every target."""

    measure: str  # a Measure value (or a rule id, by rule), or "all"
    label_vi: str
    candidates: int  # measures proposed (one per finding)
    procedures: int  # procedures with at least one candidate
    applied: int  # candidates the projection could apply (the others are listed in notes)
    rules: list[str]  # the rules proposing them
    experimental: bool  # at least one of those rules is experimental
    counts: list[ProcedureCount]  # procedures cut, and cut or simplified (overall, business)
    targets: list[TargetReach]
    notes: int = 0  # candidates that could not be applied (e.g. a step measure naming no step)


class ReachReport(BaseModel):
    as_of: dt.date
    procedures: int
    experimental_included: bool
    by_rule: bool = False  # rows are rules, not kinds of measure
    counted_volumes: int = 0  # procedures whose annual volume is counted (imported statistics)
    assumed_volumes: int = 0  # procedures whose cost rests on an assumed or estimated volume
    rows: list[MeasureReach]  # one per kind with candidates, then the "all" row
    assumptions: list[str] = Field(default_factory=list)

    def row(self, measure: str) -> MeasureReach | None:
        return next((r for r in self.rows if r.measure == measure), None)


def candidate_reach(
    catalogue: Catalogue,
    findings: Sequence[Finding] | None = None,
    rulebook: Rulebook | None = None,
    targets: Targets | None = None,
    params: CostParameters | None = None,
    as_of: dt.date | None = None,
    include_experimental: bool = True,
    by_rule: bool = False,
) -> ReachReport:
    """For each kind of measure, the targets' progress if every candidate of that kind were accepted.

    ``findings`` default to an audit of ``catalogue`` with ``rulebook`` (all rules, experimental ones
    too unless ``include_experimental`` is false). With ``by_rule``, one row per rule instead of per
    kind of measure (``MeasureReach.measure`` is then the rule id). This is what the workbench's targets
    page shows.
    """
    as_of = as_of or dt.date.today()
    rulebook = rulebook or load_rulebook(include_experimental=include_experimental)
    if findings is None:
        findings = audit(catalogue, rulebook, audit_date=as_of).findings
    targets = targets or load_targets()
    params = params or load_cost_parameters()
    experimental = {r.id for r in rulebook.rules if r.experimental}
    drafts = drafts_from_findings(findings)
    rule_of = {f.key: f.rule_id for f in findings}
    titles = {r.id: r.title_vi for r in rulebook.rules}
    groups: list[tuple[str, str, list[MeasureDraft]]] = []  # (key, label, drafts)
    if by_rule:
        for rule_id in dict.fromkeys(rule_of[d.finding_key] for d in drafts if d.finding_key):
            chosen = [d for d in drafts if d.finding_key and rule_of[d.finding_key] == rule_id]
            groups.append((rule_id, titles.get(rule_id, rule_id), chosen))
    else:
        for kind in Measure:
            chosen = [d for d in drafts if d.measure == kind]
            if chosen:
                groups.append((kind.value, MEASURE_LABELS_VI[kind], chosen))
    groups.append((ALL_MEASURES, "Tất cả các loại phương án", list(drafts)))
    rows = []
    assumptions: set[str] = set()
    base = baseline(catalogue.procedures, params)  # the catalogue as it is, for every row
    for key, label, chosen in groups:
        rules = sorted({rule_of[d.finding_key] for d in chosen if d.finding_key})
        plan = _accept_all(chosen)
        projection = apply_plan(catalogue.procedures, plan, params)
        changed = {m.procedure_code for m in plan.measures if m.id in set(projection.applied)}
        report = compare(
            catalogue.procedures,
            projection.procedures,
            params,
            targets,
            changed,
            as_of,
            groups=False,
            base=base,
        )
        assumptions.update(report.assumptions)
        rows.append(
            MeasureReach(
                measure=key,
                label_vi=label,
                candidates=len(chosen),
                procedures=len({d.procedure_code for d in chosen}),
                applied=len(projection.applied),
                rules=rules,
                experimental=bool(set(rules) & experimental),
                counts=report.counts,
                targets=[TargetReach.of(t) for t in report.targets],
                notes=len(projection.notes),
            )
        )
    counted = sum(1 for p in catalogue.procedures if p.annual_volume and not p.annual_volume.estimate)
    return ReachReport(
        as_of=as_of,
        procedures=len(catalogue.procedures),
        experimental_included=include_experimental,
        by_rule=by_rule,
        counted_volumes=counted,
        assumed_volumes=len(catalogue.procedures) - counted,
        rows=rows,
        assumptions=sorted(assumptions),
    )


def _accept_all(drafts: Sequence[MeasureDraft]) -> Plan:
    """An in-memory plan with every draft accepted: nothing is stored."""
    now = utc_now()
    measures = [
        PlanMeasure(**d.model_dump(), id=i, status=MeasureStatus.accepted, updated_at=now)
        for i, d in enumerate(drafts, start=1)
    ]
    return Plan(
        id=0, name="candidates", created_by="tinhgon", created_at=now, updated_at=now, measures=measures
    )
