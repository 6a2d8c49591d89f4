"""What a bridged sensor gap (shorter than ``signals.BRIDGE_GAP_S``, 0.5 s) does in the chair
tests: the signals are interpolated across it and the movement taken to go on, and since
4 Dec 2026 its interpolated samples are no resting reading."""

from __future__ import annotations

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.signals import BRIDGE_GAP_S, body_placement, runs, times_s
from oefensense.assessments.transfers import TransferSettings, vertical_position
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from tests.assessments.test_assessments_sim import _nl, _with_gap


def _five_sts(pause_s: float = 0.2):  # noqa: ANN202
    sim = simulate(st.chair_stand_script(5, pause_s=pause_s), rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    return sim, concat_frames(frames_from_sim(sim))


def test_a_bridged_gap_just_before_a_movement_is_no_resting_reading() -> None:
    """A 0.35-s gap ending as the first stand-up began (17.9-18.2 s): its acceleration,
    interpolated from rest into the stand-up, was taken as the resting reading of the 24-s
    moving stretch of the whole test, which bent the stretch's height by up to 0.5 m: timed
    22.60 s where the same data without the gap gave 21.36 s (truth 21.40 s)."""
    sim, frame = _five_sts()
    test = make_test("five-times-sit-to-stand")
    whole = test.analyse(frame, RunContext())
    res = test.analyse(_with_gap(frame, 18.05 - 0.175, 18.05 + 0.175), RunContext())
    assert res.reps == whole.reps == 5
    assert abs(res.time_s - whole.time_s) <= 0.1, (res.time_s, whole.time_s)
    assert [f.code for f in res.flags] == ["sensor_gap"] and "bridged" in res.flags[0].detail


def test_a_rest_that_closes_a_movement_can_hide_in_a_bridged_gap() -> None:
    """Why 0.5 s is no longer 'too short to hide a rest': it was the finder's shortest rest
    (``min_still_s``) until that became 0.4 s. A 0.42-s standing rest after a stand-up (seen, so a
    movement ends there) under a 0.49-s gap with moving samples on both sides is taken as
    movement; the test's figures stay (the transfers share one moving stretch, as in a test
    without rests)."""
    assert TransferSettings().min_still_s < BRIDGE_GAP_S
    sim, frame = _five_sts(pause_s=0.3)
    s, pl, t = TransferSettings(), body_placement(frame), times_s(frame)
    _, moving = vertical_position(frame, pl, s)
    rests = [(a, b) for a, b in runs(~moving) if t[a] > 14.0 and s.min_still_s <= (b - a) / frame.rate_hz < 0.45]
    assert len(rests) == 5  # one after each stand-up
    a, b = rests[0]
    gapped = _with_gap(frame, t[a - 1], t[b] + 1e-6)  # the rest and one moving sample each side
    assert t[b] - t[a - 1] + 1.0 / frame.rate_hz < BRIDGE_GAP_S  # bridged
    _, moving_gap = vertical_position(gapped, pl, s)
    assert moving_gap[a:b].all()  # the rest is not seen
    test = make_test("five-times-sit-to-stand")
    whole, res = test.analyse(frame, RunContext()), test.analyse(gapped, RunContext())
    assert res.reps == whole.reps == 5 and abs(res.time_s - whole.time_s) <= 0.5


def _interrupted(res) -> list[str]:  # noqa: ANN001
    return [f.detail for f in res.flags if f.code == "interrupted"]


def test_stand_ups_lost_around_a_bridged_gap_are_not_a_recording_that_ends() -> None:
    """A 0.42-s gap 4.5 s into the test (22.69-23.11 s, as the second stand-up began), bridged,
    threw the transfers around it: 3 of 5 stand-ups found, and the result said "the recording
    ends before the fifth stand-up" with 17 s of data after the gap. Now the flag names the gap,
    its length, that the data goes on and that the missing stand-ups may be hidden there."""
    sim, frame = _five_sts()
    mid = st.chair_truth(sim).stand_ups()[1][0] - 0.1
    res = make_test("five-times-sit-to-stand").analyse(_with_gap(frame, mid - 0.21, mid + 0.21), RunContext())
    assert res.time_s is None and res.reps == 3  # what the gap does; the flag must say why
    assert _interrupted(res) == ["sensor data missing 22.7-23.1 s into the recording (0.4 s, bridged) and the recording "
                                 "goes on after it: the missing stand-ups may be hidden in or around the gap"]
    (why,) = [f for f in res.flags if f.code == "interrupted"]
    assert why.text(_nl, "nl") == ("sensorgegevens ontbreken van 22,7 tot 23,1 s in de opname (0,4 s, overbrugd) en de "
                                   "opname gaat daarna door: het ontbrekende opstaan kan in of rond dat gat verborgen zijn")


def test_a_gap_that_hid_the_first_stand_up_is_named_though_it_ends_before_the_start_found() -> None:
    """A 0.5-s gap (too long to bridge) 17.85-18.35 s, over the first stand-up's start (18.2 s):
    the test's start was found after it (18.36 s), so the gap was not looked for and the result
    said "the recording ends before the fifth stand-up". Gaps are looked for from the first data."""
    sim, frame = _five_sts()
    mid = st.chair_truth(sim).stand_ups()[0][0] - 0.1
    res = make_test("five-times-sit-to-stand").analyse(_with_gap(frame, mid - 0.245, mid + 0.245), RunContext())
    assert res.time_s is None and res.start_s > mid + 0.245
    assert _interrupted(res) == ["the test was interrupted: sensor data missing or invalid 17.9-18.4 s into the recording (0.5 s): "
                                 "the missing stand-ups may be hidden in it, none is counted across it"]


def _pauses(res) -> list[str]:  # noqa: ANN001
    return [f.detail for f in res.flags if f.code == "pause"]


def test_transfers_lost_around_a_bridged_gap_are_no_rest() -> None:
    """The 0.42-s bridged gap as the second stand-up began (3 of 5 stand-ups found) also gave
    "7.5 s rest after 4.7 s" where every rest was 0.2 s: the time between the transfers found
    spanned the ones lost. With a gap in the test a rest is what the sensor was seen still."""
    sim, frame = _five_sts()
    mid = st.chair_truth(sim).stand_ups()[1][0] - 0.1
    res = make_test("five-times-sit-to-stand").analyse(_with_gap(frame, mid - 0.21, mid + 0.21), RunContext())
    assert res.reps == 3 and [f.code for f in res.flags if f.code == "interrupted"] == ["interrupted"]
    assert _pauses(res) == []


def test_a_real_rest_through_a_bridged_gap_is_still_flagged_and_says_so() -> None:
    """4-s rests between the transfers, a 0.3-s gap in the middle of the one before the second
    stand-up: the rest is still flagged (seen still on both sides, a bridged gap is too short to
    hide a transfer), and the flag says how much of it the sensor did not see."""
    sim, frame = _five_sts(pause_s=4.0)
    mid = st.chair_truth(sim).stand_ups()[1][0] - 1.0
    test = make_test("five-times-sit-to-stand")
    whole, res = test.analyse(frame, RunContext()), test.analyse(_with_gap(frame, mid - 0.15, mid + 0.15), RunContext())
    assert res.reps == whole.reps == 5 and abs(res.time_s - whole.time_s) <= 0.1
    assert len(_pauses(res)) == len(_pauses(whole)) == 8
    (gapped,) = [f for f in res.flags if f.code == "pause" and "missing" in f.detail]
    assert gapped.detail == "4.0 s rest after 8.4 s, sensor data missing 0.3 s of it"
    assert gapped.text(_nl, "nl") == "4,0 s rust na 8,4 s, waarvan 0,3 s zonder sensorgegevens"


def test_a_bridged_gap_at_a_rests_end_is_not_counted_in_it() -> None:
    """4-s rests, a 0.3-s gap as the second stand-up begins (truth 30.6 s; gap 30.45-30.75 s):
    the sensor saw the patient still until the gap, not through it, and the movement may have
    begun in it. The rest counted part of the gap as rest ("4.0 s rest after 8.4 s, sensor data
    missing 0.1 s of it"); now it is the rest the sensor saw, ending at the gap (3.9 s). The same
    for a gap as a sit-down ends and the rest begins."""
    sim, frame = _five_sts(pause_s=4.0)
    test = make_test("five-times-sit-to-stand")
    truth = st.transfer_truth(sim, 0.0)  # [lead-in sit-down, stand-up 1, sit-down 1, stand-up 2, ...]
    for at, rest in ((truth[3][1], "3.9 s rest after 8.4 s"), (truth[2][2], "3.9 s rest after 8.6 s")):
        res = test.analyse(_with_gap(frame, at - 0.15, at + 0.15), RunContext())
        assert res.reps == 5
        assert rest in _pauses(res), _pauses(res)
        assert not any("missing" in p for p in _pauses(res)), _pauses(res)
