"""The procedure map: a procedure drawn top to bottom, as one-stop offices draw their internal process.

Pure function from a procedure (and what to mark on it) to Graphviz dot text. The layout:

- the dossier (hồ sơ) on top, one table per case (trường hợp) listing that case's components, so a
  component required in seven cases appears once in each case, and one arrow leads from the dossier
  to the step that receives it (never one arrow per component);
- below it one lane per agency (or actor), the applicant's first; each step sits in the lane of whoever
  does it, with what it passes on (→), and arrows lead from a step to the steps using its outputs (or
  to the next step when the record declares no data flow); results sit in the lane that issues them;
- every label in words: step number, action, duration and actor; component name and copies; flagged
  parts in red with the rule's title; parts a plan changes in green, and removed parts struck out.

Each clickable part carries an ``href`` ``#<token>``; ``ProcedureMap.parts`` maps tokens back to the
procedure's components, steps and results, so a viewer can show their text and findings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from engine.graph.map_labels import actor_text, duration, label
from engine.model import DossierComponent, Procedure, Step, StepKind
from engine.recognise.text import fold, lower_text

# Part kinds, as ``MapPart.kind``.
COMPONENT, STEP, RESULT = "component", "step", "result"

_FONT = "DejaVu Sans"
_RED, _RED_FILL = "#b3261e", "#fdecea"
_GREEN = "#137333"
_GREY = "#5f6368"
_LANE_FILLS = ("#f1f6fe", "#f3f8f1", "#fdf6ec", "#f6f1fb", "#eef7f8", "#fbf1f4")
_APPLICANT_FILL = "#f8f9fa"

# Words in an actor's name that mean the applicant does the step, folded (no diacritics, lower case).
_APPLICANT_WORDS = (
    "nguoi yeu cau",
    "nguoi nop",
    "nguoi de nghi",
    "nguoi dang ky",
    "nguoi su dung dat",
    "chu dau tu",
    "to chuc, ca nhan",
    "ca nhan, to chuc",
    "cong dan",
    "applicant",
)

# A published step text that starts with its own number ("Bước 2: …", "Bước 1 1. …").
_STEP_NUMBER = re.compile(r"^\s*Bước\s*\d+\s*[:.\-–]?\s*(\d+\s*[.)]\s*)?", re.IGNORECASE)

_WRAP = {"lane": 28, "step": 30, "component": 48, "case": 52, "result": 30, "title": 90}
_MAX_LINES = {"lane": 3, "step": 5, "component": 3, "case": 2, "result": 3, "title": 2}


@dataclass(frozen=True)
class MapPart:
    """One clickable part of the map: what it is and which procedure item it stands for."""

    kind: str  # component, step, result
    item_id: str  # the component, step, output or result id in the procedure
    label: str  # its words, as the map shows them (unwrapped)


@dataclass
class MapMarks:
    """What to mark on the map, keyed by (kind, item id); kind is component, step or procedure.

    ``flags`` hold the titles of the rules whose findings target the part; ``changes`` the measures
    of a plan that change it; ``removed`` the parts those measures take away.
    """

    flags: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    changes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    removed: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class ProcedureMap:
    dot: str
    parts: dict[str, MapPart]  # token (the href without '#') → part

    @property
    def node_count(self) -> int:
        """Parts drawn: components (one per case they appear in), steps, outputs and results."""
        return len(self.parts)


def build_procedure_map(
    procedure: Procedure,
    lang: str = "vi",
    marks: MapMarks | None = None,
    artefact_names: Mapping[str, Mapping[str, str]] | None = None,
) -> ProcedureMap:
    """Dot text of ``procedure``'s map in ``lang`` (vi or en).

    ``artefact_names`` maps output ids to their names by language (``engine/graph/artefact_labels.yaml``);
    an output missing from it is named after the step that makes it, never by its id.

    >>> from engine.model import Procedure, DossierComponent, Step, Result
    >>> p = Procedure(code="x.1", name="Cấp phép", components=[DossierComponent(id="c1", name="Tờ khai")],
    ...     steps=[Step(id="s1", order=1, action="Nộp hồ sơ", kind="submit", inputs=["c1"], outputs=["r1"])],
    ...     results=[Result(id="r1", name="Giấy phép")])
    >>> m = build_procedure_map(p)
    >>> sorted(part.label for part in m.parts.values())
    ['Giấy phép', 'Nộp hồ sơ', 'Tờ khai']
    >>> "Bước 1" in m.dot, m.node_count
    (True, 3)
    """
    builder = _Builder(procedure, lang, marks or MapMarks(), artefact_names or {})
    return ProcedureMap(builder.dot(), builder.parts)


class _Builder:
    def __init__(
        self,
        procedure: Procedure,
        lang: str,
        marks: MapMarks,
        artefact_names: Mapping[str, Mapping[str, str]],
    ) -> None:
        self.procedure = procedure
        self.lang = lang
        self.marks = marks
        self.artefact_names = artefact_names
        self.parts: dict[str, MapPart] = {}
        self.lines: list[str] = []
        self.steps = sorted(procedure.steps, key=lambda s: s.order)
        self.result_ids = {r.id for r in procedure.results}

    # -- the whole graph ------------------------------------------------------------------------

    def dot(self) -> str:
        self.lines = [
            "digraph procedure_map {",
            # mclimit: fewer crossing-minimisation passes keep the lanes nearer their order (applicant first).
            "  graph [rankdir=TB, newrank=true, compound=true, mclimit=0.1, nodesep=0.3, ranksep=0.42, "
            "pad=0.25, "
            f'fontname="{_FONT}", fontsize=15, labelloc=t, labeljust=l, bgcolor="white", '
            f"label={self._title()}];",
            f'  node [fontname="{_FONT}", fontsize=13, shape=box, style="rounded,filled", '
            f'fillcolor="white", color="{_GREY}", margin="0.14,0.08"];',
            f'  edge [color="{_GREY}", arrowsize=0.8, penwidth=1.2];',
        ]
        dossier_tail = self._dossier()
        producers = self._lanes()
        self._edges(dossier_tail, producers)
        self.lines.append("}")
        return "\n".join(self.lines)

    def _title(self) -> str:
        rows = [_text(f"{self.procedure.code} · {self.procedure.name}", "title", bold=True)]
        key = ("procedure", self.procedure.code)
        for title in self.marks.flags.get(key, []):
            rows.append(_font(_RED, _esc(f"⚑ {label('whole_procedure', self.lang)}: {title}")))
        for change in self.marks.changes.get(key, []):
            rows.append(_font(_GREEN, _esc(f"✓ {change}")))
        return "<" + '<BR ALIGN="LEFT"/>'.join(rows) + '<BR ALIGN="LEFT"/>>'

    # -- the dossier: one table per case ------------------------------------------------------

    def _dossier(self) -> str | None:
        """Draw the dossier cluster; return the node an arrow from the dossier starts at."""
        components = self.procedure.components
        if not components:
            return None
        groups: dict[str | None, list] = {}
        for component in components:
            groups.setdefault(component.case, []).append(component)
        cases = [c for c in groups if c]
        summary = (
            label("dossier_summary", self.lang, components=len(components), cases=len(cases))
            if cases
            else label("dossier_summary_no_case", self.lang, components=len(components))
        )
        self.lines += [
            "  subgraph cluster_dossier {",
            f'    label=<<B>{_esc(summary)}</B>>; style="rounded,filled"; fillcolor="#fffaf0"; '
            f'color="#e0c080"; fontsize=14; margin=12;',
        ]
        tables = []
        ordered = ([None] if None in groups else []) + cases
        # Long cases alike in their first words would be cut to the same words: the shared runs are elided
        # (room left for the «Trường hợp: » a header may start with).
        shown = distinct_cases(cases, _WRAP["case"] * _MAX_LINES["case"] - len("Trường hợp: "))
        for case in ordered:
            header = (
                case_header(shown[case], self.lang)
                if case
                else label("common_components" if cases else "all_components", self.lang)
            )
            tables.append(self._table(header, groups[case]))
        block = _masonry(tables, label("continued", self.lang))
        self.lines.append(f'    dossier [id="dossier", shape=plain, style=solid, label=<{block}>];')
        self.lines.append("  }")
        return "dossier"

    def _table(self, header: str, components: Sequence[DossierComponent]) -> _CaseTable:
        """One case's header and rows, each with its height in points (to balance the columns)."""
        rows = []
        for component in components:
            token = self._part(COMPONENT, component.id, component.name)
            key = (COMPONENT, component.id)
            removed = key in self.marks.removed
            flags = [] if removed else self.marks.flags.get(key, [])
            changes = self.marks.changes.get(key, [])
            body = _text(component.name, "component", strike=removed, colour=_GREY if removed else None)
            height = _PAD_PT + _lines_pt(
                len(wrap(component.name, _WRAP["component"], _MAX_LINES["component"]))
            )
            details = copies_text(component, self.lang)
            if details:
                body += '<BR ALIGN="LEFT"/>' + _font(_GREY, _esc(details), size=11)
                height += _SMALL_LINE_PT
            for title in flags:
                body += '<BR ALIGN="LEFT"/>' + _font(_RED, _esc(f"⚑ {title}"), size=12)
            for change in changes:
                body += '<BR ALIGN="LEFT"/>' + _font(_GREEN, _esc(f"✓ {change}"), size=12)
            height += _FLAG_LINE_PT * (len(flags) + len(changes))
            fill = _RED_FILL if flags else "#ffffff"
            rows.append(
                (
                    f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{fill}" HREF="#{token}" '
                    f'TITLE="{_attr(component.name)}" ID="{token}">{body}</TD></TR>',
                    height,
                )
            )
        return _CaseTable(header, rows)

    # -- lanes: steps, outputs, results -----------------------------------------------------------

    def _lanes(self) -> dict[str, str]:
        """Draw one cluster per lane; return output or result id → node name of what makes it."""
        lanes: dict[str, list[Step]] = {}
        spelt: dict[str, str] = {}  # one lane per agency however its name is capitalised: the first spelling
        for step in self.steps:
            name = self._lane(step)
            lanes.setdefault(spelt.setdefault(lower_text(name), name), []).append(step)
        applicant = label("applicant", self.lang)
        order = sorted(lanes, key=lambda name: name != applicant)  # the applicant's lane first (stable)
        results = {r.id: r for r in self.procedure.results}
        produced: dict[str, str] = {}
        issued = {o for s in self.steps for o in s.outputs if o in results}
        last_step = self.steps[-1] if self.steps else None
        anchor = 'style=invis, shape=point, width=0.01, height=0.01, label=""'
        for number, lane in enumerate(order):
            fill = _APPLICANT_FILL if lane == applicant else _LANE_FILLS[number % len(_LANE_FILLS)]
            self.lines += [
                f"  subgraph cluster_lane_{number} {{",
                f"    label=<<B>{_text(lane, 'lane')}</B>>; "
                f'style="rounded,filled"; fillcolor="{fill}"; color="#dadce0"; fontsize=14; margin=14;',
                f"    lane_top_{number} [{anchor}]; lane_end_{number} [{anchor}];",
            ]
            first_line = len(self.lines)
            for step in lanes[lane]:
                self.lines.append(f"    {self._step(step)}")
                for output in step.outputs:
                    produced[output] = self._output(output, step, results)
                if step is last_step:
                    for result in self.procedure.results:
                        if result.id not in issued:
                            produced[result.id] = self._output(result.id, step, results)
            nodes = [line.split()[0] for line in self.lines[first_line:]]
            self.lines += [f"    lane_top_{number} -> {nodes[0]} [style=invis];"]
            self.lines += [f"    {node} -> lane_end_{number} [style=invis, weight=0];" for node in nodes]
            self.lines.append("  }")
        if lanes:
            # Lanes start and end on one line each, left to right in the order above: swimlanes.
            tops = [f"lane_top_{n}" for n in range(len(order))]
            ends = [f"lane_end_{n}" for n in range(len(order))]
            self.lines += [f"  {{rank=same; {'; '.join(tops)};}}", f"  {{rank=same; {'; '.join(ends)};}}"]
            # One hidden node above the lanes whose out-edges keep their order: lanes left to right.
            self.lines.append(f"  lanes [{anchor}, ordering=out];")
            self.lines += [f"  lanes -> {top} [style=invis];" for top in tops]
            if len(tops) > 1:
                self.lines.append(f"  {' -> '.join(tops)} [style=invis];")
                self.lines.append(f"  {' -> '.join(ends)} [style=invis];")
        if not self.steps:
            self.lines.append(
                f'  no_steps [shape=note, fillcolor="#f8f9fa", label={_quote(label("no_steps", self.lang))}];'
            )
            for result in self.procedure.results:
                produced[result.id] = self._result_node(result.id, results)
                self.lines.append(f"  no_steps -> {produced[result.id]};")
        return produced

    def _lane(self, step: Step) -> str:
        if step.agency:
            return step.agency
        actor = fold(step.actor or "")
        if step.kind in (StepKind.submit, StepKind.pay) or any(w in actor for w in _APPLICANT_WORDS):
            return label("applicant", self.lang)
        if step.actor:
            return step.actor
        executing = self.procedure.agencies.executing or self.procedure.agencies.competent
        return executing[0] if executing else label("agency", self.lang)

    def _step(self, step: Step) -> str:
        token = self._part(STEP, step.id, step.action)
        key = (STEP, step.id)
        removed = key in self.marks.removed
        flags = [] if removed else self.marks.flags.get(key, [])
        head = label("step", self.lang, n=step.order)
        if step.duration:
            head += f" · {duration(step.duration.value, step.duration.unit, self.lang)}"
        rows = [_font(_GREY if removed else "#1a1a1a", f"<B>{_esc(head)}</B>")]
        action = _STEP_NUMBER.sub("", step.action, count=1) or step.action  # "Bước 2 …" is in the head
        rows.append(_text(action, "step", strike=removed, colour=_GREY if removed else None))
        actor = actor_text(step.actor, self.lang) if step.actor else None
        if actor and actor not in (step.agency, self._lane(step)):  # the lane says it already
            rows.append(_font(_GREY, f"<I>{_text(actor, 'step')}</I>", size=12))
        outputs = [self.output_name(o, step) for o in step.outputs if o not in self.result_ids]
        if outputs:
            rows.append(_font("#3c4043", _text("→ " + "; ".join(outputs), "step"), size=12))
        rows += [_font(_RED, _esc(f"⚑ {title}"), size=12) for title in flags]
        rows += [_font(_GREEN, _esc(f"✓ {c}"), size=12) for c in self.marks.changes.get(key, [])]
        style = '"rounded,filled,dashed"' if removed else '"rounded,filled"'
        colour = _RED if flags else _GREEN if removed else "#3c4043"
        fill = _RED_FILL if flags else "#f8f9fa" if removed else "white"
        width = 2.2 if flags or removed else 1.2
        label_html = "<" + '<BR ALIGN="LEFT"/>'.join(rows) + '<BR ALIGN="LEFT"/>>'
        return (
            f'{token.replace("-", "_")} [id="{token}", href="#{token}", tooltip={_quote(step.action)}, '
            f'style={style}, color="{colour}", fillcolor="{fill}", penwidth={width}, label={label_html}];'
        )

    def output_name(self, output: str, step: Step) -> str:
        """An intermediate output's words: from the label table, else "output of step n"."""
        return self.artefact_names.get(output, {}).get(self.lang) or label(
            "output_of_step", self.lang, n=step.order
        )

    def _output(self, output: str, step: Step, results: Mapping) -> str:
        """The node an output stands in: its result node, or the step that makes it."""
        if output in results:
            return self._result_node(output, results, indent="    ")
        return self._token(STEP, step.id).replace("-", "_")

    def _result_node(self, result_id: str, results: Mapping, indent: str = "  ") -> str:
        result = results[result_id]
        token = self._part(RESULT, result.id, result.name)
        node = token.replace("-", "_")
        head = label("result", self.lang)
        self.lines.append(
            f'{indent}{node} [id="{token}", href="#{token}", tooltip={_quote(result.name)}, '
            f'shape=box, style="rounded,filled", peripheries=2, color="{_GREEN}", fillcolor="#e6f4ea", '
            f'label=<<B>{_esc(head)}</B><BR ALIGN="LEFT"/>{_text(result.name, "result")}<BR ALIGN="LEFT"/>>];'
        )
        return node

    # -- arrows -----------------------------------------------------------------------------------

    def _edges(self, dossier_tail: str | None, produced: Mapping[str, str]) -> None:
        component_ids = {c.id for c in self.procedure.components}
        step_node = {s.id: self._token(STEP, s.id).replace("-", "_") for s in self.steps}
        fed_by_dossier = [s for s in self.steps if component_ids & set(s.inputs)]
        if dossier_tail and self.steps and not fed_by_dossier:
            fed_by_dossier = [self.steps[0]]
        if dossier_tail and self.steps:
            self.lines.append(f"  {dossier_tail} -> lanes [style=invis];")
        for step in fed_by_dossier if dossier_tail else []:
            self.lines.append(
                f"  {dossier_tail} -> {step_node[step.id]} [ltail=cluster_dossier, penwidth=2, "
                f'color="#c9a85c"];'
            )
        for before, step in zip(self.steps, self.steps[1:], strict=False):
            own = step_node[step.id]
            inputs = [produced[i] for i in step.inputs if i in produced and produced[i] != own]
            for source in dict.fromkeys(inputs):
                self.lines.append(f"  {source} -> {step_node[step.id]};")
            if not inputs and step not in fed_by_dossier:
                # No declared data flow (most portal records): the steps follow one another.
                self.lines.append(f"  {step_node[before.id]} -> {step_node[step.id]} [penwidth=1.6];")
        for step in self.steps:
            for output in step.outputs:
                if output in self.result_ids and output in produced:
                    self.lines.append(f"  {step_node[step.id]} -> {produced[output]} [style=dashed];")
        if self.steps:
            last = step_node[self.steps[-1].id]
            issued = {o for s in self.steps for o in s.outputs}
            for result in self.procedure.results:
                if result.id not in issued and result.id in produced:
                    self.lines.append(f"  {last} -> {produced[result.id]} [style=dashed];")

    # -- parts ------------------------------------------------------------------------------------

    def _token(self, kind: str, item_id: str) -> str:
        return f"{kind}-{_safe(item_id)}"

    def _part(self, kind: str, item_id: str, text: str) -> str:
        token = self._token(kind, item_id)
        self.parts[token] = MapPart(kind=kind, item_id=item_id, label=text)
        return token


