"""Evaluate compiled rules on the facts of one procedure with durable-rules, safely.

durable-rules keeps one global host at module level and background timer threads that crashed the
process during ``delete_state``; this module owns a private host whose ``_run`` does nothing, so every
evaluation is synchronous. Each evaluation reuses one session id and deletes its state afterwards: a
ruleset holds at most 1,024 live sessions and memory stays flat this way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from durable import engine as durable

from engine.rules.compile import compile_rules
from engine.rules.pack import TARGET, Rule
from engine.rules.parameters import Parameters

RULESET = "tinhgon"
_SID = "0"


class RuleRuntimeError(RuntimeError):
    """A rule failed while being evaluated; durable-rules had swallowed the error into its state."""


@dataclass(frozen=True)
class Match:
    rule_id: str
    fact: dict[str, Any]  # the target fact
    bound: dict[str, dict[str, Any]]  # every pattern's fact by name, target included


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
        self._names = {rule.id: [p.name for p in rule.when] for rule in rules}
        self._matches: list[Match] = []
        self._host = _SyncHost(self._collect)
        if rules:
            self._host.set_rulesets({RULESET: compile_rules(list(rules), params)})

    def _collect(self, rule_id: str, closure: Any) -> None:
        names = self._names[rule_id]
        if isinstance(closure.__dict__.get("_m"), dict):
            batch = [{name: _plain(closure._m[name]) for name in names}]
        else:
            # durable-rules hands over several matches of one rule at once as a list in ``m``:
            # the fact itself for one-pattern rules, else a mapping of pattern names to facts.
            batch = [
                {TARGET: _plain(item._d)} if names == [TARGET] else {n: _plain(item._d[n]) for n in names}
                for item in closure.m
            ]
        self._matches += [Match(rule_id, bound[TARGET], bound) for bound in batch]

    def evaluate(self, facts: Sequence[dict[str, Any]]) -> list[Match]:
        """Assert ``facts`` in one session, return the matches, and clear the session."""
        if not self.rules:
            return []
        self._matches = []
        session_open = False  # deleting a session that no fact opened crashes durable-rules
        try:
            for fact in facts:
                try:
                    self._host.assert_fact(RULESET, {**fact, "sid": _SID})
                    session_open = True
                except durable.MessageNotHandledException:
                    pass  # no rule looks at this kind of fact: nothing to do
                except durable.MessageObservedException as error:
                    session_open = True
                    raise RuleRuntimeError(f"two facts share the id {fact.get('id')!r}") from error
            if session_open:
                state = self._host.get_state(RULESET, _SID)
                if state and "exception" in state:
                    raise RuleRuntimeError(state["exception"])
        finally:
            if session_open:
                self._host.delete_state(RULESET, _SID)
        return self._matches


def _plain(fact: Any) -> dict[str, Any]:
    """A matched fact as a plain dict, without durable-rules' bookkeeping keys."""
    data = json.loads(json.dumps(fact, default=str))
    return {k: v for k, v in data.items() if k != "sid" and not k.startswith("$")}
