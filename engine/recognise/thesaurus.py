"""The document thesaurus (``rules/documents.yaml``): read, validated and compiled for fast matching.

Every problem in the file becomes an ``InputProblem`` naming the file and the field
(``documents[3].aliases[2]``); ``load_thesaurus`` raises them together as one ``ThesaurusError``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from engine.adapters.yaml_files import read_yaml, validation_problems
from engine.errors import InputProblem, UserError
from engine.model.procedure import Strict
from engine.recognise.text import fold, fold_pattern, lower_pattern, lower_text

# A name or cue stands on its own: no letter or digit glued before or after it.
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w)"
# Shortest name that can be told apart from ordinary words.
_MIN_NAME_LENGTH = 3
# Characters of context a negative cue sees on each side of a name.
NEGATIVE_CUE_WINDOW = 60


class DocumentEntry(Strict):
    """One canonical document type and the names the portal gives it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    misspellings: list[str] = Field(default_factory=list)
    strict_aliases: list[str] = Field(default_factory=list)
    negative_cues: list[str] = Field(default_factory=list)
    # Words naming the document's data in a lookup clause ("thông tin về tình trạng hôn nhân").
    data_terms: list[str] = Field(default_factory=list)
    # False for documents the applicant or a private party makes: no procedure's result is one.
    issued_by_procedures: bool = True
    # Generic names that mean this document in procedures of one field (lĩnh vực, as the portal prints it):
    # "Giấy chứng nhận đã cấp" in a land procedure is the land-use right certificate.
    field_aliases: dict[str, list[str]] = Field(default_factory=dict)


class ConfidenceWeights(Strict):
    """Confidence of a name by the place it stands in its row (see ``engine.recognise.placement``)."""

    head: float = Field(ge=0, le=1)
    supplied: float = Field(ge=0, le=1)
    list_item: float = Field(ge=0, le=1)
    unclear: float = Field(ge=0, le=1)
    mention: float = Field(ge=0, le=1)


class NameStrength(Strict):
    alias: float = Field(gt=0, le=1)
    abbreviation: float = Field(gt=0, le=1)
    misspelling: float = Field(gt=0, le=1)


class ContextWords(Strict):
    """Words that place a name in its row: regular expressions, written with or without diacritics."""

    form_heads: list[str]
    document_heads: list[str]
    condition_heads: list[str]
    topic_heads: list[str]
    mention_cues: list[str]
    supply_cues: list[str]
    coordinators: list[str]
    copy_qualifiers: list[str]


class ThesaurusFile(Strict):
    threshold: float = Field(gt=0, le=1)
    confidence: ConfidenceWeights
    strength: NameStrength
    context: ContextWords
    documents: list[DocumentEntry] = Field(min_length=1)


class ThesaurusError(UserError):
    """The thesaurus file has problems; ``problems`` lists each with its file and field."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Name:
    """One way of naming a document: an alias, abbreviation, misspelling or strict alias."""

    doc_id: str
    text: str  # as written in the thesaurus, with diacritics
    strength: float  # by kind: alias, abbreviation or misspelling
    strict: bool = False  # matches only as written, diacritics included

    @property
    def lowered(self) -> str:
        return lower_text(self.text)


@dataclass(frozen=True)
class Grammar:
    """The ``context`` word lists compiled: head patterns match at a position, tail patterns at the end.

    Heads and cues are compiled twice: with diacritics, for text written with them (so that "số", a number,
    is not "sơ", "sổ" or "sở"), and folded, for text written without. Coordinators and copy qualifiers are
    always read folded, which forgives typos such as "bàn sao" for "bản sao".
    """

    form_head: re.Pattern[str]
    document_head: re.Pattern[str]
    condition_head: re.Pattern[str]
    topic: re.Pattern[str]  # the whole left context is a topic head ("đối với")
    mention_word: re.Pattern[str]  # a mention cue anywhere
    mention_tail: re.Pattern[str]
    supply_tail: re.Pattern[str]
    coordinator_head: re.Pattern[str]  # folded
    coordinator_tail: re.Pattern[str]  # folded
    qualifier_head: re.Pattern[str]  # folded
    qualifier_tail: re.Pattern[str]  # folded


@dataclass(frozen=True)
class Thesaurus:
    """A validated, compiled thesaurus: build it with :func:`load_thesaurus`."""

    path: str
    threshold: float
    weights: ConfidenceWeights
    documents: dict[str, DocumentEntry]
    names: dict[str, Name]  # by folded text
    name_pattern: re.Pattern[str]
    negative_cues: dict[str, tuple[re.Pattern[str], ...]]
    data_terms: dict[str, list[str]]  # folded data term -> the document ids it names
    data_term_pattern: re.Pattern[str] | None
    context: ContextWords  # checked; compiled by ``grammar`` when first asked
    field_heads: dict[str, list[tuple[re.Pattern[str], str]]]  # folded field -> (head of a row, doc id)
    # What recognisers of this thesaurus found in texts already read (``Recogniser.recognise``): the
    # same row names recur across procedures, and the importer, the catalogue and the facts all ask.
    recognitions: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    # Each writing's grammar, compiled when first needed: an audit of one changed record may read text
    # written with diacritics only, and compiling a grammar costs as much as parsing a few records.
    _grammars: dict[bool, Grammar] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def field_type(self, field: str | None, text: str) -> str | None:
        """The document a row starting with one of its field's generic names asks for, or None."""
        for head, doc_id in self.field_heads.get(fold(field or ""), []):
            if head.match(fold(text)):
                return doc_id
        return None

    def grammar(self, marked: bool) -> Grammar:
        """The grammar for a text written with diacritics (``marked``) or without."""
        grammar = self._grammars.get(marked)
        if grammar is None:
            writing = lower_pattern if marked else fold_pattern
            grammar = self._grammars[marked] = _grammar(self.context, writing)
        return grammar

    def compile_all(self) -> None:
        """Compile what is otherwise compiled when first needed: once, before worker processes fork."""
        self.grammar(True), self.grammar(False)


