"""Use case: compare an audit with a previous one (a ``tinhgon audit --format json`` report).

Findings are matched by rule, procedure and target (its id and label, see ``compare``), so a finding
whose wording or saving changed is still the same finding, and so is one whose document was renumbered.
A finding of the baseline whose rule did not run this time is neither resolved nor unchanged: it is
counted as not compared.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from engine.adapters.decoding import DecodeProblem, decode_text
from engine.adapters.yaml_files import validation_problems
from engine.errors import UserError
from engine.model import Finding, Severity
from engine.model.target_matching import Identity, match_targets

# Most severe first: ``at_or_above`` keeps the severities as grave as a threshold or graver.
SEVERITY_ORDER = (Severity.high, Severity.medium, Severity.low)


@dataclass(frozen=True)
class Baseline:
    """The findings of a previous audit, read from its JSON report."""

    path: str
    audit_date: str
    findings: list[Finding]


@dataclass
class BaselineDiff:
    """What changed since the baseline: new findings, resolved ones, and those still there."""

    baseline: Baseline
    new: list[Finding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)  # in the baseline, gone now
    not_compared: int = 0  # baseline findings of rules that did not run this time

    def status(self, finding: Finding) -> str:
        """``new`` or ``unchanged`` for a finding of the current audit."""
        return "new" if finding.key in self._new_keys else "unchanged"

    @cached_property
    def _new_keys(self) -> set[str]:
        return {f.key for f in self.new}


def read_baseline(path: Path) -> Baseline:
    """Read a JSON audit report; any problem names the file (and the field) and raises ``UserError``."""
    try:
        text = decode_text(path.read_bytes())
    except OSError as error:
        raise UserError(f"{path}: baseline cannot be read: {error.strerror or error}") from None
    except DecodeProblem as problem:
        raise UserError(f"{path}: baseline {problem}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(f"{path}: line {error.lineno}: baseline is not valid JSON: {error.msg}") from None
    except RecursionError:
        raise UserError(f"{path}: baseline is nested too deeply to be an audit report") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise UserError(
            f"{path}: not a tinhgon audit report (expected the JSON of `tinhgon audit --format json`)"
        )
    findings = []
    for index, item in enumerate(data["findings"]):
        try:
            findings.append(Finding.model_validate(item))
        except ValidationError as error:
            first = validation_problems(str(path), error, prefix=f"findings[{index}]")[0]
            raise UserError(f"baseline {first}") from None
    return Baseline(path=str(path), audit_date=str(data.get("audit_date", "")), findings=findings)


def compare(findings: Iterable[Finding], baseline: Baseline, rules_run: Collection[str]) -> BaselineDiff:
    """Split ``findings`` into new and unchanged, and list the baseline findings now resolved.

    A finding is the same as one of the baseline when they share the rule, the procedure and the kind
    of target, and then the target's id and label, else its label (the portal's documents are numbered
    by position: a document inserted above renumbers those below), else its id (a renamed document).

    >>> from engine.model import Measure, Target
    >>> def found(id, label):
    ...     target = Target(kind="component", id=id, label=label)
    ...     return Finding(rule_id="R", procedure_code="1.0", procedure_name="P", target=target,
    ...                    severity="high", measure=Measure.cut_component, message_vi="", message_en="",
    ...                    rationale="")
    >>> before = Baseline("old.json", "", [found("c2", "Bản sao Giấy khai sinh")])
    >>> diff = compare([found("c1", "Tờ khai"), found("c3", "Bản sao Giấy khai sinh")], before, ["R"])
    >>> [f.target.label for f in diff.new], [f.target.id for f in diff.unchanged], diff.resolved
    (['Tờ khai'], ['c3'], [])
    """
    diff = BaselineDiff(baseline=baseline)
    current = list(findings)
    found = match_targets(current, baseline.findings, finding_identity, finding_identity)
    for finding, same in zip(current, found, strict=True):
        (diff.unchanged if same is not None else diff.new).append(finding)
    ran = set(rules_run)
    matched = set(found)
    for at, finding in enumerate(baseline.findings):
        if at in matched:
            continue
        if finding.rule_id in ran:
            diff.resolved.append(finding)
        else:
            diff.not_compared += 1
    return diff


def finding_identity(f: Finding) -> Identity:
    return (f.rule_id, f.procedure_code, f.target.kind), f.target.id, f.target.label


def at_or_above(severities: Iterable[str], threshold: Severity) -> list[str]:
    """The severities (of findings) that are ``threshold`` or graver."""
    graver = set(SEVERITY_ORDER[: SEVERITY_ORDER.index(threshold) + 1])
    return [s for s in severities if s in graver]
