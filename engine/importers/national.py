"""The national package format (the National Database's own JSON, upper-case keys) → ``Procedure``.

Shape (``docs``: domain notes §1): ``MaTTHC``, ``TENTTHC``, ``CAPTHUCHIEN`` (0 ministry, 1 province,
2 district, 3 commune), ``LINHVUCTHUCHIEN``, ``TRINHTUTHUCHIEN[].TRINHTU[].TENTRINHTU``,
``CACHTHUCTHUCHIEN[].KENH`` (1 in person, 2 online, 3 post) with
``THOIGIAN[].{THOIGIANGIAIQUYET, DONVITINH, PHILEPHI[].SOTIEN}``,
``THANHPHANHOSO[].{TRUONGHOP, GIAYTO[].{MAGIAYTO, TENGIAYTO, SOBANCHINH, SOBANSAO}}``,
``KETQUATHUCHIEN[].{MAKETQUA, TENKETQUA}``, ``CANCUPHAPLY[].{SOVANBAN, TENVANBAN}``, ``COQUANTHUCHIEN``,
``TTHCLIENQUAN``, ``TTHCLIENTHONG``, ``MucDo``, ``LienThong``, ``HoSoPhatSinhTrongNam``.

A file holds one procedure object, a list of them, or an object wrapping such a list. Values are
read leniently (numbers as text, a name or a list of names), and what cannot be read is counted as
an anomaly or, when the record cannot be a procedure, reported. A few keys beyond the documented ones
are read when present: ``QUYETDINHCONGBO``, ``DOITUONGTHUCHIEN``, ``YEUCAUDIEUKIEN``, ``TENMAUDON`` (template)
and ``MOTA`` (description of a time limit or fee).
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from engine.errors import UserError
from engine.importers.files import import_files, json_files, parse_or_report
from engine.importers.outcome import Anomalies, ImportOutcome, RecordProblem
from engine.importers.portal_steps import guess_kind
from engine.importers.text import cell, split_items, squash
from engine.model import (
    Agencies,
    Channel,
    ChannelKind,
    DossierComponent,
    Duration,
    Fee,
    LegalRef,
    Level,
    OnlineLevel,
    Procedure,
    Result,
    Step,
    TimeUnit,
    Volume,
)
from engine.recognise.text import fold

ORIGIN = "national"
VOLUME_SOURCE = "national database"

_LEVELS = {0: Level.ministry, 1: Level.province, 2: Level.district, 3: Level.commune}
_CHANNELS = {1: ChannelKind.in_person, 2: ChannelKind.online, 3: ChannelKind.post}
_UNITS = {
    "ngay lam viec": TimeUnit.working_day,
    "ngay": TimeUnit.day,
    "gio": TimeUnit.hour,
    "thang": TimeUnit.month,
    "nam": TimeUnit.year,
    **{unit.value: unit for unit in TimeUnit},
}
# Online levels: Decree 42/2022 words, or the older 1–4 scale (4 = fully online, 3 = partly).
_ONLINE_LEVELS = {
    "toan trinh": OnlineLevel.full,
    "mot phan": OnlineLevel.partial,
    "4": OnlineLevel.full,
    "3": OnlineLevel.partial,
    "2": OnlineLevel.none,
    "1": OnlineLevel.none,
    **{level.value: level for level in OnlineLevel},
}
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-_]*$")
_CERTIFIED = re.compile(r"bản sao (?:có )?chứng thực|được chứng thực", re.IGNORECASE)
_TRUE = {"1", "true", "co", "yes"}


def is_national_package(data: Any) -> bool:
    """True when ``data`` is a national record, a list of them, or an object wrapping such a list."""
    return bool(_records_in(data))


def import_national(path: Path | str) -> ImportOutcome:
    """Import a national package file, or every ``*.json`` file of a folder of them."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    return import_files(json_files(path) if path.is_dir() else [path], add_national_file)


