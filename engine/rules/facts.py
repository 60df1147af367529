"""Facts: what the rules engine sees of a procedure.

Facts are flat dictionaries, few and meaningful: one for the procedure, one per dossier component and
document type, one per step. Fields that need the whole catalogue (peers, precedents, issuers, families…)
come from a ``CatalogueContext`` built once per audit, from one small ``ContextEntry`` per procedure.
``FACT_FIELDS`` documents every field: rules may use no other, and ``rules/README.md`` lists them for
policy staff.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from engine.graph import agency_handoffs, unused_outputs
from engine.model import (
    ChannelKind,
    ClauseScope,
    DossierComponent,
    OnlineLevel,
    Procedure,
    ReuseClause,
    SourceRegistry,
    StepKind,
)
from engine.recognise import Placement, Recogniser, default_thesaurus
from engine.recognise.text import fold
from engine.rules.families import Family, FamilyCandidate, families_of
from engine.rules.generic_results import load_generic_results

# A document issued abroad, or held by a person without Vietnamese nationality: no Vietnamese database
# holds it and no procedure of the catalogue issues it.
_FOREIGN = re.compile(
    r"nuoc ngoai cap|(?:co quan|to chuc)[^.;]{0,40} (?:cua )?nuoc ngoai\b[^.;]{0,30}\b(?:cap|xac nhan|lap)\b"
    r"|cap (?:o|tai|boi) nuoc ngoai|khong co quoc tich viet nam|khong quoc tich|nguoi nuoc ngoai"
    r"|cong dan nuoc ngoai|hop phap hoa lanh su"
    # papers from a foreigner's own country; papers only foreign parties give ("trừ tổ chức Việt Nam")
    r"|cua nuoc ma (?:nguoi|ho|ca nhan)[^.;]{0,20} (?:la cong dan|mang quoc tich)"
    r"|\(tru (?:to chuc|ca nhan|cong dan|doanh nghiep|nha dau tu) viet nam\)"
    r"|(?:thanh lap|hoat dong|dang ky)(?: va hoat dong)?(?: hop phap)? (?:o|tai) nuoc ngoai"
    r"|quoc gia, vung lanh tho noi"
)
# Procedures whose applicant is abroad or foreign, for the parts that applicant supplies: the foreign
# parent of a representative office (its business registration), an adopter living abroad (the papers of
# the section "Hồ sơ của người nhận con nuôi"). (procedure name, section or None, document types or None.)
_FOREIGN_PARTIES = (
    (
        re.compile(r"van phong (?:dai dien|ban ve)[^.;]{0,60}\bnuoc ngoai\b"),
        None,
        frozenset({"enterprise_registration_certificate"}),
    ),
    (re.compile(r"con nuoi co yeu to nuoc ngoai"), re.compile(r"\bnguoi nhan con nuoi\b"), None),
)
# Where the specific name of a result ends: "Chứng chỉ hành nghề thú y (cấp mới)", "…; thông báo từ chối".
_NAME_END = re.compile(r"[(;,.:]| hoac | cho | doi voi | theo | kem theo ")


class FactKind(StrEnum):
    procedure = "procedure"
    component = "component"
    step = "step"


_COMMON = {
    "kind": "fact kind",
    "id": "unique id of the fact (durable-rules treats facts with one id as one fact)",
    "part": "id of the procedure part the fact is about: the code, a component id, a step id",
    "label": "its name or action",
}

FACT_FIELDS: dict[FactKind, dict[str, str]] = {
    FactKind.procedure: _COMMON
    | {
        "levels": "levels joined by commas (province, commune…)",
        "field": "lĩnh vực",
        "has_online": "true when an online channel exists",
        "online_level": "full, partial, none or unknown",
        "max_days": "longest time limit across channels, working days",
        "online_days": "online time limit, working days",
        "in_person_days": "in-person time limit, working days",
        "peer_median_days": "median longest time limit of procedures with the same field and levels",
        "peer_count": "how many such peers have a time limit",
        "days_ratio": "max_days / peer_median_days",
        "excess_days": "max_days - peer_median_days, working days",
        "online_extra_days": "online_days - in_person_days: how much slower online is",
        "volume": "annual dossiers (absent when unknown)",
        "volume_is_estimate": "true when the volume is an estimate",
        "step_count": "number of steps",
        "component_count": "number of dossier components",
        "handoffs": "hand-offs between agencies in the step sequence",
        "approvals": "steps where a leader approves or signs",
        "same_result_as": "code of another procedure issuing a result with the same result code, "
        "generic results (refusals, notices, replies: rules/generic_results.yaml) left out",
        "same_result_name": "name of that procedure",
        "same_result_count": "how many procedures issue that result code, this one included",
        "similar_to": "code of the procedure in the same field with the most components in common",
        "similar_name": "name of that procedure",
        "similar_ratio": "share of components in common with it (0–1)",
        "family_size": "procedures in its family: variants of one result (issue, reissue, exchange, amend, "
        "extend) at the same levels by the same agency",
        "family_object": "what the family issues, as named (e.g. Giấy phép khai thác khoáng sản)",
        "family_variants": "the variants the family's members are, comma-joined",
        "family_members": "the other members: code «name», semicolon-joined",
        "family_member_codes": "the other members' codes, semicolon-joined",
        "family_shared_components": "dossier components asked for by at least two members",
        "family_shared_component_names": "their names, semicolon-joined (first five; absent when none)",
        "family_shared_steps": "step actions found in at least two members",
        "family_shared_result": "a result at least two members issue (absent when none)",
        "family_evidence": "true when the members share a component, a step or a result",
    },
    FactKind.component: _COMMON
    | {
        "order": "position in the dossier (1, 2…)",
        "case": "trường hợp the component applies to ('' for all)",
        "doc_type": "recognised document type (absent when not recognised)",
        "originals": "number of originals",
        "copies": "number of copies",
        "certified_copy": "true when copies must be certified",
        "presented_only": "true when the document is shown, not handed in",
        "surrendered": "true when the document is handed back to be cancelled (a registration and its plate)",
        "source_id": "id of a published data source holding this document type",
        "source_name": "its Vietnamese name",
        "source_decision": "the decision that published it as usable",
        "source_since": "since when (ISO date)",
        "covered_by_clause": "true when a clause of the procedure whose scope and document types include "
        "this component says the data is looked up or the document need not be supplied",
        "lookup_fallback": "true when every such clause keeps the paper for when the lookup is not possible "
        "yet (not connected, database not in operation)",
        "foreign_issued": "true when the document is issued abroad or held by a person without Vietnamese "
        "nationality: no Vietnamese database or procedure provides it",
        "issued_by": "code of another procedure in the catalogue whose result is this document type",
        "issued_by_name": "name of that procedure",
        "issuer_count": "how many procedures issue it",
        "precedent_count": "how many other procedures already replace this document type with a lookup",
        "precedent_example": "code of one of them",
        "asked_before": "label of an earlier component of the same case asking for the same document type",
    },
    FactKind.step: _COMMON
    | {
        "order": "position in the sequence",
        "step_kind": "submit, receive, check, inspect, consult, approve, transfer, issue, pay, other",
        "agency": "agency doing the step",
        "actor": "who does it",
        "output_unused": "true when no later step nor result uses anything the step produces",
        "unused_outputs": "those outputs, comma-joined",
        "handoff": "true when the previous step was done by another agency",
        "similar_check": "id of the earlier check step whose wording is closest to this check's",
        "check_similarity": "share of words in common with that step (0–1)",
        "similar_check_agency": "the agency of that earlier check step",
        "independent_of_previous": "true when it uses nothing the previous step produced (edges known)",
    },
}


@dataclass(frozen=True, slots=True)
class ContextEntry:
    """What the catalogue context needs of one procedure, and what says which parts of the context its
    facts read (``context_slice``): a few strings, kept instead of the procedure, so that the context of
    a catalogue of a hundred thousand procedures is built without holding them."""

    code: str
    name: str
    field: str | None
    max_days: float | None
    issued: tuple[tuple[str, str], ...]  # (document type, the result's own name, folded) it issues
    result_codes: tuple[str, ...]  # national result codes of its results, in order
    reused_types: tuple[str, ...]  # document types its reuse clauses look up
    doc_types: tuple[str, ...]  # document types its components ask for
    family: FamilyCandidate

    @classmethod
    def of(cls, p: Procedure, recogniser: Recogniser | None = None) -> ContextEntry:
        recogniser = recogniser or Recogniser(default_thesaurus())
        return cls(
            code=p.code,
            name=p.name,
            field=p.field,
            max_days=p.max_time_limit_days,
            issued=tuple(pair for r in p.results for pair in _issued(recogniser, r.name, r.doc_types)),
            result_codes=tuple(r.code for r in p.results if r.code),
            reused_types=tuple(sorted({t for clause in p.reuse_clauses for t in clause.doc_types})),
            doc_types=tuple(dict.fromkeys(t for c in p.components for t in c.doc_types)),
            family=FamilyCandidate.of(p),
        )

    @property
    def peer_key(self) -> str:
        return f"{self.field or ''}|{','.join(self.family.levels)}"

    @property
    def signature(self) -> frozenset[str]:
        return frozenset(key for key, _ in self.family.components)


@dataclass
class CatalogueContext:
    """What facts need to know of the whole catalogue; built once per audit, picklable for workers.

    Every field is either the same for all procedures (``GLOBAL_FIELDS``) or read per procedure through
    ``context_slice``, which an incremental audit hashes to know whose facts an edit changes: a new field
    must join one of the two (a test checks).
    """

    registry: SourceRegistry
    audit_date: dt.date
    # doc type -> the result's own name, folded -> (position, code, name) of the procedures issuing it, in
    # catalogue order (position: among the type's issuers): a procedure issues a component's document only
    # when the component names that result ("Chứng chỉ hành nghề thú y" is not any diploma). By name, so
    # that a component's issuers are found in the type's few names, not its thousands of issuers.
    issuers: dict[str, dict[str, list[tuple[int, str, str]]]] = field(default_factory=dict)
    issuer_counts: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)  # type -> name -> code
    precedents: dict[str, list[str]] = field(default_factory=dict)  # doc type -> codes replacing it
    peer_median: dict[str, tuple[float, int]] = field(default_factory=dict)  # peer key -> (median, n)
    result_codes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # KQ code -> procedures
    similar: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # code -> best match
    families: dict[str, Family] = field(default_factory=dict)  # code -> its procedure family
    generic_results: tuple[str, ...] = ()  # folded words naming results many procedures share
    precedent_counts: dict[str, Counter[str]] = field(default_factory=dict)  # doc type -> code -> times

    @classmethod
    def build(
        cls,
        procedures: Sequence[Procedure],
        registry: SourceRegistry,
        audit_date: dt.date,
        generic_results: Sequence[str] | None = None,
    ) -> CatalogueContext:
        """``generic_results``: words of result names to ignore (default: ``rules/generic_results.yaml``)."""
        recogniser = Recogniser(default_thesaurus())
        entries = [ContextEntry.of(p, recogniser) for p in procedures]
        return cls.from_entries(entries, registry, audit_date, generic_results)

    @classmethod
    def from_entries(
        cls,
        entries: Sequence[ContextEntry],
        registry: SourceRegistry,
        audit_date: dt.date,
        generic_results: Sequence[str] | None = None,
    ) -> CatalogueContext:
        """The context from the procedures' entries (see ``ContextEntry``), in catalogue order."""
        words = load_generic_results() if generic_results is None else generic_results
        ctx = cls(registry=registry, audit_date=audit_date, generic_results=tuple(fold(w) for w in words))
        days: dict[str, list[float]] = defaultdict(list)
        positions: Counter[str] = Counter()
        for e in entries:
            for doc_type, specific in e.issued:
                ctx.issuers.setdefault(doc_type, {}).setdefault(specific, []).append(
                    (positions[doc_type], e.code, e.name)
                )
                positions[doc_type] += 1
            for code in e.result_codes:
                ctx.result_codes.setdefault(code, []).append((e.code, e.name))
            for doc_type in e.reused_types:
                ctx.precedents.setdefault(doc_type, []).append(e.code)
            if e.max_days is not None:
                days[e.peer_key].append(e.max_days)
        ctx.peer_median = {k: (statistics.median(v), len(v)) for k, v in days.items()}
        ctx.precedent_counts = {t: Counter(codes) for t, codes in ctx.precedents.items()}
        ctx.issuer_counts = {
            t: {name: Counter(code for _, code, _ in issued) for name, issued in by_name.items()}
            for t, by_name in ctx.issuers.items()
        }
        ctx.similar = most_similar(entries)
        ctx.families = families_of([e.family for e in entries])
        return ctx


