"""Use cases on a catalogue: load it from any supported place, validate it, recognise its documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.adapters.catalogue_files import DATA_SOURCES_FILE, VOLUMES_FILE
from engine.adapters.yaml_files import load_model, procedure_files
from engine.errors import InputProblem, UserError
from engine.importers import import_path
from engine.importers.files import json_files
from engine.model import ClauseScope, Procedure, ReuseClause, SourceRegistry
from engine.recognise import Recogniser, default_thesaurus
from engine.recognise.clauses import clause_types
from engine.recognise.shown import supplied_types
from engine.recognise.text import fold
from engine.services import paths


@dataclass
class Catalogue:
    """Procedures from one place, the data-source registry, and every problem met on the way."""

    procedures: list[Procedure]
    registry: SourceRegistry
    problems: list[InputProblem] = field(default_factory=list)
    files_read: int = 0

    def get(self, code: str) -> Procedure:
        for procedure in self.procedures:
            if procedure.code == code:
                return procedure
        raise UserError(f"no procedure with code {code!r} in the catalogue")


def load_registry(path: Path | None = None) -> tuple[SourceRegistry, list[InputProblem]]:
    registry, problems = load_model(path or paths.sources_file(), SourceRegistry)
    return registry or SourceRegistry(sources=[]), problems


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load procedures from a YAML catalogue folder or file, or from portal / national JSON records.

    Problems are collected, never raised: one bad file does not cost the others. Documents and
    data-reuse clauses are recognised where the files do not already say.
    """
    path = Path(path or paths.catalogue_dir())
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    local_sources = (path if path.is_dir() else path.parent) / DATA_SOURCES_FILE
    registry, problems = load_registry(local_sources if local_sources.exists() else None)
    yaml_files = (
        [path] if path.suffix in (".yaml", ".yml") else list(procedure_files(path)) if path.is_dir() else []
    )
    procedures: list[Procedure] = []
    first_file: dict[str, str] = {}  # code -> the file that defined it
    for file in yaml_files:
        procedure, file_problems = load_model(file, Procedure)
        problems += file_problems
        if procedure and procedure.code in first_file:
            problems.append(_defined_twice(str(file), procedure.code, first_file[procedure.code]))
        elif procedure:
            first_file[procedure.code] = str(file)
            procedures.append(procedure)
    files_read = len(yaml_files)
    # Portal and national records, beside YAML procedures too: a stray file of one kind must not hide the
    # other. The importers report duplicate codes among records themselves.
    if not yaml_files or (path.is_dir() and json_files(path)):
        outcome = import_path(path)
        files_read += outcome.records_in
        problems += outcome.problems
        for procedure in outcome.procedures:
            if procedure.code in first_file:
                source = outcome.sources.get(procedure.code, str(path))
                problems.append(_defined_twice(source, procedure.code, first_file[procedure.code]))
            else:
                procedures.append(procedure)
    catalogue = Catalogue(procedures=procedures, registry=registry, problems=problems, files_read=files_read)
    enrich(catalogue)
    stored_volumes = (path if path.is_dir() else path.parent) / VOLUMES_FILE
    if stored_volumes.exists():
        from engine.services.volumes import apply_volumes  # late: volumes imports this module

        catalogue.problems += apply_volumes(catalogue, stored_volumes)
    return catalogue


def _defined_twice(file: str, code: str, first: str) -> InputProblem:
    return InputProblem(file, "code", f"{code} is already defined in {first}")


def enrich(catalogue: Catalogue, recogniser: Recogniser | None = None) -> None:
    """Fill document types the files leave empty, and the databases each reuse clause names."""
    recogniser = recogniser or Recogniser(default_thesaurus())
    aliases = [(fold(alias), source) for source in catalogue.registry.sources for alias in source.aliases]
    for procedure in catalogue.procedures:
        for component in procedure.components:
            if not component.doc_types:
                recognition = recogniser.recognise(component.name)
                # A row shown as a whole keeps its types (presented_only says it is shown); otherwise the
                # documents it only asks to be shown are not what it supplies.
                component.doc_types = (
                    recognition.types if component.presented_only else supplied_types(recognition)
                )
            if not component.doc_types:
                generic = recogniser.thesaurus.field_type(procedure.field, component.name)
                component.doc_types = [generic] if generic else []
        for result in procedure.results:
            if not result.doc_types:
                result.doc_types = recogniser.recognise(result.name).types
        for clause in procedure.reuse_clauses:
            text = fold(clause.text)
            named = [s for a, s in aliases if a in text]
            if not clause.sources:
                clause.sources = sorted({s.id for s in named})
            if not clause.doc_types:
                # The types the clause names; failing those, what the databases it names replace; failing
                # both, none: a clause about databases in general (see ``ReuseClause``).
                replaced = sorted({r.doc_type for s in named for r in s.replaces})
                clause.doc_types = clause_types(recogniser, clause.text) or replaced
            _widen_note_on_other_documents(procedure, clause)


def _widen_note_on_other_documents(procedure: Procedure, clause: ReuseClause) -> None:
    """A note on "this component" that names only other rows' documents ("…khai thác được thông tin về: lý
    lịch tư pháp, quá trình đóng bảo hiểm xã hội… thì không cần nộp thành phần hồ sơ này", printed after the
    last row) speaks for its section: the rows of the same case, still only for the types it names."""
    if clause.scope != ClauseScope.row or not clause.doc_types:
        return
    rows = [c for c in procedure.components if c.id in clause.components]
    if not rows or any(t in clause.doc_types for c in rows for t in c.doc_types):
        return
    cases = {c.case for c in rows}
    clause.scope = ClauseScope.section
    clause.components = [c.id for c in procedure.components if c.case in cases]
