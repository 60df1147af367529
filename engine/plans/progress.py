"""Before/after comparison of a catalogue and progress against the reform targets.

The targets (``rules/targets.yaml``) are data: each says which metric it measures (procedures, time,
cost, online, digital inspection), whether it asks for a reduction or a share to reach, on which
procedures (all, or those related to business), by when, and on which reference. Each is reported
overall and for every level, field and agency; a procedure with several levels or agencies counts in
each of their groups. Procedures are counted the two ways official reports count them: cut (abolished or
merged into another) and cut or simplified (at least one applied measure).
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, computed_field, field_validator

from engine.adapters.yaml_files import read_yaml, validation_problems
from engine.cost.compliance import compliance_cost
from engine.cost.model import CostBreakdown
from engine.cost.parameters import CostParameters, default_rules_dir
from engine.errors import UserError
from engine.model import ChannelKind, OnlineLevel, Procedure, StepKind
from engine.model.procedure import Strict
from engine.recognise.text import fold

TARGETS_FILE = "targets.yaml"
UNKNOWN_GROUP = "(không rõ)"


class Metric(StrEnum):
    procedures = "procedures"
    time = "time"
    cost = "cost"
    online = "online"
    digital_inspection = "digital_inspection"


class Goal(StrEnum):
    reduce = "reduce"  # cut the metric by the share
    reach = "reach"  # bring a share of procedures up to the share


class Scope(StrEnum):
    all = "all"
    business = "business"  # procedures related to production and business (Resolution 66/NQ-CP)


# Applicant types (accent-folded) that make a procedure one "related to business".
BUSINESS_APPLICANTS = ("doanh nghiep", "hop tac xa", "ho kinh doanh")


def in_scope(procedure: Procedure, scope: Scope) -> bool:
    return scope == Scope.all or _business(tuple(procedure.applicant_types))


@functools.lru_cache(maxsize=4096)
def _business(applicant_types: tuple[str, ...]) -> bool:
    # Cached: a catalogue has few distinct applicant lists, and comparisons ask about every procedure.
    return any(word in fold(applicant) for applicant in applicant_types for word in BUSINESS_APPLICANTS)


class ReformTarget(Strict):
    id: str
    metric: Metric
    goal: Goal = Goal.reduce
    scope: Scope = Scope.all
    share: float = Field(gt=0, le=1)  # the reduction required, or the share to reach
    deadline: dt.date
    label_vi: str
    label_en: str
    reference: str
    date: dt.date  # when the target was set
    reference_en: str = ""  # the reference in English, for the English workbench

    def passed(self, as_of: dt.date) -> bool:
        return as_of > self.deadline


class Targets(Strict):
    targets: list[ReformTarget]

    @field_validator("targets")
    @classmethod
    def _unique_ids(cls, targets: list[ReformTarget]) -> list[ReformTarget]:
        ids = [t.id for t in targets]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate target id {', '.join(duplicates)}")
        return targets

    def get(self, target_id: str) -> ReformTarget:
        found = next((t for t in self.targets if t.id == target_id), None)
        if found is None:
            raise UserError(f"no target {target_id!r}; targets: {', '.join(t.id for t in self.targets)}")
        return found


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
    with_online: int = 0  # procedures with an online channel
    with_onsite_inspection: int = 0  # procedures with an on-site inspection step

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fully_online_share(self) -> float | None:
        return self.fully_online / self.procedures if self.procedures else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def online_share(self) -> float | None:
        return self.with_online / self.procedures if self.procedures else None

    def value(self, metric: Metric) -> float:
        return {
            Metric.procedures: float(self.procedures),
            Metric.time: self.time_limit_total_days,
            Metric.cost: float(self.annual_cost_vnd),
            Metric.online: float(self.with_online),
            Metric.digital_inspection: float(self.with_onsite_inspection),
        }[metric]


class TargetProgress(BaseModel):
    metric: Metric
    label_vi: str
    required: float  # reduction the target asks for, or the share to reach
    before: float
    after: float
    reduction: float | None  # reduction goals: achieved reduction, None when there was nothing to reduce
    met: bool
    estimate: bool  # the figures depend on working assumptions
    deadline: dt.date
    reference: str
    id: str = ""
    label_en: str = ""
    reference_en: str = ""
    goal: Goal = Goal.reduce
    scope: Scope = Scope.all
    scope_procedures: int = 0  # procedures in the target's scope before the plan
    achieved: float | None = None  # the reduction, or for reach goals the share reached after the plan
    achieved_before: float | None = None  # reach goals: the share before the plan
    passed: bool = False  # the deadline is before the as-of date
    as_of: dt.date | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def progress(self) -> float | None:
        """Share of the target achieved: 1.0 means the target is just met."""
        return None if self.achieved is None else self.achieved / self.required

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gap(self) -> float | None:
        """What remains to do, in the target's own unit (share points); 0 when met."""
        return None if self.achieved is None else max(0.0, self.required - self.achieved)


