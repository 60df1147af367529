"""Graphviz dot text for a procedure graph, with flagged nodes marked. No Graphviz binary needed:
the workbench renders dot in the browser (``st.graphviz_chart``) and the CLI prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

_SHAPES = {"step": "box", "component": "note", "artefact": "ellipse", "result": "doubleoctagon"}
_FILL = {"step": "#e8f0fe", "component": "#fff8e1", "artefact": "#f1f3f4", "result": "#e6f4ea"}
_EDGE_STYLE = {"sequence": "bold", "consumes": "solid", "produces": "dashed"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _wrap(text: str, width: int = 28, max_lines: int = 4) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "\n".join(lines)


def to_dot(graph: nx.DiGraph, flagged: dict[str, list[str]] | None = None) -> str:
    """Dot text; ``flagged`` maps node ids to rule ids, drawn in red with the rule ids in the label.

    >>> import networkx as nx
    >>> g = nx.DiGraph(name="X"); g.add_node("step:s1", kind="step", label="Nộp hồ sơ")
    >>> 'color="#d93025"' in to_dot(g, {"step:s1": ["TG-A"]})
    True
    """
    flagged = flagged or {}
    lines = [
        f"digraph {_quote(graph.graph.get('code', 'procedure'))} {{",
        '  rankdir=LR; node [fontname="Helvetica", fontsize=10, style=filled]; edge [fontsize=9];',
    ]
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "artefact")
        label = _wrap(str(data.get("label", node)))
        attrs = [f"label={_quote(label)}", f"shape={_SHAPES.get(kind, 'box')}"]
        if node in flagged:
            label += "\n⚑ " + ", ".join(flagged[node])
            attrs = [f"label={_quote(label)}", f"shape={_SHAPES.get(kind, 'box')}"]
            attrs += ['color="#d93025"', "penwidth=2.5", 'fillcolor="#fce8e6"']
        else:
            attrs.append(f'fillcolor="{_FILL.get(kind, "#ffffff")}"')
        lines.append(f"  {_quote(node)} [{', '.join(attrs)}];")
    for source, target, kind in graph.edges(data="kind"):
        lines.append(f"  {_quote(source)} -> {_quote(target)} [style={_EDGE_STYLE.get(kind, 'solid')}];")
    lines.append("}")
    return "\n".join(lines)
