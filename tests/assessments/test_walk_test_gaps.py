"""The timed walk's stops against sensor gaps (issue #18): a stop is time the sensor saw the
patient not walking. A 6-s gap in the middle of a walk read "stopped 6 s after 52 s" beside the
gap's own flag, in a simulated walk without a stop."""

from __future__ import annotations

import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.walk_test import seen_s
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from oefensense.sim.script import Stand

from tests.assessments.test_assessments_sim import _with_gap


def _walk(stop_s: float = 0.0):  # noqa: ANN202
    """A simulated 2-min walk test; with ``stop_s``, the patient stands that long after the first
    corridor leg. Returns (frame, the stop's (start, end) s or None)."""
    script = st.walk_test_script()
    stop = None
    if stop_s:
        t_stop = sum(a.duration_s for a in script[:2])
        script = script[:2] + [Stand(stop_s)] + script[2:]
        stop = (t_stop, t_stop + stop_s)
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    return concat_frames(frames_from_sim(sim)), stop


def _flags(frame) -> dict[str, list[str]]:  # noqa: ANN001
    res = make_test("walk-test", leg_length_m=0.95).analyse(frame, RunContext())
    out: dict[str, list[str]] = {}
    for f in res.flags:
        out.setdefault(f.code, []).append(f.detail)
    return out


@pytest.mark.parametrize("gap_s", [6.0, 12.0])
def test_a_gap_in_the_walk_is_a_gap_not_a_stop(gap_s: float) -> None:
    frame, _ = _walk()
    flags = _flags(_with_gap(frame, 60.0 - gap_s / 2, 60.0 + gap_s / 2))
    assert "pause" not in flags, flags
    (gap,) = flags["sensor_gap"]
    assert gap.endswith("s into the walk: steps and walking time in it are not counted")


def test_a_real_stop_is_flagged_with_or_without_a_gap_in_it() -> None:
    frame, (a, b) = _walk(stop_s=10.0)
    (whole,) = _flags(frame)["pause"]
    assert whole.startswith("stopped 1")  # 10-11 s: the bouts' edges
    flags = _flags(_with_gap(frame, a + 3.0, a + 6.0))  # 3 s of the 10-s stop not seen
    (seen,) = flags["pause"]
    assert seen.startswith("stopped 7 s") or seen.startswith("stopped 8 s"), seen
    assert len(flags["sensor_gap"]) == 1


def test_seen_seconds_leave_out_every_gap_once() -> None:
    assert seen_s(10.0, 20.0, []) == 10.0
    assert seen_s(10.0, 20.0, [(12.0, 14.0), (13.0, 15.0)]) == pytest.approx(7.0)  # overlapping gaps
    assert seen_s(10.0, 20.0, [(5.0, 11.0), (19.5, 30.0)]) == pytest.approx(8.5)  # gaps over the edges
    assert seen_s(10.0, 20.0, [(0.0, 40.0)]) == 0.0
