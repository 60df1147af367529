"""Apply a plan's accepted measures to a catalogue: the projected catalogue the reform would leave.

Pure functions; the input procedures are never changed. Every projected procedure is validated again,
so a measure can never leave a step using a document that is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from engine.cost.parameters import CostParameters
from engine.model import (
    Channel,
    ChannelKind,
    Duration,
    Fee,
    Measure,
    OnlineLevel,
    Procedure,
    Step,
    StepKind,
    TargetKind,
    TimeUnit,
    Volume,
)
from engine.model.target_matching import Identity, match_targets
from engine.plans.model import Plan, PlanMeasure


@dataclass
class Projection:
    """The projected catalogue, which measures changed it, and why the others did not."""

    procedures: list[Procedure]
    applied: list[int] = field(default_factory=list)  # measure ids
    notes: list[str] = field(default_factory=list)


# Within one procedure: documents and steps first, whole-procedure measures last, abolish at the very end.
_PHASE = {
    Measure.cut_component: 0,
    Measure.replace_with_data: 0,
    Measure.accept_electronic_copy: 0,
    Measure.cut_step: 1,
    Measure.merge_steps: 1,
    Measure.digital_inspection: 1,
    Measure.shorten_time_limit: 2,
    Measure.cut_fee: 2,
    Measure.move_fully_online: 2,
    Measure.interlink: 3,
    Measure.merge: 4,
    Measure.abolish: 5,
}


# Measures after which their component or step is gone.
_REMOVES_TARGET = {Measure.cut_component, Measure.replace_with_data, Measure.cut_step, Measure.merge_steps}

# Measures that cut by a share, not to an end state: a plan applies each once per procedure, however
# many findings propose it (a time limit above its peers and slower online: two findings, one cut).
_ONCE_PER_PROCEDURE = {Measure.shorten_time_limit}


def project(procedures: Sequence[Procedure], plan: Plan, params: CostParameters) -> list[Procedure]:
    """The catalogue after the plan's accepted (and done) measures."""
    return apply_plan(procedures, plan, params).procedures


def apply_plan(procedures: Sequence[Procedure], plan: Plan, params: CostParameters) -> Projection:
    """Like ``project``, also saying which measures applied and why any could not.

    Procedures no measure changes are returned as they are (the same objects); the others are copies.
    """
    originals = {p.code: p for p in procedures}
    working = dict(originals)  # a procedure is copied when a measure first changes it
    applied: dict[str, list[int]] = {}
    removed_by: dict[tuple[str, str], int] = {}  # (procedure, component or step) → measure that removed it
    done_by: dict[tuple[str, Measure], int] = {}  # (procedure, measure kind) → measure that did it
    merged_into: dict[str, tuple[str, int]] = {}  # procedure → (the one it was merged into, by which measure)
    notes = []
    for measure in sorted(plan.applied, key=lambda m: (_PHASE[m.measure], m.id)):
        procedure = working.get(measure.procedure_code)
        if procedure is None and measure.procedure_code in merged_into:
            survivor, by = merged_into[measure.procedure_code]
            if measure.measure == Measure.merge:  # a family proposes one merge per member: the first did all
                applied.setdefault(survivor, []).append(measure.id)
            else:
                notes.append(f"measure {measure.id}: {measure.procedure_code} merged into {survivor} by {by}")
            continue
        if procedure is None:
            notes.append(_note(measure, "procedure not in the catalogue (or already removed)"))
            continue
        measure = _anchored(measure, originals.get(measure.procedure_code) or procedure)
        target = (measure.procedure_code, measure.target.id) if measure.target else None
        if measure.measure in _REMOVES_TARGET and target in removed_by:
            # Two findings on one component (e.g. two rules): the first measure already did the work.
            notes.append(
                f"measure {measure.id}: {target[1]} of {target[0]} already removed by measure "
                f"{removed_by[target]}"
            )
            applied.setdefault(measure.procedure_code, []).append(measure.id)
            continue
        once = (measure.procedure_code, measure.measure)
        if once in done_by:
            notes.append(
                f"measure {measure.id}: {measure.measure.value} of {measure.procedure_code} already applied "
                f"by measure {done_by[once]}"
            )
            applied.setdefault(measure.procedure_code, []).append(measure.id)
            continue
        if procedure is originals.get(measure.procedure_code):
            procedure = working[measure.procedure_code] = Procedure.model_validate(procedure.model_dump())
        # The members of a merge that are still there: those the merge takes in.
        members = [c for c in measure.related_codes if c in working and c != measure.procedure_code]
        problem = _HANDLERS[measure.measure](procedure, measure, working, params)
        if problem:
            notes.append(_note(measure, problem))
            continue
        if measure.measure == Measure.merge:
            merged_into.update((code, (procedure.code, measure.id)) for code in members)
        applied.setdefault(measure.procedure_code, []).append(measure.id)
        if measure.measure in _REMOVES_TARGET and target:
            removed_by[target] = measure.id
        if measure.measure in _ONCE_PER_PROCEDURE:
            done_by[once] = measure.id
    result = []
    for code, procedure in working.items():
        if code in applied:
            try:
                procedure = Procedure.model_validate(procedure.model_dump())
            except ValidationError as error:
                # The measures together broke the procedure's graph: keep it as it was, and say so.
                notes.append(
                    f"measures {applied.pop(code)} on {code} not applied: together they leave "
                    f"an invalid procedure ({error.errors()[0]['msg']})"
                )
                procedure = originals[code]
        result.append(procedure)
    return Projection(result, sorted(i for ids in applied.values() for i in ids), notes)