def case_header(case: str, lang: str) -> str:
    """``Trường hợp: …``, unless the record's own words already start with "Trường hợp"."""
    return case if fold(case).startswith(("truong hop", "(*) truong hop")) else label("case", lang, case=case)


_MIN_ELIDED = 3  # words: a shorter shared run is kept


def distinct_cases(cases: Sequence[str], fits: int) -> dict[str, str]:
    """Each case as a box can show it in ``fits`` characters: a case longer than that, whose first words
    other cases share, keeps its first two words, the words that tell it apart (with one word before
    them, and a few after) and "…" for the runs it shares, so that cut boxes do not all read the same.

    >>> cases = ["Trường hợp tổ chức được cấp phép nhóm II đề nghị trả lại diện tích",
    ...          "Trường hợp tổ chức được cấp phép nhóm II đề nghị điều chỉnh công suất",
    ...          "Trường hợp cấp mới"]
    >>> distinct_cases(cases, 40)[cases[1]]
    'Trường hợp tổ chức được … nghị điều chỉnh công suất'
    >>> distinct_cases(cases, 40)[cases[2]]
    'Trường hợp cấp mới'
    """
    words = {case: case.split() for case in cases}
    shown = {}
    for case in cases:
        own = words[case]
        alive = [words[other] for other in cases if other != case]
        keep = set(range(min(2, len(own))))
        for i, word in enumerate(own):
            if not alive:  # no other case shares the words so far: the rest tells this one apart
                keep.update(range(i, len(own)))
                break
            still = [other for other in alive if len(other) > i and other[i] == word]
            if len(still) < len(alive):  # a case parts from this one here: these words tell them apart
                keep.update(range(max(0, i - 1), min(len(own), i + 3)))
            alive = still
        parts: list[str] = []
        run: list[str] = []  # words not kept since the last kept one
        for i, word in enumerate(own + [""]):
            if i in keep or i == len(own):
                # Eliding one or two words saves less than it costs to read.
                parts += run if len(run) < _MIN_ELIDED else ["…"]
                parts.append(word)
                run = []
            else:
                run.append(word)
        short = " ".join(parts).strip()
        # Eliding only pays when the case does not fit and the words left do.
        shown[case] = short if len(case) > fits and len(short) < len(case) else case
    return shown


