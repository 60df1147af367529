"""Workbench texts: Vietnamese first, English available. Domain terms keep their Vietnamese names."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "vi": "Tinh Gọn: bàn làm việc rà soát thủ tục hành chính",
        "en": "Tinh Gọn: administrative procedure review workbench",
    },
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "view": {"vi": "Màn hình", "en": "View"},
    "view_procedures": {"vi": "Thủ tục và phát hiện", "en": "Procedures and findings"},
    "catalogue": {"vi": "Bộ thủ tục", "en": "Catalogue"},
    "procedures": {"vi": "Thủ tục", "en": "Procedures"},
    "findings": {"vi": "Phát hiện", "en": "Findings"},
    "flagged": {"vi": "Thủ tục có phát hiện", "en": "Procedures with findings"},
    "problems": {"vi": "Tệp lỗi", "en": "Invalid files"},
    "choose": {"vi": "Chọn thủ tục", "en": "Choose a procedure"},
    "search": {"vi": "Tìm theo mã hoặc tên", "en": "Search by code or name"},
    "only_flagged": {"vi": "Chỉ thủ tục có phát hiện", "en": "Only procedures with findings"},
    "experimental": {"vi": "Cả quy tắc thử nghiệm", "en": "Include experimental rules"},
    "experimental_help": {
        "vi": "Quy tắc thử nghiệm có độ chính xác dưới 80% khi rà soát thử (docs/precision.md); "
        "phát hiện của chúng cần được đọc kỹ.",
        "en": "Experimental rules were under 80% precision when their hits were reviewed "
        "(docs/precision.md); read their findings with care.",
    },
    "graph": {"vi": "Sơ đồ thủ tục", "en": "Procedure graph"},
    "graph_legend": {
        "vi": "Hộp: bước · Tờ giấy: thành phần hồ sơ · Bầu dục: sản phẩm trung gian · "
        "Bát giác: kết quả · Đỏ: có phát hiện",
        "en": "Box: step · Note: dossier component · Ellipse: intermediate output · "
        "Octagon: result · Red: flagged",
    },
    "no_findings": {"vi": "Không có phát hiện nào cho thủ tục này.", "en": "No findings for this procedure."},
    "no_match": {"vi": "Không có thủ tục nào khớp.", "en": "No procedure matches."},
    "details": {"vi": "Thông tin thủ tục", "en": "Procedure details"},
    "components": {"vi": "Thành phần hồ sơ", "en": "Dossier components"},
    "steps": {"vi": "Trình tự thực hiện", "en": "Steps"},
    "channels": {"vi": "Cách thức thực hiện", "en": "Channels"},
    "levels": {"vi": "Cấp thực hiện", "en": "Levels"},
    "field": {"vi": "Lĩnh vực", "en": "Field"},
    "rule": {"vi": "Quy tắc", "en": "Rule"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "target": {"vi": "Đối tượng", "en": "Target"},
    "message": {"vi": "Nội dung", "en": "Finding"},
    "measure": {"vi": "Biện pháp đề xuất", "en": "Proposed measure"},
    "legal": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "saving": {"vi": "Tiết kiệm ước tính / hồ sơ", "en": "Estimated saving / dossier"},
    "rationale": {"vi": "Lý do", "en": "Rationale"},
    "name": {"vi": "Tên", "en": "Name"},
    "originals": {"vi": "Bản chính", "en": "Originals"},
    "copies": {"vi": "Bản sao", "en": "Copies"},
    "doc_types": {"vi": "Loại giấy tờ", "en": "Document types"},
    "action": {"vi": "Công việc", "en": "Action"},
    "agency": {"vi": "Cơ quan", "en": "Agency"},
    "hits_by_rule": {"vi": "Số phát hiện theo quy tắc", "en": "Hits by rule"},
    "loading": {"vi": "Đang rà soát bộ thủ tục…", "en": "Auditing the catalogue…"},
}


def t(key: str, lang: str) -> str:
    return TEXTS[key][lang]
