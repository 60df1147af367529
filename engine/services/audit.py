"""Use cases on rules: load the rulebook, audit a catalogue (in parallel for large ones)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import InputProblem
from engine.model import Finding, Procedure
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.rules.findings import build_finding, dedupe
from engine.rules.pack import Rule, load_rules
from engine.rules.parameters import Parameters, load_parameters
from engine.rules.runtime import RuleEngine
from engine.services import paths
from engine.services.catalogue import Catalogue

Progress = Callable[[int, int], None]

# Below this many procedures a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 200


@dataclass
class Rulebook:
    rules: list[Rule]
    params: Parameters
    problems: list[InputProblem] = field(default_factory=list)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rulebook(folder: Path | None = None, include_experimental: bool = False) -> Rulebook:
    """Rule packs and parameters from ``folder`` (the bundled ``rules/`` by default)."""
    folder = Path(folder or paths.rules_dir())
    params, problems = load_parameters(folder / "parameters.yaml")
    rules, rule_problems = load_rules(folder, params)
    if not include_experimental:
        rules = [r for r in rules if not r.experimental]
    return Rulebook(rules=rules, params=params, problems=problems + rule_problems)


@dataclass
class AuditResult:
    findings: list[Finding]
    procedures: int
    facts: int
    rules: list[str]
    audit_date: dt.date

    def hits_by_rule(self) -> Counter[str]:
        return Counter(rule_id for f in self.findings for rule_id in f.all_rule_ids)

    def for_procedure(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.procedure_code == code]


def audit(
    catalogue: Catalogue,
    rulebook: Rulebook | None = None,
    audit_date: dt.date | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
) -> AuditResult:
    """Run every rule on every procedure of ``catalogue`` (or on the codes in ``only``).

    Facts that need the whole catalogue are computed once; procedures are then evaluated one at a
    time, on ``workers`` processes (all cores by default) when the catalogue is large.
    """
    rulebook = rulebook or load_rulebook()
    audit_date = audit_date or dt.date.today()
    ctx = CatalogueContext.build(catalogue.procedures, catalogue.registry, audit_date)
    workers = workers or os.cpu_count() or 1
    procedures = [p for p in catalogue.procedures if only is None or p.code in only]
    if workers > 1 and len(procedures) >= PARALLEL_THRESHOLD and _CAN_FORK:
        findings, facts = _audit_in_parallel(rulebook, ctx, procedures, workers, progress)
    else:
        findings, facts = _audit_procedures(
            RuleEngine(rulebook.rules, rulebook.params), rulebook, ctx, procedures, progress
        )
    order = {p.code: i for i, p in enumerate(procedures)}
    findings.sort(key=lambda f: (order[f.procedure_code], f.rule_id, f.target.id))
    return AuditResult(findings, len(procedures), facts, [r.id for r in rulebook.rules], audit_date)


def _audit_procedures(
    engine: RuleEngine,
    rulebook: Rulebook,
    ctx: CatalogueContext,
    procedures: Sequence[Procedure],
    progress: Progress | None = None,
) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    facts_seen = 0
    for done, procedure in enumerate(procedures, start=1):
        facts = procedure_facts(procedure, ctx)
        facts_seen += len(facts)
        found = [
            build_finding(engine.rules[m.rule_id], m, procedure, rulebook.params)
            for m in engine.evaluate(facts)
        ]
        findings += dedupe(found)
        if progress:
            progress(done, len(procedures))
    return findings, facts_seen


# Workers are forked so they inherit the procedures and the catalogue context instead of unpickling
# them; each builds its own rule engine, since durable-rules handles do not cross processes.
_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
_job: tuple[Rulebook, CatalogueContext, Sequence[Procedure]] | None = None
_worker_engine: RuleEngine | None = None


def _audit_in_parallel(
    rulebook: Rulebook,
    ctx: CatalogueContext,
    procedures: Sequence[Procedure],
    workers: int,
    progress: Progress | None,
) -> tuple[list[Finding], int]:
    global _job
    chunks = [range(start, len(procedures), workers * 8) for start in range(workers * 8)]
    _job = (rulebook, ctx, procedures)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
            findings: list[Finding] = []
            facts = done = 0
            for chunk_findings, chunk_facts, size in pool.imap_unordered(_audit_chunk, chunks):
                findings += chunk_findings
                facts += chunk_facts
                done += size
                if progress:
                    progress(done, len(procedures))
    finally:
        _job = None
    return findings, facts


def _init_worker() -> None:
    global _worker_engine
    assert _job is not None, "the audit job is set before the workers fork"
    _worker_engine = RuleEngine(_job[0].rules, _job[0].params)


def _audit_chunk(indices: range) -> tuple[list[Finding], int, int]:
    assert _job is not None and _worker_engine is not None, "worker not initialised"
    rulebook, ctx, procedures = _job
    findings, facts = _audit_procedures(_worker_engine, rulebook, ctx, [procedures[i] for i in indices])
    return findings, facts, len(indices)
