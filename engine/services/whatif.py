"""What-if on data sources: publish a database for a document type (or not, or from another date) and
see which findings, components, hours and đồng change; and rank the databases by what they save.

Only the procedures that ask for a document of the changed type are audited again, against a copy of
the registry; the catalogue's own registry is never changed. The catalogue-wide facts and the rule
engine are built once (:class:`WhatIfBase`) and reused by every change, since only the registry differs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.model import DataSource, Finding, LegalRef, SourceRegistry
from engine.model.sources import Replacement
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.rules.findings import build_finding, dedupe
from engine.rules.runtime import RuleEngine
from engine.services.audit import AuditResult, Rulebook
from engine.services.catalogue import Catalogue
from engine.services.catalogue_table import finding_database

WHAT_IF_DECISION = "what-if"  # the decision number a hypothetical publication cites


@dataclass(frozen=True)
class SourceChange:
    """Publish ``source_id`` for ``doc_type`` from ``since``, or withdraw it (``since`` None)."""

    source_id: str
    doc_type: str
    since: dt.date | None


@dataclass
class Effect:
    """Findings gained and lost, and what they change in components, hours and đồng per dossier."""

    added: list[Finding] = field(default_factory=list)
    removed: list[Finding] = field(default_factory=list)
    procedures_audited: int = 0

    @property
    def findings_delta(self) -> int:
        return len(self.added) - len(self.removed)

    @property
    def components_delta(self) -> int:
        return len(_components(self.added)) - len(_components(self.removed))

    @property
    def hours_delta(self) -> float:
        return round(sum(f.saving.hours for f in self.added) - sum(f.saving.hours for f in self.removed), 2)

    def vnd_delta(self, params: CostParameters) -> int:
        """Change in the estimated saving per dossier, in đồng: hours valued at the hourly income, plus
        outside costs."""
        return saving_vnd(self.added, params) - saving_vnd(self.removed, params)


def saving_vnd(findings: Sequence[Finding], params: CostParameters) -> int:
    hours = Decimal(str(sum(f.saving.hours for f in findings)))
    return int(hours * params.hourly_income_vnd) + sum(f.saving.vnd for f in findings)


def changed_registry(registry: SourceRegistry, change: SourceChange) -> SourceRegistry:
    """A copy of ``registry`` with the change applied."""
    sources = []
    for source in registry.sources:
        if source.id != change.source_id:
            sources.append(source)
            continue
        kept = [r for r in source.replaces if r.doc_type != change.doc_type]
        if change.since is not None:
            decision = next(
                (r.decision for r in source.replaces if r.doc_type == change.doc_type),
                LegalRef(number=WHAT_IF_DECISION, title="Hypothetical publication (what-if)"),
            )
            kept.append(Replacement(doc_type=change.doc_type, since=change.since, decision=decision))
        sources.append(source.model_copy(update={"replaces": kept}))
    return SourceRegistry(sources=sources)


def current_since(registry: SourceRegistry, source_id: str, doc_type: str) -> dt.date | None:
    """Since when ``source_id`` replaces ``doc_type`` in the registry, or None."""
    return next(
        (
            r.since
            for s in registry.sources
            if s.id == source_id
            for r in s.replaces
            if r.doc_type == doc_type
        ),
        None,
    )


@dataclass
class WhatIfBase:
    """A catalogue, its rulebook and audit, with the catalogue-wide facts and the rule engine built."""

    catalogue: Catalogue
    rulebook: Rulebook
    result: AuditResult
    context: CatalogueContext
    engine: RuleEngine


def what_if_base(catalogue: Catalogue, rulebook: Rulebook, result: AuditResult) -> WhatIfBase:
    context = CatalogueContext.build(catalogue.procedures, catalogue.registry, result.audit_date)
    return WhatIfBase(catalogue, rulebook, result, context, RuleEngine(rulebook.rules, rulebook.params))


def what_if(base: WhatIfBase, change: SourceChange) -> Effect:
    """The findings that ``change`` adds or removes, compared with the audit as it is."""
    affected = [
        p
        for p in base.catalogue.procedures
        if any(change.doc_type in c.doc_types for c in p.components)
        or any(change.doc_type in c.doc_types for c in p.reuse_clauses)
    ]
    if not affected:
        return Effect()
    context = dataclasses.replace(base.context, registry=changed_registry(base.catalogue.registry, change))
    now: dict[str, Finding] = {}
    for procedure in affected:
        matches = base.engine.evaluate(procedure_facts(procedure, context))
        found = [
            build_finding(base.engine.rules[m.rule_id], m, procedure, base.rulebook.params) for m in matches
        ]
        now.update((f.key, f) for f in dedupe(found))
    codes = {p.code for p in affected}
    before = {f.key: f for f in base.result.findings if f.procedure_code in codes}
    return Effect(
        added=[f for k, f in now.items() if k not in before],
        removed=[f for k, f in before.items() if k not in now],
        procedures_audited=len(affected),
    )


@dataclass(frozen=True)
class SourceSaving:
    source: DataSource
    findings: int
    procedures: int
    components: int
    hours: float
    vnd: int  # per dossier, hours valued at the hourly income plus outside costs


def rank_sources(
    registry: SourceRegistry, result: AuditResult, params: CostParameters | None = None
) -> list[SourceSaving]:
    """Databases by what looking their data up instead of asking for documents would save, per dossier
    summed over the catalogue's findings that name them, most first."""
    params = params or load_cost_parameters()
    ranking = []
    for source in registry.sources:
        found = [f for f in result.findings if finding_database(f) == source.id]
        ranking.append(
            SourceSaving(
                source=source,
                findings=len(found),
                procedures=len({f.procedure_code for f in found}),
                components=len(_components(found)),
                hours=round(sum(f.saving.hours for f in found), 2),
                vnd=saving_vnd(found, params),
            )
        )
    return sorted(ranking, key=lambda s: (-s.vnd, -s.findings, s.source.name_vi))


def _components(findings: Sequence[Finding]) -> set[tuple[str, str]]:
    return {(f.procedure_code, f.target.id) for f in findings if f.target.kind == "component"}
