"""Every rule is pinned down by Gherkin specs: at least one scenario where it must flag and one where it
must not. A spec naming a rule that no pack defines is an error too."""

import re
from pathlib import Path

from engine.services.audit import load_rulebook

FEATURES = Path(__file__).resolve().parents[1] / "features"
SCENARIO = re.compile(r"^\s*(?:Tình huống|Scenario|Kịch bản):", re.MULTILINE)
AUDIT = re.compile(r'(?:rà soát theo quy tắc|audited with the rule) "([^"]+)"')
FLAGS = re.compile(r"(?<!không )(?:bị đánh dấu|is flagged)\s*$", re.MULTILINE)
DOES_NOT_FLAG = re.compile(r"(?:không bị đánh dấu|is not flagged)\s*$", re.MULTILINE)


def _scenarios() -> list[tuple[str, str, str]]:
    """(feature file, rule id, scenario text) for every scenario that audits with a rule."""
    found = []
    for path in sorted(FEATURES.glob("*.feature")):
        text = path.read_text(encoding="utf-8")
        for block in SCENARIO.split(text)[1:]:
            for rule_id in AUDIT.findall(block):
                found.append((path.name, rule_id, block))
    return found


def test_every_rule_has_a_spec_that_flags_and_one_that_does_not():
    scenarios = _scenarios()
    missing = []
    for rule in load_rulebook(include_experimental=True).rules:
        blocks = [block for _, rule_id, block in scenarios if rule_id == rule.id]
        if not any(FLAGS.search(b) for b in blocks):
            missing.append(f"{rule.id}: no scenario where it must flag")
        if not any(DOES_NOT_FLAG.search(b) for b in blocks):
            missing.append(f"{rule.id}: no scenario where it must not flag")
    assert not missing, "rules without specs:\n" + "\n".join(missing)


def test_specs_name_only_rules_that_exist():
    known = {rule.id for rule in load_rulebook(include_experimental=True).rules}
    unknown = [f"{name}: {rule_id}" for name, rule_id, _ in _scenarios() if rule_id not in known]
    assert not unknown, f"specs name unknown rules: {unknown}"
