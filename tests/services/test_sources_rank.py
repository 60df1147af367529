"""Which database connection saves most: components, procedures, hours and đồng a year per source."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.cost import compliance_cost
from engine.errors import UserError
from engine.model import SourceRegistry
from engine.services.catalogue import Catalogue
from engine.services.sources import WhatIf, rank_sources
from tests.plans.conftest import catalogue

REGISTRY = SourceRegistry.model_validate(
    {
        "sources": [
            {
                "id": "civil_status",
                "name_vi": "Cơ sở dữ liệu hộ tịch điện tử",
                "name_en": "Civil status",
                "owner": "Bộ Tư pháp",
                "replaces": [
                    {
                        "doc_type": "birth_certificate",
                        "since": "2025-12-10",
                        "decision": {"number": "3458/QĐ-BTP"},
                    }
                ],
            },
            {"id": "store", "name_vi": "Kho dữ liệu", "name_en": "Store", "owner": "UBND", "replaces": []},
        ]
    }
)


def _catalogue() -> Catalogue:
    procedures = catalogue()
    procedures[0].components[1].doc_types = ["birth_certificate"]  # 1.000001 c2, a certified copy
    procedures[0].components[2].doc_types = ["residence_confirmation"]  # c3
    return Catalogue(procedures=procedures, registry=REGISTRY)


def test_a_source_saves_the_cost_of_the_components_it_replaces(params):
    cat = _catalogue()
    ranking = rank_sources(cat, params=params, as_of=dt.date(2026, 1, 1))
    first = ranking.sources[0]
    assert (first.source_id, first.components, first.procedures) == ("civil_status", 1, 1)
    procedure = cat.procedures[0]
    without = procedure.model_copy(update={"components": [c for c in procedure.components if c.id != "c2"]})
    expected = compliance_cost(procedure, params).annual_vnd - compliance_cost(without, params).annual_vnd
    assert first.vnd_per_year == expected > 0
    # Preparing (1 h) and certifying (1.5 h) one component, for 1,000 dossiers a year.
    assert first.hours_per_year == 2500 and first.estimated_volumes == 0
    assert ranking.sources[1].source_id == "store" and ranking.sources[1].components == 0


def test_before_its_publication_a_source_replaces_nothing(params):
    ranking = rank_sources(_catalogue(), params=params, as_of=dt.date(2025, 1, 1))
    assert all(s.components == 0 for s in ranking.sources)


def test_a_what_if_ranks_a_source_not_yet_published(params):
    what_if = WhatIf.parse("store=residence_confirmation@2026-07-01", dt.date(2026, 12, 1))
    ranking = rank_sources(_catalogue(), [what_if], params=params, as_of=dt.date(2026, 12, 1))
    store = next(s for s in ranking.sources if s.source_id == "store")
    assert store.what_if and store.components == 1 and store.doc_types == ["residence_confirmation"]
    early = rank_sources(_catalogue(), [what_if], params=params, as_of=dt.date(2026, 6, 1))
    assert next(s for s in early.sources if s.source_id == "store").components == 0


def test_a_what_if_withdraws_or_re_dates_a_published_source(params):
    withdrawn = WhatIf.parse("civil_status != birth_certificate", dt.date(2026, 1, 1))
    assert withdrawn == WhatIf("civil_status", ("birth_certificate",), None)
    ranking = rank_sources(_catalogue(), [withdrawn], params=params, as_of=dt.date(2026, 1, 1))
    civil = next(s for s in ranking.sources if s.source_id == "civil_status")
    assert civil.what_if and civil.components == 0 and civil.doc_types == []
    later = WhatIf.parse("civil_status=birth_certificate@2027-01-01", dt.date(2026, 1, 1))
    ranking = rank_sources(_catalogue(), [later], params=params, as_of=dt.date(2026, 1, 1))
    assert next(s for s in ranking.sources if s.source_id == "civil_status").components == 0
    assert REGISTRY.sources[0].replaces[0].since == dt.date(2025, 12, 10), "the registry is untouched"
    with pytest.raises(UserError, match="SOURCE!=TYPE"):
        WhatIf.parse("civil_status!=birth_certificate@2027-01-01", dt.date(2026, 1, 1))


def test_a_bad_what_if_is_a_clear_error(params):
    with pytest.raises(UserError, match="SOURCE=TYPE"):
        WhatIf.parse("store", dt.date(2026, 1, 1))
    with pytest.raises(UserError, match="no data source 'nowhere'; sources: civil_status, store"):
        rank_sources(_catalogue(), [WhatIf("nowhere", ("x",), dt.date(2026, 1, 1))], params=params)


def test_the_cli_ranks_in_json_csv_and_markdown(tmp_path, capsys):
    from engine.cli import main

    assert (
        main(["sources", "rank", "--as-of", "2026-12-01", "--format", "csv", "-o", str(tmp_path / "r.csv")])
        == 0
    )
    header = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("source_id,name_vi,what_if,doc_types,components,procedures,hours_per_year")
    assert main(["sources", "rank", "--as-of", "2026-12-01", "--what-if", "provincial_store=diploma"]) == 0
    out = capsys.readouterr().out
    assert "| Cơ sở dữ liệu | Thành phần hồ sơ |" in out and "(giả định được công bố)" in out
    assert main(["sources", "rank", "--what-if", "bad"]) == 1
