"""Runs every Gherkin spec in this folder with the step library in conftest.py."""

import pytest
from conftest import Case, audit_with_rule
from pytest_bdd import scenarios

scenarios(".")


def test_a_spec_naming_an_unknown_rule_fails_with_a_clear_message(rulebook):
    with pytest.raises(pytest.fail.Exception, match="names the rule 'TG-NO-SUCH-RULE', which no rule pack"):
        audit_with_rule(Case(), rulebook, "TG-NO-SUCH-RULE")
