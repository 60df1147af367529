"""What an import returns: the procedures, the records it could not import, and what looked odd."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from engine.errors import InputProblem
from engine.model import Procedure


class RecordProblem(ValueError):
    """A record that cannot be imported: which field is wrong and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.message = message


# How many record codes the report shows for each kind of anomaly.
EXAMPLES_PER_KIND = 3


@dataclass
class Anomalies:
    """Odd things met while parsing records that were still imported, counted by kind.

    ``note`` is called once per occurrence; a few example record codes are kept per kind so that a
    reader can go and look.
    """

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    record: str = ""  # the code of the record being parsed, for the examples

    def note(self, kind: str, times: int = 1) -> None:
        if times <= 0:
            return
        self.counts[kind] += times
        codes = self.examples.setdefault(kind, [])
        if self.record and len(codes) < EXAMPLES_PER_KIND and self.record not in codes:
            codes.append(self.record)


@dataclass
class ImportOutcome:
    """The result of importing a folder or file of records.

    Invariant: every record read is either imported or reported, so
    ``records_in == len(procedures) + len(reported)``. ``problems`` may hold several problems for
    one reported record; ``reported`` names each reported record once.
    """

    procedures: list[Procedure] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    anomalies: Counter[str] = field(default_factory=Counter)
    records_in: int = 0
    reported: list[str] = field(default_factory=list)  # path (and index) of each record not imported
    examples: dict[str, list[str]] = field(default_factory=dict)  # anomaly kind -> a few record codes
    sources: dict[str, str] = field(default_factory=dict)  # code -> file (and index) it was imported from

    def report(self, record: str, field_name: str, message: str) -> None:
        """Count ``record`` as read and not imported, for the reason given."""
        self.records_in += 1
        self.reported.append(record)
        self.problems.append(InputProblem(record, field_name, message))

    def add(self, procedure: Procedure, source: str) -> None:
        """Count one record, read from ``source``, as imported."""
        self.records_in += 1
        self.procedures.append(procedure)
        self.sources[procedure.code] = source

    def add_new(
        self, procedure: Procedure, source: str, code_field: str, seen: dict[str, str], anomalies: Anomalies
    ) -> None:
        """Import ``procedure`` with its anomalies, or report it if its code was imported already."""
        if procedure.code in seen:
            self.report(
                source, code_field, f"code {procedure.code} was already imported from {seen[procedure.code]}"
            )
            self.anomalies["duplicate_code"] += 1
            return
        seen[procedure.code] = source
        self.absorb(anomalies)
        self.add(procedure, source)

    def absorb(self, anomalies: Anomalies) -> None:
        self.anomalies.update(anomalies.counts)
        for kind, codes in anomalies.examples.items():
            kept = self.examples.setdefault(kind, [])
            kept.extend(code for code in codes if code not in kept)
            del kept[EXAMPLES_PER_KIND:]

    @property
    def balanced(self) -> bool:
        """True when no record went missing: each one is imported or reported."""
        return self.records_in == len(self.procedures) + len(self.reported)


def format_import_report(outcome: ImportOutcome) -> str:
    """The import report as plain text: counts in, imported, reported, then anomalies by kind."""
    lines = [
        f"records read:     {outcome.records_in}",
        f"imported:         {len(outcome.procedures)}",
        f"reported:         {len(outcome.reported)}",
    ]
    if not outcome.balanced:
        lines.append("WARNING: records read != imported + reported (an importer lost records)")
    if outcome.problems:
        lines.append("")
        lines.append("records not imported:")
        lines += [f"  {problem}" for problem in outcome.problems]
    if outcome.anomalies:
        lines.append("")
        lines.append("anomalies (records still imported):")
        width = max(len(kind) for kind in outcome.anomalies)
        for kind, count in sorted(outcome.anomalies.items(), key=lambda item: (-item[1], item[0])):
            examples = ", ".join(outcome.examples.get(kind, []))
            lines.append(f"  {kind:<{width}}  {count:>6}" + (f"   e.g. {examples}" if examples else ""))
    return "\n".join(lines)
