"""Use case: import portal or national records into a catalogue folder as reviewable YAML files.

Imported procedures go to ``<catalogue>/portal/<source folder>/<code>.yaml``, a folder that belongs to
the importer: each import replaces it whole, so a procedure dropped from the source disappears too.
Hand-modelled procedures elsewhere in the catalogue win over imported ones with the same code.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from engine.adapters.safe_paths import inside
from engine.adapters.yaml_files import dump_yaml, load_model, procedure_files
from engine.errors import CannotRun
from engine.importers import ImportOutcome, format_import_report, import_path
from engine.model import Level, Procedure

IMPORT_FOLDER = "portal"
REPORT_FILE = "import-report.txt"
DEFAULT_LEVELS = (Level.province, Level.commune)


@dataclass
class ImportSummary:
    outcome: ImportOutcome
    folder: Path
    written: int = 0
    other_levels: int = 0  # imported records left out because no selected level runs them
    modelled_by_hand: list[str] = field(default_factory=list)  # codes the catalogue already has

    def report(self, levels: Collection[Level]) -> str:
        """The import report, followed by what was written where."""
        return "\n".join(
            [
                format_import_report(self.outcome),
                "",
                f"levels kept:      {', '.join(sorted(levels))}",
                f"other levels:     {self.other_levels} (not written)",
                f"modelled by hand: {len(self.modelled_by_hand)} (kept as they are: "
                f"{', '.join(self.modelled_by_hand) or 'none'})",
                f"files written:    {self.written} under {self.folder.parent.name}/{self.folder.name}/",
            ]
        )


def import_into_catalogue(
    source: Path, catalogue: Path, levels: Collection[Level] = DEFAULT_LEVELS
) -> ImportSummary:
    """Import every record under ``source`` and write those run at ``levels`` into ``catalogue``.

    The new folder is written beside the old one and swapped in only when complete, so a failed
    import leaves the previous catalogue as it was; an import with no valid record writes nothing.
    """
    outcome = import_path(source)
    target = catalogue / IMPORT_FOLDER
    summary = ImportSummary(outcome=outcome, folder=target)
    if not outcome.procedures:
        return summary
    by_hand = _hand_codes(catalogue, target)
    staging = catalogue / f".{IMPORT_FOLDER}.new"
    old = catalogue / f".{IMPORT_FOLDER}.old"
    try:
        _write(summary, by_hand, levels, staging)
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        try:
            staging.rename(target)
        except OSError:
            if old.exists() and not target.exists():
                old.rename(target)  # the previous catalogue back in place
            raise
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise CannotRun(
            f"{catalogue}: cannot write the catalogue: {error.strerror or error}; it was left as it was"
        ) from None
    shutil.rmtree(old, ignore_errors=True)
    return summary


def _write(summary: ImportSummary, by_hand: set[str], levels: Collection[Level], staging: Path) -> None:
    """Write the procedures run at ``levels`` and the import report into a new ``staging`` folder."""
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    outcome = summary.outcome
    for procedure in outcome.procedures:
        if not set(procedure.levels) & set(levels):
            summary.other_levels += 1
            continue
        if procedure.code in by_hand:
            summary.modelled_by_hand.append(procedure.code)
            continue
        path = inside(staging, _group(outcome.sources[procedure.code]), f"{procedure.code}.yaml")
        path.parent.mkdir(exist_ok=True)
        path.write_text(_procedure_yaml(procedure), encoding="utf-8")
        summary.written += 1
    (staging / REPORT_FILE).write_text(summary.report(levels) + "\n", encoding="utf-8")


def _hand_codes(catalogue: Path, imported: Path) -> set[str]:
    """Codes of the procedures in ``catalogue`` that the importer does not own."""
    codes = set()
    for path in procedure_files(catalogue) if catalogue.is_dir() else []:
        if imported in path.parents or path.parts[len(catalogue.parts)].startswith("."):
            continue
        procedure, _ = load_model(path, Procedure)
        if procedure:
            codes.add(procedure.code)
    return codes


def _group(source: str) -> str:
    """The folder a record came from (the ministry in the portal dump), without a record index."""
    return Path(source.split("[", 1)[0]).parent.name or "records"


def _procedure_yaml(procedure: Procedure) -> str:
    header = "# Imported by `tinhgon import`; edits here are replaced by the next import.\n"
    return header + dump_yaml(procedure.model_dump(mode="json", exclude_defaults=True))
