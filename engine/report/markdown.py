"""The Markdown report of an audit, for people to read: Vietnamese first, English on request.

Rules are named by their titles and targets by what they are (the dossier component's name, the step's
text), as a reform team reads them; rule ids stay in the JSON and CSV reports, for pipelines.
"""

from __future__ import annotations

from collections import Counter

from engine.formatting import fixed_number, markdown_cell
from engine.model import Finding
from engine.model.findings import SEVERITY_LABELS, Severity, TargetKind
from engine.services.audit import AuditResult
from engine.services.baseline import SEVERITY_ORDER, BaselineDiff
from engine.services.rules_info import RuleStanding
from engine.services.summary import AuditSummary

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Kết quả rà soát thủ tục hành chính (Tinh Gọn)", "Tinh Gọn audit"),
    "opening": (
        "Ngày rà soát {date}: {procedures} thủ tục, {findings} phát hiện trên {flagged} thủ tục.",
        "Audit date {date}: {procedures} procedures, {findings} findings on {flagged} procedures.",
    ),
    "rule": ("Quy tắc", "Rule"),
    "standing": ("Áp dụng và độ chính xác đo được", "Standing"),
    "judged_on": ("Đánh giá trên", "Judged on"),
    "hits": ("Số phát hiện", "Hits"),
    "severity": ("Mức độ", "Severity"),
    "findings": ("Số phát hiện", "Findings"),
    "field": ("Lĩnh vực", "Field (lĩnh vực)"),
    "target": ("Đối tượng", "Target"),
    "finding": ("Phát hiện", "Finding"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "new": ("mới", "new"),
    "compared": ("So sánh với {path} ({date})", "Compared with {path} ({date})"),
    "changes": (
        "{new} phát hiện mới, {resolved} đã hết, {unchanged} không đổi",
        "{new} new, {resolved} resolved, {unchanged} unchanged",
    ),
    "not_compared": ("; {n} của các quy tắc lần này không chạy", "; {n} of rules that did not run this time"),
    "resolved": ("Đã hết", "Resolved"),
    "procedure": ("Thủ tục", "Procedure"),
}
_KINDS = {
    TargetKind.procedure: ("Cả thủ tục", "Whole procedure"),
    TargetKind.component: ("Thành phần hồ sơ", "Dossier component"),
    TargetKind.step: ("Bước", "Step"),
    TargetKind.channel: ("Cách thức thực hiện", "Channel"),
}


def render_markdown(
    result: AuditResult,
    diff: BaselineDiff | None = None,
    summary: AuditSummary | None = None,
    standings: dict[str, RuleStanding] | None = None,
    lang: str = "vi",
) -> str:
    """The report: the rules that ran, the counts, the comparison with a baseline, then each procedure's
    findings. ``standings`` (``engine.services.rules_info.rule_standings``) give the rules' titles, whether
    each is experimental and its measured precision; without them rules are named by id."""
    say = _Say(lang, standings or {})
    hits = result.hits_by_rule()
    lines = [
        f"# {say('title')}",
        "",
        say(
            "opening",
            date=result.audit_date.isoformat(),
            procedures=say.number(result.procedures),
            findings=say.number(len(result.findings)),
            flagged=say.number(len({f.procedure_code for f in result.findings})),
        ),
        "",
        *_rules_table(result.rules, hits, say),
        "",
    ]
    if summary:
        lines += _summary_tables(summary, say)
    if diff:
        lines += _baseline_section(diff, say)
    by_procedure: Counter[str] = Counter()
    for f in result.findings:
        if by_procedure[f.procedure_code] == 0:
            lines += [
                "",
                f"## {f.procedure_code} {markdown_cell(f.procedure_name)}",
                "",
                f"| {say('rule')} | {say('severity')} | {say('target')} | {say('finding')} | "
                f"{say('legal_basis')} |",
                "|---|---|---|---|---|",
            ]
        by_procedure[f.procedure_code] += 1
        refs = ", ".join(str(r) for r in f.references)
        new = f" ({say('new')})" if diff and diff.status(f) == "new" else ""
        message = f.message_en if lang == "en" else f.message_vi
        rules = "; ".join(say.rule(r) for r in f.all_rule_ids)
        lines.append(
            f"| {markdown_cell(rules)} | {say.severity(f.severity.value)}{new} | "
            f"{markdown_cell(say.target(f))} | "
            f"{markdown_cell(message)} | {markdown_cell(refs)} |"
        )
    return "\n".join(lines) + "\n"


