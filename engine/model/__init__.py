"""Domain model: procedures, data sources and findings. No I/O here."""

from engine.model.findings import Finding, Measure, Saving, Severity, Target, TargetKind
from engine.model.procedure import (
    Agencies,
    Channel,
    ChannelKind,
    DossierComponent,
    Duration,
    Fee,
    LegalRef,
    Level,
    OnlineLevel,
    Procedure,
    Result,
    ReuseClause,
    Step,
    StepKind,
    TimeUnit,
    Volume,
)
from engine.model.sources import DataSource, Replacement, SourceRegistry

__all__ = [
    "Agencies", "Channel", "ChannelKind", "DataSource", "DossierComponent", "Duration", "Fee",
    "Finding", "LegalRef", "Level", "Measure", "OnlineLevel", "Procedure", "Replacement", "Result",
    "ReuseClause", "Saving", "Severity", "SourceRegistry", "Step", "StepKind", "Target", "TargetKind",
    "TimeUnit", "Volume",
]
