"""Bytes from a file to clean text and data, whatever the file holds.

Every reader (portal and national JSON, procedure and rule YAML, baselines) goes through here, so that
one odd file becomes one clear message instead of an exception:

- text is UTF-8 (a byte-order mark may announce UTF-8, UTF-16 or UTF-32); anything else is refused
  with the line and column of the first bad byte, and a hint when it reads as Windows-1258;
- text is normalised to NFC, so that "ế" typed as "e" + two combining marks matches the thesaurus;
- parsed data is walked once: nesting, size and text length are bounded, numbers must be finite, and
  control characters (other than tab and line breaks) are removed from texts.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

# Far above anything real: the largest portal record is 0.2 MB with a 56,222-character field, and no
# record or procedure nests deeper than 6 levels.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_DEPTH = 64
MAX_VALUES = 1_000_000  # a YAML alias bomb reaches this long before it fills the memory

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab and line breaks, and lone surrogates (from "\ud800" escapes),
# which no file can be written with.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Characters no cleaning changes, whatever surrounds them: tab, line breaks, printable ASCII, and the
# Latin letters (the Vietnamese ones too), punctuation and currency signs: each is stable under NFC, of
# combining class 0 and never the second of a composition (tests/adapters checks them with unicodedata).
INERT_RANGES = (
    ("\t", "\n"),
    ("\r", "\r"),
    (" ", "~"),
    ("\xa0", "\u024f"),
    ("\u1e00", "\u1eff"),
    ("\u2002", "\u206f"),
    ("\u20a0", "\u20cf"),
)
# Checking every text of a catalogue costs more than parsing it; a file whose text holds nothing else
# (four portal records in five) needs no text checked.
_NOT_INERT = re.compile("[^" + "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in INERT_RANGES) + "]")
# Escapes that can write a character that is not inert: JSON's, then those YAML adds.
JSON_ESCAPES = ("\\u", "\\b", "\\f")
YAML_ESCAPES = (*JSON_ESCAPES, "\\U", "\\x", "\\0", "\\a", "\\e", "\\v", "\\N")
# Letters only Vietnamese text decoded as Windows-1258 shows: ơ, ư, đ and their capitals.
_VIETNAMESE_1258 = re.compile("[ơưđƠƯĐ]")


class DecodeProblem(ValueError):
    """Bytes that are not text this program reads; ``where`` is the line and column, when known."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


