"""Tổng quan: progress of the chosen plan toward the reform targets; choose or create a plan."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import state
import streamlit as st
from charts import BarRow, grouped_bars
from i18n import (
    VIETNAM_TIME,
    dimension,
    measure,
    metric,
    metric_short,
    num,
    pct,
    severity,
    signed,
    status,
    t,
    vnd,
    volumes_text,
)
from i18n import level as level_label
from i18n_messages import error_text
from tables import frame_height, html_table

from engine.errors import UserError
from engine.graph.map_labels import duration
from engine.model import Severity, TimeUnit
from engine.plans.model import MeasureStatus, Plan
from engine.plans.progress import (
    Goal,
    Metric,
    ProgressReport,
    ReformTarget,
    Scope,
    TargetProgress,
    load_targets,
)
from engine.plans.service import create_plan_from_findings
from engine.services.overview import Overview, plan_timeline
from engine.services.targets import ALL_MEASURES, TargetReach

DIMENSIONS = ("level", "field", "agency")
BAR_COLOURS = ("#0068c9", "#83c9ff")  # achieved, projected: Streamlit's own blues
TARGET_COLOUR = "#c0392b"
# proposed grey, accepted blue, rejected red, done green
STATUS_COLOURS = {"proposed": "#9aa0a6", "accepted": "#1a73e8", "rejected": "#d93025", "done": "#188038"}
ALL_SEVERITIES = "all"  # the plan-creation choice that keeps findings of every severity


def render(lang: str) -> None:
    st.title(t("page_overview", lang))
    data = state.audited(lang)
    plan = state.current_plan()
    _plan_chooser(lang, data)
    if plan is None:
        st.info(t("choose_plan_here", lang))
        _target_list(lang)
        _reach(lang)
        return
    view = state.plan_overview(plan)
    st.header(plan.name)
    _status_line(plan, lang)
    _targets(view, lang)
    _counts(view, lang)
    _reach(lang)
    _metrics(view.projected, lang)
    _breakdown(view.projected, lang)
    _history(plan, lang)


def _plan_chooser(lang: str, data: state.Audited) -> None:
    # Open while no plan is chosen; once one is, its form is drawn only when the user opens it.
    expanded = not st.session_state.get("plan_id")
    with st.expander(
        t("create_plan", lang), expanded=expanded, key="overview_create_open", on_change="rerun"
    ) as box:
        if box.open:
            _plan_form(lang, data)
    if message := st.session_state.pop("overview_flash", None):
        (st.error if message[0] == "error" else st.success)(message[1])


def _plan_form(lang: str, data: state.Audited) -> None:
    with st.form("create_plan"):
        st.text_input(t("plan_name", lang), key="k_plan_name")
        st.selectbox(
            t("min_severity", lang),
            # "all", not None: Streamlit shows a None value as no choice at all ("Choose an option").
            [ALL_SEVERITIES, *(s.value for s in Severity)],
            format_func=lambda s: t("all_severities", lang) if s == ALL_SEVERITIES else severity(s, lang),
            key=f"k_plan_severity_{lang}",  # a form widget has no callback: its key follows the language
        )
        rules = "plan_rules_experimental" if state.experimental() else "plan_rules_default"
        st.caption(t(rules, lang))
        st.form_submit_button(t("create", lang), on_click=_create_plan, args=(data, lang))


def _create_plan(data: state.Audited, lang: str) -> None:
    """Form callback: the plan is created, and chosen, before the page is drawn again."""
    minimum = st.session_state.get(f"k_plan_severity_{lang}")
    name = st.session_state.get("k_plan_name") or ""
    try:
        plan = create_plan_from_findings(
            state.repository(),
            name,
            data.result.findings,
            state.reviewer() or "workbench",
            None if minimum in (None, ALL_SEVERITIES) else Severity(minimum),
        )
    except UserError as error:  # no name, or a name another plan has
        st.session_state["overview_flash"] = ("error", error_text(error, lang))
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


def short_label(target: TargetProgress | TargetReach, lang: str) -> str:
    """A target in a few words: metric, required change, scope and deadline year ("Chi phí −30% KD 2025")."""
    sign = "−" if target.goal == Goal.reduce else ""
    scope = f" {t('scope_business_short', lang)}" if target.scope == Scope.business else ""
    share = num(target.required * 100, lang) + "%"
    return f"{metric_short(target.metric.value, lang)} {sign}{share}{scope} {target.deadline.year}"


def _requirement(target: TargetProgress | ReformTarget, lang: str) -> str:
    share = target.required if isinstance(target, TargetProgress) else target.share
    key = "req_reduce" if target.goal == Goal.reduce else "req_reach"
    return t(key, lang, p=num(share * 100, lang) + "%")


def _deadline(deadline: dt.date, passed: bool, lang: str) -> str:
    return f"{deadline:%d/%m/%Y} ({t('passed' if passed else 'open_deadline', lang)})"


def _label(target: TargetProgress | TargetReach | ReformTarget, lang: str) -> str:
    return target.label_vi if lang == "vi" else target.label_en


def _reference(target: TargetProgress | ReformTarget, lang: str) -> str:
    return target.reference_en or target.reference if lang == "en" else target.reference


def _target_list(lang: str) -> None:
    """The targets without a plan: what each asks for, by when, on which reference."""
    st.subheader(t("targets", lang))
    today = dt.date.today()
    st.html(
        html_table(
            "target_list",
            [
                {
                    t("target_label", lang): _label(target, lang),
                    t("requirement", lang): _requirement(target, lang),
                    t("scope", lang): t(f"scope_{target.scope.value}", lang),
                    t("deadline", lang): _deadline(target.deadline, target.passed(today), lang),
                    t("reference", lang): _reference(target, lang),
                }
                for target in load_targets().targets
            ],
        )
    )
    st.caption(t("targets_without_plan", lang))


def _targets(view: Overview, lang: str) -> None:
    st.subheader(t("targets", lang))
    pairs = list(zip(view.achieved.targets, view.projected.targets, strict=True))
    rows = [
        BarRow(short_label(p, lang), ((a.achieved or 0) * 100, (p.achieved or 0) * 100), p.required * 100)
        for a, p in pairs
    ]
    series = [t("achieved", lang), t("projected", lang)]
    # One legend above the chart names both bars and the target tick, in the page's language.
    st.html(
        grouped_bars(
            rows, series, BAR_COLOURS, t("target_line", lang), TARGET_COLOUR, lambda v: num(v, lang, 1) + "%"
        )
    )
    st.html(
        html_table(
            "targets",
            [
                {
                    t("target_label", lang): _label(p, lang)
                    + (f" ({t('estimate_mark', lang)})" if p.estimate else ""),
                    t("requirement", lang): _requirement(p, lang),
                    t("baseline", lang): _baseline(p, lang),
                    t("achieved", lang): _reached(a, lang),
                    t("projected", lang): _reached(p, lang),
                    t("deadline", lang): _deadline(p.deadline, p.passed, lang),
                    t("reference", lang): _reference(p, lang),
                }
                for a, p in pairs
            ],
        )
    )
    _volumes_note(view.projected, lang)


def _baseline(target: TargetProgress, lang: str) -> str:
    """Before the plan: the metric's value for a reduction, the share already reached for a reach goal."""
    if target.goal == Goal.reach:
        return pct(target.achieved_before, lang)
    # The table mixes metrics: a total of time limits needs its unit (the metrics table has it in its label).
    if target.metric == Metric.time:
        return duration(target.before, TimeUnit.working_day, lang)
    return _value(target.metric.value, target.before, lang)


