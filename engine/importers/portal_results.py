"""Results (kết quả xử lý) of a portal record: "<name>Mã: <code>" pairs, then portal page boilerplate."""

from __future__ import annotations

import re

from engine.importers.outcome import Anomalies
from engine.importers.text import NO_INFO, one_line
from engine.model import Result

# The portal's page widgets run on after the results: "Từ khóa…Mô tả…Chọn cơ quan thực hiện…Nộp hồ sơ".
_BOILERPLATE = re.compile(r"Từ khóa.*\Z", re.DOTALL)
# Codes: KQ.G15.000031, KQ-G12.000123, 000.00.00.G12-KQ0001, TP-G12.0000001: groups joined by "." or
# "-", ending in digits; the next result's name follows glued.
_CODE = re.compile(r"Mã:\s*((?:[A-Z0-9]+[.\-])*[A-Z]*\d+)")


def parse_results(text: str, anomalies: Anomalies) -> list[Result]:
    """Results r1, r2, … of a ``ket_qua_xu_ly`` cell, with their national result codes."""
    body = _BOILERPLATE.sub("", text).strip()
    if not body or body == NO_INFO:
        anomalies.note("no_results")
        return []
    results: list[Result] = []
    start = 0
    for found in _CODE.finditer(body):
        name = _name(body[start : found.start()])
        start = found.end()
        if name:
            results.append(Result(id=f"r{len(results) + 1}", name=name, code=found.group(1)))
        else:
            anomalies.note("result_code_without_name")
    rest = _name(body[start:])
    if rest:
        anomalies.note("result_code_missing")
        results.append(Result(id=f"r{len(results) + 1}", name=rest))
    return results


def _name(text: str) -> str:
    return one_line(text).strip(" -+;,.")