class _Say:
    """Labels, rule titles, severities and numbers in one language."""

    def __init__(self, lang: str, standings: dict[str, RuleStanding]) -> None:
        self.en = lang == "en"
        self.lang = lang
        self.standings = standings

    def __call__(self, key: str, **values: object) -> str:
        return _LABELS[key][self.en].format(**values)

    def rule(self, rule_id: str) -> str:
        standing = self.standings.get(rule_id)
        return standing.title(self.lang) if standing and standing.title(self.lang) else rule_id

    def severity(self, value: str) -> str:
        return SEVERITY_LABELS[Severity(value)][self.en]

    def target(self, f: Finding) -> str:
        kind = _KINDS[f.target.kind][self.en]
        return kind if f.target.kind == TargetKind.procedure else f"{kind}: {f.target.label}"

    def number(self, n: int) -> str:
        """``2.119`` in Vietnamese, ``2,119`` in English."""
        return fixed_number(n, self.lang)


def _rules_table(rules: list[str], hits: Counter[str], say: _Say) -> list[str]:
    """The rules that ran and their hits; with their standings, whether each is experimental and how
    many of its findings an independent judge found right (``rules/precision.yaml``)."""
    lines = [
        f"| {say('rule')} | {say('standing')} | {say('judged_on')} | {say('hits')} |",
        "|---|---|---|---:|",
    ]
    for rule in rules:
        standing = say.standings.get(rule)
        judged = standing.precision if standing else None
        text = standing.text(say.lang) if standing else ""
        on = markdown_cell(judged.described(say.lang)) if judged else ""
        lines.append(f"| {markdown_cell(say.rule(rule))} | {text} | {on} | {say.number(hits.get(rule, 0))} |")
    return lines


def _summary_tables(summary: AuditSummary, say: _Say) -> list[str]:
    lines = [f"| {say('severity')} | {say('findings')} |", "|---|---:|"]
    lines += [
        f"| {say.severity(s.value)} | {say.number(summary.by_severity.get(s.value, 0))} |"
        for s in SEVERITY_ORDER
    ]
    lines += ["", f"| {say('field')} | {say('findings')} |", "|---|---:|"]
    by_field = summary.by_field.most_common()
    lines += [f"| {markdown_cell(field)} | {say.number(count)} |" for field, count in by_field]
    return [*lines, ""]


def _baseline_section(diff: BaselineDiff, say: _Say) -> list[str]:
    changes = say(
        "changes",
        new=say.number(len(diff.new)),
        resolved=say.number(len(diff.resolved)),
        unchanged=say.number(len(diff.unchanged)),
    )
    not_compared = say("not_compared", n=say.number(diff.not_compared)) if diff.not_compared else ""
    lines = [
        f"## {say('compared', path=markdown_cell(diff.baseline.path), date=diff.baseline.audit_date)}",
        "",
        f"{changes}{not_compared}.",
        "",
    ]
    if diff.resolved:
        lines += [f"| {say('resolved')} | {say('procedure')} | {say('target')} |", "|---|---|---|"]
        lines += [
            f"| {markdown_cell(say.rule(f.rule_id))} | "
            f"{f.procedure_code} {markdown_cell(f.procedure_name)} | {markdown_cell(say.target(f))} |"
            for f in diff.resolved
        ]
        lines.append("")
    return lines