# Fields of ``CatalogueContext`` every procedure's facts read whole; the others are sliced per procedure.
GLOBAL_FIELDS = ("registry", "audit_date", "generic_results")


def context_slice(entry: ContextEntry, ctx: CatalogueContext) -> dict[str, Any]:
    """Every value the facts of ``entry``'s procedure read from the fields of ``ctx`` outside
    ``GLOBAL_FIELDS``, as data ``json_digest`` writes, one key per field.

    A procedure whose own record, ``GLOBAL_FIELDS`` and slice are unchanged has the same facts, hence the
    same findings: an incremental audit re-evaluates only procedures whose slice changed. Lists whose
    facts use the first other member and the count keep their first two members and their length.
    """
    family = ctx.families.get(entry.code)
    return {
        "issuers": {t: _issuer_names(ctx, entry.code, t) for t in entry.doc_types},
        "issuer_counts": None,  # derived from ``issuers``: read through ``_issuer_names`` above
        "precedents": {t: _precedent(ctx, entry.code, t) for t in entry.doc_types},
        "precedent_counts": None,  # derived from ``precedents``: read through ``_precedent`` above
        "peer_median": ctx.peer_median.get(entry.peer_key) if entry.max_days is not None else None,
        "result_codes": {
            c: _first_other(ctx.result_codes.get(c, []), entry.code) for c in entry.result_codes
        },
        "similar": ctx.similar.get(entry.code),
        "families": family,  # a frozen dataclass of strings, which ``json_digest`` writes as it is
    }


