"""The procedure map in a real browser: Debian's chromium driven by playwright (no browser download).

Serves the Thủ tục page with Streamlit, clicks a step of the land-registration map (1.013978) and checks
that its card and the page's details follow; drags and zooms the map. Screenshots at 1440×900 go to
``TINHGON_SCREENSHOTS`` when set (the README's come from ``TINHGON_SCREENSHOTS=docs/screenshots``),
else to the test's temporary folder. Skipped when playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.model import Severity
from engine.plans.repository import PlanRepository
from engine.plans.service import accept_by_severity, create_plan_from_findings
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.graphs import graphviz_available
from tests.conftest import HAND, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not graphviz_available(),
    reason="needs Debian's chromium and graphviz (apt-get install -y chromium graphviz)",
)

# The page alone, as the multipage app mounts it. The audit runs in this process: forking audit workers
# from Streamlit's threaded server can deadlock.
RUNNER = f"""
import sys
sys.path.insert(0, {str(REPO / "ui")!r})
import streamlit as st
import engine.services.audit as audit_service
audit_service.CAN_FORK = False
st.set_page_config(page_title="Tinh Gọn", layout="wide")
from screens import procedure
lang = st.sidebar.radio("Ngôn ngữ / Language", ["vi", "en"], key="lang", horizontal=True)
st.sidebar.toggle("Cả quy tắc thử nghiệm", key="experimental")  # as the workbench's sidebar has it
procedure.render(lang)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(tmp_path: Path, catalogue: Path) -> Iterator[str]:
    script = tmp_path / "procedure_page.py"
    script.write_text(RUNNER, encoding="utf-8")
    port = _free_port()
    env = os.environ | {
        "TINHGON_CATALOGUE": str(catalogue),
        "TINHGON_DB_URL": f"sqlite:///{tmp_path / 'plans.db'}",
    }
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    yield from serve(tmp_path, HAND)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("TINHGON_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser_page():
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        yield page
        browser.close()


def open_map(page, url: str, code: str, experimental: bool = False) -> None:
    """Open ``code``'s map; with ``experimental``, switch on the sidebar toggle and wait for its flags."""
    page.goto(f"{url}/?code={code}")
    page.wait_for_selector(".tg-canvas svg", timeout=180_000)
    if experimental:
        page.get_by_text("Cả quy tắc thử nghiệm", exact=True).click()
        flags = page.locator(".tg-canvas svg text").filter(has_text="⚑")
        expect(flags).not_to_have_count(0, timeout=180_000)
    scroll_to_map(page)


def scroll_to_map(page) -> None:
    # Scroll the page so the map fills the window, as a reader working on it would.
    page.locator(".tg-toolbar").first.evaluate(
        "toolbar => { toolbar.scrollIntoView({block: 'start'});"
        " const main = document.querySelector('[data-testid=stMain]');"
        " for (const s of [window, main]) s && s.scrollBy(0, -72); }"
    )


def test_clicking_a_step_shows_its_details_on_the_map_and_on_the_page(app_url, browser_page, shots):
    page = browser_page
    open_map(page, app_url, "1.013978", experimental=True)  # its step 7 is flagged by an experimental rule
    assert page.locator(".tg-zoom").inner_text() == "100%"  # full size: the words read as drawn
    page.screenshot(path=str(shots / "procedure-map-1.013978-top.png"))

    # Drag the map (a real mouse drag) until step 7 is in the middle of the frame, then click it.
    viewport = page.locator(".tg-viewport").bounding_box()
    step = page.locator('[id="step-s7"]')
    box = step.bounding_box()
    dx = viewport["x"] + viewport["width"] / 2 - (box["x"] + box["width"] / 2)
    dy = viewport["y"] + viewport["height"] / 2 - (box["y"] + box["height"] / 2)
    start_x, start_y = viewport["x"] + viewport["width"] / 2, viewport["y"] + viewport["height"] / 2
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + dx, start_y + dy, steps=12)
    page.mouse.up()
    box = step.bounding_box()
    assert viewport["y"] < box["y"] < viewport["y"] + viewport["height"], "step 7 dragged into view"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 12)

    card = page.locator(".tg-card")
    card.wait_for(state="visible", timeout=5_000)
    assert "Kiểm tra sự phù hợp với quy hoạch" in card.inner_text()
    assert "⚑" in card.inner_text()  # its finding, with the rule's title
    # The click reaches Streamlit: the page's picker and details follow it.
    picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Phần đang xem trên sơ đồ")
    expect(picker.locator("input")).to_have_value(re.compile("^Bước thực hiện: Kiểm tra sự phù hợp"))
    title = load_rulebook(include_experimental=True).rule("TG-STEP-SEQUENTIAL").title_vi
    expect(
        page.locator("[data-testid='stMarkdownContainer']").filter(has_text=f"⚑ {title}")
    ).not_to_have_count(0)
    page.screenshot(path=str(shots / "procedure-map-1.013978-click.png"))

    page.locator('.tg-toolbar button[data-act="fit"]').click()
    assert int(page.locator(".tg-zoom").inner_text().rstrip("%")) < 100


