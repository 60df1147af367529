"""Use cases on reform plans; the CLI and the workbench both call these and nothing below them.

A plan starts from findings (each proposes one measure); people add their own measures, decide on each
(accept, reject, done) and comment; ``progress`` shows how far the accepted measures take the catalogue.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable, Sequence

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.errors import UserError
from engine.model import Finding, Measure, Procedure, Severity, Target, TargetKind
from engine.plans.forms import ProcedureForm, procedure_forms
from engine.plans.impact import MeasureImpact, measure_impacts
from engine.plans.model import (
    MEASURE_LABELS_VI,
    MeasureDraft,
    MeasureStatus,
    Plan,
    PlanMeasure,
    at_least,
)
from engine.plans.progress import ProgressReport, Targets, compare, load_targets
from engine.plans.projection import apply_plan
from engine.plans.repository import MeasureChange, PlanRepository

REVIEWER_ENV = "TINHGON_REVIEWER"

# Measures that need a component or step of the procedure, and those that need other procedures.
_NEEDS_TARGET = {
    Measure.cut_component: TargetKind.component,
    Measure.replace_with_data: TargetKind.component,
    Measure.cut_step: TargetKind.step,
    Measure.merge_steps: TargetKind.step,
}
_NEEDS_RELATED = {Measure.merge, Measure.interlink}

# Evidence fields of procedure facts that hold another procedure's code.
RELATED_EVIDENCE = ("same_result_as", "similar_to", "issued_by")
# Evidence fields holding several procedure codes, semicolon-joined (a procedure family's other members).
RELATED_LIST_EVIDENCE = ("family_member_codes",)

# Parameters the projection itself uses, by the measure that uses them.
_PROJECTION_PARAMETERS = {
    Measure.shorten_time_limit: "shorten_time_limit_share",
    Measure.digital_inspection: "digital_inspection_duration_share",
}


def default_reviewer(login: bool = True) -> str:
    """Who is acting: ``TINHGON_REVIEWER`` when set, else the login name (``login``; the workbench says
    no: its server's login, often ``root``, is no reviewer, so the reviewer types a name)."""
    return os.environ.get(REVIEWER_ENV) or (getpass.getuser() if login else "")


def drafts_from_findings(
    findings: Iterable[Finding], min_severity: Severity | None = None
) -> list[MeasureDraft]:
    """One proposed measure per finding; a finding met twice (same key) gives one measure."""
    drafts: dict[str, MeasureDraft] = {}
    for finding in findings:
        if finding.key in drafts or (min_severity and not at_least(finding.severity, min_severity)):
            continue
        drafts[finding.key] = MeasureDraft(
            measure=finding.measure,
            procedure_code=finding.procedure_code,
            procedure_name=finding.procedure_name,
            target=finding.target,
            related_codes=_related_codes(finding),
            finding_key=finding.key,
            severity=finding.severity,
            message=finding.message_vi,
            references=[str(ref) for ref in finding.references],
            saving=finding.saving,
        )
    return list(drafts.values())


def _related_codes(finding: Finding) -> list[str]:
    """For a merge or interlink finding, the other procedures: evidence values that name a procedure
    (a bound fact's ``*.id``, or a field in ``RELATED_EVIDENCE``) and that the finding's message names.

    A procedure fact carries every related code it has; the rule's message names the one it is about.
    """
    if finding.measure not in _NEEDS_RELATED:
        return []
    candidates = [
        str(value)
        for key, value in finding.evidence.items()
        if value and (key in RELATED_EVIDENCE or key.endswith(".id")) and value != finding.procedure_code
    ] + [
        code
        for key in RELATED_LIST_EVIDENCE
        for code in str(finding.evidence.get(key, "")).split("; ")
        if code and code != finding.procedure_code
    ]
    return list(dict.fromkeys(c for c in candidates if c in finding.message_en or c in finding.message_vi))


def create_plan_from_findings(
    repo: PlanRepository,
    name: str,
    findings: Iterable[Finding],
    reviewer: str,
    min_severity: Severity | None = None,
) -> Plan:
    """A new plan proposing one measure per finding (of ``min_severity`` or graver, when given)."""
    return repo.create(name, drafts_from_findings(findings, min_severity), reviewer)


def set_status(
    repo: PlanRepository,
    plan_id: int,
    measure_ids: Sequence[int],
    status: MeasureStatus,
    reviewer: str,
    comment: str | None = None,
    expected_versions: dict[int, int] | None = None,
) -> Plan:
    """Decide on measures, all in one transaction; ``expected_versions`` refuses stale decisions."""
    if not measure_ids:
        raise UserError("name at least one measure")
    versions = expected_versions or {}
    changes = [
        MeasureChange(i, status=status, comment=comment, expected_version=versions.get(i))
        for i in measure_ids
    ]
    return repo.change(plan_id, changes, reviewer)


def set_comment(
    repo: PlanRepository,
    plan_id: int,
    measure_id: int,
    reviewer: str,
    text: str,
    expected_version: int | None = None,
) -> Plan:
    return repo.change(
        plan_id, [MeasureChange(measure_id, comment=text, expected_version=expected_version)], reviewer
    )


def accept_by_severity(
    repo: PlanRepository, plan_id: int, min_severity: Severity, reviewer: str, comment: str | None = None
) -> Plan:
    """Accept every still-proposed measure of ``min_severity`` or graver.

    Whether a measure is still proposed is checked again inside the writing transaction: a measure
    someone else decided on after this read keeps their decision.
    """
    plan = repo.get(plan_id)
    ids = [
        m.id
        for m in plan.measures
        if m.status == MeasureStatus.proposed and at_least(m.severity, min_severity)
    ]
    if not ids:
        return plan
    changes = [
        MeasureChange(
            i, status=MeasureStatus.accepted, comment=comment, only_if_status=MeasureStatus.proposed
        )
        for i in ids
    ]
    return repo.change(plan_id, changes, reviewer)


def add_measure(
    repo: PlanRepository,
    plan_id: int,
    measure: Measure,
    procedure: Procedure,
    reviewer: str,
    target_id: str | None = None,
    related_codes: Sequence[str] = (),
    message: str = "",
) -> PlanMeasure:
    """Add a person's own measure on ``procedure``, checked against the procedure's components and steps."""
    target = _target(measure, procedure, target_id)
    if measure in _NEEDS_RELATED and not related_codes:
        raise UserError(f"a {measure.value} measure names the other procedures (related codes)")
    label = f"«{target.label}»" if target else f"«{procedure.name}»"
    draft = MeasureDraft(
        measure=measure,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        target=target,
        related_codes=list(related_codes),
        message=message or f"{MEASURE_LABELS_VI[measure]}: {label}",
    )
    return repo.add(plan_id, [draft], reviewer)[0]


def _target(measure: Measure, procedure: Procedure, target_id: str | None) -> Target | None:
    needed = _NEEDS_TARGET.get(measure)
    if target_id is None:
        if needed:
            raise UserError(f"a {measure.value} measure names the {needed.value} it applies to")
        return None
    components = {c.id: c.name for c in procedure.components}
    steps = {s.id: s.action for s in procedure.steps}
    if target_id in components and needed != TargetKind.step:
        return Target(kind=TargetKind.component, id=target_id, label=components[target_id])
    if target_id in steps and needed != TargetKind.component:
        return Target(kind=TargetKind.step, id=target_id, label=steps[target_id])
    known = components if needed == TargetKind.component else steps if needed else components | steps
    raise UserError(
        f"procedure {procedure.code} has no {needed.value if needed else 'component or step'} "
        f"{target_id!r}; it has: {', '.join(known) or 'none'}"
    )


def progress(
    procedures: Sequence[Procedure],
    plan: Plan,
    params: CostParameters | None = None,
    targets: Targets | None = None,
    as_of: dt.date | None = None,
) -> ProgressReport:
    """Before/after figures and progress against the targets if the plan's accepted measures are applied.

    Deadlines are judged as of ``as_of`` (today by default): a passed one is reported as passed.
    """
    params = params or load_cost_parameters()
    targets = targets or load_targets()
    projection = apply_plan(procedures, plan, params)
    changed = {m.procedure_code for m in plan.measures if m.id in set(projection.applied)}
    report = compare(procedures, projection.procedures, params, targets, changed, as_of)
    applied = {m.measure for m in plan.measures if m.id in set(projection.applied)}
    report.assumptions += [
        params.describe(name) for m, name in _PROJECTION_PARAMETERS.items() if m in applied
    ]
    report.notes = projection.notes
    return report


def forms(
    procedures: Sequence[Procedure], plan: Plan, params: CostParameters | None = None
) -> list[ProcedureForm]:
    """The review (Decree 63/2010 Annex I) and compliance-cost (Circular 02/2017 art. 27) forms of every
    procedure the plan has a measure on."""
    return procedure_forms(procedures, plan, params or load_cost_parameters())


def impacts(
    procedures: Sequence[Procedure], plan: Plan, params: CostParameters | None = None
) -> dict[int, MeasureImpact]:
    """What each measure alone would save, by measure id (for reviewing and for exports)."""
    return measure_impacts(procedures, plan, params or load_cost_parameters())
