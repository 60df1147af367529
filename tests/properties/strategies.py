"""Hypothesis strategies: procedures, catalogues, data-source registries and plans.

Values are drawn from small pools on purpose (a few fields, levels, result codes, document names), so
that catalogue-wide facts fire: peers share a field and levels, procedures share result codes and
components, reuse clauses make precedents. Free text also comes as arbitrary Unicode, so the recogniser
and the message templates meet what no hand-written test thought of.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from engine.model import (
    ChannelKind,
    Level,
    Measure,
    OnlineLevel,
    Procedure,
    SourceRegistry,
    StepKind,
    Target,
    TargetKind,
    TimeUnit,
)
from engine.plans.model import MeasureStatus, Plan, PlanMeasure
from engine.recognise import default_thesaurus

DOC_TYPES = sorted(default_thesaurus().documents)
FIELDS = ["Hộ tịch", "Đất đai", "Xây dựng", "Thành lập và hoạt động doanh nghiệp"]
RESULT_CODES = ["KQ.G15.000031", "KQ.G15.000032", "KQ.G09.000101"]
AGENCIES = ["UBND cấp xã", "Sở Tư pháp", "Sở Xây dựng", "Công an tỉnh"]
COMPONENT_NAMES = [
    "Tờ khai đăng ký khai sinh",
    "Bản sao Giấy khai sinh",
    "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",
    "Căn cước công dân",
    "Sổ hộ khẩu",
    "Giấy xác nhận tình trạng hôn nhân",
    "Phiếu lý lịch tư pháp số 1",
    "Giấy chứng nhận quyền sử dụng đất",
    "Giấy phép lái xe",
    "Đơn đề nghị (theo mẫu)",
    "Bản chính hoặc bản sao điện tử Giấy chứng tử",
    "Giay chung nhan dang ky ho kinh doanh",
]
REUSE_TEXTS = [
    "Cơ quan giải quyết khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư",
    "Không yêu cầu nộp bản sao Giấy khai sinh; tra cứu Cơ sở dữ liệu hộ tịch điện tử",
]

# Strategies are built once here: building them inside each draw cost most of the generation time.
_part_counts = st.sampled_from([2, 3, 4, 5, 1, 0])  # components or steps: mostly a few, sometimes none
free_text = st.text(max_size=30)  # any Unicode but lone surrogates, which no UTF-8 file can hold
some_text = st.one_of(st.sampled_from(COMPONENT_NAMES), free_text)
_picks = st.lists(st.integers(0, 99), max_size=3)  # indices into whatever is there to pick from
_doc_types = st.lists(st.sampled_from(DOC_TYPES), max_size=2, unique=True)
_cases = st.one_of(st.none(), st.sampled_from(["Trường hợp 1", "Trường hợp 2"]))
_small = st.integers(0, 3)
_durations = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "value": st.one_of(st.integers(0, 60), st.floats(0, 400, allow_nan=False, allow_infinity=False)),
            "unit": st.sampled_from(list(TimeUnit)),
        }
    ),
)
_fees = st.one_of(
    st.none(),
    st.just({}),
    st.just({"free": True}),
    st.builds(lambda amount: {"amount_vnd": amount}, st.integers(0, 2_000_000)),
    st.builds(lambda text: {"text": text}, free_text),
)
_actions = st.one_of(st.sampled_from(["Tiếp nhận hồ sơ", "Thẩm định", "Phê duyệt"]), free_text)
_step_kinds = st.sampled_from(list(StepKind))
_agency = st.one_of(st.none(), st.sampled_from(AGENCIES))
_result_code = st.one_of(st.none(), st.sampled_from(RESULT_CODES))
_channel_kinds = st.lists(st.sampled_from(list(ChannelKind)), max_size=3, unique=True)
_levels = st.lists(st.sampled_from(list(Level)), max_size=2, unique=True)
_fields = st.one_of(st.none(), st.sampled_from(FIELDS))
_agencies = st.lists(st.sampled_from(AGENCIES), max_size=2, unique=True)
_online = st.one_of(st.none(), st.sampled_from(list(OnlineLevel)))
_volume = st.one_of(st.none(), st.integers(0, 50_000))
_clauses = st.lists(
    st.fixed_dictionaries({"text": st.sampled_from(REUSE_TEXTS), "doc_types": _doc_types}), max_size=1
)


def _pick(items: list[str], indices: list[int]) -> list[str]:
    return list(dict.fromkeys(items[i % len(items)] for i in indices)) if items else []


@st.composite
def procedure_data(draw: st.DrawFn, code: str) -> dict[str, Any]:
    """The fields of a valid procedure: step inputs name components or earlier steps' outputs."""
    components = [
        {
            "id": f"c{i}",
            "name": draw(some_text),
            "originals": draw(_small),
            "copies": draw(_small),
            "certified_copy": draw(st.booleans()),
            "case": draw(_cases),
            "doc_types": draw(_doc_types),
            "presented_only": draw(st.booleans()),
        }
        for i in range(1, draw(_part_counts) + 1)
    ]
    known = [c["id"] for c in components]
    steps = []
    for i in range(1, draw(_part_counts) + 1):
        outputs = [f"s{i}_out"] if draw(st.booleans()) or i == 1 else []
        steps.append(
            {
                "id": f"s{i}",
                "order": i,
                "action": draw(_actions),
                "kind": draw(_step_kinds),
                "agency": draw(_agency),
                "inputs": _pick(known, draw(_picks)),
                "outputs": outputs,
                "duration": draw(_durations),
            }
        )
        known += outputs
    results = [
        {"id": f"r{i}", "name": draw(some_text), "code": draw(_result_code), "doc_types": draw(_doc_types)}
        for i in range(1, draw(st.integers(0, 2)) + 1)
    ]
    channels = [
        {"kind": kind, "time_limit": draw(_durations), "fee": draw(_fees)} for kind in draw(_channel_kinds)
    ]
    volume = draw(_volume)
    return {
        "code": code,
        "name": draw(some_text),
        "levels": draw(_levels),
        "field": draw(_fields),
        "agencies": {"executing": draw(_agencies)},
        "channels": channels,
        "components": components,
        "steps": steps,
        "results": results,
        "online_level": draw(_online),
        "annual_volume": None if volume is None else {"per_year": volume, "source": "hypothesis"},
        "reuse_clauses": draw(_clauses),
        "origin": draw(st.sampled_from(["hand", "portal"])),
    }


