"""Use cases on graphs: a procedure's graph as dot, and its readable map (dot, SVG, PNG) with the findings
and, optionally, a plan's accepted measures marked on it. The CLI and the workbench both call these."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from engine.cost.parameters import CostParameters, load_cost_parameters
from engine.errors import UserError
from engine.graph import build_procedure_graph, node_id
from engine.graph.dot import to_dot
from engine.graph.procedure_map import MapMarks, ProcedureMap, build_procedure_map
from engine.model import Finding, Measure, Procedure, TargetKind
from engine.plans.model import MEASURE_LABELS_VI, Plan, PlanMeasure
from engine.plans.projection import apply_plan
from engine.rules.pack import Rule

ARTEFACT_LABELS_FILE = Path(__file__).resolve().parents[1] / "graph" / "artefact_labels.yaml"

# Measures after which their component or step is no longer there.
_REMOVING = {Measure.cut_component, Measure.replace_with_data, Measure.cut_step, Measure.merge_steps}

GRAPHVIZ_MISSING = (
    "Graphviz's `dot` program is not installed, so the map cannot be drawn as SVG or PNG "
    "(on Debian: apt-get install graphviz)"
)


def procedure_dot(procedure: Procedure, findings: Iterable[Finding] = ()) -> str:
    """Dot text of ``procedure``'s graph; nodes that findings target are flagged with their rule ids."""
    graph = build_procedure_graph(procedure)
    flagged: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        if finding.target.kind in (TargetKind.component, TargetKind.step):
            node = node_id(finding.target.kind.value, finding.target.id)
            if node in graph and finding.rule_id not in flagged[node]:
                flagged[node].append(finding.rule_id)
    return to_dot(graph, flagged)


@cache
def artefact_labels() -> dict[str, dict[str, str]]:
    """Names of the intermediate outputs hand-modelled steps pass on, by id and language."""
    data = yaml.safe_load(ARTEFACT_LABELS_FILE.read_text(encoding="utf-8")) or {}
    return {str(key): dict(value) for key, value in data.items()}


MEASURE_LABELS_EN = {
    Measure.abolish: "Abolish the procedure",
    Measure.merge: "Merge procedures",
    Measure.interlink: "Interlink procedures",
    Measure.cut_component: "Cut a dossier component",
    Measure.replace_with_data: "Replace a component with a data lookup",
    Measure.accept_electronic_copy: "Electronic copy instead of a certified copy",
    Measure.cut_step: "Cut a step",
    Measure.merge_steps: "Merge steps",
    Measure.shorten_time_limit: "Shorten the time limit",
    Measure.cut_fee: "Cut a fee",
    Measure.move_fully_online: "Offer the service fully online",
    Measure.digital_inspection: "Digital inspection instead of an on-site visit",
}


def measure_label(measure: Measure, lang: str) -> str:
    """A measure's name in ``lang``, never its internal value."""
    return MEASURE_LABELS_VI[measure] if lang == "vi" else MEASURE_LABELS_EN[measure]


@dataclass
class PlanOnProcedure:
    """What a plan's accepted measures on one procedure do to it."""

    procedure: Procedure | None  # after the measures; None when they abolish it
    applied: list[PlanMeasure]
    not_applied: list[PlanMeasure]


def plan_on_procedure(
    procedure: Procedure,
    plan: Plan,
    catalogue: Sequence[Procedure] = (),
    params: CostParameters | None = None,
) -> PlanOnProcedure:
    """Apply the plan's accepted measures on ``procedure``, and only those: the procedures its merges take
    in come from ``catalogue`` (without them a merge has nothing to merge with)."""
    mine = [m for m in plan.applied if m.procedure_code == procedure.code]
    partners = {code for m in mine for code in m.related_codes} - {procedure.code}
    others = [p for p in catalogue if p.code in partners]
    own = plan.model_copy(update={"measures": mine})
    projection = apply_plan([procedure, *others], own, params or load_cost_parameters())
    applied = set(projection.applied)
    return PlanOnProcedure(
        next((p for p in projection.procedures if p.code == procedure.code), None),
        [m for m in mine if m.id in applied],
        [m for m in mine if m.id not in applied],
    )


def procedure_map(
    procedure: Procedure,
    findings: Iterable[Finding] = (),
    rules: Sequence[Rule] = (),
    lang: str = "vi",
    applied: Sequence[PlanMeasure] | None = None,
) -> ProcedureMap:
    """The map of ``procedure`` with its findings flagged by rule title (from ``rules``).

    With the ``applied`` measures of a plan (:func:`plan_on_procedure`), the map shows the procedure
    after them: what they change is marked in green, what they remove struck out, and the findings they
    settle are no longer flagged.
    """
    titles = {r.id: (r.title_vi if lang == "vi" else r.title_en) for r in rules}
    marks = MapMarks()
    settled = _mark_plan(procedure, applied, lang, marks) if applied is not None else set()
    for finding in findings:
        if finding.procedure_code != procedure.code or finding.key in settled:
            continue
        kind = finding.target.kind
        key = (kind.value, finding.target.id) if kind in (TargetKind.component, TargetKind.step) else None
        title = titles.get(finding.rule_id, finding.rule_id)
        flags = marks.flags.setdefault(key or ("procedure", procedure.code), [])
        if title not in flags:
            flags.append(title)
    return build_procedure_map(procedure, lang, marks, artefact_labels())


def _mark_plan(procedure: Procedure, applied: Sequence[PlanMeasure], lang: str, marks: MapMarks) -> set[str]:
    """Mark what the ``applied`` measures do to ``procedure``; return the finding keys they settle."""
    settled = set()
    for measure in applied:
        target = measure.target
        if target and target.kind in (TargetKind.component, TargetKind.step):
            key = (target.kind.value, target.id)
        else:
            key = ("procedure", procedure.code)
        changes = marks.changes.setdefault(key, [])
        text = measure_label(measure.measure, lang)
        if text not in changes:
            changes.append(text)
        if measure.measure in _REMOVING and key[0] != "procedure":
            marks.removed.add(key)
        if measure.finding_key:
            settled.add(measure.finding_key)
    return settled


def render_svg(dot: str) -> str:
    """The map drawn by Graphviz as SVG, without the ``<title>`` elements that repeat node names
    (browsers show them as tooltips; the map's own tooltips carry the words)."""
    svg = _run_dot(dot, "svg").decode("utf-8")
    return re.sub(r"\s*<title>[^<]*</title>", "", svg)


def render_png(dot: str, dpi: int = 110) -> bytes:
    """The map drawn by Graphviz as PNG at ``dpi`` dots per inch."""
    return _run_dot(dot, "png", f"-Gdpi={dpi}")


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def _run_dot(dot: str, fmt: str, *options: str) -> bytes:
    binary = shutil.which("dot")
    if binary is None:
        raise UserError(GRAPHVIZ_MISSING)
    done = subprocess.run(
        [binary, f"-T{fmt}", *options], input=dot.encode("utf-8"), capture_output=True, timeout=60
    )
    if done.returncode != 0:
        raise UserError(f"Graphviz could not draw the map: {done.stderr.decode('utf-8', 'replace')[:300]}")
    return done.stdout
