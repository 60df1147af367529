"""The workbench in a real browser (playwright driving Debian's chromium) on the bundled catalogue.

Each test saves a 1440×900 screenshot to docs/screenshots/. Skipped only when chromium or playwright
is missing; ``make test`` installs both (see the Makefile).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import (
    CHROMIUM,
    SCREENSHOTS,
    VIEWPORT,
    act,
    chromium,
    open_page,
    wait_drawn,
    workbench_server,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None,
    reason=f"needs playwright and chromium at {CHROMIUM} (make test installs them)",
)

PAGES = [
    ("", "tong-quan", "Tổng quan"),
    ("tong-quan", "tong-quan", "Tổng quan"),  # its own address too, as links and bookmarks write it
    ("danh-muc", "danh-muc", "Danh mục thủ tục hành chính"),
    ("ra-soat", "ra-soat", "Hàng đợi rà soát"),
    ("quy-tac", "quy-tac", "Các quy tắc rà soát"),
    ("co-so-du-lieu", "co-so-du-lieu", "Giả định về cơ sở dữ liệu"),
    ("nap-du-lieu", "nap-du-lieu", "Nạp bộ thủ tục"),
    ("thu-tuc?code=1.001193", "thu-tuc", "Thủ tục đăng ký khai sinh"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with workbench_server(tmp_path_factory.mktemp("workbench")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    yield context.new_page()
    context.close()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def search(page: Any, label: str, query: str) -> None:
    """Type ``query`` in the search box ``label`` and wait for the run that Enter starts."""
    box = page.get_by_label(label)
    box.fill(query)
    act(page, lambda: box.press("Enter"))


def heading(page: Any, text: str) -> Any:
    return page.get_by_role("heading", name=text, exact=True).first


def metric(page: Any, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True)).first
    return str(box.locator('[data-testid="stMetricValue"]').inner_text())


@pytest.mark.parametrize(("path", "name", "title"), PAGES)
def test_every_page_opens(server: str, page: Any, path: str, name: str, title: str) -> None:
    open_page(page, f"{server}/{path}")
    assert heading(page, title).is_visible()
    assert page.locator('[role="dialog"]').count() == 0, "no 'page not found' dialog"
    assert page.get_by_text("Deploy").count() == 0, "no Deploy button"
    shot(page, name)


def test_search_without_accents_finds_birth_registration(server: str, page: Any) -> None:
    open_page(page, f"{server}/danh-muc")
    search(page, "Tìm theo mã hoặc tên (không cần dấu)", "dang ky khai sinh")
    assert int(metric(page, "Thủ tục")) > 0
    chooser = page.locator('[data-testid="stSelectbox"]').filter(has_text="Mở thủ tục").first
    shown = chooser.inner_text() + " " + chooser.locator("input").first.input_value()
    assert "1.001193 · Thủ tục đăng ký khai sinh" in shown, shown
    shot(page, "danh-muc-tim-khong-dau")
    act(page, lambda: page.get_by_role("button", name="Mở", exact=True).click())
    heading(page, "Thủ tục đăng ký khai sinh").wait_for()
    assert "code=1.001193" in page.url


def test_the_procedure_page_finds_a_procedure_typed_without_accents(server: str, page: Any) -> None:
    open_page(page, f"{server}/thu-tuc?code=1.013225")
    search(page, "Tìm thủ tục theo mã hoặc tên (không cần dấu)", "dang ky ket hon")
    title = page.locator("h1").first.inner_text()
    assert "kết hôn" in title.lower() and "code=1.013225" not in page.url, title


def test_a_catalogue_filter_still_applies_once_its_expander_is_closed(server: str, page: Any) -> None:
    open_page(page, f"{server}/danh-muc")
    every = int(metric(page, "Thủ tục").replace(".", ""))
    filters = page.locator('[data-testid="stExpander"]').filter(has_text="Bộ lọc").first
    act(page, filters.get_by_text("Bộ lọc").first.click)
    online = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Mức trực tuyến").first
    option = page.get_by_role("option", name="Toàn trình")

    def choose() -> None:  # the choice reruns the page, at once or when the list closes
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        # On a loaded machine the list can be redrawn (or closed) between opening it and the click:
        # open it again and retry until the choice shows in the box.
        for _ in range(5):
            if "Toàn trình" in online.inner_text():
                break
            if not option.is_visible():
                online.click()
            # Streamlit's «Select all» is English, and choosing every option filters nothing: not offered.
            assert page.get_by_role("option", name="Select all").count() == 0
            try:
                option.click(timeout=5_000)
            except PlaywrightTimeout:
                continue
        assert "Toàn trình" in online.inner_text(), online.inner_text()
        page.keyboard.press("Escape")

    act(page, choose)
    narrowed = int(metric(page, "Thủ tục").replace(".", ""))
    assert 0 < narrowed < every
    act(page, filters.get_by_text("Bộ lọc").first.click)  # closed: the filters are no longer drawn
    assert page.locator('[data-testid="stMultiSelect"]').count() == 0
    assert int(metric(page, "Thủ tục").replace(".", "")) == narrowed
    # a rerun of the table alone keeps the hidden filter too
    search(page, "Tìm theo mã hoặc tên (không cần dấu)", "giay phep")
    assert int(metric(page, "Thủ tục").replace(".", "")) <= narrowed


def test_clicking_a_catalogue_row_opens_the_procedure(server: str, page: Any) -> None:
    open_page(page, f"{server}/danh-muc")
    search(page, "Tìm theo mã hoặc tên (không cần dấu)", "1.013225")
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    act(page, lambda: page.mouse.click(grid["x"] + 16, grid["y"] + 52))  # the first row's selector
    page.wait_for_url("**/thu-tuc?code=1.013225")
    heading(page, page.locator("h1").first.inner_text()).wait_for()
    assert page.locator("h1").first.inner_text().startswith("Cấp giấy phép xây dựng")


def test_a_finding_accepted_in_the_review_queue_shows_on_the_overview(server: str, page: Any) -> None:
    open_page(page, server)
    # The bundled catalogue's findings to review come from experimental rules: switch them on first.
    assert page.get_by_text("Phương án chỉ lấy phát hiện của quy tắc mặc định").first.is_visible()
    act(page, lambda: page.get_by_text("Cả quy tắc thử nghiệm", exact=True).click())
    assert page.get_by_text("gồm cả quy tắc thử nghiệm").first.is_visible()
    page.get_by_label("Tên phương án").fill("Phương án thử trên trình duyệt")
    # Every rule proposes thousands of measures on the bundled catalogue: creating the plan takes a while.
    act(page, lambda: page.get_by_role("button", name="Tạo phương án").click(), timeout=300_000)
    heading(page, "Phương án thử trên trình duyệt").wait_for()
    assert metric(page, "Chấp thuận") == "0"
    act(page, lambda: page.get_by_role("link", name="Rà soát").click())
    heading(page, "Hàng đợi rà soát").wait_for()
    page.get_by_label("Ý kiến").last.fill("đồng ý")
    one_by_one = page.locator('[data-testid="stHorizontalBlock"]').last
    act(page, lambda: one_by_one.get_by_role("button", name="Chấp thuận", exact=True).click())
    said = page.get_by_text("Đã ghi 1 quyết định vào phương án.")
    said.wait_for()
    # said under the button clicked, where the reviewer is looking, not at the queue's top
    button = one_by_one.get_by_role("button", name="Chấp thuận", exact=True).bounding_box()
    assert button and (box := said.bounding_box()) and box["y"] > button["y"]
    assert page.get_by_label("Ý kiến cho phát hiện này").input_value() == ""
    said.scroll_into_view_if_needed()
    shot(page, "ra-soat-chap-thuan")
    act(page, lambda: page.get_by_role("link", name="Tổng quan").click())
    heading(page, "Phương án thử trên trình duyệt").wait_for()
    assert metric(page, "Chấp thuận") == "1"
    shot(page, "tong-quan-sau-chap-thuan")


def test_a_decision_on_selected_rows_unticks_them_and_empties_the_comment(server: str, page: Any) -> None:
    open_page(page, server)
    page.get_by_label("Tên phương án").fill("Phương án chọn nhiều dòng")
    act(page, lambda: page.get_by_role("button", name="Tạo phương án").click(), timeout=300_000)
    heading(page, "Phương án chọn nhiều dòng").wait_for()
    act(page, lambda: page.get_by_role("link", name="Rà soát").click())
    heading(page, "Hàng đợi rà soát").wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert grid
    for row in (1, 2):  # the row markers, left of the first column; rows are 35 px, the header too
        act(page, lambda row=row: page.mouse.click(grid["x"] + 18, grid["y"] + 35 * row + 17))
    page.get_by_text("Đã chọn 2").wait_for()
    page.get_by_label("Ý kiến cho các dòng đã chọn").fill("hai dòng cùng lý do")
    actions = page.locator('[data-testid="stHorizontalBlock"]').first
    act(page, lambda: actions.get_by_role("button", name="Chấp thuận", exact=True).click())
    said = page.get_by_text("Đã ghi 2 quyết định vào phương án.")
    said.wait_for()
    assert page.get_by_text("Đã chọn 0").is_visible(), "the rows decided are unticked"
    assert page.get_by_label("Ý kiến cho các dòng đã chọn").input_value() == ""
    button = actions.get_by_role("button", name="Chấp thuận", exact=True)
    assert button.is_disabled()  # nothing selected any more
    assert (box := said.bounding_box()) and (at := button.bounding_box()) and box["y"] > at["y"]


def test_the_overview_shows_how_far_the_candidates_go(server: str, page: Any) -> None:
    open_page(page, server)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Các đề xuất đi được bao xa")
    act(page, expander.get_by_text("Các đề xuất đi được bao xa").click, timeout=180_000)
    table = expander.locator('[data-testid="stTable"]')
    table.scroll_into_view_if_needed()
    text = table.inner_text()
    assert "Tất cả các loại phương án" in text and "Còn thiếu (nếu chấp thuận tất cả)" in text
    assert "Chi phí −30% KD 2025" in text and "None" not in text and "replace_with_data" not in text
    expander.scroll_into_view_if_needed()
    shot(page, "tong-quan-de-xuat")


def test_a_what_if_on_a_database_shows_what_changes(server: str, page: Any) -> None:
    open_page(page, f"{server}/co-so-du-lieu")
    assert page.locator('[data-testid="stDateInput"]').count() == 1
    act(page, lambda: page.get_by_text("Không công bố", exact=True).click())
    assert page.locator('[data-testid="stDateInput"]').count() == 0, "no date for a withdrawn database"
    act(page, lambda: page.get_by_role("button", name="Tính thay đổi").click())
    page.get_by_text("Phát hiện thay đổi").first.wait_for()
    # withdrawing a database moves findings both ways (data reuse lost, interlinks gained): a signed count
    assert re.fullmatch(r"[+−]?\d[\d.]*", metric(page, "Phát hiện thay đổi"))
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text("Thành phần hồ sơ được thay thế")
    )
    assert box.first.locator('[data-testid="stMetricDelta"]').inner_text().startswith("−")
    page.get_by_text("Phát hiện thay đổi").first.scroll_into_view_if_needed()
    shot(page, "co-so-du-lieu-gia-dinh")


def test_an_upload_with_no_valid_procedure_lists_each_file_in_vietnamese(
    server: str, page: Any, tmp_path: Path
) -> None:
    bad = {
        "1.000001.json": b'{"ma_thu_tuc": ',
        "1.000002.json": b"\x89PNG\r\n\x1a\n\x00\x00",
        "1.000003.json": "[1, 2]".encode("utf-16"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    open_page(page, f"{server}/nap-du-lieu")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        [str(tmp_path / name) for name in bad]
    )
    page.get_by_text("1.000001.json").first.wait_for()
    act(page, lambda: page.get_by_role("button", name="Kiểm tra và nạp").click())
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Không nạp được").first
    assert "không có thủ tục hợp lệ nào trong các tệp tải lên" in alert.inner_text()
    heading(page, "Báo cáo nạp dữ liệu").wait_for()
    assert metric(page, "Thủ tục hợp lệ") == "0" and metric(page, "Tệp lỗi") == "3"
    assert page.get_by_role("button", name="Làm việc trên bộ thủ tục này").count() == 0
    heading(page, "Báo cáo nạp dữ liệu").scroll_into_view_if_needed()
    shot(page, "nap-du-lieu-loi")


def _drawn_in(element: Any) -> str:
    """The words ``element`` shows: its own unless hidden (font size 0), then those CSS draws after them."""
    return str(
        element.evaluate(
            """e => (getComputedStyle(e).fontSize === "0px" ? "" : e.textContent)
                + getComputedStyle(e, "::after").content.replace(/^none$/, "")"""
        )
    )


def _drawn(page: Any, uploader: int) -> tuple[str, str]:
    """The words the uploader ``uploader`` shows on its button and limit line (see ui/streamlit_texts)."""
    box = page.locator('[data-testid="stFileUploader"]').nth(uploader)
    button = box.locator('[data-testid="stBaseButton-secondary"] p')
    limit = box.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')
    return _drawn_in(button), _drawn_in(limit)


def test_the_uploaders_speak_the_pages_language_and_name_what_they_read(
    server: str, page: Any, tmp_path: Path
) -> None:
    open_page(page, f"{server}/nap-du-lieu")
    assert _drawn(page, 0) == ('"Chọn tệp"', '"Tối đa 50 MB mỗi tệp • JSON, YAML, YML, ZIP"')
    assert _drawn(page, 1) == ('"Chọn tệp"', '"Tối đa 50 MB mỗi tệp • CSV, XLSX"')
    # Another kind of file reaches the service, which says what it reads, in Vietnamese: Streamlit's own
    # check said «application/pdf files are not allowed.»
    (tmp_path / "ho-so.pdf").write_bytes(b"%PDF-1.4")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        str(tmp_path / "ho-so.pdf")
    )
    page.get_by_text("ho-so.pdf").first.wait_for()
    assert page.get_by_text("files are not allowed").count() == 0
    act(page, lambda: page.get_by_role("button", name="Kiểm tra và nạp").click())
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Không nạp được").first
    assert "ho-so.pdf: không phải tệp JSON, YAML hay zip" in alert.inner_text()
    shot(page, "nap-du-lieu-tep-khac")
    act(page, lambda: page.get_by_text("English", exact=True).click())
    heading(page, "Load a catalogue").wait_for()
    assert _drawn(page, 1) == ('"Upload"', '"50 MB per file • CSV, XLSX"')


def _tip(page: Any, target: Any) -> str:
    """The words of the tip shown while the mouse is on ``target``."""
    target.hover()
    tip = page.locator('[data-testid="stTooltipContent"] p').first
    tip.wait_for()
    return _drawn_in(tip)


def test_the_hints_under_text_boxes_and_the_tips_of_table_tools_speak_the_pages_language(
    server: str, page: Any
) -> None:
    open_page(page, f"{server}/danh-muc")
    page.get_by_label("Tìm theo mã hoặc tên (không cần dấu)").type("khai")
    assert _drawn_in(page.locator('[data-testid="InputInstructions"]').first) == '"Nhấn Enter để áp dụng"'
    page.locator('[data-testid="stDataFrame"]').first.hover()
    assert _tip(page, page.get_by_role("button", name="Download as CSV")) == '"Tải về dạng CSV"'
    assert _tip(page, page.get_by_role("button", name="Fullscreen")) == '"Toàn màn hình"'
    page.get_by_role("button", name="Show/hide columns").click()
    columns = page.locator('[data-testid="stDataFrameColumnVisibilityMenu"] label')
    columns.first.wait_for()
    assert _drawn_in(columns.first.locator("span").last) == '"Tất cả các cột"'
    assert not columns.filter(has_text="(index)").is_visible(), "no internal name is shown"
    assert columns.filter(has_text="Tên thủ tục").is_visible()
    page.keyboard.press("Escape")
    # The page's own tips keep their words.
    assert _tip(page, page.get_by_role("button", name="Help for Người rà soát")) == (
        "Tên được ghi vào nhật ký của phương án."
    )
    open_page(page, f"{server}/tong-quan")
    page.get_by_label("Tên phương án").type("Thử")
    hint = page.locator('[data-testid="stForm"] [data-testid="InputInstructions"]').first
    assert _drawn_in(hint) == '"Nhấn Enter để gửi biểu mẫu"'


def test_streamlits_own_words_speak_the_pages_language_while_it_runs_and_once_the_server_stops(
    browser: Any, tmp_path: Path
) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    # A server of its own, with an empty cache: its first page audits the catalogue for seconds, and
    # Streamlit shows its stop button once a run has lasted half a second.
    with workbench_server(tmp_path) as url:
        page.goto(f"{url}/quy-tac")
        stop = page.locator('[data-testid="stStatusWidget"] button')
        stop.wait_for(timeout=120_000)
        assert _drawn_in(stop) == '"Dừng"'
        assert not page.locator('[data-testid="stMainMenu"]').is_visible(), "its items are English only"
        wait_drawn(page, 0, 180_000)
    # The server has stopped: Streamlit's dialog said «Connection error» and advised checking the
    # internet or typing «streamlit run yourscript.py».
    dialog = page.locator('[data-testid="stDialog"] [role="dialog"]')
    dialog.wait_for(timeout=60_000)
    assert _drawn_in(dialog.locator("h2")) == '"Mất kết nối với máy chủ"'
    help_text = _drawn_in(dialog.locator("h2 + div"))
    assert "Máy chủ Tinh Gọn không trả lời" in help_text and "tinhgon\u00a0ui" in help_text
    assert not dialog.locator("h2 + div > *").first.is_visible()
    assert _drawn_in(page.locator('[data-testid="stConnectionStatus"] label')) == '"Đang kết nối lại"'
    page.close()


def test_the_language_switch_keeps_the_page(server: str, page: Any) -> None:
    open_page(page, f"{server}/quy-tac")
    act(page, lambda: page.get_by_text("English", exact=True).click())
    heading(page, "Review rules").wait_for()
    assert page.url.endswith("/quy-tac")
    plan = page.locator('[data-testid="stSelectbox"]').filter(has_text="Plan").first
    assert "(no plan chosen)" in plan.inner_html(), "the chosen option is shown in English too"
    shot(page, "quy-tac-en")


def test_screenshots_are_committed_where_the_readme_points() -> None:
    assert Path(SCREENSHOTS).is_dir()
