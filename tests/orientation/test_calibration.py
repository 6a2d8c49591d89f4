"""Calibration: profiles round-trip, the guided alignment procedure on a simulated person,
accelerometer and magnetometer fits, gyro bias from still periods."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from oefensense.calibration import (
    AccelerometerPoseProcedure,
    AlignmentProcedure,
    CalibrationError,
    CalibrationProfile,
    ProfileStore,
    Step,
    autocalibrate_accelerometer,
    calibrate_accelerometer_poses,
    estimate_gyro_bias,
    fit_magnetometer,
    load_profile,
)
from oefensense.core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from oefensense.orientation import Alignment, SensorChain
from oefensense.sim import Lift, Sit, Stand, simulate


def _angle(a: np.ndarray, b: np.ndarray) -> float:
    d = a @ b.T
    return float(np.degrees(np.arccos(np.clip((np.trace(d) - 1) / 2, -1, 1))))


def test_profile_json_round_trip_and_store(tmp_path):
    al = Alignment.from_up_forward(np.array([0, -1.0, 0.1]), np.array([0, 0, 1.0]), quality=0.8, method="guided")
    p = CalibrationProfile(device_id="AA:BB", family="polar", gyro_bias_dps=(0.1, -0.2, 0.3),
                           acc_offset_g=(0.01, 0, 0), acc_scale=(1.01, 0.99, 1.0), alignment=al.to_dict())
    store = ProfileStore(tmp_path)
    path = store.put(p)
    assert path.name == "AA_BB.json"
    q = store.get("AA:BB")
    assert q == p
    assert Alignment.from_dict(q.alignment).rotation == pytest.approx(al.rotation)
    np.testing.assert_allclose(q.apply_gyr(np.zeros((1, 3))), [[-0.1, 0.2, -0.3]])
    path.write_text("{not json")
    with pytest.raises(ValueError, match="not a valid calibration profile"):
        load_profile(path)
    with pytest.raises(ValueError):
        CalibrationProfile(acc_scale=(1.0, -1.0, 1.0))


def test_guided_procedure_on_simulated_person_then_chain_uses_profile():
    sim = simulate([Stand(4.0), Lift("stoop", trunk_flexion_deg=60.0, hold_s=2.0, rest_s=2.5), Sit(3.0)],
                   rate_hz=100.0, mounting="random", seed=4)
    proc = AlignmentProcedure(list(sim.infos.values()))
    assert proc.status.step == Step.STAND_STILL and proc.status.prompt("nl")
    steps = []
    for i in range(0, len(sim.t_ns), 5):
        for b in sim.blocks.values():
            st = proc.feed(b.slice(i, i + 5))
        if not steps or steps[-1] != st.step:
            steps.append(st.step)
    assert steps == [Step.STAND_STILL, Step.BEND_FORWARD, Step.STAND_AGAIN, Step.SIT_DOWN, Step.DONE]
    profiles = proc.result()
    for pl, info in sim.infos.items():
        prof = profiles[info.sensor_id]
        assert _angle(Alignment.from_dict(prof.alignment).rotation, sim.mountings[pl]) < 1.5
        np.testing.assert_allclose(prof.gyro_bias_dps, sim.gyro_bias_dps[pl][0], atol=0.05)
    # a chain built from the profile emits immediately (no alignment buffering)
    ch = SensorChain(sim.infos[Placement.TRUNK], profile=profiles["sim-trunk"])
    out = ch.process(sim.blocks[Placement.TRUNK])
    assert len(out) == len(sim.t_ns) and ch.alignment.method == "guided"


def test_procedure_times_out_when_person_keeps_moving():
    sim = simulate([Stand(2.0), Lift("stoop", hold_s=0.2, rest_s=0.0)] * 12, rate_hz=50.0, seed=1,
                   placements=(Placement.TRUNK,))
    proc = AlignmentProcedure(list(sim.infos.values()))
    b = sim.blocks[Placement.TRUNK]
    for i in range(0, len(b), 25):
        st = proc.feed(b.slice(i, i + 25))
    assert st.step in (Step.FAILED, Step.BEND_FORWARD, Step.STAND_AGAIN)
    if st.step == Step.FAILED:
        assert "not completed" in st.error
    with pytest.raises(CalibrationError):
        proc.result()


def _pose_means(offset, scale, n=12, seed=0):
    up = Rotation.random(n, random_state=seed).as_matrix()[:, 2, :]
    return (up - offset) / scale


def test_accelerometer_sphere_fit_recovers_offset_and_scale():
    off, sc = np.array([0.03, -0.02, 0.05]), np.array([1.02, 0.97, 1.01])
    raw = _pose_means(off, sc) + np.random.default_rng(0).normal(0, 0.001, (12, 3))
    cal = calibrate_accelerometer_poses(raw)
    np.testing.assert_allclose(cal.offset_g, off, atol=0.005)
    np.testing.assert_allclose(cal.scale, sc, atol=0.005)
    assert cal.rms_error_after_g < cal.rms_error_before_g / 5
    with pytest.raises(CalibrationError, match="cover the sphere"):
        calibrate_accelerometer_poses(np.tile([[0.0, 0.0, 1.0]], (10, 1)) + 0.001 * np.arange(30).reshape(10, 3))


def test_autocalibration_from_still_periods_of_a_recording():
    off, sc = np.array([0.02, 0.0, -0.03]), np.array([1.0, 1.03, 0.98])
    means = _pose_means(off, sc, n=8, seed=3)
    rate = 20.0
    acc = np.repeat(means, int(25 * rate), axis=0) + np.random.default_rng(1).normal(0, 0.003, (8 * int(25 * rate), 3))
    cal = autocalibrate_accelerometer(acc, rate)
    np.testing.assert_allclose(cal.offset_g, off, atol=0.01)


def test_multi_pose_procedure():
    info = SensorInfo("s", Placement.TRUNK, nominal_rate_hz=50.0)
    off, sc = np.array([0.02, -0.01, 0.03]), np.array([0.99, 1.02, 1.0])
    faces = np.vstack([np.eye(3), -np.eye(3)])
    proc = AccelerometerPoseProcedure(info)
    t = 0
    rng = np.random.default_rng(2)
    for f in faces:
        for _ in range(2):  # moving between poses, then 3 s still
            acc = rng.normal(0, 0.3, (25, 3)) + f
            proc.feed(SampleBlock("s", t + np.arange(25) * 20_000_000, acc))
            t += 25 * 20_000_000
        raw = (f - off) / sc
        for _ in range(6):
            proc.feed(SampleBlock("s", t + np.arange(25) * 20_000_000, raw + rng.normal(0, 0.002, (25, 3))))
            t += 25 * 20_000_000
    assert proc.status.step == Step.DONE
    prof = proc.result()
    np.testing.assert_allclose(prof.acc_offset_g, off, atol=0.01)


def test_magnetometer_fit():
    soft = np.array([[1.1, 0.05, 0.0], [0.05, 0.9, 0.02], [0.0, 0.02, 1.0]])
    hard = np.array([12.0, -5.0, 20.0])
    field = Rotation.random(400, random_state=5).as_matrix() @ np.array([20.0, 0.0, -45.0])
    raw = field @ np.linalg.inv(soft).T + hard + np.random.default_rng(0).normal(0, 0.2, (400, 3))
    cal = fit_magnetometer(raw)
    np.testing.assert_allclose(cal.hard_iron_ut, hard, atol=0.5)
    fixed = (raw - cal.hard_iron_ut) @ cal.soft_iron.T
    assert np.std(np.linalg.norm(fixed, axis=1)) < 0.5
    with pytest.raises(CalibrationError):
        fit_magnetometer(raw[:5])


def test_gyro_bias_from_still_periods():
    rng = np.random.default_rng(0)
    n = 500
    gyr = np.array([0.7, -0.4, 0.2]) + rng.normal(0, 0.1, (n, 3))
    acc = np.tile([0.0, 0.0, 1.0], (n, 1)) + rng.normal(0, 0.002, (n, 3))
    bias, still_s = estimate_gyro_bias(acc, gyr, 100.0)
    np.testing.assert_allclose(bias, [0.7, -0.4, 0.2], atol=0.03)
    assert still_s >= 4.0
    with pytest.raises(CalibrationError):
        estimate_gyro_bias(acc + rng.normal(0, 0.3, (n, 3)), gyr, 100.0)
    _ = NS_PER_S
