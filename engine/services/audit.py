"""Use cases on rules: load the rulebook, audit a catalogue (in parallel for large ones, incrementally
with a cache).

An audit has two phases: the catalogue-wide context is built from one small ``ContextEntry`` per
procedure, then each procedure's facts are evaluated on their own. With a ``Cache``, a procedure whose
record, rulebook, global context and ``context_slice`` are unchanged keeps its stored findings, so an
edit re-evaluates the edited procedure and those whose catalogue-wide facts it changes, and no other.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Protocol, TypeVar

from engine.errors import InputProblem, UserError
from engine.model import Finding, Procedure
from engine.recognise import Recogniser, default_thesaurus
from engine.rules.facts import CatalogueContext, ContextEntry, context_slice, procedure_facts
from engine.rules.findings import build_finding, dedupe
from engine.rules.pack import Rule, load_rules
from engine.rules.parameters import Parameters, load_parameters
from engine.rules.runtime import RuleEngine
from engine.services import packed_findings, paths
from engine.services.cache import Cache, code_fingerprint, digest, files_digest, json_digest
from engine.services.catalogue import Catalogue
from engine.services.packed_findings import Tally
from engine.services.resident import WORKER_GC_THRESHOLD

Progress = Callable[[int, int], None]
A = TypeVar("A")
K = TypeVar("K")
R = TypeVar("R")


# Worker pools fork (``forked_pool``, ``ResidentWorkers``); where processes cannot, work stays in this one.
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def forked_pool(workers: int, initializer: Callable[[], None] | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers that share the parent's memory. The parent's objects are frozen out of the
    garbage collector first: a collection in a worker would write to every object's header and so copy
    every page of the parent it touches (a large catalogue's context, in each worker)."""
    gc.freeze()
    try:
        fork = multiprocessing.get_context("fork")
        start = partial(_start_worker, initializer)
        with ProcessPoolExecutor(workers, mp_context=fork, initializer=start) as pool:
            yield pool
    finally:
        gc.unfreeze()


def submit_all(pool: ProcessPoolExecutor, task: Callable[[A], R], args: dict[K, A]) -> dict[Future[R], K]:
    """``task(args[k])`` submitted to ``pool`` for each key ``k``, by future. A worker that died already
    breaks the pool: submitting stops there, and the caller does what has no future itself."""
    futures: dict[Future[R], K] = {}
    with suppress(BrokenProcessPool):
        for key, arg in args.items():
            futures[pool.submit(task, arg)] = key
    return futures


def _start_worker(initializer: Callable[[], None] | None) -> None:
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    if initializer:
        initializer()


# Below this many procedures a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 200


@dataclass
class Rulebook:
    rules: list[Rule]
    params: Parameters
    problems: list[InputProblem] = field(default_factory=list)
    folder_digest: str = ""  # of every file the rules were read from

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def fingerprint(self) -> str:
        """A digest of everything findings depend on besides the catalogue: the engine's code, the
        rules folder's files, and the rules and parameters as loaded."""
        return digest(
            code_fingerprint(),
            self.folder_digest,
            json_digest([rule.model_dump(mode="json") for rule in self.rules]),
            json_digest(self.params.model_dump(mode="json")),
        )


def load_rulebook(folder: Path | None = None, include_experimental: bool = False) -> Rulebook:
    """Rule packs and parameters from ``folder`` (the bundled ``rules/`` by default)."""
    folder = Path(folder or paths.rules_dir())
    if not folder.is_dir():
        raise UserError(f"{folder}: not a rules folder (no such folder)")
    params, problems = load_parameters(folder / "parameters.yaml")
    rules, rule_problems = load_rules(folder, params)
    if not include_experimental:
        rules = [r for r in rules if not r.experimental]
    # The bundled folder too: the thesaurus and the generic results are read from there.
    folder_digest = files_digest(folder, paths.rules_dir())
    return Rulebook(
        rules=rules, params=params, problems=problems + rule_problems, folder_digest=folder_digest
    )


@dataclass
class AuditResult:
    findings: list[Finding]
    procedures: int
    facts: int
    rules: list[str]
    audit_date: dt.date
    evaluated: int = 0  # procedures whose facts were evaluated rather than served from a cache

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
    cache: Cache | None = None,
) -> AuditResult:
    """Run every rule on every procedure of ``catalogue`` (or on the codes in ``only``).

    Facts that need the whole catalogue are computed once; procedures are then evaluated one at a
    time, on ``workers`` processes (all cores by default) when many need it; with ``cache``, only those
    whose findings the cache does not hold (see the module's docstring).
    """
    job = audit_job(catalogue, rulebook or load_rulebook(), audit_date or dt.date.today(), only, cache)
    return job.run(cache, workers, progress)


