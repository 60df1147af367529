"""Which earlier finding, measure or document a current one is, when a record may have been edited since.

The portal numbers a procedure's documents by position (c1, c2, …): a document inserted above the others
renumbers those below it, so an id alone can name another document after an edit, and a label alone
misses a renamed one. Both are tried, in order: id and label, then label, then id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")
# (what must be equal in every pass, e.g. rule, procedure and target kind; the target's id; its label)
Identity = tuple[tuple[str, ...], str, str]


def match_targets(
    current: Sequence[A],
    earlier: Sequence[B],
    current_identity: Callable[[A], Identity],
    earlier_identity: Callable[[B], Identity],
) -> list[int | None]:
    """For each of ``current``, the index of the ``earlier`` one it is, or None; each earlier one is
    matched once, to the first current one that claims it.

    >>> now = [(("R",), "c1", "Tờ khai"), (("R",), "c3", "Bản sao"), (("R",), "c2", "Ảnh 4x6")]
    >>> before = [(("R",), "c2", "Bản sao"), (("R",), "c2", "Ảnh"), (("R",), "c9", "Giấy hẹn")]
    >>> match_targets(now, before, lambda x: x, lambda x: x)
    [None, 0, 1]
    """
    passes: tuple[Callable[[Identity], tuple[object, ...]], ...] = (
        lambda i: (i[0], i[1], i[2]),
        lambda i: (i[0], i[2]),
        lambda i: (i[0], i[1]),
    )
    found: list[int | None] = [None] * len(current)
    taken: set[int] = set()
    for key in passes:
        waiting: dict[tuple[object, ...], list[int]] = {}
        for at, before in enumerate(earlier):
            if at not in taken:
                waiting.setdefault(key(earlier_identity(before)), []).append(at)
        for n, now in enumerate(current):
            if found[n] is None and (candidates := waiting.get(key(current_identity(now)))):
                claimed = candidates.pop(0)
                found[n] = claimed
                taken.add(claimed)
    return found
