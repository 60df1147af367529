"""Procedure families: variants of one licence or result run at the same level by the same agency.

Many catalogues publish one procedure per variant of a result — issue, reissue (cấp lại), exchange
(cấp đổi), amend (điều chỉnh, sửa đổi, bổ sung, thay đổi), extend (gia hạn) — where one procedure with
cases would do. A family is found from the name: the leading variant verbs are stripped (accents folded)
and what remains, the object ("giấy phép khai thác khoáng sản"), must be the same, with the same levels
and an agency in common, and the members must be at least two different variants. What the members share
(dossier components, steps, result) is measured as supporting evidence and shown in the finding.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from engine.model import Procedure
from engine.recognise.text import fold


class Variant:
    issue = "cấp"
    reissue = "cấp lại"
    exchange = "cấp đổi"
    amend = "điều chỉnh"
    extend = "gia hạn"


# Leading verbs (accent-folded) and the variant each names; the longest match is tried first.
_VERBS = {
    "cap moi": Variant.issue,
    "cap lan dau": Variant.issue,
    "cap": Variant.issue,
    "dang ky": Variant.issue,
    "cap lai": Variant.reissue,
    "dang ky lai": Variant.reissue,
    "cap doi": Variant.exchange,
    "doi": Variant.exchange,
    "dieu chinh": Variant.amend,
    "sua doi": Variant.amend,
    "bo sung": Variant.amend,
    "thay doi": Variant.amend,
    "dang ky thay doi": Variant.amend,
    "dang ky dieu chinh": Variant.amend,
    "gia han": Variant.extend,
}
_VERB_ORDER = sorted(_VERBS, key=len, reverse=True)
# Each verb as a whole word at the start; compiled once, since names are split for every audit.
_VERB_STARTS = [(v, re.compile(re.escape(v) + r"[ ,]")) for v in _VERB_ORDER]
_SEPARATOR = re.compile(r"^(,|;|/|-|va\b|hoac\b)\s*")
_PARENTHESES = re.compile(r"\([^)]*\)")
# A trailing case clause ("… trong trường hợp bị mất") names a case of the variant, not another object.
_CASE_CLAUSE = re.compile(r",?\s*(trong )?truong hop\b.*$")
# Words after an amend verb that only say what is amended ("thay đổi nội dung giấy phép").
_AMEND_FILLER = re.compile(r"^(noi dung|thong tin)\s+")


def split_variant(name: str) -> tuple[list[str], str]:
    """The variants a name's leading verbs name, and the object that remains (accent-folded).

    >>> split_variant("Cấp lại Giấy phép thăm dò khoáng sản (cấp Bộ)")
    (['cấp lại'], 'giay phep tham do khoang san')
    >>> split_variant("Sửa đổi, bổ sung giấy phép X")
    (['điều chỉnh', 'điều chỉnh'], 'giay phep x')
    """
    text = _PARENTHESES.sub(" ", fold(name))
    text = re.sub(r"[\"'“”]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;")
    text = re.sub(r"^thu tuc\s+", "", text)
    variants: list[str] = []
    while True:
        verb = next((v for v, start in _VERB_STARTS if text == v or start.match(text)), None)
        if verb:
            variants.append(_VERBS[verb])
            text = text[len(verb) :].lstrip()
            continue
        separator = _SEPARATOR.match(text)
        if separator and variants:
            text = text[separator.end() :]
            continue
        break
    text = _CASE_CLAUSE.sub("", _AMEND_FILLER.sub("", text))
    return variants, text.strip(" .,;")


@dataclass(frozen=True)
class FamilyMember:
    code: str
    name: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """Procedures that are variants of one result, and what they share."""

    object_name: str  # the object of the first member's name, as published (e.g. "Giấy phép …")
    levels: tuple[str, ...]
    agencies: tuple[str, ...]  # as published, every member's competent and executing agencies
    members: tuple[FamilyMember, ...]
    shared_components: tuple[str, ...]  # component names asked for by at least two members
    shared_steps: int  # step actions found in at least two members
    shared_result: str | None  # a result (code or name) at least two members issue

    @property
    def variants(self) -> list[str]:
        return sorted({v for m in self.members for v in m.variants}, key=_variant_order)

    @property
    def has_evidence(self) -> bool:
        return bool(self.shared_components or self.shared_result or self.shared_steps)


def _variant_order(variant: str) -> int:
    order = [Variant.issue, Variant.reissue, Variant.exchange, Variant.amend, Variant.extend]
    return order.index(variant) if variant in order else len(order)


@dataclass(frozen=True, slots=True)
class FamilyCandidate:
    """What finding families needs of one procedure: a few strings, kept instead of the procedure so that
    catalogues of a hundred thousand procedures fit in memory."""

    code: str
    name: str
    levels: tuple[str, ...]  # level values, sorted
    agencies: tuple[str, ...]  # competent and executing agencies, as published
    components: tuple[tuple[str, str], ...]  # (folded name up to 80 characters, name as published)
    steps: frozenset[str]  # folded step actions up to 80 characters
    results: tuple[tuple[str, str], ...]  # (result code, or folded name when it has none; name)
    # ``split_variant(name)``: worked out with the rest when the procedure is read, not at each audit (a
    # tenth of a second on the portal records).
    variant_split: tuple[tuple[str, ...], str]

    @classmethod
    def of(cls, p: Procedure) -> FamilyCandidate:
        variants, object_key = split_variant(p.name)
        return cls(
            code=p.code,
            name=p.name,
            variant_split=(tuple(variants), object_key),
            levels=tuple(sorted(level.value for level in p.levels)),
            agencies=tuple(p.agencies.competent + p.agencies.executing),
            components=tuple((fold(c.name)[:80], c.name) for c in p.components),
            steps=frozenset(fold(s.action)[:80] for s in p.steps),
            results=tuple((r.code or fold(r.name), r.name) for r in p.results),
        )


Member = tuple[FamilyCandidate, tuple[str, ...]]  # a candidate and the variants its name names


def find_families(procedures: Sequence[Procedure]) -> dict[str, Family]:
    """Each procedure's family, by code; procedures in no family are absent."""
    return families_of([FamilyCandidate.of(p) for p in procedures])


