"""What durable-rules costs: the rules phase against a plain-Python pass over the same facts.

    python bench/rules_vs_python.py [RAW_FOLDER]

Works out the facts of every procedure once, then evaluates every rule (experimental ones too) on them
twice: with the engine (``RuleEngine``: assert, match, retract, as audits do) and with a few lines of
Python applying the same conditions. Prints both times and checks that both find the same matches.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from engine.rules.compile import compile_rules
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.rules.pack import Op, Rule, Test
from engine.rules.parameters import Parameters
from engine.rules.runtime import RuleEngine
from engine.services.audit import load_rulebook
from engine.services.catalogue import load_catalogue

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW = (REPO / ".." / "shared" / "data" / "dvc-2026" / "raw").resolve()
_MISSING = object()


def _passes(test: Test, fact: dict[str, Any], params: Parameters) -> bool:
    value = fact.get(test.field, _MISSING)
    if test.op == Op.exists:
        return value is not _MISSING
    if test.op == Op.missing:
        return value is _MISSING
    if value is _MISSING:
        return test.op in (Op.ne, Op.not_in)  # durable-rules: a missing field differs from any value
    if test.op == Op.in_:
        return value in test.value
    if test.op == Op.not_in:
        return value not in test.value
    operand = params.value(test.param) if test.param else test.value
    if test.op == Op.eq:
        return bool(value == operand)
    if test.op == Op.ne:
        return bool(value != operand)
    try:
        if test.op == Op.lt:
            return bool(value < operand)
        if test.op == Op.le:
            return bool(value <= operand)
        if test.op == Op.gt:
            return bool(value > operand)
        return bool(value >= operand)
    except TypeError:
        return False


def python_matches(
    rules: list[Rule], params: Parameters, facts: list[dict[str, Any]]
) -> list[tuple[str, str]]:
    """(rule id, fact id) for every fact each rule's condition holds for, evaluated in plain Python."""
    return [
        (rule.id, fact["id"])
        for rule in rules
        for fact in facts
        if fact["kind"] == rule.when.fact and all(_passes(t, fact, params) for t in rule.when.all)
    ]


def compare(raw: Path) -> dict[str, Any]:
    catalogue = load_catalogue(raw)
    rulebook = load_rulebook(include_experimental=True)
    compile_rules(rulebook.rules, rulebook.params)  # both sides start from validated rules
    ctx = CatalogueContext.build(catalogue.procedures, catalogue.registry, dt.date(2026, 12, 1))
    facts = [procedure_facts(p, ctx) for p in catalogue.procedures]
    engine = RuleEngine(rulebook.rules, rulebook.params)
    start = time.process_time()
    by_engine = [sorted((m.rule_id, m.fact["id"]) for m in engine.evaluate(f)) for f in facts]
    engine_s = time.process_time() - start
    start = time.process_time()
    by_python = [sorted(python_matches(rulebook.rules, rulebook.params, f)) for f in facts]
    python_s = time.process_time() - start
    return {
        "procedures": len(facts),
        "facts": sum(map(len, facts)),
        "matches": sum(map(len, by_engine)),
        "engine_s": round(engine_s, 3),
        "python_s": round(python_s, 3),
        "same_matches": by_engine == by_python,
    }


def main() -> int:
    raw = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RAW
    print(json.dumps(compare(raw)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