def _precedent(ctx: CatalogueContext, code: str, doc_type: str) -> tuple[int, str | None]:
    """How many other procedures look ``doc_type`` up, and the first of them: in constant time, since
    thousands of procedures may look one type up."""
    replacing = ctx.precedents.get(doc_type, [])
    own = ctx.precedent_counts.get(doc_type, Counter()).get(code, 0)
    example = next((c for c in replacing if c != code), None) if len(replacing) > own else None
    return len(replacing) - own, example


def _issuer_names(ctx: CatalogueContext, code: str, doc_type: str) -> list[tuple[str, tuple[str, str], int]]:
    """Each name under which procedures other than ``code`` issue ``doc_type``: the name, the first of
    them (code, name) and how many they are, in the catalogue order of those first ones. In time that
    grows with the type's names, not its issuers: at fifty times the real catalogue, a component's
    issuers scanned one by one were the one part of the facts growing faster than the catalogue."""
    found = []
    for name, issued in ctx.issuers.get(doc_type, {}).items():
        others = len(issued) - ctx.issuer_counts[doc_type][name].get(code, 0)
        if others:
            position, first, first_name = next(item for item in issued if item[1] != code)
            found.append((position, name, (first, first_name), others))
    return [(name, first, others) for _, name, first, others in sorted(found)]


