"""What every page shares: the catalogue and its audit (cached in the process and on disk), the plan
database, the chosen plan, and the sidebar choices (language, experimental rules, reviewer).

Session keys (the interface with the procedure page): ``lang``, ``experimental``, ``plan_id``,
``reviewer``, ``procedure_code``, ``catalogue_path``. Keys starting with ``k_`` are page widgets whose
values are kept when the language or the page changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from i18n import t
from streamlit.runtime.scriptrunner import get_script_run_ctx

from engine.errors import UserError
from engine.model import SourceRegistry
from engine.plans.model import Plan
from engine.plans.repository import PlanRepository
from engine.plans.service import default_reviewer
from engine.recognise import default_thesaurus
from engine.rules.pack import Rule
from engine.services import paths
from engine.services.audit import AuditResult, Rulebook, load_rulebook
from engine.services.audit_cache import cached_audit, content_key
from engine.services.catalogue import Catalogue
from engine.services.catalogue_table import CatalogueTable, catalogue_table
from engine.services.overview import Overview, overview
from engine.services.paths import catalogue_dir
from engine.services.rules_info import RulePrecision, load_precision
from engine.services.targets import ReachReport, candidate_reach
from engine.services.whatif import WhatIfBase, what_if_base

WARM_DELAY_S = 0.3
_PAGES: dict[str, Any] = {}  # the navigation's pages by url path, for st.switch_page


def register_pages(pages: list[Any]) -> None:
    _PAGES.update({p.url_path: p for p in pages})


def page(url_path: str) -> Any:
    return _PAGES[url_path]


@dataclass
class Audited:
    catalogue: Catalogue
    result: AuditResult
    rulebook: Rulebook
    table: CatalogueTable


@st.cache_resource(show_spinner=False)
def all_rules() -> dict[str, Rule]:
    """Every rule, experimental ones too: a finding's rule title must be found whichever rules ran (the
    what-ifs of the databases page always run the data-reuse rules)."""
    return {rule.id: rule for rule in load_rulebook(include_experimental=True).rules}


@st.cache_resource(show_spinner=False, max_entries=6)
def _audited(path: str, experimental: bool) -> Audited:
    # One process: forking the multi-threaded server for a worker pool risks children stuck on locks
    # held by other threads; the disk cache makes this slower audit a once-per-change cost.
    catalogue, result = cached_audit(Path(path), experimental, workers=1)
    rulebook = load_rulebook(include_experimental=experimental)
    return Audited(catalogue, result, rulebook, catalogue_table(catalogue.procedures, result))


@st.cache_resource(show_spinner=False, max_entries=4)
def _what_if_base(path: str, experimental: bool) -> WhatIfBase:
    data = _audited(path, experimental)
    return what_if_base(data.catalogue, data.rulebook, data.result)


def what_if_base_in_use() -> WhatIfBase:
    """The catalogue in use ready for what-ifs on its data sources (built once). The data-reuse rules
    are all experimental (docs/precision.md), so what-ifs always run them; the page says how precise
    they were measured to be."""
    return _what_if_base(catalogue_path(), True)


@st.cache_resource(show_spinner=False, ttl=60)
def _digest(path: str) -> str:
    # Hashing every file costs ~0.2 s on the bundled catalogue: once a minute, not on every click.
    return content_key(Path(path), paths.rules_dir(), paths.sources_file())


@st.cache_data(show_spinner=False, max_entries=4)
def _reach(digest: str, path: str, as_of: dt.date, experimental: bool) -> ReachReport:
    # The rules the sidebar says, as every page: `tinhgon targets reach`, with --default-only when off.
    data = _audited(path, experimental)
    return candidate_reach(
        data.catalogue, data.result.findings, data.rulebook, as_of=as_of, include_experimental=experimental
    )


def candidate_reach_in_use() -> ReachReport:
    """How far the candidates of the catalogue in use go, computed once per catalogue and rules."""
    path = catalogue_path()
    return _reach(_digest(path), path, dt.date.today(), experimental())


_reach_warmed: set[tuple[str, dt.date, bool]] = set()


def warm_candidate_reach() -> None:
    """Compute ``candidate_reach_in_use`` in a background thread, once per catalogue, rules and day:
    opening the overview's reach table then finds it ready instead of waiting 2–3 s, and more when the
    audit is not cached yet. A run that needs it sooner waits for that same computation (Streamlit's
    caches lock each key)."""
    path = catalogue_path()
    key = (_digest(path), dt.date.today(), experimental())
    if key in _reach_warmed:
        return
    _reach_warmed.add(key)
    warm = threading.Timer(WARM_DELAY_S, _reach, args=(key[0], path, key[1], key[2]))
    warm.daemon = True
    warm.start()


@st.cache_resource(show_spinner=False)
def precision() -> dict[str, RulePrecision]:
    return load_precision()


@st.cache_resource(show_spinner=False)
def repository() -> PlanRepository:
    """The plan database (``TINHGON_DB_URL``, else ``tinhgon-plans.db`` in the working folder)."""
    return PlanRepository()


@st.cache_resource(show_spinner=False)
def doc_type_names() -> dict[str, tuple[str, str]]:
    """Vietnamese and English names of every document type of the thesaurus."""
    return {d.id: (d.name_vi, d.name_en) for d in default_thesaurus().documents.values()}


@st.cache_resource(show_spinner=False, max_entries=20)
def _overview(path: str, plan_id: int, version: int) -> Overview:
    plan = repository().get(plan_id)
    return overview(_audited(path, False).catalogue.procedures, plan)


def lang() -> str:
    return str(st.session_state.get("lang", "vi"))


def catalogue_path() -> str:
    return st.session_state.get("catalogue_path") or str(catalogue_dir())


def experimental() -> bool:
    return bool(st.session_state.get("experimental", False))


def audited(lang: str, with_experimental: bool | None = None) -> Audited:
    """The catalogue in use and its audit, with the experimental rules when the sidebar says so."""
    with st.spinner(t("loading", lang)):
        return _audited(catalogue_path(), experimental() if with_experimental is None else with_experimental)


def current_plan() -> Plan | None:
    plan_id = st.session_state.get("plan_id")
    if not plan_id:
        return None
    try:
        return repository().get(int(plan_id))
    except Exception:  # the plan was deleted, or the database changed under us
        choose_plan(None)
        return None


def plan_overview(plan: Plan) -> Overview:
    """Progress of ``plan`` on the catalogue in use, recomputed only when the plan changes."""
    return _overview(catalogue_path(), plan.id, plan.version)


def warm_plan_overview(plan_id: int) -> None:
    """Compute the progress of the plan as it now is in a background thread, so the overview opened
    after a decision finds it ready (~2 s on the bundled catalogue); a run that needs it sooner waits
    for that same computation (Streamlit's caches lock each key)."""
    path = catalogue_path()

    def compute() -> None:
        try:
            plan = repository().get(plan_id)
        except UserError:  # deleted meanwhile, or another plan database now: nothing to get ready
            return
        _overview(path, plan.id, plan.version)

    # Started a little later so the run that shows the decision, ~0.1 s, does not share the GIL with it.
    warm = threading.Timer(WARM_DELAY_S, compute)
    warm.daemon = True
    warm.start()


def ready_mark(started: float) -> None:
    """An invisible mark numbered by run, with the server time of the run: browser tests and the bench
    wait for it to know the page is drawn."""
    runs = st.session_state["_runs"] = st.session_state.get("_runs", 0) + 1
    ms = (time.perf_counter() - started) * 1000
    st.html(f'<div class="tg-ready" data-run="{runs}" data-ms="{ms:.0f}"></div>')


def fragment(func: Callable[..., None]) -> Callable[..., None]:
    """``st.fragment``: an interaction inside reruns and redraws only this part of the page. A rerun of
    the fragment alone ends with its own ready mark, as a full run ends with the app's."""

    @functools.wraps(func)
    def body(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        ctx = get_script_run_ctx()
        alone = ctx is not None and bool(ctx.fragment_ids_this_run)
        if alone:
            keep_widget_values()  # as app.py does on a full run: a widget not drawn keeps its value
        func(*args, **kwargs)
        if alone:
            ready_mark(started)

    return st.fragment(body)


def reviewer() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def source_name(registry: SourceRegistry, source_id: str, lang: str) -> str:
    source = next((s for s in registry.sources if s.id == source_id), None)
    if source is None:
        return t("unknown", lang)
    return source.name_vi if lang == "vi" else source.name_en


def doc_type_name(doc_type: str, lang: str) -> str:
    names = doc_type_names().get(doc_type)
    return (names[0] if lang == "vi" else names[1]) if names else doc_type.replace("_", " ")


def choice(
    where: Any, label: str, options: list[Any], key: str, format_func: Any = str, **kwargs: Any
) -> Any:
    """A selectbox whose shown option follows the language switch.

    The browser keeps a selectbox's shown text while its key stays the same, so the widget's key
    carries the language and the value lives in ``st.session_state[key]``, across languages.
    """
    widget_key = f"w_{key}_{lang()}"
    current = st.session_state.get(key)
    if current not in options:
        current = options[0] if options else None
    st.session_state[widget_key] = current

    def remember() -> None:
        st.session_state[key] = st.session_state[widget_key]

    value = where.selectbox(
        label, options, format_func=format_func, key=widget_key, on_change=remember, **kwargs
    )
    st.session_state[key] = value
    return value


def filter_box(
    where: Any, label: str, options: list[Any], key: str, lang: str, format_func: Any = str, **kwargs: Any
) -> list[Any]:
    """A multiselect filter: none chosen means all («Tất cả»). No «Select all» (``select_all``):
    Streamlit writes it in English, and choosing every option is the same as choosing none."""
    kwargs.setdefault("placeholder", t("all", lang))
    return list(
        where.multiselect(label, options, format_func=format_func, key=key, select_all=False, **kwargs)
    )


def keep_widget_values() -> None:
    """Re-assign page widget values (``k_*``) so Streamlit keeps them when their widget is not drawn
    or its label changes language."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("k_")]:
        st.session_state[key] = st.session_state[key]


def choose_plan(plan_id: int | None) -> None:
    """Make ``plan_id`` the chosen plan from the next run on (the sidebar widget owns ``plan_id``)."""
    st.session_state["_next_plan_id"] = plan_id


def _forwarded_user() -> str:
    """The name a login proxy vouched for (docs/deploy.md); the reviewer may still change it."""
    try:
        return (st.context.headers.get("X-Forwarded-User") or "").strip()
    except (AttributeError, RuntimeError):  # no browser session: AppTest, bare mode
        return ""


def init_defaults() -> None:
    if "_next_plan_id" in st.session_state:
        st.session_state["plan_id"] = st.session_state.pop("_next_plan_id") or 0
    st.session_state.setdefault("lang", "vi")
    st.session_state.setdefault("experimental", False)
    st.session_state.setdefault("plan_id", 0)
    if "reviewer" not in st.session_state:  # once a session: the headers are read on its first run only
        st.session_state["reviewer"] = _forwarded_user() or default_reviewer(login=False)