def _reached(target: TargetProgress, lang: str) -> str:
    """The reduction, or for a reach goal the share with its rise from the baseline: a share already held
    before the plan (85%) read as the plan's own achievement."""
    if target.goal != Goal.reach or target.achieved is None or target.achieved_before is None:
        return pct(target.achieved, lang)
    rise = signed(round((target.achieved - target.achieved_before) * 100, 1), lang, 1)
    return f"{pct(target.achieved, lang)} ({t('points', lang, n=rise)})"


def _volumes_note(report: ProgressReport, lang: str) -> None:
    assumed = report.before.estimated_volumes
    if assumed:
        counted = report.before.procedures - assumed
        st.caption(t("estimate_note", lang, volumes=volumes_text(counted, assumed, lang)))
    else:
        st.caption(t("real_volumes_note", lang))


def _value(name: str, value: float, lang: str) -> str:
    if name == "cost":
        return vnd(value, lang)
    return num(value, lang, 0 if float(value).is_integer() else 2)


def _counts(view: Overview, lang: str) -> None:
    """Procedures cut, and cut or simplified, overall and among business procedures, done and accepted."""
    st.subheader(t("counts", lang))
    pairs = list(zip(view.achieved.counts, view.projected.counts, strict=True))
    achieved, projected = next((a, p) for a, p in pairs if p.scope == Scope.all)
    # Two a row, "achieved" or "projected" first: four in a row cut the labels where they differ.
    for what in ("cut", "cut_or_simplified"):
        cols = iter(st.columns(2))
        for when, count in (("achieved", achieved), ("projected", projected)):
            n, share = getattr(count, what), getattr(count, f"{what}_share")
            next(cols).metric(f"{t(when, lang)} · {t(what, lang)}", num(n, lang), help=pct(share, lang))
    st.html(
        html_table(
            "counts",
            [
                {
                    t("scope", lang): t(f"scope_{p.scope.value}", lang),
                    t("procedures", lang): num(p.before, lang),
                    f"{t('cut', lang)} · {t('achieved', lang)}": _share(a.cut, a.cut_share, lang),
                    f"{t('cut', lang)} · {t('projected', lang)}": _share(p.cut, p.cut_share, lang),
                    f"{t('cut_or_simplified', lang)} · {t('achieved', lang)}": _share(
                        a.cut_or_simplified, a.cut_or_simplified_share, lang
                    ),
                    f"{t('cut_or_simplified', lang)} · {t('projected', lang)}": _share(
                        p.cut_or_simplified, p.cut_or_simplified_share, lang
                    ),
                }
                for a, p in pairs
            ],
        )
    )