def _first_other(items: list[tuple[str, str]], code: str) -> tuple[tuple[str, str] | None, int]:
    """The first (code, name) other than ``code``, and how many items there are."""
    return next((item for item in items if item[0] != code), None), len(items)


def _issued(recogniser: Recogniser, name: str, doc_types: list[str]) -> list[tuple[str, str]]:
    """The document types a result really is, each with the result's own name (folded, up to a
    parenthesis, a list or a qualifier: "Chứng chỉ kiểm toán viên (nếu đạt kết quả thi)").

    A result issues a type only when its name starts with one of the type's names ("Giấy phép xây dựng"),
    not when it merely mentions one ("Giấy miễn thị thực dán vào hộ chiếu"); types that the applicant or a
    private party makes (a power of attorney, financial statements) are never a procedure's result
    (``issued_by_procedures: false`` in the thesaurus).
    """
    documents = recogniser.thesaurus.documents
    heads = {m.doc_id: m for m in recogniser.recognise(name).matches if m.placement == Placement.head}
    issued = []
    for doc_type in doc_types:
        match = heads.get(doc_type)
        entry = documents.get(doc_type)
        if match is None or (entry is not None and not entry.issued_by_procedures):
            continue
        own_name = _NAME_END.split(fold(name), maxsplit=1)[0].strip()
        if own_name:
            issued.append((doc_type, own_name))
    return issued


def peer_key(procedure: Procedure) -> str:
    """Procedures compare with peers of the same field and the same levels."""
    return f"{procedure.field or ''}|{','.join(sorted(procedure.levels))}"


