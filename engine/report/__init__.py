"""Audit reports people can open: JSON (with a JSON Schema), CSV and Markdown."""

from engine.report.findings import FORMATS, render_findings, render_json

__all__ = ["FORMATS", "render_findings", "render_json"]
