"""A progress bar on standard error for long runs; silent when stderr is not a terminal, so that logs
and pipelines get no carriage returns."""

from __future__ import annotations

import sys
import time

WIDTH = 30  # characters of the bar itself
INTERVAL = 0.2  # seconds between redraws


class ProgressLine:
    def __init__(self, label: str, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (done < total and now - self._last < INTERVAL):
            return
        self._last = now
        filled = WIDTH * done // total if total else WIDTH
        bar = "█" * filled + "·" * (WIDTH - filled)
        percent = 100 * done // total if total else 100
        end = "\n" if done >= total else ""
        print(f"\r{self.label} {bar} {percent:>3}% {done}/{total}", end=end, file=sys.stderr, flush=True)