def _share(n: int, share: float | None, lang: str) -> str:
    return f"{num(n, lang)} ({pct(share, lang)})"


@state.fragment
def _reach(lang: str) -> None:
    """How far accepting every candidate of each kind of measure would go, target by target, with the rules
    the sidebar says: computed (~3 s once per catalogue and rules) and drawn only when its expander is
    open."""
    with st.expander(t("reach_title", lang), key="overview_reach_open", on_change="rerun") as box:
        if box.open:
            _reach_table(lang)
        else:
            state.warm_candidate_reach()


def _reach_table(lang: str) -> None:
    with st.spinner(t("loading", lang)):
        report = state.candidate_reach_in_use()
    if not report.rows:
        st.info(t("no_change", lang))
        return
    targets = report.rows[-1].targets
    rows = []
    for row in report.rows:
        name = t("reach_all", lang) if row.measure == ALL_MEASURES else measure(row.measure, lang)
        overall = next(c for c in row.counts if c.scope == Scope.all)
        line = {
            t("reach_kind", lang): name + (" ¹" if row.experimental else ""),
            t("candidates", lang): num(row.candidates, lang),
            t("cut", lang): num(overall.cut, lang),
            t("cut_or_simplified", lang): num(overall.cut_or_simplified, lang),
        }
        line.update({short_label(tr, lang): pct(tr.achieved, lang) for tr in row.targets})
        rows.append(line)
    gap = {key: "" for key in rows[0]}
    gap[t("reach_kind", lang)] = t("reach_gap", lang)
    gap.update({short_label(tr, lang): pct(tr.gap, lang) for tr in targets})
    rows.append(gap)
    st.table(rows, hide_index=True)
    if any(tr.achieved is not None and tr.achieved < 0 for row in report.rows for tr in row.targets):
        st.caption(t("reach_negative", lang))
    st.caption(
        t(
            "reach_note",
            lang,
            d=report.as_of.strftime("%d/%m/%Y"),
            n=num(report.procedures, lang),
            rules=t("reach_rules_all" if report.experimental_included else "reach_rules_default", lang),
            volumes=volumes_text(report.counted_volumes, report.assumed_volumes, lang),
            command="tinhgon targets reach" + ("" if report.experimental_included else " --default-only"),
        )
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
    st.html(
        html_table(
            "metrics",
            [
                {
                    t("metric", lang): metric(name, lang),
                    t("before", lang): _value(name, before, lang),
                    t("after", lang): _value(name, after, lang),
                    # Signed, not "cut": more procedures fully online is the aim, not a negative cut.
                    t("change", lang): signed(100 * (after - before) / before, lang, 1) + "%"
                    if before
                    else t("none", lang),
                }
                for name, before, after in rows
            ],
        )
    )


@state.fragment
def _breakdown(report: ProgressReport, lang: str) -> None:
    """Progress by level, field or agency: choosing the dimension redraws only this part."""
    st.subheader(t("breakdown", lang))
    chosen = st.segmented_control(
        t("dimension", lang),
        DIMENSIONS,
        format_func=lambda d: dimension(d, lang),
        default="level",
        key="k_overview_dimension",
    )
    rows = []
    groups = sorted(report.by(chosen or "level"), key=lambda g: -g.before.procedures)
    for group in groups:
        name = level_label(group.group, lang) if chosen in (None, "level") else group.group
        row = {
            t("group", lang): name,
            t("procedures", lang): num(group.before.procedures, lang),
            t(
                "components", lang
            ): f"{num(group.before.components, lang)} → {num(group.after.components, lang)}",
        }
        # Each target's reduction, or share reached, in the group (a column per target, as above).
        row.update({short_label(tp, lang): pct(tp.achieved, lang) for tp in group.targets})
        rows.append(row)
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        height=frame_height(len(rows), 320),
        column_config={t("group", lang): st.column_config.TextColumn(width="large", pinned=True)},
    )


