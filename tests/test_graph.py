from engine.graph import (
    agency_handoffs,
    build_catalogue_graph,
    build_procedure_graph,
    issuers_of,
    unused_outputs,
)
from engine.model import Procedure


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
    assert unused_outputs(build_procedure_graph(_construction_permit())) == {"s2": ["bao_cao"]}


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
