"""Compliance cost (Standard Cost Model, domain notes §5): pure functions over procedures."""

from engine.cost.compliance import applicant_components, catalogue_cost, compliance_cost
from engine.cost.model import ACTIVITY_LABELS_VI, Activity, CostBreakdown, CostLine, CostSummary
from engine.cost.parameters import CostParameters, load_cost_parameters

__all__ = [
    "ACTIVITY_LABELS_VI",
    "Activity",
    "CostBreakdown",
    "CostLine",
    "CostParameters",
    "CostSummary",
    "applicant_components",
    "catalogue_cost",
    "compliance_cost",
    "load_cost_parameters",
]
