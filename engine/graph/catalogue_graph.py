"""The catalogue graph: which procedure issues a document type that other procedures ask for.

Nodes are ``"proc:<code>"`` (kind ``procedure``) and ``"doc:<type>"`` (kind ``doc_type``). An edge
``proc -> doc`` (kind ``issues``) means one of the procedure's results is that document type; an edge
``doc -> proc`` (kind ``requires``) means one of its dossier components is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from engine.model import Procedure


def build_catalogue_graph(procedures: Iterable[Procedure]) -> nx.DiGraph:
    """Link results to the procedures that ask for them.

    >>> from engine.model import Procedure, DossierComponent, Result
    >>> birth = Procedure(code="1", name="Khai sinh",
    ...     results=[Result(id="r1", name="Giấy khai sinh", doc_types=["birth_certificate"])])
    >>> school = Procedure(code="2", name="Nhập học",
    ...     components=[DossierComponent(id="c1", name="Giấy khai sinh", doc_types=["birth_certificate"])])
    >>> issuers_of(build_catalogue_graph([birth, school]), "birth_certificate")
    ['1']
    """
    import networkx as nx  # here: an audit served from its cache builds no graph

    graph = nx.DiGraph()
    for procedure in procedures:
        proc = f"proc:{procedure.code}"
        graph.add_node(proc, kind="procedure", label=procedure.name)
        for result in procedure.results:
            for doc_type in result.doc_types:
                graph.add_node(f"doc:{doc_type}", kind="doc_type", label=doc_type)
                graph.add_edge(proc, f"doc:{doc_type}", kind="issues")
        for component in procedure.components:
            for doc_type in component.doc_types:
                graph.add_node(f"doc:{doc_type}", kind="doc_type", label=doc_type)
                graph.add_edge(f"doc:{doc_type}", proc, kind="requires")
    return graph


def issuers_of(graph: nx.DiGraph, doc_type: str) -> list[str]:
    """Codes of the procedures whose result is ``doc_type``, sorted."""
    node = f"doc:{doc_type}"
    if node not in graph:
        return []
    return sorted(p.split(":", 1)[1] for p, _ in graph.in_edges(node))


def requirers_of(graph: nx.DiGraph, doc_type: str) -> list[str]:
    """Codes of the procedures with a dossier component of ``doc_type``, sorted."""
    node = f"doc:{doc_type}"
    if node not in graph:
        return []
    return sorted(p.split(":", 1)[1] for _, p in graph.out_edges(node))