def load_thesaurus(path: str | Path) -> Thesaurus:
    """Read, validate and compile the thesaurus at ``path``; raise ``ThesaurusError`` listing all problems."""
    where = str(path)
    data, problems = read_yaml(Path(path))
    if problems:
        raise ThesaurusError(problems)
    if not isinstance(data, dict):
        raise ThesaurusError([InputProblem(where, "", "expected a mapping of fields at the top level")])
    try:
        parsed = ThesaurusFile.model_validate(data)
    except ValidationError as error:
        raise ThesaurusError(validation_problems(where, error)) from None
    problems = list(_document_problems(where, parsed.documents))
    names, name_problems = _collect_names(where, parsed)
    grammar_problems = list(_grammar_problems(where, parsed.context))
    negative_cues, cue_problems = _compile_negative_cues(where, parsed.documents)
    problems += name_problems + grammar_problems + cue_problems
    if problems:
        raise ThesaurusError(problems)
    # A term may name several types: "giấy tờ hộ tịch" names every civil-status paper.
    data_terms: dict[str, list[str]] = {}
    for entry in parsed.documents:
        for term in entry.data_terms:
            data_terms.setdefault(fold(term), []).append(entry.id)
    # A generic name counts only at the head of a row, after bullets and copy words ("Bản gốc …").
    field_heads: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for entry in parsed.documents:
        for field_name, aliases in entry.field_aliases.items():
            names_pattern = "|".join(re.escape(fold(alias)) for alias in aliases)
            head = re.compile(rf"^[\s\-+*•.]*(?:ban (?:goc|chinh|sao)(?: hop le)? )?(?:{names_pattern})\b")
            field_heads.setdefault(fold(field_name), []).append((head, entry.id))
    return Thesaurus(
        path=where,
        field_heads=field_heads,
        data_terms=data_terms,
        data_term_pattern=re.compile(f"{_BEFORE}{_trie(data_terms)}{_AFTER}") if data_terms else None,
        threshold=parsed.threshold,
        weights=parsed.confidence,
        documents={entry.id: entry for entry in parsed.documents},
        names=names,
        name_pattern=re.compile(f"{_BEFORE}{_trie(names)}{_AFTER}"),
        negative_cues=negative_cues,
        context=parsed.context,
    )


def _document_problems(where: str, documents: list[DocumentEntry]) -> Iterator[InputProblem]:
    seen: set[str] = set()
    for index, entry in enumerate(documents):
        if entry.id in seen:
            yield InputProblem(where, f"documents[{index}].id", f"duplicate id {entry.id!r}")
        seen.add(entry.id)
        if not (entry.aliases or entry.abbreviations or entry.strict_aliases):
            yield InputProblem(where, f"documents[{index}].aliases", "a document needs at least one alias")


def _collect_names(where: str, parsed: ThesaurusFile) -> tuple[dict[str, Name], list[InputProblem]]:
    """Every name by its folded text; two documents folding a name the same way is an error."""
    names: dict[str, Name] = {}
    problems = []
    strength = parsed.strength
    for index, entry in enumerate(parsed.documents):
        lists = [
            ("aliases", strength.alias, False),
            ("strict_aliases", strength.alias, True),
            ("abbreviations", strength.abbreviation, False),
            ("misspellings", strength.misspelling, False),
        ]
        for field, weight, strict in lists:
            for position, text in enumerate(getattr(entry, field)):
                folded = fold(text)
                label = f"documents[{index}].{field}[{position}]"
                if len(folded.replace(" ", "")) < _MIN_NAME_LENGTH:
                    problems.append(InputProblem(where, label, f"{text!r} is too short to match reliably"))
                    continue
                other = names.get(folded)
                if other and other.doc_id != entry.id:
                    problems.append(
                        InputProblem(
                            where, label, f"{text!r} is also a name of {other.doc_id} ({other.text!r})"
                        )
                    )
                    continue
                if other is None or other.strength < weight:
                    names[folded] = Name(entry.id, text, weight, strict)
    return names, problems


