"""The hand-modelled catalogue (procedures/hand/*.yaml): real portal procedures with a step graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.graph import build_procedure_graph
from engine.model import Level, Procedure

HAND = Path(__file__).resolve().parents[1] / "procedures" / "hand"
FILES = sorted(HAND.glob("*.yaml"))

REQUIRED_CODES = {
    "1.001193",  # đăng ký khai sinh
    "1.004222",  # đăng ký thường trú
    "1.013225",  # cấp giấy phép xây dựng (công trình cấp III, IV, nhà ở riêng lẻ)
    "2.001610",  # đăng ký thành lập doanh nghiệp tư nhân
}

# Canonical document-type ids (the project's document vocabulary).
DOC_TYPES = {
    "citizen_id",
    "passport",
    "household_book",
    "temporary_residence_book",
    "residence_confirmation",
    "birth_certificate",
    "birth_notice",
    "marriage_certificate",
    "marital_status_confirmation",
    "death_certificate",
    "death_notice",
    "criminal_record_certificate",
    "enterprise_registration_certificate",
    "household_business_registration_certificate",
    "land_use_right_certificate",
    "construction_permit",
    "social_insurance_book",
    "health_insurance_card",
    "driving_licence",
    "vehicle_registration",
    "power_of_attorney",
    "health_certificate",
    "diploma",
    "investment_registration_certificate",
}


def _load(path: Path) -> Procedure:
    return Procedure.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Procedure]:
    return {path.stem: _load(path) for path in FILES}


def test_at_least_twelve_procedures_including_the_required_ones(catalogue: dict[str, Procedure]) -> None:
    assert len(catalogue) >= 12
    assert {p.code for p in catalogue.values()} >= REQUIRED_CODES


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_file_is_a_valid_hand_procedure(path: Path) -> None:
    procedure = _load(path)
    assert procedure.code == path.stem, "file name must be the procedure code"
    assert procedure.origin == "hand"
    assert {Level.province, Level.commune} & set(procedure.levels), "a province or commune procedure"
    assert procedure.components and procedure.results
    assert procedure.legal_basis and procedure.channels


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_step_graph_has_steps_and_edges(path: Path) -> None:
    procedure = _load(path)
    assert len(procedure.steps) >= 3
    graph = build_procedure_graph(procedure)
    data_edges = [(a, b) for a, b, kind in graph.edges(data="kind") if kind in ("consumes", "produces")]
    assert data_edges, "at least one step must consume or produce something"
    # at least one artefact flows from one step into a later one
    assert any(
        graph.nodes[a]["kind"] in ("artefact", "result") and graph.nodes[b]["kind"] == "step"
        for a, b, kind in graph.edges(data="kind")
        if kind == "consumes"
    )
    # every document is used by some step and every result is produced by some step
    for component in procedure.components:
        assert graph.out_degree(f"component:{component.id}") > 0, f"component {component.id} unused"
    for result in procedure.results:
        assert graph.in_degree(f"result:{result.id}") > 0, f"result {result.id} produced by no step"
    orders = [step.order for step in procedure.steps]
    assert len(set(orders)) == len(orders), "step orders are unique"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_document_types_are_canonical(path: Path) -> None:
    procedure = _load(path)
    used = {t for c in procedure.components for t in c.doc_types}
    used |= {t for r in procedure.results for t in r.doc_types}
    used |= {t for clause in procedure.reuse_clauses for t in clause.doc_types}
    assert used <= DOC_TYPES, sorted(used - DOC_TYPES)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_volume_is_marked_as_estimate_unless_sourced(path: Path) -> None:
    volume = _load(path).annual_volume
    if volume is not None and volume.estimate:
        assert volume.source and volume.source.startswith("estimate:")
