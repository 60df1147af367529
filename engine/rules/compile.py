"""Compile rules (data) into a durable-rules ruleset (JSON), resolving parameters."""

from __future__ import annotations

from typing import Any

from engine.rules.pack import Op, Pattern, Rule, Test
from engine.rules.parameters import Parameters

TARGET = "m"  # the durable-rules name of a rule's one pattern

_COMPARISONS = {Op.ne: "$neq", Op.lt: "$lt", Op.le: "$lte", Op.gt: "$gt", Op.ge: "$gte"}


def compile_rules(rules: list[Rule], params: Parameters) -> dict[str, Any]:
    """One durable-rules ruleset body: ``{rule id: {"all": [...], "run": rule id}}``.

    >>> from engine.rules.parameters import Parameters
    >>> rule = Rule.model_validate({"id": "TG-X-1", "title_vi": "t", "title_en": "t", "kind": "reuse",
    ...     "severity": "low", "measure": "cut_component", "rationale": "r",
    ...     "references": [{"number": "1/2025/NĐ-CP"}], "message_vi": "m", "message_en": "m",
    ...     "when": {"fact": "component", "all": [{"field": "certified_copy", "value": True}]}})
    >>> compile_rules([rule], Parameters())["TG-X-1"]["all"]
    [{'m': {'$and': [{'kind': 'component'}, {'certified_copy': True}]}}]
    """
    return {rule.id: {"all": [{TARGET: _pattern(rule.when, params)}], "run": rule.id} for rule in rules}


def _pattern(pattern: Pattern, params: Parameters) -> dict[str, Any]:
    return {"$and": [{"kind": pattern.fact.value}] + [_test(t, params) for t in pattern.all]}


def _test(test: Test, params: Parameters) -> dict[str, Any]:
    if test.op == Op.exists:
        return {"$ex": {test.field: 1}}
    if test.op == Op.missing:
        return {"$nex": {test.field: 1}}
    if test.op == Op.in_:
        return {"$or": [{test.field: value} for value in test.value]}
    if test.op == Op.not_in:
        return {"$and": [{"$neq": {test.field: value}} for value in test.value]}
    if test.param:
        operand: Any = params.value(test.param)
    else:
        operand = test.value
    if test.op == Op.eq:
        return {test.field: operand}
    return {_COMPARISONS[test.op]: {test.field: operand}}
