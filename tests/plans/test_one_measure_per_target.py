"""On the real portal catalogue: rules proposing the same measure for the same part make one finding, and a
plan built from every finding (experimental rules included) counts each saving once."""

from __future__ import annotations

from collections import Counter

from engine.plans.service import create_plan_from_findings
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue


def test_a_component_two_rules_want_replaced_with_data_is_one_finding_and_one_measure(raw_folder, repo):
    catalogue = load_catalogue(raw_folder)
    rulebook = load_rulebook(include_experimental=True)
    findings = audit(catalogue, rulebook).findings
    parts = Counter((f.procedure_code, f.target.kind, f.target.id, f.measure) for f in findings)
    assert max(parts.values()) == 1

    both = [f for f in findings if {"TG-REUSE-DATA", "TG-REUSE-PRECEDENT"} <= set(f.rule_ids)]
    assert len(both) > 50
    # The most severe rule is the primary (TG-REUSE-DATA, or TG-REUSE-HOUSEHOLD-BOOK for a household book).
    assert all(f.rule_ids[0] == f.rule_id != "TG-REUSE-PRECEDENT" and f.severity == "high" for f in both)
    hours = rulebook.params.value("hours_prepare_component")
    assert all(f.saving.hours == hours for f in both)

    plan = create_plan_from_findings(repo, "Tất cả", findings, "lan")
    assert len(plan.measures) == len(parts)
    merged_parts = {(f.procedure_code, f.target.id) for f in both}
    measures = [m for m in plan.measures if (m.procedure_code, m.target.id) in merged_parts]
    assert (
        sum(m.saving.hours for m in measures if m.measure == "replace_with_data") == len(merged_parts) * hours
    )
