"""Before/after comparison of a catalogue and progress against the reform targets.

Three targets (``rules/targets.yaml``): fewer procedures, less processing time (sum of the time limits,
in working days), less annual compliance cost. Each is reported overall and for every level, field and
agency; a procedure with several levels or agencies counts in each of their groups.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field, RootModel, ValidationError, computed_field

from engine.adapters.yaml_files import read_yaml, validation_problems
from engine.cost.compliance import compliance_cost
from engine.cost.model import CostBreakdown
from engine.cost.parameters import CostParameters, default_rules_dir
from engine.errors import UserError
from engine.model import OnlineLevel, Procedure
from engine.model.procedure import Strict

TARGETS_FILE = "targets.yaml"
UNKNOWN_GROUP = "(không rõ)"


class Metric(StrEnum):
    procedures = "procedures"
    time = "time"
    cost = "cost"


class ReformTarget(Strict):
    share: float = Field(gt=0, le=1)  # the reduction required, 0.30 = 30%
    deadline: dt.date
    label_vi: str
    label_en: str
    reference: str
    date: dt.date  # when the target was set


class Targets(RootModel[dict[Metric, ReformTarget]]):
    root: dict[Metric, ReformTarget]


def load_targets(path: Path | None = None) -> Targets:
    """Read the targets (the bundled ``rules/targets.yaml`` by default); problems name file and field."""
    path = Path(path) if path else default_rules_dir() / TARGETS_FILE
    if not path.exists():
        raise UserError(f"{path}: targets file not found")
    data, problems = read_yaml(path)
    if not problems:
        try:
            return Targets.model_validate(data)
        except ValidationError as error:
            problems = validation_problems(str(path), error)
    raise UserError("; ".join(str(p) for p in problems))


class Metrics(BaseModel):
    """The figures the plan is judged on, for one set of procedures."""

    procedures: int
    components: int
    steps: int
    with_time_limit: int  # procedures stating a time limit; the time figures cover these
    time_limit_total_days: float
    time_limit_median_days: float | None
    annual_cost_vnd: int
    cost_depends_on_estimate: bool
    estimated_volumes: int  # procedures whose annual volume is assumed
    fully_online: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fully_online_share(self) -> float | None:
        return self.fully_online / self.procedures if self.procedures else None

    def value(self, metric: Metric) -> float:
        return {
            Metric.procedures: float(self.procedures),
            Metric.time: self.time_limit_total_days,
            Metric.cost: float(self.annual_cost_vnd),
        }[metric]


class TargetProgress(BaseModel):
    metric: Metric
    label_vi: str
    required: float  # reduction the target asks for
    before: float
    after: float
    reduction: float | None  # achieved reduction, None when there was nothing to reduce
    met: bool
    estimate: bool  # the figures depend on working assumptions
    deadline: dt.date
    reference: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def progress(self) -> float | None:
        """Share of the target achieved: 1.0 means the target is just met."""
        return None if self.reduction is None else self.reduction / self.required


class GroupProgress(BaseModel):
    dimension: str  # level, field or agency
    group: str
    before: Metrics
    after: Metrics
    targets: list[TargetProgress]


class ProgressReport(BaseModel):
    before: Metrics
    after: Metrics
    targets: list[TargetProgress]
    groups: list[GroupProgress]
    assumptions: list[str]  # every parameter a figure used, with its value and reference
    notes: list[str] = Field(default_factory=list)  # e.g. measures the projection could not apply

    def by(self, dimension: str) -> list[GroupProgress]:
        return [g for g in self.groups if g.dimension == dimension]


def _levels(p: Procedure) -> list[str]:
    return [level.value for level in p.levels]


def _field(p: Procedure) -> list[str]:
    return [p.field] if p.field else []


def _agencies(p: Procedure) -> list[str]:
    return p.agencies.executing or p.agencies.competent


DIMENSIONS: dict[str, Callable[[Procedure], list[str]]] = {
    "level": _levels,
    "field": _field,
    "agency": _agencies,
}


def compare(
    before: Sequence[Procedure], after: Sequence[Procedure], params: CostParameters, targets: Targets
) -> ProgressReport:
    """Compare a catalogue with its projection, overall and by level, field and agency."""
    costs_before = {p.code: compliance_cost(p, params) for p in before}
    unchanged = {id(p) for p in before}  # the projection returns procedures it left alone as they were
    costs_after = {
        p.code: costs_before[p.code] if id(p) in unchanged else compliance_cost(p, params) for p in after
    }
    overall_before = metrics(before, costs_before)
    overall_after = metrics(after, costs_after)
    groups = []
    for dimension, keys in DIMENSIONS.items():
        grouped_before = _group(before, keys)
        grouped_after = _group(after, keys)
        for name in sorted(grouped_before.keys() | grouped_after.keys()):
            group_before = metrics(grouped_before.get(name, []), costs_before)
            group_after = metrics(grouped_after.get(name, []), costs_after)
            groups.append(
                GroupProgress(
                    dimension=dimension,
                    group=name,
                    before=group_before,
                    after=group_after,
                    targets=progress(group_before, group_after, targets),
                )
            )
    used = sorted({n for b in [*costs_before.values(), *costs_after.values()] for n in b.parameters})
    return ProgressReport(
        before=overall_before,
        after=overall_after,
        targets=progress(overall_before, overall_after, targets),
        groups=groups,
        assumptions=[params.describe(name) for name in used],
    )


def metrics(procedures: Iterable[Procedure], costs: dict[str, CostBreakdown]) -> Metrics:
    procedures = list(procedures)
    limits = [p.max_time_limit_days for p in procedures if p.max_time_limit_days is not None]
    breakdowns = [costs[p.code] for p in procedures]
    return Metrics(
        procedures=len(procedures),
        components=sum(len(p.components) for p in procedures),
        steps=sum(len(p.steps) for p in procedures),
        with_time_limit=len(limits),
        time_limit_total_days=round(sum(limits), 2),
        time_limit_median_days=statistics.median(limits) if limits else None,
        annual_cost_vnd=sum(b.annual_vnd for b in breakdowns),
        cost_depends_on_estimate=any(b.depends_on_estimate for b in breakdowns),
        estimated_volumes=sum(b.volume_is_estimate for b in breakdowns),
        fully_online=sum(p.online_level == OnlineLevel.full for p in procedures),
    )


def progress(before: Metrics, after: Metrics, targets: Targets) -> list[TargetProgress]:
    """How far the reduction from ``before`` to ``after`` goes towards each target."""
    rows = []
    for metric, target in targets.root.items():
        old, new = before.value(metric), after.value(metric)
        reduction = (old - new) / old if old else None
        rows.append(
            TargetProgress(
                metric=metric,
                label_vi=target.label_vi,
                required=target.share,
                before=old,
                after=new,
                reduction=reduction,
                # Compare in whole tenths of a percent, so 0.3 achieved meets 0.3 despite float noise.
                met=reduction is not None and round(reduction, 3) >= round(target.share, 3),
                estimate=metric == Metric.cost
                and (before.cost_depends_on_estimate or after.cost_depends_on_estimate),
                deadline=target.deadline,
                reference=target.reference,
            )
        )
    return rows


def _group(
    procedures: Iterable[Procedure], keys: Callable[[Procedure], list[str]]
) -> dict[str, list[Procedure]]:
    groups: dict[str, list[Procedure]] = {}
    for procedure in procedures:
        for key in dict.fromkeys(keys(procedure)) or [UNKNOWN_GROUP]:
            groups.setdefault(key, []).append(procedure)
    return groups
