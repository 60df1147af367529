"""Graphs over procedures (networkx): one per procedure, and one over the whole catalogue."""

from engine.graph.catalogue_graph import build_catalogue_graph, issuers_of, requirers_of
from engine.graph.procedure_graph import agency_handoffs, build_procedure_graph, node_id, unused_outputs

__all__ = [
    "agency_handoffs",
    "build_catalogue_graph",
    "build_procedure_graph",
    "issuers_of",
    "node_id",
    "requirers_of",
    "unused_outputs",
]
