"""The official forms in the Excel export: Decree 63/2010 Annex I review and Circular 02/2017 art. 27 cost."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from engine.model import Measure, TargetKind
from engine.plans.export import COST_SHEET, REVIEW_SHEET, export_plan
from engine.plans.service import forms
from engine.services.catalogue import load_catalogue
from tests.conftest import HAND
from tests.plans.conftest import measure, plan

CODE = "1.013225"  # construction permit, modelled by hand from its portal record


def _block(sheet, code: str) -> list[tuple]:
    """The rows of the block headed «Thủ tục CODE: …», up to the next blank row."""
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if str(row[0] or "").startswith(f"Thủ tục {code}:"))
    block = []
    for row in rows[start + 1 :]:
        if row[0] is None:
            break
        block.append(row)
    return block


def _by_first_cell(rows: list[tuple]) -> dict[str, tuple]:
    return {str(row[0]): row for row in rows}


def test_the_export_has_the_review_and_cost_forms_of_a_real_procedure(params):
    procedures = load_catalogue(HAND).procedures
    # The land papers, looked up in the land database, in each of the three cases of five components.
    land_papers = ["c9", "c21", "c24"]
    reform = plan(
        *[
            measure(i, Measure.replace_with_data, CODE, (TargetKind.component, c))
            for i, c in enumerate(land_papers, 1)
        ],
        measure(4, Measure.abolish, "1.001193"),
    )
    workbook = load_workbook(io.BytesIO(export_plan(reform, "xlsx", forms=forms(procedures, reform, params))))

    cost = _by_first_cell(_block(workbook[COST_SHEET], CODE))
    # By hand, Standard Cost Model of rules/cost_parameters.yaml: hourly income 7,700,000 / 22 / 8 =
    # 43,750 đ; learning 0.5 h, preparing the 5 components of the largest case 5 × 1 h, two visits of
    # 2 h, supplementing 0.5 h = 10 h = 437,500 đ; travel 2 × 20,000 đ; the permit is free.
    one_now = 10 * 7_700_000 / 22 / 8 + 2 * 20_000
    label, now, after, difference = cost["Chi phí một lần thực hiện TTHC (đồng)"]
    assert now == one_now == 477_500
    assert cost["Chi phí thực hiện công việc (đồng)"][1] == 437_500
    assert cost["Phí, lệ phí và chi phí khác (đồng)"][1] == 40_000
    # The largest case now has four components: one hour less to prepare.
    assert after == one_now - 43_750 and difference == after - now
    assert cost["Số lần thực hiện/năm × số đối tượng (hồ sơ/năm)"][1:3] == (12_000, 12_000)
    assert cost["Chi phí tuân thủ hằng năm (đồng)"][1:] == (
        477_500 * 12_000,
        433_750 * 12_000,
        -43_750 * 12_000,
    )
    assert cost["Nguồn số hồ sơ"][1].startswith("ước tính")
    abolished = _by_first_cell(_block(workbook[COST_SHEET], "1.001193"))
    assert abolished["Chi phí tuân thủ hằng năm (đồng)"][2] == 0
    assert abolished["Nguồn số hồ sơ"][2] == "Thủ tục được bãi bỏ"

    answers = {row[1]: (row[2], row[3]) for row in _block(workbook[REVIEW_SHEET], CODE)}
    assert answers["Thành phần hồ sơ, số lượng bộ hồ sơ"][1] == "Dữ liệu"
    assert "Thay thành phần hồ sơ bằng dữ liệu" in answers["Thành phần hồ sơ, số lượng bộ hồ sơ"][0]
    assert answers["Thời hạn giải quyết; có thể rút ngắn không"][1] == "Dữ liệu"
    assert answers["Căn cứ pháp lý, thẩm quyền ban hành"][1] == "Người rà soát"
    assert (
        answers["Mục tiêu quản lý nhà nước và lợi ích của đối tượng thực hiện thủ tục"][1] == "Người rà soát"
    )
