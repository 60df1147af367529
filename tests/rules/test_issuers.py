"""A component's issuers (the other procedures whose result it names) found by the type's result names
(``_issuer_names``) are the ones a scan of every issuer of the type finds: the same first one, in
catalogue order, and the same count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from engine.evaluation.split import is_evaluation
from engine.importers import import_path
from engine.recognise import Recogniser, default_thesaurus
from engine.rules.facts import CatalogueContext, ContextEntry, _issuer_names
from engine.services.catalogue import Catalogue, enrich, load_registry


def _development_entries(raw: Path) -> list[ContextEntry]:
    """The entries of the development records of the three largest ministries, copied (the evaluation
    split is never read while the engine is worked on)."""
    registry, _ = load_registry()
    recogniser = Recogniser(default_thesaurus())
    procedures = []
    for ministry in ("bo-tai-chinh", "bo-xay-dung", "bo-nong-nghiep-mt"):
        for path in sorted((raw / ministry).glob("*.json")):
            if not is_evaluation(path.stem):
                procedures += import_path(path).procedures
    enrich(Catalogue(procedures=procedures, registry=registry), recogniser)
    return [ContextEntry.of(p, recogniser) for p in procedures]


def test_issuers_by_name_match_a_scan_of_every_issuer(raw_folder: Path) -> None:
    entries = _development_entries(raw_folder)
    registry, _ = load_registry()
    ctx = CatalogueContext.from_entries(entries, registry, dt.date(2026, 12, 1))
    compared = shared = 0
    for doc_type in ctx.issuers:
        scan = [(e.code, e.name, own) for e in entries for t, own in e.issued if t == doc_type]
        names = sorted({own for _, _, own in scan})
        # Texts naming one result, two of them, or none; asked by an issuer and by someone else.
        texts = [*names, " và ".join(names[:2]), "không nêu giấy tờ nào"]
        for code in sorted({c for c, _, _ in scan})[:5] + ["not-an-issuer"]:
            for text in texts:
                expected = [(c, n) for c, n, own in scan if c != code and own in text]
                found = [(first, k) for name, first, k in _issuer_names(ctx, code, doc_type) if name in text]
                assert (found[0][0] if found else None) == (expected[0] if expected else None)
                assert sum(k for _, k in found) == len(expected), (doc_type, code, text)
                compared += 1
                shared += len(expected) > 1
    assert compared > 200 and shared > 100, "the sample holds types issued by several procedures"
