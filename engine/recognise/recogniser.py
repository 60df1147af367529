"""Recognise the document types a dossier component asks the applicant to supply."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.recognise.placement import Placement, RowText, place, segment_at, segments
from engine.recognise.text import fold_lowered, lower_text
from engine.recognise.thesaurus import NEGATIVE_CUE_WINDOW, Name, Thesaurus

# Recognitions a thesaurus remembers before it starts afresh.
_REMEMBERED = 1 << 16


@dataclass(frozen=True)
class NameMatch:
    """One document name found in a text, where it stands and how sure that makes its document."""

    doc_id: str
    alias: str  # the thesaurus name that matched, as written there
    start: int  # offsets in the normalised text (``text.lower_text``), the same folded or not
    end: int
    placement: Placement
    confidence: float


@dataclass(frozen=True)
class Recognition:
    """What a component text asks for.

    ``types`` holds every document type found at or above the thesaurus threshold, in reading order;
    ``type`` is the surest of them (the first on a tie) and ``alias`` the name that matched it.
    ``confidence`` is that type's confidence, or, when nothing reaches the threshold, the best score seen,
    so that a reviewer can tell "nothing named" (0) from "named but only mentioned".
    """

    text: str
    type: str | None
    types: list[str]
    confidence: float
    alias: str | None
    matches: tuple[NameMatch, ...] = field(default=(), repr=False)

    def to_json(self) -> dict[str, str | float | list[str] | None]:
        """The recognition as a JSON object: text, type, types, confidence, alias."""
        return {
            "text": self.text,
            "type": self.type,
            "types": list(self.types),
            "confidence": round(self.confidence, 2),
            "alias": self.alias,
        }


class Recogniser:
    """Recognises document types in component texts with one thesaurus; cheap to call many times."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus

    def recognise(self, text: str) -> Recognition:
        """Recognise the document types ``text`` asks the applicant to supply."""
        remembered = self.thesaurus.recognitions
        found = remembered.get(text)
        if found is None:
            if len(remembered) >= _REMEMBERED:
                remembered.clear()
            found = remembered[text] = self._recognise(text)
        # Callers keep the list (a component's doc_types): each gets its own.
        return Recognition(
            found.text, found.type, list(found.types), found.confidence, found.alias, found.matches
        )

    def _recognise(self, text: str) -> Recognition:
        lowered = lower_text(text)
        folded = fold_lowered(lowered)
        found = self._names(lowered, folded)
        if not found:
            return Recognition(text=text, type=None, types=[], confidence=0.0, alias=None)
        matches = self._place(lowered, folded, found)
        best: dict[str, NameMatch] = {}
        for match in matches:  # reading order, so a tie keeps the first
            if match.doc_id not in best or match.confidence > best[match.doc_id].confidence:
                best[match.doc_id] = match
        threshold = self.thesaurus.threshold
        kept = [match for match in best.values() if match.confidence >= threshold]
        types = [match.doc_id for match in sorted(kept, key=lambda m: m.start)]
        top = max(best.values(), key=lambda m: (m.confidence, -m.start))
        if top.confidence < threshold:
            return Recognition(text, None, [], top.confidence, None, tuple(matches))
        return Recognition(text, top.doc_id, types, top.confidence, top.alias, tuple(matches))

    def _names(self, lowered: str, folded: str) -> list[tuple[int, int, Name]]:
        """Names in the folded text, less strict names written otherwise and names ruled out by a cue."""
        thesaurus = self.thesaurus
        found = []
        for hit in thesaurus.name_pattern.finditer(folded):
            name = thesaurus.names[hit.group()]
            start, end = hit.span()
            if name.strict and lowered[start:end] != name.lowered:
                continue
            cues = thesaurus.negative_cues.get(name.doc_id)
            if cues:
                window = (
                    folded[max(0, start - NEGATIVE_CUE_WINDOW) : start]
                    + "@"
                    + folded[end : end + NEGATIVE_CUE_WINDOW]
                )
                if any(cue.search(window) for cue in cues):
                    continue
            found.append((start, end, name))
        return found

    def _place(self, lowered: str, folded: str, found: list[tuple[int, int, Name]]) -> list[NameMatch]:
        thesaurus = self.thesaurus
        weights = thesaurus.weights.model_dump()
        # Context words are read with diacritics when the text has them; the offsets are the same.
        row = RowText(lowered, folded, thesaurus.grammar(lowered != folded))
        parts = segments(row, {start for start, _, _ in found})
        matches: list[NameMatch] = []
        previous: dict[int, tuple[int, Placement]] = {}  # by segment start: the last name placed in it
        for start, end, name in found:
            segment = segment_at(parts, start)
            placement = place(row, segment, start, previous.get(segment.start))
            previous[segment.start] = (end, placement)
            confidence = round(weights[placement.value] * name.strength, 4)
            matches.append(NameMatch(name.doc_id, name.text, start, end, placement, confidence))
        return matches
