"""National Public Service Portal records (dichvucong.gov.vn, as crawled to JSON) → ``Procedure``.

One JSON object per procedure with lower-case Vietnamese keys (``ma_thu_tuc``, ``cach_thuc_thuc_hien``…);
see ``data/dvc-2026/README.md``. The table cells are flattened text: each messy field has its own
parser module. Nothing is dropped silently: records that cannot be imported are reported with the
reason, and odd things in imported records are counted by kind in ``ImportOutcome.anomalies``.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from engine.errors import UserError
from engine.importers.files import import_files, json_files, parse_or_report
from engine.importers.outcome import Anomalies, ImportOutcome, RecordProblem
from engine.importers.portal_channels import parse_channels
from engine.importers.portal_clauses import is_fallback
from engine.importers.portal_dossier import TABLE_HEADER, parse_dossier
from engine.importers.portal_legal import parse_legal_basis
from engine.importers.portal_results import parse_results
from engine.importers.portal_steps import parse_steps
from engine.importers.text import NO_INFO, cell, split_items, squash
from engine.model import Agencies, Channel, ClauseScope, Level, OnlineLevel, Procedure, ReuseClause, Step
from engine.recognise.text import fold

ORIGIN = "portal"
# The fields every record has; all hold text.
TEXT_FIELDS = (
    "ma_thu_tuc",
    "ten_thu_tuc",
    "so_quyet_dinh",
    "cap_thuc_hien",
    "linh_vuc",
    "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "co_quan_duoc_uy_quyen",
    "co_quan_phoi_hop",
    "thu_tuc_lien_quan",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "raw_text",
)
_LEVELS = {
    "cap bo": Level.ministry,
    "cap tinh": Level.province,
    "cap huyen": Level.district,
    "cap xa": Level.commune,
    "co quan khac": Level.other,
}
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-_]*$")
# A step that looks data up in a database: the documents that database holds are not asked for.
_LOOKUP_IN_STEPS = re.compile(r"(?:khai thac|tra cuu|ket noi)[^.;]{0,80}(?:co so du lieu|\bcsdl\b)")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+|\n+")
_RELATED_CODE = re.compile(r"\b\d\.\d{6}\b")
_NO_CONDITION = re.compile(r"^(?:khong|khong co|khong quy dinh|khong co thong tin)\.?$")
_CONDITION_BULLET = re.compile(r"^\s*(?:[-+*•–]+|[a-zđ]\)|\d{1,2}[.)])\s*")
# "dịch vụ công trực tuyến toàn trình", "TTHC đã toàn trình"; "trực tuyến một phần". Matched on the
# text as published (long texts: folding them all would cost more than the whole parse).
_FULLY_ONLINE = re.compile(r"trực tuyến\s+toàn trình|đã\s+toàn trình|dvc(?:tt)?\s+toàn trình")
_PARTLY_ONLINE = re.compile(r"trực tuyến\s+một phần|dvc(?:tt)?\s+một phần")
# Page section titles in ``raw_text``, used to recover fields the crawler cut short.
_STEPS_TITLE = "Trình Tự Thực Hiện"
_CHANNELS_TITLE = "Cách Thức Thực Hiện"
_DOSSIER_TITLE = "Thành phần hồ sơ"
_LEGAL_TITLE = "Căn cứ pháp lý"


def is_portal_record(data: Any) -> bool:
    """True when ``data`` looks like one portal record (a JSON object with the portal's code key): a record
    missing its name is still one, and parsing says so."""
    return isinstance(data, dict) and "ma_thu_tuc" in data


def import_portal(folder: Path | str) -> ImportOutcome:
    """Import every portal record under ``folder`` (``<ministry>/<code>.json``).

    Never raises on a bad record: unreadable files, malformed JSON and invalid records are reported
    in ``problems`` and the import goes on. Raises ``UserError`` only when ``folder`` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder of portal records")
    return import_files(json_files(folder), add_portal_record)


def add_portal_record(outcome: ImportOutcome, data: Any, source: str, seen: dict[str, str]) -> None:
    """Parse one record into ``outcome``: imported, or reported with the reason. ``seen``: code → source."""
    anomalies = Anomalies(record=str(data.get("ma_thu_tuc", "")) if isinstance(data, dict) else "")
    procedure = parse_or_report(outcome, source, partial(parse_portal_record, data, source, anomalies))
    if procedure is None:
        return
    if Path(source).stem != procedure.code:
        anomalies.note("code_differs_from_file_name")
    outcome.add_new(procedure, source, "ma_thu_tuc", seen, anomalies)


def parse_portal_record(data: dict[str, Any], source: str, anomalies: Anomalies | None = None) -> Procedure:
    """One portal record as a ``Procedure`` (``origin="portal"``).

    Raises ``RecordProblem`` (field and reason) when the record cannot be a procedure, and pydantic's
    ``ValidationError`` if the parsed values break the model. ``source`` names the record in messages.
    """
    anomalies = anomalies if anomalies is not None else Anomalies()
    _check_shape(data)
    code = cell(data.get("ma_thu_tuc"))
    if not code or not _CODE.match(code):
        raise RecordProblem("ma_thu_tuc", f"missing or invalid procedure code {data.get('ma_thu_tuc')!r}")
    name = cell(data.get("ten_thu_tuc"))
    if not name:
        raise RecordProblem("ten_thu_tuc", "the procedure has no name")
    anomalies.record = code
    steps_text, dossier_text = _steps_and_dossier(data, anomalies)
    channels = parse_channels(_text(data, "cach_thuc_thuc_hien"), anomalies)
    dossier = parse_dossier(dossier_text, anomalies)
    steps = parse_steps(steps_text, anomalies)
    return Procedure(
        code=code,
        name=name,
        levels=_levels(_text(data, "cap_thuc_hien"), anomalies),
        field=cell(data.get("linh_vuc")),
        publishing_decision=cell(data.get("so_quyet_dinh")),
        applicant_types=split_items(data.get("doi_tuong_thuc_hien")),
        agencies=Agencies(
            competent=split_items(data.get("co_quan_co_tham_quyen")),
            executing=split_items(data.get("co_quan_thuc_hien")),
            authorised=split_items(data.get("co_quan_duoc_uy_quyen")),
            cooperating=split_items(data.get("co_quan_phoi_hop")),
        ),
        channels=channels,
        components=dossier.components,
        steps=steps,
        results=parse_results(_text(data, "ket_qua_xu_ly"), anomalies),
        legal_basis=parse_legal_basis(_text(data, "can_cu_phap_ly"), anomalies),
        conditions=_conditions(_text(data, "yeu_cau_dieu_kien")),
        online_level=_online_level(channels, steps, anomalies),
        related=_related(_text(data, "thu_tuc_lien_quan"), code, anomalies),
        reuse_clauses=dossier.reuse_clauses + lookups_in_steps(steps),
        origin=ORIGIN,
    )


def lookups_in_steps(steps: list[Step]) -> list[ReuseClause]:
    """Sentences of the steps that look data up: clauses for the whole dossier."""
    clauses = []
    for step in steps:
        # A sentence folded is a part of its step folded: a step without the wording has no such sentence.
        if not _LOOKUP_IN_STEPS.search(fold(step.action)):
            continue
        for sentence in _sentences(step.action):
            folded = fold(sentence)
            if _LOOKUP_IN_STEPS.search(folded):
                clauses.append(
                    ReuseClause(text=sentence, scope=ClauseScope.dossier, fallback=is_fallback(folded))
                )
    return clauses


def _sentences(text: str) -> list[str]:
    """The sentences of a step, never cut inside parentheses: "(giấy tờ tùy thân; …; Thẻ bảo hiểm y tế) thì
    cơ quan … tra cứu" is one sentence, whose subject comes before the parenthesis."""
    sentences, start, depth = [], 0, 0
    ends = {m.start(): m.end() for m in _SENTENCE_END.finditer(text)}
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        if index in ends and depth == 0:
            sentences.append(text[start:index])
            start = ends[index]
    sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence.strip()]


