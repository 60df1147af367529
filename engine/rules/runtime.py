"""Evaluate compiled rules on the facts of one procedure with durable-rules, safely.

durable-rules keeps one global host at module level and background timer threads that crashed the
process during ``delete_state``; this module owns a private host whose ``_run`` does nothing, so every
evaluation is synchronous. Every evaluation uses the same session id (a ruleset holds at most 1,024
live sessions) and retracts its facts afterwards, so memory stays flat.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
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


def _plain(fact: Any) -> dict[str, Any]:
    """A matched fact as a plain dict, without durable-rules' bookkeeping keys."""
    data = json.loads(json.dumps(fact, default=str))
    return {k: v for k, v in data.items() if k != "sid" and not k.startswith("$")}
