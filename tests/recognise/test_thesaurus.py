"""Loading the thesaurus: the project file is valid, and every kind of mistake in a file is reported with
the file and the field, as a ``UserError`` (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.errors import UserError
from engine.recognise import DEFAULT_THESAURUS, ThesaurusError, default_thesaurus, load_thesaurus

WriteThesaurus = Callable[[Any], Path]

CANONICAL_IDS = {
    "citizen_id", "passport", "household_book", "temporary_residence_book", "residence_confirmation",
    "birth_certificate", "birth_notice", "marriage_certificate", "marital_status_confirmation",
    "death_certificate", "death_notice", "criminal_record_certificate", "enterprise_registration_certificate",
    "household_business_registration_certificate", "land_use_right_certificate", "construction_permit",
    "social_insurance_book", "health_insurance_card", "driving_licence", "vehicle_registration",
    "power_of_attorney", "health_certificate", "diploma", "investment_registration_certificate",
}  # fmt: skip


def test_project_thesaurus_loads_with_every_canonical_id() -> None:
    thesaurus = default_thesaurus()
    assert set(thesaurus.documents) >= CANONICAL_IDS
    assert 0 < thesaurus.threshold <= 1
    assert default_thesaurus() is thesaurus  # cached


def test_default_path_is_the_repository_rules_folder() -> None:
    assert DEFAULT_THESAURUS.parts[-2:] == ("rules", "documents.yaml")
    assert DEFAULT_THESAURUS.is_file()


def problems_of(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(ThesaurusError) as raised:
        load_thesaurus(path)
    assert isinstance(raised.value, UserError)
    assert all(problem.path == str(path) for problem in raised.value.problems)
    assert str(path) in str(raised.value)
    return [(problem.field, problem.message) for problem in raised.value.problems]


def test_unknown_field_is_named(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["documents"][1]["synonyms"] = ["hộ chiếu"]
    assert ("documents[1].synonyms", "unknown field") in problems_of(write_thesaurus(thesaurus_data))


def test_missing_id_is_named(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    del thesaurus_data["documents"][2]["id"]
    fields = [field for field, _ in problems_of(write_thesaurus(thesaurus_data))]
    assert fields == ["documents[2].id"]


def test_duplicate_id(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["documents"][3]["id"] = thesaurus_data["documents"][0]["id"]
    (field, message), *_ = problems_of(write_thesaurus(thesaurus_data))
    assert field == "documents[3].id" and "duplicate" in message


def test_bad_negative_cue_pattern(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["documents"][0]["negative_cues"] = ["@ (ngoại giao"]
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field == "documents[0].negative_cues[0]" and "not a valid pattern" in message


def test_negative_cue_needs_the_name_placeholder(
    write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]
) -> None:
    thesaurus_data["documents"][0]["negative_cues"] = ["ngoại giao"]
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field == "documents[0].negative_cues[0]" and "@" in message


def test_bad_context_pattern(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["context"]["mention_cues"].append("số [")
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field.startswith("context.mention_cues[") and "not a valid pattern" in message


def test_pattern_matching_empty_text_is_refused(
    write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]
) -> None:
    thesaurus_data["context"]["coordinators"].append("(và)?")
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field.startswith("context.coordinators[") and "empty" in message


def test_alias_too_short(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["documents"][1]["aliases"].append("hc")
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field.startswith("documents[1].aliases[") and "too short" in message


def test_alias_of_two_documents_once_folded(
    write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]
) -> None:
    thesaurus_data["documents"][1]["aliases"].append("Thẻ Căn Cuoc")  # citizen_id's "thẻ căn cước"
    [(field, message)] = problems_of(write_thesaurus(thesaurus_data))
    assert field.startswith("documents[1].aliases[") and "citizen_id" in message


def test_document_without_names(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["documents"].append({"id": "visa", "name_vi": "Thị thực", "name_en": "Visa"})
    index = len(thesaurus_data["documents"]) - 1
    assert problems_of(write_thesaurus(thesaurus_data)) == [
        (f"documents[{index}].aliases", "a document needs at least one alias")
    ]


def test_threshold_out_of_range(write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]) -> None:
    thesaurus_data["threshold"] = 1.5
    [(field, _)] = problems_of(write_thesaurus(thesaurus_data))
    assert field == "threshold"


def test_not_a_mapping(write_thesaurus: WriteThesaurus) -> None:
    assert problems_of(write_thesaurus("- just\n- a list\n")) == [
        ("", "expected a mapping of fields at the top level")
    ]


def test_yaml_syntax_error_gives_the_line(write_thesaurus: WriteThesaurus) -> None:
    [(field, message)] = problems_of(write_thesaurus("threshold: 0.5\ndocuments: [\n"))
    assert field.startswith("line ") and "not valid YAML" in message


def test_missing_file(tmp_path: Path) -> None:
    [(field, message)] = problems_of(tmp_path / "nowhere.yaml")
    assert field == "" and "cannot read" in message


def test_every_problem_is_reported_at_once(
    write_thesaurus: WriteThesaurus, thesaurus_data: dict[str, Any]
) -> None:
    thesaurus_data["documents"][0]["negative_cues"] = ["no placeholder"]
    thesaurus_data["documents"][1]["aliases"].append("hc")
    assert len(problems_of(write_thesaurus(thesaurus_data))) == 2
