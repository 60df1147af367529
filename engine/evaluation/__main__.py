"""Draw judging samples from evaluation records and tabulate the verdicts.

    python -m engine.evaluation sample FINDINGS.json --rule TG-REUSE-DATA --size 40 --seed 1 -o DIR
    python -m engine.evaluation table FINDINGS.json docs/precision/evaluation/*.csv

``sample`` writes ``DIR/sample.csv`` (one row per drawn finding, verdict and reason empty, to be filled
by the judge) and ``DIR/findings.jsonl`` (the drawn findings as the tool reported them). ``table``
prints, per rule, its findings in FINDINGS.json, the judged and correct counts, the precision with its
Wilson 95% interval and the status the evidence allows.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from engine.evaluation.precision import VERDICT_COLUMNS, draw, read_verdicts, tally

# A rule runs by default only when at least this many evaluation findings were judged and at least
# this share of them were right.
MIN_JUDGED = 40
MIN_PRECISION = 0.90


def _findings(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def _sample(args: argparse.Namespace) -> int:
    drawn = draw(_findings(args.findings), args.rule, args.size, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "sample.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, VERDICT_COLUMNS)
        writer.writeheader()
        for f in drawn:
            writer.writerow(
                {
                    "rule_id": args.rule,
                    "procedure_code": f["procedure_code"],
                    "target_id": f["target"]["id"],
                    "target_label": f["target"]["label"],
                    "verdict": "",
                    "reason": "",
                }
            )
    with (args.out / "findings.jsonl").open("w", encoding="utf-8") as handle:
        for f in drawn:
            handle.write(json.dumps(f, ensure_ascii=False) + "\n")
    print(f"{len(drawn)} findings of {args.rule} drawn into {args.out}")
    return 0


def _table(args: argparse.Namespace) -> int:
    hits = Counter(rule for f in _findings(args.findings) for rule in (f.get("rule_ids") or [f["rule_id"]]))
    tallies = tally(read_verdicts(args.verdicts))
    print("| Rule | Findings | Judged | Correct | Precision | Wilson 95% | Status |")
    print("|---|---:|---:|---:|---:|---|---|")
    for rule in sorted(set(hits) | set(tallies)):
        t = tallies.get(rule)
        if t is None:
            print(f"| {rule} | {hits[rule]:,} | 0 | – | – | – | experimental |")
            continue
        low, high = t.interval
        status = "default" if t.judged >= MIN_JUDGED and t.precision >= MIN_PRECISION else "experimental"
        print(
            f"| {rule} | {hits[rule]:,} | {t.judged} | {t.correct} | {t.precision:.0%} | "
            f"{low:.0%}–{high:.0%} | {status} |"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.evaluation", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="draw a judging sample of one rule's evaluation findings")
    sample.add_argument("findings", type=Path, help="an audit's JSON report")
    sample.add_argument("--rule", required=True)
    sample.add_argument("--size", type=int, default=MIN_JUDGED)
    sample.add_argument("--seed", type=int, required=True)
    sample.add_argument("-o", "--out", type=Path, required=True)
    sample.set_defaults(handler=_sample)
    table = commands.add_parser("table", help="precision per rule from verdict CSV files")
    table.add_argument("findings", type=Path, help="the audit's JSON report the samples were drawn from")
    table.add_argument("verdicts", type=Path, nargs="+")
    table.set_defaults(handler=_table)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except (OSError, ValueError, KeyError) as error:
        print(f"python -m engine.evaluation: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
