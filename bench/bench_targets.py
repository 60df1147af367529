"""Benchmark: how far the candidates go (``candidate_reach``) and the database ranking
(``rank_sources``), on the bundled catalogue or a folder of portal records; prints figures.

The audit runs once (all rules, experimental ones included, as ``tinhgon targets reach`` does) and is
not counted: the workbench has it already. Each figure is the best of three runs.

    .venv/bin/python bench/bench_targets.py [CATALOGUE]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.sources import rank_sources
from engine.services.targets import candidate_reach


def _best(run: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    catalogue = load_catalogue(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    rulebook = load_rulebook(include_experimental=True)
    findings = audit(catalogue, rulebook, workers=1).findings
    print(f"{len(catalogue.procedures)} procedures, {len(findings)} findings")
    reach = _best(lambda: candidate_reach(catalogue, findings, rulebook))
    print(f"candidate_reach: {reach:.2f} s (rows: one per kind of measure, then all)")
    ranking = _best(lambda: rank_sources(catalogue))
    print(f"rank_sources: {ranking:.2f} s ({len(catalogue.registry.sources)} sources)")


if __name__ == "__main__":
    main()