@dataclass
class _CaseTable:
    header: str
    rows: list[tuple[str, float]]  # markup and height in points of each component row

    def header_row(self, continued: str | None = None) -> tuple[str, float]:
        text = f"{self.header} {continued}" if continued else self.header
        fill = "#f7ecd2" if continued else "#f5e6c4"
        height = _PAD_PT + _lines_pt(len(wrap(text, _WRAP["case"], _MAX_LINES["case"])))
        markup = (
            f'<TR><TD BGCOLOR="{fill}" ALIGN="LEFT" BALIGN="LEFT">{_text(text, "case", bold=True)}</TD></TR>'
        )
        return markup, height


# Heights of the map's text in points (13 pt text, 11 pt copies line, 12 pt flags; cell padding and border).
_LINE_PT, _SMALL_LINE_PT, _FLAG_LINE_PT, _PAD_PT, _GAP_PT = 15.0, 13.0, 14.0, 13.0, 12.0
# Graphviz sets the lines of a label as close as the font's size, and stacked Vietnamese marks (ệ, ữ, ẩ)
# then touch the line above: a line holding a 5-point space between two lines opens them by 3.5 points.
_LINE_BREAK = '<BR ALIGN="LEFT"/><FONT POINT-SIZE="5"> </FONT><BR ALIGN="LEFT"/>'
_LINE_GAP_PT = 3.5


