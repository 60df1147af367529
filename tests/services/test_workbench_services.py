"""The services the workbench calls: search, catalogue table, review queue, what-if, overview, uploads,
rule cards and the audit cache, on the hand-modelled procedures (fast) or the bundled catalogue."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from engine.cost.compliance import compliance_cost
from engine.cost.parameters import load_cost_parameters
from engine.errors import UserError
from engine.model import Measure
from engine.plans.model import MeasureStatus
from engine.plans.projection import project
from engine.plans.repository import PlanRepository
from engine.plans.service import create_plan_from_findings, set_status
from engine.services import audit_cache
from engine.services.audit import Rulebook, audit, load_rulebook
from engine.services.catalogue import Catalogue, load_catalogue
from engine.services.catalogue_table import RowFilter, catalogue_table, totals
from engine.services.graphs import plan_on_procedure, procedure_map
from engine.services.overview import overview, plan_timeline, plan_with
from engine.services.review import NOT_IN_PLAN, QueueFilter, decide, review_queue
from engine.services.rules_info import load_precision, load_scenarios, rule_cards
from engine.services.search import SearchIndex, _within_one_edit
from engine.services.sources import WhatIf, apply_what_ifs, rank_sources
from engine.services.uploads import UploadedFile, check_volumes, load_upload, unpack, with_volumes
from engine.services.whatif import what_if, what_if_base
from tests.conftest import HAND


@pytest.fixture(scope="module")
def hand() -> tuple[Catalogue, object]:
    catalogue = load_catalogue(HAND)
    return catalogue, audit(catalogue, load_rulebook(include_experimental=True), workers=1)


def test_search_ignores_accents_and_case_and_tolerates_one_typo(hand) -> None:
    index = SearchIndex(hand[0].procedures)
    assert index.search("dang ky khai sinh")[0] == "1.001193"
    assert index.search("ĐĂNG KÝ KHAI SINH")[0] == "1.001193"
    assert index.search("dang ky khia sinh")[0] == "1.001193"  # two letters swapped
    assert index.search("1.013225") == ["1.013225"]
    assert index.search("xyzzy khong co") == []


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("sinh", "sinh", True),
        ("sinh", "snih", True),
        ("khai", "kha", True),
        ("khai", "khao", True),
        ("khai", "kh", False),
        ("khai", "ihak", False),
    ],
)
def test_one_edit_is_one_insertion_deletion_substitution_or_swap(a: str, b: str, near: bool) -> None:
    assert _within_one_edit(a, b) is near


def test_catalogue_table_totals_count_like_the_audit(hand) -> None:
    catalogue, result = hand
    table = catalogue_table(catalogue.procedures, result)
    shown = totals(table.rows)
    assert shown.procedures == len(catalogue.procedures)
    assert shown.findings == len(result.findings)
    assert shown.flagged == len({f.procedure_code for f in result.findings})
    flagged = table.filter(RowFilter(only_flagged=True, rules=["TG-CERTIFIED-COPY"]))
    assert flagged and all("TG-CERTIFIED-COPY" in r.rules for r in flagged)


def test_review_decisions_go_through_the_plan_service(hand, tmp_path: Path) -> None:
    catalogue, result = hand
    rulebook = load_rulebook(include_experimental=True)
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Thử", result.findings[:3], "Lan")
        queue = review_queue(catalogue, result, rulebook, plan, load_precision())
        outside = queue.filter(QueueFilter(statuses=[NOT_IN_PLAN]))
        assert len(outside) == len(result.findings) - 3
        chosen = queue.items[:1] + outside[:1]  # one measure of the plan, one finding not in it yet
        plan = decide(repo, plan.id, chosen, "Lan", MeasureStatus.accepted, "đồng ý")
        assert [m.status for m in plan.measures].count(MeasureStatus.accepted) == 2
        assert len(plan.measures) == 4
        history = repo.history(plan.id)
        assert any(e.field == "status" and e.new == "accepted" and e.actor == "Lan" for e in history)
        points = plan_timeline(plan, history)
        assert points[0].counts == {"proposed": 3} and points[-1].counts["accepted"] == 2
        with pytest.raises(UserError):
            decide(repo, plan.id, chosen, " ", MeasureStatus.rejected)
        experimental = [i for i in queue.items if i.experimental]
        measured = load_precision()
        assert experimental and all(
            (i.precision is not None) == (i.rule_id in measured) for i in experimental
        )


def test_the_queue_says_which_savings_leave_the_compliance_cost_as_it_is(hand, tmp_path: Path) -> None:
    """The cost counts common components and the largest case (domain notes §5): a component asked
    only in another case saves its applicants time, but the figure on the overview does not move."""
    catalogue, result = hand
    queue = review_queue(catalogue, result, load_rulebook(include_experimental=True), None)
    flagged = [i for i in queue.items if i.uncounted_case]
    assert flagged and all(i.finding and i.finding.target.kind == "component" for i in flagged)
    postal = next(i for i in flagged if i.procedure_code == "1.001193")
    assert postal.uncounted_case == (
        "Gửi hồ sơ qua hệ thống bưu chính",
        "Nộp trực tiếp hoặc qua hệ thống bưu chính",
    )
    params = load_cost_parameters()
    counted = next(
        i
        for i in queue.items
        if i.finding
        and i.finding.target.kind == "component"
        and i.finding.saving.vnd
        and not i.uncounted_case
    )
    for item, moves in ((postal, False), (counted, True)):
        assert item.finding is not None and item.finding.saving.vnd > 0
        with PlanRepository(f"sqlite:///{tmp_path / f'{moves}.db'}") as repo:
            plan = create_plan_from_findings(repo, "Thử", [item.finding], "Lan")
            plan = set_status(repo, plan.id, [plan.measures[0].id], MeasureStatus.accepted, "Lan")
        code = item.procedure_code
        before = next(p for p in catalogue.procedures if p.code == code)
        after = next(p for p in project(catalogue.procedures, plan, params) if p.code == code)
        assert after != before, "the measure applied"
        cost = [compliance_cost(p, params).per_dossier_vnd for p in (before, after)]
        assert (cost[1] < cost[0]) == moves, (item.target_label, cost)


def test_overview_counts_cut_and_simplified_procedures(hand, tmp_path: Path) -> None:
    catalogue, result = hand
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Thử", result.findings, "Lan")
        ids = [m.id for m in plan.measures[:2]]
        plan = set_status(repo, plan.id, ids, MeasureStatus.accepted, "Lan")
        plan = set_status(repo, plan.id, ids[:1], MeasureStatus.done, "Lan")
    view = overview(catalogue.procedures, plan)
    codes = {p.code for p in catalogue.procedures}
    for count, measures in (
        (view.projected.counts[0], plan.measures[:2]),
        (view.achieved.counts[0], plan.measures[:1]),
    ):
        kept = plan_with(plan, frozenset({MeasureStatus.done}))
        after = project(catalogue.procedures, plan if len(measures) == 2 else kept, load_cost_parameters())
        gone = codes - {p.code for p in after}  # merged away or abolished: the "cut" of official reports
        assert count.before == len(codes)
        assert count.cut == len(gone)
        assert count.cut_or_simplified == len(gone | {m.procedure_code for m in measures})


def test_overview_before_anything_is_done_shows_no_change(hand, tmp_path: Path) -> None:
    catalogue, result = hand
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Thử", result.findings, "Lan")
        plan = set_status(repo, plan.id, [plan.measures[0].id], MeasureStatus.accepted, "Lan")
    view = overview(catalogue.procedures, plan)
    assert len(view.achieved.targets) == len(view.projected.targets) == 7
    for achieved, projected in zip(view.achieved.targets, view.projected.targets, strict=True):
        assert achieved.before == achieved.after == projected.before
        assert achieved.achieved == (achieved.achieved_before if achieved.goal == "reach" else 0.0)
    assert [c.cut_or_simplified for c in view.achieved.counts] == [0, 0]
    assert view.projected.counts[0].cut_or_simplified == 1
    assert view.projected.before == view.achieved.before
    assert (
        view.projected.after.components <= view.achieved.after.components <= view.projected.before.components
    )


def test_what_if_equals_a_full_audit_against_the_changed_registry(hand) -> None:
    catalogue, _ = hand
    every = load_rulebook(include_experimental=True)
    rulebook = Rulebook([every.rule("TG-REUSE-DATA")], every.params)  # type: ignore[list-item]
    result = audit(catalogue, rulebook, workers=1)
    change = WhatIf("population", ("citizen_id",), None)
    effect = what_if(what_if_base(catalogue, rulebook, result), change)
    full = audit(
        Catalogue(procedures=catalogue.procedures, registry=apply_what_ifs(catalogue.registry, [change])),
        rulebook,
        audit_date=result.audit_date,
        workers=1,
    )
    assert effect.findings_delta == len(full.findings) - len(result.findings) < 0
    assert {f.key for f in effect.removed} == {f.key for f in result.findings} - {
        f.key for f in full.findings
    }
    assert catalogue.registry.providers("citizen_id"), "the catalogue's registry is untouched"
    later = WhatIf("civil_status", ("birth_certificate",), dt.date(2031, 1, 1))
    assert what_if(what_if_base(catalogue, rulebook, result), later).findings_delta <= 0


def test_what_if_ranks_the_source_as_the_cli_would(hand) -> None:
    catalogue, result = hand
    base = what_if_base(catalogue, load_rulebook(), result, as_of=dt.date(2026, 12, 1))
    withdrawn = what_if(base, WhatIf("civil_status", ("birth_certificate",), None))
    assert withdrawn.before is not None and withdrawn.after is not None
    assert "birth_certificate" in withdrawn.before.doc_types
    assert "birth_certificate" not in withdrawn.after.doc_types and withdrawn.after.what_if
    assert withdrawn.after.components <= withdrawn.before.components
    assert withdrawn.ranking == rank_sources(
        catalogue,
        [WhatIf.parse("civil_status!=birth_certificate", dt.date(2026, 12, 1))],
        as_of=base.ranking.as_of,
    )
    redated = what_if(base, WhatIf("civil_status", ("birth_certificate",), dt.date(2031, 1, 1)))
    assert redated.after is not None and "birth_certificate" not in redated.after.doc_types
    again = what_if(base, WhatIf("civil_status", ("birth_certificate",), dt.date(2020, 1, 1)))
    assert again.after == again.before.model_copy(update={"what_if": True})  # type: ignore[union-attr]


def test_rule_cards_carry_precision_vietnamese_rationale_and_scenarios(hand) -> None:
    rulebook = load_rulebook(include_experimental=True)
    cards = {c.rule.id: c for c in rule_cards(rulebook, hand[1])}
    assert len(cards) == len(rulebook.rules) and all(c.rule.rationale_vi for c in cards.values())
    reuse = cards["TG-REUSE-DATA"].precision
    assert (reuse.judged, reuse.correct) == (53, 35) and "đánh giá" in reuse.described("vi")
    assert cards["TG-PROC-FAMILY"].precision.share == 1.0
    assert cards["TG-REUSE-DATA"].scenarios and cards["TG-REUSE-DATA"].parameters
    # Every rule has a measured-precision entry (rules/precision.yaml), judged or not.
    assert set(load_precision()) == set(cards)
    assert "TG-CHANNEL-NO-ONLINE" in load_scenarios()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_upload_of_yaml_procedures_loads_and_reports_a_bad_file(tmp_path: Path) -> None:
    good = (HAND / next(p.name for p in HAND.glob("*.yaml"))).read_bytes()
    upload = [
        UploadedFile("catalogue.zip", _zip({"a/good.yaml": good, "a/bad.yaml": b"code: [", "x.txt": b""}))
    ]
    folder, catalogue = load_upload(upload, tmp_path)
    assert len(catalogue.procedures) == 1
    assert any("bad.yaml" in p.path for p in catalogue.problems)


def test_an_upload_of_records_and_yaml_procedures_loads_both(raw_folder, tmp_path: Path) -> None:
    records = sorted((raw_folder / "bo-tu-phap").glob("*.json"))[:3]
    upload = [UploadedFile(p.name, p.read_bytes()) for p in records]
    upload.append(UploadedFile("1.001193.yaml", (HAND / "1.001193.yaml").read_bytes()))
    _, catalogue = load_upload(upload, tmp_path)
    assert len(catalogue.procedures) == 4 and not catalogue.problems


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([UploadedFile("x.exe", b"")], "not a JSON, YAML or zip"),
        ([UploadedFile("x.zip", b"not a zip")], "not a valid zip"),
        ([UploadedFile("x.zip", _zip({"../evil.yaml": b"code: x"}))], "outside the upload"),
        ([UploadedFile("only.zip", _zip({"readme.txt": b"hi"}))], "no JSON or YAML"),
    ],
)
def test_a_bad_upload_is_refused_with_the_file_named(files: list[UploadedFile], message: str) -> None:
    with pytest.raises(UserError, match=message):
        unpack(files)


def test_an_upload_with_no_valid_procedure_names_its_files_not_the_servers_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        load_upload([UploadedFile("bad.json", b"{'a': 1}")], tmp_path / "uploads")
    assert "bad.json: line 1, column 2" in str(refused.value)
    assert str(tmp_path) not in str(refused.value)


def test_a_plan_on_one_procedure_applies_its_merge_and_reports_only_its_own_measures(
    hand, tmp_path: Path
) -> None:
    """The procedure page applied the whole plan to one procedure: a merge had nothing to merge with, and
    every other procedure's measure was listed as not applied."""
    catalogue, result = hand
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Thử", result.findings, "Lan")
        plan = set_status(repo, plan.id, [m.id for m in plan.measures], MeasureStatus.accepted, "Lan")
    birth = next(p for p in catalogue.procedures if p.code == "1.001193")
    merge = next(m for m in plan.applied if m.procedure_code == birth.code and m.measure == Measure.merge)
    on_it = plan_on_procedure(birth, plan, catalogue.procedures, load_cost_parameters())
    assert merge in on_it.applied and merge not in on_it.not_applied
    assert {m.procedure_code for m in on_it.applied + on_it.not_applied} == {birth.code}
    alone = plan_on_procedure(birth, plan, (), load_cost_parameters())  # the partners left out
    assert merge in alone.not_applied
    drawn = procedure_map(birth, result.for_procedure(birth.code), [], "vi", on_it.applied)
    assert "✓ Gộp thủ tục" in drawn.dot


