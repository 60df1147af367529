"""The audit benchmark behind ``make bench``: prints its figures and writes the table in bench/README.md.

    python bench/run_all.py [--raw ../shared/data/dvc-2026/raw] [--scales 10,50] [--runs 3]

On the real catalogue (every rule, experimental ones too, as ``tinhgon audit --experimental``): a cold
audit (empty cache), a warm one (nothing changed), one changed record, and one procedure audited in
process once the context is built; each a fresh process, the median of ``--runs``. Then synthetic
catalogues ``--scales`` times the real one (``bench/synthetic.py``), cold: wall and CPU seconds, and the
peak memory of the audit's process tree (the main process and its workers, sampled every 50 ms):
proportional set sizes summed (shared pages split between the processes sharing them), and resident
sizes summed (each forked worker counting the pages it shares with the main process again). Last, the
rules phase against a plain-Python pass over the same facts (``bench/rules_vs_python.py``). Every figure
is printed with the load average when it was taken: the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_RAW = (REPO / ".." / "shared" / "data" / "dvc-2026" / "raw").resolve()
README = BENCH / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
DATE = "2026-12-01"  # as bench/audit_run.py audits
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402 - bench/ is not a package


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident and proportional set sizes, in bytes, of ``pid`` and all its descendants. A forked
    worker's resident size counts every page it shares with the main process again; the proportional
    size splits shared pages between the processes sharing them, so its sum is the memory in use."""
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return rss, pss


def audit_once(raw: Path, cache_dir: Path, *flags: str) -> dict[str, Any]:
    """``bench/audit_run.py`` in a fresh process; its figures, with the peak memory of its tree."""
    command = [sys.executable, str(BENCH / "audit_run.py"), str(raw), "--cache-dir", str(cache_dir), *flags]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = _tree_memory(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    out, _ = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {process.returncode}")
    figures = json.loads(out.strip().splitlines()[-1])
    peaks = {"peak_mb": round(peak_pss / 2**20), "peak_rss_mb": round(peak_rss / 2**20)}
    return figures | {"wall_s": round(wall, 3), "load": load()} | peaks


def command_once(raw: Path, cache_dir: Path) -> dict[str, float]:
    """``tinhgon audit --experimental`` as a pipeline runs it (a JSON report written to a file), in a
    fresh process: its wall and CPU seconds (its workers' included) and exit code."""
    command = [
        str(Path(sys.executable).with_name("tinhgon")),
        *("audit", str(raw), "--experimental", "--date", DATE, "--cache-dir", str(cache_dir)),
        *("--format", "json", "-o", str(cache_dir.parent / "findings.json")),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(run[key] for run in runs), 3)


def phase_cpu(runs: list[dict[str, Any]]) -> dict[str, float]:
    phases = runs[0]["phases"]
    return {p: round(statistics.median(run["phases"][p][1] for run in runs), 2) for p in phases}


def real_catalogue(raw: Path, work: Path, runs: int) -> dict[str, Any]:
    """Cold, warm and one changed record on a copy of the real catalogue; one procedure in process."""
    copy = work / "real"
    shutil.copytree(raw, copy)
    cold, warm, changed = [], [], []
    commands: dict[str, list[dict[str, float]]] = {"cold": [], "warm": [], "changed": []}
    records = sorted(copy.rglob("*.json"))
    for n in range(runs):
        cache, command_cache = work / f"real-cache-{n}", work / f"real-command-{n}" / "cache"
        commands["cold"].append(command_once(copy, command_cache))
        cold.append(audit_once(copy, cache))
        print("real cold", commands["cold"][-1], cold[-1], flush=True)
        commands["warm"].append(command_once(copy, command_cache))
        warm.append(audit_once(copy, cache))
        print("real warm", commands["warm"][-1], warm[-1], flush=True)
        record = records[(n * 397) % len(records)]
        data = json.loads(record.read_text(encoding="utf-8"))
        data["ten_thu_tuc"] = f"{data['ten_thu_tuc']} (sửa {n})"
        record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        commands["changed"].append(command_once(copy, command_cache))
        changed.append(audit_once(copy, cache))
        print("real one changed", commands["changed"][-1], changed[-1], flush=True)
    one = one_procedure(raw)
    print("one procedure", one, flush=True)
    return {"cold": cold, "warm": warm, "changed": changed, "one": one, "commands": commands}


def one_procedure(raw: Path) -> dict[str, Any]:
    """Facts and rules of one procedure in process, the context built: the median over every procedure."""
    from engine.model import Procedure
    from engine.rules.facts import CatalogueContext, procedure_facts
    from engine.rules.findings import build_finding
    from engine.rules.runtime import RuleEngine
    from engine.services.audit import load_rulebook
    from engine.services.catalogue import load_catalogue

    catalogue = load_catalogue(raw)
    rulebook = load_rulebook(include_experimental=True)
    ctx = CatalogueContext.build(catalogue.procedures, catalogue.registry, dt.date(2026, 12, 1))
    engine = RuleEngine(rulebook.rules, rulebook.params)

    def audit_one(procedure: Procedure) -> None:
        for match in engine.evaluate(procedure_facts(procedure, ctx)):
            build_finding(engine.rules[match.rule_id], match, procedure, rulebook.params)

    audit_one(catalogue.procedures[0])  # once untimed: the first evaluation sets the engine up
    times = []
    for procedure in catalogue.procedures:
        start = time.process_time()
        audit_one(procedure)
        times.append(time.process_time() - start)
    times.sort()
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(len(times) * 0.95)] * 1000, 2),
        "max_ms": round(times[-1] * 1000, 2),
        "load": load(),
    }


