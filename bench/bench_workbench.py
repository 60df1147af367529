"""Benchmark: the workbench on the bundled catalogue in a real browser (Debian's chromium), and print figures.

Starts ``tinhgon ui`` with a fresh plan database, warms it once (the audit is read from the on-disk
cache, or computed and stored), then times in new browser sessions: the first load of each page on the
warm server, and each interaction (search, language switch, experimental rules, page change, a review
decision, a what-if), then a bare Streamlit app the same way (Streamlit's floor on this machine). A time
runs from the navigation, or in the page from the message an action sends the server, to the moment
the page has drawn the new run (the ready mark, no element still loading its code, every chart
drawn); playwright's time for the whole action is shown beside it. The first page of each new browser
context loads Streamlit's code with an empty browser cache; the overview is loaded again at the end of
the pages with the cache filled, as a returning user's browser has it. Prints the medians and the
load average before and after; exits 1 if a page does not load or draw. Targets (issue 9): first load
≤ 2 s, each interaction ≤ 0.5 s.

    .venv/bin/python bench/bench_workbench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.harness import (  # noqa: E402
    VIEWPORT,
    act,
    chromium,
    free_port,
    open_page,
    server_ms,
    wait_healthy,
    workbench_server,
)

# A bare Streamlit app (a title and a button) measured the same way: the floor this machine and this
# browser set for any Streamlit page, to read the workbench's figures against.
BARE_APP = """
import streamlit as st
n = st.session_state["n"] = st.session_state.get("n", 0) + 1
st.title("Bare")
st.button("Click")
st.html(f'<div class="tg-ready" data-run="{n}" data-ms="0"></div>')
"""

PAGES = ["", "danh-muc", "ra-soat", "quy-tac", "co-so-du-lieu", "nap-du-lieu", "thu-tuc?code=1.001193"]


# Every document of a bench tab notes when it last sent the server a message: an interaction's time
# runs from that message (the click or key press reaching the app) to the page drawn, without
# playwright's own waits (scrolling the target into view, checking it is stable).
SENT_HOOK = """(() => {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    window.__tgSent = performance.now();
    return send.call(this, data);
  };
})()"""


class Probe:
    """What a browser tab receives and does: the bytes of the app's websocket frames, Chrome's busy
    time (script, layout and style), the page's element count and when it last sent a message."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.received = 0
        page.context.add_init_script(SENT_HOOK)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def _frame(self, payload: str | bytes) -> None:
        self.received += len(payload)

    def busy(self) -> float:
        """Seconds Chrome has spent running script, laying out and styling this tab so far."""
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return sum(metrics.get(k, 0.0) for k in ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration"))

    def clock(self) -> tuple[float, float]:
        """When, on the document's clock (ms), it was last found drawn and it last sent a message."""
        drawn, sent = self.page.evaluate("() => [window.__tgDrawn ?? -1, window.__tgSent ?? -1]")
        return float(drawn), float(sent)

    def nodes(self) -> int:
        return int(self.page.evaluate("() => document.getElementsByTagName('*').length"))


class Figures:
    """Each measure's time (a navigation's whole; an action's in the page, from the message it sent to
    the page drawn), playwright's time for the whole action, the server time of the run drawn, Chrome's busy
    time, the bytes received and the page's elements once drawn."""

    COLUMNS = ("page", "playwright", "server", "busy", "kB", "nodes")

    def __init__(self) -> None:
        self.values: dict[str, dict[str, list[float]]] = {}

    def measure(self, name: str, probe: Probe, action: Callable[[], None], navigation: bool = False) -> None:
        received, busy = probe.received, probe.busy()
        sent_before = probe.clock()[1]
        start = time.perf_counter()
        action()
        total = time.perf_counter() - start
        drawn, sent = probe.clock()
        busy_after = probe.busy()
        row = self.values.setdefault(name, {c: [] for c in self.COLUMNS})
        # A navigation counts whole, as the user waits for it; an action from the message it sent
        # (none sent, which should not happen: playwright's time is all there is).
        in_page = not navigation and sent != sent_before and drawn > sent
        row["page"].append((drawn - sent) / 1000 if in_page else total)
        row["playwright"].append(total)
        row["server"].append(server_ms(probe.page) / 1000)
        # A navigation starts a new document: its busy time counts from zero.
        row["busy"].append(busy_after - busy if busy_after >= busy else busy_after)
        row["kB"].append((probe.received - received) / 1000)
        row["nodes"].append(probe.nodes())

    def print(self) -> None:
        head = ("median", "max", "p.wright", "server", "chrome", "kB", "nodes")
        print(f"{'measure':44} " + " ".join(f"{h:>8}" for h in head))
        for name, row in self.values.items():
            m = {c: statistics.median(v) for c, v in row.items()}
            times = (m["page"], max(row["page"]), m["playwright"], m["server"], m["busy"])
            print(
                f"{name:44} " + " ".join(f"{v:7.2f}s" for v in times) + f" {m['kB']:8.0f} {m['nodes']:8.0f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times each figure is measured (median shown)")
    args = parser.parse_args()
    figures = Figures()
    load_before = _loadavg()
    try:
        with tempfile.TemporaryDirectory() as folder:
            _workbench(Path(folder), figures, args.repeat)
            _bare(Path(folder), figures, args.repeat)
    except Exception as error:  # a page that does not load or draw: say which step, fail the run
        print(f"bench failed: {type(error).__name__}: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"\nload average (1, 5, 15 min) before: {load_before}; after: {_loadavg()}")
    print(
        "Medians of the runs in chromium at 1440x900. median, max: a first load from goto to the page "
        "drawn; an action in the page, from the message it sends to the page drawn; p.wright: "
        "playwright's time for the action; server: the script run; chrome: the tab's script, layout "
        "and style time; kB: websocket bytes received; nodes: the page's elements once drawn."
    )
    figures.print()
    return 0


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])