def test_an_unchanged_catalogue_is_not_audited_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TINHGON_CACHE_DIR", str(tmp_path / "cache"))
    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    for path in list(HAND.glob("*.yaml"))[:3]:
        (catalogue / path.name).write_bytes(path.read_bytes())
    first = audit_cache.cached_audit(catalogue, workers=1)
    monkeypatch.setattr(audit_cache, "audit", lambda *a, **k: pytest.fail("audited again"))
    again = audit_cache.cached_audit(catalogue, workers=1)  # as after a server restart
    assert [f.key for f in again[1].findings] == [f.key for f in first[1].findings]
    first_file = sorted(catalogue.iterdir())[0]
    (catalogue / "extra.yaml").write_bytes(first_file.read_bytes().replace(b"code: ", b"code: 9", 1))
    with pytest.raises(pytest.fail.Exception):
        audit_cache.cached_audit(catalogue, workers=1)  # changed catalogue: audited again


def test_the_workbench_keeps_its_audits_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TINHGON_CACHE_DIR", str(cache))
    monkeypatch.setattr(audit_cache, "LARGE_BUDGET", 1)  # room for the newest entry only
    cache.mkdir()
    (cache / "audit-0123.json").write_text("{}", encoding="utf-8")  # where an earlier version kept them
    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    source = sorted(HAND.glob("*.yaml"))[0]
    (catalogue / source.name).write_bytes(source.read_bytes())
    for day in (1, 2):  # a new entry each day
        audit_cache.cached_audit(catalogue, audit_date=dt.date(2026, 12, day), workers=1)
    assert len(list((cache / "workbench").glob("audit-*.json"))) == 1
    assert not list(cache.glob("audit-*.json"))


