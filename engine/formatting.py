"""Numbers and table cells as readers see them, for every report, the workbench and the maps.

Vietnamese groups thousands with "." and writes decimals with ","; English the other way round.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal


def fixed_number(value: float | int | Decimal, lang: str = "vi", decimals: int = 0) -> str:
    """``value`` with exactly ``decimals`` decimals, thousands grouped, halves rounded up as readers
    round them (13 of 40 is 33%, where Python's own rounding writes 32%).

    >>> fixed_number(2119), fixed_number(1234.5, decimals=2), fixed_number(1234.5, "en", 2)
    ('2.119', '1.234,50', '1,234.50')
    >>> fixed_number(13 / 40 * 100), fixed_number(2.675, decimals=2)
    ('33', '2,68')
    """
    # str(): the float as written (32.5, not its binary neighbour); int(): booleans and numpy integers too.
    exact = Decimal(int(value)) if isinstance(value, int) else Decimal(str(value))
    if exact.is_finite():
        exact = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def number(value: float | int | Decimal, lang: str = "vi", decimals: int = 2) -> str:
    """``value`` with only the decimals it has, at most ``decimals``, thousands grouped.

    >>> number(1189788944), number(2.5), number(2.5, "en"), number(7.0), number(1230.0, decimals=0)
    ('1.189.788.944', '2,5', '2.5', '7', '1.230')
    """
    if float(value).is_integer():
        return fixed_number(value, lang)
    text = fixed_number(value, lang, decimals)
    point = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(point) if point in text else text


def markdown_text(text: str) -> str:
    r"""``text`` someone typed, as it reads after a label in Markdown: emphasis, links, tags, LaTeX escaped.

    >>> print(markdown_text("Cần *bản chính* [xem]"))
    Cần \*bản chính\* \[xem\]
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)


# Inline marks only: the text follows a label on its line, so line starts (#, -, 1.) mean nothing; $ opens
# Streamlit's LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>|~$]")


def markdown_cell(text: str) -> str:
    """``text`` on one line with its pipes escaped, to sit in one Markdown table cell.

    >>> markdown_cell("Sở Tư pháp |\\n Phòng")
    'Sở Tư pháp \\\\| Phòng'
    """
    return " ".join(text.replace("|", "\\|").split())