def audit_job(
    catalogue: Catalogue,
    rulebook: Rulebook,
    audit_date: dt.date,
    only: Collection[str] | None = None,
    cache: Cache | None = None,
) -> AuditJob:
    """The audit of an in-memory catalogue, its context built, ready to run."""
    recogniser = Recogniser(default_thesaurus())
    entries = [ContextEntry.of(p, recogniser) for p in catalogue.procedures]
    ctx = CatalogueContext.from_entries(entries, catalogue.registry, audit_date)
    selected = [i for i, p in enumerate(catalogue.procedures) if only is None or p.code in only]
    procedures = catalogue.procedures
    return AuditJob(
        rulebook,
        ctx,
        [entries[i] for i in selected],
        [_procedure_digest(procedures[i]) for i in selected] if cache else None,
        lambda n: procedures[selected[n]],
    )


def _procedure_digest(procedure: Procedure) -> str:
    return digest(procedure.model_dump_json())


@dataclass
class AuditJob:
    """The second phase of an audit: the entries to evaluate in the built context, each procedure's
    digest (what the cache keys on; None without a cache) and how to get the n-th procedure."""

    rulebook: Rulebook
    ctx: CatalogueContext
    entries: Sequence[ContextEntry]
    digests: Sequence[str] | None
    procedure: Callable[[int], Procedure]

    @cached_property
    def global_key(self) -> str:
        """What every procedure's findings depend on: the rulebook and the context's global fields."""
        return digest(
            self.rulebook.fingerprint(),
            json_digest(self.ctx.registry.model_dump(mode="json")),
            self.ctx.audit_date.isoformat(),
            json_digest(self.ctx.generic_results),
        )

    @cached_property
    def compress(self) -> bool:
        """Whether findings are kept compressed: for large catalogues only (``COMPRESS_FROM``)."""
        return (
            len(self.digests if self.digests is not None else self.entries) >= packed_findings.COMPRESS_FROM
        )

    def key(self, n: int) -> str:
        assert self.digests is not None, "keys need the procedures' digests"
        return digest(self.global_key, self.digests[n], json_digest(context_slice(self.entries[n], self.ctx)))

    def run(self, cache: Cache | None, workers: int | None, progress: Progress | None) -> AuditResult:
        return self.run_packed(cache, workers, progress).unpack()

    def run_packed(
        self, cache: Cache | None, workers: int | None, progress: Progress | None, held: Held | None = None
    ) -> PackedAudit:
        """The audit with each procedure's findings kept packed (see ``PackedAudit``); with ``held``,
        the procedures it holds are evaluated there first."""
        total = len(self.entries)
        keys = [self.key(n) for n in range(total)] if cache and self.digests is not None else None
        found: list[bytes | None] = [None] * total
        counts = [0] * total
        facts = [0] * total
        if cache and keys:
            for n, payload in enumerate(cache.get_many("findings", keys)):
                stored = _stored(payload)
                if stored is not None:
                    found[n], counts[n], facts[n] = stored
        todo = [n for n in range(total) if found[n] is None]
        results, rest = held.evaluate(self, todo, keys, progress) if held and todo else ([], todo)
        workers = workers or os.cpu_count() or 1
        if workers > 1 and len(rest) >= PARALLEL_THRESHOLD and CAN_FORK:
            results += _evaluate_in_parallel(self, rest, keys, cache, workers, progress, total)
        elif rest:
            engine = RuleEngine(self.rulebook.rules, self.rulebook.params)
            results += self.evaluate(engine, rest, keys, cache, progress, total)
        for n, block, count, fact_count in results:
            found[n], counts[n], facts[n] = block, count, fact_count
        if progress:
            progress(total, total)
        packed = [item for item in found if item is not None]
        assert len(packed) == total, "every selected procedure is evaluated or served from the cache"
        rules = [r.id for r in self.rulebook.rules]
        folder = str(cache.folder) if cache else ""
        return PackedAudit(
            packed, sum(counts), total, sum(facts), rules, self.ctx.audit_date, len(todo), folder
        )

    def evaluate(
        self,
        engine: RuleEngine,
        todo: Sequence[int],
        keys: Sequence[str] | None,
        cache: Cache | None,
        progress: Progress | None = None,
        total: int = 0,
    ) -> list[tuple[int, bytes, int, int]]:
        """Evaluate the procedures at positions ``todo``, storing their findings under ``keys``: for
        each, its position, its findings as stored (``packed_findings.pack``), how many findings and facts."""
        results = []
        with cache.batched() if cache else nullcontext():
            for done, n in enumerate(todo, start=1):
                procedure = self.procedure(n)
                facts = procedure_facts(procedure, self.ctx)
                found = [
                    build_finding(engine.rules[m.rule_id], m, procedure, self.rulebook.params)
                    for m in engine.evaluate(facts)
                ]
                # In report order: procedures in catalogue order, then rule and target (a stable sort).
                findings = sorted(dedupe(found), key=lambda f: (f.rule_id, f.target.id))
                block = packed_findings.pack(findings, self.compress)
                if cache and keys:
                    cache.put_bytes("findings", keys[n], b"%d %d\n" % (len(findings), len(facts)) + block)
                results.append((n, block, len(findings), len(facts)))
                if progress and done % 50 == 0:
                    progress(total - len(todo) + done, total)
        return results


