"""Slow lifts (issue #16: older adults squat and stoop more slowly): with a pelvis sensor alone the
stage never calls a slow squat a stoop or a slow stoop a squat: it gets them right or says the
technique is undetermined (simulator, through the real chain), and normal-speed lifts stay
confident and right; and the training copies that were tried (``models/training/augment_lifting``)
keep gravity and scale the movement as physics says."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.analysis.models import load_model
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.models.training.augment_lifting import stretch_frame, up_vector
from oefensense.sim import simulate
from oefensense.sim.script import Lift, Stand, Walk


def _waist_lifts(slow: float, seed: int) -> tuple[list, list]:
    """Two squats and two stoops ``slow`` times slower than SisFall's young adults, pelvis sensor
    only (random mounting); returns the simulated lifts and the stage's lift events."""
    lifts = [Lift(tech, down_s=1.2 * slow, hold_s=1.0 * slow, up_s=1.2 * slow, rest_s=3.0)
             for tech in ("squat", "stoop", "squat", "stoop")]
    script = [Stand(8.0), Walk(12.0, turn_deg=90.0), Stand(3.0), *lifts, Walk(8.0), Stand(4.0)]
    sim = simulate(script, rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
    st = LiftingStage(model=load_model("lifting"))
    frame = concat_frames(frames_from_sim(sim))
    ev = [e for e in st.process(frame).events + st.finish().events if e.type == "lift"]
    return sim.lifts, ev


# seed 20: not one of the benchmark's older_sim seeds (0-2). The shipped model calls a slow
# simulated squat a stoop (the hip-height integration loses the squat's drop, docs/lifting.md
# "Slower, shallower lifts"). Since 4 Dec 2026 the stage says so instead of calling it a stoop:
# technique "undetermined" when the pelvis never turns faster than ambiguous_below_gyr_dps (on
# main before that, every slow squat here came out "stoop", so this test failed there).
@pytest.mark.parametrize("slow", [1.5, 2.0, 3.0])
def test_a_slow_lift_at_the_waist_is_right_or_undetermined_never_the_other_technique(slow):
    truth, events = _waist_lifts(slow, 20)
    undetermined = 0
    for lt in truth:
        m = [e for e in events if e.t_ns / NS_PER_S < lt.end_s + 0.5 and e.end_ns / NS_PER_S > lt.start_s - 0.5]
        assert len(m) <= 1, (lt.technique, lt.start_s, [e.fields for e in events])
        if slow >= 2.0:  # a 1.5x squat scores near the P(lift) threshold and may be missed
            assert len(m) == 1, (lt.technique, lt.start_s, [e.fields for e in events])
        for e in m:  # never the other technique (before 4 Dec 2026: every slow squat here was "stoop")
            assert e.fields["technique"] in (lt.technique, "undetermined"), (lt.technique, lt.start_s, e.fields)
    for e in events:
        f = e.fields
        assert f["technique_ambiguous"] == (f["technique"] == "undetermined")
        undetermined += f["technique_ambiguous"]
        if f["technique_ambiguous"]:  # the model's own call is kept for research
            assert f["technique_guess"] in ("stoop", "mixed")
    assert undetermined >= 1  # the squats the model calls stoop are the ones flagged


def test_normal_speed_lifts_at_the_waist_stay_confident_and_right():
    truth, events = _waist_lifts(1.0, 20)
    for lt in truth:
        m = [e for e in events if e.t_ns / NS_PER_S < lt.end_s + 0.5 and e.end_ns / NS_PER_S > lt.start_s - 0.5]
        assert len(m) == 1, (lt.technique, lt.start_s, [e.fields for e in events])
        assert m[0].fields["technique"] == lt.technique and m[0].fields["technique_ambiguous"] is False, m[0].fields


def test_only_a_stoop_or_mixed_call_on_a_slowly_turning_pelvis_is_undetermined():
    from oefensense.analysis.lifting import technique_ambiguous

    st = LiftingSettings()
    lim = st.ambiguous_below_gyr_dps
    assert lim > st.still_gyr_dps  # the rule is about turning too slowly for the still flag to stay off
    assert technique_ambiguous("stoop", lim - 1, st) and technique_ambiguous("mixed", lim - 1, st)
    assert not technique_ambiguous("squat", lim - 1, st)  # slowness loses a drop, it does not make one
    assert not technique_ambiguous("stoop", lim + 1, st)
    assert not technique_ambiguous("stoop", 0.0, LiftingSettings(ambiguous_below_gyr_dps=0.0))  # off


def test_with_the_rule_off_a_twice_as_slow_squat_is_still_called_a_stoop():
    """What the rule is for (and why it is not a fix): the model's call itself is unchanged."""
    lifts = [Lift("squat", down_s=2.4, hold_s=2.0, up_s=2.4, rest_s=3.0)]
    script = [Stand(8.0), Walk(12.0, turn_deg=90.0), Stand(3.0), *lifts, Walk(8.0), Stand(4.0)]
    sim = simulate(script, rate_hz=100.0, seed=20, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    off = LiftingStage(LiftingSettings(ambiguous_below_gyr_dps=0.0), model=load_model("lifting"))
    on = LiftingStage(model=load_model("lifting"))
    ev_off = [e for e in off.process(frame).events + off.finish().events if e.type == "lift"]
    ev_on = [e for e in on.process(frame).events + on.finish().events if e.type == "lift"]
    assert [e.fields["technique"] for e in ev_off] == ["stoop"]
    assert [e.fields["technique"] for e in ev_on] == ["undetermined"]
    assert on.summary()["lifts"] == {"count": 1, "squat": 0, "stoop": 0, "mixed": 0, "undetermined": 1}


def _squat_depths(settings: LiftingSettings, slows=(1.0, 2.0, 3.0), seed: int = 21) -> list[float]:
    """Measured hip drop (m) of one simulated squat (truth 0.38 m) at each slowness, pelvis sensor
    alone, model-free stage (every episode offered)."""
    out = []
    for slow in slows:
        script = [Stand(8.0), Walk(12.0, turn_deg=90.0), Stand(3.0),
                  Lift("squat", down_s=1.2 * slow, hold_s=1.0 * slow, up_s=1.2 * slow, rest_s=3.0), Walk(6.0), Stand(3.0)]
        sim = simulate(script, rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
        st = LiftingStage(settings, model=None)
        st.process(concat_frames(frames_from_sim(sim)))
        st.finish()
        lt = sim.lifts[0]
        eps = [c for c in st.candidates if c["t_ns"] / NS_PER_S < lt.end_s and c["end_ns"] / NS_PER_S > lt.start_s]
        out.append(max(-c["features"]["depth_m"] for c in eps))
    return out


def test_the_stricter_zero_velocity_rule_keeps_a_slow_squats_hip_drop():
    """Issue #16 (measured, not adopted: it cost real-data technique accuracy, docs/lifting.md):
    with zero velocity only where the pelvis is at rest (``train_lifting.ZUPT_REST``), a 2x
    slower simulated squat keeps at least 85 % of the drop measured at normal speed and a 3x
    slower one 70 %; the shipped rule (still flag: mean |gyro| < 8 deg/s) loses more than half of
    it at 2x and three quarters at 3x."""
    from oefensense.models.training.train_lifting import ZUPT_REST

    shipped = _squat_depths(LiftingSettings())
    rest = _squat_depths(LiftingSettings(**ZUPT_REST))
    assert rest[0] == pytest.approx(shipped[0], abs=0.03) and rest[0] > 0.28  # normal speed: unchanged
    assert rest[1] > 0.85 * rest[0] and rest[2] > 0.7 * rest[0], rest
    assert shipped[1] < 0.5 * shipped[0] and shipped[2] < 0.25 * shipped[0], shipped


def _frame(n: int = 300, rate: float = 50.0) -> BodyFrame:
    """A pelvis tipping 40° forward and back over 2 s, with the accelerometer = gravity + a
    vertical acceleration bump (g) and the gyro the tilt rate."""
    t = np.arange(n) / rate
    u = np.clip((t - 1.0) / 2.0, 0, 1)
    fl = 40.0 * np.sin(np.pi * u)
    up = up_vector(fl, np.zeros(n), np.abs(fl))
    lin = np.zeros((n, 3))
    lin[:, 2] = 0.1 * np.sin(2 * np.pi * u)
    gyr = np.zeros((n, 3))
    gyr[:, 1] = np.gradient(fl, 1 / rate)
    ch = {"pelvis_acc_g": up + lin, "pelvis_gyr_dps": gyr, "pelvis_flexion_deg": fl,
          "pelvis_lateral_deg": np.zeros(n), "pelvis_inclination_deg": np.abs(fl),
          "pelvis_valid": np.ones(n, bool), "valid": np.ones(n, bool), "posture_code": np.zeros(n, np.int8)}
    return BodyFrame(np.round(t * NS_PER_S).astype(np.int64), rate, (Placement.PELVIS,), ch)


def test_a_stretched_copy_keeps_gravity_and_scales_time_rates_and_depth():
    f = _frame()
    s = stretch_frame(f, 2.0, 0.5, seed=1)
    assert len(s) == 2 * (len(f) - 1) + 1 and s.rate_hz == f.rate_hz
    assert np.all(np.diff(s.t_ns) == f.t_ns[1] - f.t_ns[0])
    assert "posture_code" not in s.channels  # upstream stages' output is not resampled
    # the bend: same shape, half as deep, twice as long
    assert np.max(s["pelvis_flexion_deg"]) == pytest.approx(20.0, abs=0.1)
    assert np.argmax(s["pelvis_flexion_deg"]) == pytest.approx(2 * np.argmax(f["pelvis_flexion_deg"]), abs=2)
    # gravity kept exactly (the up-vector of the scaled angles); linear acceleration x depth / slow^2
    up = up_vector(s["pelvis_flexion_deg"], s["pelvis_lateral_deg"], s["pelvis_inclination_deg"])
    lin = s["pelvis_acc_g"] - up
    assert np.max(lin[:, 2]) == pytest.approx(0.1 * 0.5 / 4, abs=0.005)
    assert np.abs(np.mean(lin, axis=0)).max() < 0.003
    # gyro: the rate of the scaled angle (x depth / slow)
    assert np.max(s["pelvis_gyr_dps"][:, 1]) == pytest.approx(np.max(f["pelvis_gyr_dps"][:, 1]) / 4, rel=0.05)
    with pytest.raises(ValueError):
        stretch_frame(f, 0.5)


# skl2onnx's tree converter passes booleans to an ints attribute (its own code, not ours)
@pytest.mark.filterwarnings("ignore:Field onnx.AttributeProto.ints:DeprecationWarning")
def test_detector_with_technique_keeps_p_none_and_splits_the_lift_as_the_second_model():
    """``train_lifting.fit`` with copied lifts: P(none) from the model of the real episodes, the
    squat/stoop split from the model that also saw the copies (one ONNX graph)."""
    from oefensense.features.lifting_features import FEATURE_NAMES
    from oefensense.models.training.train_lifting import COPY_SQUAT, COPY_STOOP, fit

    rng = np.random.default_rng(0)
    n = 240
    x = rng.normal(size=(n, len(FEATURE_NAMES)))
    y = rng.integers(0, 3, n)
    x[:, 0] += 3 * (y > 0)  # lift or not: feature 0
    x[:, 1] += 3 * (y == 2)  # stoop or squat: feature 1
    xc = rng.normal(size=(80, len(FEATURE_NAMES)))
    yc = rng.integers(COPY_SQUAT, COPY_STOOP + 1, 80)
    xc[:, 0] += 3
    xc[:, 2] += 3 * (yc == COPY_STOOP)  # the copies' technique shows in feature 2 instead
    both = fit(np.vstack([x, xc]), np.concatenate([y, yc]))
    real = fit(x, y)
    p, q = both.proba(x), real.proba(x)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(p[:, 0], q[:, 0], atol=1e-6)  # detection learnt from the real rows only
    probe = np.zeros((2, len(FEATURE_NAMES)))
    probe[:, 0] = 3.0
    probe[1, 2] = 3.0  # looks like a copied stoop
    pp = both.proba(probe)
    assert pp[1, 2] / (pp[1, 1] + pp[1, 2]) > pp[0, 2] / (pp[0, 1] + pp[0, 2]) + 0.2
    assert np.allclose(both.mean, np.nanmean(x, axis=0))  # fill values from the real rows