def _workbench(folder: Path, figures: Figures, repeat: int) -> None:
    start = time.perf_counter()
    with workbench_server(folder) as url, chromium() as browser:
        print(f"server answering after {time.perf_counter() - start:.1f} s")
        warm = browser.new_page(viewport=VIEWPORT)
        start = time.perf_counter()
        open_page(warm, url)
        print(
            "first load on a fresh server (audit from the disk cache or computed): "
            f"{time.perf_counter() - start:.2f} s"
        )
        for path in PAGES:  # every page's caches filled once
            open_page(warm, f"{url}/{path}")
        _plan(warm, url)
        warm.context.close()
        for _ in range(repeat):
            context = browser.new_context(viewport=VIEWPORT)
            probe = Probe(context.new_page())
            # The first page of a fresh browser fetches Streamlit's code too; the next ones find it in
            # the browser's cache, as the overview does when opened again (a new session each time).
            for path in PAGES:
                figures.measure(
                    f"first load /{path}",
                    probe,
                    lambda p=path, tab=probe.page: open_page(tab, f"{url}/{p}"),
                    navigation=True,
                )
            figures.measure(
                "first load / again (browser cache warm)",
                probe,
                lambda tab=probe.page: open_page(tab, url),
                navigation=True,
            )
            _interactions(probe, url, figures)
            context.close()


def _bare(folder: Path, figures: Figures, repeat: int) -> None:
    app = folder / "bare.py"
    app.write_text(BARE_APP, encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, 60)
        with chromium() as browser:
            for _ in range(repeat):
                context = browser.new_context(viewport=VIEWPORT)
                probe = Probe(context.new_page())
                page = probe.page
                figures.measure(
                    "bare Streamlit app: first load",
                    probe,
                    lambda p=page: open_page(p, f"http://127.0.0.1:{port}"),
                    navigation=True,
                )
                figures.measure(
                    "bare Streamlit app: first load, cache warm",
                    probe,
                    lambda p=page: open_page(p, f"http://127.0.0.1:{port}"),
                    navigation=True,
                )
                button = page.get_by_role("button", name="Click")
                figures.measure(
                    "bare Streamlit app: click a button", probe, lambda p=page, b=button: act(p, b.click)
                )
                context.close()
    finally:
        process.terminate()
        process.wait(10)


def _plan(page: Any, url: str) -> None:
    """A plan to review against, created the way a user does it."""
    open_page(page, url)
    page.get_by_label("Tên phương án").fill("Bench")
    act(page, lambda: page.get_by_role("button", name="Tạo phương án").click())


def _click(page: Any, locator: Any) -> Callable[[], None]:
    return lambda: act(page, locator.click)


def _interactions(probe: Probe, url: str, figures: Figures) -> None:
    page = probe.page
    open_page(page, f"{url}/danh-muc")
    box = page.get_by_label("Tìm theo mã hoặc tên (không cần dấu)")
    box.fill("dang ky khai sinh")
    figures.measure(
        "search without accents (catalogue)", probe, lambda: act(page, lambda: box.press("Enter"))
    )
    box.fill("")
    figures.measure("clear the search (1,271 rows)", probe, lambda: act(page, lambda: box.press("Enter")))
    figures.measure(
        "switch language to English", probe, _click(page, page.get_by_text("English", exact=True))
    )
    figures.measure("switch language back", probe, _click(page, page.get_by_text("Tiếng Việt", exact=True)))
    toggle = page.get_by_text("Cả quy tắc thử nghiệm", exact=True)
    figures.measure("experimental rules on (2,062 findings)", probe, _click(page, toggle))
    figures.measure("experimental rules off", probe, _click(page, toggle))
    figures.measure("go to the review page", probe, _click(page, page.get_by_role("link", name="Rà soát")))
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Phương án").first.click()
    act(page, page.get_by_role("option", name="Bench").click)
    buttons = page.locator('[data-testid="stHorizontalBlock"]').last
    accept = buttons.get_by_role("button", name="Chấp thuận", exact=True)
    figures.measure("accept a finding (review page)", probe, _click(page, accept))
    figures.measure(
        "go to the overview after a decision", probe, _click(page, page.get_by_role("link", name="Tổng quan"))
    )
    act(page, page.get_by_role("link", name="Cơ sở dữ liệu").click)
    # A change that moves findings: the first database withdrawn for its first document type.
    page.get_by_text("Không công bố", exact=True).click()
    compute = page.get_by_role("button", name="Tính thay đổi")
    figures.measure("what-if: withdraw a database (findings move)", probe, _click(page, compute))


if __name__ == "__main__":
    sys.exit(main())
