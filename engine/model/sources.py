"""Data sources: national and sector databases whose data can replace a document.

Vocabulary follows the EU once-only system: a source is an evidence provider; each ``Replacement``
says which document type (evidence type) it serves, since when, and by which published decision.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from engine.model.procedure import LegalRef, Strict


class Replacement(Strict):
    doc_type: str
    since: date
    decision: LegalRef
    note: str | None = None  # caveats, e.g. a date or decision still to verify


class DataSource(Strict):
    id: str
    name_vi: str
    name_en: str
    owner: str
    aliases: list[str] = Field(default_factory=list)  # how procedure texts name the database
    replaces: list[Replacement] = Field(default_factory=list)


class SourceRegistry(Strict):
    sources: list[DataSource]

    def providers(self, doc_type: str, on: date | None = None) -> list[tuple[DataSource, Replacement]]:
        """Sources that can replace ``doc_type`` (on date ``on``, when given), earliest first."""
        found = [
            (s, r)
            for s in self.sources
            for r in s.replaces
            if r.doc_type == doc_type and (on is None or r.since <= on)
        ]
        return sorted(found, key=lambda pair: pair[1].since)

    def by_id(self, source_id: str) -> DataSource:
        return next(s for s in self.sources if s.id == source_id)
