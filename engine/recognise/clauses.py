"""The document types a lookup or exemption clause names: what it covers, wherever the names stand.

A clause names what it covers by a document's name ("không phải nộp Giấy xác nhận tình trạng hôn nhân"),
in any place of the sentence (a clause is not a dossier row: a name after "khai thác" or "thông tin về" is
its object, not a mention), or by words for the document's data (``data_terms`` in the thesaurus:
"khai thác thông tin về tình trạng hôn nhân").
"""

from __future__ import annotations

from engine.recognise.recogniser import Recogniser
from engine.recognise.text import fold


def clause_types(recogniser: Recogniser, text: str) -> list[str]:
    """Document types the clause names, in reading order, each once."""
    thesaurus = recogniser.thesaurus
    named = [(match.start, match.doc_id) for match in recogniser.recognise(text).matches]
    if thesaurus.data_term_pattern is not None:
        named += [
            (hit.start(), doc_id)
            for hit in thesaurus.data_term_pattern.finditer(fold(text))
            for doc_id in thesaurus.data_terms[hit.group()]
        ]
    return list(dict.fromkeys(doc_id for _, doc_id in sorted(named)))
