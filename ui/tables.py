"""Small tables as plain HTML (``st.html``), looking like ``st.table``.

``st.table`` draws every cell through Streamlit's Markdown component and sends the table as Arrow; the
plan overview's three tables (~100 cells) took the browser ~0.1 s of every overview run in that alone
(bench/bench_workbench.py). Plain cells cost nothing to draw. Colours follow the text colour, so the
table reads on Streamlit's light and dark themes. Each table is named (``data-table``) for tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Literal

_LINE = "1px solid color-mix(in srgb, currentColor 12%, transparent)"
_CELL = f"padding:4px 6px 4px 8px;border-bottom:{_LINE};border-right:{_LINE};vertical-align:middle"


SHORT_TABLE = 10  # rows Streamlit's "auto" height shows whole, without the table's own scroll bar


def frame_height(rows: int, tall: int) -> int | Literal["auto"]:
    """A dataframe's height: its rows' own when few (a fixed height left blank space under 3 rows), else
    ``tall`` pixels, scrolled.

    >>> frame_height(3, 420), frame_height(500, 420)
    ('auto', 420)
    """
    return "auto" if rows <= SHORT_TABLE else tall


def html_table(name: str, rows: Sequence[Mapping[str, object]]) -> str:
    """``rows`` (one mapping of column → value each, the same columns in each) as an HTML table."""
    if not rows:
        return ""
    columns = list(rows[0])
    head = "".join(f'<th style="{_CELL};font-weight:400;opacity:0.7">{escape(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{escape(str(row[c]))}</td>' for c in columns) + "</tr>"
        for row in rows
    )
    return (
        # The last column's and row's own lines fall outside the rounded frame (the 1px overhang).
        f'<div style="border:{_LINE};border-radius:0.5rem;overflow:hidden;margin-bottom:1rem">'
        f'<table class="tg-table" data-table="{escape(name)}" style="width:calc(100% + 1px);'
        'margin:0 -1px -1px 0;border-collapse:collapse;font-size:14px;line-height:21px;text-align:left">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
