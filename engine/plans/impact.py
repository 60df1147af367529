"""What each measure alone would change: annual compliance cost and time limit, before and after.

This is the "benefit" column of a simplification plan (lợi ích của phương án). Each measure is applied
on its own, whatever its status, so a reviewer sees the benefit before deciding.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from engine.cost.compliance import compliance_cost
from engine.cost.parameters import CostParameters
from engine.model import Procedure
from engine.plans.model import MeasureStatus, Plan, PlanMeasure
from engine.plans.projection import apply_plan


class MeasureImpact(BaseModel):
    measure_id: int
    applicable: bool  # False: the measure's procedure or target is not in the catalogue
    annual_cost_before_vnd: int = 0
    annual_cost_after_vnd: int = 0
    days_before: float | None = None  # longest time limit, working days
    days_after: float | None = None
    estimate: bool = False  # the cost figures depend on working assumptions
    note: str = ""

    @property
    def annual_saving_vnd(self) -> int:
        return self.annual_cost_before_vnd - self.annual_cost_after_vnd

    @property
    def saving_share(self) -> float | None:
        before = self.annual_cost_before_vnd
        return self.annual_saving_vnd / before if before else None


def measure_impacts(
    procedures: Sequence[Procedure], plan: Plan, params: CostParameters
) -> dict[int, MeasureImpact]:
    """The impact of every measure of ``plan`` applied alone, by measure id."""
    by_code = {p.code: p for p in procedures}
    return {m.id: _impact(m, plan, by_code, params) for m in plan.measures}


def _impact(
    measure: PlanMeasure, plan: Plan, by_code: dict[str, Procedure], params: CostParameters
) -> MeasureImpact:
    procedure = by_code.get(measure.procedure_code)
    if procedure is None:
        return MeasureImpact(measure_id=measure.id, applicable=False, note="procedure not in the catalogue")
    group = [procedure] + [by_code[c] for c in measure.related_codes if c in by_code and c != procedure.code]
    alone = plan.model_copy(
        update={"measures": [measure.model_copy(update={"status": MeasureStatus.accepted})]}
    )
    projection = apply_plan(group, alone, params)
    if not projection.applied:
        return MeasureImpact(measure_id=measure.id, applicable=False, note="; ".join(projection.notes))
    before = [compliance_cost(p, params) for p in group]
    after = [compliance_cost(p, params) for p in projection.procedures]
    kept = next((p for p in projection.procedures if p.code == procedure.code), None)
    return MeasureImpact(
        measure_id=measure.id,
        applicable=True,
        annual_cost_before_vnd=sum(b.annual_vnd for b in before),
        annual_cost_after_vnd=sum(b.annual_vnd for b in after),
        days_before=procedure.max_time_limit_days,
        days_after=kept.max_time_limit_days if kept else None,
        estimate=any(b.depends_on_estimate for b in before + after),
    )
