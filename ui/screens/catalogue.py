"""Danh mục: every procedure in a sortable table, searched without accents and filtered; a row opens it."""

from __future__ import annotations

import state
import streamlit as st
from i18n import days, level, num, online_level, t
from tables import frame_height

from engine.services.catalogue_table import CatalogueRow, RowFilter, totals

PROCEDURE_PAGE = "thu-tuc"
SORTS = ("code", "name", "findings", "components", "steps", "days")


def open_procedure(code: str) -> None:
    """Open the procedure page on ``code`` (the page reads ``st.query_params["code"]``)."""
    st.session_state["procedure_code"] = code
    st.switch_page(state.page(PROCEDURE_PAGE), query_params={"code": code})


def render(lang: str) -> None:
    st.title(t("catalogue_title", lang))
    _browse(state.audited(lang), lang)


@state.fragment
def _browse(data: state.Audited, lang: str) -> None:
    """Search, filters, totals and the table: a search or a filter redraws only this part."""
    table = data.table
    query = st.text_input(t("search", lang), key="k_cat_query", placeholder="dang ky khai sinh, 1.001193")
    with st.expander(t("filters", lang), key="cat_filters_open", on_change="rerun") as box:
        if box.open:  # drawn only when open: a closed expander costs the page nothing
            _filter_widgets(data, lang)
    chosen = st.session_state
    rows = table.filter(
        RowFilter(
            query=query,
            levels=chosen.get("k_cat_levels", []),
            fields=chosen.get("k_cat_fields", []),
            agencies=chosen.get("k_cat_agencies", []),
            online_levels=chosen.get("k_cat_online", []),
            rules=chosen.get("k_cat_rules", []),
            databases=chosen.get("k_cat_databases", []),
            only_flagged=chosen.get("k_cat_flagged", False),
        )
    )
    shown = totals(rows)
    cols = st.columns(4)
    cols[0].metric(t("procedures", lang), num(shown.procedures, lang))
    cols[1].metric(t("findings", lang), num(shown.findings, lang))
    cols[2].metric(t("flagged", lang), num(shown.flagged, lang))
    cols[3].metric(t("problems", lang), num(len(data.catalogue.problems), lang))
    if not rows:
        st.info(t("no_match", lang))
        return
    s1, s2 = st.columns([3, 1])
    sort = state.choice(
        s1,
        t("sort_by", lang),
        ["relevance" if query.strip() else "catalogue", *SORTS],
        "k_cat_sort",
        format_func=lambda s: _sort_label(s, lang),
    )
    descending = s2.toggle(t("descending", lang), key="k_cat_desc")
    rows = _sorted(rows, sort, descending)
    frame = [_row(r, data, lang) for r in rows]
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=frame_height(len(frame), 520),
        on_select="rerun",
        selection_mode="single-row",
        key="catalogue_table",
        column_config={
            t("findings", lang): st.column_config.NumberColumn(format="%d"),
            t("components", lang): st.column_config.NumberColumn(format="%d"),
            t("steps", lang): st.column_config.NumberColumn(format="%d"),
            t("name", lang): st.column_config.TextColumn(width="large"),
        },
    )
    st.caption(t("row_hint", lang))
    selected = event.selection.rows if event and hasattr(event, "selection") else []
    if selected:
        open_procedure(rows[selected[0]].code)
    o1, o2 = st.columns([4, 1])
    code = o1.selectbox(
        t("open_procedure", lang),
        [r.code for r in rows[:500]],
        format_func=lambda c: f"{c} · {table_name(rows, c)}",
        key="k_cat_open",
    )
    if o2.button(t("open", lang), key="open_procedure_button") and code:
        open_procedure(code)


def _filter_widgets(data: state.Audited, lang: str) -> None:
    """The filters; their values live in the session under their keys, drawn or not."""
    table, registry = data.table, data.catalogue.registry
    c1, c2, c3 = st.columns(3)
    state.filter_box(
        c1, t("level", lang), table.options["levels"], "k_cat_levels", lang, lambda v: level(v, lang)
    )
    state.filter_box(c2, t("field", lang), table.options["fields"], "k_cat_fields", lang)
    state.filter_box(c3, t("agency", lang), table.options["agencies"], "k_cat_agencies", lang)
    c4, c5, c6 = st.columns(3)
    state.filter_box(
        c4,
        t("online_level", lang),
        table.options["online_levels"],
        "k_cat_online",
        lang,
        lambda v: online_level(v, lang),
    )
    state.filter_box(
        c5,
        t("rules_hit", lang),
        table.options["rules"],
        "k_cat_rules",
        lang,
        lambda r: _rule_title(data, r, lang),
    )
    databases = table.options["databases"]
    state.filter_box(
        c6,
        t("database", lang),
        databases,
        "k_cat_databases",
        lang,
        lambda d: state.source_name(registry, d, lang),
        placeholder=t("all", lang) if databases else t("no_database_findings", lang),
        disabled=not databases,
        # Only the data-reuse rules name a database, and they are experimental.
        help=None if databases else t("no_database_findings_help", lang, toggle=t("experimental", lang)),
    )
    st.checkbox(t("only_flagged", lang), key="k_cat_flagged")


def table_name(rows: list[CatalogueRow], code: str) -> str:
    return next((r.name for r in rows if r.code == code), "")


def _rule_title(data: state.Audited, rule_id: str, lang: str) -> str:
    rule = data.rulebook.rule(rule_id)
    return (rule.title_vi if lang == "vi" else rule.title_en) if rule else rule_id


def _sort_label(sort: str, lang: str) -> str:
    labels = {
        "relevance": ("Mức khớp", "Relevance"),
        "catalogue": ("Thứ tự danh mục", "Catalogue order"),
        "code": (t("code", "vi"), t("code", "en")),
        "name": (t("name", "vi"), t("name", "en")),
        "findings": (t("findings", "vi"), t("findings", "en")),
        "components": (t("components", "vi"), t("components", "en")),
        "steps": (t("steps", "vi"), t("steps", "en")),
        "days": (t("days", "vi"), t("days", "en")),
    }
    return labels[sort][0 if lang == "vi" else 1]


def _sorted(rows: list[CatalogueRow], sort: str, descending: bool) -> list[CatalogueRow]:
    if sort in ("relevance", "catalogue"):
        return list(reversed(rows)) if descending else rows
    key = {
        "code": lambda r: r.code,
        "name": lambda r: r.name.lower(),
        "findings": lambda r: r.findings,
        "components": lambda r: r.components,
        "steps": lambda r: r.steps,
        "days": lambda r: r.time_limit_days if r.time_limit_days is not None else -1,
    }[sort]
    return sorted(rows, key=key, reverse=descending)


def _row(r: CatalogueRow, data: state.Audited, lang: str) -> dict[str, object]:
    return {
        t("code", lang): r.code,
        t("name", lang): r.name,
        t("level", lang): ", ".join(level(v, lang) for v in r.levels),
        t("field", lang): r.field or t("unknown", lang),
        t("agency", lang): r.agency or t("unknown", lang),
        t("online_level", lang): online_level(r.online_level, lang),
        t("components", lang): r.components,
        t("steps", lang): r.steps,
        t("days", lang): days(r.time_limit_days, lang),
        t("findings", lang): r.findings,
        t("rules_hit", lang): ", ".join(_rule_title(data, x, lang) for x in r.rules),
        t("database", lang): ", ".join(
            state.source_name(data.catalogue.registry, d, lang) for d in r.databases
        ),
    }


if __name__ == "__main__":
    render(state.lang())
