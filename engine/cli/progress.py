"""A progress line on standard error for long runs; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time


class ProgressLine:
    def __init__(self, label: str, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (done < total and now - self._last < 0.2):
            return
        self._last = now
        print(
            f"\r{self.label}: {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True
        )
