"""Chair transfers on real SisFall trials (issue #18's error analysis): the sensor chain's
start-up (its first ~2 s after a cold start, flagged invalid) recovered, so a sit-down that
begins inside it is counted (68 of the 88 misses began to move inside it), and the resting
reading followed along the up axis across a movement (a dip and climb of the height counted as
a second cycle in 14 more)."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.assessments.startup import recover_startup, startup_run, stream_edge
from oefensense.assessments.transfers import TransferSettings, find_transfers
from oefensense.core.frames import BodyFrame
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate


def _sim_frame() -> BodyFrame:
    sim = simulate(st.scripted_test("five-times-sit-to-stand"), rate_hz=100.0, seed=1, placements=(Placement.PELVIS,))
    return concat_frames(frames_from_sim(sim))


def _with_startup(frame: BodyFrame, n: int) -> BodyFrame:
    """``frame`` as a cold-started chain would give it: the first ``n`` samples invalid, their
    angles still converging (here: wrong by 20°)."""
    ch = dict(frame.channels)
    v = np.asarray(ch["pelvis_valid"], bool).copy()
    v[:n] = False
    ch["pelvis_valid"] = v
    for k in ("pelvis_flexion_deg", "pelvis_inclination_deg"):
        x = np.asarray(ch[k], float).copy()
        x[:n] += 20.0
        ch[k] = x
    return BodyFrame(frame.t_ns, frame.rate_hz, frame.placements, ch)


def test_recovered_start_up_angles_follow_the_settled_orientation_back() -> None:
    frame = _sim_frame()
    assert startup_run(frame, "pelvis") == 0 and recover_startup(frame, "pelvis") is frame
    n = int(3 * frame.rate_hz)
    cold = _with_startup(frame, n)
    edge = stream_edge(cold, "pelvis")  # 0.2 s in sinc mode (the sinc window's edge), else 0
    assert edge in (0, int(0.2 * frame.rate_hz))
    assert startup_run(cold, "pelvis") == n - edge
    rec = recover_startup(cold, "pelvis")
    assert np.asarray(rec["pelvis_valid"], bool)[edge:n].all()
    for k in ("pelvis_flexion_deg", "pelvis_lateral_deg", "pelvis_inclination_deg"):
        err = np.abs(np.asarray(rec[k])[edge:n] - np.asarray(frame[k])[edge:n])
        assert err.max() < 2.0, (k, err.max())
    # the chain's own output is not touched
    assert not np.asarray(cold["pelvis_valid"], bool)[:n].any()


def test_a_drop_out_before_the_first_valid_sample_is_not_a_start_up() -> None:
    cold = _with_startup(_sim_frame(), 200)
    ch = dict(cold.channels)
    acc = np.asarray(ch["pelvis_acc_g"], float).copy()
    acc[50:60] = np.nan
    ch["pelvis_acc_g"] = acc
    gap = BodyFrame(cold.t_ns, cold.rate_hz, cold.placements, ch)
    assert startup_run(gap, "pelvis") == 0


def _with_sinc_edge(frame: BodyFrame, n: int) -> BodyFrame:
    """``frame`` with the first ``n`` ticks' acceleration NaN, as the Synchroniser's windowed
    sinc leaves the stream's start (its window not whole there; 10 ticks at 50 Hz)."""
    ch = dict(frame.channels)
    acc = np.asarray(ch["pelvis_acc_g"], float).copy()
    acc[:n] = np.nan
    ch["pelvis_acc_g"] = acc
    return BodyFrame(frame.t_ns, frame.rate_hz, frame.placements, ch)


def test_the_start_up_after_the_sinc_s_edge_is_recovered() -> None:
    # in sinc mode (SyncSettings.acc_interpolation="sinc") the stream's first 0.2 s have no
    # acceleration; the recovery read them as a drop-out and recovered nothing (SisFall chair
    # trials counted exactly, quick benchmark: 98.8 -> 83.8 %). The edge is made here, so the
    # test holds whichever interpolation is the default.
    n, edge = int(3 * _sim_frame().rate_hz), int(0.2 * _sim_frame().rate_hz)
    frame = _with_sinc_edge(_sim_frame(), edge)
    cold = _with_startup(frame, n)
    assert stream_edge(cold, "pelvis") == edge
    assert startup_run(cold, "pelvis") == n - edge
    rec = recover_startup(cold, "pelvis")
    valid = np.asarray(rec["pelvis_valid"], bool)
    assert not valid[:edge].any() and valid[edge:n].all()
    for k in ("pelvis_flexion_deg", "pelvis_lateral_deg", "pelvis_inclination_deg"):
        err = np.abs(np.asarray(rec[k])[edge:n] - np.asarray(frame[k])[edge:n])
        assert err.max() < 2.0, (k, err.max())
    # the edge alone (the chain valid after it): nothing to recover
    assert np.asarray(frame["pelvis_valid"], bool)[edge] and startup_run(frame, "pelvis") == 0
    # a longer run without acceleration is a drop-out, not the sinc's edge
    long = _with_sinc_edge(_with_startup(frame, n), int(0.5 * frame.rate_hz))
    assert stream_edge(long, "pelvis") == 0 and startup_run(long, "pelvis") == 0


def _sisfall_frames(n_subjects: int):  # noqa: ANN202
    """(subject, code, frame) of the D07-D10 trials of the first ``n_subjects`` subjects."""
    from oefensense.models.training.posture_data import data_dir, sisfall_trial_frames

    try:
        root = data_dir()
    except FileNotFoundError:
        pytest.skip("no shared data")
    if not (root / "sisfall" / "SA03").is_dir():
        pytest.skip("SisFall not in ../shared/data")
    return list(sisfall_trial_frames(("D07", "D08", "D09", "D10"), n_subjects))


def _sisfall(subject: str):  # noqa: ANN202
    """The D07-D10 trials of SA01 or SA02 through the runtime path."""
    return [fr for subj, _, fr in _sisfall_frames(2) if subj == subject]


def test_sisfall_sit_downs_begun_inside_the_chains_start_up_are_counted() -> None:
    # SA02 begins to sit down 1-2 s into 5 of its 20 chair trials, inside the chain's start-up
    # (a calibration profile: cold start, first 2 s invalid); before the recovery those five
    # counted a stand-up only
    trials = _sisfall("SA02")
    assert len(trials) == 20
    started_inside = [fr for fr in trials if startup_run(fr, "pelvis") > 0 and
                      np.argmax(np.linalg.norm(np.asarray(fr["pelvis_gyr_dps"], float), axis=1) > 20.0)
                      < startup_run(fr, "pelvis")]
    assert len(started_inside) >= 3
    for fr in trials:
        assert [x.kind for x in find_transfers(fr)] == ["sit_down", "stand_up"]
    assert TransferSettings().recover_startup


def test_sisfall_resting_reading_followed_along_the_up_axis_counts_one_cycle() -> None:
    # SA03's D07 trials: the resting vertical acceleration differs sitting and standing (per-axis
    # offsets); interpolated in time across the sit-down it left a 0.2-0.3 m dip-and-climb that
    # counted as a second sit-stand cycle in every one of the five trials
    trials = [fr for subj, code, fr in _sisfall_frames(3) if subj == "SA03" and code == "D07"]
    assert len(trials) == 5
    for fr in trials:
        assert [x.kind for x in find_transfers(fr)] == ["sit_down", "stand_up"]
    assert TransferSettings().rest_by_posture_deg is not None
