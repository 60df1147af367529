"""Exports: JSON that imports back to the same plan, Excel laid out like a plan, CSV, Markdown."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from engine.errors import UserError
from engine.model import Measure, Severity
from engine.plans.export import MEASURE_HEADERS, export_plan, import_plan, plan_to_json, read_plan_document
from engine.plans.model import MeasureStatus
from engine.plans.repository import PlanRepository
from engine.plans.service import add_measure, create_plan_from_findings, impacts, progress, set_status
from tests.plans.conftest import catalogue, finding


@pytest.fixture
def stored(repo):
    """A plan with decisions, comments and a person's own measure, as a team would leave it."""
    findings = [
        finding("1.000001", "c3", Severity.high),
        finding("1.000001", "c2", Severity.medium, Measure.accept_electronic_copy),
    ]
    plan = create_plan_from_findings(repo, "Phương án 2026", findings, "lan")
    add_measure(repo, plan.id, Measure.abolish, catalogue()[1], "minh")
    set_status(repo, plan.id, [1, 3], MeasureStatus.accepted, "minh", "đồng ý")
    plan = set_status(repo, plan.id, [2], MeasureStatus.rejected, "hoa", "chờ hướng dẫn | NĐ 23")
    return plan


def test_json_export_imports_back_to_the_same_plan(stored, repo):
    text = plan_to_json(stored, repo.history(stored.id))
    assert import_plan(text) == stored


def test_an_imported_plan_is_stored_with_its_audit_trail(stored, repo, tmp_path):
    history = repo.history(stored.id)
    document = read_plan_document(plan_to_json(stored, history))
    with PlanRepository(f"sqlite:///{tmp_path / 'other.db'}") as other:
        assert other.restore(document, "import") == stored
        copied = other.history(stored.id)
    assert [(e.actor, e.field, e.old, e.new) for e in copied[:-1]] == [
        (e.actor, e.field, e.old, e.new) for e in history
    ]
    assert copied[-1].new == "imported plan 1 «Phương án 2026»"
    with pytest.raises(UserError, match="plan 1 already exists"):
        repo.restore(document, "import")
    copy = repo.restore(document, "import", as_new=True)
    assert (copy.id, copy.name) == (2, "Phương án 2026 (2)")  # the name is taken: the copy is told apart
    assert repo.history(2)[-1].new == "imported plan 1 «Phương án 2026» as «Phương án 2026 (2)»"
    assert repo.restore(document, "import", as_new=True).name == "Phương án 2026 (3)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "plan.json: line 1: not valid JSON"),
        ('{"plans": []}', "plan.json: not a Tinh Gọn plan export"),
        ('{"format": "tinhgon-plan", "plan": {"id": 1}}', "plan.json: plan.name: Field required"),
    ],
)
def test_a_broken_plan_file_is_a_clear_error(text, message):
    with pytest.raises(UserError, match=message):
        import_plan(text, "plan.json")


def test_excel_has_a_summary_and_one_sheet_per_kind_of_measure(stored, repo, params, targets):
    procedures = catalogue()
    data = export_plan(
        stored,
        "xlsx",
        repo.history(stored.id),
        progress(procedures, stored, params, targets),
        impacts(procedures, stored, params),
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Tổng hợp",
        "Bãi bỏ",
        "Thay bằng dữ liệu",
        "Bản sao điện tử",
        "Lịch sử thay đổi",
    ]
    summary = [[c for c in row if c is not None] for row in book["Tổng hợp"].iter_rows(values_only=True)]
    assert ["Số thủ tục hành chính", 4, 3, -1, -0.25] in summary
    assert ["Tổng", 0, 2, 1, 0, 3] in summary
    sheet = list(book["Thay bằng dữ liệu"].iter_rows(values_only=True))
    assert sheet[0][0] == "PHƯƠNG ÁN: THAY THÀNH PHẦN HỒ SƠ BẰNG DỮ LIỆU"
    row = dict(zip(sheet[3], sheet[4], strict=True))
    assert list(sheet[3]) == MEASURE_HEADERS
    assert (row["Mã thủ tục"], row["Trạng thái"], row["Người xem xét"], row["Ý kiến"]) == (
        "1.000001",
        "Chấp thuận",
        "minh",
        "đồng ý",
    )
    # Replacing c3 with data saves its preparation hour on each of 1,000 dossiers: 43,750 × 1,000.
    assert row["Chi phí tiết kiệm (đồng/năm)"] == 43_750_000
    assert row["Số liệu ước tính"] == "Có"


def test_csv_has_vietnamese_headers_and_one_row_per_measure(stored):
    text = export_plan(stored, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Loại phương án"] for r in rows] == [
        "Thay thành phần hồ sơ bằng dữ liệu",
        "Bản sao điện tử thay bản sao chứng thực",
        "Bãi bỏ thủ tục",
    ]
    assert rows[1]["Ý kiến"] == "chờ hướng dẫn | NĐ 23" and rows[2]["Mức độ"] == "Do người dùng thêm"


def test_markdown_report_lists_measures_and_progress(stored, params, targets):
    report = progress(catalogue(), stored, params, targets)
    text = export_plan(stored, "md", report=report).decode("utf-8")
    assert text.startswith("# Phương án đơn giản hóa: Phương án 2026")
    assert (
        "## Tiến độ so với mục tiêu" in text
        and "| Cắt giảm 30% số lượng thủ tục hành chính (Bắc Ninh, 2030) | 30,0% | 25,0% |" in text
    )
    assert "chờ hướng dẫn \\| NĐ 23" in text  # a pipe in a comment does not break the table


def test_an_unknown_format_is_a_clear_error(stored):
    with pytest.raises(UserError, match="unknown export format 'pdf'"):
        export_plan(stored, "pdf")
