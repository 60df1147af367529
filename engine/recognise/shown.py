"""Documents a row only asks to be shown: "Văn bản ủy quyền (người được ủy quyền phải xuất trình Thẻ Căn
cước …)" hands in the authorisation and shows the card. A name stands in a shown stretch when "xuất trình"
comes before it in the same sentence with no word of handing in between ("nộp", "kèm theo", "bản sao").
A row shown as a whole keeps its types: ``presented_only`` says so."""

from __future__ import annotations

import re

from engine.recognise.recogniser import Recognition
from engine.recognise.text import fold

# "nộp bản sao và xuất trình bản chính …" hands a copy in: "và xuất trình" does not open a shown stretch.
_SHOWN_STRETCH = re.compile(
    r"(?<!\bva )(?<!\bhoac )xuat trinh(?:(?!\bnop\b|kem theo|ban sao|ban chup)[^.;])*$"
)


def supplied_types(recognition: Recognition) -> list[str]:
    """The recognised types less those every mention of which is only shown."""
    folded = fold(recognition.text)
    if "xuat trinh" not in folded:  # no shown stretch without it
        return list(recognition.types)
    shown: set[str] = set()
    handed: set[str] = set()
    for match in recognition.matches:
        (shown if _SHOWN_STRETCH.search(folded, 0, match.start) else handed).add(match.doc_id)
    return [t for t in recognition.types if t in handed or t not in shown]
