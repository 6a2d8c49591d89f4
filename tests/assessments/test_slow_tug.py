"""A slow patient's TUG is timed (issue rel-20): the simulated TUG at 2.5x and 3x slow (28-33 s,
the TUG times of older adults in exercise therapy) read "no stand-up found" or "no sit-down after
the walk". The transfer finder finds none of their 5.5-6.6-s transfers (the integrated rise is
under 0.12 m, docs/assessments.md *Slow patients*); the TUG's own stand-up before the walk and
sit-down after it took the simulated body's 1-s still moment half-way up (down) for the seated
rest, and a 0.13-m "stand-up" begun in the walk back for the TUG's start.

The time is checked against the pelvis' own movement (the transfer finder's definition: a
transfer is where the pelvis turns at least ``still_gyr_dps``), within the benchmark's 0.5 s;
against the script it is 0.92 s (2.5x) / 1.25 s (3x) short, the eased tails of the simulator's
minimum-jerk movements in which the pelvis turns slower than that (``benchmarks.
bench_assessments._tug_turning_error``, docs/assessments.md *The 5xSTS at speed 2*)."""

from __future__ import annotations

import pytest

from benchmarks.bench_assessments import _tug_turning_error, pelvis_turning_span
from oefensense.assessments import RunContext, make_test
from oefensense.assessments.transfers import TransferSettings
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from oefensense.sim.script import Stand

PHASES = ["stand_up", "walk", "turn", "walk_back", "turn_2", "sit_down"]


def _sim(script, seed: int):  # noqa: ANN001, ANN202
    sim = simulate(script, rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
    return sim, concat_frames(frames_from_sim(sim))


@pytest.mark.parametrize("speed,seed", [(2.5, 0), (2.5, 1), (2.5, 2), (3.0, 0)])
def test_a_slow_tug_is_timed_to_the_pelvis_movement(speed: float, seed: int) -> None:
    script = st.scripted_test("tug", speed=speed)
    sim, frame = _sim(script, seed)
    res = make_test("tug").analyse(frame, RunContext())
    assert res.time_s is not None, [(f.code, f.detail) for f in res.flags]
    assert [p.name for p in res.phases] == PHASES
    err = _tug_turning_error(script, sim, frame)
    assert err is not None and abs(err) <= 0.5, err


def test_a_patient_standing_still_before_sitting_down_is_timed() -> None:
    # 1.5 s still after the last turn, then a 5.5-s sit-down: the stand is not the seated rest
    # (no height lost) and the sit-down starts after it
    tug = st.tug_script(speed=2.5)
    sim, frame = _sim([*tug[:-1], Stand(1.5), tug[-1]], 0)
    res = make_test("tug").analyse(frame, RunContext())
    assert res.time_s is not None, [(f.code, f.detail) for f in res.flags]
    sit = next(p for p in res.phases if p.name == "sit_down")
    turn_2 = next(p for p in res.phases if p.name == "turn_2")
    assert sit.start_s >= turn_2.end_s + 1.0  # after the stand, not at the last step
    truth = st.tug_truth(sim, tug)
    first, last = pelvis_turning_span(sim, truth.phases["stand_up"][0], st.transfer_truth(sim)[-1][2])
    assert abs(res.time_s - (last - first)) <= 0.5, res.time_s - (last - first)


def test_the_seated_rest_is_not_taken_for_a_hold_part_way_up() -> None:
    # with a 0.8-s shortest still pause the transfer finder misses this stand-up and the TUG
    # looks for it before the walk: the seated rest (pelvis 8 deg, more than standing) was
    # taken for a hold part-way up (its previous rest, standing, lies above it) and the TUG
    # read "no stand-up found" (a first version of the rule; before it as now timed -0.63 s
    # against the script, the eased tails)
    settings = TransferSettings(min_still_s=0.8)
    script = st.scripted_test("tug", speed=2.0)
    sim, frame = _sim(script, 3)
    res = make_test("tug", settings=settings).analyse(frame, RunContext())
    truth = st.tug_truth(sim, script)
    assert res.time_s is not None, [(f.code, f.detail) for f in res.flags]
    first, last = pelvis_turning_span(sim, truth.phases["stand_up"][0], truth.phases["sit_down"][1])
    assert abs(res.time_s - (last - first)) <= 0.5, res.time_s - (last - first)


def test_no_whole_hapt_recording_is_timed_as_a_tug() -> None:
    # the 49 whole recordings of daily activities of HAPT users 1-24 (never 25-30) hold no TUG:
    # the rules above must not time one (none was timed before them either; about a minute)
    from oefensense.commands.assess_run import recording_of
    from oefensense.models.training.posture_data import hapt_files, hapt_subject

    try:
        files = hapt_files()
    except Exception:  # noqa: BLE001
        pytest.skip("no shared data")
    if not files:
        pytest.skip("HAPT not in ../shared/data")
    assert all(hapt_subject(f) <= 24 for f in files)
    timed = []
    for f in files:
        frame, gaps = recording_of([str(f)], "waist")
        res = make_test("tug").analyse(frame, RunContext(gaps_s=gaps))
        if res.time_s is not None:
            timed.append((f.name, res.time_s))
    assert len(files) == 49 and timed == [], timed
