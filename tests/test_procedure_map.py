"""The procedure map on real bundled procedures: words only, cases grouped, lanes by agency, marks."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from engine.graph.procedure_map import COMPONENT, STEP, build_procedure_map
from engine.model import Measure, Procedure, Target, TargetKind
from engine.plans.model import MeasureStatus, Plan, PlanMeasure
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.graphs import (
    artefact_labels,
    graphviz_available,
    plan_on_procedure,
    procedure_map,
    render_svg,
)
from tests.conftest import HAND, REPO

needs_graphviz = pytest.mark.skipif(not graphviz_available(), reason="Graphviz `dot` is not installed")


@pytest.fixture(scope="module")
def hand():
    """The hand-modelled catalogue audited with every rule: the flags drawn come from experimental ones."""
    catalogue = load_catalogue(HAND)
    return catalogue, audit(catalogue, load_rulebook(include_experimental=True))


@pytest.fixture(scope="module")
def rules():
    return load_rulebook(include_experimental=True).rules


def _visible_text(svg: str) -> list[str]:
    """The words the SVG draws (its <text> elements), as a reader sees them: the blank lines that space a
    label's lines out are not words."""
    return [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]


def _internal_ids(procedure: Procedure) -> set[str]:
    """Ids a reader must never see: component, step, output and result ids of the procedure."""
    ids = {c.id for c in procedure.components} | {s.id for s in procedure.steps}
    ids |= {o for s in procedure.steps for o in s.outputs} | {r.id for r in procedure.results}
    return ids


@needs_graphviz
def test_birth_registration_reads_in_vietnamese_words_and_shows_no_internal_id(hand, rules):
    catalogue, result = hand
    birth = catalogue.get("1.001193")
    drawn = procedure_map(birth, result.for_procedure("1.001193"), rules, "vi")
    words = _visible_text(render_svg(drawn.dot))
    text = " ".join(words)
    assert "Bước 1" in text and "Bước 11" in text
    assert "Kiểm tra tính chính xác, đầy đủ" in text  # step 2's action
    assert "Hồ sơ đã tiếp nhận" in text and "Giấy khai sinh đã ký" in text  # outputs, with accents
    assert "Trung tâm Phục vụ hành chính công" in words or "Trung tâm Phục vụ hành chính" in text  # a lane
    tokens = set(re.findall(r"[\w.\-]+", text))
    leaked = (_internal_ids(birth) & tokens) | {t for t in tokens if "_" in t}
    assert not leaked, f"internal ids drawn: {sorted(leaked)}"


@needs_graphviz
def test_a_flagged_component_shows_the_rules_title(hand, rules):
    catalogue, result = hand
    findings = result.for_procedure("1.001193")
    certified = [f for f in findings if f.rule_id == "TG-CERTIFIED-COPY"]
    assert certified, "the birth registration asks for a certified copy (component c9)"
    title = next(r.title_vi for r in rules if r.id == "TG-CERTIFIED-COPY")
    drawn = procedure_map(catalogue.get("1.001193"), findings, rules, "vi")
    assert f"⚑ {title}" in _visible_text(render_svg(drawn.dot))


def test_the_permits_repeated_component_appears_once_per_case_and_one_arrow_leaves_the_dossier(hand, rules):
    catalogue, result = hand
    permit = catalogue.get("1.013225")
    cases = {c.case for c in permit.components}
    drawn = procedure_map(permit, result.for_procedure("1.013225"), rules, "vi")
    parts = drawn.parts.values()
    land = [p for p in parts if p.kind == COMPONENT and p.label.startswith("Một trong những giấy tờ")]
    land_cases = {permit.component(p.item_id).case for p in land}
    assert len(land) == len(land_cases) == 7  # once in each of the seven cases, never twice in one
    assert drawn.dot.count('<TD BGCOLOR="#f5e6c4"') == len(cases) == 9  # one table per case
    into_step_1 = [e for e in re.findall(r"^\s*\S+ -> step_s1\b.*$", drawn.dot, re.M) if "invis" not in e]
    assert len(into_step_1) == 1, "one arrow from the dossier to step 1, not one per component"


def test_lanes_follow_the_agencies_and_the_applicant_comes_first(hand, rules):
    catalogue, _ = hand
    land = catalogue.get("1.013978")
    drawn = build_procedure_map(land, "vi", artefact_names=artefact_labels())
    heads = r"subgraph cluster_lane_\d+ \{\n\s*label=<<B>(.*?)</B>>"
    lanes = [" ".join(re.sub(r"<[^>]*>", " ", lane).split()) for lane in re.findall(heads, drawn.dot)]
    assert lanes[0] == "Người nộp hồ sơ"
    assert "Cơ quan thuế" in lanes and "Đơn vị đo đạc" in lanes
    assert "Trung tâm Phục vụ hành chính công" in lanes
    assert len({p.item_id for p in drawn.parts.values() if p.kind == STEP}) == len(land.steps) == 16


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_portal_map_names_the_applicant_in_words_and_one_lane_per_agency(lang):
    """The importer writes ``actor: applicant``; 1.000094 spells one service centre two ways."""
    procedure = load_catalogue(REPO / "procedures" / "portal" / "bo-tu-phap").get("1.000094")
    assert any(step.actor == "applicant" for step in procedure.steps)
    spellings = {
        s.agency for s in procedure.steps if s.agency and "phục vụ hành chính công" in s.agency.lower()
    }
    assert len(spellings) == 2, spellings
    dot = build_procedure_map(procedure, lang, artefact_names=artefact_labels()).dot
    assert not re.search(r">\s*applicant\s*<", dot), "the importer's code shown as words"
    heads = r"subgraph cluster_lane_\d+ \{\n\s*label=<<B>(.*?)</B>>"
    lanes = [" ".join(re.sub(r"<[^>]*>", " ", lane).split()).lower() for lane in re.findall(heads, dot)]
    assert len(lanes) == len(set(lanes)), lanes


