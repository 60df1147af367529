"""The few lines that end every audit: findings by rule, severity and field, and what changed."""

from __future__ import annotations

from engine.services.baseline import SEVERITY_ORDER
from engine.services.summary import AuditSummary

# Fields beyond these are added up in one line: a catalogue has about a hundred of them.
FIELDS_SHOWN = 10


def format_summary(summary: AuditSummary) -> str:
    """Plain text for the terminal (standard error when the report goes to standard output)."""
    lines = [
        f"summary: {summary.findings} findings on {summary.flagged_procedures} of "
        f"{summary.procedures} procedures; {summary.problems} input problems",
        "  by severity: "
        + ", ".join(f"{s.value} {summary.by_severity.get(s.value, 0)}" for s in SEVERITY_ORDER),
    ]
    if summary.by_rule:
        lines.append("  by rule (each finding once, under its first rule):")
        lines += [f"    {rule:<28} {count:>6}" for rule, count in sorted(summary.by_rule.items())]
    if summary.by_field:
        lines.append("  by field:")
        ranked = summary.by_field.most_common()
        lines += [f"    {count:>6}  {field}" for field, count in ranked[:FIELDS_SHOWN]]
        rest = ranked[FIELDS_SHOWN:]
        if rest:
            lines.append(f"    {sum(c for _, c in rest):>6}  in {len(rest)} other fields")
    if summary.diff:
        diff = summary.diff
        lines.append(
            f"  against {diff.baseline.path}: {len(diff.new)} new, {len(diff.resolved)} resolved, "
            f"{len(diff.unchanged)} unchanged"
            + (f" ({diff.not_compared} of rules that did not run)" if diff.not_compared else "")
        )
    return "\n".join(lines)
