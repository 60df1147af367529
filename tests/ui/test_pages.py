"""Every page of the workbench under AppTest, with assertions on what the services and the CLI say."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from engine.cli import main as cli
from engine.services.audit import load_rulebook
from engine.services.audit_cache import cached_audit
from engine.services.catalogue import load_catalogue
from engine.services.review import review_queue
from engine.services.sources import WhatIf
from engine.services.targets import candidate_reach
from engine.services.whatif import what_if, what_if_base
from tests.ui.conftest import REPO, metrics, vn_int


def _cli_totals(capsys: pytest.CaptureFixture[str]) -> tuple[int, int, int]:
    capsys.readouterr()
    assert cli(["audit", "--format", "md", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    found = re.search(r"([\d,]+) procedures, ([\d,]+) findings on ([\d,]+) procedures", out)
    assert found, out[:500]
    procedures, findings, flagged = (int(x.replace(",", "")) for x in found.groups())
    return procedures, findings, flagged


def _create_plan(app: AppTest, name: str = "Bắc Ninh 2026", severity: str | None = "high") -> None:
    app.text_input(key="k_plan_name").input(name)
    app.selectbox(key="k_plan_severity_vi").set_value(severity)
    app.button[0].click().run()  # the form's submit button is the page's first button
    assert not app.exception, app.exception


def test_a_plan_needs_a_new_name_and_a_refused_one_keeps_the_chosen_severity(workbench: AppTest) -> None:
    workbench.selectbox(key="k_plan_severity_vi").set_value("all")
    workbench.button[0].click().run()
    assert workbench.error and workbench.error[0].value == "Đặt tên cho phương án."
    assert workbench.selectbox(key="k_plan_severity_vi").value == "all"  # not the "Choose an option" blank
    _create_plan(workbench, "Bắc Ninh 2026", "all")
    workbench.session_state["overview_create_open"] = True  # once a plan is chosen, the form is folded
    workbench.run()
    _create_plan(workbench, "Bắc Ninh 2026", "high")
    assert workbench.error and "Đã có phương án «Bắc Ninh 2026»" in workbench.error[0].value
    import state

    assert [p.name for p in state.repository().plans()] == ["Bắc Ninh 2026"]


def test_catalogue_totals_equal_the_clis(workbench: AppTest, capsys: pytest.CaptureFixture[str]) -> None:
    workbench.switch_page("screens/catalogue.py").run()
    shown = metrics(workbench)
    procedures, findings, flagged = _cli_totals(capsys)
    assert (vn_int(shown["Thủ tục"]), vn_int(shown["Phát hiện"]), vn_int(shown["Thủ tục có phát hiện"])) == (
        procedures,
        findings,
        flagged,
    )
    assert procedures == 1271 and shown["Thủ tục"] == "1.271"  # Vietnamese number format


def test_catalogue_search_ignores_accents_and_a_typo(workbench: AppTest) -> None:
    workbench.switch_page("screens/catalogue.py").run()
    workbench.text_input(key="k_cat_query").input("dang ky khia sinh").run()
    frame = workbench.dataframe[0].value
    assert frame.iloc[0]["Mã"] == "1.001193"
    assert frame.iloc[0]["Tên thủ tục"] == "Thủ tục đăng ký khai sinh"
    workbench.text_input(key="k_cat_query").input("1.013225").run()
    assert list(workbench.dataframe[0].value["Mã"]) == ["1.013225"]


def test_catalogue_filters_narrow_the_table(workbench: AppTest) -> None:
    workbench.switch_page("screens/catalogue.py").run()
    assert not workbench.multiselect, "the filters are drawn only once their expander is open"
    workbench.session_state["cat_filters_open"] = True  # the user opens the expander
    workbench.run()
    # without the data-reuse rules no finding names a database: the filter says so, not an empty list
    empty = workbench.multiselect(key="k_cat_databases")
    assert empty.disabled and not empty.options and "Cả quy tắc thử nghiệm" in (empty.help or "")
    workbench.sidebar.toggle(key="experimental").set_value(True).run()  # the data-reuse rules
    assert not workbench.multiselect(key="k_cat_databases").disabled
    workbench.multiselect(key="k_cat_databases").select("civil_status").run()
    frame = workbench.dataframe[0].value
    assert len(frame) > 0
    assert all("Cơ sở dữ liệu hộ tịch điện tử" in v for v in frame["Cơ sở dữ liệu"])
    assert vn_int(metrics(workbench)["Thủ tục"]) == len(frame)
    workbench.session_state["cat_filters_open"] = False  # closed again: the filter still applies
    workbench.run()
    assert not workbench.multiselect
    assert len(workbench.dataframe[0].value) == len(frame)


def test_language_switch_keeps_page_and_selection(workbench: AppTest) -> None:
    workbench.switch_page("screens/catalogue.py").run()
    workbench.text_input(key="k_cat_query").input("khai sinh").run()
    before = len(workbench.dataframe[0].value)
    workbench.sidebar.radio(key="lang").set_value("en").run()
    assert workbench.title[0].value == "Catalogue of procedures"
    assert workbench.text_input(key="k_cat_query").value == "khai sinh"
    frame = workbench.dataframe[0].value
    assert len(frame) == before and "Procedure name" in frame.columns
    assert "Procedures" in metrics(workbench)


def test_opening_a_procedure_shows_its_name_and_findings(workbench: AppTest) -> None:
    workbench.switch_page("screens/catalogue.py").run()
    workbench.selectbox(key="k_cat_open").set_value("1.001193")
    workbench.button(key="open_procedure_button").click().run()
    assert not workbench.exception, workbench.exception
    assert [title.value for title in workbench.title] == ["Thủ tục đăng ký khai sinh"]  # once, not twice


def test_a_plan_created_on_the_overview_shows_targets_and_counts(workbench: AppTest) -> None:
    workbench.sidebar.toggle(key="experimental").set_value(True).run()  # high findings are experimental
    _create_plan(workbench)
    assert workbench.header[0].value == "Bắc Ninh 2026"
    shown = metrics(workbench)
    assert vn_int(shown["Đề xuất"]) > 0 and vn_int(shown["Chấp thuận"]) == 0
    targets = html_table(workbench, "targets")
    assert len(targets) == 7  # every target of rules/targets.yaml
    assert list(targets["Yêu cầu"]) == ["giảm 30%"] * 3 + ["giảm 50%"] * 2 + ["đạt 100%", "đạt 70%"]
    assert targets.iloc[0]["Mục tiêu cải cách"] == "Cắt giảm 30% số lượng thủ tục hành chính (Bắc Ninh, 2030)"
    assert targets.iloc[0]["Ban đầu"] == "1.271"
    assert targets.iloc[1]["Ban đầu"].endswith(" ngày làm việc")  # a total of time limits, with its unit
    passed = dt.date.today() > dt.date(2025, 12, 31)
    assert targets.iloc[1]["Hạn"] == "31/12/2025 (" + ("đã quá hạn" if passed else "còn hạn") + ")"
    assert targets.iloc[0]["Hạn"] == "31/12/2030 (còn hạn)"
    assert all("None" not in str(v) for v in targets.to_numpy().ravel())
    counts = html_table(workbench, "counts")
    assert list(counts["Phạm vi"]) == ["Mọi thủ tục", "Thủ tục liên quan kinh doanh"]
    assert counts.iloc[0]["Thủ tục"] == "1.271"
    # The chart draws, per target, the achieved and projected shares of the table and the target's tick.
    boxes = _target_chart(workbench).boxes
    assert len(boxes) == 3 * len(targets)
    projected = [value for series, value in boxes if series == "Dự kiến (đã chấp thuận)"]
    shown = [f"{v:.1f}%".replace(".", ",").replace("-", "−") for v in projected]
    assert shown == [v.split(" (")[0] for v in targets["Dự kiến (đã chấp thuận)"]]
    # a reach goal's share says how much of it the plan adds to the share held before it
    for _, row in targets.iloc[5:].iterrows():
        before = float(row["Ban đầu"].rstrip("%").replace(",", "."))
        share, rise = (
            float(v.replace(",", ".").replace("−", "-"))
            for v in re.fullmatch(r"(.+)% \((.+) điểm %\)", row["Đã đạt (đã thực hiện)"]).groups()
        )
        assert share - before == pytest.approx(rise, abs=0.06)
    ticks = [value for series, value in boxes if series == "Mục tiêu"]
    assert [round(v) for v in ticks] == [30, 30, 30, 50, 50, 100, 70]
    # With a plan chosen, the form to create another is drawn only once its expander is opened.
    workbench.session_state["overview_create_open"] = False
    workbench.run()
    assert not [w for w in workbench.text_input if w.key == "k_plan_name"]
    workbench.session_state["overview_create_open"] = True
    workbench.run()
    assert workbench.text_input(key="k_plan_name").label == "Tên phương án"


def test_the_overview_computes_the_reach_in_the_background_once_before_it_is_opened(
    workbench: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import state

    computed: list[tuple[object, ...]] = []
    monkeypatch.setattr(state, "_reach", lambda *args: computed.append(args))
    monkeypatch.setattr(state, "_reach_warmed", set())
    monkeypatch.setattr(state, "WARM_DELAY_S", 0)
    before = set(threading.enumerate())
    workbench.run()
    workbench.run()  # a second run of the page starts no second computation
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=60)
    assert not workbench.table, "the reach is not drawn before its expander is opened"
    assert [args[1:] for args in computed] == [(state.catalogue_path(), dt.date.today(), False)]


def test_the_overview_shows_how_far_the_candidates_go_as_the_service_computes(workbench: AppTest) -> None:
    workbench.run()  # no plan chosen: the targets and the candidates' reach are shown all the same
    assert not workbench.exception, workbench.exception
    assert len(html_table(workbench, "target_list")) == 7  # every target, without a plan too
    assert not workbench.table, "the reach is drawn only once its expander is open"
    workbench.session_state["overview_reach_open"] = True  # the user opens it
    for experimental in (False, True):  # the rules the sidebar says, as the plan created on the page
        workbench.sidebar.toggle(key="experimental").set_value(experimental).run()
        reach = workbench.table[-1].value
        catalogue, result = cached_audit(None, experimental=experimental)
        rulebook = load_rulebook(include_experimental=experimental)
        report = candidate_reach(catalogue, result.findings, rulebook, include_experimental=experimental)
        assert len(reach) == len(report.rows) + 1  # one row per kind, "all", then the gap
        every = reach.iloc[-2]
        assert every["Loại phương án"].startswith("Tất cả các loại phương án")
        last = report.rows[-1]
        assert vn_int(every["Đề xuất"]) == last.candidates == len(result.findings)
        assert vn_int(every["Thủ tục cắt giảm hoặc đơn giản hóa"]) == last.counts[0].cut_or_simplified
        column = "Chi phí −30% KD 2025"
        cost = next(t for t in last.targets if t.target_id == "nq66-2025-cost")
        assert every[column] == f"{cost.achieved * 100:.1f}%".replace(".", ",").replace("-", "−")
        assert reach.iloc[-1][column] == f"{cost.gap * 100:.1f}%".replace(".", ",").replace("-", "−")
        assert reach.iloc[-1]["Loại phương án"] == "Còn thiếu (nếu chấp thuận tất cả)"
        kinds = {k.removesuffix(" ¹") for k in reach["Loại phương án"]}
        assert ("Thay thành phần hồ sơ bằng dữ liệu" in kinds) == experimental  # data reuse: experimental
        assert not any("_" in k for k in kinds), "no raw measure ids"
        said = "gồm cả quy tắc thử nghiệm" if experimental else "chỉ các quy tắc mặc định"
        assert any(said in c.value for c in workbench.caption)
        # a kind that makes a metric grow (merges, on cost) is written with a true minus, and said why
        shares = [tr.achieved for row in report.rows for tr in row.targets]
        negative = any(share is not None and share < 0 for share in shares)
        cells = [v for column in reach.columns[4:] for v in reach[column]]
        assert not any("-" in v for v in cells) and any(v.startswith("−") for v in cells) == negative
        assert any(c.value.startswith("Số âm: ") for c in workbench.caption) == negative


def test_a_decision_on_the_review_page_is_in_plan_history(
    workbench: AppTest, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _create_plan(workbench)
    workbench.switch_page("screens/review.py").run()
    item = workbench.selectbox(key="w_k_rev_item_vi").value
    workbench.text_input(key="k_rev_one_comment").input("đồng ý theo NQ 66.7")
    workbench.button(key="one_accept").click().run()
    assert not workbench.exception, workbench.exception
    assert workbench.success and "1 quyết định" in workbench.success[0].value
    # the comment box is emptied for the next finding, and each box says what it comments on
    assert workbench.text_input(key="k_rev_one_comment").value == ""
    labels = {workbench.text_input(key=k).label for k in ("k_rev_one_comment", "k_rev_sel_comment")}
    assert labels == {"Ý kiến cho phát hiện này", "Ý kiến cho các dòng đã chọn"}
    capsys.readouterr()
    assert cli(["plan", "history", "1"]) == 0
    history = capsys.readouterr().out
    assert "Nguyễn Thị Lan" in history and "status: proposed → accepted" in history
    assert "đồng ý theo NQ 66.7" in history
    # and the page shows the decision back: who made it, and the comment
    shown = " ".join(m.value for m in workbench.markdown)
    assert "Người rà soát: Nguyễn Thị Lan" in shown and "**Ý kiến:** đồng ý theo NQ 66.7" in shown
    # and every decision on the measure, oldest first, as the plan's history holds them
    decisions = [m.value for m in workbench.markdown if " · Nguyễn Thị Lan · " in m.value]
    assert [d.split(" · ", 2)[2] for d in decisions] == [
        "đưa vào phương án",
        "Trạng thái: Đề xuất → Chấp thuận",
        "Ý kiến: đồng ý theo NQ 66.7",
    ]
    assert "Các quyết định về biện pháp này (3)" in [e.label for e in workbench.expander]
    # the accepted measure counts on the overview page
    workbench.switch_page("screens/overview.py").run()
    assert vn_int(metrics(workbench)["Chấp thuận"]) == 1
    assert item  # the key the decision was made on
    charts = len(workbench.get("arrow_vega_lite_chart") or workbench.get("vega_lite_chart"))
    workbench.session_state["overview_history_open"] = True  # the plan over time, drawn once opened
    workbench.run()
    assert len(workbench.get("arrow_vega_lite_chart") or workbench.get("vega_lite_chart")) == charts + 1


def test_the_procedure_page_chooses_no_plan_the_sidebar_has_not(workbench: AppTest) -> None:
    _create_plan(workbench)
    workbench.session_state["plan_id"] = 0  # a reader who has not chosen one
    workbench.switch_page("screens/procedure.py").run()
    assert not workbench.exception, workbench.exception
    assert workbench.selectbox(key="plan_id").value == 0  # it chose the first plan unasked
    assert workbench.session_state["plan_id"] == 0


def test_a_finding_is_marked_done_only_once_accepted(workbench: AppTest) -> None:
    _create_plan(workbench)
    workbench.switch_page("screens/review.py").run()
    workbench.button(key="one_mark_done").click().run()
    assert workbench.error and "Chỉ biện pháp đã chấp thuận" in workbench.error[0].value
    workbench.switch_page("screens/overview.py").run()
    assert vn_int(metrics(workbench)["Đã thực hiện"]) == 0
    workbench.switch_page("screens/review.py").run()
    workbench.button(key="one_accept").click().run()
    workbench.button(key="one_mark_done").click().run()
    assert not workbench.error and workbench.success
    workbench.switch_page("screens/overview.py").run()
    assert vn_int(metrics(workbench)["Đã thực hiện"]) == 1


def test_review_says_when_a_saving_leaves_the_compliance_cost_as_it_is(workbench: AppTest) -> None:
    workbench.sidebar.toggle(key="experimental").set_value(True).run()
    workbench.switch_page("screens/review.py").run()
    workbench.session_state["k_rev_rules"] = ["TG-CERTIFIED-COPY"]  # the queue offers 1,000 at a time
    workbench.run()
    workbench.selectbox(key="w_k_rev_item_vi").select("TG-CERTIFIED-COPY:1.001193:component:c9").run()
    assert not workbench.exception, workbench.exception
    said = [c.value for c in workbench.caption if "trường hợp" in c.value]
    assert said == [
        "Thành phần này chỉ có ở trường hợp «Gửi hồ sơ qua hệ thống bưu chính». Chi phí tuân thủ của thủ "
        "tục tính theo trường hợp có nhiều thành phần nhất («Nộp trực tiếp hoặc qua hệ thống bưu chính»), "
        "nên khoản tiết kiệm này có thật với những người nộp ở trường hợp đó nhưng không làm giảm chi phí "
        "tuân thủ trên trang Tổng quan."
    ]
    catalogue, result = cached_audit(None, experimental=True)
    queue = review_queue(catalogue, result, load_rulebook(include_experimental=True), None)
    counted = next(i.key for i in queue.items if i.rule_id == "TG-CERTIFIED-COPY" and not i.uncounted_case)
    workbench.selectbox(key="w_k_rev_item_vi").select(counted).run()
    assert not any("Chi phí tuân thủ của thủ tục tính theo" in c.value for c in workbench.caption)


def test_review_marks_experimental_rules_with_their_precision(workbench: AppTest) -> None:
    workbench.sidebar.toggle(key="experimental").set_value(True).run()
    workbench.switch_page("screens/review.py").run()
    workbench.session_state["rev_filters_open"] = True  # the user opens the filters
    workbench.run()
    workbench.radio(key="k_rev_exp").set_value("only").run()
    frame = workbench.dataframe[0].value
    assert len(frame) > 0
    assert all(v.startswith("Thử nghiệm · ") for v in frame["Độ chính xác đo được"])
    assert any("35/53 (66%)" in v for v in frame["Độ chính xác đo được"])  # TG-REUSE-DATA
    # the decision before the long message, which pushed it off-screen at 1440 px
    columns = list(frame.columns)
    assert columns.index("Trạng thái") < columns.index("Ý kiến") < columns.index("Nội dung")


def test_rules_page_shows_vietnamese_rationale_scenarios_and_hits(workbench: AppTest) -> None:
    workbench.switch_page("screens/rules.py").run()
    workbench.selectbox(key="w_k_rule_choice_vi").set_value("TG-REUSE-DATA").run()
    frame = workbench.dataframe[0].value
    assert len(frame) == len(load_rulebook(include_experimental=True).rules)
    row = frame[frame["Quy tắc"] == "Thành phần hồ sơ có dữ liệu trong cơ sở dữ liệu đã công bố"].iloc[0]
    assert row["Độ chính xác đo được"] == "35/53 (66%)" and row["Trạng thái"] == "Thử nghiệm"
    family = frame[frame["Quy tắc"].str.startswith("Họ thủ tục")].iloc[0]
    assert family["Độ chính xác đo được"] == "40/40 (100%)" and family["Trạng thái"] == "Đã kiểm chứng"
    result = cached_audit(None, experimental=True)[1]
    assert row["Số phát hiện"] == result.hits_by_rule()["TG-REUSE-DATA"]
    text = " ".join(m.value for m in workbench.markdown)
    assert "Cơ quan không được yêu cầu nộp giấy tờ" in text
    assert any("TG-REUSE-DATA" in c.value for c in workbench.code)
    # the specs, rule ids and all, wait in an expander for those who write them
    specs = [e for e in workbench.expander if e.label.startswith("Tình huống kiểm thử (Gherkin): ")]
    assert len(specs) == 1 and specs[0].code and int(specs[0].label.rsplit(" ", 1)[1]) == len(specs[0].code)
    # the parameters in Vietnamese: unit and reference, as rules/parameters.yaml gives them
    workbench.selectbox(key="w_k_rule_choice_vi").set_value("TG-REUSE-PRECEDENT").run()
    params = workbench.table[-1].value
    assert list(params.columns) == ["Tham số", "Giá trị", "Căn cứ", "Ngày"]
    assert params.iloc[0]["Giá trị"] == "3 thủ tục"
    assert params.iloc[0]["Căn cứ"].startswith("Nghị quyết 66.7/2025/NQ-CP: cùng một dữ liệu")


def test_what_if_moves_the_counts_by_what_the_service_computes(workbench: AppTest) -> None:
    workbench.switch_page("screens/databases.py").run()
    workbench.selectbox(key="w_k_db_source_vi").set_value("civil_status").run()
    workbench.selectbox(key="w_k_db_doc_vi").set_value("birth_certificate").run()
    assert len(workbench.date_input) == 1
    workbench.radio(key="k_db_mode").set_value("not_published").run()
    assert len(workbench.date_input) == 0, "no publication date for a database not published"
    workbench.button[0].click().run()
    assert not workbench.exception, workbench.exception
    assert "35/53" in workbench.warning[0].value  # the data-reuse rules' measured precision
    catalogue, result = cached_audit(None, experimental=True)  # what-ifs run the data-reuse rules
    base = what_if_base(catalogue, load_rulebook(include_experimental=True), result)
    effect = what_if(base, WhatIf("civil_status", ("birth_certificate",), None))
    # withdrawing the database loses data-reuse findings (and may add interlink ones)
    assert any("TG-REUSE-DATA" in f.all_rule_ids for f in effect.removed)
    assert effect.before and effect.after and effect.after.components < effect.before.components
    shown = {m.label: m for m in workbench.metric}
    assert vn_int(shown["Phát hiện thay đổi"].value) == effect.findings_delta
    # the rules named even with the experimental toggle off (as here): the what-if runs them all the same
    lost = workbench.dataframe[-1].value
    assert "(không rõ)" not in set(lost["Quy tắc"]) and len(lost) == len(effect.removed)
    assert vn_int(shown["Thành phần hồ sơ được thay thế"].value) == effect.after.components
    assert vn_int(shown["Thành phần hồ sơ được thay thế"].delta) == (
        effect.after.components - effect.before.components
    )
    assert shown["Đồng tiết kiệm / năm"].value == f"{effect.after.vnd_per_year:,} đ".replace(",", ".")
    lost_vnd = effect.before.vnd_per_year - effect.after.vnd_per_year
    assert lost_vnd > 0 and shown["Đồng tiết kiệm / năm"].delta == f"−{lost_vnd:,} đ".replace(",", ".")
    # the ranking with the change is computed once its expander is opened, as the CLI ranks it
    assert len(workbench.table) == 1
    workbench.session_state["db_ranking_open"] = True
    workbench.run()
    assert effect.ranking is not None
    ranked = workbench.table[-1].value
    assert [vn_int(v.removesuffix(" đ")) for v in ranked["Đồng tiết kiệm / năm"]] == [
        s.vnd_per_year for s in effect.ranking.sources
    ]
    assert sum("(giả định)" in name for name in ranked["Cơ sở dữ liệu"]) == 1


def test_choosing_another_database_shows_its_own_document_and_date(workbench: AppTest) -> None:
    """A document type or date kept from the database chosen before would credit this one with it."""
    workbench.switch_page("screens/databases.py").run()
    workbench.selectbox(key="w_k_db_source_vi").set_value("civil_status").run()
    workbench.selectbox(key="w_k_db_doc_vi").set_value("death_certificate").run()
    workbench.date_input[0].set_value(dt.date(2030, 5, 1)).run()
    workbench.selectbox(key="w_k_db_source_vi").set_value("criminal_records").run()
    assert not workbench.exception, workbench.exception
    assert workbench.selectbox(key="w_k_db_doc_vi").value == "criminal_record_certificate"
    assert workbench.date_input[0].value == dt.date(2026, 1, 1)  # the registry's date for that pair
    assert "01/01/2026" in workbench.caption[0].value
    # a type the database does not serve: not published, so the date offered is today's
    workbench.selectbox(key="w_k_db_doc_vi").set_value("birth_certificate").run()
    assert workbench.date_input[0].value == dt.date.today()
    # and within one database, the document chosen stays while the date follows it
    workbench.selectbox(key="w_k_db_source_vi").set_value("population").run()
    workbench.selectbox(key="w_k_db_doc_vi").set_value("household_book").run()
    assert workbench.date_input[0].value == dt.date(2023, 1, 1)
    workbench.run()
    assert workbench.selectbox(key="w_k_db_doc_vi").value == "household_book"


@pytest.mark.parametrize(
    "change",
    [
        WhatIf("civil_status", ("birth_certificate",), None),  # withdrawn
        WhatIf("civil_status", ("birth_certificate",), dt.date(2031, 1, 1)),  # published later
        WhatIf("population", ("land_use_certificate",), dt.date(2020, 1, 1)),  # a type it does not serve
    ],
)
def test_the_what_if_pages_quick_row_equals_the_full_rankings(change: WhatIf) -> None:
    """The page computes only the changed database's row (what_if(..., rank_all=False)): the same row."""
    catalogue, result = cached_audit(None, experimental=True)
    base = what_if_base(catalogue, load_rulebook(include_experimental=True), result)
    full, quick = what_if(base, change), what_if(base, change, rank_all=False)
    assert quick.after is not None and quick.after == full.after and quick.ranking is None
    assert (quick.added, quick.removed, quick.before) == (full.added, full.removed, full.before)


