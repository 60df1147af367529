"""Tổng quan: progress of the chosen plan toward the reform targets; choose or create a plan."""

from __future__ import annotations

import altair as alt
import pandas as pd
import state
import streamlit as st
from i18n import dimension, metric, num, pct, severity, status, t, vnd
from i18n import level as level_label

from engine.errors import UserError
from engine.model import Severity
from engine.plans.model import MeasureStatus, Plan
from engine.plans.progress import ProgressReport
from engine.plans.service import create_plan_from_findings
from engine.services.overview import Overview, plan_timeline

DIMENSIONS = ("level", "field", "agency")


def render(lang: str) -> None:
    st.title(t("page_overview", lang))
    data = state.audited(lang)
    plan = state.current_plan()
    _plan_chooser(lang, data)
    if plan is None:
        st.info(t("choose_plan_first", lang))
        return
    view = state.plan_overview(plan)
    st.header(plan.name)
    _status_line(plan, lang)
    _targets(view, lang)
    _counts(view, lang)
    _metrics(view.projected, lang)
    _breakdown(view.projected, lang)
    _history(plan, lang)


def _plan_chooser(lang: str, data: state.Audited) -> None:
    expanded = not st.session_state.get("plan_id")
    with st.expander(t("create_plan", lang), expanded=expanded), st.form("create_plan"):
        st.text_input(t("plan_name", lang), key="k_plan_name")
        st.selectbox(
            t("min_severity", lang),
            [None, *(s.value for s in Severity)],
            format_func=lambda s: t("all_severities", lang) if s is None else severity(s, lang),
            key=f"k_plan_severity_{lang}",  # a form widget has no callback: its key follows the language
        )
        rules = "plan_rules_experimental" if state.experimental() else "plan_rules_default"
        st.caption(t(rules, lang))
        st.form_submit_button(t("create", lang), on_click=_create_plan, args=(data, lang))
    if message := st.session_state.pop("overview_flash", None):
        (st.error if message[0] == "error" else st.success)(message[1])


def _create_plan(data: state.Audited, lang: str) -> None:
    """Form callback: the plan is created, and chosen, before the page is drawn again."""
    minimum = st.session_state.get(f"k_plan_severity_{lang}")
    try:
        plan = create_plan_from_findings(
            state.repository(),
            (st.session_state.get("k_plan_name") or "").strip(),
            data.result.findings,
            state.reviewer() or "workbench",
            Severity(minimum) if minimum else None,
        )
    except UserError as error:
        st.session_state["overview_flash"] = ("error", str(error))
        return
    st.session_state["plan_id"] = plan.id
    st.session_state["overview_flash"] = (
        "success",
        t("created", lang, name=plan.name, n=num(len(plan.measures), lang))
        + " "
        + t("plan_rules_experimental" if state.experimental() else "plan_rules_default", lang),
    )


def _status_line(plan: Plan, lang: str) -> None:
    counts = {s: 0 for s in MeasureStatus}
    for m in plan.measures:
        counts[m.status] += 1
    cols = st.columns(len(counts))
    for col, (s, n) in zip(cols, counts.items(), strict=True):
        col.metric(status(s.value, lang), num(n, lang))


def _targets(view: Overview, lang: str) -> None:
    st.subheader(t("targets", lang))
    rows = []
    for achieved, projected in zip(view.achieved.targets, view.projected.targets, strict=True):
        label = metric(achieved.metric.value, lang)
        rows += [
            {"target": label, "series": t("achieved", lang), "value": (achieved.reduction or 0) * 100},
            {"target": label, "series": t("projected", lang), "value": (projected.reduction or 0) * 100},
        ]
    frame = pd.DataFrame(rows)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("target:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("series:N", sort=None),
            x=alt.X("value:Q", title=f"{t('reduction', lang)} (%)", scale=alt.Scale(domain=[0, 40])),
            color=alt.Color("series:N", title=None, sort=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("target:N"), alt.Tooltip("series:N"), alt.Tooltip("value:Q", format=".1f")],
        )
    )
    line_frame = pd.DataFrame(
        [
            {"target": metric(tp.metric.value, lang), "value": tp.required * 100}
            for tp in view.projected.targets
        ]
    )
    rule = (
        alt.Chart(line_frame)
        .mark_tick(color="#c0392b", thickness=3, size=36)
        .encode(y=alt.Y("target:N", sort=None), x="value:Q")
    )
    st.altair_chart(bars + rule, width="stretch")
    st.caption(
        f"▮ {t('target_line', lang)}: " + ", ".join(pct(tp.required, lang) for tp in view.projected.targets)
    )
    table = [
        {
            t("metric", lang): metric(p.metric.value, lang),
            t("baseline", lang): _value(p.metric.value, p.before, lang),
            t("achieved", lang): pct(a.reduction, lang),
            t("projected", lang): pct(p.reduction, lang),
            t("target_line", lang): pct(p.required, lang),
            t("deadline", lang): p.deadline.strftime("%d/%m/%Y"),
            t("reference", lang): p.reference,
        }
        for a, p in zip(view.achieved.targets, view.projected.targets, strict=True)
    ]
    st.table(table, hide_index=True)  # small tables as HTML: lighter to draw than a data grid
    if any(p.estimate for p in view.projected.targets):
        st.caption(t("estimate_note", lang))


