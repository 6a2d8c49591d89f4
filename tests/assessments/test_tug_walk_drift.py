"""The TUG at 2.5x slow (simulator seed 2): the walk before the test integrates to a 0.13-m
"stand-up" 8 s long holding 14 steps; taken as the TUG's stand-up it timed the test 7.8 s off.
A transfer holding more than ``MAX_STEPS_IN_TRANSFER`` steps is the walk's drift, not a
transfer; since rel-20 (5 Dec 2026) a stand-up that begins inside a walking bout is none either,
and the real stand-up, which integrates to under 0.12 m for the transfer finder, is found before
the walk: the test is timed (docs/assessments.md, *Slow patients*)."""

from __future__ import annotations

from benchmarks.bench_assessments import pelvis_turning_span
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
    up = truth.phases["stand_up"]
    first, last = pelvis_turning_span(sim, up[0], truth.phases["sit_down"][1])
    # the old miss (timed 7.8 s off) until 5 Dec 2026, then not timed (flagged); since rel-20 the
    # real stand-up is found before the walk (tug._held_part_way) and the drift's "stand-up",
    # which begins inside the lead-in's walking bout, is no TUG stand-up even without the step rule
    for n in (MAX_STEPS_IN_TRANSFER, None):
        res = TimedUpAndGo(max_steps_in_transfer=n).analyse(frame, RunContext())
        assert res.time_s is not None, (n, [(f.code, f.detail) for f in res.flags])
        assert up[0] - 1.0 < res.start_s < up[1], (n, res.start_s, up)
        assert abs(res.time_s - (last - first)) <= 0.5, (n, res.time_s, last - first)
