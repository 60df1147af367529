"""Rule packs: loading and validation, compilation to durable-rules, evaluation."""

import datetime as dt
import re
from pathlib import Path

import pytest

from engine.model import Procedure, SourceRegistry
from engine.rules.compile import compile_rules
from engine.rules.facts import CatalogueContext, procedure_facts
from engine.rules.pack import load_rules
from engine.rules.parameters import load_parameters
from engine.rules.runtime import RuleEngine
from engine.services.audit import load_rulebook
from engine.services.paths import rules_dir

GOOD_RULE = """
  - id: TG-TEST-COPY
    title_vi: Bản sao chứng thực
    title_en: Certified copy
    kind: reuse
    severity: low
    measure: accept_electronic_copy
    rationale: test
    references: [{number: 23/2015/NĐ-CP}]
    when:
      fact: component
      all:
        - {field: certified_copy, value: true}
        - {field: copies, op: ge, param: min_copies}
    message_vi: "«{label}»"
    message_en: "«{label}»"
"""

PARAMS = """
min_copies:
  value: 1
  unit: copies
  reference: test
  date: 2026-01-01
  description_vi: x
  description_en: x
"""


def _pack(tmp_path: Path, rules_text: str) -> Path:
    (tmp_path / "parameters.yaml").write_text(PARAMS, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text("pack: test\nrules:\n" + rules_text, encoding="utf-8")
    return tmp_path


def test_the_bundled_rules_load_without_problems():
    book = load_rulebook(include_experimental=True)
    assert book.problems == []
    assert {"TG-REUSE-DATA", "TG-CERTIFIED-COPY", "TG-STEP-UNUSED-OUTPUT"} <= {r.id for r in book.rules}


def test_every_bundled_parameter_has_a_reference_and_date():
    params, problems = load_parameters(rules_dir() / "parameters.yaml")
    assert not problems
    assert all(p.reference and p.date for p in params.root.values())


def test_every_bundled_parameter_and_cost_assumption_has_its_unit_and_reference_in_vietnamese():
    for name in ("parameters.yaml", "cost_parameters.yaml"):
        params, problems = load_parameters(rules_dir() / name)
        assert not problems and params.root
        missing = [
            key for key, p in params.root.items() if not (p.unit_vi.strip() and p.reference_vi.strip())
        ]
        assert not missing, f"{name}: no unit_vi or reference_vi for {missing}"
        # the workbench shows these: no repository paths or notes only developers have
        assert not [k for k, p in params.root.items() if re.search(r"\.(?:md|yaml)\b|§", p.reference_vi)]


def test_a_rule_compiles_to_a_durable_ruleset(tmp_path):
    folder = _pack(tmp_path, GOOD_RULE)
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, problems = load_rules(folder, params)
    assert not problems
    assert compile_rules(rules, params)["TG-TEST-COPY"] == {
        "all": [{"m": {"$and": [{"kind": "component"}, {"certified_copy": True}, {"$gte": {"copies": 1}}]}}],
        "run": "TG-TEST-COPY",
    }


def test_evaluation_matches_only_facts_meeting_the_condition_and_stays_clean(tmp_path):
    folder = _pack(tmp_path, GOOD_RULE)
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, _ = load_rules(folder, params)
    engine = RuleEngine(rules, params)
    facts = [
        {"kind": "component", "id": "c1", "label": "A", "certified_copy": True, "copies": 1},
        {"kind": "component", "id": "c2", "label": "B", "certified_copy": False, "copies": 1},
        {"kind": "component", "id": "c3", "label": "C", "certified_copy": True, "copies": 0},
        {"kind": "step", "id": "s1", "label": "no rule looks at steps"},
    ]
    # More evaluations than the 1,024 live sessions a ruleset holds: sessions must be reused and cleared.
    for _ in range(1100):
        matches = engine.evaluate(facts)
        assert [m.fact["id"] for m in matches] == ["c1"]


def test_a_procedure_whose_facts_no_rule_reads_is_evaluated_without_crashing(tmp_path):
    # durable-rules crashed the process when asked to delete a session that no fact had opened.
    folder = _pack(tmp_path, GOOD_RULE)
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, _ = load_rules(folder, params)
    engine = RuleEngine(rules, params)
    for _ in range(3):
        assert engine.evaluate([{"kind": "step", "id": "s1", "label": "no rule looks at steps"}]) == []


def test_a_rule_joining_two_facts_is_refused_with_the_reason(tmp_path):
    # durable-rules 2.0.28 crashed the process on joins: relations between facts are fact fields.
    join = GOOD_RULE.replace(
        "    when:\n      fact: component",
        "    when:\n      - fact: component\n        all: []\n      - fact: component",
    ).replace("      all:\n        - {field: certified", "        all:\n        - {field: certified")
    folder = _pack(tmp_path, join)
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, problems = load_rules(folder, params)
    assert not rules
    assert [p.field for p in problems] == ["rules[0] (TG-TEST-COPY).when"]
    assert "a rule tests one fact" in problems[0].message


def test_a_document_asked_for_twice_is_a_fact_field(tmp_path):
    catalogue = Procedure.model_validate(
        {
            "code": "9.000001",
            "name": "Test",
            "components": [
                {"id": "c1", "name": "Hộ chiếu", "doc_types": ["passport"]},
                {"id": "c2", "name": "Thẻ căn cước", "doc_types": ["citizen_id"]},
                {"id": "c3", "name": "Bản sao hộ chiếu", "doc_types": ["passport"]},
                {
                    "id": "c4",
                    "name": "Hộ chiếu (người nước ngoài)",
                    "case": "foreigner",
                    "doc_types": ["passport"],
                },
            ],
        }
    )
    ctx = CatalogueContext.build([catalogue], SourceRegistry(sources=[]), dt.date(2026, 1, 1))
    asked = {
        f["id"]: f.get("asked_before") for f in procedure_facts(catalogue, ctx) if f["kind"] == "component"
    }
    assert asked == {
        "component:c1:passport": None,
        "component:c2:citizen_id": None,
        "component:c3:passport": "Hộ chiếu",
        "component:c4:passport": None,
    }


@pytest.mark.parametrize(
    ("broken", "field", "message"),
    [
        (
            GOOD_RULE.replace("certified_copy, value", "certifed_copy, value"),
            "when.all",
            "no field 'certifed_copy'",
        ),
        (GOOD_RULE.replace("severity: low", "severity: urgent"), "severity", "Input should be"),
        (GOOD_RULE.replace("    rationale: test\n", ""), "rationale", "Field required"),
        (GOOD_RULE.replace("param: min_copies", "param: max_copies"), "", "unknown parameter(s): max_copies"),
        (GOOD_RULE.replace('"«{label}»"', '"«{lable}»"', 1), "", "not a field of a component fact"),
        (GOOD_RULE + "    colour: red\n", "colour", "unknown field"),
    ],
)
def test_a_broken_rule_is_reported_by_file_and_field_and_spares_the_others(tmp_path, broken, field, message):
    folder = _pack(tmp_path, broken + GOOD_RULE.replace("TG-TEST-COPY", "TG-TEST-OTHER"))
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, problems = load_rules(folder, params)
    assert [r.id for r in rules] == ["TG-TEST-OTHER"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path.endswith("pack.yaml")
    assert problem.field.startswith("rules[0] (TG-TEST-COPY)") and field in problem.field
    assert message in problem.message


def test_a_rule_file_that_is_not_yaml_names_its_line(tmp_path):
    folder = _pack(tmp_path, GOOD_RULE)
    (folder / "bad.yaml").write_text("rules:\n  - id: [unclosed\n", encoding="utf-8")
    params, _ = load_parameters(folder / "parameters.yaml")
    rules, problems = load_rules(folder, params)
    assert [r.id for r in rules] == ["TG-TEST-COPY"]
    assert problems[0].path.endswith("bad.yaml") and problems[0].field.startswith("line ")


def test_the_rules_readme_documents_every_fact_field():
    from engine.rules.facts import FACT_FIELDS

    readme = (rules_dir() / "README.md").read_text(encoding="utf-8")
    undocumented = [f for fields in FACT_FIELDS.values() for f in fields if f"| `{f}` |" not in readme]
    assert not undocumented


def test_parameters_the_rules_share_with_the_cost_model_agree():
    # Savings in findings and the compliance-cost model read some of the same assumptions from two
    # files; a value changed in one must be changed in the other.
    rules, _ = load_parameters(rules_dir() / "parameters.yaml")
    cost, _ = load_parameters(rules_dir() / "cost_parameters.yaml")
    shared = sorted(set(rules.root) & set(cost.root))
    assert shared, "the two files are expected to share some assumptions"
    assert [(n, rules.root[n].value) for n in shared] == [(n, cost.root[n].value) for n in shared]
