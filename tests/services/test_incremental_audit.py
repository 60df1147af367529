"""Incremental audits: results served from the cache equal a fresh in-memory audit, after any kind of
edit, with corrupt entries, dying workers and parallel passes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import random
import re
import shutil
import sqlite3
import sys
import zlib
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, suppress
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from engine.cli import main
from engine.errors import UserError
from engine.evaluation.split import is_evaluation
from engine.rules.facts import (
    GLOBAL_FIELDS,
    CatalogueContext,
    ContextEntry,
    _most_similar_indexed,
    context_slice,
    most_similar_pairwise,
)
from engine.rules.families import FamilyCandidate
from engine.services.audit import audit, forked_pool, load_rulebook, submit_all
from engine.services.cache import Cache, FileDigests
from engine.services.catalogue import load_catalogue
from engine.services.incremental import audit_catalogue
from tests.conftest import HAND, RAW, REPO
from tests.services import cache_entries

# ``engine.services.audit`` is also the name of the function the package exports.
audit_service = importlib.import_module("engine.services.audit")
incremental = importlib.import_module("engine.services.incremental")
DATE = dt.date(2026, 12, 1)
RECORDS = 60


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A copy of 60 development records of one ministry (many share a field: peers and precedents).

    Development records only: the evaluation split is never read while the engine is worked on."""
    source = RAW / "bo-tu-phap"
    if not source.is_dir():
        pytest.skip(f"the portal records are not at {source}")
    folder = tmp_path / "raw" / "bo-tu-phap"
    folder.mkdir(parents=True)
    development = [path for path in sorted(source.glob("*.json")) if not is_evaluation(path.stem)]
    for path in development[:RECORDS]:
        (folder / path.name).write_bytes(path.read_bytes())
    return tmp_path / "raw"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "rules", folder)
    return folder


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The codes of the procedures whose facts were worked out (evaluated, not served)."""
    codes: list[str] = []
    real = audit_service.procedure_facts

    def counting(procedure, ctx):  # type: ignore[no-untyped-def]
        codes.append(procedure.code)
        return real(procedure, ctx)

    monkeypatch.setattr(audit_service, "procedure_facts", counting)
    return codes


def run(path: Path, cache: Cache | None, rules: Path | None = None, workers: int = 1) -> list[dict]:
    """Every finding (all rules, experimental too) of the incremental audit of ``path``, as plain data."""
    rulebook = load_rulebook(rules, include_experimental=True)
    result = audit_catalogue(path, rulebook, DATE, cache, workers=workers).result
    return [finding.model_dump(mode="json") for finding in result.findings]


def fresh(path: Path, rules: Path | None = None) -> list[dict]:
    """The same findings from the in-memory catalogue, no cache: the reference."""
    catalogue = load_catalogue(path)
    result = audit(catalogue, load_rulebook(rules, include_experimental=True), DATE, workers=1)
    return [finding.model_dump(mode="json") for finding in result.findings]


def edit(record: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(record.read_text(encoding="utf-8"))
    change(data)
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_warm_audit_equals_a_cold_one_and_parses_and_evaluates_nothing(records, tmp_path, evaluated):
    cache = Cache(tmp_path / "cache")
    cold = run(records, cache)
    assert cold and cold == fresh(records)
    assert len(set(evaluated)) == RECORDS
    evaluated.clear()
    rulebook = load_rulebook(include_experimental=True)
    warm = audit_catalogue(records, rulebook, DATE, cache, workers=1)
    assert [f.model_dump(mode="json") for f in warm.result.findings] == cold
    assert (warm.parsed, warm.result.evaluated, evaluated) == (0, 0, [])
    # Without the whole audit's entry, files are served from their parse and findings from theirs.
    for path in (tmp_path / "cache" / "audit").rglob("*.json"):
        path.unlink()
    again = audit_catalogue(records, rulebook, DATE, cache, workers=1)
    assert [f.model_dump(mode="json") for f in again.result.findings] == cold
    assert (again.parsed, again.result.evaluated, evaluated) == (0, 0, [])


def test_after_edits_warm_results_equal_fresh_ones_and_only_dependants_are_evaluated(
    records, tmp_path, evaluated
):
    cache = Cache(tmp_path / "cache")
    run(records, cache)
    files = sorted(records.rglob("*.json"))

    # A longer time limit moves the median of its peers.
    def slower(data: dict) -> None:
        changed = re.sub(r"(Trực tiếp|Trực tuyến)(\d+)", r"\g<1>95", data["cach_thuc_thuc_hien"])
        assert changed != data["cach_thuc_thuc_hien"], "the test edits a real time limit"
        data["cach_thuc_thuc_hien"] = changed

    edit(files[3], slower)
    evaluated.clear()
    warm, again = run(records, cache), set(evaluated)
    assert warm == fresh(records)
    edited_code = json.loads(files[3].read_text(encoding="utf-8"))["ma_thu_tuc"]
    assert edited_code in again and len(again) < RECORDS

    # Renaming a procedure another names as its most similar re-evaluates both, and not everyone.
    catalogue = load_catalogue(records)
    ctx = CatalogueContext.build(catalogue.procedures, catalogue.registry, DATE)
    dependant, (named, _, _) = next(iter(ctx.similar.items()))
    edit(records / "bo-tu-phap" / f"{named}.json", lambda data: data.update(ten_thu_tuc="Thủ tục đổi tên"))
    evaluated.clear()
    warm, again = run(records, cache), set(evaluated)
    assert warm == fresh(records)
    assert {named, dependant} <= again and len(again) < RECORDS

    # A new procedure (a copy under a new code) and a deleted one.
    copy = json.loads(files[7].read_text(encoding="utf-8")) | {"ma_thu_tuc": "9.999999"}
    files[7].with_name("9.999999.json").write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
    files[9].unlink()
    evaluated.clear()
    warm, again = run(records, cache), set(evaluated)
    assert warm == fresh(records)
    assert "9.999999" in again and len(again) < RECORDS
    assert any(finding["procedure_code"] == "9.999999" for finding in warm)


def test_a_changed_parameter_or_data_source_is_seen(records, rules, tmp_path):
    cache = Cache(tmp_path / "cache")
    before = run(records, cache, rules)
    parameters = rules / "parameters.yaml"
    text = parameters.read_text(encoding="utf-8")
    changed = re.sub(r"(hours_prepare_component:\n(?:\s+\w+:.*\n)*?\s+value: )[\d.]+", r"\g<1>9.5", text)
    assert changed != text, "the test edits a real parameter"
    parameters.write_text(changed, encoding="utf-8")
    after = run(records, cache, rules)
    assert after == fresh(records, rules) != before

    # A data_sources.yaml beside the records replaces the bundled one: no database replaces anything.
    (records / "data_sources.yaml").write_text("sources: []\n", encoding="utf-8")
    no_sources = run(records, cache, rules)
    assert no_sources == fresh(records, rules) != after


def damaged(index: int, entry: bytes) -> bytes:
    """Garbage, an entry cut short, or JSON of the wrong shape under the entry's own header."""
    if index % 3 == 0:
        return b"\x00\xff garbage"
    if index % 3 == 1:
        return entry[: len(entry) // 2]
    return entry.partition(b"\n")[0] + b'\n{"findings": "not a list"}'


def test_corrupt_truncated_or_foreign_cache_entries_are_rebuilt(records, tmp_path):
    folder = tmp_path / "cache"
    cold = run(records, Cache(folder))
    assert cache_entries.kinds(folder) == {"audit", "parsed", "procedure", "findings"}
    for index, (kind, key, entry) in enumerate(cache_entries.rows(folder)):
        cache_entries.replace(folder, kind, key, damaged(index, entry))
    for index, path in enumerate(sorted(folder.rglob("*.json"))):  # the whole audit's file
        path.write_bytes(damaged(index, path.read_bytes()))
    assert run(records, Cache(folder)) == cold
    assert run(records, Cache(folder)) == cold  # the rewritten entries serve the next run


@pytest.mark.parametrize("damage", ["garbage", "cut short"])
def test_a_damaged_database_is_moved_aside_and_started_afresh(records, tmp_path, damage):
    folder = tmp_path / "cache"
    cache = Cache(folder)
    cold = run(records, cache)
    cache.close()  # the database whole in its file, as once the audit's process has ended
    database = folder / "entries.sqlite"
    data = database.read_bytes()
    database.write_bytes(b"\x00\xff garbage" * 100 if damage == "garbage" else data[: len(data) // 3])
    shutil.rmtree(folder / "audit")  # else the whole audit's file answers without the database
    assert run(records, Cache(folder)) == cold
    assert (folder / "entries.sqlite.damaged").is_file()
    rulebook = load_rulebook(include_experimental=True)
    shutil.rmtree(folder / "audit")
    again = audit_catalogue(records, rulebook, DATE, Cache(folder), workers=1)
    assert again.parsed == 0 and again.result.evaluated == 0  # the new database serves the next run


def test_a_database_of_the_earlier_layout_is_replaced_and_then_serves(records, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    with closing(sqlite3.connect(folder / "entries.sqlite")) as db, db:  # as tinhgon 0.1 made it
        db.execute(
            "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, entry BLOB NOT NULL, "
            "PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        db.execute("INSERT INTO entries VALUES ('parsed', 'k', x'00')")
    cold = run(records, Cache(folder))
    with closing(sqlite3.connect(folder / "entries.sqlite")) as db:
        (layout,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
        assert "WITHOUT ROWID" not in layout
        assert not db.execute("SELECT 1 FROM entries WHERE key = 'k'").fetchall()  # dropped with its table
    shutil.rmtree(folder / "audit")
    rulebook = load_rulebook(include_experimental=True)
    again = audit_catalogue(records, rulebook, DATE, Cache(folder), workers=1)
    assert again.parsed == 0 and again.result.evaluated == 0
    assert [f.model_dump(mode="json") for f in again.result.findings] == cold


# Blocks of findings a forger could write with valid checksums (engine.services.packed_findings): tallies
# that do not read (read for every format), findings that are not compressed (read for every format).
FORGED_BLOCKS = {
    "not tallies": b"garbage",
    "tallies of the wrong types": b'[["TG-X", ["TG-X"], "grave", "1.0"]]\nZ' + zlib.compress(b"{}"),
    "tallies of the wrong shape": b'[["TG-X", 3]]\nZ' + zlib.compress(b"{}"),
    "findings not compressed": b'[["TG-X", ["TG-X"], "high", "1.0"]]\nZgarbage',
    "findings unmarked": b'[["TG-X", ["TG-X"], "high", "1.0"]]\n' + zlib.compress(b"{}"),
}


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("block", FORGED_BLOCKS.values(), ids=FORGED_BLOCKS.keys())
def test_an_entry_forged_with_its_checksum_is_reported_by_folder_not_raised(
    records, tmp_path, capsys, fmt, block
):
    folder = tmp_path / "cache"
    command = ["audit", str(records), "--cache-dir", str(folder), "--date", "2026-12-01", "--format", "csv"]
    assert main(command) == 0
    capsys.readouterr()
    cache = Cache(folder)
    for path in (folder / "audit").rglob("*.json"):  # the whole audit, rewritten as its own writer would
        payload = cache.get_bytes("audit", path.stem)
        assert payload is not None
        meta, _, _ = payload.partition(b"\n")
        blocks = b"".join(len(block).to_bytes(4, "little") + block for _ in range(RECORDS))
        cache.put_bytes("audit", path.stem, meta + b"\n" + blocks)
    # Another format: not the same command, whose answer would be replayed (engine.services.replay).
    assert main([*command[:-1], fmt]) == 1
    error = capsys.readouterr().err
    assert (
        error.startswith(f"tinhgon: error: {folder}: holds findings that do not read")
        and "Traceback" not in error
    )


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(records, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert run(records, Cache(blocked)) == fresh(records)


def _die(_: object) -> None:
    os._exit(1)


def test_submitting_to_a_pool_broken_by_a_dead_worker_stops_without_raising():
    with forked_pool(2) as pool:
        first = pool.submit(_die, None)
        assert isinstance(first.exception(), BrokenProcessPool)  # the pool is broken once it returns
        assert submit_all(pool, _die, {"a": 1, "b": 2}) == {}


@pytest.mark.parametrize("hold_limit", [RECORDS, 0], ids=["workers keep procedures", "cache holds them"])
def test_parallel_passes_give_the_same_results(records, tmp_path, monkeypatch, evaluated, hold_limit):
    reference = fresh(records)
    monkeypatch.setattr(incremental, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(audit_service, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(incremental, "HOLD_LIMIT", hold_limit)
    evaluated.clear()  # the reference's evaluations
    cache = Cache(tmp_path / "cache")
    assert run(records, cache, workers=2) == reference  # cold
    assert evaluated == []  # only workers evaluated: this process's ``procedure_facts`` was never called
    stored = cache_entries.kinds(tmp_path / "cache")
    assert ("procedure" in stored) == (hold_limit == 0)  # kept by the workers or stored for pass 2
    cache_entries.drop(tmp_path / "cache", "findings")
    assert run(records, cache, workers=2) == reference  # parsed from the cache, evaluated afresh


@pytest.mark.parametrize("edited", [False, True], ids=["file unchanged", "file edited"])
def test_procedures_lost_between_the_passes_are_parsed_again_unless_their_file_changed(
    records, tmp_path, monkeypatch, edited
):
    """Pass 2 parses a file again when the procedures pass 1 stored are gone; a file edited meanwhile
    would give other procedures under the old names, so the audit stops and says so."""
    folder = tmp_path / "cache"
    first = sorted(records.rglob("*.json"))[0]
    real = CatalogueContext.from_entries

    def between_the_passes(*args, **kwargs):  # type: ignore[no-untyped-def]
        cache_entries.drop(folder, "procedure")
        if edited:
            edit(first, lambda data: data.update(ten_thu_tuc=data["ten_thu_tuc"] + " (sửa)"))
        return real(*args, **kwargs)

    reference = fresh(records)
    monkeypatch.setattr(CatalogueContext, "from_entries", between_the_passes)
    rulebook = load_rulebook(include_experimental=True)
    # As ``tinhgon audit`` does: each file hashed once per command (``FileDigests``).
    audit_ = partial(audit_catalogue, records, rulebook, DATE, Cache(folder), 1, seen=FileDigests())
    if not edited:
        assert [f.model_dump(mode="json") for f in audit_().result.findings] == reference
        return
    with pytest.raises(UserError, match=f"{re.escape(str(first))}: changed while it was being audited"):
        audit_()


def test_a_yaml_catalogue_is_cached_too_and_an_edited_file_is_seen(tmp_path):
    folder = tmp_path / "hand"
    shutil.copytree(HAND, folder)
    cache = Cache(tmp_path / "cache")
    assert run(folder, cache) == fresh(folder)
    first = sorted(folder.rglob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    rulebook = load_rulebook(include_experimental=True)
    warm = audit_catalogue(folder, rulebook, DATE, cache, workers=1)
    assert (
        [p.path for p in warm.problems] == [p.path for p in load_catalogue(folder).problems] == [str(first)]
    )
    assert run(folder, cache) == fresh(folder)


def test_the_cli_flags(records, tmp_path, capsys):
    folder = tmp_path / "cli-cache"
    command = ["audit", str(records), "--format", "csv", "--date", "2026-12-01", "--experimental"]
    reports = []
    for flags in (["--cache-dir", str(folder)], ["--cache-dir", str(folder)], ["--no-cache"]):
        assert main(command + flags) == 0
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] == reports[2] and reports[0].count("\n") > 1
    assert (folder / "audit").is_dir() and "findings" in cache_entries.kinds(folder)


def test_every_field_of_the_context_is_global_or_sliced():
    """A new field of ``CatalogueContext`` that facts read must be hashed for incremental audits."""
    names = {f.name for f in dataclasses.fields(CatalogueContext)}
    catalogue = load_catalogue(HAND)
    ctx = CatalogueContext.build(catalogue.procedures, catalogue.registry, DATE)
    entry = ContextEntry.of(catalogue.procedures[0])
    assert names == set(GLOBAL_FIELDS) | set(context_slice(entry, ctx))
    assert not set(GLOBAL_FIELDS) & set(context_slice(entry, ctx))


def _entry(code: str, signature: list[str]) -> ContextEntry:
    family = FamilyCandidate(
        code,
        f"thủ tục {code}",
        ("province",),
        (),
        tuple((s, s) for s in signature),
        frozenset(),
        (),
        ((), ""),
    )
    return ContextEntry(code, f"thủ tục {code}", "f", None, (), (), (), (), family)


@pytest.mark.parametrize("seed", range(40))
def test_similarity_by_shared_components_matches_the_scan_of_every_pair(seed):
    """Ties, rounding (1/3 is kept as 0.33, so a later 1/3 still wins) and repeated signatures."""
    rng = random.Random(seed)
    vocabulary = [f"giay to {i}" for i in range(rng.randint(2, 8))]
    group = [
        _entry(f"1.{i:06d}", rng.sample(vocabulary, rng.randint(2, len(vocabulary))))
        for i in range(rng.randint(2, 30))
    ]
    assert _most_similar_indexed(group) == most_similar_pairwise(group)


_REAL_PARSE = incremental._parse_in_worker
_REAL_PARSE_AND_HOLD = incremental._parse_and_hold
_REAL_EVALUATE = audit_service._evaluate_chunk
_REAL_EVALUATE_HELD = incremental._evaluate_held
_DOOMED: list[str] = []  # the file whose parsing "crashes" its worker, set before the workers fork
_DIED: list[Path] = []  # a file the first dying evaluator of held procedures creates


def _dying_parser(jobs: list[Any]) -> Any:
    if jobs[0][0] in _DOOMED:
        os._exit(1)  # as a segmentation fault would end it
    return _REAL_PARSE(jobs)


def _dying_holder(jobs: list[Any]) -> Any:
    if jobs[0][0] in _DOOMED:
        os._exit(1)
    return _REAL_PARSE_AND_HOLD(jobs)


def _dying_evaluator(todo: list[int]) -> Any:
    if 0 in todo:
        os._exit(1)
    return _REAL_EVALUATE(todo)


def _dying_held_evaluator(todo: list[int]) -> Any:
    """The first resident worker to evaluate dies (the marker file says it did)."""
    with suppress(FileExistsError):
        open(_DIED[0], "x").close()
        os._exit(1)
    return _REAL_EVALUATE_HELD(todo)


@pytest.mark.parametrize("hold_limit", [RECORDS, 0], ids=["workers keep procedures", "cache holds them"])
def test_a_worker_process_that_dies_costs_neither_results_nor_a_hang(
    records, tmp_path, monkeypatch, hold_limit
):
    """Workers die parsing a file and evaluating procedures: the parent does their work."""
    reference = fresh(records)
    monkeypatch.setattr(incremental, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(audit_service, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(incremental, "HOLD_LIMIT", hold_limit)
    monkeypatch.setattr(incremental, "_parse_in_worker", _dying_parser)
    monkeypatch.setattr(incremental, "_parse_and_hold", _dying_holder)
    monkeypatch.setattr(audit_service, "_evaluate_chunk", _dying_evaluator)
    monkeypatch.setattr(incremental, "_evaluate_held", _dying_held_evaluator)
    monkeypatch.setattr(sys.modules[__name__], "_DOOMED", [str(sorted(records.rglob("*.json"))[0])])
    monkeypatch.setattr(sys.modules[__name__], "_DIED", [tmp_path / "died"])
    assert run(records, None, workers=2) == reference
    assert (tmp_path / "died").exists() == (hold_limit > 0)  # a worker holding procedures died
