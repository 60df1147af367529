"""A terminal table of recognitions, one line per component text."""

from __future__ import annotations

from collections.abc import Iterable

from engine.recognise.recogniser import Recognition

_HEADERS = ("confidence", "type", "other types", "alias", "text")
_TEXT_WIDTH = 70
_UNRECOGNISED = "-"


def format_table(recognitions: Iterable[Recognition], text_width: int = _TEXT_WIDTH) -> str:
    """Columns: confidence, main type, the other types found, the alias that matched, and the text
    (shortened to ``text_width`` characters). An unrecognised text shows ``-`` as its type."""
    rows = [
        (
            f"{recognition.confidence:.2f}",
            recognition.type or _UNRECOGNISED,
            ", ".join(t for t in recognition.types if t != recognition.type),
            recognition.alias or "",
            _shorten(" ".join(recognition.text.split()), text_width),
        )
        for recognition in recognitions
    ]
    widths = [max(len(row[column]) for row in [_HEADERS, *rows]) for column in range(len(_HEADERS))]
    lines = [_line(_HEADERS, widths), _line(tuple("-" * width for width in widths), widths)]
    lines += [_line(row, widths) for row in rows]
    return "\n".join(lines)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
