"""Benchmark: build and draw the procedure map of every procedure of the bundled catalogue.

Prints how long building the dot text and drawing it as SVG with Graphviz take (median and slowest),
the parts drawn and the drawing's size in points for the biggest maps, and how many maps a screen
1,000 px wide shows at full size without sideways panning.

    .venv/bin/python bench/bench_procedure_map.py [CATALOGUE]
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

from engine.evaluation.split import is_evaluation
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.graphs import procedure_map, render_svg

SCREEN_WIDTH_PX = 1000  # the map frame of the Thủ tục page at 1440×900, sidebar open


def main() -> None:
    catalogue = load_catalogue(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    result = audit(catalogue, load_rulebook())
    rules = load_rulebook(include_experimental=True).rules
    build, draw, rows = [], [], []
    for procedure in catalogue.procedures:
        start = time.perf_counter()
        drawn = procedure_map(procedure, result.for_procedure(procedure.code), rules, "vi")
        built = time.perf_counter()
        svg = render_svg(drawn.dot)
        build.append(built - start)
        draw.append(time.perf_counter() - built)
        box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg)
        width, height = float(box.group(1)), float(box.group(2))
        rows.append((drawn.node_count, procedure.code, width, height))
    print(f"procedures: {len(rows)}")
    for name, times in (("build dot", build), ("draw SVG (dot)", draw)):
        print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms")
    fits = sum(1 for _, _, width, _ in rows if width <= SCREEN_WIDTH_PX)
    print(f"maps no wider than {SCREEN_WIDTH_PX} px at full size: {fits} of {len(rows)}")
    # Codes of the evaluation split are kept out of what is printed (docs/precision/evaluation-codes.txt).
    print("biggest maps of development records (parts, code, width × height in points):")
    shown = [row for row in sorted(rows, reverse=True) if not is_evaluation(row[1])]
    for parts, code, width, height in shown[:8]:
        print(f"  {parts:4d}  {code:10s} {width:6.0f} × {height:6.0f}")


if __name__ == "__main__":
    main()
