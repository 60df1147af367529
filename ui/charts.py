"""Bar charts as plain HTML (``st.html``), drawn with the rest of the page.

A Vega-Lite chart (``st.altair_chart``) first loads and compiles ~1 MB of Vega in the browser and then
builds its view: ~0.4 s of the overview's 1 s after a decision (bench/bench_workbench.py). The target
chart is a few bars and ticks on a 0–100% scale, which HTML boxes draw at no cost. Every bar and tick
carries its series and value (``data-series``, ``data-value``) and a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

AXIS_STEPS = (0, 20, 40, 60, 80, 100)
ROW_PX = 34  # one row: two bars and the tick across them
LABEL_PX = 320


@dataclass(frozen=True)
class BarRow:
    """One row of a grouped bar chart: its label, one value per series (%), and the mark's value (%)."""

    label: str
    values: Sequence[float]
    mark: float


def grouped_bars(
    rows: Sequence[BarRow],
    series: Sequence[str],
    colours: Sequence[str],
    mark_name: str,
    mark_colour: str,
    value_text: Callable[[float], str],
) -> str:
    """Horizontal bars, one group per row and one bar per series, with a tick at each row's mark, on a
    0–100% axis; a legend above names the series and the mark. Values outside 0–100 are drawn at the
    edge (the tooltip gives the value)."""
    names, swatches = [*series, mark_name], [*colours, mark_colour]
    legend = "".join(_legend_item(name, colour) for name, colour in zip(names, swatches, strict=True))
    body = "".join(_row(row, series, colours, mark_name, mark_colour, value_text) for row in rows)
    axis = "".join(
        f'<span style="position:absolute;left:{step}%;transform:translateX(-50%)">{step}</span>'
        for step in AXIS_STEPS
    )
    # A grid: the label column as wide as the longest label (at most LABEL_PX), the bars the rest.
    return (
        '<div class="tg-bar-chart" style="display:grid;grid-template-columns:auto 1fr;column-gap:8px;'
        'align-items:center;font-size:12px;line-height:1.2;margin:0.5rem 0 1rem">'
        f'<div></div><div style="display:flex;gap:1.25rem;margin-bottom:0.5rem">{legend}</div>'
        f"{body}"
        '<div style="text-align:right">%</div>'
        f'<div style="position:relative;height:16px;opacity:0.7">{axis}</div></div>'
    )


def _legend_item(name: str, colour: str) -> str:
    return (
        f'<span class="tg-legend" data-series="{escape(name)}" style="display:inline-flex;gap:0.35rem;'
        f'align-items:center"><span style="width:11px;height:11px;background:{colour}"></span>'
        f"{escape(name)}</span>"
    )


def _row(
    row: BarRow,
    series: Sequence[str],
    colours: Sequence[str],
    mark_name: str,
    mark_colour: str,
    value_text: Callable[[float], str],
) -> str:
    height = (ROW_PX - 8) / len(series)
    bars = "".join(
        _box(
            name,
            value,
            f"{row.label} · {name}: {value_text(value)}",
            f"left:0;top:{4 + i * height:.1f}px;height:{height:.1f}px;width:{_clamp(value)}%;"
            f"background:{colour}",
        )
        for i, (name, value, colour) in enumerate(zip(series, row.values, colours, strict=True))
    )
    tick = _box(
        mark_name,
        row.mark,
        f"{row.label} · {mark_name}: {value_text(row.mark)}",
        f"left:calc({_clamp(row.mark)}% - 1.5px);top:0;height:{ROW_PX}px;width:3px;background:{mark_colour}",
    )
    # A light grid line every 20%, as the axis ticks.
    grid = "repeating-linear-gradient(90deg,rgba(128,128,128,0.25) 0 1px,transparent 1px 20%)"
    return (
        f'<div style="max-width:{LABEL_PX}px;text-align:right;overflow:hidden;text-overflow:ellipsis;'
        f'white-space:nowrap">{escape(row.label)}</div>'
        f'<div style="position:relative;height:{ROW_PX}px;margin:2px 0;background:{grid}">{bars}{tick}</div>'
    )


def _box(series: str, value: float, tooltip: str, style: str) -> str:
    return (
        f'<div data-series="{escape(series)}" data-value="{value:.4f}" title="{escape(tooltip)}" '
        f'style="position:absolute;{style}"></div>'
    )


def _clamp(value: float) -> float:
    return round(min(max(value, 0.0), 100.0), 2)
