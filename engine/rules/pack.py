"""Rule packs: rules as declarative data (``rules/*.yaml``), never evaluated as Python.

A rule says which facts it matches (``when``), what it proposes (``measure``), why (``rationale``) and
on which legal basis (``references``). ``when`` is one pattern: a fact kind and tests on its fields.
"""

from __future__ import annotations

import string
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from engine.adapters.yaml_files import read_yaml, validation_problems
from engine.errors import InputProblem
from engine.model import LegalRef, Measure, Severity
from engine.model.procedure import Strict
from engine.rules.facts import FACT_FIELDS, FactKind
from engine.rules.parameters import Parameters


class Op(StrEnum):
    eq = "eq"
    ne = "ne"
    lt = "lt"
    le = "le"
    gt = "gt"
    ge = "ge"
    exists = "exists"
    missing = "missing"
    in_ = "in"
    not_in = "not_in"


class Test(Strict):
    """One test on one field of a fact: against a value or a parameter."""

    field: str
    op: Op = Op.eq
    value: Any = None
    param: str | None = None

    @model_validator(mode="after")
    def _one_operand(self) -> Test:
        given = [x is not None for x in (self.value, self.param)].count(True)
        if self.op in (Op.exists, Op.missing):
            if given:
                raise ValueError(f"'{self.op}' takes no value")
        elif given != 1:
            raise ValueError("give exactly one of value or param")
        if self.op in (Op.in_, Op.not_in) and not isinstance(self.value, list):
            raise ValueError(f"'{self.op}' needs a list value")
        return self


class Pattern(Strict):
    fact: FactKind
    all: list[Test] = Field(default_factory=list)

    @field_validator("all")
    @classmethod
    def _known_fields(cls, tests: list[Test], info: ValidationInfo) -> list[Test]:
        fact = info.data.get("fact")  # absent when the fact kind itself was invalid
        if isinstance(fact, FactKind):
            for test in tests:
                _check_field(fact, test.field)
        return tests


class SavingSpec(Strict):
    """Estimated saving per dossier: a number, ``{param: NAME}`` or ``{field: NAME}`` of the target fact."""

    hours: float | dict[str, str] = 0.0
    vnd: int | dict[str, str] = 0
    days: float | dict[str, str] = 0.0


class RuleKind(StrEnum):
    reuse = "reuse"
    step = "step"
    channel = "channel"
    procedure = "procedure"


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title_vi: str
    title_en: str
    kind: RuleKind
    severity: Severity
    measure: Measure
    rationale: str
    rationale_vi: str | None = None  # the rationale in Vietnamese, shown first in the workbench
    references: list[LegalRef] = Field(min_length=1)
    parameters: list[str] = Field(default_factory=list)
    when: Pattern
    message_vi: str
    message_en: str
    saving: SavingSpec = Field(default_factory=SavingSpec)
    experimental: bool = False  # left out of default audits until its precision is proven

    @field_validator("when", mode="before")
    @classmethod
    def _one_pattern(cls, value: Any) -> Any:
        if isinstance(value, list):
            if len(value) != 1:
                raise ValueError(
                    "a rule tests one fact: durable-rules 2.0.28 crashes on joins between facts, so a "
                    "relation between parts of a procedure is given to the rules as a fact field "
                    "(see rules/README.md)"
                )
            return value[0]
        return value

    @model_validator(mode="after")
    def _message_fields(self) -> Rule:
        for text in (self.message_vi, self.message_en):
            for _, placeholder, spec, conversion in string.Formatter().parse(text):
                if spec or conversion:  # "{label:>999999999}" would build a gigabyte per finding
                    raise ValueError(f"message placeholder {{{placeholder}}} takes no format or conversion")
                if placeholder and placeholder not in FACT_FIELDS[self.when.fact]:
                    raise ValueError(
                        f"message uses {{{placeholder}}}, not a field of a {self.when.fact} fact"
                    )
        return self

    @property
    def target_fact(self) -> FactKind:
        return self.when.fact


def _check_field(fact: FactKind, field: str) -> None:
    if field not in FACT_FIELDS[fact]:
        known = ", ".join(sorted(FACT_FIELDS[fact]))
        raise ValueError(f"{fact} facts have no field {field!r} (known: {known})")


class RulePack(Strict):
    pack: str
    description: str = ""
    rules: list[dict[str, Any]]  # validated one by one so one broken rule spares the others


def load_rules(folder: Path, params: Parameters) -> tuple[list[Rule], list[InputProblem]]:
    """Load every pack ``folder/*.yaml`` (except data files); broken rules are reported and skipped."""
    rules: list[Rule] = []
    problems: list[InputProblem] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        data, read_problems = read_yaml(path)
        problems += read_problems
        if read_problems or not (isinstance(data, dict) and "rules" in data):
            continue  # parameters, thesaurus and other data files live beside the packs
        try:
            pack = RulePack.model_validate(data)
        except ValidationError as error:
            problems += validation_problems(str(path), error)
            continue
        for index, raw in enumerate(pack.rules):
            label = f"rules[{index}]" + (f" ({raw['id']})" if isinstance(raw, dict) and "id" in raw else "")
            try:
                rule = Rule.model_validate(raw)
            except ValidationError as error:
                problems += validation_problems(str(path), error, prefix=label)
                continue
            missing = [p for p in _parameters_used(rule) if p not in params]
            if missing:
                problems.append(InputProblem(str(path), label, f"unknown parameter(s): {', '.join(missing)}"))
            elif rule.id in seen:
                problems.append(
                    InputProblem(str(path), label, f"duplicate rule id, first in {seen[rule.id]}")
                )
            else:
                seen[rule.id] = str(path)
                rules.append(rule)
    return rules, problems


def _parameters_used(rule: Rule) -> list[str]:
    used = [t.param for t in rule.when.all if t.param]
    used += [v["param"] for v in rule.saving.model_dump().values() if isinstance(v, dict) and "param" in v]
    return used + rule.parameters
