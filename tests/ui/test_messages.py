"""The engine's messages, as the workbench shows them: in Vietnamese, for every problem the bad-input corpus
makes the upload path report and every refusal of the plan and review services."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from i18n_messages import engine_text, error_text, message_vi, place_text

from engine.adapters.yaml_files import read_yaml
from engine.errors import UserError
from engine.model import Finding, Measure, Severity, Target, TargetKind
from engine.plans.model import MeasureDraft, MeasureStatus
from engine.plans.repository import MeasureChange, PlanRepository
from engine.services.catalogue import load_catalogue
from engine.services.review import ReviewItem, decide
from engine.services.uploads import NothingValid, UploadedFile, check_volumes, load_upload, unpack
from tests.bad_inputs.corpus import CORPUS, HAND, BadInput, dumps, portal
from tests.bad_inputs.test_bad_inputs import GOOD_HAND, GOOD_PORTAL

REPO = Path(__file__).resolve().parents[2]
UPLOADABLE = [item for item in CORPUS if item.kind in ("portal", "national", "yaml") and not item.repaired]


def _problems(item: BadInput, root: Path) -> list[tuple[str, str]]:
    """(field, message) of every problem an upload of ``item`` among good files of its kind reports, as
    tests/bad_inputs places them."""
    files = [UploadedFile(item.file, item.content())]
    if item.kind == "yaml":
        files += [UploadedFile(f"{c}.yaml", (HAND / f"{c}.yaml").read_bytes()) for c in GOOD_HAND]
    else:
        files += [UploadedFile(f"a-{code}.json", dumps(portal(code))) for code in GOOD_PORTAL]
    try:
        _, catalogue = load_upload(files, root)
    except NothingValid as nothing:
        return [(p.field, p.message) for p in nothing.problems]
    return [(p.field, p.message) for p in catalogue.problems]


@pytest.mark.parametrize("item", UPLOADABLE, ids=lambda item: item.name)
def test_every_problem_an_upload_reports_is_said_in_vietnamese(item: BadInput, tmp_path: Path) -> None:
    problems = _problems(item, tmp_path)
    assert problems, "a bad input the upload does not report"
    for field, message in problems:
        assert message_vi(message) is not None, f"no Vietnamese for {message!r}"
        assert not place_text(field, "vi").startswith(("line", "row")), field


def test_the_corpus_reads_as_a_reform_team_would_read_it(tmp_path: Path) -> None:
    said = {
        item.name: [
            (place_text(f, "vi"), engine_text(m, "vi")) for f, m in _problems(item, tmp_path / item.name)
        ]
        for item in UPLOADABLE
    }
    assert said["portal-empty-file"] == [
        ("dòng 1, cột 1", "không phải JSON hợp lệ: thiếu giá trị (tệp rỗng hoặc bị cắt?)")
    ]
    assert said["portal-windows-1258"] == [
        (
            "dòng 1, cột 44",
            "không phải văn bản UTF-8 (byte 0xd0): tệp có vẻ dùng bảng mã Windows-1258, "
            "hãy lưu lại dưới dạng UTF-8",
        )
    ]
    assert said["portal-huge-field"] == [
        ("raw_text", "một đoạn văn bản dài 1.200.000 ký tự, quá giới hạn 1.000.000")
    ]
    assert said["portal-name-is-a-number"] == [("ten_thu_tuc", "cần văn bản, nhưng gặp một số nguyên")]
    assert said["yaml-missing-name"] == [("name", "thiếu trường bắt buộc")]
    assert said["yaml-step-cycle"][0][1] == (
        "bước 's1' dùng y: không phải mã thành phần hồ sơ, cũng không phải kết quả của một bước trước"
    )


# One malformed procedure file for each problem libyaml reports (found by mutating valid files).
MALFORMED_YAML = [
    ": a\n",
    "-\na\n",
    "a: 'x':",
    "ten: -\n",
    "a: ''?\n",
    "- a\n?",
    "- ]\n",
    "|-a\n",
    "!-} a\n",
    "- @\n",
    "- '\n",
    "a: {x:}\n",
    "a: [1\n",
    " {a\n",
    "- a\n\t",
    "a: >\n\t t\n",
    "{a}: 'x'\n",
    "- *a",
    "- *\n",
    "a: !!python/object:os.system x\n",
    'a: !!"str 1',
    "a: !str% 1\n",
    "!te!n: a\n",
    "%- a",
    "- \n%",
    "%YAML 1.\n---\na: 1",
    "%YAML 11\n--\na: 1\n",
    '%a: "x"',
    "-a\n---",
    "-a\n:",
    "- 'a\n---",
    'a: "\\x"\n',
    'a: "\\&x"\n',
    "a: !!str \n- a\n",
    "a: 2026-13-45\n",
]


@pytest.mark.parametrize("text", MALFORMED_YAML)
def test_every_problem_the_yaml_reader_reports_is_said_in_vietnamese(text: str, tmp_path: Path) -> None:
    file = tmp_path / "thu-tuc.yaml"
    file.write_text(text, encoding="utf-8")
    _, problems = read_yaml(file)
    assert len(problems) == 1 and problems[0].message.startswith("not valid YAML: "), problems
    said = engine_text(problems[0].message, "vi")
    assert said.startswith("không phải YAML hợp lệ: "), f"{problems[0].message!r} said as {said!r}"
    reason = re.sub(r"'[^']*'|\"[^\"]*\"", "", problems[0].message)  # what the file wrote stays as is
    english = set(re.findall(r"[a-z]{4,}", reason.removeprefix("not valid YAML: ")))
    assert not english & set(re.findall(r"\w+", said)), said  # none of the reader's English words left


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ([UploadedFile("catalogue.zip", b"not a zip")], "catalogue.zip: không phải tệp zip hợp lệ"),
        ([UploadedFile("notes.txt", b"x")], "notes.txt: không phải tệp JSON, YAML hay zip"),
        ([UploadedFile("../a.json", b"{}")], "../a.json: không được dùng đường dẫn ra ngoài thư mục tải lên"),
    ],
)
def test_a_refused_upload_is_said_in_vietnamese(files: list[UploadedFile], said: str) -> None:
    with pytest.raises(UserError) as refused:
        unpack(files)
    assert error_text(refused.value, "vi") == said
    assert error_text(refused.value, "en") == str(refused.value)  # the English page: the engine's words


def test_every_problem_of_a_statistics_file_is_said_in_vietnamese(tmp_path: Path) -> None:
    example = (REPO / "docs" / "volumes" / "example.csv").read_bytes()
    bad = (
        b"9.999999,2025,10,,,,x\n1.001193,2024,-5,,,,x\n1.001193,x,5,,,,x\n"
        b"1.004222,2025,7,9,,,x\n,2025,1,,,,\n"
    )
    catalogue = load_catalogue(REPO / "procedures")
    checked = check_volumes(UploadedFile("thong-ke.csv", example + bad), catalogue, tmp_path)
    assert len(checked.problems) >= 5
    for problem in checked.problems:
        assert message_vi(problem.message) is not None, f"no Vietnamese for {problem.message!r}"
    with pytest.raises(UserError) as refused:
        check_volumes(UploadedFile("so-lieu.csv", b"a,b\n1,2\n"), catalogue, tmp_path)
    assert error_text(refused.value, "vi").startswith("so-lieu.csv: không có dòng tiêu đề với các cột")


def _draft(code: str) -> MeasureDraft:
    return MeasureDraft(measure=Measure.cut_step, procedure_code=code, procedure_name=code, message="m")


def test_every_refusal_of_a_plan_or_review_is_said_in_vietnamese(tmp_path: Path) -> None:
    repo = PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}")
    plan = repo.create("Bắc Ninh 2026", [_draft("1.000001"), _draft("1.000002")], "lan")
    repo.change(plan.id, [MeasureChange(2, MeasureStatus.accepted)], "lan")  # version 1 → 2
    refusals = {
        "Đặt tên cho phương án.": lambda: repo.create("  ", [], "lan"),
        "Đã có phương án «Bắc Ninh 2026»: hãy đặt tên khác.": lambda: repo.create(
            "Bắc Ninh 2026 ", [], "lan"
        ),
        "Biện pháp 1 chưa được chấp thuận: chỉ biện pháp đã chấp thuận mới được đánh dấu "
        "đã thực hiện.": lambda: repo.change(plan.id, [MeasureChange(1, MeasureStatus.done)], "lan"),
        "Phương án không có biện pháp 9.": lambda: repo.change(
            plan.id, [MeasureChange(9, MeasureStatus.accepted)], "x"
        ),
        "Biện pháp 2 vừa được lan thay đổi: hãy tải lại trang rồi thử lại.": lambda: repo.change(
            plan.id, [MeasureChange(2, MeasureStatus.rejected, expected_version=1)], "minh"
        ),
        "Phương án này không còn trong cơ sở dữ liệu.": lambda: repo.get(42),
        "Chọn ít nhất một phát hiện hoặc biện pháp.": lambda: decide(
            repo, plan.id, [], "lan", MeasureStatus.accepted, None
        ),
    }
    # the plan's measure on c2 is about another document than the finding now on c2 (a renumbered record)
    held = MeasureDraft(
        measure=Measure.cut_component,
        procedure_code="1.000003",
        target=Target(kind=TargetKind.component, id="c2", label="Giấy khai sinh"),
        finding_key="R:1.000003:component:c2",
    )
    renumbered = repo.create("Đánh số lại", [held], "lan")
    finding = Finding(
        rule_id="R",
        procedure_code="1.000003",
        procedure_name="P",
        target=Target(kind=TargetKind.component, id="c2", label="Tờ khai"),
        severity=Severity.low,
        measure=Measure.cut_component,
        message_vi="",
        message_en="",
        rationale="",
    )
    item = ReviewItem(
        finding.key, "1.000003", "P", "", (), finding.measure, "Tờ khai", "", "", finding=finding
    )
    refusals[
        "1.000003: phương án đã có biện pháp 1 về «Giấy khai sinh», nhưng thủ tục nay đánh số lại hoặc bỏ "
        "giấy tờ hay bước đó: hãy quyết định về biện pháp 1 trước."
    ] = lambda: decide(repo, renumbered.id, [item], "lan", MeasureStatus.accepted)
    for said, refused in refusals.items():
        with pytest.raises(UserError) as error:
            refused()
        assert error_text(error.value, "vi") == said
    repo.close()


def test_a_message_no_pattern_knows_is_shown_as_the_engine_wrote_it() -> None:
    assert message_vi("something new went wrong") is None
    assert engine_text("a.json: something new went wrong", "vi") == "a.json: something new went wrong"
