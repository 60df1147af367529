"""TG-PROC-SAME-RESULT leaves out generic results and codes shared by many procedures."""

import datetime as dt
from pathlib import Path

import pytest

from engine.errors import UserError
from engine.model import Procedure, Result, SourceRegistry
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.rules.generic_results import load_generic_results
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import Catalogue


def _issuing(code: str, result_code: str, result_name: str = "Giấy phép kinh doanh X") -> Procedure:
    return Procedure(
        code=code,
        name=f"Thủ tục {code}",
        levels=["province"],
        results=[Result(id="r1", name=result_name, code=result_code)],
    )


def _flagged(procedures: list[Procedure]) -> set[str]:
    rulebook = load_rulebook(include_experimental=True)
    rulebook.rules = [r for r in rulebook.rules if r.id == "TG-PROC-SAME-RESULT"]
    catalogue = Catalogue(procedures=procedures, registry=SourceRegistry(sources=[]))
    return {f.procedure_code for f in audit(catalogue, rulebook, workers=1).findings}


def test_a_code_shared_by_more_procedures_than_the_threshold_is_not_evidence():
    limit = int(load_rulebook(include_experimental=True).params.value("max_same_result_procedures"))
    assert _flagged([_issuing(f"A.{i}", "KQ.1") for i in range(limit)]) == {f"A.{i}" for i in range(limit)}
    assert _flagged([_issuing(f"A.{i}", "KQ.1") for i in range(limit + 1)]) == set()


def test_a_refusal_letter_is_skipped_for_the_next_result():
    refusal = Result(id="r0", name="Văn bản trả lời từ chối", code="KQ.REFUSE")
    a, b = _issuing("B.1", "KQ.2"), _issuing("B.2", "KQ.2")
    a.results.insert(0, refusal)
    b.results.insert(0, refusal.model_copy())
    ctx = CatalogueContext.build([a, b], SourceRegistry(sources=[]), dt.date(2026, 1, 1))
    fact = procedure_facts(a, ctx)[0]
    assert (fact["same_result_as"], fact["same_result_count"]) == ("B.2", 2)


def test_a_bad_generic_results_file_names_file_and_field(tmp_path: Path):
    bad = tmp_path / "generic_results.yaml"
    bad.write_text("words: [từ chối, 3]\n", encoding="utf-8")
    with pytest.raises(UserError, match="generic_results.yaml: words"):
        load_generic_results(bad)