def _note(measure: PlanMeasure, problem: str) -> str:
    target = f" {measure.target.id}" if measure.target else ""
    what = f"{measure.measure.value} {measure.procedure_code}{target}"
    return f"measure {measure.id} ({what}) not applied: {problem}"


Handler = Callable[[Procedure, PlanMeasure, dict[str, Procedure], CostParameters], str | None]


def _abolish(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    del working[procedure.code]
    return None


def _merge(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    """The group becomes the measure's procedure; its applicants now all use that one."""
    others = [working[c] for c in measure.related_codes if c in working and c != procedure.code]
    if not others:
        return "names no other procedure of the catalogue to merge with"
    group = [procedure, *others]
    volumes = [_volume(p, params) for p in group]
    procedure.annual_volume = Volume(
        per_year=sum(v.per_year for v in volumes),
        source="merged: " + ", ".join(p.code for p in group),
        estimate=any(v.estimate for v in volumes),
    )
    for other in others:
        del working[other.code]
    return None


def _volume(procedure: Procedure, params: CostParameters) -> Volume:
    if procedure.annual_volume:
        return procedure.annual_volume
    return Volume(per_year=int(params.decimal("annual_volume_estimate")), estimate=True)


def _interlink(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    if not measure.related_codes:
        return "names no procedure to interlink with"
    procedure.interlinked = sorted(set(procedure.interlinked) | set(measure.related_codes))
    return None


def _remove_component(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    component_id = _target_id(measure, TargetKind.component)
    if component_id is None:
        return "names no component"
    if component_id not in {c.id for c in procedure.components}:
        return f"no component {component_id!r}"
    procedure.components = [c for c in procedure.components if c.id != component_id]
    for step in procedure.steps:
        step.inputs = [i for i in step.inputs if i != component_id]
    return None


def _accept_electronic_copy(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    if measure.target is None or measure.target.kind == TargetKind.procedure:
        chosen = procedure.components
    else:
        chosen = [c for c in procedure.components if c.id == measure.target.id]
        if not chosen:
            return f"no component {measure.target.id!r}"
    for component in chosen:
        component.certified_copy = False
    return None


def _cut_step(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    """Remove the step; later steps that used its outputs now take its inputs directly."""
    step = _step(procedure, measure)
    if step is None:
        return _missing_step(measure)
    procedure.steps = [s for s in procedure.steps if s.id != step.id]
    for later in procedure.steps:
        if set(later.inputs) & set(step.outputs):
            rewired = [i for i in later.inputs if i not in step.outputs] + step.inputs
            later.inputs = list(dict.fromkeys(rewired))
    _cut_time_limits(procedure, step.duration.working_days if step.duration else measure.saving.days)
    return None


def _merge_steps(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    """Fold the step into the next one, which takes over its inputs, outputs and action."""
    step = _step(procedure, measure)
    if step is None:
        return _missing_step(measure)
    following = [s for s in procedure.steps if s.order > step.order]
    if not following:
        return "the last step has no next step to merge into"
    nxt = min(following, key=lambda s: s.order)
    nxt.inputs = list(dict.fromkeys(step.inputs + [i for i in nxt.inputs if i not in step.outputs]))
    nxt.outputs = list(dict.fromkeys(step.outputs + nxt.outputs))
    nxt.action = f"{step.action}; {nxt.action}"
    nxt.order = step.order
    procedure.steps = [s for s in procedure.steps if s.id != step.id]
    _cut_time_limits(procedure, measure.saving.days)
    return None


def _shorten_time_limit(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    limits = [c.time_limit for c in procedure.channels if c.time_limit]
    if not limits:
        return "the procedure states no time limit"
    keep = 1 - float(params.decimal("shorten_time_limit_share"))
    for channel in procedure.channels:
        if channel.time_limit:
            channel.time_limit = Duration(
                value=round(channel.time_limit.value * keep, 2), unit=channel.time_limit.unit
            )
    return None


def _cut_fee(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    only = measure.target.id if measure.target and measure.target.kind == TargetKind.channel else None
    channels = [c for c in procedure.channels if only is None or c.kind == only]
    if not channels:
        return "no channel to cut the fee of"
    for channel in channels:
        channel.fee = Fee(free=True)
    return None


def _move_fully_online(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    procedure.online_level = OnlineLevel.full
    if procedure.channel(ChannelKind.online) is None:
        template = procedure.channel(ChannelKind.in_person) or next(iter(procedure.channels), None)
        procedure.channels.append(
            Channel(
                kind=ChannelKind.online,
                time_limit=template.time_limit.model_copy() if template and template.time_limit else None,
                fee=template.fee.model_copy() if template and template.fee else None,
            )
        )
    return None


def _digital_inspection(
    procedure: Procedure, measure: PlanMeasure, working: dict[str, Procedure], params: CostParameters
) -> str | None:
    """On-site inspections become checks on data; their duration shrinks by the parameter share.

    Only inspection steps change: a step that is already a check (made digital by another measure of
    the plan, or never an inspection) keeps its duration, so no inspection is cut twice.
    """
    inspections = [s for s in procedure.steps if s.kind == StepKind.inspect]
    if measure.target is None or measure.target.kind == TargetKind.procedure:
        steps = inspections
    else:
        steps = [s for s in inspections if s.id == measure.target.id]
    if not steps:
        step_id = _target_id(measure, TargetKind.step)
        return f"no inspection step {step_id!r}" if step_id else "no inspection step"
    share = float(params.decimal("digital_inspection_duration_share"))
    saved = 0.0
    for step in steps:
        step.kind = StepKind.check
        if step.duration:
            cut = round(step.duration.value * share, 2)
            saved += Duration(value=cut, unit=step.duration.unit).working_days
            step.duration = Duration(value=round(step.duration.value - cut, 2), unit=step.duration.unit)
    _cut_time_limits(procedure, saved)
    return None


def _missing_step(measure: PlanMeasure) -> str:
    step_id = _target_id(measure, TargetKind.step)
    return (
        f"no step {step_id!r}"
        if step_id
        else "names no step (decide which one, and add it as your own measure)"
    )


def _step(procedure: Procedure, measure: PlanMeasure) -> Step | None:
    step_id = _target_id(measure, TargetKind.step)
    return next((s for s in procedure.steps if s.id == step_id), None)


def _anchored(measure: PlanMeasure, procedure: Procedure) -> PlanMeasure:
    """The measure aimed at its document or step as the record lists it now: an edit that inserted a
    document above it renumbered it, and the old number would remove another one."""
    target = measure.target
    if target is None or target.kind not in (TargetKind.component, TargetKind.step):
        return measure
    if target.kind == TargetKind.component:
        parts = [(c.id, c.name) for c in procedure.components]
    else:
        parts = [(s.id, s.action) for s in procedure.steps]
    at = match_targets([(target.id, target.label)], parts, _part_identity, _part_identity)[0]
    if at is None or parts[at][0] == target.id:
        return measure
    return measure.model_copy(update={"target": target.model_copy(update={"id": parts[at][0]})})


def _part_identity(part: tuple[str, str]) -> Identity:
    return (), *part


def _target_id(measure: PlanMeasure, kind: TargetKind) -> str | None:
    return measure.target.id if measure.target and measure.target.kind == kind else None


def _cut_time_limits(procedure: Procedure, working_days: float) -> None:
    """Shorten every channel's time limit by ``working_days`` (never below zero), in working days."""
    if working_days <= 0:
        return
    for channel in procedure.channels:
        if channel.time_limit:
            remaining = max(0.0, channel.time_limit.working_days - working_days)
            channel.time_limit = Duration(value=round(remaining, 2), unit=TimeUnit.working_day)


_HANDLERS: dict[Measure, Handler] = {
    Measure.abolish: _abolish,
    Measure.merge: _merge,
    Measure.interlink: _interlink,
    Measure.cut_component: _remove_component,
    Measure.replace_with_data: _remove_component,
    Measure.accept_electronic_copy: _accept_electronic_copy,
    Measure.cut_step: _cut_step,
    Measure.merge_steps: _merge_steps,
    Measure.shorten_time_limit: _shorten_time_limit,
    Measure.cut_fee: _cut_fee,
    Measure.move_fully_online: _move_fully_online,
    Measure.digital_inspection: _digital_inspection,
}