def families_of(candidates: Sequence[FamilyCandidate]) -> dict[str, Family]:
    """``find_families`` on the candidates' summaries."""
    groups: dict[tuple[str, tuple[str, ...]], list[Member]] = defaultdict(list)
    for p in candidates:
        variants, object_key = p.variant_split
        if variants and object_key:
            groups[(object_key, p.levels)].append((p, variants))
    families: dict[str, Family] = {}
    for (_, levels), grouped in groups.items():
        for members in _same_agency(grouped):
            if len(members) < 2 or len({tuple(v) for _, v in members}) < 2:
                continue  # one procedure, or several of the same variant (e.g. per applicant): no family
            family = _family(members, levels)
            for p, _ in members:
                families[p.code] = family
    return families


def _same_agency(candidates: list[Member]) -> list[list[Member]]:
    """Split procedures into groups linked by a shared agency (competent or executing).

    Records name the same authority differently (the chair of the provincial People's Committee as the
    competent agency, its department as the executing one), so one agency in common is enough; records
    naming none group only with each other.
    """
    clusters: list[tuple[set[str], list[Member]]] = []
    for candidate in candidates:
        agencies = {fold(a) for a in candidate[0].agencies}
        linked = [c for c in clusters if (c[0] & agencies) or (not c[0] and not agencies)]
        merged_agencies, merged = agencies, [candidate]
        for cluster in linked:
            merged_agencies |= cluster[0]
            merged = cluster[1] + merged
            clusters.remove(cluster)
        clusters.append((merged_agencies, merged))
    return [members for _, members in clusters]


def _shared(items_per_member: list[set[str]]) -> set[str]:
    counts = Counter(item for items in items_per_member for item in items)
    return {item for item, n in counts.items() if n >= 2}


def _family(members: list[Member], levels: tuple[str, ...]) -> Family:
    procedures = [p for p, _ in members]
    component_names = {key: name for p in procedures for key, name in p.components}
    shared_components = _shared([{key for key, _ in p.components} for p in procedures])
    shared_steps = _shared([set(p.steps) for p in procedures])
    results = _shared([{key for key, _ in p.results} for p in procedures])
    result_names = {key: name for p in procedures for key, name in p.results}
    first = procedures[0]
    return Family(
        object_name=_object_as_published(first.name),
        levels=levels,
        agencies=tuple(sorted({a for p in procedures for a in p.agencies})),
        members=tuple(FamilyMember(p.code, p.name, tuple(v)) for p, v in members),
        shared_components=tuple(sorted(component_names[k] for k in shared_components)),
        shared_steps=len(shared_steps),
        shared_result=result_names[min(results)] if results else None,
    )


def _object_as_published(name: str) -> str:
    """The object of a name with its accents, e.g. "Giấy phép khai thác khoáng sản"."""
    _, object_key = split_variant(name)
    words = re.sub(r"[\"'“”]", " ", _PARENTHESES.sub(" ", name)).split()
    folded = [fold(w) for w in words]
    wanted = object_key.split()
    for start in range(len(folded) - len(wanted) + 1):
        if [w.strip(" .,;") for w in folded[start : start + len(wanted)]] == [
            w.strip(" .,;") for w in wanted
        ]:
            return re.sub(r"\s+([,;])", r"\1", " ".join(words[start : start + len(wanted)])).strip(" .,;")
    return name
