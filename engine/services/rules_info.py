"""What the workbench and reports say about each rule: measured precision, Gherkin scenarios, hit count.

Precision figures are data (``rules/precision.yaml``, from the judged samples of ``docs/precision.md``);
scenarios are read from the Gherkin specs in ``features/`` that name the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError

from engine.adapters.yaml_files import read_yaml, validation_problems
from engine.errors import UserError
from engine.evaluation.precision import wilson
from engine.model.procedure import Strict
from engine.rules.pack import Rule
from engine.rules.parameters import Parameter
from engine.services import paths
from engine.services.audit import AuditResult, Rulebook

PRECISION_FILE = "precision.yaml"
FEATURES_DIR = paths.REPO_ROOT / "features"
_SCENARIO = re.compile(r"^\s*(Scenario|Scenario Outline|Tình huống|Kịch bản|Khung tình huống):\s*(.+)$")
_RULE_ID = re.compile(r"\bTG(?:-[A-Z0-9]+)+\b")


class RulePrecision(Strict):
    judged: int = Field(ge=0)
    correct: int = Field(ge=0)
    sample: str  # Vietnamese: which records were judged
    round: str  # Vietnamese: which round of judging
    sample_en: str
    round_en: str

    def described(self, lang: str) -> str:
        """Which records, which round, in ``lang`` ("vi" or "en")."""
        return f"{self.sample_en} · {self.round_en}" if lang == "en" else f"{self.sample} · {self.round}"

    @property
    def share(self) -> float | None:
        """Share of judged hits that were right; None when nothing could be judged."""
        return self.correct / self.judged if self.judged else None


class PrecisionFile(Strict):
    reviewed: dt.date
    source: str
    precision: dict[str, RulePrecision]


def load_precision(path: Path | None = None) -> dict[str, RulePrecision]:
    """Measured precision by rule id (the bundled ``rules/precision.yaml`` by default)."""
    path = Path(path) if path else paths.rules_dir() / PRECISION_FILE
    if not path.exists():
        return {}
    data, problems = read_yaml(path)
    if not problems:
        try:
            return PrecisionFile.model_validate(data).precision
        except ValidationError as error:
            problems = validation_problems(str(path), error)
    raise UserError("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class RuleStanding:
    """Whether a rule runs by default, and how many of its findings an independent judge found right:
    what every report shows beside a rule, so that an experimental rule's findings are read as such."""

    experimental: bool
    precision: RulePrecision | None
    titles: tuple[str, str] = ("", "")  # Vietnamese, English

    @property
    def interval(self) -> tuple[float, float] | None:
        """The Wilson 95% interval of the precision; None when nothing was judged."""
        p = self.precision
        return wilson(p.correct, p.judged) if p and p.judged else None

    def title(self, lang: str = "vi") -> str:
        return self.titles[1] if lang == "en" else self.titles[0]

    def text(self, lang: str = "en") -> str:
        """One line: ``experimental, 35/53 right (66%, 95% CI 53%–77%)``, or in Vietnamese.

        >>> RuleStanding(False, None).text()
        'default, not judged'
        >>> RuleStanding(True, None).text("vi")
        'thử nghiệm, chưa đánh giá'
        """
        vi = lang == "vi"
        runs = (
            ("thử nghiệm" if vi else "experimental")
            if self.experimental
            else ("mặc định" if vi else "default")
        )
        p, interval = self.precision, self.interval
        if p is None or interval is None:
            return f"{runs}, {'chưa đánh giá' if vi else 'not judged'}"
        low, high = interval
        share = p.correct / p.judged
        if vi:
            return (
                f"{runs}, đúng {p.correct}/{p.judged} ({share:.0%}, khoảng tin cậy 95% {low:.0%}–{high:.0%})"
            )
        return f"{runs}, {p.correct}/{p.judged} right ({share:.0%}, 95% CI {low:.0%}–{high:.0%})"

    def short(self) -> str:
        """A few characters for a listing: ``experimental 35/53``, ``default 40/40``."""
        p = self.precision
        judged = f" {p.correct}/{p.judged}" if p and p.judged else " not judged"
        return ("experimental" if self.experimental else "default") + judged

    def to_json(self) -> dict[str, object]:
        p, interval = self.precision, self.interval
        return {
            "experimental": self.experimental,
            "judged": p.judged if p else 0,
            "correct": p.correct if p else 0,
            "interval_95": [round(interval[0], 3), round(interval[1], 3)] if interval else None,
            "sample": p.described("en") if p else None,
        }


def rule_standings(rulebook: Rulebook) -> dict[str, RuleStanding]:
    """The standing of every rule of ``rulebook``, by id, with the bundled precision figures."""
    precision = load_precision()
    return {
        rule.id: RuleStanding(rule.experimental, precision.get(rule.id), (rule.title_vi, rule.title_en))
        for rule in rulebook.rules
    }


@dataclass(frozen=True)
class Scenario:
    feature: str  # file name
    title: str
    text: str  # the scenario as written, steps included


def load_scenarios(folder: Path = FEATURES_DIR) -> dict[str, list[Scenario]]:
    """Gherkin scenarios by the rule ids they name (in their title or steps)."""
    by_rule: dict[str, list[Scenario]] = {}
    for path in sorted(folder.glob("*.feature")):
        blocks: list[tuple[str, list[str]]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _SCENARIO.match(line)
            if match:
                blocks.append((match.group(2).strip(), [line.strip()]))
            elif blocks and line.strip():
                blocks[-1][1].append("  " + line.strip())
        for title, lines in blocks:
            text = "\n".join(lines)
            for rule_id in dict.fromkeys(_RULE_ID.findall(text)):
                by_rule.setdefault(rule_id, []).append(Scenario(path.name, title, text))
    return by_rule


@dataclass
class RuleCard:
    rule: Rule
    hits: int
    precision: RulePrecision | None
    parameters: dict[str, Parameter] = field(default_factory=dict)
    scenarios: list[Scenario] = field(default_factory=list)


def rule_cards(
    rulebook: Rulebook, result: AuditResult, precision: dict[str, RulePrecision] | None = None
) -> list[RuleCard]:
    """Every rule of ``rulebook`` with its hits in ``result``, precision, parameters and scenarios."""
    precision = load_precision() if precision is None else precision
    scenarios = load_scenarios()
    hits = result.hits_by_rule()
    return [
        RuleCard(
            rule=rule,
            hits=hits.get(rule.id, 0),
            precision=precision.get(rule.id),
            parameters={n: rulebook.params.root[n] for n in _parameters(rule) if n in rulebook.params},
            scenarios=scenarios.get(rule.id, []),
        )
        for rule in rulebook.rules
    ]


def _parameters(rule: Rule) -> list[str]:
    used = [t.param for t in rule.when.all if t.param]
    used += [v["param"] for v in rule.saving.model_dump().values() if isinstance(v, dict) and "param" in v]
    return list(dict.fromkeys(used + rule.parameters))
