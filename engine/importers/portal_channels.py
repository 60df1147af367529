"""Channels (cách thức thực hiện) of a portal record: kind, time limit, fee and description.

The portal's table is flattened with its cells run together::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(note)text…

so each row is found by its channel name followed by a time cell and a fee cell, then read cell by cell.
A channel named inside a description ("Trực tiếp tại trụ sở…") is not followed by those cells.
Several rows for one channel are kept: they are variants (one time limit per case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.importers.outcome import Anomalies
from engine.importers.text import NO_INFO, squash
from engine.model import Channel, ChannelKind, Duration, Fee, TimeUnit

_TABLE_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"

_KINDS = {
    "Trực tiếp": ChannelKind.in_person,
    "Trực tuyến": ChannelKind.online,
    "Dịch vụ bưu chính": ChannelKind.post,
}
_UNITS = {
    "Ngày làm việc": TimeUnit.working_day,
    "Ngày": TimeUnit.day,
    "Giờ": TimeUnit.hour,
    "Tháng": TimeUnit.month,
    "Năm": TimeUnit.year,
}
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|Đồng|USD)"
# The fee cell: free, unknown, or an amount with its currency.
_FEE = rf"(?:Miễn phí|{NO_INFO}|Không|[\d.,]+\s*{_CURRENCY})"

_KIND_NAME = re.compile("|".join(_KINDS))
_TIME_WITH_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(" + "|".join(_UNITS) + ")")
# A number and a fee run together: "1Miễn phí", or "120 VNĐ" = time "1" + fee "20 VNĐ".
_BARE_NUMBER = re.compile(rf"(\d+)\s*(?=Miễn phí|{NO_INFO}|Không)")
_GLUED_AMOUNT = re.compile(rf"([\d,]+)\s*({_CURRENCY})")
# Published words meaning there is no time limit to read.
_TIME_WORDS = re.compile(rf"({NO_INFO}|Không quy định|Không phải trả kết quả[^\d(]*?|Không)\s*(?={_FEE})")
# A time cell written as prose: starts glued to the channel name with a capital, ends at the fee.
_TIME_PROSE = re.compile(rf"([A-ZÀ-ỸĐ][^\n]{{0,250}}?)(?={_FEE})")
_FEE_CELL = re.compile(rf"Miễn phí|{NO_INFO}|Không(?![a-zà-ỹđ ])|([\d.,]+)\s*({_CURRENCY})")
_WELL_FORMED_AMOUNT = re.compile(r"0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*")
# An amount this small is a typing slip in the source (often thousands of VND typed as units).
_IMPLAUSIBLE_VND = 1000


@dataclass
class _Cursor:
    text: str
    pos: int = 0

    def match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = pattern.match(self.text, self.pos)
        if found:
            self.pos = found.end()
        return found


def parse_channels(text: str, anomalies: Anomalies) -> list[Channel]:
    """All channel rows of a ``cach_thuc_thuc_hien`` cell, in published order."""
    body = text.strip()
    body = body[len(_TABLE_HEADER) :] if body.startswith(_TABLE_HEADER) else body
    rows: list[tuple[int, ChannelKind, int, _Cells]] = []
    for name in _KIND_NAME.finditer(body):
        if rows and name.start() < rows[-1][2]:
            continue  # a channel named inside the previous row's cells
        cells_end, cells = _cells(body, name)
        if cells_end is not None:
            rows.append((name.start(), _KINDS[name.group()], cells_end, cells))
    if not rows:
        anomalies.note("no_channels" if not body.strip() else "channels_unreadable")
        return []
    if body[: rows[0][0]].strip():
        anomalies.note("channel_text_unread")
    channels = []
    for index, (_, kind, cells_end, cells) in enumerate(rows):
        end = rows[index + 1][0] if index + 1 < len(rows) else len(body)
        note, rest = _leading_parenthesised(body[cells_end:end])
        for kind_of_anomaly in cells.notes:
            anomalies.note(kind_of_anomaly)
        fee = cells.fee.model_copy(update={"text": _join(cells.fee.text, note)}) if cells.fee else None
        time_text = f"Thời gian: {cells.time_text}" if cells.time_text else None
        description = _join(time_text, rest)
        channels.append(Channel(kind=kind, time_limit=cells.time_limit, fee=fee, description=description))
    kinds = [channel.kind for channel in channels]
    if len(set(kinds)) < len(kinds):
        anomalies.note("channel_variants")
    return channels


def _join(*parts: str | None) -> str | None:
    text = "\n".join(squash(part) for part in parts if part and part.strip())
    return text or None


def _leading_parenthesised(text: str) -> tuple[str | None, str]:
    """Split "(note (nested))rest" into its note, without the outer parentheses, and the rest."""
    if not text.startswith("("):
        return None, text
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[1:index], text[index + 1 :]
    return text[1:], ""  # unbalanced: the note runs to the end of the row


@dataclass
class _Cells:
    time_limit: Duration | None
    time_text: str | None  # prose or words published instead of a time limit
    fee: Fee | None
    notes: list[str]


def _cells(body: str, name: re.Match[str]) -> tuple[int | None, _Cells]:
    """Read the time and fee cells after a channel name; (None, …) when they are not there."""
    cursor = _Cursor(body, name.end())
    cells = _Cells(None, None, None, [])
    if unit_match := cursor.match(_TIME_WITH_UNIT):
        value = float(unit_match.group(1).replace(",", "."))
        cells.time_limit = Duration(value=value, unit=_UNITS[unit_match.group(2)])
    elif glued := _glued_time_and_fee(cursor, cells.notes):
        cells.time_limit, cells.fee = glued
        cells.notes.append("time_unit_missing")
        return cursor.pos, cells
    elif bare := cursor.match(_BARE_NUMBER):
        cells.time_limit = _unitless(bare.group(1))
        cells.notes.append("time_unit_missing")
    elif words := cursor.match(_TIME_WORDS):
        cells.time_text = None if words.group(1) == NO_INFO else words.group(1).strip()
        cells.notes.append("time_limit_missing")
    elif start_of_row_prose := cursor.match(_TIME_PROSE):
        cells.time_text = start_of_row_prose.group(1).strip()
        cells.notes.append("time_limit_missing")
    else:
        return None, cells
    fee_match = cursor.match(_FEE_CELL)
    if fee_match is None:
        return None, cells
    cells.fee = _fee(fee_match, cells.notes)
    return cursor.pos, cells


def _glued_time_and_fee(cursor: _Cursor, notes: list[str]) -> tuple[Duration, Fee] | None:
    """A unit-less time run into an amount: "120 VNĐ" is time 1 and fee 20 VNĐ.

    The time is the shortest leading run of digits that leaves a well-formed amount, since the
    portal's time cell is never empty and its amounts never start with 0.
    """
    found = _GLUED_AMOUNT.match(cursor.text, cursor.pos)
    if not found:
        return None
    digits = found.group(1)
    for split in range(1, len(digits)):
        time_part, amount_part = digits[:split], digits[split:]
        if time_part.isdigit() and _WELL_FORMED_AMOUNT.fullmatch(amount_part):
            cursor.pos = found.end()
            return _unitless(time_part), _amount_fee(amount_part, found.group(2), notes)
    return None


def _unitless(number: str) -> Duration:
    return Duration(
        value=float(number),
        unit=TimeUnit.working_day,
        text=f"{number} (no unit published; read as working days)",
    )


def _fee(found: re.Match[str], notes: list[str]) -> Fee | None:
    if found.group(1) is not None:
        return _amount_fee(found.group(1), found.group(2), notes)
    if found.group() == NO_INFO:
        notes.append("fee_missing")
        return None
    return Fee(free=True)


def _amount_fee(amount: str, currency: str, notes: list[str]) -> Fee:
    if currency == "USD":
        notes.append("fee_unparsed")  # only VND amounts are modelled: the text keeps the USD amount
        return Fee(text=f"{amount} USD")
    value = int(re.sub(r"[.,]", "", amount))
    if value == 0:
        return Fee(free=True)
    if value < _IMPLAUSIBLE_VND:
        notes.append("fee_amount_implausible")
    return Fee(amount_vnd=value)