def add_national_file(outcome: ImportOutcome, data: Any, source: str, seen: dict[str, str]) -> None:
    """Import every record of one parsed file into ``outcome``. ``seen``: code → where it was imported."""
    records = _records_in(data)
    if records is None:
        outcome.report(source, "", "not a national package: no object with MaTTHC")
        return
    for index, record in enumerate(records):
        where = f"{source}[{index}]" if len(records) > 1 else source
        anomalies = Anomalies(record=str(record.get("MaTTHC", "")) if isinstance(record, dict) else "")
        procedure = parse_or_report(outcome, where, partial(parse_national_record, record, anomalies))
        if procedure:
            outcome.add_new(procedure, where, "MaTTHC", seen, anomalies)


def parse_national_record(record: Any, anomalies: Anomalies | None = None) -> Procedure:
    """One national record as a ``Procedure`` (``origin="national"``); ``RecordProblem`` if it cannot be."""
    anomalies = anomalies if anomalies is not None else Anomalies()
    if not isinstance(record, dict):
        raise RecordProblem("", f"expected a JSON object, found {type(record).__name__}")
    code = _text(record.get("MaTTHC"))
    if not code or not _CODE.match(code):
        raise RecordProblem("MaTTHC", f"missing or invalid procedure code {record.get('MaTTHC')!r}")
    name = _text(record.get("TENTTHC"))
    if not name:
        raise RecordProblem("TENTTHC", "the procedure has no name")
    anomalies.record = code
    interlinked = _codes(record.get("TTHCLIENTHONG"), "TTHCLIENTHONG")
    if _flag(record.get("LienThong")) and not interlinked:
        anomalies.note("interlinked_without_codes")
    return Procedure(
        code=code,
        name=name,
        levels=_levels(record.get("CAPTHUCHIEN"), anomalies),
        field=_names(record.get("LINHVUCTHUCHIEN"), "TENLINHVUC")[0]
        if record.get("LINHVUCTHUCHIEN")
        else None,
        publishing_decision=_text(record.get("QUYETDINHCONGBO")),
        applicant_types=_names(record.get("DOITUONGTHUCHIEN"), "TENDOITUONG"),
        agencies=Agencies(executing=_names(record.get("COQUANTHUCHIEN"), "TENCOQUAN")),
        channels=_channels(record.get("CACHTHUCTHUCHIEN"), anomalies),
        components=_components(record.get("THANHPHANHOSO"), anomalies),
        steps=_steps(record.get("TRINHTUTHUCHIEN"), anomalies),
        results=_results(record.get("KETQUATHUCHIEN")),
        legal_basis=_legal_basis(record.get("CANCUPHAPLY"), anomalies),
        conditions=_conditions(record.get("YEUCAUDIEUKIEN")),
        online_level=_online_level(record.get("MucDo"), anomalies),
        annual_volume=_volume(record.get("HoSoPhatSinhTrongNam")),
        related=_codes(record.get("TTHCLIENQUAN"), "TTHCLIENQUAN"),
        interlinked=interlinked,
        origin=ORIGIN,
    )


def _records_in(data: Any) -> list[Any] | None:
    if isinstance(data, dict):
        if "MaTTHC" in data:
            return [data]
        lists = [value for value in data.values() if isinstance(value, list) and _records_in(value)]
        return lists[0] if len(lists) == 1 else None
    # A list of objects of which some have a code: those without one are reported, not ignored.
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return data if any("MaTTHC" in item for item in data) else None
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return cell(str(value))


def _items(value: Any, field: str) -> list[Any]:
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise RecordProblem(field, f"expected a list, found {type(value).__name__}")
    return value


def _names(value: Any, key: str) -> list[str]:
    """A name, a comma-separated list of names, or a list of names / objects holding one under ``key``."""
    if isinstance(value, list):
        names = [_text(item.get(key)) if isinstance(item, dict) else _text(item) for item in value]
        return [name for name in names if name]
    return split_items(_text(value))


