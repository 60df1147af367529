"""Properties of the audit over generated catalogues and data sources: it never crashes, every finding
points at a part that exists in its procedure, and the same catalogue audited twice gives equal results."""

from __future__ import annotations

import datetime as dt

from hypothesis import event, given
from hypothesis import strategies as st

from engine.model import Finding, Procedure, TargetKind
from engine.plans.service import RELATED_EVIDENCE
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.services.audit import AuditResult, audit, load_rulebook
from engine.services.catalogue import Catalogue, enrich
from tests.properties.strategies import catalogues, registries

RULEBOOK = load_rulebook(include_experimental=True)  # every rule, experimental ones too
audit_dates = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))


def _audit(procedures: list[Procedure], registry, audit_date: dt.date) -> tuple[Catalogue, AuditResult]:
    catalogue = Catalogue(procedures=[p.model_copy(deep=True) for p in procedures], registry=registry)
    enrich(catalogue)  # the recogniser fills document types and reuse clauses' databases, as on loading
    return catalogue, audit(catalogue, RULEBOOK, audit_date=audit_date, workers=1)


def _part_exists(finding: Finding, procedure: Procedure) -> bool:
    target = finding.target
    if target.kind == TargetKind.component:
        return target.id in {c.id for c in procedure.components}
    if target.kind == TargetKind.step:
        return target.id in {s.id for s in procedure.steps}
    if target.kind == TargetKind.channel:
        return target.id in {c.kind.value for c in procedure.channels}
    return target.id == procedure.code


@given(catalogues(), registries(), audit_dates)
def test_every_finding_points_at_a_part_of_its_procedure(procedures, registry, audit_date):
    catalogue, result = _audit(procedures, registry, audit_date)
    by_code = {p.code: p for p in catalogue.procedures}
    assert result.procedures == len(procedures)
    for finding in result.findings:
        event(f"finding of {finding.rule_id}")  # --hypothesis-show-statistics tells which rules fired
        procedure = by_code[finding.procedure_code]
        assert _part_exists(finding, procedure), finding.key
        assert finding.procedure_name == procedure.name
        assert finding.message_vi and finding.message_en
        # Procedures a finding names as related (same result, similar, issuer) are in the catalogue.
        for key in RELATED_EVIDENCE:
            value = finding.evidence.get(key)
            assert value is None or value in by_code, (finding.key, key, value)
    assert len({f.key for f in result.findings}) == len(result.findings)  # one finding per rule and target


@given(catalogues(), registries(), audit_dates)
def test_facts_of_every_procedure_have_distinct_ids(procedures, registry, audit_date):
    ctx = CatalogueContext.build(procedures, registry, audit_date)
    for procedure in procedures:
        ids = [fact["id"] for fact in procedure_facts(procedure, ctx)]
        assert len(ids) == len(set(ids))


@given(catalogues(), registries(), audit_dates)
def test_auditing_the_same_catalogue_twice_gives_equal_results(procedures, registry, audit_date):
    _, first = _audit(procedures, registry, audit_date)
    _, second = _audit(procedures, registry, audit_date)
    assert second.findings == first.findings
    assert (second.facts, second.rules) == (first.facts, first.rules)
