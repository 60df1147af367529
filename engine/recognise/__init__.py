"""The document recogniser: which canonical document types a dossier component asks for.

    recogniser = Recogniser(default_thesaurus())
    recogniser.recognise("Bản sao Hộ chiếu hoặc thẻ Căn cước công dân").types  # ['passport', 'citizen_id']

The thesaurus (``rules/documents.yaml``) is data that policy staff maintain; ``load_thesaurus`` validates it
and raises ``ThesaurusError`` (a ``UserError``) naming the file and field of every problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from engine.recognise.placement import Placement
from engine.recognise.recogniser import NameMatch, Recogniser, Recognition
from engine.recognise.table import format_table
from engine.recognise.text import fold
from engine.recognise.thesaurus import Thesaurus, ThesaurusError, load_thesaurus

DEFAULT_THESAURUS = Path(__file__).resolve().parents[2] / "rules" / "documents.yaml"


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The project's thesaurus, ``rules/documents.yaml``, loaded once."""
    return load_thesaurus(DEFAULT_THESAURUS)


__all__ = [
    "DEFAULT_THESAURUS",
    "NameMatch",
    "Placement",
    "Recogniser",
    "Recognition",
    "Thesaurus",
    "ThesaurusError",
    "default_thesaurus",
    "fold",
    "format_table",
    "load_thesaurus",
]
