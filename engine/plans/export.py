"""Plan exports: Excel laid out like a department's simplification plan, CSV, JSON (which imports back
to the same plan) and a Markdown report. Headers are Vietnamese, as the people who read them are."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import ValidationError

from engine.adapters.yaml_files import validation_problems
from engine.errors import UserError
from engine.formatting import fixed_number, markdown_cell
from engine.model import Measure
from engine.model.findings import SEVERITY_LABELS
from engine.plans.forms import ProcedureForm
from engine.plans.impact import MeasureImpact
from engine.plans.model import (
    MEASURE_LABELS_VI,
    STATUS_LABELS_VI,
    AuditEntry,
    MeasureStatus,
    Plan,
    PlanDocument,
    PlanMeasure,
)
from engine.plans.progress import Metrics, ProcedureCount, ProgressReport, Scope, TargetProgress

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = ("xlsx", "csv", "json", "md")

SEVERITY_LABELS_VI = {severity.value: vi for severity, (vi, _) in SEVERITY_LABELS.items()}
LEVEL_LABELS_VI = {
    "ministry": "Cấp bộ",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
    "other": "Cơ quan khác",
}

# Short sheet names (Excel allows 31 characters), one per kind of measure.
SHEET_NAMES = {
    Measure.abolish: "Bãi bỏ",
    Measure.merge: "Gộp thủ tục",
    Measure.interlink: "Liên thông",
    Measure.cut_component: "Cắt giảm hồ sơ",
    Measure.replace_with_data: "Thay bằng dữ liệu",
    Measure.accept_electronic_copy: "Bản sao điện tử",
    Measure.cut_step: "Cắt giảm bước",
    Measure.merge_steps: "Gộp bước",
    Measure.shorten_time_limit: "Rút ngắn thời hạn",
    Measure.cut_fee: "Cắt giảm phí",
    Measure.move_fully_online: "Toàn trình",
    Measure.digital_inspection: "Kiểm tra số",
}


def export_plan(
    plan: Plan,
    fmt: str,
    history: Sequence[AuditEntry] = (),
    report: ProgressReport | None = None,
    impacts: dict[int, MeasureImpact] | None = None,
    forms: Sequence[ProcedureForm] = (),
) -> bytes:
    """The plan in ``fmt`` (one of ``FORMATS``) as bytes ready to write to a file.

    ``forms`` (Excel only): the review and compliance-cost forms of each procedure of the plan.
    """
    if fmt == "xlsx":
        return plan_to_xlsx(plan, history, report, impacts, forms)
    if fmt == "csv":
        return plan_to_csv(plan, impacts).encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    if fmt == "json":
        return plan_to_json(plan, history).encode("utf-8")
    if fmt == "md":
        return plan_to_markdown(plan, report, impacts).encode("utf-8")
    raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


# JSON: the exchange format.


def plan_to_json(plan: Plan, history: Sequence[AuditEntry] = ()) -> str:
    document = PlanDocument(plan=plan, history=list(history))
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def read_plan_document(text: str, source: str = "plan JSON") -> PlanDocument:
    """Parse an exported plan; every problem names ``source`` and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(f"{source}: line {error.lineno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict) or data.get("format") != "tinhgon-plan":
        raise UserError(f'{source}: not a Tinh Gọn plan export (expected "format": "tinhgon-plan")')
    try:
        return PlanDocument.model_validate(data)
    except ValidationError as error:
        raise UserError("; ".join(str(p) for p in validation_problems(source, error))) from None


def import_plan(text: str, source: str = "plan JSON") -> Plan:
    """The plan of an exported JSON document: ``import_plan(plan_to_json(plan)) == plan``."""
    return read_plan_document(text, source).plan


# Rows shared by CSV, Excel and Markdown.

MEASURE_HEADERS = [
    "STT",
    "Mã phương án",
    "Loại phương án",
    "Mã thủ tục",
    "Tên thủ tục hành chính",
    "Đối tượng đơn giản hóa",
    "Mã đối tượng",
    "Thủ tục liên quan",
    "Nội dung đơn giản hóa",
    "Căn cứ pháp lý",
    "Mức độ",
    "Trạng thái",
    "Người xem xét",
    "Ý kiến",
    "Cập nhật lúc (UTC)",
    "Phiên bản",
    "Tiết kiệm ước tính (giờ/hồ sơ)",
    "Tiết kiệm ước tính (đồng/hồ sơ)",
    "Rút ngắn ước tính (ngày)",
    "Chi phí tuân thủ trước (đồng/năm)",
    "Chi phí tuân thủ sau (đồng/năm)",
    "Chi phí tiết kiệm (đồng/năm)",
    "Tỷ lệ cắt giảm chi phí",
    "Thời hạn trước (ngày làm việc)",
    "Thời hạn sau (ngày làm việc)",
    "Số liệu ước tính",
    "Mã phát hiện",
]


def _measure_row(number: int, m: PlanMeasure, impact: MeasureImpact | None) -> list[object]:
    applicable = impact is not None and impact.applicable
    return [
        number,
        m.id,
        MEASURE_LABELS_VI[m.measure],
        m.procedure_code,
        m.procedure_name,
        m.target.label if m.target else "",
        m.target.id if m.target else "",
        ", ".join(m.related_codes),
        m.message,
        "; ".join(m.references),
        SEVERITY_LABELS_VI[m.severity] if m.severity else "Do người dùng thêm",
        STATUS_LABELS_VI[m.status],
        m.reviewer or "",
        m.comment or "",
        m.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
        m.version,
        m.saving.hours,
        m.saving.vnd,
        m.saving.days,
        impact.annual_cost_before_vnd if applicable and impact else "",
        impact.annual_cost_after_vnd if applicable and impact else "",
        impact.annual_saving_vnd if applicable and impact else "",
        _ratio(impact.saving_share) if applicable and impact else "",
        _blank(impact.days_before) if applicable and impact else "",
        _blank(impact.days_after) if applicable and impact else "",
        ("Có" if impact.estimate else "Không") if applicable and impact else "",
        m.finding_key or "",
    ]


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def _ratio(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)


def _ordered(measures: Sequence[PlanMeasure]) -> list[PlanMeasure]:
    return sorted(measures, key=lambda m: (m.procedure_code, m.id))


# CSV: every measure, one row each.


def plan_to_csv(plan: Plan, impacts: dict[int, MeasureImpact] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MEASURE_HEADERS)
    for number, m in enumerate(_ordered(plan.measures), start=1):
        writer.writerow(_measure_row(number, m, (impacts or {}).get(m.id)))
    return out.getvalue()


# Excel: a summary sheet, one sheet per kind of measure, and the audit trail.

METRIC_ROWS = [
    ("Số thủ tục hành chính", "procedures"),
    ("Số thành phần hồ sơ", "components"),
    ("Số bước thực hiện", "steps"),
    ("Tổng thời hạn giải quyết (ngày làm việc)", "time_limit_total_days"),
    ("Trung vị thời hạn giải quyết (ngày làm việc)", "time_limit_median_days"),
    ("Chi phí tuân thủ hằng năm (đồng)", "annual_cost_vnd"),
    ("Số thủ tục toàn trình", "fully_online"),
    ("Tỷ lệ thủ tục toàn trình", "fully_online_share"),
]


def plan_to_xlsx(
    plan: Plan,
    history: Sequence[AuditEntry] = (),
    report: ProgressReport | None = None,
    impacts: dict[int, MeasureImpact] | None = None,
    forms: Sequence[ProcedureForm] = (),
) -> bytes:
    from openpyxl import Workbook  # openpyxl takes a while to import; only this export needs it

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None, "a new workbook has a sheet"
    summary.title = "Tổng hợp"
    _summary_sheet(summary, plan, report)
    for kind in Measure:
        measures = [m for m in plan.measures if m.measure == kind]
        if not measures:
            continue
        sheet = workbook.create_sheet(SHEET_NAMES[kind])
        _heading(sheet, f"PHƯƠNG ÁN: {MEASURE_LABELS_VI[kind].upper()}")
        sheet.append([f"Kế hoạch: {plan.name}"])
        sheet.append([])
        _table(
            sheet,
            MEASURE_HEADERS,
            [
                _measure_row(n, m, (impacts or {}).get(m.id))
                for n, m in enumerate(_ordered(measures), start=1)
            ],
        )
    if forms:
        _review_sheet(workbook.create_sheet(REVIEW_SHEET), forms)
        _cost_sheet(workbook.create_sheet(COST_SHEET), forms)
    if history:
        sheet = workbook.create_sheet("Lịch sử thay đổi")
        _table(
            sheet,
            ["Thời điểm (UTC)", "Người thực hiện", "Mã phương án", "Trường", "Giá trị cũ", "Giá trị mới"],
            [
                [
                    e.at.strftime("%Y-%m-%d %H:%M:%S"),
                    e.actor,
                    e.measure_id or "",
                    e.field,
                    e.old or "",
                    e.new or "",
                ]
                for e in history
            ],
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _summary_sheet(sheet: Worksheet, plan: Plan, report: ProgressReport | None) -> None:
    _heading(sheet, "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH", size=14)
    for label, value in [
        ("Tên kế hoạch", plan.name),
        ("Mã kế hoạch", plan.id),
        ("Người lập", plan.created_by),
        ("Ngày lập (UTC)", plan.created_at.strftime("%Y-%m-%d %H:%M")),
        ("Cập nhật (UTC)", plan.updated_at.strftime("%Y-%m-%d %H:%M")),
        ("Phiên bản", plan.version),
    ]:
        sheet.append([label, value])
    sheet.append([])
    statuses = list(MeasureStatus)
    rows: list[list[object]] = []
    for kind in Measure:
        counts = [sum(1 for m in plan.measures if m.measure == kind and m.status == s) for s in statuses]
        if sum(counts):
            rows.append([MEASURE_LABELS_VI[kind], *counts, sum(counts)])
    rows.append(
        ["Tổng", *[sum(1 for m in plan.measures if m.status == s) for s in statuses], len(plan.measures)]
    )
    _table(sheet, ["Loại phương án", *[STATUS_LABELS_VI[s] for s in statuses], "Tổng"], rows)
    if report is None:
        return
    sheet.append([])
    _heading(sheet, "KẾT QUẢ NẾU THỰC HIỆN CÁC PHƯƠNG ÁN ĐƯỢC CHẤP THUẬN")
    _table(
        sheet,
        ["Chỉ tiêu", "Trước", "Sau", "Chênh lệch", "Tỷ lệ thay đổi"],
        [_metric_row(label, name, report.before, report.after) for label, name in METRIC_ROWS],
    )
    sheet.append([])
    _table(
        sheet,
        [
            "Mục tiêu",
            "Yêu cầu",
            "Đã đạt",
            "Mức hoàn thành",
            "Đạt mục tiêu",
            "Số liệu ước tính",
            "Thời hạn",
            "Tình trạng thời hạn",
            "Căn cứ",
        ],
        [_target_row(t) for t in report.targets],
    )
    if report.counts:
        sheet.append([])
        _table(
            sheet,
            ["Số thủ tục", "Trước", "Cắt giảm (bãi bỏ, gộp)", "Tỷ lệ", "Cắt giảm hoặc đơn giản hóa", "Tỷ lệ"],
            [_count_row(c) for c in report.counts],
        )
    sheet.append([])
    _heading(sheet, "Giả định và căn cứ của số liệu")
    for line in report.assumptions:
        sheet.append([line])
    if report.notes:
        _heading(sheet, "Ghi chú")
        for line in report.notes:
            sheet.append([line])


def _metric_row(label: str, name: str, before: Metrics, after: Metrics) -> list[object]:
    old, new = getattr(before, name), getattr(after, name)
    if old is None or new is None:
        return [label, _blank(old), _blank(new), "", ""]
    return [label, old, new, round(new - old, 4), _ratio((new - old) / old if old else None)]


def _target_row(t: TargetProgress) -> list[object]:
    return [
        t.label_vi,
        t.required,
        _ratio(t.achieved),
        _ratio(t.progress),
        "Có" if t.met else "Chưa",
        "Có" if t.estimate else "Không",
        t.deadline.isoformat(),
        deadline_status_vi(t),
        t.reference,
    ]


SCOPE_LABELS_VI = {Scope.all: "Tất cả thủ tục", Scope.business: "Thủ tục liên quan kinh doanh"}


def _count_row(c: ProcedureCount) -> list[object]:
    return [
        SCOPE_LABELS_VI[c.scope],
        c.before,
        c.cut,
        _ratio(c.cut_share),
        c.cut_or_simplified,
        _ratio(c.cut_or_simplified_share),
    ]


def deadline_status_vi(t: TargetProgress) -> str:
    """ "Đã quá hạn" once the deadline is before the report's as-of date, else the time left."""
    if t.passed:
        return "Đã quá hạn" + (" (chưa đạt)" if not t.met else "")
    return "Còn hạn"


REVIEW_SHEET = "Rà soát (NĐ 63-2010 PL I)"
COST_SHEET = "Chi phí (TT 02-2017 Đ 27)"
COST_ROWS = (
    ("Chi phí thực hiện công việc (đồng)", "work_vnd"),
    ("Phí, lệ phí và chi phí khác (đồng)", "fees_and_other_vnd"),
    ("Chi phí một lần thực hiện TTHC (đồng)", "one_vnd"),
    ("Số lần thực hiện/năm × số đối tượng (hồ sơ/năm)", "per_year"),
    ("Chi phí tuân thủ hằng năm (đồng)", "annual_vnd"),
)


def _review_sheet(sheet: Worksheet, forms: Sequence[ProcedureForm]) -> None:
    """Annex I of Decree 63/2010/NĐ-CP, one row block per procedure; reviewer rows are marked."""
    from openpyxl.styles import PatternFill

    _heading(sheet, "BIỂU MẪU RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH (Phụ lục I, Nghị định 63/2010/NĐ-CP)")
    sheet.append(["Dòng tô vàng: dữ liệu không trả lời được, người rà soát điền."])
    for form in forms:
        sheet.append([])
        _heading(sheet, f"Thủ tục {form.code}: {form.name}")
        _table(
            sheet,
            ["Nội dung", "Câu hỏi", "Trả lời", "Nguồn"],
            [
                [a.section, a.question, a.answer, "Dữ liệu" if a.from_data else "Người rà soát"]
                for a in form.review
            ],
        )
        for offset, answer in enumerate(reversed(form.review)):
            if not answer.from_data:
                for cell in sheet[sheet.max_row - offset]:
                    cell.fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 80


def _cost_sheet(sheet: Worksheet, forms: Sequence[ProcedureForm]) -> None:
    """Article 27 of Circular 02/2017/TT-VPCP: cost of one, annual cost, now and after, the difference."""
    _heading(sheet, "CHI PHÍ TUÂN THỦ THỦ TỤC HÀNH CHÍNH (Điều 27, Thông tư 02/2017/TT-VPCP)")
    sheet.append(
        [
            "Chi phí một lần thực hiện = chi phí thực hiện công việc + phí, lệ phí và chi phí khác; "
            "chi phí hằng năm = chi phí một lần × số lần thực hiện/năm × số đối tượng."
        ]
    )
    for form in forms:
        sheet.append([])
        _heading(sheet, f"Thủ tục {form.code}: {form.name}")
        rows = []
        for label, name in COST_ROWS:
            now = getattr(form.cost_now, name)
            after = getattr(form.cost_after, name) if form.cost_after else 0
            rows.append([label, now, after, after - now])
        rows.append(
            [
                "Nguồn số hồ sơ",
                form.cost_now.volume_source,
                form.cost_after.volume_source if form.cost_after else form.after_note,
                "",
            ]
        )
        _table(sheet, ["Khoản mục", "Hiện tại", "Sau đơn giản hóa", "Chênh lệch"], rows)
    sheet.column_dimensions["A"].width = 50
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 22


def _heading(sheet: Worksheet, text: str, size: int = 11) -> None:
    from openpyxl.styles import Font

    sheet.append([text])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=size)


def _table(sheet: Worksheet, headers: list[str], rows: Sequence[Sequence[object]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
        for cell, header in zip(sheet[sheet.max_row], headers, strict=False):
            cell.number_format = _number_format(header)
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(
            sheet.column_dimensions[letter].width or 0, min(max(len(header), 10), 40)
        )


# Shares shown as percentages, amounts in đồng with thousands separators; the cells keep exact values.
_PERCENT_HEADERS = {"Yêu cầu", "Yêu cầu cắt giảm", "Đã đạt", "Mức hoàn thành"}


def _number_format(header: str) -> str:
    if header.startswith("Tỷ lệ") or header in _PERCENT_HEADERS:
        return "0.0%"
    if "(đồng" in header:
        return "#,##0"
    return "General"


# Markdown: the report a reform team reads.


def plan_to_markdown(
    plan: Plan, report: ProgressReport | None = None, impacts: dict[int, MeasureImpact] | None = None
) -> str:
    lines = [
        f"# Phương án đơn giản hóa: {plan.name}",
        "",
        f"Kế hoạch {plan.id}, lập bởi {plan.created_by} ngày {plan.created_at:%Y-%m-%d}; "
        f"cập nhật {plan.updated_at:%Y-%m-%d %H:%M} UTC (phiên bản {plan.version}).",
        "",
    ]
    statuses = list(MeasureStatus)
    lines += [
        "| Loại phương án | " + " | ".join(STATUS_LABELS_VI[s] for s in statuses) + " | Tổng |",
        "|---|" + "---:|" * (len(statuses) + 1),
    ]
    for kind in Measure:
        counts = [sum(1 for m in plan.measures if m.measure == kind and m.status == s) for s in statuses]
        if sum(counts):
            lines.append(
                f"| {MEASURE_LABELS_VI[kind]} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |"
            )
    lines.append("")
    if report:
        lines += progress_to_markdown(report, dimensions=()).splitlines() + [""]
    for kind in Measure:
        measures = _ordered([m for m in plan.measures if m.measure == kind])
        if not measures:
            continue
        lines += [
            f"## {MEASURE_LABELS_VI[kind]} ({len(measures)})",
            "",
            "| Mã | Thủ tục | Nội dung | Mức độ | Trạng thái | Người xem xét | Ý kiến "
            "| Tiết kiệm (đồng/năm) |",
            "|---:|---|---|---|---|---|---|---:|",
        ]
        for m in measures:
            impact = (impacts or {}).get(m.id)
            saving = (
                _vnd(impact.annual_saving_vnd) + (" (ước tính)" if impact.estimate else "")
                if impact and impact.applicable
                else "—"
            )
            lines.append(
                f"| {m.id} | {m.procedure_code} {markdown_cell(m.procedure_name)} | "
                f"{markdown_cell(m.message)} | "
                f"{SEVERITY_LABELS_VI[m.severity] if m.severity else 'Do người dùng thêm'} | "
                f"{STATUS_LABELS_VI[m.status]} | {m.reviewer or ''} | {markdown_cell(m.comment or '')} | "
                f"{saving} |"
            )
        lines.append("")
    return "\n".join(lines)


def progress_to_markdown(
    report: ProgressReport, dimensions: Sequence[str] = ("level", "field", "agency")
) -> str:
    """Before/after, progress against each target, then the same by level, field and agency."""
    lines = [
        "## Trước và sau phương án",
        "",
        "| Chỉ tiêu | Trước | Sau | Thay đổi |",
        "|---|---:|---:|---:|",
    ]
    for label, name in METRIC_ROWS:
        old, new = getattr(report.before, name), getattr(report.after, name)
        change = _percent((new - old) / old, signed=True) if old and new is not None else "—"
        lines.append(f"| {label} | {_number(old, name)} | {_number(new, name)} | {change} |")
    if report.before.cost_depends_on_estimate or report.after.cost_depends_on_estimate:
        lines.append("")
        lines.append(
            f"Chi phí tuân thủ là số ước tính: {report.before.estimated_volumes} thủ tục dùng số hồ sơ "
            "giả định; giờ làm cho từng công việc là giả định (xem Giả định)."
        )
    lines += [
        "",
        "## Tiến độ so với mục tiêu",
        "",
        "| Mục tiêu | Yêu cầu | Đã đạt | Mức hoàn thành | Đạt | Thời hạn | Căn cứ |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for t in report.targets:
        lines.append(
            f"| {t.label_vi}{' (ước tính)' if t.estimate else ''} | {_percent(t.required)} | "
            f"{_percent(t.achieved)} | {_percent(t.progress)} | {'Có' if t.met else 'Chưa'} | "
            f"{t.deadline:%d/%m/%Y}, {deadline_status_vi(t).lower()} | {markdown_cell(t.reference)} |"
        )
    if report.counts:
        lines += [
            "",
            "| Số thủ tục | Trước | Cắt giảm (bãi bỏ, gộp) | Cắt giảm hoặc đơn giản hóa |",
            "|---|---:|---:|---:|",
        ]
        for c in report.counts:
            lines.append(
                f"| {SCOPE_LABELS_VI[c.scope]} | {_number(c.before, '')} | {_number(c.cut, '')} "
                f"({_percent(c.cut_share)}) | {_number(c.cut_or_simplified, '')} "
                f"({_percent(c.cut_or_simplified_share)}) |"
            )
    titles = {"level": "cấp thực hiện", "field": "lĩnh vực", "agency": "cơ quan thực hiện"}
    for dimension in dimensions:
        groups = report.by(dimension)
        if not groups:
            continue
        names = [t.label_vi for t in groups[0].targets]
        lines += [
            "",
            f"## Theo {titles[dimension]}",
            "",
            "| Nhóm | Thủ tục trước | Thủ tục sau | " + " | ".join(names) + " |",
            "|---|---:|---:|" + "---:|" * len(names),
        ]
        for g in groups:
            group = LEVEL_LABELS_VI.get(g.group, g.group) if dimension == "level" else g.group
            lines.append(
                f"| {markdown_cell(group)} | {g.before.procedures} | {g.after.procedures} | "
                + " | ".join(_percent(t.achieved) for t in g.targets)
                + " |"
            )
    lines += ["", "## Giả định", ""] + [f"- {a}" for a in report.assumptions]
    if report.notes:
        lines += ["", "## Ghi chú", ""] + [f"- {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def _vnd(amount: int) -> str:
    return fixed_number(amount) + " đ"


def _percent(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = ("+" if signed and value >= 0 else "") + fixed_number(value * 100, decimals=1) + "%"
    return text.replace("-", "−")


def _number(value: float | int | None, name: str) -> str:
    if value is None:
        return "—"
    if name == "annual_cost_vnd":
        return _vnd(int(value))
    if name == "fully_online_share":
        return _percent(value)
    return fixed_number(value, decimals=0 if isinstance(value, int) else 2)
