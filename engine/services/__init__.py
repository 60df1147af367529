"""The service layer: the use cases both entry points (CLI and workbench) call."""

from engine.services.audit import AuditResult, Rulebook, audit, load_rulebook
from engine.services.catalogue import Catalogue, load_catalogue, load_registry
from engine.services.graphs import procedure_dot

__all__ = [
    "AuditResult",
    "Catalogue",
    "Rulebook",
    "audit",
    "load_catalogue",
    "load_registry",
    "load_rulebook",
    "procedure_dot",
]