def _compile_negative_cues(
    where: str, documents: list[DocumentEntry]
) -> tuple[dict[str, tuple[re.Pattern[str], ...]], list[InputProblem]]:
    cues: dict[str, tuple[re.Pattern[str], ...]] = {}
    problems = []
    for index, entry in enumerate(documents):
        compiled = []
        for position, cue in enumerate(entry.negative_cues):
            label = f"documents[{index}].negative_cues[{position}]"
            if cue.count("@") != 1:
                problems.append(
                    InputProblem(where, label, f"{cue!r} must contain one @ standing for the name")
                )
                continue
            pattern, problem = _compile(where, label, fold_pattern(cue))
            if problem:
                problems.append(problem)
            elif pattern:
                compiled.append(pattern)
        cues[entry.id] = tuple(compiled)
    return cues, problems


def _grammar_problems(where: str, context: ContextWords) -> Iterator[InputProblem]:
    for field in ContextWords.model_fields:
        for position, word in enumerate(getattr(context, field)):
            for written in (lower_pattern(word), fold_pattern(word)):
                _, problem = _compile(where, f"context.{field}[{position}]", written)
                if problem:
                    yield problem
                    break


def _grammar(context: ContextWords, write: Callable[[str], str]) -> Grammar:
    """Compile the context words (already checked), each written by ``write``: lowered or folded."""

    def words(field: str, writing: Callable[[str], str] = write) -> list[str]:
        return [writing(word) for word in getattr(context, field)]

    return Grammar(
        form_head=_head(words("form_heads")),
        document_head=_head(words("document_heads")),
        condition_head=_head(words("condition_heads")),
        topic=re.compile(f"(?:{'|'.join(words('topic_heads'))})"),
        mention_word=_alternation(words("mention_cues")),
        mention_tail=_tail(words("mention_cues")),
        supply_tail=_tail(words("supply_cues")),
        coordinator_head=_head(words("coordinators", fold_pattern), space=True),
        coordinator_tail=_tail(words("coordinators", fold_pattern)),
        qualifier_head=_head(words("copy_qualifiers", fold_pattern), space=True),
        qualifier_tail=_tail(words("copy_qualifiers", fold_pattern)),
    )


def _compile(where: str, label: str, pattern: str) -> tuple[re.Pattern[str] | None, InputProblem | None]:
    if not pattern:
        return None, InputProblem(where, label, "empty pattern")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return None, InputProblem(where, label, f"{pattern!r} is not a valid pattern: {error}")
    if compiled.fullmatch(""):
        return None, InputProblem(where, label, f"{pattern!r} matches empty text")
    return compiled, None


def _starts_with_word(pattern: str) -> bool:
    """Whether a pattern can begin with a letter or digit, so that it must start a word."""
    return not (pattern[0] in ",/;:.-+*" or (pattern.startswith("\\") and not pattern[1:2].isalpha()))


def _ends_with_word(pattern: str) -> bool:
    """Whether a pattern can end with a letter or digit, so that it must end a word."""
    return not (pattern[-1] in ",/;:.-+" or pattern.endswith("\\)"))


def _ordered(patterns: Iterable[str]) -> list[str]:
    # Longest first: a regular-expression alternation takes the first alternative that matches.
    return sorted(set(patterns), key=lambda p: (-len(p), p))


def _trie(words: Iterable[str]) -> str:
    """A pattern matching any of ``words`` (literal text), nested by shared prefixes: one pass over a row
    tries one branch per character instead of every name. Greedy, so the longest name wins."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any of ``patterns`` as whole words."""
    return re.compile(f"{_BEFORE}(?:{'|'.join(_ordered(patterns))}){_AFTER}")


def _head(patterns: list[str], space: bool = False) -> re.Pattern[str]:
    """Match one of ``patterns`` as a word at a position (``.match(text, pos)``), and following spaces."""
    trail = r"\s*" if space else ""
    alternatives = [f"(?:{p})" + (_AFTER if _ends_with_word(p) else "") for p in _ordered(patterns)]
    return re.compile(f"(?:{'|'.join(alternatives)}){trail}")


def _tail(patterns: list[str]) -> re.Pattern[str]:
    """Match one of ``patterns`` as a word at the very end of a text."""
    alternatives = [(_BEFORE if _starts_with_word(p) else "") + f"(?:{p})" for p in _ordered(patterns)]
    return re.compile(f"(?:{'|'.join(alternatives)})\\s*$")
