"""Applying accepted measures to a catalogue: each kind of measure, and what is left alone."""

from __future__ import annotations

from engine.model import Measure, OnlineLevel, Procedure, StepKind, TargetKind, TimeUnit
from engine.plans.model import MeasureStatus
from engine.plans.projection import apply_plan, project
from tests.plans.conftest import catalogue, measure, plan, procedure

C, S = TargetKind.component, TargetKind.step


def _by_code(procedures: list[Procedure]) -> dict[str, Procedure]:
    return {p.code: p for p in procedures}


def test_only_accepted_and_done_measures_change_the_catalogue(params):
    before = catalogue()
    reform = plan(
        measure(1, Measure.abolish, "1.000002", status=MeasureStatus.proposed),
        measure(2, Measure.abolish, "1.000003", status=MeasureStatus.rejected),
        measure(3, Measure.abolish, "1.000004", status=MeasureStatus.done),
    )
    after = project(before, reform, params)
    assert [p.code for p in after] == ["1.000001", "1.000002", "1.000003"]
    assert [p.code for p in before] == ["1.000001", "1.000002", "1.000003", "1.000004"]  # input untouched


def test_removing_a_component_drops_it_from_the_steps_that_used_it(params):
    after = _by_code(
        project(
            catalogue(),
            plan(
                measure(1, Measure.replace_with_data, "1.000001", (C, "c3")),
                measure(2, Measure.cut_component, "1.000001", (C, "c2")),
            ),
            params,
        )
    )["1.000001"]
    assert [c.id for c in after.components] == ["c1"]
    assert after.steps[0].inputs == ["c1"]


def test_an_electronic_copy_replaces_the_certified_one(params):
    after = project(
        catalogue(), plan(measure(1, Measure.accept_electronic_copy, "1.000001", (C, "c2"))), params
    )
    assert not any(c.certified_copy for c in after[0].components)


def test_cutting_a_step_rewires_its_inputs_and_shortens_the_time_limit_by_its_duration(params):
    after = project(catalogue(), plan(measure(1, Measure.cut_step, "1.000001", (S, "s2"))), params)[0]
    assert [s.id for s in after.steps] == ["s1", "s3", "s4"]
    assert after.steps[1].inputs == ["phieu"] and after.steps[2].inputs == ["phieu"]
    assert (
        after.channels[0].time_limit.value == 7 and after.channels[0].time_limit.unit == TimeUnit.working_day
    )


def test_merging_a_step_folds_it_into_the_next(params):
    after = project(catalogue(), plan(measure(1, Measure.merge_steps, "1.000001", (S, "s1"))), params)[0]
    merged = after.steps[0]
    assert (merged.id, merged.order, merged.inputs) == ("s2", 1, ["c1", "c2", "c3"])
    assert merged.action == "Nộp hồ sơ; Thẩm định"


def test_time_limit_fee_and_online_measures(params):
    after = _by_code(
        project(
            catalogue(),
            plan(
                measure(1, Measure.shorten_time_limit, "1.000001"),
                measure(2, Measure.cut_fee, "1.000001"),
                measure(3, Measure.move_fully_online, "1.000001"),
            ),
            params,
        )
    )["1.000001"]
    # 10 days × (1 − shorten_time_limit_share 0.3) = 7; the online channel copies the in-person one.
    assert [c.time_limit.value for c in after.channels] == [7, 7]
    assert all(c.fee.free for c in after.channels)
    assert after.online_level == OnlineLevel.full and after.channels[1].kind == "online"


def test_a_digital_inspection_becomes_a_check_and_takes_half_the_time(params):
    after = project(catalogue(), plan(measure(1, Measure.digital_inspection, "1.000001")), params)[0]
    inspection = after.steps[2]
    assert inspection.kind == StepKind.check and inspection.duration.value == 1
    assert after.channels[0].time_limit.value == 9  # 10 days − half of the 2-day inspection


