"""Benchmark the portal importer on the whole raw folder.

    python bench/bench_import.py [RAW_FOLDER] [--report]

Imports every record twice: once plainly for the wall time and records per second, once under
tracemalloc for the peak of Python allocations; also prints the process's peak resident memory.
``--report`` prints the import report (counts in / imported / reported, anomalies by kind).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from engine.importers import format_import_report, import_portal

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW = (REPO / ".." / "shared" / "data" / "dvc-2026" / "raw").resolve()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", nargs="?", type=Path, default=DEFAULT_RAW, help="folder of portal records")
    parser.add_argument("--report", action="store_true", help="also print the import report")
    args = parser.parse_args()
    if not args.raw.is_dir():
        print(f"{args.raw}: not a folder of portal records", file=sys.stderr)
        return 1

    start = time.perf_counter()
    outcome = import_portal(args.raw)
    wall = time.perf_counter() - start

    tracemalloc.start()
    import_portal(args.raw)
    _, peak_heap = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)

    print(
        f"records:       {outcome.records_in} read, {len(outcome.procedures)} imported, "
        f"{len(outcome.reported)} reported"
    )
    print(f"wall time:     {wall:.2f} s")
    print(f"records/s:     {outcome.records_in / wall:.0f}")
    print(f"peak heap:     {peak_heap / 2**20:.1f} MiB (tracemalloc, second run)")
    print(f"peak RSS:      {peak_rss / 2**20:.1f} MiB (whole process)")
    if args.report:
        print()
        print(format_import_report(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