def test_portal_steps_without_data_flow_follow_each_other(rules):
    catalogue = load_catalogue(REPO / "procedures" / "portal" / "bo-tai-chinh")
    big = catalogue.get("2.002011")
    drawn = procedure_map(big, (), rules, "vi")
    steps = sorted(big.steps, key=lambda s: s.order)
    for before, after in zip(steps, steps[1:], strict=False):
        assert re.search(rf"^\s*step_{before.id} -> step_{after.id}\b", drawn.dot, re.M)
    assert drawn.node_count >= 50  # the big procedure the README screenshot shows
    assert drawn.node_count == len(big.components) + len(big.steps) + len(big.results)


def test_english_labels(hand, rules):
    catalogue, _ = hand
    drawn = procedure_map(catalogue.get("1.001193"), (), rules, "en")
    assert "Step 1" in drawn.dot and "Received dossier" in drawn.dot and "Applicant" in drawn.dot
    assert "Bước 1" not in drawn.dot


def test_an_unknown_output_is_named_after_its_step_never_by_its_id():
    procedure = Procedure.model_validate(
        {
            "code": "x.1",
            "name": "Thử",
            "components": [{"id": "c1", "name": "Tờ khai"}],
            "steps": [
                {"id": "s1", "order": 1, "action": "Nộp", "kind": "submit"}
                | {"inputs": ["c1"], "outputs": ["zz_x"]},
                {"id": "s2", "order": 2, "action": "Xem xét", "agency": "Sở", "inputs": ["zz_x"]},
            ],
        }
    )
    drawn = build_procedure_map(procedure, "vi")
    assert "Kết quả bước 1" in drawn.dot and "zz_x" not in re.sub(r'(id|href)="[^"]*"', "", drawn.dot)
    assert re.search(r"^\s*step_s1 -> step_s2;", drawn.dot, re.M)


def test_the_plan_view_marks_replaced_components_and_drops_their_flags(hand, rules):
    catalogue, result = hand
    permit = catalogue.get("1.005461")
    findings = result.for_procedure("1.005461")
    reuse = next(f for f in findings if f.measure == Measure.replace_with_data)
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    plan = Plan(
        id=1,
        name="Thử",
        created_by="test",
        created_at=now,
        updated_at=now,
        measures=[
            PlanMeasure(
                id=1,
                measure=reuse.measure,
                procedure_code=permit.code,
                target=Target(kind=TargetKind.component, id=reuse.target.id, label=reuse.target.label),
                finding_key=reuse.key,
                status=MeasureStatus.accepted,
                updated_at=now,
            )
        ],
    )
    before = procedure_map(permit, findings, rules, "vi")
    after = procedure_map(permit, findings, rules, "vi", plan_on_procedure(permit, plan).applied)
    token = f"component-{reuse.target.id}"
    row = lambda dot: re.search(rf'ID="{token}">(.*?)</TD>', dot).group(1)  # noqa: E731
    assert "⚑" in row(before.dot) and "<S>" not in row(before.dot)
    assert "<S>" in row(after.dot) and "✓ Thay thành phần hồ sơ bằng dữ liệu" in row(after.dot)
    assert "⚑" not in row(after.dot)


def test_the_artefact_label_table_names_every_hand_modelled_output():
    catalogue = load_catalogue(HAND)
    names = artefact_labels()
    results = {r.id for p in catalogue.procedures for r in p.results}
    outputs = {o for p in catalogue.procedures for s in p.steps for o in s.outputs} - results
    assert outputs <= set(names), f"outputs without words: {sorted(outputs - set(names))}"
    assert all(set(entry) == {"vi", "en"} for entry in names.values())


def test_cli_draws_the_map_as_svg(tmp_path: Path, capsys):
    if not graphviz_available():
        pytest.skip("Graphviz `dot` is not installed")
    from engine.cli import main

    out = tmp_path / "permit.svg"
    assert main(["graph", "1.013225", "--catalogue", str(HAND), "--format", "svg", "-o", str(out)]) == 0
    assert "Bước 1" in " ".join(_visible_text(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", ["1.014267", "2.002011"])
def test_long_cases_alike_in_their_first_words_read_apart_in_their_boxes(code):
    """Ten mining-permit cases share their first 230 characters: cut to two lines, they read the same."""
    procedure = load_catalogue().get(code)
    dot = procedure_map(procedure).dot
    cells = re.findall(r'<TD BGCOLOR="#f5e6c4"[^>]*>(.*?)</TD>', dot)
    headers = [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
    assert len(headers) == len({c.case for c in procedure.components if c.case})
    assert len(set(headers)) == len(headers), "two case boxes read the same"