def _number(value: Any, field: str) -> float | None:
    """A number given as a number or as text ("10.000", "10,000", "7")."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordProblem(field, "expected a number, found true/false")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)  # thousands separators
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise RecordProblem(field, f"expected a number, found {value!r}") from None


def _levels(value: Any, anomalies: Anomalies) -> list[Level]:
    raw = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value)) if value is not None else []
    levels: list[Level] = []
    for item in raw:
        if item is None or item == "":
            continue
        number = _number(item, "CAPTHUCHIEN")
        level = _LEVELS.get(int(number)) if number is not None and number.is_integer() else None
        if level is None:
            anomalies.note("level_unknown")
        elif level not in levels:
            levels.append(level)
    if not levels:
        anomalies.note("no_levels")
    return levels


def _channels(value: Any, anomalies: Anomalies) -> list[Channel]:
    channels = []
    for index, item in enumerate(_items(value, "CACHTHUCTHUCHIEN")):
        where = f"CACHTHUCTHUCHIEN[{index}]"
        if not isinstance(item, dict):
            raise RecordProblem(where, "expected an object")
        kind_number = _number(item.get("KENH"), f"{where}.KENH")
        kind = (
            _CHANNELS.get(int(kind_number)) if kind_number is not None and kind_number.is_integer() else None
        )
        if kind is None:
            anomalies.note("channel_unknown")
            continue
        times = _items(item.get("THOIGIAN"), f"{where}.THOIGIAN") or [{}]
        for time_index, timing in enumerate(times):
            place = f"{where}.THOIGIAN[{time_index}]"
            if not isinstance(timing, dict):
                raise RecordProblem(place, "expected an object")
            time_limit, unread = _duration(timing, place, anomalies)
            description = "\n".join(text for text in (unread, _text(timing.get("MOTA"))) if text)
            channels.append(
                Channel(
                    kind=kind,
                    time_limit=time_limit,
                    fee=_fee(timing.get("PHILEPHI"), f"{place}.PHILEPHI", anomalies),
                    description=description or None,
                )
            )
    if not channels:
        anomalies.note("no_channels")
    return channels


def _duration(timing: dict[str, Any], place: str, anomalies: Anomalies) -> tuple[Duration | None, str | None]:
    """The time limit, and the published wording when its unit is not one the model knows."""
    value = _number(timing.get("THOIGIANGIAIQUYET"), f"{place}.THOIGIANGIAIQUYET")
    if value is None:
        anomalies.note("time_limit_missing")
        return None, None
    if value < 0:
        raise RecordProblem(f"{place}.THOIGIANGIAIQUYET", f"a time limit cannot be negative ({value:g})")
    unit_text = _text(timing.get("DONVITINH"))
    if not unit_text:
        anomalies.note("time_unit_missing")
        return Duration(value=value, text=f"{value:g} (no unit published; read as working days)"), None
    unit = _UNITS.get(fold(unit_text))
    if unit is None:
        anomalies.note("time_unit_unknown")
        return None, f"Thời gian: {value:g} {unit_text}"
    return Duration(value=value, unit=unit), None


def _fee(value: Any, place: str, anomalies: Anomalies) -> Fee | None:
    """The amounts of all listed fees added up (phí and lệ phí are both paid); free when they are 0."""
    fees = _items(value, place)
    if not fees:
        anomalies.note("fee_missing")
        return None
    total, texts = 0.0, []
    for index, fee in enumerate(fees):
        if not isinstance(fee, dict):
            raise RecordProblem(f"{place}[{index}]", "expected an object")
        amount = _number(fee.get("SOTIEN"), f"{place}[{index}].SOTIEN")
        if amount is None or amount < 0:
            anomalies.note("fee_unparsed")
            return Fee(text=_text(fee.get("MOTA")) or str(fee.get("SOTIEN")))
        total += amount
        if description := _text(fee.get("MOTA")):
            texts.append(description)
    if len(fees) > 1:
        anomalies.note("fee_summed")
    text = "; ".join(texts) or None
    return Fee(free=True, text=text) if total == 0 else Fee(amount_vnd=round(total), text=text)


def _components(value: Any, anomalies: Anomalies) -> list[DossierComponent]:
    components: list[DossierComponent] = []
    for index, group in enumerate(_items(value, "THANHPHANHOSO")):
        where = f"THANHPHANHOSO[{index}]"
        if not isinstance(group, dict):
            raise RecordProblem(where, "expected an object")
        case = _text(group.get("TRUONGHOP"))
        for doc_index, document in enumerate(_items(group.get("GIAYTO"), f"{where}.GIAYTO")):
            place = f"{where}.GIAYTO[{doc_index}]"
            if not isinstance(document, dict):
                raise RecordProblem(place, "expected an object")
            name = _text(document.get("TENGIAYTO"))
            if not name:
                anomalies.note("component_without_name")
                continue
            originals = _count(document.get("SOBANCHINH"), f"{place}.SOBANCHINH")
            copies = _count(document.get("SOBANSAO"), f"{place}.SOBANSAO")
            if originals == copies == 0:
                anomalies.note("zero_count_document")
            components.append(
                DossierComponent(
                    id=f"c{len(components) + 1}",
                    name=name,
                    originals=originals,
                    copies=copies,
                    certified_copy=bool(_CERTIFIED.search(name)),
                    case=case,
                    template=_text(document.get("TENMAUDON")),
                )
            )
    if not components:
        anomalies.note("no_components")
    return components


def _count(value: Any, field: str) -> int:
    number = _number(value, field)
    if number is None:
        return 0
    if number < 0 or not number.is_integer():
        raise RecordProblem(field, f"expected a whole number of documents, found {value!r}")
    return int(number)


def _steps(value: Any, anomalies: Anomalies) -> list[Step]:
    steps: list[Step] = []
    for index, group in enumerate(_items(value, "TRINHTUTHUCHIEN")):
        where = f"TRINHTUTHUCHIEN[{index}]"
        if not isinstance(group, dict):
            raise RecordProblem(where, "expected an object")
        for item in _items(group.get("TRINHTU"), f"{where}.TRINHTU"):
            action = _text(item.get("TENTRINHTU")) if isinstance(item, dict) else _text(item)
            if not action:
                anomalies.note("step_without_text")
                continue
            order = len(steps) + 1
            steps.append(Step(id=f"s{order}", order=order, action=action, kind=guess_kind(action[:300])))
    if not steps:
        anomalies.note("no_steps")
    return steps


def _results(value: Any) -> list[Result]:
    results: list[Result] = []
    for index, item in enumerate(_items(value, "KETQUATHUCHIEN")):
        if not isinstance(item, dict):
            raise RecordProblem(f"KETQUATHUCHIEN[{index}]", "expected an object")
        name = _text(item.get("TENKETQUA"))
        if name:
            results.append(Result(id=f"r{len(results) + 1}", name=name, code=_text(item.get("MAKETQUA"))))
    return results


def _legal_basis(value: Any, anomalies: Anomalies) -> list[LegalRef]:
    refs: dict[str, LegalRef] = {}
    for index, item in enumerate(_items(value, "CANCUPHAPLY")):
        if not isinstance(item, dict):
            raise RecordProblem(f"CANCUPHAPLY[{index}]", "expected an object")
        number = _text(item.get("SOVANBAN"))
        if not number:
            anomalies.note("legal_number_missing")
            continue
        refs.setdefault(number, LegalRef(number=number, title=_text(item.get("TENVANBAN"))))
    return list(refs.values())


def _conditions(value: Any) -> list[str]:
    if not isinstance(value, str) or cell(value) is None:
        return []
    return squash(value).split("\n")


def _codes(value: Any, field: str) -> list[str]:
    """Procedure codes: a list of codes or of objects with ``MaTTHC``, or one comma-separated text."""
    items = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value)) if value else []
    codes = [_text(item.get("MaTTHC") if isinstance(item, dict) else item) for item in items]
    bad = [code for code in codes if code and not _CODE.match(code)]
    if bad:
        raise RecordProblem(field, f"not a procedure code: {bad[0]!r}")
    return list(dict.fromkeys(code for code in codes if code))


def _online_level(value: Any, anomalies: Anomalies) -> OnlineLevel | None:
    text = _text(value)
    if text is None:
        return None
    level = _ONLINE_LEVELS.get(fold(text).removesuffix(".0"))
    if level is None:
        anomalies.note("online_level_unknown")
    return level


def _volume(value: Any) -> Volume | None:
    number = _number(value, "HoSoPhatSinhTrongNam")
    if number is None:
        return None
    if number < 0 or not number.is_integer():
        raise RecordProblem("HoSoPhatSinhTrongNam", f"expected a whole number of dossiers, found {value!r}")
    return Volume(per_year=int(number), source=VOLUME_SOURCE)


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, int | str) and fold(str(value)) in _TRUE)
