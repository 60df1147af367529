"""Compliance cost of a procedure by the Standard Cost Model (domain notes §5).

Cost of doing it once = Σ activities (hours × hourly income) + fees + outside costs; annual cost =
that × annual dossier volume. Pure functions: the parameters come in, nothing is read here.
Each line's time cost is rounded half up to the đồng, so a hand computation matches exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from engine.cost.model import Activity, CostBreakdown, CostLine, CostSummary
from engine.cost.parameters import CostParameters
from engine.model import Channel, ChannelKind, DossierComponent, OnlineLevel, Procedure


def compliance_cost(procedure: Procedure, params: CostParameters) -> CostBreakdown:
    """Itemised compliance cost of ``procedure``: per activity, per dossier and per year."""
    hourly = params.hourly_income_vnd
    notes: list[str] = []
    mode = ChannelKind.online if procedure.online_level == OnlineLevel.full else ChannelKind.in_person
    components = applicant_components(procedure)
    if len(components) < len(procedure.components):
        notes.append(
            f"components counted: those common to every case and of the case with most "
            f"components ({len(components)} of {len(procedure.components)})"
        )

    def line(
        activity: Activity,
        quantity: int | Decimal,
        hours_param: str | None,
        outside_vnd: Decimal = Decimal(0),
        outside_params: tuple[str, ...] = (),
        note: str = "",
    ) -> CostLine:
        quantity = Decimal(quantity)
        hours = quantity * params.decimal(hours_param) if hours_param else Decimal(0)
        names = ([hours_param] if hours_param else []) + list(outside_params)
        return CostLine(
            activity=activity,
            quantity=quantity,
            hours=hours,
            time_cost_vnd=_round(hours * hourly),
            outside_vnd=_round(outside_vnd),
            parameters=names,
            depends_on_estimate=params.is_estimate(*names),
            note=note,
        )

    lines = [line(Activity.learn, 1, "hours_learn_requirements")]
    if components:
        lines.append(line(Activity.prepare, len(components), "hours_prepare_component"))
    certified = [c for c in components if c.certified_copy and not c.presented_only]
    if certified:
        copies = sum(max(c.copies, 1) for c in certified)
        fee = copies * params.decimal("pages_per_certified_copy") * params.decimal("certified_copy_fee_vnd")
        lines.append(
            line(
                Activity.certify,
                len(certified),
                "hours_certify_copy",
                fee,
                ("certified_copy_fee_vnd", "pages_per_certified_copy"),
                f"{copies} certified copies",
            )
        )
    if mode == ChannelKind.online:
        lines.append(line(Activity.submit_online, 1, "hours_submit_online"))
        lines.append(line(Activity.receive_online, 1, "hours_receive_online"))
    else:
        visits = params.decimal("visits_in_person")
        travel = visits * params.decimal("travel_cost_per_visit_vnd")
        lines.append(
            line(
                Activity.visit,
                visits,
                "hours_per_visit",
                travel,
                ("travel_cost_per_visit_vnd", "visits_in_person"),
            )
        )
    lines.append(line(Activity.supplement, 1, "hours_supplement"))
    lines.append(_fee_line(procedure, mode, notes))

    per_dossier = sum(item.total_vnd for item in lines)
    if procedure.annual_volume is not None:
        volume, volume_estimate = procedure.annual_volume.per_year, procedure.annual_volume.estimate
    else:
        volume = int(params.decimal("annual_volume_estimate"))
        volume_estimate = True
        notes.append(f"no annual volume in the record: assumed {volume} dossiers (annual_volume_estimate)")
    return CostBreakdown(
        procedure_code=procedure.code,
        mode=mode,
        hourly_income_vnd=hourly,
        lines=lines,
        per_dossier_vnd=per_dossier,
        annual_volume=volume,
        volume_is_estimate=volume_estimate,
        annual_vnd=per_dossier * volume,
        notes=notes,
    )


def catalogue_cost(procedures: Iterable[Procedure], params: CostParameters) -> CostSummary:
    """Annual compliance cost summed over ``procedures``."""
    breakdowns = [compliance_cost(p, params) for p in procedures]
    return CostSummary(
        annual_vnd=sum(b.annual_vnd for b in breakdowns),
        depends_on_estimate=any(b.depends_on_estimate for b in breakdowns),
        estimated_volumes=sum(b.volume_is_estimate for b in breakdowns),
        breakdowns=breakdowns,
    )


def applicant_components(procedure: Procedure) -> list[DossierComponent]:
    """The components one applicant supplies: those of no case, plus the case with most components.

    A record lists components for every situation (trường hợp); nobody supplies all of them.
    """
    case = counted_case(procedure)
    return [c for c in procedure.components if not c.case or c.case == case]


def counted_case(procedure: Procedure) -> str | None:
    """The case (trường hợp) whose components the cost counts: the one with most, the first of equals.

    A saving on a component of any other case leaves the compliance cost as it is.

    >>> from engine.model import DossierComponent as C, Procedure
    >>> p = Procedure(code="x", name="x", components=[
    ...     C(id="c1", name="Tờ khai", case="Nộp trực tiếp"),
    ...     C(id="c2", name="Bản sao", case="Gửi qua bưu chính"),
    ...     C(id="c3", name="Phong bì", case="Gửi qua bưu chính")])
    >>> counted_case(p), [c.id for c in applicant_components(p)]
    ('Gửi qua bưu chính', ['c2', 'c3'])
    """
    sizes: dict[str, int] = {}
    for component in procedure.components:
        if component.case:
            sizes[component.case] = sizes.get(component.case, 0) + 1
    return max(sizes, key=sizes.__getitem__, default=None)


def _fee_line(procedure: Procedure, mode: ChannelKind, notes: list[str]) -> CostLine:
    channel = _fee_channel(procedure, mode)
    fee = channel.fee if channel else None
    known = fee is not None and (fee.free or fee.amount_vnd is not None)
    if not known:
        notes.append("fee not stated as an amount: counted as 0")
    amount = fee.amount_vnd if fee is not None and fee.amount_vnd is not None else 0
    return CostLine(
        activity=Activity.fee,
        quantity=Decimal(1),
        hours=Decimal(0),
        time_cost_vnd=0,
        outside_vnd=amount,
        parameters=[],
        depends_on_estimate=not known,
        note="" if known else "fee unknown, counted as 0",
    )


def _fee_channel(procedure: Procedure, mode: ChannelKind) -> Channel | None:
    """The assumed channel, or else the first channel whose fee is stated."""
    chosen = procedure.channel(mode)
    if chosen and chosen.fee:
        return chosen
    return next((c for c in procedure.channels if c.fee), chosen)


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
