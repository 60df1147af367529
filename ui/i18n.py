"""Workbench texts and number formats: Vietnamese first, English on the switch.

Domain terms keep their Vietnamese names in both languages (thủ tục, hồ sơ, trường hợp). Every label,
header and enum value shown is looked up here; raw codes never reach the screen. ``i18n_map`` (the
procedure map page) adds its own texts the same way.
"""

from __future__ import annotations

from engine.model import Level, Measure, OnlineLevel, Severity
from engine.plans.model import MEASURE_LABELS_VI, STATUS_LABELS_VI, MeasureStatus
from engine.services.review import NOT_IN_PLAN

LANGS = {"vi": "Tiếng Việt", "en": "English"}

TEXTS: dict[str, tuple[str, str]] = {
    # app and navigation
    "title": ("Tinh Gọn: bàn làm việc rà soát thủ tục hành chính", "Tinh Gọn: procedure review workbench"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_catalogue": ("Danh mục", "Catalogue"),
    "page_procedure": ("Thủ tục", "Procedure"),
    "page_review": ("Rà soát", "Review"),
    "page_rules": ("Quy tắc", "Rules"),
    "page_databases": ("Cơ sở dữ liệu", "Databases"),
    "page_load": ("Nạp dữ liệu", "Load data"),
    "language": ("Ngôn ngữ", "Language"),
    "experimental": ("Cả quy tắc thử nghiệm", "Include experimental rules"),
    "experimental_help": (
        "Quy tắc thử nghiệm có độ chính xác dưới 80% khi rà soát thử (docs/precision.md); "
        "phát hiện của chúng cần được đọc kỹ.",
        "Experimental rules were under 80% precision when their hits were judged (docs/precision.md); "
        "read their findings with care.",
    ),
    "reviewer": ("Người rà soát", "Reviewer"),
    "reviewer_help": ("Tên được ghi vào nhật ký của phương án.", "The name the plan's audit trail records."),
    "plan": ("Phương án", "Plan"),
    "no_plan": ("(chưa chọn phương án)", "(no plan chosen)"),
    "loading": ("Đang rà soát bộ thủ tục…", "Auditing the catalogue…"),
    "catalogue_in_use": ("Bộ thủ tục đang dùng", "Catalogue in use"),
    "bundled": ("bộ thủ tục kèm theo", "the bundled catalogue"),
    "uploaded": ("bộ thủ tục đã nạp", "the uploaded catalogue"),
    # common
    "procedures": ("Thủ tục", "Procedures"),
    "findings": ("Phát hiện", "Findings"),
    "flagged": ("Thủ tục có phát hiện", "Procedures with findings"),
    "problems": ("Tệp lỗi", "Invalid files"),
    "code": ("Mã", "Code"),
    "name": ("Tên thủ tục", "Procedure name"),
    "level": ("Cấp thực hiện", "Level"),
    "field": ("Lĩnh vực", "Field"),
    "agency": ("Cơ quan thực hiện", "Agency"),
    "online_level": ("Mức trực tuyến", "Online level"),
    "components": ("Thành phần hồ sơ", "Dossier components"),
    "steps": ("Bước thực hiện", "Steps"),
    "days": ("Thời hạn (ngày làm việc)", "Time limit (working days)"),
    "rule": ("Quy tắc", "Rule"),
    "rules_hit": ("Quy tắc phát hiện", "Rules hit"),
    "database": ("Cơ sở dữ liệu", "Database"),
    "severity": ("Mức độ", "Severity"),
    "status": ("Trạng thái", "Status"),
    "measure": ("Biện pháp", "Measure"),
    "target": ("Đối tượng", "Target"),
    "message": ("Nội dung", "Finding"),
    "comment": ("Ý kiến", "Comment"),
    "precision": ("Độ chính xác đo được", "Measured precision"),
    "experimental_mark": ("Thử nghiệm", "Experimental"),
    "proven": ("Đã kiểm chứng", "Proven"),
    "none": ("—", "—"),
    "all": ("Tất cả", "All"),
    "unknown": ("(không rõ)", "(unknown)"),
    "hours": ("giờ", "hours"),
    "search": ("Tìm theo mã hoặc tên (không cần dấu)", "Search by code or name (accents optional)"),
    "no_match": ("Không có kết quả nào khớp.", "Nothing matches."),
    "choose_plan_first": (
        "Chọn hoặc tạo một phương án ở trang Tổng quan.",
        "Choose or create a plan on the Overview page.",
    ),
    # overview
    "targets": ("Mục tiêu cải cách", "Reform targets"),
    "baseline": ("Ban đầu", "Baseline"),
    "achieved": ("Đã đạt (đã thực hiện)", "Achieved (done)"),
    "projected": ("Dự kiến (đã chấp thuận)", "Projected (accepted)"),
    "target_line": ("Mục tiêu", "Target"),
    "reduction": ("Mức cắt giảm", "Reduction"),
    "deadline": ("Hạn", "Deadline"),
    "estimate_note": (
        "Chi phí là ước tính: cổng dịch vụ công không công bố số lượng hồ sơ hằng năm.",
        "Costs are estimates: the portal publishes no annual volumes.",
    ),
    "counts": ("Số thủ tục theo cách báo cáo chính thức", "Procedures, counted as official reports do"),
    "cut": ("Thủ tục cắt giảm (bãi bỏ, gộp)", "Procedures cut (abolished, merged)"),
    "cut_or_simplified": ("Thủ tục cắt giảm hoặc đơn giản hóa", "Procedures cut or simplified"),
    "breakdown": ("Theo cấp, lĩnh vực, cơ quan", "By level, field and agency"),
    "dimension": ("Nhóm theo", "Group by"),
    "dim_level": ("Cấp thực hiện", "Level"),
    "dim_field": ("Lĩnh vực", "Field"),
    "dim_agency": ("Cơ quan", "Agency"),
    "group": ("Nhóm", "Group"),
    "history": ("Diễn biến của phương án", "The plan over time"),
    "history_empty": ("Phương án chưa có quyết định nào.", "No decision on the plan yet."),
    "when": ("Thời điểm", "When"),
    "count": ("Số biện pháp", "Measures"),
    "choose_plan": ("Chọn phương án", "Choose a plan"),
    "create_plan": ("Tạo phương án từ các phát hiện", "Create a plan from the findings"),
    "plan_name": ("Tên phương án", "Plan name"),
    "min_severity": ("Chỉ phát hiện từ mức", "Only findings of at least"),
    "all_severities": ("Mọi mức độ", "Every severity"),
    "create": ("Tạo phương án", "Create plan"),
    "created": ("Đã tạo phương án «{name}» với {n} biện pháp.", "Created plan «{name}» with {n} measures."),
    "plan_rules_experimental": (
        "Phương án lấy phát hiện của mọi quy tắc, gồm cả quy tắc thử nghiệm.",
        "The plan takes the findings of every rule, experimental ones included.",
    ),
    "plan_rules_default": (
        "Phương án chỉ lấy phát hiện của quy tắc mặc định; bật «Cả quy tắc thử nghiệm» ở thanh bên để thêm.",
        "The plan takes the default rules' findings only; switch on «Include experimental rules» in the "
        "sidebar to add the others.",
    ),
    "no_plans": ("Chưa có phương án nào.", "No plan yet."),
    "metric": ("Chỉ tiêu", "Metric"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "measures_by_status": ("Biện pháp theo trạng thái", "Measures by status"),
    # catalogue
    "catalogue_title": ("Danh mục thủ tục hành chính", "Catalogue of procedures"),
    "filters": ("Bộ lọc", "Filters"),
    "only_flagged": ("Chỉ thủ tục có phát hiện", "Only procedures with findings"),
    "sort_by": ("Sắp xếp theo", "Sort by"),
    "descending": ("Giảm dần", "Descending"),
    "shown": ("Đang hiển thị {n} thủ tục", "Showing {n} procedures"),
    "open_procedure": ("Mở thủ tục", "Open procedure"),
    "open": ("Mở", "Open"),
    "row_hint": ("Chọn một dòng để mở thủ tục.", "Select a row to open the procedure."),
    # review
    "review_title": ("Hàng đợi rà soát", "Review queue"),
    "selected": ("Đã chọn {n}", "{n} selected"),
    "accept": ("Chấp thuận", "Accept"),
    "reject": ("Không chấp thuận", "Reject"),
    "mark_done": ("Đã thực hiện", "Done"),
    "add_comment": ("Ghi ý kiến", "Comment"),
    "apply_selection": ("Áp dụng cho các dòng đã chọn", "Apply to the selected rows"),
    "one_by_one": ("Từng phát hiện", "One at a time"),
    "choose_item": ("Chọn phát hiện", "Choose a finding"),
    "decided": ("Đã ghi {n} quyết định vào phương án.", "{n} decisions written to the plan."),
    "need_reviewer": ("Nhập tên người rà soát ở thanh bên.", "Enter the reviewer's name in the sidebar."),
    "rationale": ("Lý do", "Rationale"),
    "legal": ("Căn cứ pháp lý", "Legal basis"),
    "saving": ("Tiết kiệm ước tính / hồ sơ", "Estimated saving / dossier"),
    "precision_of": (
        "{c}/{j} phát hiện đúng khi rà soát thử ({p})",
        "{c} of {j} hits right when judged ({p})",
    ),
    "precision_none": ("chưa đo được", "not measured yet"),
    "show_experimental": ("Quy tắc", "Rules"),
    "exp_all": ("Tất cả", "All"),
    "exp_only": ("Chỉ thử nghiệm", "Experimental only"),
    "exp_proven": ("Chỉ đã kiểm chứng", "Proven only"),
    # rules
    "rules_title": ("Các quy tắc rà soát", "Review rules"),
    "title_vi": ("Tên (tiếng Việt)", "Title (Vietnamese)"),
    "title_en": ("Tên (tiếng Anh)", "Title (English)"),
    "rationale_vi": ("Lý do (tiếng Việt)", "Rationale (Vietnamese)"),
    "rationale_en": ("Lý do (tiếng Anh)", "Rationale (English)"),
    "parameters": ("Tham số", "Parameters"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "reference": ("Căn cứ", "Reference"),
    "date": ("Ngày", "Date"),
    "scenarios": ("Tình huống kiểm thử (Gherkin)", "Gherkin scenarios"),
    "no_scenarios": ("Chưa có tình huống nào.", "No scenario yet."),
    "hits": ("Số phát hiện", "Hits"),
    "choose_rule": ("Xem chi tiết quy tắc", "Rule details"),
    "kind": ("Loại", "Kind"),
    # databases
    "db_title": ("Giả định về cơ sở dữ liệu", "What-if on databases"),
    "doc_type": ("Loại giấy tờ", "Document type"),
    "published": ("Được công bố sử dụng từ ngày", "Published for use from"),
    "not_published": ("Không công bố", "Not published"),
    "db_mode": ("Giả định", "Assumption"),
    "currently": ("Hiện nay: {s}", "Now: {s}"),
    "since": ("từ {d}", "since {d}"),
    "compute": ("Tính thay đổi", "Compute the change"),
    "delta_findings": ("Phát hiện thay đổi", "Change in findings"),
    "delta_components": ("Thành phần hồ sơ thay đổi", "Change in components"),
    "delta_hours": ("Giờ tiết kiệm thay đổi / hồ sơ", "Change in hours saved / dossier"),
    "delta_vnd": ("Đồng tiết kiệm thay đổi / hồ sơ", "Change in đồng saved / dossier"),
    "added": ("Phát hiện mới", "New findings"),
    "removed": ("Phát hiện mất đi", "Findings gone"),
    "audited_again": (
        "{n} thủ tục có loại giấy tờ này được rà soát lại.",
        "{n} procedures asking for this document type were audited again.",
    ),
    "no_change": ("Không có thay đổi.", "No change."),
    "ranking": ("Xếp hạng cơ sở dữ liệu theo mức tiết kiệm", "Databases ranked by saving"),
    "owner": ("Cơ quan quản lý", "Owner"),
    "hours_saved": ("Giờ tiết kiệm / hồ sơ", "Hours saved / dossier"),
    "vnd_saved": ("Đồng tiết kiệm / hồ sơ", "Đồng saved / dossier"),
    "ranking_note": (
        "Tiết kiệm cộng trên mọi phát hiện nêu cơ sở dữ liệu: giờ của người dân "
        "(tính theo thu nhập bình quân) cộng chi phí khác, cho mỗi hồ sơ.",
        "Saving summed over every finding naming the database: applicant hours (at the average income) "
        "plus outside costs, per dossier.",
    ),
    # load
    "load_title": ("Nạp bộ thủ tục", "Load a catalogue"),
    "load_help": (
        "Bản ghi JSON của Cổng dịch vụ công quốc gia hoặc tệp YAML thủ tục, từng tệp hoặc nén trong tệp zip "
        "(tối đa {mb} MB).",
        "National Public Service Portal JSON records or procedure YAML files, as files or in a zip "
        "(at most {mb} MB).",
    ),
    "files": ("Tệp", "Files"),
    "check": ("Kiểm tra và nạp", "Check and load"),
    "import_report": ("Báo cáo nạp dữ liệu", "Import report"),
    "read": ("Tệp đã đọc", "Files read"),
    "loaded": ("Thủ tục hợp lệ", "Valid procedures"),
    "use_it": ("Làm việc trên bộ thủ tục này", "Work on this catalogue"),
    "back_to_bundled": ("Quay lại bộ thủ tục kèm theo", "Back to the bundled catalogue"),
    "load_failed": (
        "Không nạp được: {e}. Dữ liệu đang dùng không thay đổi.",
        "Not loaded: {e}. The data in use is unchanged.",
    ),
    "now_using": ("Đang làm việc trên {what} ({n} thủ tục).", "Working on {what} ({n} procedures)."),
    "problem_file": ("Tệp", "File"),
    "problem_field": ("Trường", "Field"),
    "problem_message": ("Lỗi", "Problem"),
    # procedure placeholder
    "procedure_missing": ("Chọn một thủ tục ở trang Danh mục.", "Choose a procedure on the Catalogue page."),
    "no_findings": ("Không có phát hiện nào cho thủ tục này.", "No findings for this procedure."),
}

LEVELS = {
    Level.ministry: ("Cấp bộ", "Ministry"),
    Level.province: ("Cấp tỉnh", "Province"),
    Level.district: ("Cấp huyện", "District"),
    Level.commune: ("Cấp xã", "Commune"),
    Level.other: ("Cơ quan khác", "Other body"),
}
ONLINE_LEVELS = {
    OnlineLevel.full: ("Toàn trình", "Fully online"),
    OnlineLevel.partial: ("Một phần", "Partly online"),
    OnlineLevel.none: ("Không trực tuyến", "Not online"),
}
SEVERITIES = {
    Severity.high: ("Cao", "High"),
    Severity.medium: ("Trung bình", "Medium"),
    Severity.low: ("Thấp", "Low"),
}
MEASURES_EN = {
    Measure.abolish: "Abolish the procedure",
    Measure.merge: "Merge procedures",
    Measure.interlink: "Interlink procedures",
    Measure.cut_component: "Cut a dossier component",
    Measure.replace_with_data: "Replace a component with a data lookup",
    Measure.accept_electronic_copy: "Electronic copy instead of a certified copy",
    Measure.cut_step: "Cut a step",
    Measure.merge_steps: "Merge steps",
    Measure.shorten_time_limit: "Shorten the time limit",
    Measure.cut_fee: "Cut a fee",
    Measure.move_fully_online: "Offer the service fully online",
    Measure.digital_inspection: "Digital inspection instead of an on-site visit",
}
STATUSES = {
    NOT_IN_PLAN: ("Chưa vào phương án", "Not in the plan"),
    **{s.value: (STATUS_LABELS_VI[s], s.value.capitalize()) for s in MeasureStatus},
}
RULE_KINDS = {
    "reuse": ("Tái sử dụng dữ liệu", "Data reuse"),
    "step": ("Trình tự thực hiện", "Steps"),
    "channel": ("Cách thức, thời hạn", "Channels and time limits"),
    "procedure": ("Cả thủ tục", "Whole procedure"),
}
METRICS = {
    "procedures": ("Số thủ tục hành chính", "Procedures"),
    "components": ("Số thành phần hồ sơ", "Dossier components"),
    "steps": ("Số bước thực hiện", "Steps"),
    "time": ("Tổng thời hạn giải quyết (ngày làm việc)", "Total time limits (working days)"),
    "cost": ("Chi phí tuân thủ hằng năm (ước tính)", "Annual compliance cost (estimate)"),
    "fully_online": ("Số thủ tục toàn trình", "Fully online procedures"),
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][0 if lang == "vi" else 1]
    return text.format(**values) if values else text


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0 if lang == "vi" else 1]


def level(value: str, lang: str) -> str:
    return _pick(LEVELS[Level(value)], lang) if value in Level.__members__ else t("unknown", lang)


def online_level(value: str, lang: str) -> str:
    return _pick(ONLINE_LEVELS[OnlineLevel(value)], lang) if value else t("unknown", lang)


def severity(value: str | None, lang: str) -> str:
    return _pick(SEVERITIES[Severity(value)], lang) if value else t("none", lang)


def measure(value: str, lang: str) -> str:
    m = Measure(value)
    return MEASURE_LABELS_VI[m] if lang == "vi" else MEASURES_EN[m]


def status(value: str, lang: str) -> str:
    return _pick(STATUSES[value], lang)


def rule_kind(value: str, lang: str) -> str:
    return _pick(RULE_KINDS[value], lang)


def metric(value: str, lang: str) -> str:
    return _pick(METRICS[value], lang)


def dimension(value: str, lang: str) -> str:
    return t(f"dim_{value}", lang)


# Numbers: Vietnamese groups thousands with "." and writes decimals with ","; English the other way.


def num(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if value is None:
        return t("none", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def days(value: float | None, lang: str) -> str:
    """Working days with a decimal only when there is one (7; 7,5)."""
    if value is None:
        return t("none", lang)
    return num(value, lang, 0 if float(value).is_integer() else 1)


def pct(share: float | None, lang: str, decimals: int = 1) -> str:
    return t("none", lang) if share is None else num(share * 100, lang, decimals) + "%"


def vnd(amount: float | int | None, lang: str) -> str:
    return t("none", lang) if amount is None else num(amount, lang) + " đ"


def signed(value: float | int, lang: str, decimals: int = 0) -> str:
    text = num(abs(value), lang, decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def number(value: object, lang: str) -> str:
    """A parameter value: integers grouped, decimals only as many as it has (0,6; 1.500; 2)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return num(value, lang)
    text = num(value, lang, 3).rstrip("0")
    return text.rstrip(",.")