@state.fragment
def _history(plan: Plan, lang: str) -> None:
    """The plan's decisions over time: read and charted only when its expander is open."""
    with st.expander(t("history", lang), key="overview_history_open", on_change="rerun") as box:
        if box.open:
            _history_chart(plan, lang)


def _history_chart(plan: Plan, lang: str) -> None:
    timeline = plan_timeline(plan, state.repository().history(plan.id))
    if len(timeline) <= 1:
        st.caption(t("history_empty", lang))
        return
    # Vietnam time, as the review queue's decisions read, handed over without a zone: the browser draws a
    # time without a zone as it is.
    when = [point.at.astimezone(VIETNAM_TIME).replace(tzinfo=None) for point in timeline]
    frame = pd.DataFrame(
        [
            {"when": at, "status": status(s.value, lang), "count": point.counts.get(s.value, 0)}
            for at, point in zip(when, timeline, strict=True)
            for s in MeasureStatus
        ]
    )
    # Decisions minutes apart need the seconds, or every tick reads the same minute.
    seconds = (max(when) - min(when)).total_seconds() < 3600
    grouping = "." if lang == "vi" else ","
    chart = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            # Day and 24-hour time: Vega's default ticks read ":30 07 PM" in either language.
            x=alt.X(
                "when:T",
                title=f"{t('when', lang)} ({t('vietnam_time', lang)})",
                axis=alt.Axis(format="%d/%m %H:%M:%S" if seconds else "%d/%m %H:%M", labelAngle=0),
            ),
            y=alt.Y(
                "count:Q",
                title=t("count", lang),
                axis=alt.Axis(
                    labelExpr=f"replace(format(datum.value, ',d'), regexp(',', 'g'), '{grouping}')"
                ),
            ),
            color=alt.Color(
                "status:N",
                title=t("status", lang),
                scale=alt.Scale(
                    domain=[status(value, lang) for value in STATUS_COLOURS],
                    range=list(STATUS_COLOURS.values()),
                ),
            ),
        )
    )
    st.altair_chart(chart, width="stretch")


if __name__ == "__main__":
    render(state.lang())
