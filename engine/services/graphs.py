"""Use cases on graphs: a procedure's graph as dot, with the findings marked on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from engine.graph import build_procedure_graph, node_id
from engine.graph.dot import to_dot
from engine.model import Finding, Procedure, TargetKind


def procedure_dot(procedure: Procedure, findings: Iterable[Finding] = ()) -> str:
    """Dot text of ``procedure``'s graph; nodes that findings target are flagged with their rule ids."""
    graph = build_procedure_graph(procedure)
    flagged: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        if finding.target.kind in (TargetKind.component, TargetKind.step):
            node = node_id(finding.target.kind.value, finding.target.id)
            if node in graph and finding.rule_id not in flagged[node]:
                flagged[node].append(finding.rule_id)
    return to_dot(graph, flagged)
