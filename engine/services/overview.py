"""Progress of a plan as the overview page shows it: each target's baseline, achieved (measures done),
projected (measures accepted or done) and target line; procedures cut, and cut or simplified, counted
as official reports count them (``ProgressReport.counts``, as ``tinhgon progress`` counts them); and the
plan's decisions over time from its audit trail. How far the candidates go is
``engine.services.targets.candidate_reach``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.model import Procedure
from engine.plans.model import AuditEntry, MeasureStatus, Plan
from engine.plans.progress import (
    Goal,
    GroupProgress,
    ProcedureCount,
    ProgressReport,
    TargetProgress,
    Targets,
    load_targets,
)
from engine.plans.service import progress


@dataclass
class Overview:
    achieved: ProgressReport  # measures done
    projected: ProgressReport  # measures accepted or done
    status_counts: dict[str, int]


def plan_with(plan: Plan, statuses: frozenset[MeasureStatus]) -> Plan:
    """``plan`` with only measures in ``statuses`` left applied (the others as if merely proposed)."""
    measures = [
        m if m.status in statuses else m.model_copy(update={"status": MeasureStatus.proposed})
        for m in plan.measures
    ]
    return plan.model_copy(update={"measures": measures})


def overview(
    procedures: Sequence[Procedure],
    plan: Plan,
    params: CostParameters | None = None,
    targets: Targets | None = None,
) -> Overview:
    params = params or load_cost_parameters()
    targets = targets or load_targets()
    done = frozenset({MeasureStatus.done})
    projected = progress(procedures, plan, params, targets)
    if any(m.status == MeasureStatus.done for m in plan.measures):
        achieved = progress(procedures, plan_with(plan, done), params, targets)
    else:
        achieved = unchanged(projected)  # nothing done yet: no second projection to compute
    return Overview(
        achieved=achieved,
        projected=projected,
        status_counts=dict(Counter(m.status.value for m in plan.measures)),
    )


def unchanged(report: ProgressReport) -> ProgressReport:
    """The catalogue of ``report`` as it was before any measure: every figure after equals before."""
    return ProgressReport(
        before=report.before,
        after=report.before,
        targets=[_as_before(tp) for tp in report.targets],
        groups=[
            GroupProgress(
                dimension=g.dimension,
                group=g.group,
                before=g.before,
                after=g.before,
                targets=[_as_before(tp) for tp in g.targets],
            )
            for g in report.groups
        ],
        assumptions=report.assumptions,
        counts=[
            ProcedureCount(scope=c.scope, before=c.before, cut=0, simplified=0, cut_or_simplified=0)
            for c in report.counts
        ],
        as_of=report.as_of,
    )


def _as_before(target: TargetProgress) -> TargetProgress:
    """A target's progress when nothing has changed: no reduction, a reach goal's share as it was."""
    if target.goal == Goal.reduce:
        achieved = 0.0 if target.before else None
        return target.model_copy(
            update={"after": target.before, "achieved": achieved, "reduction": achieved, "met": False}
        )
    share = target.achieved_before
    met = share is not None and round(share, 3) >= round(target.required, 3)
    return target.model_copy(update={"after": target.before, "achieved": share, "met": met})


@dataclass(frozen=True)
class TimelinePoint:
    at: dt.datetime
    counts: dict[str, int]  # measures by status right after this change


def plan_timeline(plan: Plan, history: Sequence[AuditEntry]) -> list[TimelinePoint]:
    """How many measures were in each status after each change of the audit trail, oldest first."""
    created = next((e for e in history if e.measure_id is None and e.field == "plan"), None)
    # Measures present from the start; later ones appear with their "measure" audit row.
    later = {e.measure_id for e in history if e.measure_id is not None and e.field == "measure"}
    status: dict[int, str] = {m.id: MeasureStatus.proposed.value for m in plan.measures if m.id not in later}
    points = [TimelinePoint(created.at if created else plan.created_at, dict(Counter(status.values())))]
    for entry in history:
        if entry.measure_id is None:
            continue
        if entry.field == "measure":
            status[entry.measure_id] = MeasureStatus.proposed.value
        elif entry.field == "status" and entry.new:
            status[entry.measure_id] = entry.new
        else:
            continue
        points.append(TimelinePoint(entry.at, dict(Counter(status.values()))))
    return points
