"""How far the candidates go: each kind of measure against each target, on a small catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.model import Finding, Measure, Severity, SourceRegistry, Target, TargetKind
from engine.services.catalogue import Catalogue
from engine.services.targets import ALL_MEASURES, candidate_reach
from tests.plans.conftest import catalogue, finding


def _abolish(code: str) -> Finding:
    return Finding(
        rule_id="TG-TEST-ABOLISH",
        procedure_code=code,
        procedure_name=f"Thủ tục {code}",
        target=Target(kind=TargetKind.procedure, id=code, label=code),
        severity=Severity.medium,
        measure=Measure.abolish,
        message_vi="bãi bỏ",
        message_en="abolish",
        rationale="test",
    )


def test_each_kind_of_measure_and_all_of_them_against_each_target(params, targets):
    findings = [
        _abolish("1.000002"),
        _abolish("1.000004"),
        finding("1.000001", "c2", Severity.high, Measure.accept_electronic_copy),
    ]
    report = candidate_reach(
        Catalogue(procedures=catalogue(), registry=SourceRegistry(sources=[])),
        findings=findings,
        targets=targets,
        params=params,
        as_of=dt.date(2026, 12, 1),
    )
    assert [r.measure for r in report.rows] == ["abolish", "accept_electronic_copy", ALL_MEASURES]
    abolish = report.row("abolish")
    assert abolish is not None and (abolish.candidates, abolish.counts[0].cut) == (2, 2)
    procedures = {t.target_id: t for t in abolish.targets}["bac-ninh-2030-procedures"]
    assert procedures.achieved == 0.5 and procedures.met and procedures.gap == 0
    # Time limits 10 + 5 + 15 + 20 = 50; abolishing the 5- and 20-day procedures leaves 25: 50%.
    time = {t.target_id: t for t in abolish.targets}["bac-ninh-2026-time"]
    assert time.achieved == pytest.approx(0.5) and not time.passed
    copy = report.row("accept_electronic_copy")
    assert copy is not None and copy.counts[0].cut == 0 and copy.counts[0].cut_or_simplified == 1
    cost = {t.target_id: t for t in copy.targets}["bac-ninh-2026-cost"]
    assert 0 < cost.achieved < 0.5 and cost.gap == pytest.approx(0.5 - cost.achieved) and cost.estimate
    everything = report.row(ALL_MEASURES)
    assert everything is not None and everything.counts[0].cut_or_simplified == 3
    passed = {t.target_id: t.passed for t in everything.targets}
    assert passed["nq66-2025-cost"] and not passed["bac-ninh-2030-procedures"]


def test_by_rule_gives_one_row_per_rule(params, targets):
    findings = [
        _abolish("1.000002"),
        finding("1.000001", "c2", Severity.high, Measure.accept_electronic_copy),
    ]
    report = candidate_reach(
        Catalogue(procedures=catalogue(), registry=SourceRegistry(sources=[])),
        findings=findings,
        targets=targets,
        params=params,
        by_rule=True,
    )
    assert [(r.measure, r.candidates) for r in report.rows] == [
        ("TG-TEST-ABOLISH", 1),
        ("TG-TEST", 1),
        (ALL_MEASURES, 2),
    ]
    assert report.by_rule and report.rows[0].counts[0].cut == 1


def test_the_reach_table_and_the_targets_list_in_the_cli(params, targets, capsys):
    from engine.cli import main
    from engine.cli.targets import reach_csv, reach_markdown

    report = candidate_reach(
        Catalogue(procedures=catalogue(), registry=SourceRegistry(sources=[])),
        findings=[_abolish("1.000002")],
        targets=targets,
        params=params,
        as_of=dt.date(2026, 12, 1),
    )
    text = reach_markdown(report)
    assert "| Bãi bỏ thủ tục | 1 | 1 | 1 | 25,0% |" in text
    assert "| **Còn thiếu (nếu chấp thuận tất cả)** | | | | 5,0% |" in text
    assert "31/12/2025 (đã quá hạn)" in text and "31/12/2030 (còn hạn)" in text
    assert reach_csv(report).splitlines()[0].startswith("measure,label_vi,candidates,procedures,cut")
    assert main(["targets", "list", "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "(NQ 66/NQ-CP, 2025): giảm 30%, hạn 31/12/2025 (đã quá hạn)" in out
    assert "Vietnam News, 23/12/2025" in out and "(Bắc Ninh, 2026): giảm 50%, hạn 31/12/2026 (còn hạn)" in out
