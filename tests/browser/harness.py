"""A real workbench server and Debian's chromium, for the browser tests and the workbench bench.

The browser is the system's (``/usr/bin/chromium``, ``apt-get install chromium``): nothing is
downloaded. The server is ``tinhgon ui`` on a free port, with its own plan database.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TINHGON_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 900}
SCREENSHOTS = REPO / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def workbench_server(folder: Path, timeout: float = 180) -> Iterator[str]:
    """Serve the workbench on the bundled catalogue; yield its URL. Plans and cache live in ``folder``."""
    port = free_port()
    env = dict(
        os.environ,
        TINHGON_DB_URL=f"sqlite:///{folder / 'plans.db'}",
        TINHGON_CACHE_DIR=os.environ.get("TINHGON_CACHE_DIR", str(folder / "cache")),
        TINHGON_REVIEWER="Nguyễn Thị Lan",
    )
    env.pop("TINHGON_CATALOGUE", None)
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "tinhgon"), "ui", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the workbench server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the workbench server did not answer within {timeout} s")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium browser (playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def run_count(page: Any) -> int:
    """How many script runs the page has finished drawing (the workbench's ready mark)."""
    return int(
        page.evaluate(
            "() => { const m = document.querySelectorAll('.tg-ready');"
            " return m.length ? Math.max(...[...m].map(e => +e.dataset.run)) : 0 }"
        )
    )


# Drawn: a ready mark of a later run is on the page, no element waits for its lazily loaded code
# (Streamlit shows a stSkeleton meanwhile), none of the run before is left (data-stale: the run's end
# removes them), and every chart has drawn its canvas or SVG.
# The moment it first holds is kept in window.__tgDrawn (the page's clock) for the bench.
DRAWN = """(after) => {
    const drawn = [...document.querySelectorAll('.tg-ready')].some(e => +e.dataset.run > after)
        && !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
        && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
            .every(c => c.querySelector('canvas, svg'));
    if (drawn) window.__tgDrawn = performance.now();
    return drawn;
}"""


def wait_drawn(page: Any, after: int, timeout: float = 60_000) -> None:
    """Wait until a script run later than run ``after`` has drawn the whole page."""
    page.wait_for_function(DRAWN, arg=after, timeout=timeout)


def open_page(page: Any, url: str, timeout: float = 180_000) -> None:
    """Go to ``url`` and wait until the page has been drawn."""
    page.goto(url)
    wait_drawn(page, 0, timeout)


def act(page: Any, action: Any, timeout: float = 60_000) -> None:
    """Do ``action()`` (a click, a key press) and wait for the run it starts to be drawn."""
    before = run_count(page)
    action()
    wait_drawn(page, before, timeout)


def server_ms(page: Any) -> int:
    """Milliseconds the server spent on the latest run drawn."""
    return int(
        page.evaluate(
            "() => { const m = [...document.querySelectorAll('.tg-ready')];"
            " m.sort((a, b) => +a.dataset.run - +b.dataset.run);"
            " return m.length ? +m[m.length - 1].dataset.ms : -1 }"
        )
    )
