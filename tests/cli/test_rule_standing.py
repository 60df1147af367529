"""Every report and ``rules list`` say which rules are experimental and how often their findings were
right (``rules/precision.yaml``), so that no one reads an experimental finding as a settled one."""

from __future__ import annotations

import csv
import io
import json

import pytest

from engine.cli import main
from engine.evaluation.precision import wilson
from engine.services.audit import load_rulebook
from engine.services.rules_info import load_precision
from tests.conftest import HAND

RULES = {rule.id: rule for rule in load_rulebook(include_experimental=True).rules}
PRECISION = load_precision()


def audit(fmt: str, capsys: pytest.CaptureFixture[str], *more: str) -> str:
    argv = ["audit", str(HAND), "--experimental", "--format", fmt, "--date", "2026-12-01", *more]
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "header", "words"),
    [
        (
            "vi",
            "| Quy tắc | Áp dụng và độ chính xác đo được |",
            ("thử nghiệm", "mặc định", "đúng {}", "chưa đánh giá"),
        ),
        ("en", "| Rule | Standing |", ("experimental", "default", "{} right", "not judged")),
    ],
)
def test_the_markdown_report_names_each_rule_with_its_standing(capsys, lang, header, words):
    experimental, default, right, not_judged = words
    table = audit("md", capsys, "--lang", lang).split(header, 1)[1].split("\n\n", 1)[0]
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines()[2:]}
    titles = {rule.title_vi if lang == "vi" else rule.title_en: rule for rule in RULES.values()}
    assert set(rows) == set(titles)  # by title, not by id
    for title, rule in titles.items():
        p = PRECISION.get(rule.id)
        figure = right.format(f"{p.correct}/{p.judged}") if p and p.judged else not_judged
        assert f"| {experimental if rule.experimental else default}, {figure}" in rows[title]


def test_each_csv_row_says_whether_its_rule_is_experimental_and_its_precision(capsys):
    rows = list(csv.DictReader(io.StringIO(audit("csv", capsys))))
    assert {row["rule_experimental"] for row in rows} == {"true", "false"}
    for row in rows:
        p = PRECISION.get(row["rule_id"])
        assert row["rule_experimental"] == str(RULES[row["rule_id"]].experimental).lower()
        assert row["rule_precision"] == (f"{p.correct}/{p.judged}" if p and p.judged else "")


def test_the_json_report_gives_each_rule_that_ran_its_standing(capsys):
    report = json.loads(audit("json", capsys))
    assert list(report["rule_standing"]) == report["rules"]
    for rule_id, standing in report["rule_standing"].items():
        p = PRECISION.get(rule_id)
        assert standing["experimental"] == RULES[rule_id].experimental
        assert (standing["correct"], standing["judged"]) == ((p.correct, p.judged) if p else (0, 0))
        if p and p.judged:
            assert standing["interval_95"] == pytest.approx(wilson(p.correct, p.judged), abs=0.001)


def test_rules_list_marks_every_rule_default_or_experimental_with_its_figure(capsys):
    assert main(["rules", "list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert set(lines) == set(RULES)
    for rule_id, rule in RULES.items():
        p = PRECISION.get(rule_id)
        runs = "experimental" if rule.experimental else "default"
        figure = f"{p.correct}/{p.judged}" if p and p.judged else "not judged"
        assert f" {runs} {figure} " in lines[rule_id]