def _lines_pt(lines: int) -> float:
    """The height of ``lines`` lines of 13-point text, with the gaps ``_text`` puts between them."""
    return _LINE_PT * lines + _LINE_GAP_PT * max(0, lines - 1)


def _masonry(tables: list[_CaseTable], continued: str) -> str:
    """Case tables in one or two columns (two fit a screen's width at full size), each going to the
    shorter column: a compact block whatever the tables' heights. A case too tall for half the block is
    split, its second part headed "(continued)"; the shorter column ends with an empty filler, since
    Graphviz would otherwise stretch its rows to the height of the other."""
    if len(tables) < 3 and not any(len(t.rows) > 8 for t in tables):
        pieces = [(t.header_row(), t.rows) for t in tables]
        count = 1
    else:
        count = 2
        total = sum(t.header_row()[1] + sum(h for _, h in t.rows) + _GAP_PT for t in tables)
        pieces = []
        for table in tables:
            height = table.header_row()[1] + sum(h for _, h in table.rows)
            cut = _split_at(table.rows, total / 2) if height > total / 2 and len(table.rows) > 1 else None
            if cut:
                pieces += [
                    (table.header_row(), table.rows[:cut]),
                    (table.header_row(continued), table.rows[cut:]),
                ]
            else:
                pieces.append((table.header_row(), table.rows))
    columns: list[list[str]] = [[] for _ in range(count)]
    heights = [0.0] * count
    for (header, header_height), rows in pieces:
        shortest = heights.index(min(heights))
        body = header + "".join(markup for markup, _ in rows)
        columns[shortest].append(
            f'<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" COLOR="#c9a85c">{body}</TABLE>'
        )
        heights[shortest] += header_height + sum(h for _, h in rows) + _GAP_PT
    tallest = max(heights)
    cells = []
    for column, height in zip(columns, heights, strict=True):
        if not column:
            continue
        stack = "".join(f"<TR><TD>{markup}</TD></TR>" for markup in column)
        if tallest - height > 1:
            stack += f'<TR><TD HEIGHT="{round(tallest - height)}" FIXEDSIZE="TRUE" WIDTH="1"></TD></TR>'
        cells.append(
            f'<TD VALIGN="TOP"><TABLE BORDER="0" CELLSPACING="10" CELLPADDING="0">{stack}</TABLE></TD>'
        )
    return f'<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>'