# Ratios are stored rounded to 2 decimals and a later partner replaces the best only when its ratio is
# above that rounded value; no partner further than this below the best ratio can ever be chosen.
_RATIO_MARGIN = 0.02


def most_similar(entries: Sequence[ContextEntry]) -> dict[str, tuple[str, str, float]]:
    """For each procedure, the one in its field sharing the largest share of components (Jaccard).

    The first partner in catalogue order with the highest ratio wins, as a scan of every pair chooses
    (ratios compared with the best one rounded to 2 decimals). Procedures with the same components share
    one signature, and only signatures with a component in common are compared, so the work grows with
    the catalogue rather than its square when procedures repeat a national dossier.
    """
    by_field: dict[str, list[ContextEntry]] = defaultdict(list)
    for e in entries:
        if len(e.signature) >= 2:
            by_field[e.field or ""].append(e)
    best: dict[str, tuple[str, str, float]] = {}
    for group in by_field.values():
        if len({e.code for e in group}) < len(group):
            best |= most_similar_pairwise(group)  # codes shared by two procedures share one best
        else:
            best |= _most_similar_indexed(group)
    return best


def most_similar_pairwise(group: Sequence[ContextEntry]) -> dict[str, tuple[str, str, float]]:
    """Every pair of the group, in order: the reference the indexed search must agree with."""
    best: dict[str, tuple[str, str, float]] = {}
    signatures = [e.signature for e in group]
    for i, (a, sig_a) in enumerate(zip(group, signatures, strict=True)):
        for b, sig_b in zip(group[i + 1 :], signatures[i + 1 :], strict=True):
            ratio = len(sig_a & sig_b) / len(sig_a | sig_b)
            if ratio == 0 or a.code == b.code:
                continue
            for one, other in ((a, b), (b, a)):
                if ratio > best.get(one.code, ("", "", 0.0))[2]:
                    best[one.code] = (other.code, other.name, round(ratio, 2))
    return best


def _most_similar_indexed(group: Sequence[ContextEntry]) -> dict[str, tuple[str, str, float]]:
    """The pairwise result for a group of distinct codes, comparing distinct signatures only."""
    members: dict[frozenset[str], list[int]] = defaultdict(list)  # signature -> positions, ascending
    for index, e in enumerate(group):
        members[e.signature].append(index)
    signatures = list(members)
    postings: dict[str, list[int]] = defaultdict(list)  # component -> signatures holding it
    for k, signature in enumerate(signatures):
        for name in signature:
            postings[name].append(k)
    best: dict[str, tuple[str, str, float]] = {}
    for signature in signatures:
        shared: Counter[int] = Counter(other for name in signature for other in postings[name])
        size = len(signature)
        ratios = sorted(
            ((n / (size + len(signatures[j]) - n), j) for j, n in shared.items()), key=lambda rj: -rj[0]
        )
        for index in members[signature]:
            # Partners that could win: the first and the last of each signature near the best ratio
            # (the ones between them can only hand the choice on to the last).
            near: list[tuple[int, float]] = []
            top = None
            for ratio, j in ratios:
                if top is not None and ratio < top - _RATIO_MARGIN:
                    break
                eligible = [i for i in _ends(members[signatures[j]]) if i != index]
                if eligible:
                    top = ratio if top is None else top
                    near += [(eligible[0], ratio), (eligible[-1], ratio)]
            chosen, kept = -1, 0.0
            for partner, ratio in sorted(near):
                if ratio > kept:
                    chosen, kept = partner, round(ratio, 2)
            if chosen >= 0:
                best[group[index].code] = (group[chosen].code, group[chosen].name, kept)
    return best


def _ends(positions: list[int]) -> list[int]:
    """The first two and last two positions: enough to find the first and last other than one."""
    return positions if len(positions) <= 4 else positions[:2] + positions[-2:]


def procedure_facts(procedure: Procedure, ctx: CatalogueContext) -> list[dict[str, Any]]:
    """All facts of one procedure, ready to assert."""
    return context_facts(procedure, ctx) + step_facts(procedure)


def context_facts(procedure: Procedure, ctx: CatalogueContext) -> list[dict[str, Any]]:
    """The facts of the procedure itself and of its components: those the context enters."""
    return [_procedure_fact(procedure, ctx), *_component_facts(procedure, ctx)]


