"""The catalogue as a table: one row per procedure with what its audit found, and the filters on it.

The totals are counted the way ``tinhgon audit`` counts them (procedures, findings, procedures with
findings), so the workbench and the CLI agree on the same catalogue and rulebook.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from engine.model import Finding, Procedure
from engine.services.audit import AuditResult
from engine.services.search import SearchIndex

NO_VALUE = ""  # a procedure without a field, agency or online level


@dataclass(frozen=True)
class CatalogueRow:
    code: str
    name: str
    levels: tuple[str, ...]
    field: str
    agency: str
    online_level: str
    components: int
    steps: int
    time_limit_days: float | None
    findings: int
    rules: tuple[str, ...]  # rule ids that hit the procedure
    databases: tuple[str, ...]  # data-source ids its findings name


@dataclass
class RowFilter:
    """What the catalogue page filters on; an empty collection means no filter on that column."""

    query: str = ""
    levels: Collection[str] = ()
    fields: Collection[str] = ()
    agencies: Collection[str] = ()
    online_levels: Collection[str] = ()
    rules: Collection[str] = ()
    databases: Collection[str] = ()
    only_flagged: bool = False


@dataclass
class Totals:
    procedures: int
    findings: int
    flagged: int  # procedures with at least one finding


@dataclass
class CatalogueTable:
    rows: list[CatalogueRow]
    index: SearchIndex
    options: dict[str, list[str]] = field(default_factory=dict)  # the values each filter can take

    def filter(self, spec: RowFilter) -> list[CatalogueRow]:
        """Rows matching every filter, best search match first (catalogue order without a query)."""
        by_code = {row.code: row for row in self.rows}
        ordered = [by_code[c] for c in self.index.search(spec.query)] if spec.query.strip() else self.rows
        return [row for row in ordered if _matches(row, spec)]


def procedure_agency(procedure: Procedure) -> str:
    """The agency that runs the procedure: the first executing agency, else the competent one."""
    agencies = procedure.agencies.executing or procedure.agencies.competent
    return agencies[0] if agencies else NO_VALUE


def finding_database(finding: Finding) -> str | None:
    """The data source a finding relies on, when it names one."""
    value = finding.evidence.get("source_id")
    return str(value) if value else None


def catalogue_table(procedures: Sequence[Procedure], result: AuditResult) -> CatalogueTable:
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_code[finding.procedure_code].append(finding)
    rows = []
    for p in procedures:
        found = by_code.get(p.code, [])
        rows.append(
            CatalogueRow(
                code=p.code,
                name=p.name,
                levels=tuple(level.value for level in p.levels),
                field=p.field or NO_VALUE,
                agency=procedure_agency(p),
                online_level=p.online_level.value if p.online_level else NO_VALUE,
                components=len(p.components),
                steps=len(p.steps),
                time_limit_days=p.max_time_limit_days,
                findings=len(found),
                rules=tuple(sorted({f.rule_id for f in found})),
                databases=tuple(sorted({d for f in found if (d := finding_database(f))})),
            )
        )
    options = {
        "levels": sorted({v for r in rows for v in r.levels}),
        "fields": sorted({r.field for r in rows if r.field}),
        "agencies": sorted({r.agency for r in rows if r.agency}),
        "online_levels": sorted({r.online_level for r in rows if r.online_level}),
        "rules": sorted({v for r in rows for v in r.rules}),
        "databases": sorted({v for r in rows for v in r.databases}),
    }
    return CatalogueTable(rows=rows, index=SearchIndex(procedures), options=options)


def totals(rows: Sequence[CatalogueRow]) -> Totals:
    return Totals(
        procedures=len(rows),
        findings=sum(r.findings for r in rows),
        flagged=sum(1 for r in rows if r.findings),
    )


def _matches(row: CatalogueRow, spec: RowFilter) -> bool:
    return (
        (not spec.only_flagged or row.findings > 0)
        and (not spec.levels or bool(set(row.levels) & set(spec.levels)))
        and (not spec.fields or row.field in spec.fields)
        and (not spec.agencies or row.agency in spec.agencies)
        and (not spec.online_levels or row.online_level in spec.online_levels)
        and (not spec.rules or bool(set(row.rules) & set(spec.rules)))
        and (not spec.databases or bool(set(row.databases) & set(spec.databases)))
    )
