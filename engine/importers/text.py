"""Small text helpers shared by the importers: blanks, white space, lists of names."""

from __future__ import annotations

import re

# What the portal prints in an empty cell.
NO_INFO = "Không có thông tin"

# Zero-width marks typed into the portal's texts ("đăng k\u200eý").
_INVISIBLE = re.compile("[\u200b-\u200f\ufeff]")
# A list item starts after a comma, semicolon or line break, with an upper-case letter or a digit:
# "Sở Xây dựng, Ủy ban nhân dân cấp xã, phường" splits before "Ủy", never before "phường".
_ITEM_BREAK = re.compile(r"\s*[,;\n]\s*(?=[A-ZÀ-ỸĐ0-9])")


def squash(text: str) -> str:
    """Collapse runs of spaces and tabs, keep single line breaks, drop blank lines, strip the ends."""
    lines = (" ".join(line.split()) for line in _INVISIBLE.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """All white space (line breaks included) collapsed to single spaces."""
    return " ".join(_INVISIBLE.sub("", text).split())


def cell(text: str | None) -> str | None:
    """A cell's text on one line, or None when it is empty or says there is no information."""
    if text is None:
        return None
    value = one_line(text).strip(" -")
    return None if not value or value == NO_INFO else value


def split_items(text: str | None) -> list[str]:
    """Split a comma/semicolon/line-separated list of names, keeping commas inside parentheses.

    >>> split_items("Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp")
    ['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Doanh nghiệp']
    >>> split_items("Sở Xây dựng, Uỷ ban Nhân dân cấp xã, phường, thị trấn")
    ['Sở Xây dựng', 'Uỷ ban Nhân dân cấp xã, phường, thị trấn']
    """
    value = cell(text.replace("\n", "; ") if text else text)
    if value is None:
        return []
    items, start = [], 0
    depth, scanned = 0, 0  # parentheses open at ``scanned``: counted once, so a huge field stays linear
    for match in _ITEM_BREAK.finditer(value):
        depth = _paren_depth(value[scanned : match.start()], depth)
        scanned = match.start()
        if depth == 0:
            items.append(value[start : match.start()])
            start = match.end()
    items.append(value[start:])
    cleaned = (item.strip(" .;,") for item in items)
    return [item for item in cleaned if item and item != NO_INFO]


def _paren_depth(text: str, depth: int = 0) -> int:
    """How many parentheses are open at the end of ``text``, ``depth`` being open at its start."""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return depth
