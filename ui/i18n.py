"""Workbench texts and number formats: Vietnamese first, English on the switch.

Domain terms keep their Vietnamese names in both languages (thủ tục, hồ sơ, trường hợp). Every label,
header and enum value shown is looked up here; raw codes never reach the screen. ``i18n_map`` holds
the procedure page's own texts; its enum labels and numbers come from here, as every page's do.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from engine.cost.model import ACTIVITY_LABELS_VI, Activity
from engine.formatting import fixed_number
from engine.formatting import number as _number
from engine.model import ChannelKind, Level, Measure, OnlineLevel, Severity, StepKind
from engine.model.findings import SEVERITY_LABELS, Saving
from engine.plans.model import STATUS_LABELS_VI, MeasureStatus
from engine.services.graphs import measure_label
from engine.services.review import NOT_IN_PLAN

LANGS = {"vi": "Tiếng Việt", "en": "English"}
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))  # no daylight saving; the plans store UTC

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
    "stop_button": ("Dừng", "Stop"),  # while a page runs (see streamlit_texts)
    "stopping": ("Đang dừng…", "Stopping…"),
    "enter_to_apply": ("Nhấn Enter để áp dụng", "Press Enter to apply"),
    "enter_to_submit": ("Nhấn Enter để gửi biểu mẫu", "Press Enter to submit form"),
    "tool_columns": ("Hiện/ẩn cột", "Show/hide columns"),
    "all_columns": ("Tất cả các cột", "All columns"),
    "tool_download": ("Tải về dạng CSV", "Download as CSV"),
    "tool_search": ("Tìm trong bảng", "Search the table"),
    "tool_fullscreen": ("Toàn màn hình", "Full screen"),
    "tool_close_fullscreen": ("Thoát toàn màn hình", "Leave full screen"),
    "reconnecting": ("Đang kết nối lại", "Reconnecting"),
    "connection_lost": ("Mất kết nối với máy chủ", "Connection lost"),
    "connection_lost_help": (
        "Máy chủ Tinh Gọn không trả lời. Trang tự kết nối lại khi máy chủ chạy lại; nếu máy chủ đã tắt, "
        "hãy khởi động lại bằng lệnh «tinhgon\u00a0ui».",
        "The Tinh Gọn server is not answering. The page reconnects once the server runs again; if it was "
        "stopped, start it again with «tinhgon\u00a0ui».",
    ),
    "experimental": ("Cả quy tắc thử nghiệm", "Include experimental rules"),
    "no_database_findings": ("không có phát hiện nào nêu cơ sở dữ liệu", "no finding names a database"),
    "no_database_findings_help": (
        "Chỉ các quy tắc tái sử dụng dữ liệu (đang thử nghiệm) nêu cơ sở dữ liệu: bật «{toggle}» ở thanh bên "
        "để lọc theo cơ sở dữ liệu.",
        "Only the data-reuse rules (experimental) name a database: switch on «{toggle}» in the sidebar to "
        "filter by database.",
    ),
    "experimental_help": (
        "Quy tắc thử nghiệm chưa đạt 90% phát hiện đúng trên ít nhất 40 phát hiện được đánh giá ở hồ sơ "
        "đối chứng; phát hiện của chúng cần được đọc kỹ.",
        "Experimental rules have not shown 90% precision on at least 40 judged findings of evaluation "
        "records; read their findings with care.",
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
    "comment_selection": ("Ý kiến cho các dòng đã chọn", "Comment on the selected rows"),
    "comment_item": ("Ý kiến cho phát hiện này", "Comment on this finding"),
    "decisions": ("Các quyết định về biện pháp này ({n})", "Every decision on this measure ({n})"),
    "decisions_time": ("Giờ Việt Nam (UTC+7).", "Vietnam time (UTC+7)."),
    "decision_added": ("đưa vào phương án", "added to the plan"),
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
    "choose_plan_here": (
        "Chọn một phương án ở thanh bên, hoặc tạo phương án ở trên.",
        "Choose a plan in the sidebar, or create one above.",
    ),
    # overview
    "targets": ("Mục tiêu cải cách", "Reform targets"),
    "baseline": ("Ban đầu", "Baseline"),
    "points": ("{n} điểm %", "{n} points"),
    "achieved": ("Đã đạt (đã thực hiện)", "Achieved (done)"),
    "projected": ("Dự kiến (đã chấp thuận)", "Projected (accepted)"),
    "target_line": ("Mục tiêu", "Target"),
    "change": ("Thay đổi", "Change"),
    "deadline": ("Hạn", "Deadline"),
    "estimate_note": (
        "Chi phí là ước tính. {volumes} Nạp số liệu thống kê ở trang Nạp dữ liệu.",
        "Costs are estimates. {volumes} Load the statistics on the Load data page.",
    ),
    "real_volumes_note": (
        "Chi phí tính trên số hồ sơ hằng năm thực tế của mọi thủ tục.",
        "Costs rest on counted annual volumes for every procedure.",
    ),
    "target_label": ("Mục tiêu cải cách", "Reform target"),
    "requirement": ("Yêu cầu", "Requirement"),
    "req_reduce": ("giảm {p}", "{p} less"),
    "req_reach": ("đạt {p}", "reach {p}"),
    "scope": ("Phạm vi", "Scope"),
    "scope_all": ("Mọi thủ tục", "All procedures"),
    "scope_business": ("Thủ tục liên quan kinh doanh", "Business procedures"),
    "scope_business_short": ("KD", "business"),
    "passed": ("đã quá hạn", "passed"),
    "open_deadline": ("còn hạn", "open"),
    "estimate_mark": ("ước tính", "estimate"),
    "targets_without_plan": (
        "Chưa chọn phương án: bảng chỉ nêu các mục tiêu. Chọn hoặc tạo phương án ở trên để xem tiến độ.",
        "No plan chosen: the table lists the targets only. Choose or create a plan above to see progress.",
    ),
    "reach_title": ("Các đề xuất đi được bao xa", "How far the candidates go"),
    "reach_kind": ("Loại phương án", "Kind of measure"),
    "candidates": ("Đề xuất", "Candidates"),
    "reach_all": ("Tất cả các loại phương án", "Every kind of measure"),
    "reach_gap": ("Còn thiếu (nếu chấp thuận tất cả)", "Gap left (if every candidate is accepted)"),
    "reach_note": (
        "Mỗi dòng: nếu chấp thuận mọi đề xuất (một đề xuất cho mỗi phát hiện) của loại phương án đó, mỗi "
        "mục tiêu đạt được bao nhiêu (mức cắt giảm, hoặc tỷ lệ đạt được). Tính ngày {d} trên {n} thủ tục, "
        "{rules}. {volumes} Cùng số liệu với lệnh «{command}».",
        "Each row: if every candidate (one per finding) of that kind were accepted, how far each target "
        "would get (the reduction, or the share reached). Computed on {d} over {n} procedures, {rules}. "
        "{volumes} The same figures as «{command}».",
    ),
    "reach_negative": (
        "Số âm: loại phương án đó làm chỉ tiêu tăng lên. Gộp thủ tục chẳng hạn: người nộp của các thủ tục "
        "được gộp vào nay nộp hồ sơ của thủ tục được giữ lại, có thể dài hơn hồ sơ của họ.",
        "A negative figure: that kind of measure makes the metric grow. A merge, for instance: the "
        "applicants of the procedures merged in now file the dossier of the one kept, which may be longer.",
    ),
    "reach_rules_all": (
        "gồm cả quy tắc thử nghiệm (¹: dòng có đề xuất của quy tắc thử nghiệm)",
        "experimental rules included (¹: the row has candidates of experimental rules)",
    ),
    "reach_rules_default": (
        "chỉ các quy tắc mặc định, như phương án tạo ở trên (bật «Cả quy tắc thử nghiệm» ở thanh bên để tính "
        "cả các quy tắc thử nghiệm)",
        "default rules only, as a plan created above takes (switch on «Include experimental rules» in the "
        "sidebar to count the experimental ones too)",
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
    "vietnam_time": ("giờ Việt Nam", "Vietnam time"),
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
    "uncounted_case": (
        "Thành phần này chỉ có ở trường hợp «{case}». Chi phí tuân thủ của thủ tục tính theo trường hợp "
        "có nhiều thành phần nhất («{counted}»), nên khoản tiết kiệm này có thật với những người nộp ở "
        "trường hợp đó nhưng không làm giảm chi phí tuân thủ trên trang Tổng quan.",
        "This component is asked only in the case «{case}». The procedure's compliance cost counts the "
        "case with most components («{counted}»), so this saving is real for applicants in that case but "
        "does not lower the compliance cost on the Overview.",
    ),
    "decided": ("Đã ghi {n} quyết định vào phương án.", "{n} decisions written to the plan."),
    "need_reviewer": ("Nhập tên người rà soát ở thanh bên.", "Enter the reviewer's name in the sidebar."),
    "done_needs_accepted": (
        "Chỉ biện pháp đã chấp thuận mới được đánh dấu đã thực hiện: hãy chấp thuận trước ({n} phát hiện "
        "chưa được chấp thuận).",
        "Only accepted measures can be marked done: accept them first ({n} findings are not accepted).",
    ),
    "rationale": ("Lý do", "Rationale"),
    "legal": ("Căn cứ pháp lý", "Legal basis"),
    "saving": ("Tiết kiệm ước tính / hồ sơ", "Estimated saving / dossier"),
    "saving_hours": ("{n} giờ của người nộp", "{n} applicant hours"),
    "saving_vnd": ("{v} sao chứng thực, đi lại", "{v} of copies and travel"),
    "saving_days": ("{n} ngày làm việc xử lý", "{n} working days of processing"),
    "precision_of": (
        "{c}/{j} phát hiện đúng khi rà soát thử ({p})",
        "{c} of {j} hits right when judged ({p})",
    ),
    "precision_none": ("chưa đo được", "not measured yet"),
    "show_experimental": ("Loại quy tắc", "Kind of rule"),
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
    "parameter": ("Tham số", "Parameter"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "reference": ("Căn cứ", "Reference"),
    "date": ("Ngày", "Date"),
    "scenarios": ("Tình huống kiểm thử (Gherkin)", "Gherkin scenarios"),
    "no_scenarios": ("Chưa có tình huống nào.", "No scenario yet."),
    "scenarios_n": ("Tình huống kiểm thử (Gherkin): {n}", "Gherkin scenarios: {n}"),
    "scenarios_note": (
        "Đặc tả như được viết trong thư mục features, dành cho người viết đặc tả: mỗi tình huống nêu quy tắc "
        "bằng mã của nó, và phải được đánh dấu hoặc không. Đặc tả viết được bằng tiếng Việt hoặc tiếng Anh.",
        "The specs as written in the features folder, for those who write them: each scenario names the "
        "rule by its id, and what it must or must not flag. Specs can be written in Vietnamese or English.",
    ),
    "hits": ("Số phát hiện", "Hits"),
    "hits_counted": (
        "Số phát hiện của mỗi quy tắc gồm cả những phát hiện nó nêu chung với quy tắc khác (một phát hiện "
        "trên cùng một phần của thủ tục, với cùng biện pháp). Các trang khác đếm những phát hiện ấy một lần, "
        "nên tổng ở đây lớn hơn.",
        "A rule's hits include the findings it raises together with other rules (one finding on the same "
        "part of a procedure, with the same measure). Other pages count such a finding once, so the total "
        "here is larger.",
    ),
    "choose_rule": ("Xem chi tiết quy tắc", "Rule details"),
    "kind": ("Loại", "Kind"),
    # databases
    "db_title": ("Giả định về cơ sở dữ liệu", "What-if on databases"),
    "db_experimental": (
        "Các thay đổi dưới đây dựa trên quy tắc tái sử dụng dữ liệu, còn thử nghiệm: khi được đánh giá trên "
        "hồ sơ đối chứng, {correct}/{judged} phát hiện đúng ({share}). Hãy rà soát từng phát hiện.",
        "The changes below rest on the data-reuse rules, still experimental: judged on evaluation records, "
        "{correct} of {judged} findings were right ({share}). Review each finding.",
    ),
    "doc_type": ("Loại giấy tờ", "Document type"),
    "published": ("Được công bố sử dụng từ ngày", "Published for use from"),
    "not_published": ("Không công bố", "Not published"),
    "db_mode": ("Giả định", "Assumption"),
    "currently": ("Hiện nay: {s}", "Now: {s}"),
    "since": ("từ {d}", "since {d}"),
    "compute": ("Tính thay đổi", "Compute the change"),
    "delta_findings": ("Phát hiện thay đổi", "Change in findings"),
    "delta_components": ("Thành phần hồ sơ được thay thế", "Components replaced"),
    "delta_procedures": ("Thủ tục được tra cứu", "Procedures looked up"),
    "delta_hours": ("Giờ tiết kiệm / năm", "Hours saved / year"),
    "delta_vnd": ("Đồng tiết kiệm / năm", "VND saved / year"),
    "delta_help": ("Thay đổi so với hiện nay: {d}", "Change from now: {d}"),
    "added": ("Phát hiện mới", "New findings"),
    "removed": ("Phát hiện mất đi", "Findings gone"),
    "audited_again": (
        "{n} thủ tục có loại giấy tờ này được rà soát lại.",
        "{n} procedures asking for this document type were audited again.",
    ),
    "no_change": ("Không có thay đổi.", "No change."),
    "ranking": ("Xếp hạng cơ sở dữ liệu theo mức tiết kiệm", "Databases ranked by saving"),
    "owner": ("Cơ quan quản lý", "Owner"),
    "serves": ("Loại giấy tờ thay thế", "Document types replaced"),
    "hours_saved": ("Giờ của người dân tiết kiệm / năm", "Applicant hours saved / year"),
    "vnd_saved": ("Đồng tiết kiệm / năm", "VND saved / year"),
    "volumes": ("Số hồ sơ / năm theo", "Dossiers a year from"),
    "volumes_real": ("số liệu thực tế", "counted figures"),
    "volumes_assumed": ("giả định ở {n}/{m} thủ tục", "assumptions in {n} of {m} procedures"),
    "what_if_mark": ("giả định", "what-if"),
    "ranking_note": (
        "Các thành phần hồ sơ yêu cầu loại giấy tờ mà cơ sở dữ liệu đã được công bố sử dụng (tính đến "
        "ngày {d}), thủ tục chưa tra cứu và người dân phải nộp: giờ và đồng tiết kiệm mỗi năm theo mô "
        "hình chi phí tuân thủ, với số hồ sơ thực tế hoặc giả định. Cùng số liệu với lệnh "
        "«tinhgon sources rank».",
        "The dossier components asking for a document type the database is published for (as of {d}), "
        "not yet looked up by the procedure and handed in by the applicant: hours and đồng saved a year "
        "by the compliance-cost model, at counted or assumed volumes. The same figures as "
        "«tinhgon sources rank».",
    ),
    "ranking_what_if": ("Xếp hạng với giả định đã tính", "Ranking with the what-if computed"),
    # load
    "load_title": ("Nạp bộ thủ tục", "Load a catalogue"),
    "load_help": (
        "Bản ghi JSON của Cổng dịch vụ công quốc gia hoặc tệp YAML thủ tục, từng tệp hoặc nén trong tệp zip "
        "(tối đa {mb} MB).",
        "National Public Service Portal JSON records or procedure YAML files, as files or in a zip "
        "(at most {mb} MB).",
    ),
    "files": ("Tệp", "Files"),
    "upload_button": ("Chọn tệp", "Upload"),
    "upload_limit": ("Tối đa {mb} MB mỗi tệp • {types}", "{mb} MB per file • {types}"),
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
    "nothing_valid": (
        "không có thủ tục hợp lệ nào trong các tệp tải lên (xem từng lỗi bên dưới)",
        "no valid procedure in the upload (each problem is listed below)",
    ),
    "problem_file": ("Tệp", "File"),
    "problem_field": ("Trường", "Field"),
    "problem_message": ("Lỗi", "Problem"),
    "volumes_title": ("Số liệu số hồ sơ hằng năm", "Annual dossier statistics"),
    "volumes_template": ("Tải tệp mẫu (CSV, chỉ có tên cột)", "Download the template (CSV, headers only)"),
    "volumes_example": (
        "Tải tệp ví dụ (CSV, số liệu minh họa)",
        "Download an example (CSV, made-up figures)",
    ),
    "volumes_help": (
        "Tệp CSV hoặc Excel (.xlsx) có các cột: mã thủ tục, năm, số hồ sơ tiếp nhận, trong đó trực tuyến, "
        "giải quyết đúng hạn, quá hạn (tối đa {mb} MB).",
        "A CSV or Excel (.xlsx) file with the columns: procedure code, year, dossiers received, of which "
        "online, settled on time, late (at most {mb} MB).",
    ),
    "volumes_source": ("Nguồn số liệu (cho các dòng không ghi nguồn)", "Source (for rows naming none)"),
    "choose_file": ("Chọn ít nhất một tệp.", "Choose at least one file."),
    "volumes_check": ("Kiểm tra tệp số liệu", "Check the statistics file"),
    "volumes_report": ("Báo cáo kiểm tra số liệu", "Statistics check report"),
    "volumes_rows": ("Dòng đã đọc", "Rows read"),
    "volumes_good": ("Dòng hợp lệ", "Valid rows"),
    "volumes_bad": ("Dòng lỗi", "Rows with a problem"),
    "volumes_apply": ("Áp dụng cho bộ thủ tục đang dùng", "Apply to the catalogue in use"),
    "volumes_none_valid": (
        "Không có dòng hợp lệ nào: bộ thủ tục đang dùng không thay đổi.",
        "No valid row: the catalogue in use is unchanged.",
    ),
    "volumes_applied": (
        "Đã áp dụng số hồ sơ thực tế cho {n} thủ tục; chi phí tuân thủ của các thủ tục này nay tính trên "
        "số liệu thực tế.",
        "Counted volumes applied to {n} procedures; their compliance cost now rests on real volumes.",
    ),
    "volumes_in_use": (
        "Số hồ sơ hằng năm: thực tế ở {n} thủ tục, giả định ở {m} thủ tục.",
        "Annual volumes: counted for {n} procedures, assumed for {m}.",
    ),
    "volumes_all_assumed": (
        "Số hồ sơ hằng năm là số giả định ở cả {m} thủ tục (chưa nạp số liệu thống kê).",
        "Annual volumes are assumed for all {m} procedures (no statistics loaded).",
    ),
    "volumes_all_counted": (
        "Số hồ sơ hằng năm là số liệu thực tế ở cả {n} thủ tục.",
        "Annual volumes are counted for all {n} procedures.",
    ),
    "problem_row": ("Dòng, cột", "Row, column"),
    # procedure placeholder
    "procedure_missing": ("Chọn một thủ tục ở trang Danh mục.", "Choose a procedure on the Catalogue page."),
    "no_findings": ("Không có phát hiện nào cho thủ tục này.", "No findings for this procedure."),
}

LEVELS = {
    Level.ministry: ("Cấp bộ", "Ministry"),
    Level.province: ("Cấp tỉnh", "Province"),
    Level.district: ("Cấp huyện (cũ)", "District (former)"),
    Level.commune: ("Cấp xã", "Commune"),
    Level.other: ("Cơ quan khác", "Other agency"),
}
ONLINE_LEVELS = {
    OnlineLevel.full: ("Toàn trình", "Fully online"),
    OnlineLevel.partial: ("Một phần", "Partly online"),
    OnlineLevel.none: ("Chưa trực tuyến", "Not online"),
}
CHANNELS = {
    ChannelKind.in_person: ("Trực tiếp", "In person"),
    ChannelKind.online: ("Trực tuyến", "Online"),
    ChannelKind.post: ("Dịch vụ bưu chính", "By post"),
}
STEP_KINDS = {
    StepKind.submit: ("Nộp hồ sơ", "Submission"),
    StepKind.receive: ("Tiếp nhận hồ sơ", "Reception"),
    StepKind.check: ("Thẩm định, kiểm tra", "Appraisal"),
    StepKind.inspect: ("Kiểm tra thực địa", "On-site inspection"),
    StepKind.consult: ("Lấy ý kiến", "Consultation"),
    StepKind.approve: ("Phê duyệt, ký", "Approval"),
    StepKind.transfer: ("Chuyển hồ sơ", "Hand-over"),
    StepKind.issue: ("Trả kết quả", "Issue of the result"),
    StepKind.pay: ("Nộp phí, nghĩa vụ tài chính", "Payment"),
    StepKind.other: ("Khác", "Other"),
}
ACTIVITIES_EN = {
    Activity.learn: "Learning the requirements",
    Activity.prepare: "Preparing the dossier components",
    Activity.certify: "Certifying copies",
    Activity.visit: "Travelling, queuing, submitting and collecting",
    Activity.submit_online: "Submitting online",
    Activity.receive_online: "Receiving the electronic result",
    Activity.supplement: "Supplementing the dossier",
    Activity.fee: "Fees",
}
SEVERITIES = SEVERITY_LABELS
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
    "cost": ("Chi phí tuân thủ hằng năm", "Annual compliance cost"),
    "fully_online": ("Số thủ tục toàn trình", "Fully online procedures"),
    "online": ("Thủ tục có dịch vụ trực tuyến", "Procedures offered online"),
    "digital_inspection": ("Kiểm tra trên môi trường số", "Inspections done digitally"),
}
METRICS_SHORT = {
    "procedures": ("Số thủ tục", "Procedures"),
    "time": ("Thời gian", "Time"),
    "cost": ("Chi phí", "Cost"),
    "online": ("Trực tuyến", "Online"),
    "digital_inspection": ("Kiểm tra số", "Digital inspection"),
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
    return measure_label(Measure(value), lang)


def status(value: str, lang: str) -> str:
    return _pick(STATUSES[value], lang)


def channel(value: str, lang: str) -> str:
    return _pick(CHANNELS[ChannelKind(value)], lang)


def step_kind(value: str, lang: str) -> str:
    return _pick(STEP_KINDS[StepKind(value)], lang)


def activity(value: Activity, lang: str) -> str:
    """A cost activity: the cost model's Vietnamese label, or its English one."""
    return ACTIVITY_LABELS_VI[value] if lang == "vi" else ACTIVITIES_EN[value]


