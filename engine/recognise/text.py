"""Text folding shared by every matcher: compare Vietnamese text with or without diacritics.

Folding maps each letter to one letter (``ộ`` → ``o``, ``đ`` → ``d``), so a lower-cased text and its folded
form have the same length and offsets: the recogniser reads words that only diacritics tell apart (``thì``
and ``thi``) in the one while it matches names in the other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Table cells run together on the portal ("doanh nghiệpMẫu số 02"): a capital right after a small letter
# starts a new word, since Vietnamese words never carry a capital inside.
_LOWER = "".join(ch for ch in map(chr, range(0x2000)) if ch.islower())
_UPPER = "".join(ch for ch in map(chr, range(0x2000)) if ch.isupper())
# Scanning for the capital first is four times faster than a look-behind tried at every position.
_GLUED = re.compile(f"[{re.escape(_UPPER)}](?<=[{re.escape(_LOWER)}].)")
# The same texts are folded again and again (a row by the importer, the recogniser and the facts; the same
# names in many procedures): each function remembers this many recent texts.
_REMEMBERED = 1 << 16


def _base_letters() -> dict[int, str]:
    """Each Latin letter with marks mapped to its base letter; đ is a letter of its own for Unicode."""
    table = {ord("đ"): "d", ord("ð"): "d"}  # the Icelandic eth turns up in typed texts in place of đ
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and all(unicodedata.combining(mark) for mark in decomposed[1:]):
            table[code] = decomposed[0]
    return table


_FOLD_TABLE = _base_letters()
# Letters whose base letter is ASCII fold fast (decompose, then drop the non-ASCII marks); any other
# character is left to the table: a run of them is translated on its own.
_FAST_LETTERS = "".join(chr(code) for code, base in _FOLD_TABLE.items() if base.isascii())
_SLOW_RUN = re.compile(f"([^\x00-\x7f{re.escape(_FAST_LETTERS)}]+)")
# The characters that fold fast to one ASCII character other than the table's: signs that decompose into
# one ("≠" into "=" and a mark), and characters NFC replaces (the kelvin and ångström signs, Greek ";");
# tests/recognise/test_text.py finds them in the whole of Unicode.
_FAST_BUT_WRONG = ("\u037e", "\u1fef", "\u212a", "\u212b", "\u2260", "\u226e", "\u226f")


def spaced_text(text: str) -> str:
    """``text`` composed (NFC), unglued, with runs of white space made one space; letter case kept.

    >>> spaced_text("Giấy  khai sinhMẫu 01")
    'Giấy khai sinh Mẫu 01'
    """
    composed = unicodedata.normalize("NFC", text)
    return " ".join(_GLUED.sub(_unglue, composed).split())


def _unglue(capital: re.Match[str]) -> str:
    return " " + capital.group()


@lru_cache(maxsize=_REMEMBERED)
def lower_text(text: str) -> str:
    """:func:`spaced_text` lower-cased: the same offsets.

    >>> lower_text("Giấy  khai sinhMẫu 01")
    'giấy khai sinh mẫu 01'
    """
    return spaced_text(text).lower()


@lru_cache(maxsize=_REMEMBERED)
def fold_lowered(lowered: str) -> str:
    """Drop the diacritics of text already passed through :func:`lower_text`; the length is kept.

    The same as ``lowered.translate(_FOLD_TABLE)``, three times faster: ``str.translate`` looks every
    character up in a dict, while decomposing and encoding run in C.
    """
    if lowered.isascii():
        return lowered
    # Nearly every text has only letters that fold fast. Any other character drops out of the fast fold
    # (the length changes) or is one of ``_FAST_BUT_WRONG``: the text is then folded run by run.
    folded = _fold_fast(lowered)
    if len(folded) == len(lowered) and not any(sign in lowered for sign in _FAST_BUT_WRONG):
        return folded
    parts = _SLOW_RUN.split(lowered)  # even items fold fast, odd items are runs for the table
    parts[::2] = [_fold_fast(part) for part in parts[::2]]
    parts[1::2] = [part.translate(_FOLD_TABLE) for part in parts[1::2]]
    return "".join(parts)


def _fold_fast(text: str) -> str:
    """Fold a text of ASCII and ``_FAST_LETTERS`` only: each letter decomposes into its ASCII base letter
    and combining marks (dropped by the encoding); đ and ð do not decompose."""
    plain = text.replace("đ", "d").replace("ð", "d")
    return unicodedata.normalize("NFD", plain).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=_REMEMBERED)
def fold(text: str) -> str:
    """Lower-case ``text``, drop diacritics, turn đ into d and collapse runs of white space.

    >>> fold("  Giấy CHỨNG NHẬN\\tđăng ký  ")
    'giay chung nhan dang ky'
    """
    return fold_lowered(lower_text(text))


def lower_pattern(pattern: str) -> str:
    """Lower-case a regular expression (composed, NFC), leaving its escapes (``\\S``, ``\\d``) alone."""
    parts = re.split(r"(\\.)", unicodedata.normalize("NFC", pattern))
    return "".join(part if part.startswith("\\") else part.lower() for part in parts).strip()


def fold_pattern(pattern: str) -> str:
    """Fold a regular expression written with diacritics, leaving its escapes alone."""
    return fold_lowered(lower_pattern(pattern))
