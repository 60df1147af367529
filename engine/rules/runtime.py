"""Evaluate compiled rules on the facts of one procedure with durable-rules, safely.

durable-rules keeps one global host at module level and background timer threads that crashed the
process during ``delete_state``; this module owns a private host whose ``_run`` does nothing, so every
evaluation is synchronous. Every evaluation uses the same session id (a ruleset holds at most 1,024
live sessions) and retracts its facts afterwards, so memory stays flat.

Asserting and retracting a fact costs two JSON round trips, and most facts match no rule: a fact is posted
only when some rule may match it. That is read from the compiled ruleset itself (``Screen``): a rule rules
a fact out only by a field it tests and the fact lacks, or a value of the same kind that visibly fails the
test (another value where one is required, a number out of range). Whether a posted fact matches is
still for durable-rules to say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from durable import engine as durable

from engine.rules.compile import TARGET, compile_rules
from engine.rules.pack import Rule
from engine.rules.parameters import Parameters

RULESET = "tinhgon"
_SID = "0"


class RuleRuntimeError(RuntimeError):
    """A rule failed while being evaluated; durable-rules had swallowed the error into its state."""


@dataclass(frozen=True)
class Match:
    rule_id: str
    fact: dict[str, Any]  # the fact the rule matched


# A test a rule makes of one field that a fact can be seen to fail: (operator, field, value), or ("$or",
# the tests of its branches).
_Need = tuple[str, Any, Any]
_ORDER = {
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
}
_EXACT = 2**53  # numbers beyond this may compare otherwise as the engine's doubles


class Screen:
    """What each rule of a compiled ruleset requires of a fact, to skip facts no rule can match.

    Measured on durable-rules 2.0.28 (``tests/rules/test_screen.py`` keeps it so): a missing field fails
    every test but ``$nex``; values of other kinds are converted ("1" equals 1, True equals 1), so a test
    is judged here only between two booleans, two texts or two numbers.
    """

    def __init__(self, ruleset: Mapping[str, Any]) -> None:
        rules = [_needs(body["all"][0][TARGET]) for body in ruleset.values()]
        self._rules = rules
        # Rules by the fact kind they require, that test left out: a fact meets only its kind's rules.
        unkinded = [needs for needs in rules if _kind(needs) is None]
        self._by_kind: dict[str, list[list[_Need]]] = {}
        for needs in rules:
            if (kind := _kind(needs)) is not None:
                rest = [need for need in needs if need != ("$eq", "kind", kind)]
                self._by_kind.setdefault(kind, list(unkinded)).append(rest)
        self._unkinded = unkinded

    def may_match(self, fact: Mapping[str, Any]) -> bool:
        """False only when every rule requires something the fact visibly lacks."""
        kind = fact.get("kind")
        rules = self._by_kind.get(kind, self._unkinded) if isinstance(kind, str) else self._rules
        for needs in rules:
            for need in needs:
                if not _may_meet(need, fact):
                    break
            else:
                return True
        return False


def _kind(needs: list[_Need]) -> str | None:
    """The fact kind a rule requires, if any."""
    return next((n[2] for n in needs if n[:2] == ("$eq", "kind") and isinstance(n[2], str)), None)


def _needs(pattern: Mapping[str, Any]) -> list[_Need]:
    """The tests of a pattern's ``$and`` (nested ones included) this screen can judge; the others
    (``$nex``, an ``$or`` of other tests) are left to the engine."""
    needs: list[_Need] = []
    for test in pattern.get("$and", [pattern]):
        if list(test) == ["$and"]:
            needs += _needs(test)
        elif (need := _need(test)) is not None:
            needs.append(need)
    return needs


def _need(test: Mapping[str, Any]) -> _Need | None:
    if len(test) != 1:
        return None
    key, value = next(iter(test.items()))
    if key == "$or":
        branches = [_need(branch) for branch in value]
        return ("$or", None, tuple(branches)) if branches and None not in branches else None
    if key in ("$ex", "$neq", *_ORDER) and isinstance(value, dict) and len(value) == 1:
        field, operand = next(iter(value.items()))
        return (key, field, operand) if key == "$ex" or _plain_value(operand) else None
    if not key.startswith("$") and _plain_value(value):
        return ("$eq", key, value)
    return None


def _may_meet(need: _Need, fact: Mapping[str, Any]) -> bool:
    operator, field, operand = need
    if operator == "$or":
        return any(_may_meet(branch, fact) for branch in operand)
    if field not in fact:
        return False
    if operator == "$ex":
        return True
    value = fact[field]
    if operator in _ORDER:
        numbers = _number(value) and _number(operand)
        return not numbers or _ORDER[operator](value, operand)
    if not _same_kind(value, operand):
        return True
    return (value == operand) == (operator == "$eq")


def _plain_value(value: Any) -> bool:
    return isinstance(value, bool | str) or _number(value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < _EXACT


def _same_kind(a: Any, b: Any) -> bool:
    """Both booleans, both texts or both (exact) numbers: values the engine compares as they are."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    return (isinstance(a, str) and isinstance(b, str)) or (_number(a) and _number(b))