def _value(name: str, value: float, lang: str) -> str:
    if name == "cost":
        return vnd(value, lang)
    return num(value, lang, 0 if float(value).is_integer() else 2)


def _counts(view: Overview, lang: str) -> None:
    st.subheader(t("counts", lang))
    cols = st.columns(4)
    cols[0].metric(f"{t('cut', lang)} · {t('achieved', lang)}", num(view.achieved_counts.cut, lang))
    cols[1].metric(f"{t('cut', lang)} · {t('projected', lang)}", num(view.projected_counts.cut, lang))
    cols[2].metric(
        f"{t('cut_or_simplified', lang)} · {t('achieved', lang)}",
        num(view.achieved_counts.cut_or_simplified, lang),
    )
    cols[3].metric(
        f"{t('cut_or_simplified', lang)} · {t('projected', lang)}",
        num(view.projected_counts.cut_or_simplified, lang),
    )


def _metrics(report: ProgressReport, lang: str) -> None:
    b, a = report.before, report.after
    rows = [
        ("procedures", b.procedures, a.procedures),
        ("components", b.components, a.components),
        ("steps", b.steps, a.steps),
        ("time", b.time_limit_total_days, a.time_limit_total_days),
        ("cost", b.annual_cost_vnd, a.annual_cost_vnd),
        ("fully_online", b.fully_online, a.fully_online),
    ]
    st.table(
        [
            {
                t("metric", lang): metric(name, lang),
                t("before", lang): _value(name, before, lang),
                t("after", lang): _value(name, after, lang),
                t("reduction", lang): pct((before - after) / before if before else None, lang),
            }
            for name, before, after in rows
        ],
        hide_index=True,
    )


def _breakdown(report: ProgressReport, lang: str) -> None:
    st.subheader(t("breakdown", lang))
    chosen = st.segmented_control(
        t("dimension", lang),
        DIMENSIONS,
        format_func=lambda d: dimension(d, lang),
        default="level",
        key="k_overview_dimension",
    )
    rows = []
    for group in report.by(chosen or "level"):
        name = level_label(group.group, lang) if chosen in (None, "level") else group.group
        by_metric = {tp.metric.value: tp for tp in group.targets}
        rows.append(
            {
                t("group", lang): name,
                t("procedures", lang): group.before.procedures,
                t(
                    "components", lang
                ): f"{num(group.before.components, lang)} → {num(group.after.components, lang)}",
                metric("procedures", lang): pct(by_metric["procedures"].reduction, lang),
                metric("time", lang): pct(by_metric["time"].reduction, lang),
                metric("cost", lang): pct(by_metric["cost"].reduction, lang),
            }
        )
    rows.sort(key=lambda r: -int(r[t("procedures", lang)]))
    st.dataframe(rows, hide_index=True, width="stretch", height=320)


def _history(plan: Plan, lang: str) -> None:
    st.subheader(t("history", lang))
    timeline = plan_timeline(plan, state.repository().history(plan.id))
    if len(timeline) <= 1:
        st.caption(t("history_empty", lang))
        return
    frame = pd.DataFrame(
        [
            {"when": point.at, "status": status(s.value, lang), "count": point.counts.get(s.value, 0)}
            for point in timeline
            for s in MeasureStatus
        ]
    )
    chart = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("when:T", title=t("when", lang)),
            y=alt.Y("count:Q", title=t("count", lang)),
            color=alt.Color("status:N", title=t("status", lang)),
        )
    )
    st.altair_chart(chart, width="stretch")


if __name__ == "__main__":
    render(state.lang())
