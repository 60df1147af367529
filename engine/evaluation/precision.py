"""Judged samples of findings: drawing them from evaluation records, and precision with its interval.

A sample is drawn at random (seeded) from the findings of one rule on evaluation records only; each
drawn finding is judged *correct* or *wrong* against the raw record by a judge who has not seen the
fixes, and the verdicts are committed as CSV with a one-line reason.

>>> round(wilson(26, 40)[0], 3), round(wilson(26, 40)[1], 3)
(0.495, 0.779)
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.evaluation.split import is_evaluation

VERDICT_COLUMNS = ["rule_id", "procedure_code", "target_id", "target_label", "verdict", "reason"]
VERDICTS = ("correct", "wrong")


def wilson(correct: int, judged: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval (95% by default) for ``correct`` successes out of ``judged``."""
    if judged == 0:
        return (0.0, 1.0)
    p = correct / judged
    centre = p + z * z / (2 * judged)
    margin = z * math.sqrt(p * (1 - p) / judged + z * z / (4 * judged * judged))
    denominator = 1 + z * z / judged
    return ((centre - margin) / denominator, (centre + margin) / denominator)


def draw(findings: Sequence[dict], rule_id: str, size: int, seed: int) -> list[dict]:
    """Up to ``size`` findings of ``rule_id`` on evaluation records, in a seeded random order
    (all of them when there are fewer)."""
    pool = [
        f
        for f in findings
        if rule_id in (f.get("rule_ids") or [f["rule_id"]]) and is_evaluation(f["procedure_code"])
    ]
    pool.sort(key=lambda f: (f["procedure_code"], f["target"]["kind"], f["target"]["id"]))
    return random.Random(seed).sample(pool, min(size, len(pool)))


@dataclass(frozen=True)
class Tally:
    rule_id: str
    judged: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.correct, self.judged)


def read_verdicts(paths: Iterable[Path]) -> list[dict[str, str]]:
    """Verdict rows of the CSV files at ``paths``; a row whose verdict is neither value is an error."""
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if row.get("verdict") not in VERDICTS:
                    raise ValueError(
                        f"{path}:{line}: verdict must be one of {VERDICTS}, not {row.get('verdict')!r}"
                    )
                rows.append(row)
    return rows


def tally(rows: Iterable[dict[str, str]]) -> dict[str, Tally]:
    """Judged and correct counts per rule."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        judged_correct = counts.setdefault(row["rule_id"], [0, 0])
        judged_correct[0] += 1
        judged_correct[1] += row["verdict"] == "correct"
    return {rule: Tally(rule, judged, correct) for rule, (judged, correct) in sorted(counts.items())}
