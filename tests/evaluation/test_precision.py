"""The evaluation split is frozen and the precision arithmetic is right."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.evaluation.precision import draw, read_verdicts, tally, wilson
from engine.evaluation.split import is_evaluation

FROZEN = Path(__file__).resolve().parents[2] / "docs" / "precision" / "evaluation-codes.txt"


def test_the_frozen_list_is_what_the_split_rule_gives() -> None:
    codes = [line for line in FROZEN.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(codes) == 415
    assert all(is_evaluation(code) for code in codes)


def test_wilson_matches_the_published_interval_for_26_of_40() -> None:
    low, high = wilson(26, 40)
    assert (round(low * 100), round(high * 100)) == (50, 78)
    assert wilson(40, 40)[1] == pytest.approx(1.0)
    assert wilson(0, 0) == (0.0, 1.0)


def _finding(code: str, rule: str, target: str, also: list[str] | None = None) -> dict:
    return {
        "rule_id": rule,
        "rule_ids": also,
        "procedure_code": code,
        "target": {"kind": "component", "id": target},
    }


def test_draw_takes_evaluation_records_only_and_counts_secondary_rule_ids() -> None:
    findings = [
        _finding("1.000001", "A", "c1"),
        _finding("1.001193", "A", "c1"),
        _finding("1.000001", "B", "c2", ["B", "A"]),
    ]
    drawn = draw(findings, "A", 40, seed=1)
    assert sorted(f["target"]["id"] for f in drawn) == ["c1", "c2"]
    assert draw(findings, "A", 1, seed=1) == draw(findings, "A", 1, seed=1)


def test_verdicts_are_tallied_and_a_bad_verdict_names_its_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "rule_id,procedure_code,target_id,target_label,verdict,reason\n"
        "A,1.000001,c1,x,correct,ok\nA,1.000001,c2,y,wrong,no\n",
        encoding="utf-8",
    )
    t = tally(read_verdicts([good]))["A"]
    assert (t.judged, t.correct, t.precision) == (2, 1, 0.5)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "rule_id,procedure_code,target_id,target_label,verdict,reason\nA,1,c,x,maybe,?\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"bad.csv:2"):
        read_verdicts([bad])
