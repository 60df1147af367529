"""Search procedures by code or name the way people type: without accents, in any case, with a typo.

A query matches a procedure when its code starts with the query, or when every word of the query is
found in the name: as a word prefix, or (for words of four letters or more) one edit away from a word
of the name. Exact and prefix matches rank before typo-tolerant ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.model import Procedure
from engine.recognise.text import fold

# Words this short must match exactly (as a prefix): one edit on a 3-letter word matches too much.
MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class _Entry:
    code: str
    name: str  # folded
    words: tuple[str, ...]


class SearchIndex:
    """Folded codes and names of a catalogue, built once and queried on every keystroke."""

    def __init__(self, procedures: Iterable[Procedure]) -> None:
        self._entries = [
            _Entry(p.code.lower(), folded, tuple(folded.split()))
            for p in procedures
            for folded in [fold(p.name)]
        ]

    def search(self, query: str) -> list[str]:
        """Codes of the procedures matching ``query``, best first; every code for an empty query."""
        folded = fold(query)
        if not folded:
            return [e.code for e in self._entries]
        words = folded.split()
        ranked: list[tuple[int, int, str]] = []
        for position, entry in enumerate(self._entries):
            score = _score(entry, folded, words)
            if score is not None:
                ranked.append((score, position, entry.code))
        return [code for _, _, code in sorted(ranked)]


def _score(entry: _Entry, folded: str, words: list[str]) -> int | None:
    """0 exact code, 1 code prefix, 2 name contains the phrase, 3 every word found, 4 with typos."""
    if entry.code == folded:
        return 0
    if entry.code.startswith(folded):
        return 1
    if folded in entry.name:
        return 2
    typos = 0
    for word in words:
        if any(w.startswith(word) for w in entry.words):
            continue
        if len(word) >= MIN_FUZZY_LENGTH and any(_within_one_edit(word, w) for w in entry.words):
            typos += 1
            continue
        return None
    return 3 if typos == 0 else 4


def _within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]
