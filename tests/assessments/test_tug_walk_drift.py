"""The TUG at 2.5x slow (simulator seed 2): the walk before the test integrates to a 0.13-m
"stand-up" 8 s long holding 14 steps; taken as the TUG's stand-up it timed the test 7.8 s off.
A transfer holding more than ``MAX_STEPS_IN_TRANSFER`` steps is the walk's drift, not a
transfer: the test is now flagged, not scored (its real stand-up integrates to under 0.12 m)."""

from __future__ import annotations

from oefensense.assessments import RunContext
from oefensense.assessments.tug import MAX_STEPS_IN_TRANSFER, TimedUpAndGo
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import simulate
from oefensense.sim import assessments as st


def test_a_walk_that_drifts_in_height_is_not_the_tugs_stand_up() -> None:
    script = st.scripted_test("tug", speed=2.5)
    sim = simulate(script, rate_hz=100.0, seed=2, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    truth = st.tug_truth(sim, script)
    true_time = truth.phases["sit_down"][1] - truth.phases["stand_up"][0]
    before = TimedUpAndGo(max_steps_in_transfer=None).analyse(frame, RunContext())
    # the old miss (timed 7.8 s off) until 5 Dec 2026; since the TUG ends at the first sit-down
    # the person sat still after (tug._seated_after), the drift's "stand-up" finds none after its
    # walk and the rule-less test is not timed either (flagged, no time)
    assert before.time_s is None and "interrupted" in {f.code for f in before.flags}
    now = TimedUpAndGo(max_steps_in_transfer=MAX_STEPS_IN_TRANSFER).analyse(frame, RunContext())
    assert now.time_s is None or abs(now.time_s - true_time) <= 0.5
    assert now.time_s is not None or {f.code for f in now.flags} & {"interrupted", "not_started"}
    assert now.start_s is None or now.start_s > truth.phases["stand_up"][0] - 1.0
