"""``rules list`` and ``rules show ID``: the rule pack as policy staff read it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.errors import ExitCode, UserError
from engine.rules.pack import Rule
from engine.services.audit import Rulebook, load_rulebook
from engine.services.rules_info import RuleStanding, rule_standings


def register(commands: argparse._SubParsersAction) -> None:
    rules = commands.add_parser(
        "rules",
        help="list the rules or show one, with references and parameters",
        description="Read the rule packs in rules/: what each rule flags, why, and on which legal basis.",
    )
    rules.add_argument("--rules", type=Path, help="rules folder (default: the bundled rules/)")
    sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    listing = sub.add_parser(
        "list",
        help="one line per rule: id, severity, measure, whether it runs by default and how many of its"
        " judged findings were right (rules/precision.yaml), title",
    )
    listing.add_argument("--lang", choices=("vi", "en"), default="vi", help="title language (default: vi)")
    listing.set_defaults(handler=_list)
    show = sub.add_parser("show", help="everything about one rule")
    show.add_argument("rule_id", metavar="ID")
    show.set_defaults(handler=_show)


def _rulebook(args: argparse.Namespace) -> Rulebook:
    rulebook = load_rulebook(args.rules, include_experimental=True)
    for problem in rulebook.problems:
        print(f"invalid: {problem}", file=sys.stderr)
    return rulebook


def _list(args: argparse.Namespace) -> int:
    rulebook = _rulebook(args)
    standings = rule_standings(rulebook)
    for rule in rulebook.rules:
        title = rule.title_vi if args.lang == "vi" else rule.title_en
        standing = standings[rule.id].short()
        print(f"{rule.id:28} {rule.severity.value:6} {rule.measure.value:24} {standing:23} {title}")
    return ExitCode.invalid_input if rulebook.problems else ExitCode.ok


def _show(args: argparse.Namespace) -> int:
    rulebook = _rulebook(args)
    rule = rulebook.rule(args.rule_id)
    if rule is None:
        raise UserError(f"no rule {args.rule_id!r}; `tinhgon rules list` shows the ids")
    print(_describe(rule, rulebook, rule_standings(rulebook)[rule.id]))
    return 0


def _describe(rule: Rule, rulebook: Rulebook, standing: RuleStanding) -> str:
    judged = standing.precision
    lines = [
        f"{rule.id}{'  [experimental]' if rule.experimental else ''}",
        f"  standing: {standing.text()}" + (f"; judged on {judged.described('en')}" if judged else ""),
        f"  vi: {rule.title_vi}",
        f"  en: {rule.title_en}",
        f"  kind: {rule.kind.value}   severity: {rule.severity.value}   measure: {rule.measure.value}",
        f"  rationale: {' '.join(rule.rationale.split())}",
        "  legal basis:",
        *[
            f"    - {r.number}{' ' + r.article if r.article else ''}: {r.title or ''}"
            for r in rule.references
        ],
        "  condition:",
    ]
    lines.append(f"    {rule.when.fact.value}")
    for test in rule.when.all:
        operand = f"parameter {test.param}" if test.param else test.value
        lines.append(f"      {test.field} {test.op.value}" + ("" if operand is None else f" {operand}"))
    used = sorted({t.param for t in rule.when.all if t.param} | set(rule.parameters))
    if used:
        lines.append("  parameters:")
        for name in used:
            param = rulebook.params.root[name]
            lines.append(f"    - {name} = {param.value} {param.unit} ({param.reference}; {param.date})")
    return "\n".join(lines)
