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


def unused_outputs(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Steps whose every output is neither a result nor consumed by a later step.

    Returns ``{step id: [output ids]}``; steps with no declared outputs are not judged.
    """
    unused: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] != "step":
            continue
        outputs = [t for _, t, kind in graph.out_edges(node, data="kind") if kind == "produces"]
        if outputs and all(_is_dead_end(graph, out) for out in outputs):
            unused[node.split(":", 1)[1]] = [out.split(":", 1)[1] for out in outputs]
    return unused


def _is_dead_end(graph: nx.DiGraph, output: str) -> bool:
    return graph.nodes[output]["kind"] == "artefact" and graph.out_degree(output) == 0


def agency_handoffs(procedure: Procedure) -> list[tuple[str, str]]:
    """Pairs of consecutive steps (by order) done by different agencies: each is a hand-off."""
    steps = [s for s in sorted(procedure.steps, key=lambda s: s.order) if s.agency]
    return [(a.id, b.id) for a, b in zip(steps, steps[1:], strict=False) if a.agency != b.agency]
