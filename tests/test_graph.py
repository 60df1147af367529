import networkx as nx
from hypothesis import event, given, settings
from hypothesis import strategies as st

from engine.evaluation.split import is_evaluation
from engine.graph import (
    agency_handoffs,
    build_catalogue_graph,
    build_procedure_graph,
    issuers_of,
    unused_outputs,
)
from engine.model import Procedure
from engine.services.catalogue import load_catalogue
from tests.conftest import HAND


def _construction_permit() -> Procedure:
    return Procedure.model_validate(
        {
            "code": "x.1",
            "name": "Cấp giấy phép xây dựng",
            "components": [{"id": "c1", "name": "Đơn đề nghị"}, {"id": "c2", "name": "Bản vẽ"}],
            "results": [{"id": "r1", "name": "Giấy phép xây dựng", "doc_types": ["construction_permit"]}],
            "steps": [
                {
                    "id": "s1",
                    "order": 1,
                    "action": "Tiếp nhận",
                    "agency": "Một cửa",
                    "inputs": ["c1", "c2"],
                    "outputs": ["phieu"],
                },
                {
                    "id": "s2",
                    "order": 2,
                    "action": "Thống kê",
                    "agency": "Phòng A",
                    "inputs": ["phieu"],
                    "outputs": ["bao_cao"],
                },
                {
                    "id": "s3",
                    "order": 3,
                    "action": "Thẩm định",
                    "agency": "Phòng A",
                    "inputs": ["phieu"],
                    "outputs": ["tham_dinh"],
                },
                {
                    "id": "s4",
                    "order": 4,
                    "action": "Ký",
                    "agency": "UBND",
                    "inputs": ["tham_dinh"],
                    "outputs": ["r1"],
                },
            ],
        }
    )


def test_procedure_graph_has_parts_and_edges():
    graph = build_procedure_graph(_construction_permit())
    kinds = {n: d["kind"] for n, d in graph.nodes(data=True)}
    assert kinds["step:s1"] == "step" and kinds["component:c2"] == "component"
    assert kinds["artefact:phieu"] == "artefact" and kinds["result:r1"] == "result"
    assert graph.edges["component:c1", "step:s1"]["kind"] == "consumes"
    assert graph.edges["step:s4", "result:r1"]["kind"] == "produces"
    assert graph.edges["step:s1", "step:s2"]["kind"] == "sequence"
    assert graph.edges["artefact:phieu", "step:s3"]["kind"] == "consumes"


def test_unused_outputs_finds_only_the_dead_end_step():
    assert unused_outputs(_construction_permit()) == {"s2": ["bao_cao"]}


def _dead_ends(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Steps whose every output node is an artefact no edge leaves: the definition, on the graph."""
    unused = {}
    for node, kind in graph.nodes(data="kind"):
        outputs = [t for _, t, k in graph.out_edges(node, data="kind") if k == "produces"]
        dead = all(graph.nodes[o]["kind"] == "artefact" and graph.out_degree(o) == 0 for o in outputs)
        if kind == "step" and outputs and dead:
            unused[node.split(":", 1)[1]] = [o.split(":", 1)[1] for o in outputs]
    return unused


def test_unused_outputs_are_the_dead_ends_of_the_graph_on_every_procedure(raw_folder):
    """On the hand-modelled catalogue and every development record of the portal (the evaluation split
    is never read while the engine is worked on); portal records seldom declare steps' outputs."""
    procedures = load_catalogue(HAND).procedures
    procedures += [p for p in load_catalogue(raw_folder).procedures if not is_evaluation(p.code)]
    assert len(procedures) > 1500
    for procedure in procedures:
        assert unused_outputs(procedure) == _dead_ends(build_procedure_graph(procedure)), procedure.code


_MADE = st.lists(st.sampled_from(["r1", "r2", "a1", "a2", "a3", "c1"]), max_size=3)  # a component id too


@st.composite
def _procedures(draw: st.DrawFn) -> Procedure:
    """Steps listed in any order (ties too), each taking components or what earlier steps made (as the
    model requires) and making results or artefacts (one named as a component), repeated ones included."""
    orders = draw(st.lists(st.integers(1, 4), max_size=6))
    steps: list[dict] = [{"id": f"s{i}", "order": order, "action": "Xử lý"} for i, order in enumerate(orders)]
    known = ["c1", "c2"]
    for step in sorted(steps, key=lambda s: s["order"]):
        step["inputs"] = draw(st.lists(st.sampled_from(known), max_size=3))
        step["outputs"] = draw(_MADE)
        known += step["outputs"]
    components = [{"id": c, "name": c} for c in ("c1", "c2")]
    results = [{"id": r, "name": r} for r in ("r1", "r2")]
    data = {"code": "x.1", "name": "X", "components": components, "results": results, "steps": steps}
    return Procedure.model_validate(data)


@settings(max_examples=300, deadline=None)
@given(_procedures())
def test_unused_outputs_are_the_dead_ends_of_the_graph_on_generated_procedures(procedure):
    expected = _dead_ends(build_procedure_graph(procedure))
    event("a step flagged" if expected else "none flagged")
    assert unused_outputs(procedure) == expected


def test_handoffs_between_agencies():
    assert agency_handoffs(_construction_permit()) == [("s1", "s2"), ("s3", "s4")]


def test_catalogue_graph_links_results_to_procedures_asking_for_them():
    school = Procedure.model_validate(
        {
            "code": "y.2",
            "name": "Điều chỉnh giấy phép",
            "components": [{"id": "c1", "name": "Giấy phép xây dựng", "doc_types": ["construction_permit"]}],
        }
    )
    graph = build_catalogue_graph([_construction_permit(), school])
    assert issuers_of(graph, "construction_permit") == ["x.1"]
    assert graph.edges["doc:construction_permit", "proc:y.2"]["kind"] == "requires"
    assert issuers_of(graph, "passport") == []
