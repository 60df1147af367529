"""One audit of a catalogue folder, as ``tinhgon audit`` runs it, printed as JSON figures.

    python bench/audit_run.py RAW_FOLDER --cache-dir DIR [--no-cache] [--workers N]

Prints wall and CPU seconds (this process and its workers) per phase, procedures, findings, files
parsed and procedures evaluated. ``bench/run_all.py`` runs it in a fresh process per measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()

from engine.services.audit import load_rulebook  # noqa: E402 - imports are part of what is timed
from engine.services.cache import Cache  # noqa: E402
from engine.services.incremental import audit_catalogue  # noqa: E402

DATE = dt.date(2026, 12, 1)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("raw", type=Path)
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    imported = time.perf_counter()
    rulebook = load_rulebook(include_experimental=True)
    cache = None if args.no_cache else Cache(args.cache_dir)
    start = time.perf_counter()
    run = audit_catalogue(args.raw, rulebook, DATE, cache, workers=args.workers)
    end = time.perf_counter()
    t = os.times()
    figures = {
        "procedures": run.packed.procedures,
        "findings": run.packed.findings,
        "parsed": run.parsed,
        "evaluated": run.packed.evaluated,
        "audit_s": round(end - start, 3),
        "process_s": round(end - STARTED, 3),
        "imports_s": round(imported - STARTED, 3),
        "cpu_s": round(t.user + t.system + t.children_user + t.children_system, 3),
        "phases": {k: [round(wall, 3), round(cpu, 3)] for k, (wall, cpu) in run.phases.items()},
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
