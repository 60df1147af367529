"""Progress of a plan as the overview page shows it: each target's baseline, achieved (measures done),
projected (measures accepted or done) and target line; procedures cut, and cut or simplified, counted
as official reports count them; and the plan's decisions over time from its audit trail.

Figures of the paths-to-targets work (how far candidates go, dossier volumes) slot in beside these as
further fields of :class:`Overview`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.model import Measure, Procedure
from engine.plans.model import APPLIED, AuditEntry, MeasureStatus, Plan
from engine.plans.progress import GroupProgress, ProgressReport, Targets, load_targets
from engine.plans.progress import progress as target_progress
from engine.plans.service import progress

# Measures that take a procedure out of the catalogue: the "cut" of official reports (bãi bỏ, and the
# procedures folded into another by a merge).
CUTS = frozenset({Measure.abolish, Measure.merge})


@dataclass(frozen=True)
class ProcedureCounts:
    cut: int  # procedures abolished or merged away
    cut_or_simplified: int  # procedures with any measure applied


@dataclass
class Overview:
    achieved: ProgressReport  # measures done
    projected: ProgressReport  # measures accepted or done
    achieved_counts: ProcedureCounts
    projected_counts: ProcedureCounts
    status_counts: dict[str, int]


def plan_with(plan: Plan, statuses: frozenset[MeasureStatus]) -> Plan:
    """``plan`` with only measures in ``statuses`` left applied (the others as if merely proposed)."""
    measures = [
        m if m.status in statuses else m.model_copy(update={"status": MeasureStatus.proposed})
        for m in plan.measures
    ]
    return plan.model_copy(update={"measures": measures})


def procedure_counts(plan: Plan, statuses: frozenset[MeasureStatus]) -> ProcedureCounts:
    chosen = [m for m in plan.measures if m.status in statuses]
    return ProcedureCounts(
        cut=len({m.procedure_code for m in chosen if m.measure in CUTS}),
        cut_or_simplified=len({m.procedure_code for m in chosen}),
    )


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
        achieved = unchanged(projected, targets)  # nothing done yet: no second projection to compute
    return Overview(
        achieved=achieved,
        projected=projected,
        achieved_counts=procedure_counts(plan, done),
        projected_counts=procedure_counts(plan, APPLIED),
        status_counts=dict(Counter(m.status.value for m in plan.measures)),
    )


def unchanged(report: ProgressReport, targets: Targets) -> ProgressReport:
    """The catalogue of ``report`` as it was before any measure: every figure after equals before."""
    return ProgressReport(
        before=report.before,
        after=report.before,
        targets=target_progress(report.before, report.before, targets),
        groups=[
            GroupProgress(
                dimension=g.dimension,
                group=g.group,
                before=g.before,
                after=g.before,
                targets=target_progress(g.before, g.before, targets),
            )
            for g in report.groups
        ],
        assumptions=report.assumptions,
    )


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
