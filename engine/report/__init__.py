"""Audit reports people can open: JSON (with a JSON Schema), CSV and Markdown."""

from engine.report.findings import FORMATS, render_findings

__all__ = ["FORMATS", "render_findings"]
