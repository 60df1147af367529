"""Findings kept as report fragments (engine.services.packed_findings): they give back the findings, and a
JSON report put together from them is the one json.dumps writes of the findings as objects."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import replace

import pytest

from engine.report import render_findings, render_json
from engine.services import packed_findings
from engine.services.audit import load_rulebook
from engine.services.baseline import compare, read_baseline
from engine.services.cache import Cache
from engine.services.incremental import CatalogueAudit, audit_catalogue
from engine.services.summary import summarise
from tests.conftest import HAND

DATE = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def hand_audit(tmp_path_factory: pytest.TempPathFactory) -> CatalogueAudit:
    cache = Cache(tmp_path_factory.mktemp("cache"))
    return audit_catalogue(HAND, load_rulebook(include_experimental=True), DATE, cache)


@pytest.mark.parametrize("compress", [True, False], ids=["compressed", "plain"])
def test_a_block_gives_back_its_findings_and_their_tallies(hand_audit, compress):
    findings = hand_audit.result.findings
    assert len(findings) > 10
    by_procedure: dict[str, list] = {}
    for f in findings:
        by_procedure.setdefault(f.procedure_code, []).append(f)
    for found in [*by_procedure.values(), []]:
        block = packed_findings.pack(found, compress)
        assert packed_findings.unpack(block) == found
        assert packed_findings.read_tallies(block) == [packed_findings.tally(f) for f in found]
        assert packed_findings.has_findings(block) == bool(found)
        fragment = packed_findings.read_fragment(block)
        assert json.loads(b"[" + fragment + b"]") == [f.model_dump(mode="json") for f in found]


@pytest.mark.parametrize(
    "block",
    [b"", b"garbage", b"[1, 2]\n", b'[["TG-X", [], "high"]]\n', b'[["TG-X", [], "grave", "1.0"]]\n'],
    ids=["empty", "not tallies", "tallies of numbers", "a tally cut short", "a severity that is not one"],
)
def test_a_block_whose_tallies_do_not_read_is_unreadable(block):
    with pytest.raises(packed_findings.Unreadable):
        packed_findings.read_tallies(block)
    with pytest.raises(packed_findings.Unreadable):
        packed_findings.unpack(block)


# A body after the tallies, and whether its fragment still reads (as bytes that are not findings).
BAD_BODIES = {
    "unmarked": (zlib.compress(b"{}"), False),
    "marked compressed, not compressed": (b"Zgarbage", False),
    "compressed, not findings": (b"Z" + zlib.compress(b'{"rule_id": 3}'), True),
    "plain, not findings": (b'={"rule_id": 3}', True),
}


@pytest.mark.parametrize(("body", "fragment_reads"), BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_block_whose_findings_do_not_read_is_unreadable(body, fragment_reads):
    block = b'[["TG-X", ["TG-X"], "high", "1.0"]]\n' + body
    assert packed_findings.read_tallies(block)  # what summaries read holds
    with pytest.raises(packed_findings.Unreadable):
        packed_findings.unpack(block)
    if fragment_reads:
        assert packed_findings.read_fragment(block) == b'{"rule_id": 3}'
    else:
        with pytest.raises(packed_findings.Unreadable):
            packed_findings.read_fragment(block)


@pytest.mark.parametrize("case", ["findings", "no findings", "baseline"])
def test_a_json_report_from_packed_findings_is_what_json_dumps_writes(hand_audit, tmp_path, case):
    packed = hand_audit.packed
    tallies, fragments = (packed.tallies(), packed.fragments) if case != "no findings" else ([], list)
    result = hand_audit.result if case != "no findings" else replace(hand_audit.result, findings=[])
    diff = None
    if case == "baseline":
        previous = tmp_path / "previous.json"
        kept = result.findings[: len(result.findings) // 2]  # the rest are new against this baseline
        previous.write_text(render_findings(replace(result, findings=kept), "json"), encoding="utf-8")
        diff = compare(result.findings, read_baseline(previous), packed.rules)
        assert diff.new and diff.unchanged
    summary = summarise(tallies, hand_audit.fields, 0, diff)
    text = b"".join(render_json(packed, tallies, fragments, diff, summary)).decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert text == render_findings(result, "json", diff, summary)  # the same report from objects
    report = json.loads(text)
    assert report["findings"] == [f.model_dump(mode="json") for f in result.findings]
    assert sum(report["hits_by_rule"].values()) >= len(result.findings) == report["summary"]["findings"]


def test_findings_are_compressed_in_audits_of_large_catalogues_only(tmp_path, monkeypatch):
    def marks(audit: CatalogueAudit) -> set[bytes]:
        return {block.partition(b"\n")[2][:1] for block in audit.packed.packed}

    rulebook = load_rulebook(include_experimental=True)
    small = audit_catalogue(HAND, rulebook, DATE, Cache(tmp_path / "small"))
    monkeypatch.setattr(packed_findings, "COMPRESS_FROM", small.packed.procedures)
    large = audit_catalogue(HAND, rulebook, DATE, Cache(tmp_path / "large"))
    assert marks(small) == {b"="} and marks(large) == {b"Z"}
    assert large.result.findings == small.result.findings