@st.composite
def catalogues(draw: st.DrawFn, min_size: int = 1, max_size: int = 5) -> list[Procedure]:
    size = draw(st.integers(min_size, max_size))
    return [Procedure.model_validate(draw(procedure_data(f"1.{i:06d}"))) for i in range(1, size + 1)]


_replacements = st.lists(
    st.fixed_dictionaries(
        {
            "doc_type": st.sampled_from(DOC_TYPES),
            "since": st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)).map(dt.date.isoformat),
            "decision": st.just({"number": "06/QĐ-TTg"}),
        }
    ),
    max_size=4,
    unique_by=lambda r: r["doc_type"],
)
_aliases = st.lists(st.sampled_from(["dữ liệu dân cư", "dữ liệu hộ tịch"]), max_size=2)


@st.composite
def registries(draw: st.DrawFn) -> SourceRegistry:
    sources = [
        {
            "id": f"source_{i}",
            "name_vi": f"Cơ sở dữ liệu {i}",
            "name_en": f"Database {i}",
            "owner": "Bộ Công an",
            "aliases": draw(_aliases),
            "replaces": draw(_replacements),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    return SourceRegistry.model_validate({"sources": sources})


# Mostly measures the projection applies; some that it leaves on paper.
_STATUSES = [
    MeasureStatus.accepted,
    MeasureStatus.accepted,
    MeasureStatus.done,
    MeasureStatus.proposed,
    MeasureStatus.rejected,
]
_statuses = st.sampled_from(_STATUSES)
_measures = st.sampled_from(list(Measure))
_index = st.integers(0, 99)
_saved_days = st.floats(0, 10, allow_nan=False)
_COMPONENT_MEASURES = {Measure.cut_component, Measure.replace_with_data, Measure.accept_electronic_copy}
_STEP_MEASURES = {Measure.cut_step, Measure.merge_steps, Measure.digital_inspection}


@st.composite
def plans(draw: st.DrawFn, procedures: list[Procedure], max_measures: int = 12) -> Plan:
    """A plan on ``procedures``: measures of every kind and status, on parts that exist or do not."""
    codes = [p.code for p in procedures]
    measures = []
    for measure_id in range(1, draw(st.integers(1, max_measures)) + 1):
        kind = draw(_measures)
        code = _pick([*codes, *codes, *codes, "9.999999"], [draw(_index)])[0]
        procedure = next((p for p in procedures if p.code == code), None)
        measures.append(
            PlanMeasure(
                id=measure_id,
                measure=kind,
                procedure_code=code,
                target=_target(kind, procedure, draw(_index)),
                related_codes=_pick(codes, draw(_picks)[:2]),
                status=draw(_statuses),
                saving={"days": draw(_saved_days)},
                updated_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
            )
        )
    return Plan(
        id=1,
        name="Kế hoạch sinh ngẫu nhiên",
        created_by="hypothesis",
        created_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
        updated_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
        measures=measures,
    )


def _target(kind: Measure, procedure: Procedure | None, index: int) -> Target | None:
    """No target, a part that exists (most often) or one that does not, by ``index``."""
    if procedure is None or index % 5 == 0:
        return None
    if kind in _COMPONENT_MEASURES:
        target_kind, ids = TargetKind.component, [c.id for c in procedure.components]
    elif kind in _STEP_MEASURES:
        target_kind, ids = TargetKind.step, [s.id for s in procedure.steps]
    elif kind == Measure.cut_fee:
        target_kind, ids = TargetKind.channel, [c.kind.value for c in procedure.channels]
    else:
        return Target(kind=TargetKind.procedure, id=procedure.code, label=procedure.name)
    part = _pick([*ids, *ids, *ids, "missing"], [index])[0]
    return Target(kind=target_kind, id=part, label=part)