def _split_at(rows: list[tuple[str, float]], limit: float) -> int | None:
    """Where to cut ``rows`` so the first part stays under ``limit`` points (at least one row each)."""
    height = 0.0
    for index, (_, row_height) in enumerate(rows):
        height += row_height
        if height > limit:
            return max(1, min(index, len(rows) - 1))
    return None


def copies_text(component: DossierComponent, lang: str) -> str:
    """How many originals and copies a component asks for, in words: ``1 bản chính · 2 bản sao``."""
    bits = []
    if component.originals:
        bits.append(label("originals", lang, n=component.originals))
    if component.copies:
        copies = label("copies", lang, n=component.copies)
        if component.certified_copy:
            copies += f" {label('certified', lang)}"
        bits.append(copies)
    if component.presented_only:
        bits.append(label("presented", lang))
    return " · ".join(bits)


def _safe(item_id: str) -> str:
    """An id usable in dot names and SVG ids: letters, digits and underscores only."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in item_id)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _attr(text: str) -> str:
    return _esc(" ".join(text.split()))


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _font(colour: str, inner: str, size: int | None = None) -> str:
    size_attr = f' POINT-SIZE="{size}"' if size else ""
    return f'<FONT COLOR="{colour}"{size_attr}>{inner}</FONT>'


def _text(text: str, kind: str, bold: bool = False, strike: bool = False, colour: str | None = None) -> str:
    """``text`` wrapped for a part of ``kind``, escaped, lines left-aligned; cut with … when too long."""
    lines = [_esc(line) for line in wrap(text, _WRAP[kind], _MAX_LINES[kind])]
    inner = _LINE_BREAK.join(f"<S>{line}</S>" if strike else line for line in lines)  # no struck gap
    if bold:
        inner = f"<B>{inner}</B>"
    if colour:
        inner = _font(colour, inner)
    return inner


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Words of ``text`` in lines of at most ``width`` characters; the last line ends with … if cut.

    >>> wrap("Nộp hồ sơ đề nghị cấp giấy phép xây dựng", 16, 2)
    ['Nộp hồ sơ đề', 'nghị cấp giấy …']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + " …"
    return lines or [""]
