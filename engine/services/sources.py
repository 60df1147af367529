"""Which database connection saves most: what each data source's lookup replaces across the catalogue.

For every source of the registry, the dossier components asking for a document type the source serves
(as published on the as-of date) that the procedure does not already look up and that the applicant
hands in (not merely shows): how many, in how many procedures, and the applicant hours and đồng a year
that looking them up instead would save, by the compliance-cost model (the procedure's cost with and
without those components, at its annual volume, real or assumed). A what-if treats a source as
published for document types from a date, or as not publishing them, so a source not yet published,
withdrawn or published later can be ranked too; the workbench's what-ifs are the same model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from engine.cost.compliance import compliance_cost
from engine.cost.model import CostBreakdown
from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.errors import UserError
from engine.model import DataSource, LegalRef, Procedure, SourceRegistry
from engine.model.sources import Replacement
from engine.services.catalogue import Catalogue

WHAT_IF_DECISION = "giả định (what-if)"


@dataclass(frozen=True)
class WhatIf:
    """Treat ``source_id`` as published for ``doc_types`` from ``since`` or, with ``since`` None, as not
    published for them: a source not yet published, one withdrawn, or one published from another date."""

    source_id: str
    doc_types: tuple[str, ...]
    since: dt.date | None

    @classmethod
    def parse(cls, text: str, default_since: dt.date) -> WhatIf:
        """``SOURCE=TYPE[,TYPE…][@YYYY-MM-DD]`` publishes, ``SOURCE!=TYPE[,TYPE…]`` withdraws, e.g.
        ``provincial_store=diploma,practising_certificate`` or ``civil_status!=birth_certificate``."""
        match = re.fullmatch(r"\s*([\w.-]+)\s*(!?=)\s*([\w.,\s-]+?)\s*(?:@\s*(\d{4}-\d{2}-\d{2}))?\s*", text)
        if not match or (match.group(2) == "!=" and match.group(4)):
            raise UserError(
                f"what-if {text!r}: write SOURCE=TYPE[,TYPE...][@YYYY-MM-DD] or SOURCE!=TYPE[,TYPE...]"
            )
        types = tuple(t.strip() for t in match.group(3).split(",") if t.strip())
        if match.group(2) == "!=":
            return cls(match.group(1), types, None)
        try:
            since = dt.date.fromisoformat(match.group(4)) if match.group(4) else default_since
        except ValueError:
            raise UserError(f"what-if {text!r}: {match.group(4)} is not a date") from None
        return cls(match.group(1), types, since)


class SourceSaving(BaseModel):
    """What one source's lookup replaces across the catalogue, per year."""

    source_id: str
    name_vi: str
    name_en: str
    what_if: bool  # the ranking changes what the registry says it publishes
    doc_types: list[str]  # document types it serves on the as-of date (what-ifs included)
    components: int
    procedures: int
    hours_per_year: float
    vnd_per_year: int
    estimated_volumes: int  # of those procedures, how many have an assumed annual volume
    already_looked_up: int  # components the procedures' own text already says are looked up

    @property
    def rests_on_assumed_volumes(self) -> bool:
        return self.estimated_volumes > 0


class SourceRanking(BaseModel):
    as_of: dt.date
    procedures: int
    sources: list[SourceSaving]  # most đồng a year first


def apply_what_ifs(registry: SourceRegistry, what_ifs: Sequence[WhatIf]) -> SourceRegistry:
    """A copy of ``registry`` in which each what-if's source serves its document types from its date
    (keeping the decision a re-dated publication cites), or no longer serves them."""
    registry = registry.model_copy(deep=True)
    known = {s.id: s for s in registry.sources}
    for what_if in what_ifs:
        source = known.get(what_if.source_id)
        if source is None:
            raise UserError(f"what-if: no data source {what_if.source_id!r}; sources: {', '.join(known)}")
        types = set(what_if.doc_types)
        decisions = {r.doc_type: r.decision for r in source.replaces if r.doc_type in types}
        source.replaces = [r for r in source.replaces if r.doc_type not in types]
        if what_if.since is not None:
            hypothetical = LegalRef(number=WHAT_IF_DECISION, title="not yet published: a what-if")
            source.replaces += [
                Replacement(doc_type=t, since=what_if.since, decision=decisions.get(t, hypothetical))
                for t in what_if.doc_types
            ]
    return registry


def published_since(registry: SourceRegistry, source_id: str, doc_type: str) -> dt.date | None:
    """Since when ``source_id`` serves ``doc_type`` in ``registry``, or None."""
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


def rank_sources(
    catalogue: Catalogue,
    what_ifs: Sequence[WhatIf] = (),
    params: CostParameters | None = None,
    as_of: dt.date | None = None,
) -> SourceRanking:
    """Every source of the catalogue's registry, ranked by the đồng a year its lookups would save."""
    as_of = as_of or dt.date.today()
    params = params or load_cost_parameters()
    registry = apply_what_ifs(catalogue.registry, what_ifs)
    what_if_ids = {w.source_id for w in what_ifs}
    costs = {p.code: compliance_cost(p, params) for p in catalogue.procedures}
    rows = []
    for source in registry.sources:
        served = sorted({r.doc_type for r in source.replaces if r.since <= as_of})
        rows.append(_saving(source, source.id in what_if_ids, served, catalogue.procedures, costs, params))
    rows.sort(key=lambda r: (-r.vnd_per_year, -r.components, r.source_id))
    return SourceRanking(as_of=as_of, procedures=len(catalogue.procedures), sources=rows)


def _saving(
    source: DataSource,
    what_if: bool,
    served: list[str],
    procedures: Sequence[Procedure],
    costs: dict[str, CostBreakdown],
    params: CostParameters,
) -> SourceSaving:
    components = procedures_hit = estimated = looked_up = 0
    hours = Decimal(0)
    vnd = 0
    types = set(served)
    for p in procedures:
        covered = {t for clause in p.reuse_clauses for t in clause.doc_types}
        asking = [c for c in p.components if types & set(c.doc_types) and not c.presented_only]
        replaced = [c for c in asking if not (types & set(c.doc_types)) <= covered]
        looked_up += len(asking) - len(replaced)
        if not replaced:
            continue
        before = costs[p.code]
        gone = {c.id for c in replaced}
        after = compliance_cost(
            p.model_copy(update={"components": [c for c in p.components if c.id not in gone]}), params
        )
        components += len(replaced)
        procedures_hit += 1
        estimated += before.volume_is_estimate
        vnd += before.annual_vnd - after.annual_vnd
        hours += (_hours(before) - _hours(after)) * before.annual_volume
    return SourceSaving(
        source_id=source.id,
        name_vi=source.name_vi,
        name_en=source.name_en,
        what_if=what_if,
        doc_types=served,
        components=components,
        procedures=procedures_hit,
        hours_per_year=round(float(hours), 1),
        vnd_per_year=vnd,
        estimated_volumes=estimated,
        already_looked_up=looked_up,
    )


def _hours(breakdown: CostBreakdown) -> Decimal:
    return sum((line.hours for line in breakdown.lines), Decimal(0))