class DataProblem(ValueError):
    """Parsed data that cannot be trusted; ``field`` is where, as ``thanh_phan[2].ten``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def decode_text(data: bytes, limit: int = MAX_FILE_BYTES) -> str:
    """``data`` as text. Raises ``DecodeProblem`` when it is too large, binary or not UTF-8/16/32.

    Texts are normalised once parsed, by ``clean_data``, so that escaped characters are too.
    """
    if len(data) > limit:
        raise DecodeProblem(f"is {len(data):,} bytes, more than the {limit:,} a record file may have")
    encoding, start = _encoding(data)
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as error:
        raise _not_text(data, start, error, encoding) from None
    if "\x00" in text:
        line, column = _position(text, text.index("\x00"))
        raise DecodeProblem("is binary data, not text (a NUL character)", f"line {line}, column {column}")
    return text


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark (or, for JSON without one, the NUL pattern) announces."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:4]
    if len(head) == 4 and head[0] and not any(head[1:]):
        return "utf-32-le", 0
    if len(head) >= 2 and head[0] and not head[1] and (len(head) < 4 or head[2]):
        return "utf-16-le", 0
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be", 0
    return "utf-8", 0


def _not_text(data: bytes, start: int, error: UnicodeDecodeError, encoding: str) -> DecodeProblem:
    good = data[start : start + error.start].decode(encoding, errors="replace")
    line, column = _position(good, len(good))
    where = f"line {line}, column {column}"
    byte = data[start + error.start]
    if b"\x00" in data[:1024]:
        return DecodeProblem(f"is binary data, not text (byte 0x{byte:02x})", where)
    try:
        as_1258 = data[start:].decode("cp1258")
    except UnicodeDecodeError:
        as_1258 = ""
    hint = (
        "; it reads as Windows-1258: save it as UTF-8"
        if encoding == "utf-8" and _VIETNAMESE_1258.search(as_1258)
        else ""
    )
    return DecodeProblem(f"is not {encoding.upper()} text (byte 0x{byte:02x}){hint}", where)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def clean_data(
    data: Any,
    notes: Counter[str] | None = None,
    text: str | None = None,
    escapes: tuple[str, ...] = YAML_ESCAPES,
    tree: bool = False,
) -> Any:
    """``data`` (parsed JSON or YAML) with clean texts, or ``DataProblem`` naming the first bad field.

    ``notes`` counts what was changed: ``control_characters_removed``, ``normalised_to_nfc``. ``text``,
    what ``data`` was parsed from (with the ``escapes`` of its format), lets texts skip the checks it
    rules out. ``tree``: each value of ``data`` stands for characters of its own in ``text`` (parsed
    JSON; YAML aliases repeat a value), so a short ``text`` bounds the values and texts.
    """
    nfc = controls = True  # which checks texts need
    if text is not None:
        escaped = _escapes_pattern(escapes).search(text) is not None
        if not escaped and _NOT_INERT.search(text) is None:
            nfc = controls = False
        else:
            controls = escaped or _CONTROL.search(text) is not None
    short = text is not None and len(text) <= min(MAX_VALUES, MAX_TEXT_CHARS)
    if tree and short and not (nfc or controls) and _well_shaped(data, 0):
        return data  # only the nesting and the numbers were left to check: a walk of the containers
    # Naming the field of every value costs more than the checks: data is walked without names, and
    # walked again with them only to say where a problem is.
    walker = _Walker(Counter(), nfc, controls)
    try:
        cleaned = walker.clean(data, None, 0)
    except DataProblem:
        _Walker(notes if notes is not None else Counter(), nfc, controls).clean(data, "", 0)
        raise  # not reached: the second walk raises the same problem, named
    if notes is not None:
        notes.update(walker.notes)
    return cleaned


@lru_cache(maxsize=8)
def _escapes_pattern(escapes: tuple[str, ...]) -> re.Pattern[str]:
    # One scan of the text for all of them: ``escape in text`` for each scanned it once per escape, a
    # tenth of the time a portal record takes to read.
    return re.compile("|".join(re.escape(escape) for escape in escapes))


def _well_shaped(value: Any, depth: int) -> bool:
    """Whether ``value`` nests at most ``MAX_DEPTH`` levels and its numbers are finite (``_Walker``'s
    checks other than those on texts and counts)."""
    if type(value) is dict:
        items: Any = value.values()
    elif type(value) is list:
        items = value
    else:
        return not (type(value) is float and not math.isfinite(value))
    if depth >= MAX_DEPTH:
        return False
    for item in items:
        kind = type(item)
        if kind is dict or kind is list:
            if not _well_shaped(item, depth + 1):
                return False
        elif kind is float and not math.isfinite(item):
            return False
    return True


class _Walker:
    """Cleans parsed data; ``where`` names the value being walked, or is None when names are not kept."""

    def __init__(self, notes: Counter[str], nfc: bool, controls: bool) -> None:
        self.notes = notes
        self.values = 0
        self.nfc = nfc
        self.controls = controls

    def clean(self, value: Any, where: str | None, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise DataProblem(where or "", f"more than {MAX_VALUES:,} values (repeated YAML aliases?)")
        if isinstance(value, str):
            return self.text(value, where)
        if isinstance(value, bool | int) or value is None:
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise DataProblem(where or "", f"{value} is not a number this program accepts")
            return value
        if depth >= MAX_DEPTH:
            raise DataProblem(where or "", f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            if where is None:
                return {
                    self.text(k, None) if isinstance(k, str) else k: self.clean(v, None, depth + 1)
                    for k, v in value.items()
                }
            return {
                self.text(k, where) if isinstance(k, str) else k: self.clean(v, _key(where, k), depth + 1)
                for k, v in value.items()
            }
        if isinstance(value, list):
            if where is None:
                return [self.clean(v, None, depth + 1) for v in value]
            return [self.clean(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
        return value  # dates and the like, as the YAML loader builds them

    def text(self, value: str, where: str | None) -> str:
        if len(value) > MAX_TEXT_CHARS:
            raise DataProblem(
                where or "", f"a text of {len(value):,} characters, more than {MAX_TEXT_CHARS:,}"
            )
        if self.controls and _CONTROL.search(value):
            value, removed = _CONTROL.subn("", value)
            self.notes["control_characters_removed"] += removed
        if self.nfc:
            composed = unicodedata.normalize("NFC", value)  # returns ``value`` itself when already NFC
            if composed is not value:
                self.notes["normalised_to_nfc"] += 1
            value = composed
        return value


def _key(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)
