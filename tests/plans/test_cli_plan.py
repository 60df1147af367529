"""``tinhgon plan`` and ``tinhgon progress`` driven through ``engine.cli.main``, on a database in tmp."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from engine.cli import main
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from tests.conftest import HAND


@pytest.fixture
def cli(db_url, monkeypatch, capsys):
    """Run a command against the test database as reviewer «lan»; return (exit code, stdout, stderr)."""
    monkeypatch.setenv("TINHGON_REVIEWER", "lan")
    monkeypatch.setenv("TINHGON_DB_URL", db_url)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_a_team_creates_decides_tracks_and_exports_a_plan(cli, tmp_path):
    # The high-severity findings (data reuse) come from experimental rules: the plan asks for them.
    code, out, _ = cli("plan", "create", "Phương án thử", str(HAND), "--severity", "high", "--experimental")
    assert code == 0 and out.startswith("plan 1 «Phương án thử»:") and "experimental rules included" in out
    code, out, _ = cli("plan", "show", "1")
    high = [line.split()[0] for line in out.splitlines()[1:] if line.split()[2] == "high"]
    assert high and all(" high " in line for line in out.splitlines()[1:])

    assert cli("plan", "accept", "1", "--all-severity", "high", "--comment", "đồng ý")[0] == 0
    code, out, _ = cli("plan", "reject", "1", high[0], "--reviewer", "minh", "--comment", "chưa đủ căn cứ")
    assert out == f"plan 1: 0 proposed, {len(high) - 1} accepted, 1 rejected, 0 done\n"
    assert cli("plan", "comment", "1", high[1], "xem lại sau Tết")[0] == 0
    code, out, _ = cli("plan", "history", "1")
    assert f"minh  measure {high[0]}  status: accepted → rejected" in out
    assert f"lan  measure {high[1]}  comment: đồng ý → xem lại sau Tết" in out

    code, out, _ = cli("progress", "1", str(HAND), "--by", "level")
    assert code == 0
    assert "| Số thủ tục hành chính | 15 | 15 |" in out and "## Theo cấp thực hiện" in out
    assert "| Cắt giảm 50% chi phí tuân thủ (Bắc Ninh, 2026) (ước tính) | 50,0% |" in out
    code, out, _ = cli("progress", "1", str(HAND), "--format", "json")
    report = json.loads(out)
    assert report["before"]["annual_cost_vnd"] > report["after"]["annual_cost_vnd"]

    workbook = tmp_path / "plan.xlsx"
    assert (
        cli("plan", "export", "1", "--format", "xlsx", "-o", str(workbook), "--catalogue", str(HAND))[0] == 0
    )
    assert load_workbook(workbook).sheetnames[0] == "Tổng hợp"
    exported = tmp_path / "plan.json"
    assert cli("plan", "export", "1", "--format", "json", "-o", str(exported))[0] == 0
    code, out, _ = cli("plan", "import", str(exported), "--as-new")
    assert out.startswith("imported plan 2 «Phương án thử (2)»")
    assert cli("plan", "show", "2")[1].splitlines()[1:] == cli("plan", "show", "1")[1].splitlines()[1:]


def test_a_person_adds_a_measure_of_their_own(cli):
    cli("plan", "create", "P", str(HAND), "--severity", "high")
    code, out, _ = cli("plan", "add", "1", "cut_step", "1.001612", str(HAND), "--target", "s6")
    assert code == 0 and "(Cắt giảm bước thực hiện, 1.001612)" in out
    code, _, err = cli("plan", "add", "1", "cut_step", "1.001612", str(HAND), "--target", "s99")
    assert code == 1 and "tinhgon: error: procedure 1.001612 has no step 's99'; it has: s1," in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("plan", "show", "7"), "tinhgon: error: no plan with id 7"),
        (("plan", "accept", "1"), "name the measures (ids from `tinhgon plan show`) or use --all-severity"),
        (("plan", "import", "missing.json"), "missing.json: cannot read"),
        (("progress", "1", str(HAND), "--targets", "nowhere.yaml"), "nowhere.yaml: targets file not found"),
    ],
)
def test_mistakes_give_one_clear_line(cli, argv, message):
    code, _, err = cli(*argv)
    assert code == 1 and message in err and "Traceback" not in err


def test_a_broken_plan_file_names_the_file(cli, tmp_path):
    broken = tmp_path / "plan.json"
    broken.write_text('{"format": "tinhgon-plan", "plan": {"id": "one"}}', encoding="utf-8")
    code, _, err = cli("plan", "import", str(broken))
    assert code == 1 and f"{broken}: plan.id: Input should be a valid integer" in err


def test_without_experimental_the_plan_says_it_took_the_default_rules_only(cli):
    code, out, _ = cli("plan", "create", "P", str(HAND))
    default = audit(load_catalogue(HAND), load_rulebook()).findings
    assert code == 0 and f"from {len(default)} findings" in out and "default rules only" in out
    code, _, err = cli("plan", "create", "P", str(HAND))
    assert (code, err) == (1, "tinhgon: error: a plan named «P» already exists: choose another name\n")
    assert len(cli("plan", "list")[1].splitlines()) == 1


def test_the_database_can_be_named_on_the_command_line(cli, tmp_path):
    other = tmp_path / "other.db"
    assert cli("plan", "create", "P", str(HAND), "--severity", "high", "--db", f"sqlite:///{other}")[0] == 0
    assert cli("plan", "list")[2].startswith("no plans yet")  # the default database is still empty
    assert "P  (" in cli("plan", "list", "--db", f"sqlite:///{other}")[1]


def test_plan_without_an_action_prints_help(cli):
    code, out, _ = cli("plan")
    assert code == 2 and "create" in out and "export" in out


def test_progress_with_counted_volumes_says_how_many_remain_assumed(cli):
    from tests.importers.test_volumes import TEMPLATE_DIR

    assert cli("plan", "create", "Phương án thử", str(HAND), "--severity", "high")[0] == 0
    assert cli("plan", "accept", "1", "--all-severity", "high")[0] == 0
    code, assumed, _ = cli("progress", "1", str(HAND), "--by", "level")
    assert code == 0 and "15 thủ tục dùng số hồ sơ giả định" in assumed
    code, counted, err = cli(
        "progress", "1", str(HAND), "--by", "level", "--volumes", str(TEMPLATE_DIR / "example.csv")
    )
    assert code == 0 and "4 procedures with counted volumes" in err
    assert "11 thủ tục dùng số hồ sơ giả định" in counted
    cost = [line for line in counted.splitlines() if line.startswith("| Chi phí tuân thủ hằng năm")]
    assert cost and cost != [
        line for line in assumed.splitlines() if line.startswith("| Chi phí tuân thủ hằng năm")
    ]


def test_an_export_that_cannot_be_written_is_a_clear_error(cli, tmp_path):
    assert cli("plan", "create", "Phương án thử", str(HAND))[0] == 0
    code, _, err = cli(
        "plan", "export", "1", "--format", "json", "-o", str(tmp_path / "missing" / "plan.json")
    )
    assert code == 4 and "plan.json: cannot write" in err and "Traceback" not in err
    kept = tmp_path / "plan.json"
    kept.write_text("previous", encoding="utf-8")
    assert cli("plan", "export", "1", "--format", "json", "-o", str(kept))[0] == 0
    assert "Phương án thử" in kept.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".plan.json*"))  # written beside it, then renamed into place
