"""The workbench under Streamlit's AppTest, on the bundled catalogue, with its own plan database and
audit cache (shared by the tests of a session, so the catalogue is audited once)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "ui" / "app.py")
sys.path.insert(0, str(REPO / "ui"))  # the workbench's modules (state, i18n, pages), as app.py does


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("audit-cache")


@pytest.fixture
def workbench(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_dir: Path) -> AppTest:
    """A fresh session of the workbench on the bundled catalogue and an empty plan database."""
    monkeypatch.delenv("TINHGON_CATALOGUE", raising=False)
    monkeypatch.setenv("TINHGON_CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("TINHGON_DB_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setenv("TINHGON_REVIEWER", "Nguyễn Thị Lan")
    import state  # cached per process: the plan repository must follow this test's database URL

    state.repository.clear()
    app = AppTest.from_file(APP, default_timeout=300)
    app.run()
    assert not app.exception, app.exception
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def vn_int(text: str) -> int:
    """A number written the Vietnamese way (1.271) as an int."""
    return int(text.replace(".", "").replace("+", "").replace("−", "-"))