def rule_kind(value: str, lang: str) -> str:
    return _pick(RULE_KINDS[value], lang)


def metric(value: str, lang: str) -> str:
    return _pick(METRICS[value], lang)


def metric_short(value: str, lang: str) -> str:
    return _pick(METRICS_SHORT[value], lang)


def dimension(value: str, lang: str) -> str:
    return t(f"dim_{value}", lang)


# Numbers as engine.formatting writes them, with the workbench's word for a missing value.


def num(value: float | int | Decimal | None, lang: str, decimals: int = 0) -> str:
    if value is None:
        return t("none", lang)
    return fixed_number(value, lang, decimals)


def days(value: float | None, lang: str) -> str:
    """Working days with a decimal only when there is one (7; 7,5)."""
    if value is None:
        return t("none", lang)
    return num(value, lang, 0 if float(value).is_integer() else 1)


def pct(share: float | None, lang: str, decimals: int = 1) -> str:
    """A share as a percentage, a negative one with the minus sign (−2,3%), as the column headers write it."""
    if share is None:
        return t("none", lang)
    return num(share * 100, lang, decimals).replace("-", "−", 1) + "%"


def vnd(amount: float | int | Decimal | None, lang: str) -> str:
    """Money in đồng: 1.189.788.944 đ (VND 1,189,788,944 in English)."""
    if amount is None:
        return t("none", lang)
    return f"{num(amount, lang)} đ" if lang == "vi" else f"VND {num(amount, lang)}"


