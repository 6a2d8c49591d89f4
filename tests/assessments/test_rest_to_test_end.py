"""A fixed-time test that stops early: a 30-s chair stand still after its last stand, and a walk
test whose walking is a few seconds of its 2 minutes (whole HAPT recordings scored 1 stand and
1.6 s of walking with no flag). Simulated recordings; the scripted tests score as before."""

from __future__ import annotations

import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from oefensense.sim.script import Stand


def _frame(acts):  # noqa: ANN001, ANN202
    sim = simulate(acts, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    return concat_frames(frames_from_sim(sim))


def test_a_30s_chair_stand_still_after_two_stands_is_scored_and_flagged_as_a_pause() -> None:
    res = make_test("chair-stand-30s").analyse(_frame(st.chair_stand_script(2, end_seated=False) + [Stand(25.0)]),
                                               RunContext(final=True))
    assert res.reps == 2
    pauses = [f for f in res.flags if f.code == "pause"]
    assert len(pauses) == 1, res.flags
    assert "without a stand" in pauses[0].template and pauses[0].fields["rest"] > 20.0


def test_the_scripted_30s_chair_stand_has_no_pause() -> None:
    res = make_test("chair-stand-30s").analyse(_frame(st.scripted_test("chair-stand-30s")), RunContext(final=True))
    assert res.reps and res.reps > 5
    assert not [f for f in res.flags if f.code == "pause"], res.flags


def test_a_walk_test_of_a_few_seconds_walking_gives_no_gait_figure() -> None:
    acts = st.walk_test_script(duration_s=6.0) + [Stand(120.0)]
    res = make_test("walk-test", leg_length_m=0.9).analyse(_frame(acts), RunContext(final=True))
    assert res.values["steps"] > 0 and res.values["walking_s"] < 10.0
    pauses = [f for f in res.flags if f.code == "pause"]
    assert any("to the end of the test's time" in f.template for f in pauses), res.flags
    assert any("less than half" in f.template for f in pauses), res.flags
    for key in ("walk_cadence_spm", "walk_distance_m", "gait_speed_ms"):
        assert key not in res.measures
    assert res.values["gait_speed_ms"] is None and res.values["cadence_spm"] is None


def test_the_scripted_walk_test_keeps_its_gait_figures() -> None:
    res = make_test("walk-test", leg_length_m=0.9).analyse(_frame(st.scripted_test("walk-test")), RunContext(final=True))
    assert not [f for f in res.flags if f.code == "pause"], res.flags
    assert {"walk_cadence_spm", "walk_distance_m", "gait_speed_ms"} <= set(res.measures)
