"""Texts of the procedure page (Thủ tục), Vietnamese first.

Kept apart from ``i18n.py`` so the two pages' texts merge without conflicts. Enum labels (severity,
measure, level, channel, step kind, cost activity) and number formats are the workbench's, in
``i18n.py``: the procedure page shows them as every other page does.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "find": {"vi": "Tìm thủ tục theo mã hoặc tên (không cần dấu)", "en": "Find a procedure by code or name"},
    "find_none": {"vi": "Không có thủ tục nào khớp.", "en": "No procedure matches."},
    "choose": {"vi": "Thủ tục", "en": "Procedure"},
    "unknown_code": {
        "vi": "Không có thủ tục mã «{code}» trong bộ thủ tục; đang hiện {shown}.",
        "en": "No procedure with code «{code}» in the catalogue; showing {shown}.",
    },
    "empty": {"vi": "Bộ thủ tục không có thủ tục nào.", "en": "The catalogue has no procedure."},
    "levels": {"vi": "Cấp thực hiện", "en": "Level"},
    "field": {"vi": "Lĩnh vực", "en": "Field"},
    "agency": {"vi": "Cơ quan thực hiện", "en": "Executing agency"},
    "time_limit": {"vi": "Thời hạn giải quyết", "en": "Time limit"},
    "findings": {"vi": "Phát hiện", "en": "Findings"},
    "view": {"vi": "Hiển thị", "en": "Show"},
    "view_before": {"vi": "Hiện trạng", "en": "As published"},
    "view_after": {"vi": "Sau phương án", "en": "After the plan"},
    "plan": {"vi": "Phương án đơn giản hóa", "en": "Simplification plan"},
    "no_plan": {
        "vi": "Chưa có phương án nào. Tạo phương án ở trang Tổng quan hoặc bằng lệnh "
        "`tinhgon plan create`, rồi chấp thuận các biện pháp, để xem thủ tục sau khi đơn giản hóa.",
        "en": "No plan yet. Create one on the overview page or with `tinhgon plan create` and accept "
        "its measures to see the procedure after simplification.",
    },
    "no_plan_short": {"vi": "Chưa có phương án", "en": "No plan yet"},
    "plan_none_here": {
        "vi": "Phương án này chưa có biện pháp nào được chấp thuận cho thủ tục này.",
        "en": "This plan has no accepted measure for this procedure.",
    },
    "plan_applied": {
        "vi": "Đã áp dụng {n} biện pháp được chấp thuận của phương án.",
        "en": "{n} accepted measures of the plan applied.",
    },
    "abolished": {
        "vi": "Phương án bãi bỏ thủ tục này: sau phương án, không ai còn phải làm thủ tục này.",
        "en": "The plan abolishes this procedure: after it, nobody has to do it.",
    },
    "plan_notes": {
        "vi": "{n} biện pháp chưa thể hiện được trên sơ đồ",
        "en": "{n} measures not shown on the map",
    },
    "plan_notes_why": {
        "vi": "Chúng được chấp thuận nhưng không áp dụng được cho thủ tục này như nó đang được mô tả, "
        "chẳng hạn vì phần chúng nhắm tới không còn, hay thủ tục cần gộp không có trong danh mục.",
        "en": "They are accepted but cannot be applied to this procedure as it is described, for example "
        "because the part they target is gone or the procedure to merge with is not in the catalogue.",
    },
    "legend": {
        "vi": "Từ trên xuống: hồ sơ nộp (mỗi trường hợp một bảng), rồi các bước theo cột của từng cơ quan. "
        "Viền đỏ và ⚑: có phát hiện (tên quy tắc). Màu xanh và ✓: phương án thay đổi; gạch ngang: bị bỏ. "
        "→: kết quả của bước chuyển cho bước sau.",
        "en": "Top to bottom: the dossier (one table per case), then the steps in one column per agency. "
        "Red border and ⚑: flagged (the rule's title). Green and ✓: changed by the plan; struck out: "
        "removed. →: what a step passes on.",
    },
    "zoom_in": {"vi": "Phóng to +", "en": "Zoom in +"},
    "zoom_out": {"vi": "Thu nhỏ −", "en": "Zoom out −"},
    "zoom_fit": {"vi": "Xem toàn bộ", "en": "Whole map"},
    "zoom_one": {"vi": "Cỡ chữ thật", "en": "Actual size"},
    "zoom_hint": {
        "vi": "Kéo để di chuyển · cuộn chuột để phóng to, thu nhỏ · "
        "bấm vào bước hoặc giấy tờ để xem chi tiết",
        "en": "Drag to move · scroll to zoom · click a step or document for its details",
    },
    "download_svg": {"vi": "Tải sơ đồ (SVG)", "en": "Download the map (SVG)"},
    "download_png": {"vi": "Tải sơ đồ (PNG)", "en": "Download the map (PNG)"},
    "no_graphviz": {
        "vi": "Máy chủ chưa cài Graphviz (gói Debian `graphviz`), nên sơ đồ được vẽ đơn giản, "
        "không phóng to hay bấm chọn được.",
        "en": "Graphviz (Debian package `graphviz`) is not installed on the server, so the map is drawn "
        "plainly, without zoom or clicks.",
    },
    "part": {"vi": "Phần đang xem trên sơ đồ", "en": "Part shown from the map"},
    "part_none": {"vi": "— chọn trên sơ đồ hoặc tại đây —", "en": "— pick on the map or here —"},
    "kind_component": {"vi": "Thành phần hồ sơ", "en": "Dossier component"},
    "kind_step": {"vi": "Bước thực hiện", "en": "Step"},
    "kind_result": {"vi": "Kết quả thực hiện", "en": "Result"},
    "copies": {"vi": "Số bản", "en": "Copies"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "template": {"vi": "Mẫu đơn, tờ khai", "en": "Form"},
    "actor": {"vi": "Người thực hiện", "en": "Done by"},
    "step_agency": {"vi": "Cơ quan", "en": "Agency"},
    "step_kind": {"vi": "Loại bước", "en": "Kind of step"},
    "duration": {"vi": "Thời gian", "en": "Duration"},
    "outputs": {"vi": "Tạo ra", "en": "Produces"},
    "result_code": {"vi": "Mã kết quả", "en": "Result code"},
    "no_part_findings": {"vi": "Không có phát hiện nào cho phần này.", "en": "No finding on this part."},
    "rule": {"vi": "Quy tắc", "en": "Rule"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "target": {"vi": "Đối tượng", "en": "Target"},
    "message": {"vi": "Nội dung", "en": "Finding"},
    "measure": {"vi": "Biện pháp đề xuất", "en": "Proposed measure"},
    "legal": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "saving": {"vi": "Tiết kiệm ước tính mỗi hồ sơ", "en": "Estimated saving per dossier"},
    "rationale": {"vi": "Lý do", "en": "Rationale"},
    "experimental_rule": {
        "vi": "Quy tắc thử nghiệm (chưa chứng minh được độ chính xác 90%)",
        "en": "Experimental rule (90% precision not shown)",
    },
    "whole_procedure": {"vi": "Cả thủ tục", "en": "Whole procedure"},
    "channel": {"vi": "Kênh", "en": "Channel"},
    "no_findings": {"vi": "Không có phát hiện nào cho thủ tục này.", "en": "No findings for this procedure."},
    "cost": {"vi": "Chi phí tuân thủ", "en": "Compliance cost"},
    "cost_activity": {"vi": "Hoạt động", "en": "Activity"},
    "cost_before": {"vi": "Hiện trạng (đ/hồ sơ)", "en": "Now (VND/dossier)"},
    "cost_after": {"vi": "Sau phương án (đ/hồ sơ)", "en": "After the plan (VND/dossier)"},
    "cost_change": {"vi": "Thay đổi", "en": "Change"},
    "cost_hours": {"vi": "Giờ", "en": "Hours"},
    "cost_per_dossier": {"vi": "Chi phí mỗi hồ sơ", "en": "Cost per dossier"},
    "cost_annual": {"vi": "Chi phí mỗi năm", "en": "Cost per year"},
    "cost_total": {"vi": "Tổng mỗi hồ sơ", "en": "Total per dossier"},
    "cost_volume": {
        "vi": "{volume} hồ sơ mỗi năm{estimate}; thu nhập {hourly} một giờ.",
        "en": "{volume} dossiers a year{estimate}; income {hourly} an hour.",
    },
    "estimate": {"vi": " (ước tính)", "en": " (estimate)"},
    "cost_mode": {"vi": "Giả định người nộp dùng kênh: {mode}.", "en": "Assumes the applicant uses: {mode}."},
    "cost_estimate_note": {
        "vi": "Các con số là ước tính theo mô hình chi phí chuẩn.",
        "en": "Figures are Standard Cost Model estimates.",
    },
    "details": {"vi": "Thông tin thủ tục", "en": "Procedure details"},
    "channels": {"vi": "Cách thức thực hiện", "en": "Channels"},
    "fee": {"vi": "Phí, lệ phí", "en": "Fee"},
    "free": {"vi": "Miễn phí", "en": "Free"},
    "unknown": {"vi": "Không rõ", "en": "Not stated"},
    "none_stated": {"vi": "Không ghi", "en": "Not stated"},
    "legal_basis": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "conditions": {"vi": "Yêu cầu, điều kiện", "en": "Requirements and conditions"},
    "online_level": {"vi": "Mức độ trực tuyến", "en": "Online level"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text
