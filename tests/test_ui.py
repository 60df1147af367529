"""The workbench page, driven headlessly with Streamlit's AppTest on the hand-modelled catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import HAND

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv("TINHGON_CATALOGUE", str(HAND))
    test = AppTest.from_file(APP, default_timeout=120)
    test.run()
    assert not test.exception, test.exception
    return test


def test_the_page_shows_the_catalogue_and_a_procedures_graph_and_findings(app):
    assert app.title[0].value.startswith("Tinh Gọn")
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Thủ tục"]) >= 12
    app.sidebar.selectbox(key="procedure").select_index(0)
    app.sidebar.text_input(key="query").input("1.013225").run()
    assert app.header[0].value.startswith("1.013225")
    assert app.get("graphviz_chart"), "the procedure graph is drawn"
    assert "⚑" in app.get("graphviz_chart")[0].proto.spec
    assert app.dataframe, "findings are listed"


def test_the_page_switches_to_english(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value.startswith("Tinh Gọn: administrative")
    assert "Procedures" in {m.label for m in app.metric}


def test_a_search_with_no_match_says_so(app):
    app.sidebar.text_input(key="query").input("no such procedure").run()
    assert app.info and "Không có thủ tục" in app.info[0].value


def test_experimental_rules_are_off_until_asked_for(app):
    default = int({m.label: m.value for m in app.metric}["Phát hiện"])
    app.sidebar.toggle(key="experimental").set_value(True).run()
    assert not app.exception, app.exception
    assert int({m.label: m.value for m in app.metric}["Phát hiện"]) > default
