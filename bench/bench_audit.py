"""Benchmark: audit the whole portal catalogue (../shared/data/dvc-2026/raw) and print figures.

Prints load time (import + recognition), audit time on one process and on all cores, facts asserted,
findings, and peak memory (max resident set size of this process and of its workers).

    .venv/bin/python bench/bench_audit.py [RAW_FOLDER]
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue

DEFAULT_RAW = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dvc-2026" / "raw"


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    raw = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RAW.resolve()
    start = time.perf_counter()
    catalogue = load_catalogue(raw)
    loaded = time.perf_counter()
    print(
        f"load + recognise: {len(catalogue.procedures)} procedures in {loaded - start:.2f} s "
        f"({len(catalogue.problems)} problems)"
    )
    rulebook = load_rulebook(include_experimental=True)  # the full workload: all 19 rules
    for workers in (1, os.cpu_count() or 1):
        begin = time.perf_counter()
        result = audit(catalogue, rulebook, workers=workers)
        took = time.perf_counter() - begin
        print(
            f"audit on {workers} process(es): {took:.2f} s, {result.procedures / took:.0f} procedures/s, "
            f"{result.facts} facts ({result.facts / took:.0f} facts/s), {len(result.findings)} findings"
        )
    own, children = _peak_mb()
    print(f"peak memory: {own:.0f} MB (main process), {children:.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