class _SyncHost(durable.Host):
    """A durable-rules host with no background threads; actions call back into the engine."""

    def __init__(self, on_match: Callable[[str, Any], None]) -> None:
        self._on_match = on_match
        super().__init__()

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return lambda closure: self._on_match(action_name, closure)

    def _run(self) -> None:
        """No dispatch or timer threads: evaluation happens inside ``assert_fact``."""


class RuleEngine:
    """Rules compiled once, evaluated one procedure at a time."""

    def __init__(self, rules: Sequence[Rule], params: Parameters) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self._matches: list[Match] = []
        self._ruleset = compile_rules(list(rules), params)
        self._screen = Screen(self._ruleset)
        self._host = self._new_host()

    def _new_host(self) -> _SyncHost:
        host = _SyncHost(self._collect)
        if self.rules:
            host.set_rulesets({RULESET: self._ruleset})
        return host

    def _collect(self, rule_id: str, closure: Any) -> None:
        if isinstance(closure.__dict__.get("_m"), dict):
            facts = [closure._m[TARGET]]
        else:
            # durable-rules hands over several matches of one rule at once as a list in ``m``.
            facts = [item._d for item in closure.m]
        self._matches += [Match(rule_id, _plain(fact)) for fact in facts]

    def evaluate(self, facts: Sequence[dict[str, Any]]) -> list[Match]:
        """Assert ``facts`` in the one session, return the matches, and retract them again.

        The session is emptied by retracting, not deleted: ``delete_state`` crashed the process
        when a join had matched only some of its patterns, or when no fact had opened the session.
        """
        if not self.rules:
            return []
        self._matches = []
        asserted: list[dict[str, Any]] = []
        try:
            for fact in facts:
                if not self._screen.may_match(fact):
                    continue
                message = {**fact, "sid": _SID}
                try:
                    self._host.assert_fact(RULESET, message)
                    asserted.append(message)
                except durable.MessageNotHandledException:
                    pass  # no rule looks at this kind of fact: nothing to do
                except durable.MessageObservedException as error:
                    raise RuleRuntimeError(f"two facts share the id {fact.get('id')!r}") from error
            if asserted:
                state = self._host.get_state(RULESET, _SID)
                if state and "exception" in state:
                    self._host = self._new_host()  # the session is spoilt: start the next one afresh
                    asserted = []
                    raise RuleRuntimeError(state["exception"])
        finally:
            for message in asserted:
                self._host.retract_fact(RULESET, message)
        return self._matches


def _plain(fact: Mapping[str, Any]) -> dict[str, Any]:
    """A matched fact as a plain dict, without durable-rules' bookkeeping keys. durable-rules hands over
    what it parsed from its own JSON: flat, plain values already, so a shallow copy is enough."""
    return {k: v for k, v in fact.items() if k != "sid" and not k.startswith("$")}
