"""The official forms, per procedure of a plan: the review of Decree 63/2010/NĐ-CP Annex I and the
compliance cost of Circular 02/2017/TT-VPCP Article 27.

The review form asks, for each procedure: I. is it necessary; II. is it reasonable (consistent with
other procedures, right agency, sequence and channels, dossier components, time limit, validity of the
result, dependence on another procedure's result); III. is it lawful; IV. what does it cost. The data
answers some questions (components, time limits, results another procedure issues, the plan's
measures); the others are marked for the reviewer. The cost form follows Article 27: cost of one
procedure = cost of the work needed to get its result + fees and other required costs; annual cost =
that × times a year × number of subjects (their product: the annual dossier volume); now, after the
plan's accepted measures, and the difference. Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from engine.cost.compliance import applicant_components, compliance_cost
from engine.cost.model import CostBreakdown
from engine.cost.parameters import CostParameters
from engine.formatting import fixed_number
from engine.model import ChannelKind, Measure, Procedure, TargetKind
from engine.plans.model import MEASURE_LABELS_VI, STATUS_LABELS_VI, Plan, PlanMeasure
from engine.plans.projection import apply_plan

FOR_REVIEWER = "Người rà soát đánh giá"
ONLINE_LABELS_VI = {"full": "toàn trình", "partial": "một phần", "none": "không có"}
CHANNEL_LABELS_VI = {
    ChannelKind.in_person: "trực tiếp",
    ChannelKind.online: "trực tuyến",
    ChannelKind.post: "bưu chính",
}


class ReviewAnswer(BaseModel):
    section: str  # I. Sự cần thiết, II. Tính hợp lý, III. Tính hợp pháp, IV. Chi phí
    question: str
    answer: str  # what the data says, or what the reviewer must judge
    from_data: bool  # False: the reviewer must answer


class CostFigures(BaseModel):
    """Article 27 figures for one state of the procedure (now, or after the plan)."""

    work_vnd: int  # applicant hours × hourly income
    fees_and_other_vnd: int  # fees, certification, travel
    one_vnd: int  # cost of one procedure = work + fees and other costs
    per_year: int  # times a year × number of subjects: the annual dossier volume
    volume_is_estimate: bool
    volume_source: str
    annual_vnd: int  # one × per year

    @classmethod
    def of(cls, breakdown: CostBreakdown, source: str) -> CostFigures:
        work = sum(line.time_cost_vnd for line in breakdown.lines)
        other = sum(line.outside_vnd for line in breakdown.lines)
        return cls(
            work_vnd=work,
            fees_and_other_vnd=other,
            one_vnd=breakdown.per_dossier_vnd,
            per_year=breakdown.annual_volume,
            volume_is_estimate=breakdown.volume_is_estimate,
            volume_source=source,
            annual_vnd=breakdown.annual_vnd,
        )


class ProcedureForm(BaseModel):
    code: str
    name: str
    review: list[ReviewAnswer]
    cost_now: CostFigures
    cost_after: CostFigures | None  # None: abolished, or merged into another procedure
    after_note: str = ""

    @property
    def annual_saving_vnd(self) -> int:
        return self.cost_now.annual_vnd - (self.cost_after.annual_vnd if self.cost_after else 0)


def procedure_forms(
    procedures: Sequence[Procedure], plan: Plan, params: CostParameters
) -> list[ProcedureForm]:
    """A review form and a cost form for every procedure the plan has a measure on."""
    by_code = {p.code: p for p in procedures}
    projection = apply_plan(procedures, plan, params)
    after = {p.code: p for p in projection.procedures}
    issuers: dict[str, list[Procedure]] = {}
    for p in procedures:
        for result in p.results:
            for doc_type in result.doc_types:
                issuers.setdefault(doc_type, []).append(p)
    forms = []
    for code in dict.fromkeys(m.procedure_code for m in plan.measures):
        procedure = by_code.get(code)
        if procedure is None:
            continue
        measures = [m for m in plan.measures if m.procedure_code == code]
        now = compliance_cost(procedure, params)
        projected = after.get(code)
        merged_into = next(
            (m for m in plan.applied if code in m.related_codes and m.measure == Measure.merge), None
        )
        forms.append(
            ProcedureForm(
                code=code,
                name=procedure.name,
                review=review_answers(procedure, measures, issuers),
                cost_now=CostFigures.of(now, _volume_source(procedure)),
                cost_after=CostFigures.of(compliance_cost(projected, params), _volume_source(projected))
                if projected
                else None,
                after_note=""
                if projected
                else (
                    f"Gộp vào thủ tục {merged_into.procedure_code}" if merged_into else "Thủ tục được bãi bỏ"
                ),
            )
        )
    return forms


def _volume_source(procedure: Procedure) -> str:
    volume = procedure.annual_volume
    if volume is None:
        return "giả định (annual_volume_estimate, rules/cost_parameters.yaml)"
    if volume.estimate:
        return "ước tính" + (f": {volume.source}" if volume.source else "")
    return f"số liệu thống kê: {volume.source}" if volume.source else "số liệu thống kê"


def review_answers(
    p: Procedure, measures: Sequence[PlanMeasure], issuers: dict[str, list[Procedure]]
) -> list[ReviewAnswer]:
    """The Annex I questions, answered where the record and the plan answer them."""
    proposals = "; ".join(
        f"{MEASURE_LABELS_VI[m.measure]} ({STATUS_LABELS_VI[m.status].lower()})" for m in measures
    )

    def data(section: str, question: str, answer: str) -> ReviewAnswer:
        return ReviewAnswer(section=section, question=question, answer=answer, from_data=True)

    def reviewer(section: str, question: str, hint: str = "") -> ReviewAnswer:
        return ReviewAnswer(
            section=section,
            question=question,
            answer=FOR_REVIEWER + (f": {hint}" if hint else ""),
            from_data=False,
        )

    necessity, reason, law, cost = "I. Sự cần thiết", "II. Tính hợp lý", "III. Tính hợp pháp", "IV. Chi phí"
    volume = p.annual_volume
    answers = [
        reviewer(necessity, "Mục tiêu quản lý nhà nước và lợi ích của đối tượng thực hiện thủ tục"),
        data(
            necessity, "Thủ tục còn cần thiết không; các phương án đề xuất", proposals or "Không có phương án"
        )
        if any(m.measure == Measure.abolish for m in measures)
        else reviewer(
            necessity,
            "Thủ tục còn cần thiết không",
            f"{volume.per_year} hồ sơ/năm ({'ước tính' if volume.estimate else volume.source})"
            if volume
            else "chưa có số liệu hồ sơ phát sinh",
        ),
    ]
    merges = [m for m in measures if m.measure in (Measure.merge, Measure.interlink)]
    answers.append(
        data(
            reason,
            "Thống nhất, đồng bộ với thủ tục khác (gộp, liên thông)",
            "; ".join(m.message for m in merges),
        )
        if merges
        else reviewer(reason, "Thống nhất, đồng bộ với thủ tục khác")
    )
    agencies = ", ".join(p.agencies.competent or p.agencies.executing)
    answers.append(reviewer(reason, "Cơ quan thực hiện phù hợp", agencies or "hồ sơ không nêu"))
    channels = ", ".join(dict.fromkeys(CHANNEL_LABELS_VI[c.kind] for c in p.channels)) or "không nêu"
    online = ONLINE_LABELS_VI.get(p.online_level.value if p.online_level else "", "không rõ")
    answers.append(
        data(
            reason,
            "Trình tự thực hiện, cách thức thực hiện",
            f"{len(p.steps)} bước; nộp {channels}; dịch vụ công trực tuyến: {online}",
        )
    )
    component_measures = [m for m in measures if m.target and m.target.kind == TargetKind.component]
    answers.append(
        data(
            reason,
            "Thành phần hồ sơ, số lượng bộ hồ sơ",
            f"{len(p.components)} thành phần ({len(applicant_components(p))} cho một trường hợp); "
            + (
                "đề xuất: "
                + "; ".join(
                    f"«{m.target.label}»: {MEASURE_LABELS_VI[m.measure]}"
                    for m in component_measures
                    if m.target
                )
                if component_measures
                else "không có đề xuất"
            ),
        )
    )
    limit = p.max_time_limit_days
    answers.append(
        data(
            reason,
            "Thời hạn giải quyết; có thể rút ngắn không",
            f"{limit:g} ngày làm việc (dài nhất các kênh)",
        )
        if limit is not None
        else reviewer(reason, "Thời hạn giải quyết", "hồ sơ không nêu thời hạn")
    )
    results = ", ".join(r.name for r in p.results) or "không nêu"
    answers.append(reviewer(reason, "Kết quả và thời hạn có hiệu lực của kết quả", f"kết quả: {results}"))
    needs = [
        f"«{c.name}» là kết quả của thủ tục {issuer.code}"
        for c in p.components
        for t in c.doc_types
        for issuer in issuers.get(t, [])[:1]
        if issuer.code != p.code
    ]
    answers.append(
        data(
            reason,
            "Cần kết quả của thủ tục khác không (có thể liên thông)",
            "Có: " + "; ".join(dict.fromkeys(needs)),
        )
        if needs
        else reviewer(
            reason,
            "Cần kết quả của thủ tục khác không",
            "dữ liệu không thấy thành phần nào là kết quả của thủ tục khác",
        )
    )
    basis = "; ".join(str(ref) for ref in p.legal_basis)
    answers.append(reviewer(law, "Căn cứ pháp lý, thẩm quyền ban hành", basis or "hồ sơ không nêu căn cứ"))
    fees = "; ".join(
        f"{CHANNEL_LABELS_VI[c.kind]}: "
        + (
            "miễn phí"
            if c.fee.free
            else f"{fixed_number(c.fee.amount_vnd)} đồng"
            if c.fee.amount_vnd is not None
            else (c.fee.text or "không rõ")
        )
        for c in p.channels
        if c.fee
    )
    answers.append(
        data(cost, "Phí, lệ phí", fees) if fees else reviewer(cost, "Phí, lệ phí", "hồ sơ không nêu")
    )
    answers.append(
        data(cost, "Chi phí tuân thủ (Thông tư 02/2017/TT-VPCP, Điều 27)", "xem bảng chi phí bên dưới")
    )
    return answers