def test_the_database_ranking_equals_the_clis(workbench: AppTest, capsys: pytest.CaptureFixture[str]) -> None:
    workbench.switch_page("screens/databases.py").run()
    assert not workbench.exception, workbench.exception
    ranking = workbench.table[0].value
    capsys.readouterr()
    assert cli(["sources", "rank", "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)["sources"]
    assert list(ranking["Cơ sở dữ liệu"]) == [s["name_vi"] for s in expected]
    assert [vn_int(v) for v in ranking["Thành phần hồ sơ"]] == [s["components"] for s in expected]
    assert [vn_int(v) for v in ranking["Thủ tục"]] == [s["procedures"] for s in expected]
    assert [vn_int(v.removesuffix(" đ")) for v in ranking["Đồng tiết kiệm / năm"]] == [
        s["vnd_per_year"] for s in expected
    ]
    assert expected[0]["vnd_per_year"] > 0
    assert "giả định ở" in ranking.iloc[0]["Số hồ sơ / năm theo"]  # the portal publishes no volumes
    assert not any("_" in v for v in ranking["Loại giấy tờ thay thế"]), "document types in words"


def test_load_page_reports_a_bad_file_and_keeps_the_data(workbench: AppTest) -> None:
    workbench.switch_page("screens/load.py").run()
    assert "1.271 thủ tục" in workbench.info[0].value
    downloads = [d.proto.label for d in workbench.get("download_button")]
    assert downloads == ["Tải tệp mẫu (CSV, chỉ có tên cột)", "Tải tệp ví dụ (CSV, số liệu minh họa)"]
    workbench.get("file_uploader")[0].set_value([("catalogue.zip", b"not a zip", "application/zip")])
    workbench.button[0].click().run()  # the form's submit button
    assert not workbench.exception, workbench.exception
    assert "catalogue.zip: không phải tệp zip hợp lệ" in workbench.error[0].value
    assert "không thay đổi" in workbench.error[0].value
    workbench.get("file_uploader")[0].set_value([("1.000001.json", b'{"ma_thu_tuc": ', "application/json")])
    workbench.button[0].click().run()
    assert "không có thủ tục hợp lệ nào" in workbench.error[0].value
    assert metrics(workbench)["Thủ tục hợp lệ"] == "0"
    problems = workbench.dataframe[0].value
    assert list(problems["Trường"]) == ["dòng 1, cột 16"]
    assert list(problems["Lỗi"]) == ["không phải JSON hợp lệ: thiếu giá trị (tệp rỗng hoặc bị cắt?)"]
    assert not any(b.label == "Làm việc trên bộ thủ tục này" for b in workbench.button)
    workbench.switch_page("screens/catalogue.py").run()
    assert metrics(workbench)["Thủ tục"] == "1.271"


def test_load_page_imports_portal_records_and_works_on_them(workbench: AppTest) -> None:
    records = sorted((REPO / "tests" / "fixtures").rglob("*.json"))[:3]
    if not records:
        pytest.skip("no portal record fixture")
    workbench.switch_page("screens/load.py").run()
    files = [(p.name, p.read_bytes(), "application/json") for p in records]
    workbench.get("file_uploader")[0].set_value(files)
    workbench.button[0].click().run()
    assert not workbench.exception, workbench.exception
    shown = metrics(workbench)
    assert vn_int(shown["Tệp đã đọc"]) >= 1 and vn_int(shown["Thủ tục hợp lệ"]) >= 1
    workbench.button(key="use_upload").click().run()
    workbench.switch_page("screens/catalogue.py").run()
    assert vn_int(metrics(workbench)["Thủ tục"]) == vn_int(shown["Thủ tục hợp lệ"])


def test_procedure_page_reads_the_code_from_the_query(workbench: AppTest) -> None:
    workbench.query_params["code"] = "1.013225"
    workbench.switch_page("screens/procedure.py").run()
    assert workbench.title[0].value.startswith("Cấp giấy phép xây dựng")
    assert load_catalogue  # the page shows the bundled catalogue's procedure


def _button(app: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in app.button if b.label == label)


def test_load_page_checks_a_volumes_file_row_by_row_and_applies_its_good_rows(workbench: AppTest) -> None:
    example = (REPO / "docs" / "volumes" / "example.csv").read_bytes()
    bad_rows = b"9.999999,2025,10,,,,x\n1.001193,2024,-5,,,,x\n1.004222,2025,7,,,,x\n"
    workbench.switch_page("screens/load.py").run()
    assert "giả định ở cả 1.271 thủ tục" in workbench.info[0].value  # the portal publishes no volumes
    workbench.get("file_uploader")[1].set_value(("thong-ke.csv", example + bad_rows, "text/csv"))
    _button(workbench, "Kiểm tra tệp số liệu").click().run()
    assert not workbench.exception, workbench.exception
    shown = metrics(workbench)
    assert (shown["Dòng đã đọc"], shown["Dòng hợp lệ"], shown["Dòng lỗi"]) == ("7", "4", "3")
    report = workbench.dataframe[0].value
    assert list(report["Dòng, cột"]) == ["dòng 6 · Mã thủ tục", "dòng 7 · Số hồ sơ tiếp nhận", "dòng 8"]
    assert list(report["Lỗi"]) == [
        "mã thủ tục '9.999999' không có trong bộ thủ tục đang dùng",
        "số âm -5",
        "trùng dòng 3 (thủ tục 1.004222, năm 2025): giữ dòng 3",
    ]
    assert "giả định ở cả 1.271 thủ tục" in workbench.info[0].value, "checking changes nothing"
    _button(workbench, "Áp dụng cho bộ thủ tục đang dùng").click().run()
    assert not workbench.exception, workbench.exception
    assert "4 thủ tục" in workbench.success[0].value
    assert "thực tế ở 4 thủ tục, giả định ở 1.267 thủ tục" in workbench.info[0].value
    path = workbench.session_state["catalogue_path"]
    loaded = load_catalogue(Path(path)).get("1.001193")
    assert (
        loaded.annual_volume and loaded.annual_volume.per_year == 18420 and not loaded.annual_volume.estimate
    )
    workbench.switch_page("screens/databases.py").run()
    assert not workbench.exception, workbench.exception
    workbench.switch_page("screens/catalogue.py").run()
    assert metrics(workbench)["Thủ tục"] == "1.271"  # the same procedures, now with counted volumes


def test_load_page_reports_an_unreadable_volumes_file_and_changes_nothing(workbench: AppTest) -> None:
    workbench.switch_page("screens/load.py").run()
    workbench.get("file_uploader")[1].set_value(("so-lieu.csv", b"a,b\n1,2\n", "text/csv"))
    _button(workbench, "Kiểm tra tệp số liệu").click().run()
    assert not workbench.exception, workbench.exception
    error = workbench.error[0].value
    assert "so-lieu.csv: không có dòng tiêu đề" in error and "không thay đổi" in error
    assert not any(b.label == "Áp dụng cho bộ thủ tục đang dùng" for b in workbench.button)
    assert (
        "1.271 thủ tục" in workbench.info[0].value
        and "giả định ở cả 1.271 thủ tục" in workbench.info[0].value
    )
    workbench.sidebar.radio(key="lang").set_value("en").run()
    workbench.get("file_uploader")[1].set_value(("so-lieu.csv", b"a,b\n1,2\n", "text/csv"))
    _button(workbench, "Check the statistics file").click().run()
    error = workbench.error[0].value
    assert "so-lieu.csv: no header row" in error and "(see the template)" in error and "docs/" not in error


def test_the_overview_in_english_has_its_breakdown_and_no_raw_ids(workbench: AppTest) -> None:
    _create_plan(workbench)
    workbench.sidebar.radio(key="lang").set_value("en").run()
    assert not workbench.exception, workbench.exception
    targets = html_table(workbench, "targets")
    assert targets.iloc[1]["Requirement"] == "30% less" and targets.iloc[5]["Requirement"] == "reach 100%"
    assert targets.iloc[1]["Reference"].startswith("Resolution 66/NQ-CP of 26/3/2025: in 2025")
    breakdown = workbench.dataframe[0].value
    assert {"Group", "Procedures", "Time −30% business 2025", "Cost −50% 2026"} <= set(breakdown.columns)
    assert "Commune" in set(breakdown["Group"])
    workbench.session_state["overview_reach_open"] = True
    workbench.sidebar.toggle(key="experimental").set_value(True).run()  # the data-reuse rules
    reach = workbench.table[0].value  # the plan's own tables are HTML: the reach is the one st.table
    assert "Replace a component with a data lookup ¹" in set(reach["Kind of measure"])
    assert any("experimental rules included" in c.value for c in workbench.caption)


class _TableParser(HTMLParser):
    """The cells' text of the first HTML table named ``name`` (ui/tables.py), row by row."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.inside, self.done = name, False, False
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("data-table") == self.name and not self.done:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.inside and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def html_table(app: AppTest, name: str) -> pd.DataFrame:
    """An HTML table of the page (``ui/tables.py``) as a frame: its header row names the columns."""
    for element in app.get("html"):
        parser = _TableParser(name)
        parser.feed(element.value)
        if parser.rows:
            return pd.DataFrame(parser.rows[1:], columns=parser.rows[0])
    raise AssertionError(f"no table {name!r} on the page")


class _ChartParser(HTMLParser):
    """The target chart's legend names and its bars and ticks (series, value), in the order drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.legend: list[str] = []
        self.boxes: list[tuple[str, float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "tg-legend" in (a.get("class") or ""):
            self.legend.append(a["data-series"] or "")
        elif a.get("data-value") is not None:
            self.boxes.append((a["data-series"] or "", float(a["data-value"] or 0)))


def _target_chart(app: AppTest) -> _ChartParser:
    charts = [h.value for h in app.get("html") if "tg-bar-chart" in h.value]
    assert len(charts) == 1, "one target chart"
    parser = _ChartParser()
    parser.feed(charts[0])
    return parser


def _chart_legend(app: AppTest) -> tuple[list[str], list[str]]:
    """The target chart's legend and the series its bars and ticks are drawn for."""
    chart = _target_chart(app)
    return chart.legend, sorted({series for series, _ in chart.boxes})


def test_the_target_chart_has_a_legend_for_achieved_projected_and_target(workbench: AppTest) -> None:
    _create_plan(workbench)
    names, drawn = _chart_legend(workbench)
    assert names == ["Đã đạt (đã thực hiện)", "Dự kiến (đã chấp thuận)", "Mục tiêu"]
    assert set(drawn) == set(names), "every name of the legend is drawn, and only those"
    workbench.sidebar.radio(key="lang").set_value("en").run()
    assert _chart_legend(workbench)[0] == ["Achieved (done)", "Projected (accepted)", "Target"]
