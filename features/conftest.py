"""The step library for rule specs. Policy staff write Gherkin (Vietnamese or English) with these
sentences; features/README.md lists them. Each case builds a small catalogue, audits it with the
real pipeline (recogniser, data sources, rules) and checks what one rule flags and does not flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from pytest_bdd import given, parsers, then, when

from engine.importers.outcome import Anomalies
from engine.importers.portal import lookups_in_steps
from engine.importers.portal_dossier import TABLE_HEADER, parse_dossier
from engine.importers.portal_steps import parse_steps
from engine.model import (
    Channel,
    ChannelKind,
    DossierComponent,
    Duration,
    Finding,
    Procedure,
    Result,
    ReuseClause,
    Step,
    Volume,
)
from engine.services.audit import AuditResult, Rulebook, audit, load_rulebook
from engine.services.catalogue import Catalogue, enrich, load_registry

LEVELS = {
    "tỉnh": "province",
    "xã": "commune",
    "bộ": "ministry",
    "province": "province",
    "commune": "commune",
    "ministry": "ministry",
}
CHANNELS = {
    "trực tiếp": ChannelKind.in_person,
    "trực tuyến": ChannelKind.online,
    "bưu chính": ChannelKind.post,
    "in person": ChannelKind.in_person,
    "online": ChannelKind.online,
    "post": ChannelKind.post,
}


@dataclass
class Case:
    procedures: list[Procedure] = field(default_factory=list)
    audit_date: dt.date = field(default_factory=dt.date.today)
    result: AuditResult | None = None
    rule_id: str = ""

    @property
    def current(self) -> Procedure:
        return self.procedures[-1]

    def part_id(self, kind: str, label: str) -> str:
        items = self.current.components if kind == "component" else self.current.steps
        for item in items:
            if (item.name if kind == "component" else item.action) == label:  # type: ignore[union-attr]
                return item.id
        pytest.fail(f"the case has no {kind} named «{label}» in procedure {self.current.code}")

    def findings(self, code: str | None = None) -> list[Finding]:
        assert self.result is not None, "say «Khi rà soát theo quy tắc …» before checking findings"
        return [
            f
            for f in self.result.findings
            if self.rule_id in f.all_rule_ids and (code is None or f.procedure_code == code)
        ]


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    book = load_rulebook(include_experimental=True)
    assert not book.problems, f"the rule packs have problems: {book.problems}"
    return book


@pytest.fixture
def case() -> Case:
    return Case()


def _rebuild(case: Case, **changes: object) -> None:
    data = case.current.model_dump()
    data.update(changes)
    case.procedures[-1] = Procedure.model_validate(data)


# --- Given: procedures and their parts ---------------------------------------------------------------


@given(
    parsers.re(
        r'(?:thủ tục|a procedure) "(?P<name>[^"]+)" (?:mã|code) "(?P<code>[^"]+)"'
        r'(?: (?:cấp|level) "(?P<level>[^"]+)")?(?: (?:lĩnh vực|field) "(?P<fld>[^"]+)")?$'
    )
)
def a_procedure(case: Case, name: str, code: str, level: str | None, fld: str | None) -> None:
    levels = [LEVELS[level]] if level else ["province"]
    case.procedures.append(Procedure(code=code, name=name, levels=levels, field=fld))


@given(
    parsers.re(
        r'(?:thủ tục có thành phần hồ sơ|it asks for the document) "(?P<name>[^"]+)"'
        r"(?P<certified> (?:là bản sao có chứng thực|as a certified copy))?$"
    )
)
def a_component(case: Case, name: str, certified: str | None) -> None:
    components = case.current.components
    new = DossierComponent(
        id=f"c{len(components) + 1}",
        name=name,
        originals=0 if certified else 1,
        copies=1 if certified else 0,
        certified_copy=bool(certified),
    )
    _rebuild(case, components=[c.model_dump() for c in components] + [new.model_dump()])


@given(
    parsers.re(
        r'(?:thủ tục có bước|it has the step) "(?P<action>[^"]+)"(?: (?:do|by) "(?P<agency>[^"]+)")?'
        r'(?: (?:loại|of kind) "(?P<kind>[^"]+)")?'
        r'(?: (?:dùng|using) "(?P<inputs>[^"]+)")?(?: (?:tạo ra|producing) "(?P<outputs>[^"]+)")?$'
    )
)
def a_step(
    case: Case, action: str, agency: str | None, kind: str | None, inputs: str | None, outputs: str | None
) -> None:
    steps = case.current.steps
    names = {c.name: c.id for c in case.current.components}
    results = {r.name: r.id for r in case.current.results}
    used = [names.get(i.strip(), i.strip()) for i in inputs.split(",")] if inputs else []
    made = [results.get(o.strip(), o.strip()) for o in outputs.split(",")] if outputs else []
    new = Step(
        id=f"s{len(steps) + 1}",
        order=len(steps) + 1,
        action=action,
        agency=agency,
        kind=kind or "other",
        inputs=used,
        outputs=made,
    )
    _rebuild(case, steps=[s.model_dump() for s in steps] + [new.model_dump()])


def portal_cell(written: str) -> str:
    """A ``thanh_phan_ho_so`` cell as the portal flattens it, from one line per row ("text | 1 bản chính")
    or heading (a line without " | "): each heading opens a table of its own."""
    cell, table_open = "", False
    for line in filter(None, (line.strip() for line in written.splitlines())):
        if " | " not in line:
            cell, table_open = cell + line, False
            continue
        text, counts = line.rsplit(" | ", 1)
        cell += ("" if table_open else TABLE_HEADER) + text + counts
        table_open = True
    return cell


@given(parsers.re(r"(?:hồ sơ trên Cổng gồm|its dossier on the portal reads):$"))
def a_portal_dossier(case: Case, docstring: str) -> None:
    """The dossier read by the portal importer: rows, sections, lookup clauses and their scopes."""
    dossier = parse_dossier(portal_cell(docstring), Anomalies())
    clauses = [c.model_dump() for c in case.current.reuse_clauses + dossier.reuse_clauses]
    _rebuild(case, components=[c.model_dump() for c in dossier.components], reuse_clauses=clauses)


@given(parsers.re(r"(?:trình tự thực hiện trên Cổng là|its steps on the portal read):$"))
def portal_steps(case: Case, docstring: str) -> None:
    """The steps read by the portal importer: sentences that look data up are clauses for the dossier."""
    steps = parse_steps(docstring, Anomalies())
    clauses = case.current.reuse_clauses + lookups_in_steps(steps)
    _rebuild(case, reuse_clauses=[c.model_dump() for c in clauses])


@given(
    parsers.re(r'(?:thủ tục có kết quả|its result is) "(?P<name>[^"]+)"(?: (?:mã|code) "(?P<code>[^"]+)")?$')
)
def a_result(case: Case, name: str, code: str | None) -> None:
    results = case.current.results
    new = Result(id=f"r{len(results) + 1}", name=name, code=code)
    _rebuild(case, results=[r.model_dump() for r in results] + [new.model_dump()])


@given(parsers.re(r'(?:văn bản thủ tục ghi|its text says) "(?P<text>[^"]+)"$'))
def a_reuse_clause(case: Case, text: str) -> None:
    clauses = [c.model_dump() for c in case.current.reuse_clauses]
    _rebuild(case, reuse_clauses=clauses + [ReuseClause(text=text).model_dump()])


@given(
    parsers.re(
        r'(?:thủ tục nộp|it can be done) "(?P<channel>[^"]+)" (?:trong|within) (?P<days>[\d.]+)'
        r" (?:ngày làm việc|working days)$"
    )
)
def a_channel(case: Case, channel: str, days: str) -> None:
    new = Channel(kind=CHANNELS[channel], time_limit=Duration(value=float(days)))
    _rebuild(case, channels=[c.model_dump() for c in case.current.channels] + [new.model_dump()])


@given(parsers.re(r"(?:thủ tục được giải quyết toàn trình|it is fully online)$"))
def fully_online(case: Case) -> None:
    _rebuild(case, online_level="full")


@given(parsers.re(r"(?:thủ tục chỉ trực tuyến một phần|its online level is partial)$"))
def partly_online(case: Case) -> None:
    _rebuild(case, online_level="partial")


@given(parsers.re(r"(?:mỗi năm có|each year it has) (?P<count>\d+) (?:hồ sơ|dossiers)$"))
def a_volume(case: Case, count: str) -> None:
    _rebuild(case, annual_volume=Volume(per_year=int(count), source="spec").model_dump())


@given(parsers.re(r'(?:ngày rà soát là|the audit date is) "(?P<date>\d{4}-\d{2}-\d{2})"$'))
def audit_date(case: Case, date: str) -> None:
    case.audit_date = dt.date.fromisoformat(date)


# --- When: audit -------------------------------------------------------------------------------------


@when(parsers.re(r'(?:rà soát theo quy tắc|audited with the rule) "(?P<rule_id>[^"]+)"$'))
def audit_with_rule(case: Case, rulebook: Rulebook, rule_id: str) -> None:
    rule = rulebook.rule(rule_id)
    if rule is None:
        known = ", ".join(r.id for r in rulebook.rules)
        pytest.fail(f"the spec names the rule {rule_id!r}, which no rule pack defines (known: {known})")
    registry, problems = load_registry()
    assert not problems, problems
    catalogue = Catalogue(procedures=list(case.procedures), registry=registry)
    enrich(catalogue)
    case.rule_id = rule_id
    case.result = audit(catalogue, Rulebook([rule], rulebook.params), audit_date=case.audit_date, workers=1)


# --- Then: what is and is not flagged ----------------------------------------------------------------


def _flagged(case: Case, kind: str, label: str) -> list[Finding]:
    target = case.part_id(kind, label)
    return [f for f in case.findings(case.current.code) if f.target.kind == kind and f.target.id == target]


@then(parsers.re(r'(?:thành phần|the document) "(?P<label>[^"]+)" (?:bị đánh dấu|is flagged)$'))
def component_flagged(case: Case, label: str) -> None:
    assert _flagged(case, "component", label), f"{case.rule_id} did not flag the component «{label}»"


@then(parsers.re(r'(?:thành phần|the document) "(?P<label>[^"]+)" (?:không bị đánh dấu|is not flagged)$'))
def component_not_flagged(case: Case, label: str) -> None:
    found = _flagged(case, "component", label)
    assert not found, f"{case.rule_id} flagged the component «{label}»: {found[0].message_vi}"


@then(parsers.re(r'(?:hồ sơ có thành phần|the dossier has the document) "(?P<label>[^"]+)"$'))
def has_component(case: Case, label: str) -> None:
    case.part_id("component", label)


@then(parsers.re(r'(?:hồ sơ không có thành phần|the dossier has no document) "(?P<label>[^"]+)"$'))
def has_no_component(case: Case, label: str) -> None:
    names = [c.name for c in case.current.components]
    assert label not in names, f"«{label}» was read as a dossier component: {names}"


@then(parsers.re(r'(?:bước|the step) "(?P<label>[^"]+)" (?:bị đánh dấu|is flagged)$'))
def step_flagged(case: Case, label: str) -> None:
    assert _flagged(case, "step", label), f"{case.rule_id} did not flag the step «{label}»"


@then(parsers.re(r'(?:bước|the step) "(?P<label>[^"]+)" (?:không bị đánh dấu|is not flagged)$'))
def step_not_flagged(case: Case, label: str) -> None:
    found = _flagged(case, "step", label)
    assert not found, f"{case.rule_id} flagged the step «{label}»: {found[0].message_vi}"


@then(parsers.re(r'(?:thủ tục|the procedure) "(?P<code>[^"]+)" (?:bị đánh dấu|is flagged)$'))
def procedure_flagged(case: Case, code: str) -> None:
    assert [f for f in case.findings(code) if f.target.kind == "procedure"], (
        f"{case.rule_id} did not flag the procedure {code}"
    )


@then(parsers.re(r'(?:thủ tục|the procedure) "(?P<code>[^"]+)" (?:không bị đánh dấu|is not flagged)$'))
def procedure_not_flagged(case: Case, code: str) -> None:
    found = [f for f in case.findings(code) if f.target.kind == "procedure"]
    assert not found, f"{case.rule_id} flagged the procedure {code}: {found[0].message_vi}"


@then(parsers.re(r'(?:phát hiện nêu|the finding cites) "(?P<text>[^"]+)"$'))
def finding_cites(case: Case, text: str) -> None:
    findings = case.findings()
    assert findings, f"{case.rule_id} flagged nothing"
    cited = [
        f
        for f in findings
        if text in f.message_vi or text in f.message_en or any(text == r.number for r in f.references)
    ]
    assert cited, f"no finding of {case.rule_id} cites «{text}»: {[f.message_vi for f in findings]}"