def synthetic_catalogues(scales: list[int], work: Path) -> list[dict[str, Any]]:
    results = []
    for scale in scales:
        folder = work / f"synthetic-{scale}"
        count = synthetic.make_catalogue(synthetic.DEFAULT_SOURCE, folder, scale)
        figures = audit_once(folder, work / f"synthetic-cache-{scale}")
        figures |= {"scale": scale, "records": count}
        print(f"synthetic {scale}x", figures, flush=True)
        results.append(figures)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work / f"synthetic-cache-{scale}", ignore_errors=True)
    return results


def rules_vs_python(raw: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(BENCH / "rules_vs_python.py"), str(raw)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1]) | {"load": load()}
    print("rules vs python", figures, flush=True)
    return figures


def table(real: dict[str, Any], synth: list[dict[str, Any]], versus: dict[str, Any], runs: int) -> str:
    """The Markdown that replaces the part of bench/README.md between the bench markers."""
    rows = [
        "| Measure | Target | Wall s (median) | CPU s (median) | Load average | Detail |",
        "|---|---|---|---|---|---|",
    ]
    for label, key, target in (
        ("Real catalogue, cold", "cold", "≤ 2.5 s"),
        ("Real catalogue, warm", "warm", "≤ 0.5 s"),
        ("One changed record", "changed", "≤ 1 s"),
    ):
        group, command = real[key], real["commands"][key]
        detail = (
            f"as a library call (`bench/audit_run.py`): {median_of(group, 'wall_s')} s wall, "
            f"{median_of(group, 'cpu_s')} CPU s, audit call {median_of(group, 'audit_s')} s, imports "
            f"{median_of(group, 'imports_s')} s; CPU s by phase {phase_cpu(group)}; {group[0]['procedures']} "
            f"procedures, {group[0]['findings']} findings, files parsed {group[-1]['parsed']}, "
            f"procedures evaluated {group[-1]['evaluated']}"
        )
        loads = ", ".join(run["load"].split()[0] for run in group)
        rows.append(
            f"| {label} | {target} | {median_of(command, 'wall_s')} | {median_of(command, 'cpu_s')} | "
            f"{loads} | {detail} |"
        )
    one = real["one"]
    rows.append(
        f"| One procedure in process | ≤ 50 ms | – | {one['median_ms']} ms | {one['load'].split()[0]} | "
        f"facts + rules + findings, context built; p95 {one['p95_ms']} ms, max {one['max_ms']} ms |"
    )
    rows += [
        "",
        "| Synthetic catalogue | Records | Wall s | CPU s | Peak memory, MB (target < 1,024 at 50×) | "
        "Peak resident sizes summed, MB | CPU s by phase | Load average |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in synth:
        phases = {p: cpu for p, (_, cpu) in s["phases"].items()}
        rows.append(
            f"| {s['scale']}× | {s['records']:,} | {s['wall_s']} | {s['cpu_s']} | {s['peak_mb']:,} | "
            f"{s['peak_rss_mb']:,} | {phases} | {s['load'].split()[0]} |"
        )
    rows += [
        "",
        f"Rules phase on the real catalogue's {versus['facts']:,} facts ({versus['matches']:,} matches): "
        f"durable-rules {versus['engine_s']} CPU s, plain Python {versus['python_s']} CPU s, same matches: "
        f"{versus['same_matches']} (load {versus['load'].split()[0]}).",
        "",
        f"Run on {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({os.path.realpath(sys.executable)}), {runs} runs each for the "
        "real catalogue.",
    ]
    return "\n".join(rows)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    parser.add_argument("--scales", default="10,50", help="synthetic sizes, times the real catalogue")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="print only; leave bench/README.md")
    args = parser.parse_args()
    if not args.raw.is_dir():
        raise SystemExit(f"bench: {args.raw}: no such folder")
    scales = [int(s) for s in args.scales.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="tinhgon-bench-") as folder:
        work = Path(folder)
        real = real_catalogue(args.raw, work, args.runs)
        synth = synthetic_catalogues(scales, work)
    versus = rules_vs_python(args.raw)
    text = table(real, synth, versus, args.runs)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
