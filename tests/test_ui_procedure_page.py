"""The Thủ tục (procedure) page under Streamlit's AppTest, on the hand-modelled procedures of the
bundled catalogue: the map's words, the flags, the cases, the part details, the plan and the cost."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from engine.model import Measure, Severity
from engine.plans.repository import PlanRepository
from engine.plans.service import accept_by_severity, create_plan_from_findings
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.graphs import graphviz_available
from tests.conftest import HAND, REPO

# The page alone, as the multipage app mounts it: ``render(lang)`` with the language from the sidebar.
SCRIPT = f"""
import sys
sys.path.insert(0, {str(REPO / "ui")!r})
import streamlit as st
from screens import procedure
lang = st.sidebar.radio("Ngôn ngữ", ["vi", "en"], key="lang")
procedure.render(lang)
"""

needs_graphviz = pytest.mark.skipif(not graphviz_available(), reason="Graphviz `dot` is not installed")


@pytest.fixture
def page(monkeypatch, tmp_path):
    monkeypatch.setenv("TINHGON_CATALOGUE", str(HAND))
    monkeypatch.setenv("TINHGON_DB_URL", f"sqlite:///{tmp_path / 'plans.db'}")

    def open_page(code: str | None = None, lang: str = "vi", experimental: bool = False) -> AppTest:
        """The page; ``experimental`` is the sidebar toggle that runs the experimental rules too."""
        app = AppTest.from_string(SCRIPT, default_timeout=120)
        if code:
            app.query_params["code"] = code
        if lang != "vi":
            app.session_state["lang"] = lang
        if experimental:  # the certified-copy and data-reuse flags come from experimental rules
            app.session_state["experimental"] = True
        app.run()
        assert not app.exception, app.exception
        return app

    return open_page


def _map_data(app: AppTest) -> dict:
    viewer = app.get("bidi_component")
    assert viewer, "the map viewer is on the page"
    return json.loads(viewer[0].proto.json)


def _map_words(app: AppTest) -> str:
    return " ".join(unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", _map_data(app)["svg"]))


def _texts(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown) + "\n".join(str(e.value) for e in app.caption)


@needs_graphviz
def test_birth_registration_opens_by_default_with_its_map_in_vietnamese_words(page):
    app = page(experimental=True)
    assert app.selectbox(key="procedure_pick").value == "1.001193"
    assert app.title[0].value == "Thủ tục đăng ký khai sinh"
    assert app.caption[0].value.startswith("1.001193 · ")
    words = _map_words(app)
    assert "Bước 2" in words and "Hồ sơ đã tiếp nhận" in words and "Người nộp hồ sơ" in words
    assert not re.search(r"\b(ho_so\w*|ket_qua\w*|c\d+|s\d+|r\d+)\b", words), "no internal id on the map"
    assert "⚑ Yêu cầu bản sao có chứng thực" in words
    assert "Cấp thực hiện: Cấp xã" in _texts(app)


@needs_graphviz
def test_a_link_with_the_code_opens_that_procedure_and_groups_its_cases(page):
    app = page("1.013225")
    assert app.selectbox(key="procedure_pick").value == "1.013225"
    words = _map_words(app)
    assert words.count("Trường hợp: (1.7) Công trình nhà ở riêng lẻ") == 1
    assert words.count("Một trong những giấy tờ hợp pháp về đất đai") == 7  # once in each of its 7 cases


@needs_graphviz
def test_a_search_without_accents_opens_the_best_match_and_offers_the_others(page):
    app = page("1.013225")
    app.text_input(key="procedure_query").input("dang ky khai sinh").run()
    assert not app.exception, app.exception
    picker = app.selectbox(key="procedure_pick")
    assert picker.value == "1.001193" and app.title[0].value == "Thủ tục đăng ký khai sinh"
    assert app.query_params["code"] == "1.001193"
    assert len(picker.options) < len(load_catalogue(HAND).procedures)
    assert all("khai sinh" in option.lower() for option in picker.options)
    app.text_input(key="procedure_query").input("khong co thu tuc nay").run()
    assert "Không có thủ tục nào khớp." in _texts(app)
    assert app.selectbox(key="procedure_pick").value == "1.001193", (
        "a search that finds nothing changes nothing"
    )


@needs_graphviz
def test_an_unknown_code_in_the_link_says_so_and_shows_a_procedure(page):
    app = page("9.999999")
    assert app.warning and "9.999999" in app.warning[0].value
    assert app.selectbox(key="procedure_pick").value == "1.001193"


@needs_graphviz
def test_choosing_a_part_shows_its_text_and_its_findings(page):
    app = page("1.001193", experimental=True)
    data = _map_data(app)
    card = data["cards"]["component-c9"]
    assert card["title"] == "Bản sao có chứng thực các giấy tờ phải xuất trình"
    assert any("Yêu cầu bản sao có chứng thực" in text for _, text in card["lines"])
    app.selectbox(key="map_part").set_value("component-c9").run()
    texts = _texts(app)
    assert "Thành phần hồ sơ** · Bản sao có chứng thực các giấy tờ phải xuất trình" in texts
    assert "Trường hợp: Gửi hồ sơ qua hệ thống bưu chính" in texts
    assert "⚑ Yêu cầu bản sao có chứng thực" in texts
    assert "Bản sao điện tử thay bản sao chứng thực" in texts  # the measure, translated
    assert "accept_electronic_copy" not in texts and "medium" not in texts


@needs_graphviz
def test_findings_and_cost_speak_vietnamese_with_vietnamese_numbers(page):
    app = page("1.001193", experimental=True)
    table = app.dataframe[0].value
    catalogue = load_catalogue(HAND)
    rulebook = load_rulebook(include_experimental=True)
    findings = audit(catalogue, rulebook, only={"1.001193"}).findings
    assert len(table) == len(findings)  # one row per finding of every rule, as the sidebar toggle asks
    assert set(table["Mức độ"]) <= {"Cao", "Trung bình", "Thấp"}
    assert not {m.value for m in Measure} & set(table["Biện pháp đề xuất"])  # no raw measure code
    title = next(r.title_vi for r in rulebook.rules if r.id == "TG-CERTIFIED-COPY")
    certified = table[table["Quy tắc"] == title]
    assert len(certified) == sum(f.rule_id == "TG-CERTIFIED-COPY" for f in findings) > 0
    assert set(certified["Mức độ"]) == {"Trung bình"}
    assert set(certified["Biện pháp đề xuất"]) == {"Bản sao điện tử thay bản sao chứng thực"}
    cost = {m.label: m.value for m in app.metric}
    assert re.fullmatch(r"\d{1,3}(\.\d{3})* đ", cost["Chi phí mỗi hồ sơ"]), cost
    assert re.fullmatch(r"\d{1,3}(\.\d{3})* đ", cost["Chi phí mỗi năm"]), cost
    channels = app.dataframe[-1].value
    assert "None" not in channels.to_string() and set(channels["Phí, lệ phí"]) == {"Miễn phí"}


@needs_graphviz
def test_english_switch(page):
    app = page("1.001193", lang="en")
    assert "Step 2" in _map_words(app) and "Applicant" in _map_words(app)
    assert {m.label for m in app.metric} == {"Cost per dossier", "Cost per year"}


@needs_graphviz
def test_the_plan_view_applies_the_accepted_measures_and_lowers_the_cost(page, tmp_path):
    catalogue = load_catalogue(HAND)
    findings = audit(catalogue, load_rulebook(include_experimental=True)).findings
    with PlanRepository(f"sqlite:///{tmp_path / 'plans.db'}") as repo:
        plan = create_plan_from_findings(repo, "Bắc Ninh 2026", findings, "tester")
        accept_by_severity(repo, plan.id, Severity.low, "tester")
    app = page("1.005461", experimental=True)
    before = {m.label: m.value for m in app.metric}["Chi phí mỗi năm"]
    app.selectbox(key="plan_id").set_value(plan.id).run()  # no plan is chosen until the reader chooses one
    app.segmented_control(key="procedure_view").set_value("after").run()
    assert not app.exception, app.exception
    assert app.success and "biện pháp" in app.success[0].value
    words = _map_words(app)
    assert "✓ Thay thành phần hồ sơ bằng dữ liệu" in words
    assert "✓ Bản sao điện tử thay bản sao chứng thực" in words
    metric = next(m for m in app.metric if m.label == "Chi phí mỗi năm")
    assert metric.value != before and metric.delta.startswith("−")
    # A cost that falls is good news: green and down, though Streamlit reads only an ASCII minus as down.
    assert (
        Metric.MetricColor.Name(metric.proto.color),
        Metric.MetricDirection.Name(metric.proto.direction),
    ) == (
        "GREEN",
        "DOWN",
    )
    columns = app.dataframe[1].value.columns
    assert "Sau phương án (đ/hồ sơ)" in columns and "Thay đổi" in columns


def test_without_graphviz_the_page_draws_the_map_plainly_and_says_why(page, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` program to be found
    app = page("1.013225")
    assert app.warning and "Graphviz" in app.warning[0].value
    chart = app.get("graphviz_chart")
    assert chart and "Một trong những giấy tờ hợp pháp về đất đai" in chart[0].proto.spec
    assert not app.get("bidi_component")