def _procedure_fact(p: Procedure, ctx: CatalogueContext) -> dict[str, Any]:
    online = p.channel(ChannelKind.online)
    in_person = p.channel(ChannelKind.in_person)
    level = p.online_level or (OnlineLevel.none if online is None and p.channels else None)
    fact: dict[str, Any] = {
        "kind": FactKind.procedure,
        "id": f"procedure:{p.code}",
        "part": p.code,
        "label": p.name,
        "levels": ",".join(p.levels),
        "field": p.field or "",
        "has_online": online is not None,
        "online_level": level.value if level else "unknown",
        "step_count": len(p.steps),
        "component_count": len(p.components),
        "handoffs": len(agency_handoffs(p)),
        "approvals": sum(1 for s in p.steps if s.kind == StepKind.approve),
    }
    if p.max_time_limit_days is not None:
        fact["max_days"] = p.max_time_limit_days
        median, count = ctx.peer_median.get(peer_key(p), (0.0, 0))
        fact["peer_count"] = count
        if median > 0:
            fact["peer_median_days"] = median
            fact["days_ratio"] = round(p.max_time_limit_days / median, 2)
            fact["excess_days"] = round(p.max_time_limit_days - median, 2)
    if online and online.time_limit:
        fact["online_days"] = online.time_limit.working_days
    if in_person and in_person.time_limit:
        fact["in_person_days"] = in_person.time_limit.working_days
        if "online_days" in fact:
            fact["online_extra_days"] = round(fact["online_days"] - fact["in_person_days"], 2)
    if p.annual_volume:
        fact["volume"] = p.annual_volume.per_year
        fact["volume_is_estimate"] = p.annual_volume.estimate
    fact |= _same_result_fields(p, ctx)
    if p.code in ctx.similar:
        fact["similar_to"], fact["similar_name"], fact["similar_ratio"] = ctx.similar[p.code]
    if p.code in ctx.families:
        fact |= _family_fields(p, ctx.families[p.code])
    return fact


def _same_result_fields(p: Procedure, ctx: CatalogueContext) -> dict[str, Any]:
    """The first other procedure sharing a result code, skipping refusals, notices and replies."""
    for result in p.results:
        if not result.code or any(word in fold(result.name) for word in ctx.generic_results):
            continue
        other, count = _first_other(ctx.result_codes.get(result.code, []), p.code)
        if other:
            return {"same_result_as": other[0], "same_result_name": other[1], "same_result_count": count}
    return {}


def _family_fields(p: Procedure, family: Family) -> dict[str, Any]:
    """The procedure's family as flat fields: one fact per procedure, so the rule needs no join."""
    fields: dict[str, Any] = {
        "family_size": len(family.members),
        "family_object": family.object_name,
        "family_variants": ", ".join(family.variants),
        "family_members": "; ".join(f"{m.code} «{m.name}»" for m in family.members if m.code != p.code),
        "family_member_codes": "; ".join(m.code for m in family.members if m.code != p.code),
        "family_shared_components": len(family.shared_components),
        "family_shared_steps": family.shared_steps,
        "family_evidence": family.has_evidence,
    }
    if family.shared_components:
        fields["family_shared_component_names"] = "; ".join(family.shared_components[:5])
    if family.shared_result:
        fields["family_shared_result"] = family.shared_result
    return fields


def _component_facts(p: Procedure, ctx: CatalogueContext) -> list[dict[str, Any]]:
    facts = []
    first_asked: dict[tuple[str, str], DossierComponent] = {}  # (case, doc type) -> first component
    for order, component in enumerate(p.components, start=1):
        base = {
            "kind": FactKind.component,
            "id": f"component:{component.id}",
            "part": component.id,
            "label": component.name,
            "order": order,
            "case": component.case or "",
            "originals": component.originals,
            "copies": component.copies,
            "certified_copy": component.certified_copy,
            "presented_only": component.presented_only,
            "surrendered": component.surrendered,
        }
        if not component.doc_types:
            facts.append(base)
        for doc_type in component.doc_types:
            fields = _doc_type_fields(p, component, doc_type, ctx)
            earlier = first_asked.setdefault((component.case or "", doc_type), component)
            if earlier is not component:
                fields["asked_before"] = earlier.name
            facts.append(base | fields | {"id": f"component:{component.id}:{doc_type}"})
    return facts


