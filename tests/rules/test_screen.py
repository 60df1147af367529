"""The fact screen: facts no rule can match are not posted, and no fact a rule matches is held back."""

from __future__ import annotations

import copy
from typing import Any

from durable import engine as durable
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.rules.compile import compile_rules
from engine.rules.runtime import RULESET, Screen, _SyncHost
from engine.services.audit import load_rulebook

# One rule per kind of test the screen judges or leaves to the engine.
RULES: dict[str, Any] = {
    name: {"all": [{"m": {"$and": [{"kind": "c"}, test]}}], "run": name}
    for name, test in {
        "eq-bool": {"flag": True},
        "eq-text": {"t": "x"},
        "eq-number": {"n": 1},
        "ex": {"$ex": {"t": 1}},
        "nex": {"$nex": {"t": 1}},
        "neq": {"$neq": {"t": "x"}},
        "gte": {"$gte": {"n": 3}},
        "lt": {"$lt": {"n": 2.5}},
        "or": {"$or": [{"t": "x"}, {"t": "y"}]},
        "nested": {"$and": [{"$neq": {"t": "y"}}, {"flag": False}]},
    }.items()
}
VALUES = st.one_of(
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from([0.5, 2.5, 3.0]),
    st.sampled_from(["x", "y", "1", "3", ""]),
)
FACTS = st.fixed_dictionaries(
    {"kind": st.sampled_from(["c", "d"])},
    optional={"flag": VALUES, "t": VALUES, "n": VALUES},
)


def _engine_matches(rules: dict[str, Any], fact: dict[str, Any]) -> list[str]:
    """What durable-rules itself matches, every fact posted."""
    matched: list[str] = []
    host = _SyncHost(lambda name, _closure: matched.append(name))
    host.set_rulesets({RULESET: copy.deepcopy(rules)})  # durable-rules consumes what it is given
    message = {**fact, "id": "f", "sid": "0"}
    try:
        host.assert_fact(RULESET, message)
    except durable.MessageNotHandledException:
        return []
    host.retract_fact(RULESET, message)
    return matched


@settings(max_examples=60, deadline=None)
@given(FACTS)
@example({"kind": "c", "n": "1", "t": 1})  # kinds the engine converts
@example({"kind": "c", "flag": 1, "n": True})
def test_the_screen_never_holds_back_a_fact_a_rule_matches(fact: dict[str, Any]) -> None:
    for name, body in RULES.items():
        if _engine_matches({name: body}, fact):
            assert Screen({name: body}).may_match(fact), name


def test_the_engine_fails_a_missing_field_and_converts_kinds_as_the_screen_assumes() -> None:
    assert sorted(_engine_matches(RULES, {"kind": "c"})) == ["nex"]
    assert "eq-text" in _engine_matches(RULES, {"kind": "c", "t": "x"})
    assert "eq-number" in _engine_matches(RULES, {"kind": "c", "n": "1"})  # a text equals a number
    assert "eq-number" in _engine_matches(RULES, {"kind": "c", "n": True})  # and so does a boolean


def test_the_screen_holds_back_facts_that_visibly_fail_every_rule() -> None:
    screen = Screen({name: RULES[name] for name in ("eq-bool", "gte", "or")})
    assert not screen.may_match({"kind": "c", "flag": False, "n": 2, "t": "z"})
    assert not screen.may_match({"kind": "d", "flag": True})
    assert screen.may_match({"kind": "c", "n": 4})
    assert screen.may_match({"kind": "c", "flag": "true"})  # a text the engine may read as true


def test_the_rulebook_posts_few_of_the_facts_of_a_procedure() -> None:
    rulebook = load_rulebook(include_experimental=True)
    screen = Screen(compile_rules(rulebook.rules, rulebook.params))
    step = {"kind": "step", "id": "step:s1", "step_kind": "receive", "output_unused": False, "handoff": False}
    assert not screen.may_match({**step, "independent_of_previous": False})
    assert screen.may_match({**step, "step_kind": "inspect", "independent_of_previous": False})