def test_the_map_opens_on_its_dossier_with_the_whole_procedures_flags_above_the_frame(app_url, browser_page):
    """Panning cut the map's own label (the name, and the findings of the whole procedure) at the frame's
    edge: its flags now sit above the frame, the label is hidden in the map, and the map opens on the
    whole dossier, its top in view."""
    page = browser_page
    open_map(page, app_url, "1.001193")  # a family finding on the whole procedure (a default rule)
    above = page.locator(".tg-whole")
    expect(above).to_contain_text("⚑ Cả thủ tục:")
    assert page.locator(".tg-canvas svg g.graph > text").first.is_hidden()
    frame = page.locator(".tg-viewport").bounding_box()
    dossier = page.locator('[id="dossier"]').bounding_box()
    assert frame["x"] <= dossier["x"] and dossier["x"] + dossier["width"] <= frame["x"] + frame["width"]
    drawn_top = page.locator(".tg-canvas g.cluster").first.bounding_box()["y"]  # the dossier's frame
    assert 0 <= drawn_top - frame["y"] <= 20, "the map opens with its first box at the frame's top"


def test_a_map_of_more_than_fifty_parts_reads_at_its_default_size(tmp_path, browser_page, shots):
    """2.002011 (enterprise registration change, 80 components in 19 cases): the README screenshot."""
    portal = REPO / "procedures" / "portal" / "bo-tai-chinh"
    for url in serve(tmp_path, portal):
        page = browser_page
        open_map(page, url, "2.002011")
        texts = page.locator(".tg-canvas svg g.node text")
        assert texts.count() > 200
        size = texts.first.bounding_box()["height"]
        assert size >= 12, f"map text is {size}px high at the default size"
        page.screenshot(path=str(shots / "procedure-map-2.002011.png"))


def test_birth_registration_and_construction_permit_maps(app_url, browser_page, shots):
    """The two procedures the issue names: lanes by agency, and the permit's cases grouped."""
    page = browser_page
    open_map(page, app_url, "1.001193")
    expect(page.locator(".tg-canvas svg text").filter(has_text="Người nộp hồ sơ")).not_to_have_count(0)
    page.screenshot(path=str(shots / "procedure-map-1.001193.png"))
    open_map(page, app_url, "1.013225")
    cases = page.locator(".tg-canvas svg text").filter(has_text=re.compile(r"^Trường hợp: \(1\.7\)"))
    expect(cases).to_have_count(1)
    page.screenshot(path=str(shots / "procedure-map-1.013225.png"))


def test_the_plan_view_in_the_browser(tmp_path, browser_page, shots):
    """Accept every measure of a plan, then show 1.005461 after it: changes in green, cost lower."""
    catalogue = load_catalogue(HAND)
    findings = audit(catalogue, load_rulebook(include_experimental=True)).findings  # data reuse among them
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Bắc Ninh 2026", findings, "tester")
        accept_by_severity(repo, plan.id, Severity.low, "tester")
    for url in serve(tmp_path, HAND):
        page = browser_page
        open_map(page, url, "1.005461")
        # No plan is chosen until the reader chooses one.
        picker = page.get_by_role("combobox", name="Phương án đơn giản hóa")
        expect(picker).to_be_enabled(timeout=60_000)  # the plans are listed once the page has run
        picker.scroll_into_view_if_needed()  # the map's scroll hid it: its list would open out of sight
        picker.click()
        page.get_by_role("option", name="Bắc Ninh 2026").click()
        after = page.locator("[data-testid='stButtonGroup'] button").filter(has_text="Sau phương án")
        expect(after).to_be_enabled(timeout=60_000)  # the plan is listed once the page has run
        after.click()
        changed = page.locator(".tg-canvas svg text").filter(has_text="✓ Thay thành phần hồ sơ bằng dữ liệu")
        expect(changed).not_to_have_count(0, timeout=60_000)
        scroll_to_map(page)
        page.screenshot(path=str(shots / "procedure-map-1.005461-after.png"))
