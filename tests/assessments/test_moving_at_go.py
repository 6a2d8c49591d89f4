"""A test started mid-movement: the patient already rising (or walking) at the therapist's "go".

Until 5 Dec 2026 a guided start was checked only for the sensor's start-up: a 5xSTS whose "go"
came 1 s into the first stand-up was timed 20.36 s (21.36 s from rest) with no flag, and the
walk test checked nothing at all. Now every chair test, the TUG and the walk test flag
``unsettled_start`` when the sensor moves at the "go" (the transfer finder's stillness), and the
walk test applies the chair tests' start rule (``transfers.unsettled_start``, ``SETTLE_S``) to a
start found in the signal as well. Simulated recordings, seed 0."""

from __future__ import annotations

import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.core.frames import BodyFrame
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate


def _run(test: str):  # noqa: ANN202
    sim = simulate(st.scripted_test(test), rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    return sim, concat_frames(frames_from_sim(sim))


def _first_rise_s(sim) -> float:  # noqa: ANN001
    return next(a for k, a, _ in st.transfer_truth(sim, st._lead_in_s()) if k == "stand_up")


def _moving_flags(res) -> list:  # noqa: ANN001
    return [f for f in res.flags if f.code == "unsettled_start" and "already moving" in f.template]


@pytest.mark.parametrize("test", ["five-times-sit-to-stand", "chair-stand-30s", "tug"])
def test_a_go_given_one_second_into_the_first_stand_up_is_flagged(test: str) -> None:
    sim, frame = _run(test)
    go = _first_rise_s(sim) + 1.0
    res = make_test(test).analyse(frame, RunContext(go_s=go, guided=True))
    flags = _moving_flags(res)
    assert len(flags) == 1, res.flags
    assert 0.7 <= flags[0].fields["before"] <= 1.05, flags
    assert "still until the start" in flags[0].detail


@pytest.mark.parametrize("test", ["five-times-sit-to-stand", "chair-stand-30s", "tug"])
@pytest.mark.parametrize("lead_s", [1.0, 0.0])
def test_a_patient_still_at_the_go_is_not_flagged(test: str, lead_s: float) -> None:
    """Still at the go: 1 s before the first stand-up, and at its very start (no reaction time)."""
    sim, frame = _run(test)
    res = make_test(test).analyse(frame, RunContext(go_s=_first_rise_s(sim) - lead_s, guided=True))
    assert not [f for f in res.flags if f.code == "unsettled_start"], res.flags


def test_a_walk_test_whose_go_comes_while_walking_is_flagged() -> None:
    """The scripted walk starts at 5.0 s (after standing 5 s); the go 3 s later."""
    _, frame = _run("walk-test")
    res = make_test("walk-test", leg_length_m=0.9).analyse(frame, RunContext(go_s=8.0, guided=True))
    flags = _moving_flags(res)
    assert len(flags) == 1 and flags[0].fields["before"] >= 2.5, res.flags
    still = make_test("walk-test", leg_length_m=0.9).analyse(frame, RunContext(go_s=4.0, guided=True))
    assert not [f for f in still.flags if f.code == "unsettled_start"], still.flags


def test_a_walk_recording_that_begins_mid_walk_is_flagged_as_the_chair_tests_are() -> None:
    """A recording cut to start 20 s into the walk (no still moment before the first step found):
    the chair tests' rule for a start found in the signal. The whole recording (5 s standing
    first) is not flagged."""
    _, frame = _run("walk-test")
    i = int(20.0 * frame.rate_hz)
    cut = BodyFrame(frame.t_ns[i:], frame.rate_hz, frame.placements, {k: v[i:] for k, v in frame.channels.items()})
    res = make_test("walk-test", leg_length_m=0.9).analyse(cut, RunContext())
    assert [f.code for f in res.flags].count("unsettled_start") == 1, res.flags
    # the first step lies within SETTLE_S of the first sample: the start-up reason comes first
    why = next(f.template for f in res.flags if f.code == "unsettled_start")
    assert "still starting up" in why or "kept moving" in why, why
    whole = make_test("walk-test", leg_length_m=0.9).analyse(frame, RunContext())
    assert not [f for f in whole.flags if f.code == "unsettled_start"], whole.flags