def test_tinhgon_ui_never_prompts_and_listens_on_localhost_only(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli import main
    from engine.cli.ui import streamlit_command

    command = " ".join(streamlit_command(8501, "127.0.0.1"))
    for option in (
        "--server.headless true",
        "--server.address 127.0.0.1",
        "--browser.gatherUsageStats false",
        "--client.toolbarMode viewer",
    ):
        assert option in command
    assert main(["ui", "--catalogue", "/no/such/folder"]) == 2
    assert "/no/such/folder: no such file or folder" in capsys.readouterr().err


def test_a_volumes_upload_is_checked_then_applied_to_a_new_catalogue_folder(tmp_path: Path) -> None:
    catalogue = load_catalogue(HAND)
    example = (Path(__file__).resolve().parents[2] / "docs" / "volumes" / "example.csv").read_bytes()
    checked = check_volumes(UploadedFile("tk.csv", example + b"1.001193,2025,-1,,,,x\n"), catalogue, tmp_path)
    assert len(checked.records) == 4 and [str(p) for p in checked.problems] == [
        "tk.csv: row 6.Số hồ sơ tiếp nhận: negative count -1"
    ]
    folder = with_volumes(HAND, checked.records, tmp_path / "with")
    assert not (HAND / "volumes.yaml").exists(), "the catalogue in use is left as it was"
    loaded = load_catalogue(folder)
    assert len(loaded.procedures) == len(catalogue.procedures) and not loaded.problems
    volume = loaded.get("1.001193").annual_volume
    assert volume and volume.per_year == 18420 and not volume.estimate
    with pytest.raises(UserError, match="no valid row"):
        with_volumes(HAND, [], tmp_path / "with")
    with pytest.raises(UserError, match="tk.txt: not a CSV or Excel"):
        check_volumes(UploadedFile("tk.txt", example), catalogue, tmp_path)
    with pytest.raises(UserError, match="^bad.csv: no header row"):
        check_volumes(UploadedFile("bad.csv", b"x,y\n1,2\n"), catalogue, tmp_path)
