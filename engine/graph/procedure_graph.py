"""The graph of one procedure: steps, documents, artefacts and results.

Nodes are strings ``"<kind>:<id>"`` with attributes ``kind`` (step, component, artefact, result) and
``label``. Edges carry ``kind``: ``sequence`` (step to next step), ``consumes`` (document or artefact to
the step that uses it) and ``produces`` (step to what it makes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from engine.model import Procedure


def node_id(kind: str, item_id: str) -> str:
    """Graph node name for a procedure part.

    >>> node_id("step", "s1")
    'step:s1'
    """
    return f"{kind}:{item_id}"


def build_procedure_graph(procedure: Procedure) -> nx.DiGraph:
    """Directed graph of ``procedure``.

    >>> from engine.model import Procedure, DossierComponent, Step, Result
    >>> p = Procedure(code="x.1", name="X", components=[DossierComponent(id="c1", name="Tờ khai")],
    ...     steps=[Step(id="s1", order=1, action="Nộp", inputs=["c1"], outputs=["r1"])],
    ...     results=[Result(id="r1", name="Giấy phép")])
    >>> sorted(build_procedure_graph(p).edges(data="kind"))
    [('component:c1', 'step:s1', 'consumes'), ('step:s1', 'result:r1', 'produces')]
    """
    import networkx as nx  # here: an audit served from its cache builds no graph

    graph = nx.DiGraph(code=procedure.code, name=procedure.name)
    for component in procedure.components:
        graph.add_node(node_id("component", component.id), kind="component", label=component.name)
    results = {r.id for r in procedure.results}
    for result in procedure.results:
        graph.add_node(node_id("result", result.id), kind="result", label=result.name)
    produced_by: dict[str, str] = {}
    steps = sorted(procedure.steps, key=lambda s: s.order)
    for step in steps:
        step_node = node_id("step", step.id)
        graph.add_node(step_node, kind="step", label=step.action, agency=step.agency, step_kind=step.kind)
        for item in step.inputs:
            source = produced_by.get(item, node_id("component", item))
            graph.add_edge(source, step_node, kind="consumes")
        for item in step.outputs:
            target = node_id("result", item) if item in results else node_id("artefact", item)
            if target not in graph:
                graph.add_node(target, kind="artefact", label=item)
            graph.add_edge(step_node, target, kind="produces")
            produced_by[item] = target
    for before, after in zip(steps, steps[1:], strict=False):
        graph.add_edge(node_id("step", before.id), node_id("step", after.id), kind="sequence")
    return graph


def unused_outputs(procedure: Procedure) -> dict[str, list[str]]:
    """Steps whose every output is neither a result nor consumed by a later step: in the procedure's graph,
    steps whose every ``produces`` edge ends at an artefact that no edge leaves.

    Found on the steps themselves, as ``agency_handoffs`` is, so that an audit builds no graph (and does
    not import networkx: a third of a second when one record changed); a test checks it against the graph
    on every procedure of the portal records. Returns ``{step id: [output ids]}``; steps with no declared
    outputs are not judged.

    >>> from engine.model import Procedure, Step, Result
    >>> p = Procedure(code="x.1", name="X", results=[Result(id="r1", name="Giấy phép")], steps=[
    ...     Step(id="s1", order=1, action="Thẩm định", outputs=["phieu"]),
    ...     Step(id="s2", order=2, action="Báo cáo", outputs=["bao_cao"]),
    ...     Step(id="s3", order=3, action="Cấp phép", inputs=["phieu"], outputs=["r1"])])
    >>> unused_outputs(p)
    {'s2': ['bao_cao']}
    """
    results = {r.id for r in procedure.results}
    steps = sorted(procedure.steps, key=lambda s: s.order)
    produced: set[str] = set()
    consumed: set[str] = set()  # artefacts a step takes in after an earlier step made them
    for step in steps:
        consumed.update(item for item in step.inputs if item in produced)
        produced.update(step.outputs)
    unused: dict[str, list[str]] = {}
    for step in steps:
        outputs = list(dict.fromkeys(step.outputs))  # a graph has one edge per output
        if outputs and all(out not in results and out not in consumed for out in outputs):
            unused[step.id] = outputs
    return unused


def agency_handoffs(procedure: Procedure) -> list[tuple[str, str]]:
    """Pairs of consecutive steps (by order) done by different agencies: each is a hand-off."""
    steps = [s for s in sorted(procedure.steps, key=lambda s: s.order) if s.agency]
    return [(a.id, b.id) for a, b in zip(steps, steps[1:], strict=False) if a.agency != b.agency]