def _doc_type_fields(
    p: Procedure, component: DossierComponent, doc_type: str, ctx: CatalogueContext
) -> dict[str, Any]:
    text = fold(" ".join(part for part in (component.name, component.case, component.note) if part))
    foreign = bool(_FOREIGN.search(text)) or _foreign_party(p, component, doc_type)
    providers = [] if foreign else ctx.registry.providers(doc_type, on=ctx.audit_date)
    held = bool(ctx.registry.providers(doc_type, on=ctx.audit_date))
    covering = [c for c in p.reuse_clauses if c.reaches(component.id) and _covers(c, doc_type, held)]
    fields: dict[str, Any] = {
        "doc_type": doc_type,
        "covered_by_clause": bool(covering),
        "lookup_fallback": bool(covering) and all(c.fallback for c in covering),
        "foreign_issued": foreign,
    }
    if providers:
        source, replacement = providers[0]
        fields |= {
            "source_id": source.id,
            "source_name": source.name_vi,
            "source_decision": replacement.decision.number,
            "source_since": replacement.since.isoformat(),
        }
    # Other procedures whose result the component names: the same type is not enough, since a type may
    # be a family of documents (diplomas) that no one procedure issues all of.
    named = [] if foreign else _issuer_names(ctx, p.code, doc_type)
    issuers = [(first, n) for name, first, n in named if name in text]
    if issuers:
        (code, name), _ = issuers[0]
        fields |= {"issued_by": code, "issued_by_name": name, "issuer_count": sum(n for _, n in issuers)}
    count, example = _precedent(ctx, p.code, doc_type)
    fields["precedent_count"] = count
    if example:
        fields["precedent_example"] = example
    return fields


def _foreign_party(p: Procedure, component: DossierComponent, doc_type: str) -> bool:
    """Whether the procedure's applicant for this part is abroad or foreign (see ``_FOREIGN_PARTIES``)."""
    name, case = fold(p.name), fold(component.case or "")
    return any(
        procedure.search(name)
        and (section is None or section.search(case))
        and (types is None or doc_type in types)
        for procedure, section, types in _FOREIGN_PARTIES
    )


def _covers(clause: ReuseClause, doc_type: str, held: bool) -> bool:
    """Whether a clause that reaches a component covers one of its document types (see ``ReuseClause``)."""
    if clause.doc_types:
        return doc_type in clause.doc_types
    return clause.scope == ClauseScope.row or held


def step_facts(p: Procedure) -> list[dict[str, Any]]:
    """The facts of the procedure's steps: of the procedure alone, whatever the context."""
    unused = unused_outputs(p)
    handoffs = {b for _, b in agency_handoffs(p)}
    steps = sorted(p.steps, key=lambda s: s.order)
    produced_by_previous: set[str] = set()
    checks: list[tuple[str, set[str], str | None]] = []  # earlier check steps: id, words, agency
    facts = []
    for step in steps:
        fact: dict[str, Any] = {
            "kind": FactKind.step,
            "id": f"step:{step.id}",
            "part": step.id,
            "label": step.action,
            "order": step.order,
            "step_kind": step.kind.value,
            "agency": step.agency or "",
            "actor": step.actor or "",
            "output_unused": step.id in unused,
            "unused_outputs": ", ".join(unused.get(step.id, [])),
            "handoff": step.id in handoffs,
            "independent_of_previous": bool(
                produced_by_previous and step.inputs and not produced_by_previous & set(step.inputs)
            ),
        }
        if step.kind == StepKind.check:
            words = set(fold(step.action).split())
            scored = [(len(words & w) / max(1, len(words | w)), i, a) for i, w, a in checks]
            if scored:
                similarity, earlier_id, earlier_agency = max(scored, key=lambda item: item[0])
                fact |= {
                    "similar_check": earlier_id,
                    "check_similarity": round(similarity, 2),
                    "similar_check_agency": earlier_agency or "",
                }
            checks.append((step.id, words, step.agency))
        produced_by_previous = set(step.outputs)
        facts.append(fact)
    return facts


def fact_counts(facts: Sequence[dict[str, Any]]) -> Counter[str]:
    """How many facts of each kind: the engine's work for one procedure."""
    return Counter(str(f["kind"]) for f in facts)
