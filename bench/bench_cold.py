"""Benchmark: CPU seconds per phase of a cold audit (no cache) of the portal catalogue, one process.

Phases: read JSON (read, decode, parse, clean), parse (records → procedures), enrich (recognise
documents and clauses), context (``CatalogueContext``), facts, rules (durable-rules and findings). Each
run is a fresh process, so that no memoised text or compiled pattern of an earlier run helps; the
figures are the medians of the runs, in CPU seconds (``time.process_time``), with the load average.

    .venv/bin/python bench/bench_cold.py [RAW_FOLDER] [--runs N]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

DEFAULT_RAW = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dvc-2026" / "raw"
PHASES = ("read JSON", "parse", "enrich", "context", "facts", "rules")
T = TypeVar("T")


def _timed(times: dict[str, float], phase: str, work: Callable[[], T]) -> T:
    start = time.process_time()
    result = work()
    times[phase] = time.process_time() - start
    return result


def one_run(raw: Path) -> dict[str, Any]:
    """Time each phase once in this process; imports and rule loading are left out of the phases."""
    import datetime as dt

    from engine.importers.files import json_files, read_json
    from engine.importers.outcome import ImportOutcome
    from engine.importers.portal import add_portal_record
    from engine.rules.facts import CatalogueContext, procedure_facts
    from engine.rules.findings import build_finding, dedupe
    from engine.rules.runtime import RuleEngine
    from engine.services.audit import load_rulebook
    from engine.services.catalogue import Catalogue, enrich, load_registry

    files = list(json_files(raw))
    rulebook = load_rulebook(include_experimental=True)
    registry, _ = load_registry()
    engine = RuleEngine(rulebook.rules, rulebook.params)
    times: dict[str, float] = {}

    def read() -> list[tuple[Path, Any]]:
        return [(file, read_json(file)[0]) for file in files]

    def parse(records: list[tuple[Path, Any]]) -> ImportOutcome:
        outcome, seen = ImportOutcome(), {}
        for file, data in records:
            add_portal_record(outcome, data, str(file), seen)
        return outcome

    records = _timed(times, "read JSON", read)
    outcome = _timed(times, "parse", lambda: parse(records))
    catalogue = Catalogue(procedures=outcome.procedures, registry=registry)
    _timed(times, "enrich", lambda: enrich(catalogue))
    ctx = _timed(
        times, "context", lambda: CatalogueContext.build(catalogue.procedures, registry, dt.date(2026, 12, 1))
    )
    facts = _timed(times, "facts", lambda: [procedure_facts(p, ctx) for p in catalogue.procedures])

    def rules() -> int:
        found = 0
        for procedure, procedure_facts_ in zip(catalogue.procedures, facts, strict=True):
            matches = engine.evaluate(procedure_facts_)
            built = [build_finding(engine.rules[m.rule_id], m, procedure, rulebook.params) for m in matches]
            found += len(dedupe(built))
        return found

    findings = _timed(times, "rules", rules)
    return {
        "times": times,
        "procedures": len(catalogue.procedures),
        "facts": sum(len(f) for f in facts),
        "findings": findings,
    }


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--once"]:
        print(json.dumps(one_run(Path(args[1]))))
        return
    runs = 3
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at : at + 2]
    raw = Path(args[0]).resolve() if args else DEFAULT_RAW.resolve()
    if not raw.is_dir():
        sys.exit(f"{raw}: not a folder of portal records")
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--once", str(raw)], capture_output=True, text=True, check=True
        )
        results.append(json.loads(done.stdout))
    first = results[0]
    print(
        f"cold audit of {raw}: {first['procedures']} procedures, {first['facts']} facts, "
        f"{first['findings']} findings; every rule, one process"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; median of {runs} runs")
    total = 0.0
    for phase in PHASES:
        median = statistics.median(r["times"][phase] for r in results)
        total += median
        spread = ", ".join(f"{r['times'][phase]:.2f}" for r in results)
        print(f"  {phase:<10} {median:6.2f} CPU s  ({spread})")
    print(f"  {'total':<10} {total:6.2f} CPU s")


if __name__ == "__main__":
    main()