def test_a_merge_keeps_one_procedure_and_carries_the_others_volume(params):
    after = _by_code(
        project(
            catalogue(),
            plan(
                measure(1, Measure.merge, "1.000003", related_codes=["1.000004"]),
            ),
            params,
        )
    )
    assert "1.000004" not in after
    assert after["1.000003"].annual_volume.per_year == 200
    assert after["1.000003"].annual_volume.source == "merged: 1.000003, 1.000004"


def test_a_family_proposing_one_merge_per_member_is_merged_once_without_notes(params):
    # TG-PROC-FAMILY gives each member of a family a merge naming the others: the first merges all.
    family = ["1.000002", "1.000003", "1.000004"]
    projection = apply_plan(
        catalogue(),
        plan(*(measure(i, Measure.merge, code, related_codes=family) for i, code in enumerate(family, 1))),
        params,
    )
    assert [p.code for p in projection.procedures] == ["1.000001", "1.000002"]
    assert projection.applied == [1, 2, 3] and projection.notes == []


def test_measures_that_cannot_apply_say_why_and_change_nothing(params):
    projection = apply_plan(
        catalogue(),
        plan(
            measure(1, Measure.cut_component, "1.000001", (C, "c9")),
            measure(2, Measure.abolish, "9.999999"),
            measure(3, Measure.merge, "1.000003"),
            measure(4, Measure.cut_step, "1.000001", (S, "s4")),
        ),
        params,
    )
    assert projection.applied == [4]
    assert projection.notes == [
        "measure 1 (cut_component 1.000001 c9) not applied: no component 'c9'",
        "measure 3 (merge 1.000003) not applied: names no other procedure of the catalogue to merge with",
        "measure 2 (abolish 9.999999) not applied: procedure not in the catalogue (or already removed)",
    ]


def test_measures_that_would_leave_an_invalid_procedure_leave_it_as_it_was(params):
    # Steps listed out of order: once s is folded into t, t takes order 1 and is checked before v,
    # whose output it uses. The projection keeps the procedure as it was and says so.
    tangled = procedure(
        "1.000009",
        components=[{"id": "c1", "name": "Tờ khai"}],
        steps=[
            {"id": "t", "order": 2, "action": "Phê duyệt", "inputs": ["v_out"], "outputs": ["r"]},
            {"id": "v", "order": 1, "action": "Tra cứu", "outputs": ["v_out"]},
            {"id": "s", "order": 1, "action": "Nộp", "inputs": ["c1"], "outputs": ["s_out"]},
        ],
    )
    projection = apply_plan([tangled], plan(measure(1, Measure.merge_steps, "1.000009", (S, "s"))), params)
    assert projection.procedures == [tangled]
    assert projection.applied == []
    assert projection.notes[0].startswith(
        "measures [1] on 1.000009 not applied: together they leave an invalid"
    )


def test_a_time_limit_proposed_twice_is_shortened_once(params):
    # Two findings (above its peers, slower online) propose the same cut: the plan makes it once.
    projection = apply_plan(
        catalogue(),
        plan(
            measure(1, Measure.shorten_time_limit, "1.000001"),
            measure(2, Measure.shorten_time_limit, "1.000001"),
        ),
        params,
    )
    assert projection.procedures[0].channels[0].time_limit.value == 7  # 10 × (1 − 0.3), not 4.9
    assert projection.applied == [1, 2]
    assert projection.notes == ["measure 2: shorten_time_limit of 1.000001 already applied by measure 1"]


def test_an_inspection_made_digital_is_not_cut_again(params):
    projection = apply_plan(
        catalogue(),
        plan(
            measure(1, Measure.digital_inspection, "1.000001"),
            measure(2, Measure.digital_inspection, "1.000001", (S, "s3")),
            measure(3, Measure.digital_inspection, "1.000001", (S, "s2")),  # a check, not an inspection
        ),
        params,
    )
    after = projection.procedures[0]
    assert after.steps[2].duration.value == 1 and after.channels[0].time_limit.value == 9
    assert after.steps[1].duration.value == 3
    assert projection.applied == [1]
    assert projection.notes == [
        "measure 2 (digital_inspection 1.000001 s3) not applied: no inspection step 's3'",
        "measure 3 (digital_inspection 1.000001 s2) not applied: no inspection step 's2'",
    ]