class ProcedureCount(BaseModel):
    """Procedures counted as official reports count them: cut, and cut or simplified."""

    scope: Scope
    before: int
    cut: int  # abolished, or merged into another procedure
    simplified: int  # still there, with at least one applied measure
    cut_or_simplified: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cut_share(self) -> float | None:
        return self.cut / self.before if self.before else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cut_or_simplified_share(self) -> float | None:
        return self.cut_or_simplified / self.before if self.before else None


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
    counts: list[ProcedureCount] = Field(default_factory=list)  # overall and for business procedures
    as_of: dt.date | None = None

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

Costs = dict[str, CostBreakdown]


@dataclass(frozen=True)
class _Row:
    """What ``metrics`` reads of one procedure."""

    components: int
    steps: int
    max_days: float | None
    fully_online: bool
    with_online: bool
    with_onsite_inspection: bool


def _row(p: Procedure) -> _Row:
    return _Row(
        components=len(p.components),
        steps=len(p.steps),
        max_days=p.max_time_limit_days,
        fully_online=p.online_level == OnlineLevel.full,
        with_online=p.channel(ChannelKind.online) is not None,
        with_onsite_inspection=any(s.kind == StepKind.inspect for s in p.steps),
    )


Rows = dict[int, _Row]  # by ``id`` of the procedure: rows of the procedures a caller holds


@dataclass(frozen=True)
class Baseline:
    """The catalogue before any measure: its costs, the codes in each target scope and their metrics.

    Computed once when one catalogue is compared with many projections (``candidate_reach``), and kept
    for the latest catalogues compared (``baseline``)."""

    procedures: Sequence[Procedure]
    costs: Costs
    scope_codes: dict[Scope, frozenset[str]]
    metrics: dict[Scope, Metrics]
    rows: Rows


# The baselines of the latest catalogues, by cost parameters and by the identity of each procedure: a
# plan's progress is recomputed after every decision on the same catalogue. Each entry holds its
# procedures, so their ids cannot be reused by other objects while it lives. Procedures are not changed
# in place once loaded (projections copy those a measure changes), so an entry stays true.
_BASELINES: dict[tuple[str, tuple[int, ...]], Baseline] = {}
_KEPT_BASELINES = 4


def baseline(procedures: Sequence[Procedure], params: CostParameters) -> Baseline:
    key = (params.params.model_dump_json(), tuple(map(id, procedures)))
    if (kept := _BASELINES.pop(key, None)) is not None:
        _BASELINES[key] = kept  # the most recently used last
        return kept
    costs = {p.code: compliance_cost(p, params) for p in procedures}
    scope_codes = {s: frozenset(p.code for p in procedures if in_scope(p, s)) for s in Scope}
    rows = {id(p): _row(p) for p in procedures}
    base = Baseline(
        list(procedures),
        costs,
        scope_codes,
        {
            s: metrics([p for p in procedures if p.code in codes], costs, rows)
            for s, codes in scope_codes.items()
        },
        rows,
    )
    _BASELINES[key] = base
    while len(_BASELINES) > _KEPT_BASELINES:
        del _BASELINES[next(iter(_BASELINES))]
    return base


def compare(
    before: Sequence[Procedure],
    after: Sequence[Procedure],
    params: CostParameters,
    targets: Targets,
    changed: Collection[str] = (),
    as_of: dt.date | None = None,
    groups: bool = True,
    base: Baseline | None = None,
) -> ProgressReport:
    """Compare a catalogue with its projection, overall and by level, field and agency.

    ``changed``: codes of procedures at least one applied measure changed (for the "cut or simplified"
    count); ``as_of``: the date deadlines are judged against (today by default); ``base``: the
    :func:`baseline` of ``before``, when it was already computed.
    """
    as_of = as_of or dt.date.today()
    base = base if base is not None and base.procedures is before else baseline(before, params)
    costs_before, rows = base.costs, dict(base.rows)
    unchanged = {id(p) for p in before}  # the projection returns procedures it left alone as they were
    costs_after = {
        p.code: costs_before[p.code] if id(p) in unchanged else compliance_cost(p, params) for p in after
    }
    report_groups = []
    for dimension, keys in DIMENSIONS.items() if groups else ():
        grouped_before = _group(before, keys)
        grouped_after = _group(after, keys)
        for name in sorted(grouped_before.keys() | grouped_after.keys()):
            group_before, group_after = grouped_before.get(name, []), grouped_after.get(name, [])
            report_groups.append(
                GroupProgress(
                    dimension=dimension,
                    group=name,
                    before=metrics(group_before, costs_before, rows),
                    after=metrics(group_after, costs_after, rows),
                    targets=progress(
                        group_before, group_after, costs_before, costs_after, targets, as_of, rows=rows
                    ),
                )
            )
    used = sorted({n for b in [*costs_before.values(), *costs_after.values()] for n in b.parameters})
    by_scope = {
        s: (base.metrics[s], metrics([p for p in after if p.code in codes], costs_after, rows))
        for s, codes in base.scope_codes.items()
    }
    return ProgressReport(
        before=base.metrics[Scope.all],
        after=by_scope[Scope.all][1],
        targets=progress(before, after, costs_before, costs_after, targets, as_of, by_scope, rows),
        groups=report_groups,
        assumptions=[params.describe(name) for name in used],
        counts=[procedure_count(before, after, changed, scope, base.scope_codes[scope]) for scope in Scope],
        as_of=as_of,
    )


