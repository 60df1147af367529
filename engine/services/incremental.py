"""Audit a catalogue on disk incrementally and without holding it: what ``tinhgon audit`` runs.

Pass 1 reads each file (in worker processes when many) and the parent keeps one small ``ContextEntry``
per procedure, enough to build the catalogue context. Pass 2 (``AuditJob``) evaluates each procedure and
stores its findings. Up to ``HOLD_LIMIT`` files, the workers that parsed keep their procedures and
evaluate them once sent the context (``ResidentWorkers``); beyond, procedures go to the cache as JSON,
named by their file's key and their place in it, and workers of pass 2 load them back, so memory stays
bounded.

Every file's parse is kept under a key hashing its bytes, its path, the engine's code, the thesaurus
and the data sources, so an unchanged file is not parsed again; the whole audit is kept under the keys
of all files with the rulebook and date, so an unchanged catalogue is answered at once.
Without a cache folder, a temporary one holds the procedures between the passes.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from engine.adapters.catalogue_files import DATA_SOURCES_FILE, VOLUMES_FILE
from engine.adapters.yaml_files import load_model, procedure_files
from engine.errors import InputProblem, UserError
from engine.importers import import_path
from engine.importers.files import json_files
from engine.model import Procedure, SourceRegistry
from engine.recognise import DEFAULT_THESAURUS, Recogniser, default_thesaurus
from engine.rules.facts import CatalogueContext, ContextEntry
from engine.rules.families import FamilyCandidate
from engine.rules.runtime import RuleEngine
from engine.services import paths
from engine.services.audit import (
    CAN_FORK,
    AuditJob,
    AuditResult,
    PackedAudit,
    Progress,
    Rulebook,
    audit_job,
    forked_pool,
    submit_all,
)
from engine.services.cache import Cache, FileDigests, code_fingerprint, digest, file_digest, json_digest
from engine.services.catalogue import Catalogue, enrich, load_catalogue, load_registry
from engine.services.resident import ResidentWorkers

# Below this many files to parse, a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 200
# Up to this many files to parse, the workers keep the procedures they parse for pass 2 (about 50 KB
# each in memory); beyond, they store them and pass 2 reads them back.
HOLD_LIMIT = 5_000


@dataclass
class CatalogueAudit:
    """An audit of the catalogue at a path, with what the report needs of the catalogue."""

    packed: PackedAudit
    problems: list[InputProblem]
    files_read: int
    fields: dict[str, str | None]  # code -> field (lĩnh vực) of every procedure
    parsed: int = 0  # files parsed rather than served from the cache
    # phase -> (wall seconds, CPU seconds of this process and its workers)
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)

    @cached_property
    def result(self) -> AuditResult:
        """The findings as objects (about 8 KB each: a report of a very large catalogue is built here)."""
        return self.packed.unpack()


def audit_catalogue(
    path: Path | None,
    rulebook: Rulebook,
    audit_date: dt.date | None = None,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    seen: FileDigests | None = None,
) -> CatalogueAudit:
    """Audit the catalogue at ``path`` (as ``load_catalogue`` reads it) with ``rulebook``, from and into
    ``cache`` when given (see the module's docstring); ``seen`` gives the files' digests, those read
    already included (``engine.services.cache.FileDigests``)."""
    if cache is None:
        with tempfile.TemporaryDirectory(prefix="tinhgon-audit-") as temporary:
            scratch = Cache(Path(temporary))
            try:
                return audit_catalogue(path, rulebook, audit_date, scratch, workers, progress, seen)
            finally:
                scratch.close()
    path = Path(path or paths.catalogue_dir())
    audit_date = audit_date or dt.date.today()
    workers = workers or os.cpu_count() or 1
    clock = _Clock()
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    folder = path if path.is_dir() else path.parent
    local_sources = folder / DATA_SOURCES_FILE
    registry, registry_problems = load_registry(local_sources if local_sources.exists() else None)
    files = _files(path)
    if (folder / VOLUMES_FILE).exists():
        return _in_memory(path, rulebook, audit_date, cache, workers, progress)  # volumes span files
    reader = _Reader(registry, cache, rulebook, seen)
    clock.workers_cpu = reader.workers_cpu
    try:
        return _audit_files(path, files, reader, registry_problems, audit_date, workers, progress, clock)
    finally:
        reader.close()


def _audit_files(
    path: Path,
    files: list[Path],
    reader: _Reader,
    registry_problems: list[InputProblem],
    audit_date: dt.date,
    workers: int,
    progress: Progress | None,
    clock: _Clock,
) -> CatalogueAudit:
    cache, rulebook = reader.cache, reader.rulebook
    keys = [reader.key(file) for file in files]
    whole_key = digest(
        rulebook.fingerprint(), audit_date.isoformat(), reader.context, *[k or "-" for k in keys]
    )
    whole = _read_whole(cache.get_bytes("audit", whole_key)) if all(keys) else None
    clock.lap("list")
    if whole is not None:
        meta, blocks = whole
        if progress:
            progress(meta.procedures, meta.procedures)
        audit_ = PackedAudit(
            blocks, meta.findings, meta.procedures, meta.facts, meta.rules, audit_date, 0, str(cache.folder)
        )
        known = registry_problems + [InputProblem(*p) for p in meta.problems]
        return CatalogueAudit(audit_, known, meta.files_read, dict(meta.fields), 0, clock.phases)
    parts = reader.read(files, keys, workers)
    clock.lap("parse")
    codes = [e.code for part in parts for e in part.entries]
    if len(set(codes)) < len(codes) and not all(map(_is_yaml, files)):
        return _in_memory(path, rulebook, audit_date, cache, workers, progress)  # the importer says which
    entries: list[ContextEntry] = []
    digests: list[str] = []
    origin: list[int] = []  # file index of each procedure
    problems: list[InputProblem] = []
    first_file: dict[str, Path] = {}
    for index, part in enumerate(parts):
        problems += [InputProblem(*p) for p in part.problems]
        for entry, procedure_digest in zip(part.entries, part.digests, strict=True):
            if entry.code in first_file:  # as ``load_catalogue`` says it of YAML files
                problems.append(
                    InputProblem(
                        str(files[index]),
                        "code",
                        f"{entry.code} is already defined in {first_file[entry.code]}",
                    )
                )
                continue
            first_file[entry.code] = files[index]
            entries.append(entry)
            digests.append(procedure_digest)
            origin.append(index)
    ctx = CatalogueContext.from_entries(entries, reader.registry, audit_date)
    clock.lap("context")

    def procedure(n: int) -> Procedure:
        return reader.procedure(digests[n], files[origin[n]], keys[origin[n]])

    job = AuditJob(rulebook, ctx, entries, digests, procedure)
    packed = job.run_packed(cache, workers, progress, reader.held())
    clock.lap("rules")
    files_read = sum(part.records_in for part in parts)
    fields = {e.code: e.field for e in entries}
    meta = WholeAudit(
        findings=packed.findings,
        procedures=packed.procedures,
        facts=packed.facts,
        rules=packed.rules,
        problems=[(p.path, p.field, p.message) for p in problems],
        files_read=files_read,
        fields=list(fields.items()),
    )
    if all(keys):
        cache.put_chunks("audit", whole_key, _whole_chunks(meta, packed.packed))
    return CatalogueAudit(
        packed, registry_problems + problems, files_read, fields, reader.parsed, clock.phases
    )


def _in_memory(
    path: Path, rulebook: Rulebook, audit_date: dt.date, cache: Cache, workers: int, progress: Progress | None
) -> CatalogueAudit:
    """The whole catalogue in memory, for what spans files: a volumes file, codes repeated across records."""
    catalogue = load_catalogue(path)
    packed = audit_job(catalogue, rulebook, audit_date, cache=cache).run_packed(cache, workers, progress)
    fields = {p.code: p.field for p in catalogue.procedures}
    return CatalogueAudit(packed, catalogue.problems, catalogue.files_read, fields, catalogue.files_read)


def _files(path: Path) -> list[Path]:
    """The files of the catalogue at ``path``, as ``load_catalogue`` reads them: YAML procedures, then
    portal and national records."""
    if path.suffix in (".yaml", ".yml"):
        return [path]
    if path.is_dir():
        return [*procedure_files(path), *json_files(path)]
    if path.suffix.lower() != ".json":
        raise UserError(f"{path}: expected a .json record file or a folder of them")
    return [path]


def _is_yaml(file: Path) -> bool:
    return file.suffix in (".yaml", ".yml")


class _Clock:
    """Wall and CPU seconds per phase, workers' CPU included: of joined workers from the system, of live
    ones as they last reported it (``workers_cpu``)."""

    def __init__(self) -> None:
        self.phases: dict[str, tuple[float, float]] = {}
        self.workers_cpu: Callable[[], float] = lambda: 0.0
        self._last = self._now()

    def _now(self) -> tuple[float, float]:
        t = os.times()
        cpu = t.user + t.system + t.children_user + t.children_system + self.workers_cpu()
        return time.perf_counter(), cpu

    def lap(self, phase: str) -> None:
        now = self._now()
        self.phases[phase] = (now[0] - self._last[0], now[1] - self._last[1])
        self._last = now


@dataclass
class Part:
    """One file read: its procedures' entries and digests, its problems, how many records it held."""

    entries: list[ContextEntry]
    digests: list[str]
    problems: list[tuple[str, str, str]]
    records_in: int

    def to_json(self) -> bytes:
        return orjson.dumps(  # six times faster than json.dumps here
            {
                "entries": [entry_to_json(e) for e in self.entries],
                "digests": self.digests,
                "problems": self.problems,
                "records_in": self.records_in,
            }
        )

    @classmethod
    def from_json(cls, payload: bytes | None) -> Part | None:
        """A part ``to_json`` wrote; None for anything else, which is then parsed afresh."""
        if payload is None:
            return None
        try:
            data = json.loads(payload)  # faster than orjson.loads on these short Vietnamese texts (measured)
            part = cls(
                entries=[entry_from_json(e) for e in data["entries"]],
                digests=[str(d) for d in data["digests"]],
                problems=[(str(a), str(b), str(c)) for a, b, c in data["problems"]],
                records_in=int(data["records_in"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return part if len(part.entries) == len(part.digests) else None


class WholeAudit(BaseModel):
    """What the cache keeps of a whole audit besides its packed findings, and what the report needs of
    the catalogue."""

    findings: int
    procedures: int
    facts: int
    rules: list[str]
    problems: list[tuple[str, str, str]]
    files_read: int
    fields: list[tuple[str, str | None]]


def _whole_chunks(meta: WholeAudit, packed: list[bytes]) -> Iterator[bytes]:
    """The meta as one JSON line, then each procedure's packed findings after its length (written
    chunk by chunk: at 50 times the real catalogue the findings alone are 150 MB packed)."""
    yield meta.model_dump_json().encode("utf-8") + b"\n"
    for block in packed:
        yield len(block).to_bytes(4, "little")
        yield block


def _read_whole(payload: bytes | None) -> tuple[WholeAudit, list[bytes]] | None:
    """What ``_whole_to_bytes`` wrote; None for anything else, which is then audited afresh."""
    if payload is None:
        return None
    line, _, blocks = payload.partition(b"\n")
    try:
        meta = WholeAudit.model_validate_json(line)
    except (ValueError, ValidationError):
        return None
    packed, at = [], 0
    while at < len(blocks):
        size = int.from_bytes(blocks[at : at + 4], "little")
        packed.append(blocks[at + 4 : at + 4 + size])
        at += 4 + size
    # The cache's checksum vouches for the blocks: they are unpacked when the report is built.
    return (meta, packed) if at == len(blocks) and len(packed) == meta.procedures else None


class _Reader:
    """Parses (and enriches) catalogue files, one part per file, from the cache when it has them; when
    resident workers parsed them (see the module's docstring), the procedures stay with them for pass 2,
    evaluated with ``rulebook``."""

    def __init__(
        self,
        registry: SourceRegistry,
        cache: Cache,
        rulebook: Rulebook,
        seen: FileDigests | None = None,
    ) -> None:
        self.seen = seen  # files' digests, read once (``FileDigests``)
        self.registry = registry
        self.cache = cache
        self.rulebook = rulebook
        self.parsed = 0
        self.pool: ResidentWorkers | None = None
        self.holders: dict[str, int] = {}  # procedure digest -> the resident worker holding it
        self._recogniser: Recogniser | None = None
        # What a part depends on besides its file: the code, the thesaurus, the data sources.
        self.context = digest(
            code_fingerprint(),
            DEFAULT_THESAURUS.read_bytes(),
            json_digest(registry.model_dump(mode="json")),
        )

    @property
    def recogniser(self) -> Recogniser:
        if self._recogniser is None:
            self._recogniser = Recogniser(default_thesaurus())
        return self._recogniser

    def key(self, file: Path, fresh: bool = False) -> str | None:
        """The cache key of one file; None when it cannot be read (parsing will say why). ``fresh``: from
        its bytes as they are now, not as this command first read them."""
        try:
            return digest(self.context, str(file), file_digest(str(file), None if fresh else self.seen))
        except OSError:
            return None

    def read(self, files: Sequence[Path], keys: Sequence[str | None], workers: int) -> list[Part]:
        """One part per file, in order: from the cache when it holds it, else parsed (in parallel if many)."""
        known = [key for key in keys if key]
        stored = dict(zip(known, self.cache.get_many("parsed", known), strict=True))
        parts: list[Part | None] = [Part.from_json(stored[key]) if key else None for key in keys]
        missing = [i for i, part in enumerate(parts) if part is None]
        self.parsed = len(missing)
        if workers > 1 and len(missing) >= PARALLEL_THRESHOLD and CAN_FORK:
            global _reader
            _reader = self
            self.recogniser.thesaurus.compile_all()  # built once here, inherited by every worker
            chunks = [missing[start : start + 16] for start in range(0, len(missing), 16)]
            if len(missing) <= HOLD_LIMIT:
                self.pool = ResidentWorkers(workers)  # ``_reader`` stays set: pass 2 runs on them
                jobs = [[(str(files[i]), keys[i]) for i in chunk] for chunk in chunks]
                for c, worker, held in self.pool.map(_parse_and_hold, jobs):
                    for i, part in zip(chunks[c], held, strict=True):
                        parts[i] = part
                        self.holders.update(dict.fromkeys(part.digests, worker))
            else:
                try:
                    with forked_pool(workers) as pool:
                        by_chunk = {
                            c: [(str(files[i]), keys[i]) for i in chunk] for c, chunk in enumerate(chunks)
                        }
                        futures = submit_all(pool, _parse_in_worker, by_chunk)  # those left: parsed below
                        for future in as_completed(futures):
                            with suppress(BrokenProcessPool):  # a worker that died: parsed below
                                for i, payload in zip(
                                    chunks[futures.pop(future)], future.result(), strict=True
                                ):
                                    parts[i] = Part.from_json(payload)  # interned: see entry_from_json
                finally:
                    _reader = None
        with self.cache.batched():
            for i in missing:
                if parts[i] is None:
                    parts[i] = self.parse(files[i], keys[i])
        return [part for part in parts if part is not None]

    def parse(self, file: Path, key: str | None) -> Part:
        """One file's procedures, stored by digest, and its part, stored under ``key``."""
        part, _ = self._parse(file, key)
        return part

    def held(self) -> _Held | None:
        """Pass 2 on the resident workers, for the procedures they hold; None without them."""
        return _Held(self.pool, self.holders) if self.pool else None

    def workers_cpu(self) -> float:
        return self.pool.cpu_seconds() if self.pool else 0.0

    def close(self) -> None:
        global _reader
        if self.pool:
            self.pool.close()
            self.pool, _reader = None, None

    def _parse(self, file: Path, key: str | None, hold: bool = False) -> tuple[Part, list[Procedure]]:
        if _is_yaml(file):
            procedure, problems = load_model(file, Procedure)
            procedures, records = ([procedure] if procedure else []), 1
        else:
            outcome = import_path(file)
            procedures, problems, records = outcome.procedures, outcome.problems, outcome.records_in
        enrich(Catalogue(procedures=procedures, registry=self.registry), self.recogniser)
        digests = []
        for index, procedure in enumerate(procedures):
            # A procedure follows from its file's key (the bytes, the path and all that parsing reads), so
            # the key and its place name it; hashing its JSON instead cost 3% of a cold audit.
            text = b"" if hold and key else procedure.model_dump_json().encode("utf-8")
            digests.append(digest(key, str(index)) if key else digest(text))
            if hold:  # kept by this resident worker for pass 2, not stored
                _held[digests[-1]] = procedure
            else:
                self.cache.put_bytes("procedure", digests[-1], text)
        part = Part(
            entries=[ContextEntry.of(p, self.recogniser) for p in procedures],
            digests=digests,
            problems=[(p.path, p.field, p.message) for p in problems],
            records_in=records,
        )
        if key:
            self.cache.put_bytes("parsed", key, part.to_json())
        return part, procedures

    def procedure(self, procedure_digest: str, file: Path, key: str | None) -> Procedure:
        """A procedure stored by pass 1 (its entry's checksum kept by the cache); parsed again from its file
        when its entry is gone or damaged."""
        payload = self.cache.get_bytes("procedure", procedure_digest)
        if payload is not None:
            with suppress(ValueError, ValidationError):
                return Procedure.model_validate_json(payload)
        if key is None or self.key(file, fresh=True) == key:
            part, procedures = self._parse(file, key)
            for name, procedure in zip(part.digests, procedures, strict=True):
                if name == procedure_digest:
                    return procedure
        raise UserError(f"{file}: changed while it was being audited; run the audit again")


_reader: _Reader | None = None  # set in the parent before the parse workers fork
_held: dict[str, Procedure] = {}  # in a resident worker: the procedures it parsed, by digest
_evaluation: tuple[AuditJob, RuleEngine, Sequence[str] | None] | None = None  # in a resident worker


def _parse_in_worker(jobs: list[tuple[str, str | None]]) -> list[bytes]:
    """In a pool's worker: the parts of ``jobs``' files as JSON, which the parent reads back interned (see
    ``entry_from_json``): a catalogue too large for resident workers holds many entries."""
    assert _reader is not None, "the reader is set before the workers fork"
    with _reader.cache.batched():
        return [_reader._parse(Path(file), key)[0].to_json() for file, key in jobs]


def _parse_and_hold(jobs: list[tuple[str, str | None]]) -> list[Part]:
    """In a resident worker: the parts of ``jobs``' files, whose procedures it keeps for pass 2. Parts
    travel as objects: the parent unpickled them in a fifth of the time it read their JSON, 0.05 s
    against 0.26 s for the real catalogue, time taken from the workers on two cores."""
    assert _reader is not None, "the reader is set before the workers fork"
    # Parsing leaves no cycles: the collector's passes found nothing in the real catalogue's parse, and
    # took 2% of it. It runs again in pass 2 (``_receive_job``), whose rules engine does leave cycles.
    gc.disable()
    with _reader.cache.batched():
        return [_reader._parse(Path(file), key, hold=True)[0] for file, key in jobs]


@dataclass
class _Held:
    """Pass 2 on the resident workers: each evaluates the procedures it parsed, in the context sent."""

    pool: ResidentWorkers
    holders: dict[str, int]

    def evaluate(
        self, job: AuditJob, todo: Sequence[int], keys: Sequence[str] | None, progress: Progress | None
    ) -> tuple[list[tuple[int, bytes, int, int]], list[int]]:
        """The results of the positions ``todo`` the live workers hold, and the positions left to do."""
        assert job.digests is not None, "an incremental audit knows every procedure's digest"
        mine: dict[int, list[int]] = {}
        left: list[int] = []
        for n in todo:
            worker = self.holders.get(job.digests[n])
            if worker is not None and self.pool.alive(worker):
                mine.setdefault(worker, []).append(n)
            else:
                left.append(n)
        sent = (job.ctx, list(job.digests), list(keys) if keys else None)
        list(self.pool.map_each(_receive_job, {worker: [sent] for worker in mine}))
        alive = {w: ns for w, ns in mine.items() if self.pool.alive(w)}
        chunks = {w: [ns[at : at + 32] for at in range(0, len(ns), 32)] for w, ns in alive.items()}
        left += [n for w, ns in mine.items() if w not in chunks for n in ns]
        results: list[tuple[int, bytes, int, int]] = []
        for _, _, done in self.pool.map_each(_evaluate_held, chunks):
            results += done
            if progress:
                progress(len(results), len(todo))
        left += [n for w, j in self.pool.lost for n in chunks[w][j]]
        return results, left


def _receive_job(sent: tuple[CatalogueContext, list[str], list[str] | None]) -> None:
    """In a resident worker: the context of pass 2, and a rule engine to evaluate with."""
    global _evaluation
    assert _reader is not None, "the reader is set before the workers fork"
    gc.freeze()  # what the worker parsed lives as long as it does: no collection need scan it again
    gc.enable()
    ctx, digests, keys = sent
    rulebook = _reader.rulebook
    job = AuditJob(rulebook, ctx, [], digests, lambda n: _held[digests[n]])
    _evaluation = (job, RuleEngine(rulebook.rules, rulebook.params), keys)


def _evaluate_held(todo: list[int]) -> list[tuple[int, bytes, int, int]]:
    assert _evaluation is not None and _reader is not None, "the job is sent before any evaluation"
    job, engine, keys = _evaluation
    return job.evaluate(engine, todo, keys, _reader.cache)


def entry_to_json(e: ContextEntry) -> dict[str, Any]:
    f = e.family
    return {
        "code": e.code,
        "name": e.name,
        "field": e.field,
        "max_days": e.max_days,
        "issued": e.issued,
        "result_codes": e.result_codes,
        "reused_types": e.reused_types,
        "doc_types": e.doc_types,
        "levels": f.levels,
        "agencies": f.agencies,
        "components": f.components,
        "steps": sorted(f.steps),
        "results": f.results,
        "variants": f.variant_split[0],
        "object_key": f.variant_split[1],
    }


def entry_from_json(data: dict[str, Any]) -> ContextEntry:
    """The entry ``entry_to_json`` wrote. Texts are interned: procedures repeating a national dossier
    then share its strings, which keeps a catalogue of a hundred thousand entries small."""
    s: Callable[[str], str] = sys.intern

    def pairs(items: list[list[str]]) -> tuple[tuple[str, str], ...]:
        return tuple((s(a), s(b)) for a, b in items)

    def texts(items: list[str]) -> tuple[str, ...]:
        return tuple(s(item) for item in items)

    return ContextEntry(
        code=data["code"],
        name=s(data["name"]),
        field=s(data["field"]) if data["field"] is not None else None,
        max_days=data["max_days"],  # JSON keeps 5 and 5.0 apart, as reports print them
        issued=pairs(data["issued"]),
        result_codes=texts(data["result_codes"]),
        reused_types=texts(data["reused_types"]),
        doc_types=texts(data["doc_types"]),
        family=FamilyCandidate(
            code=data["code"],
            name=s(data["name"]),
            levels=texts(data["levels"]),
            agencies=texts(data["agencies"]),
            components=pairs(data["components"]),
            steps=frozenset(texts(data["steps"])),
            results=pairs(data["results"]),
            variant_split=(texts(data["variants"]), s(data["object_key"])),
        ),
    )