def _check_shape(data: Any) -> None:
    if not isinstance(data, dict):
        raise RecordProblem("", f"expected a JSON object, found {type(data).__name__}")
    for field in TEXT_FIELDS:
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            raise RecordProblem(field, f"expected text, found {type(value).__name__}")


def _text(data: dict[str, Any], field: str) -> str:
    return data.get(field) or ""


def _levels(text: str, anomalies: Anomalies) -> list[Level]:
    levels: list[Level] = []
    for label in text.split(","):
        folded = fold(label)
        if not folded:
            continue
        level = _LEVELS.get(folded)
        if level is None:
            anomalies.note("level_unknown")
        elif level not in levels:
            levels.append(level)
    if not levels:
        anomalies.note("no_levels")
    return levels


def _conditions(text: str) -> list[str]:
    """One condition per line of ``yeu_cau_dieu_kien``, bullets removed; none when it says there is none."""
    value = squash(text)
    if not value or value == NO_INFO or _NO_CONDITION.match(fold(value)):
        return []
    lines = (_CONDITION_BULLET.sub("", line, count=1).strip() for line in value.split("\n"))
    return [line for line in lines if line]


def _related(text: str, own_code: str, anomalies: Anomalies) -> list[str]:
    value = cell(text)
    if not value:
        return []
    codes = [code for code in dict.fromkeys(_RELATED_CODE.findall(value)) if code != own_code]
    if not codes:
        anomalies.note("related_without_code")
    return codes