def saving_text(saving: Saving, lang: str) -> str:
    """A finding's saving per dossier, each figure named by what it counts and zero figures left out:
    «2 giờ của người nộp · 30.000 đ sao chứng thực, đi lại» (an hour's value is not in the đồng)."""
    bits = []
    if saving.hours:
        bits.append(t("saving_hours", lang, n=number(saving.hours, lang, 2)))
    if saving.vnd:
        bits.append(t("saving_vnd", lang, v=vnd(saving.vnd, lang)))
    if saving.days:
        bits.append(t("saving_days", lang, n=number(saving.days, lang, 2)))
    return " · ".join(bits) or t("none", lang)


def volumes_text(counted: int, assumed: int, lang: str) -> str:
    """Where the annual volumes come from, in one sentence: «giả định ở cả 1.271 thủ tục», not «thực tế ở 0
    thủ tục, giả định ở 1.271»."""
    n, m = num(counted, lang), num(assumed, lang)
    key = "volumes_all_assumed" if not counted else "volumes_all_counted" if not assumed else "volumes_in_use"
    return t(key, lang, n=n, m=m)


def signed(value: float | int, lang: str, decimals: int = 0) -> str:
    text = num(abs(value), lang, decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def number(value: object, lang: str, decimals: int = 3) -> str:
    """A parameter value or a measured figure: integers grouped, decimals only as many as it has, at
    most ``decimals`` (0,6; 1.500; 2)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return _number(value, lang, decimals)