class Held(Protocol):
    """Where some procedures of a job already are, ready to be evaluated (a cold audit's workers)."""

    def evaluate(
        self, job: AuditJob, todo: Sequence[int], keys: Sequence[str] | None, progress: Progress | None
    ) -> tuple[list[tuple[int, bytes, int, int]], list[int]]: ...


def _stored(payload: bytes | None) -> tuple[bytes, int, int] | None:
    """The packed findings, their count and the facts' count that ``AuditJob.evaluate`` stored; None for
    anything else, which is then evaluated afresh. The cache's checksum vouches for the block: it is
    read only when the report is built (``PackedAudit.tallies``, ``fragments``, ``unpack``)."""
    line, _, block = (payload or b"").partition(b"\n")
    counts = line.split(b" ")
    if len(counts) != 2 or not all(c.isdigit() for c in counts) or not block:
        return None
    return block, int(counts[0]), int(counts[1])


@dataclass
class PackedAudit:
    """An audit whose findings stay packed, one block per procedure in catalogue order: a finding takes
    about 8 KB as an object and a tenth of that packed and compressed, so catalogues of a hundred
    thousand procedures are audited in bounded memory; ``unpack`` builds the ``AuditResult``."""

    packed: list[bytes]  # one block per procedure (``engine.services.packed_findings``)
    findings: int
    procedures: int
    facts: int
    rules: list[str]
    audit_date: dt.date
    evaluated: int
    cache_folder: str = ""  # where blocks served from a cache came from, for the message if one is bad

    def unpack(self) -> AuditResult:
        try:
            findings = [finding for block in self.packed for finding in packed_findings.unpack(block)]
        except packed_findings.Unreadable:  # an entry forged with its checksum
            raise self._unreadable() from None
        return AuditResult(findings, self.procedures, self.facts, self.rules, self.audit_date, self.evaluated)

    def tallies(self) -> list[Tally]:
        """What each finding tallies, read without decompressing the findings: what summaries and exit
        codes need (see ``engine.services.packed_findings``)."""
        try:
            return [t for block in self.packed for t in packed_findings.read_tallies(block)]
        except packed_findings.Unreadable:
            raise self._unreadable() from None

    def fragments(self) -> Iterator[bytes]:
        """Each procedure that has findings, its findings as the JSON report writes them, decompressed (when
        they are compressed) one at a time as they are asked for."""
        try:
            for block in self.packed:
                if packed_findings.has_findings(block):
                    yield packed_findings.read_fragment(block)
        except packed_findings.Unreadable:
            raise self._unreadable() from None

    def _unreadable(self) -> UserError:
        return UserError(
            f"{self.cache_folder or 'the audit cache'}: holds findings that do not read; "
            "audit again with --no-cache, or delete that folder"
        )


# Workers are forked so they inherit the job (the context, the entries, how to get procedures) instead
# of unpickling it; each builds its own rule engine, since durable-rules handles do not cross processes.
_job: tuple[AuditJob, Sequence[str] | None, Cache | None] | None = None
_worker_engine: RuleEngine | None = None


def _evaluate_in_parallel(
    job: AuditJob,
    todo: Sequence[int],
    keys: Sequence[str] | None,
    cache: Cache | None,
    workers: int,
    progress: Progress | None,
    total: int,
) -> list[tuple[int, bytes, int, int]]:
    global _job
    chunks = [todo[start : start + 32] for start in range(0, len(todo), 32)]
    _job = (job, keys, cache)
    results: list[tuple[int, bytes, int, int]] = []
    left = set(range(len(chunks)))
    try:
        with forked_pool(workers, _init_worker) as pool:
            futures = submit_all(pool, _evaluate_chunk, dict(enumerate(chunks)))  # those left: done below
            for future in as_completed(futures):
                with suppress(BrokenProcessPool):  # a worker that died: its chunks are done below
                    results += future.result()
                    left.discard(futures.pop(future))  # and its result freed
                    if progress:
                        progress(total - len(todo) + len(results), total)
    finally:
        _job = None
    if left:
        # A worker lost (killed, out of memory) costs time, not findings: its chunks are done here.
        engine = RuleEngine(job.rulebook.rules, job.rulebook.params)
        for i in sorted(left):
            results += job.evaluate(engine, chunks[i], keys, cache)
    return results


def _init_worker() -> None:
    global _worker_engine
    assert _job is not None, "the audit job is set before the workers fork"
    _worker_engine = RuleEngine(_job[0].rulebook.rules, _job[0].rulebook.params)


def _evaluate_chunk(todo: Sequence[int]) -> list[tuple[int, bytes, int, int]]:
    assert _job is not None and _worker_engine is not None, "worker not initialised"
    job, keys, cache = _job
    return job.evaluate(_worker_engine, todo, keys, cache)