def _online_level(channels: list[Channel], steps: list[Step], anomalies: Anomalies) -> OnlineLevel | None:
    """Full or partial when the published text says toàn trình / một phần; otherwise unknown (None)."""
    text = " ".join([channel.description or "" for channel in channels] + [step.action for step in steps])
    lowered = text.lower()
    full = "toàn trình" in lowered and bool(_FULLY_ONLINE.search(lowered))
    partial = "một phần" in lowered and bool(_PARTLY_ONLINE.search(lowered))
    if full and partial:
        anomalies.note("online_level_conflicting")
        return None
    return OnlineLevel.full if full else OnlineLevel.partial if partial else None


def _steps_and_dossier(data: dict[str, Any], anomalies: Anomalies) -> tuple[str, str]:
    """The steps and dossier texts, recovered from ``raw_text`` when the crawler cut them short.

    The crawler split the page on the words "Thành phần hồ sơ"; when the steps quote them ("theo quy
    định tại mục 5.3 (Thành phần hồ sơ)") the steps are cut there and the dossier field holds the rest of
    the steps. The page text still has both sections in order.
    """
    steps, dossier = _text(data, "trinh_tu_thuc_hien"), _text(data, "thanh_phan_ho_so")
    if TABLE_HEADER in dossier:
        return steps, dossier
    raw = _text(data, "raw_text")
    steps_at, channels_at = raw.find(_STEPS_TITLE), raw.find(_CHANNELS_TITLE)
    if steps_at < 0 or channels_at < steps_at:
        return steps, dossier
    dossier_at = raw.find(_DOSSIER_TITLE, channels_at)
    legal_at = raw.find(_LEGAL_TITLE, dossier_at)
    if dossier_at < 0 or legal_at < 0:
        return steps, dossier
    recovered_dossier = raw[dossier_at + len(_DOSSIER_TITLE) : legal_at]
    if TABLE_HEADER not in recovered_dossier:
        return steps, dossier
    recovered_steps = raw[steps_at + len(_STEPS_TITLE) : channels_at].strip()
    anomalies.note("recovered_from_raw_text")
    if len(recovered_steps) > len(steps.strip()) and recovered_steps.startswith(steps.strip()[:40]):
        steps = recovered_steps
    return steps, recovered_dossier