def procedure_count(
    before: Sequence[Procedure],
    after: Sequence[Procedure],
    changed: Collection[str],
    scope: Scope,
    scope_codes: Collection[str] | None = None,
) -> ProcedureCount:
    codes = list(scope_codes) if scope_codes is not None else [p.code for p in before if in_scope(p, scope)]
    remaining = {p.code for p in after}
    changed = set(changed)
    cut = sum(code not in remaining for code in codes)
    simplified = sum(code in remaining and code in changed for code in codes)
    return ProcedureCount(
        scope=scope, before=len(codes), cut=cut, simplified=simplified, cut_or_simplified=cut + simplified
    )


def metrics(procedures: Iterable[Procedure], costs: Costs, rows: Rows | None = None) -> Metrics:
    """The figures of ``procedures``; ``rows``, what is known of them already, is filled as it goes."""
    procedures = list(procedures)
    rows = {} if rows is None else rows
    read = [rows.get(id(p)) or rows.setdefault(id(p), _row(p)) for p in procedures]
    limits = [r.max_days for r in read if r.max_days is not None]
    breakdowns = [costs[p.code] for p in procedures]
    return Metrics(
        procedures=len(procedures),
        components=sum(r.components for r in read),
        steps=sum(r.steps for r in read),
        with_time_limit=len(limits),
        time_limit_total_days=round(sum(limits), 2),
        time_limit_median_days=statistics.median(limits) if limits else None,
        annual_cost_vnd=sum(b.annual_vnd for b in breakdowns),
        cost_depends_on_estimate=any(b.depends_on_estimate for b in breakdowns),
        estimated_volumes=sum(b.volume_is_estimate for b in breakdowns),
        fully_online=sum(r.fully_online for r in read),
        with_online=sum(r.with_online for r in read),
        with_onsite_inspection=sum(r.with_onsite_inspection for r in read),
    )


def progress(
    before: Sequence[Procedure],
    after: Sequence[Procedure],
    costs_before: Costs,
    costs_after: Costs,
    targets: Targets,
    as_of: dt.date,
    scoped: dict[Scope, tuple[Metrics, Metrics]] | None = None,
    rows: Rows | None = None,
) -> list[TargetProgress]:
    """How far the change from ``before`` to ``after`` goes towards each target, on its scope
    (``scoped``: the metrics before and after of each scope, when already computed; ``rows``: as for
    ``metrics``)."""
    by_scope: dict[Scope, tuple[Metrics, Metrics]] = dict(scoped or {})
    results = []
    for target in targets.targets:
        if target.scope not in by_scope:
            codes = {p.code for p in before if in_scope(p, target.scope)}
            by_scope[target.scope] = (
                metrics([p for p in before if p.code in codes], costs_before, rows),
                metrics([p for p in after if p.code in codes], costs_after, rows),
            )
        old_metrics, new_metrics = by_scope[target.scope]
        old, new = old_metrics.value(target.metric), new_metrics.value(target.metric)
        achieved_before, achieved = _achieved(target, old_metrics, new_metrics)
        results.append(
            TargetProgress(
                id=target.id,
                metric=target.metric,
                goal=target.goal,
                scope=target.scope,
                label_vi=target.label_vi,
                label_en=target.label_en,
                reference_en=target.reference_en,
                required=target.share,
                before=old,
                after=new,
                reduction=achieved if target.goal == Goal.reduce else None,
                achieved=achieved,
                achieved_before=achieved_before,
                scope_procedures=old_metrics.procedures,
                # Compare in whole tenths of a percent, so 0.3 achieved meets 0.3 despite float noise.
                met=achieved is not None and round(achieved, 3) >= round(target.share, 3),
                estimate=target.metric == Metric.cost
                and (old_metrics.cost_depends_on_estimate or new_metrics.cost_depends_on_estimate),
                deadline=target.deadline,
                passed=target.passed(as_of),
                as_of=as_of,
                reference=target.reference,
            )
        )
    return results


def _achieved(target: ReformTarget, before: Metrics, after: Metrics) -> tuple[float | None, float | None]:
    """(share before, what is achieved after): a reduction, or the share of procedures reached."""
    old, new = before.value(target.metric), after.value(target.metric)
    if target.goal == Goal.reduce:
        return None, (old - new) / old if old else None
    if target.metric == Metric.digital_inspection:
        # Every inspection the portal describes is on site: the digital share starts at 0 and grows as
        # measures turn inspection steps into checks on data (or the procedures go).
        return (0.0, (old - new) / old) if old else (None, None)
    return (
        old / before.procedures if before.procedures else None,
        new / after.procedures if after.procedures else None,
    )


def _group(
    procedures: Iterable[Procedure], keys: Callable[[Procedure], list[str]]
) -> dict[str, list[Procedure]]:
    groups: dict[str, list[Procedure]] = {}
    for procedure in procedures:
        for key in dict.fromkeys(keys(procedure)) or [UNKNOWN_GROUP]:
            groups.setdefault(key, []).append(procedure)
    return groups
