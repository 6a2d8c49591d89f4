"""The lifting stage's upright gate (issue #16): a lift starts and ends upright on the feet and
turns little about gravity, so lying down, rolling over and car transfers are not lifts."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S

from .test_lifting import LIFTS, RATE, _bump, run, synthetic_frame


def _with(frame: BodyFrame, **channels) -> BodyFrame:
    return BodyFrame(frame.t_ns, RATE, frame.placements, {**frame.channels, **channels})


def _model_free(**kw) -> LiftingStage:
    """Every episode offered as a lift (no model), so only the gate decides."""
    return LiftingStage(LiftingSettings(**kw), model=None)


def test_the_gate_keeps_ordinary_lifts():
    frame = synthetic_frame(LIFTS, 25.0)
    st = _model_free(gate_max_turn_deg=60.0, gate_max_horizontal_s=0.5, gate_cut_off=True)
    assert len(run([frame], st)) == 3
    gates = [c["gate"] for c in st.candidates]
    assert all(g["turn_deg"] < 5.0 and not g["end_of_data"] for g in gates)
    assert all(g["start_tilt_deg"] < 6.0 and g["end_tilt_deg"] < 6.0 for g in gates)


def test_an_episode_the_recording_cut_off_mid_bend_is_not_a_lift():
    """Data ending while the pelvis is still tilted (a SisFall trial that ends seated in the car
    or lying): the episode is closed by finish() but not reported, unless the gate is off."""
    frame = synthetic_frame([(3.0, 40.0, 22.0, 85.0), (10.0, 80.0, 50.0, 10.0)], 12.0)  # 2nd: up only after 12.6 s
    st = _model_free(gate_cut_off=True)
    ev = run([frame], st)
    assert len(ev) == 1 and ev[0].t_ns / NS_PER_S < 6.0
    assert [c["gate"]["end_of_data"] for c in st.candidates] == [False, True]
    assert len(run([frame], _model_free())) == 2  # off by default


def test_turning_about_gravity_is_not_a_lift():
    """A bend with 150° of rotation about the vertical (lying down onto a bed, swinging into a
    car seat) is gated by gate_max_turn_deg; the same bend without the turn is a lift."""
    frame = synthetic_frame([(3.0, 80.0, 50.0, 10.0)], 10.0)
    t = np.arange(len(frame)) / RATE
    yaw = 150.0 / 3.4 * ((t >= 3.0) & (t < 6.4))  # deg/s about the vertical over the episode
    pel = np.radians(np.asarray(frame["pelvis_inclination_deg"]))
    gyr = np.asarray(frame["pelvis_gyr_dps"]).copy()
    gyr[:, 0] += yaw * -np.sin(pel)  # the vertical in the tilted segment's axes
    gyr[:, 2] += yaw * np.cos(pel)
    turned = _with(frame, pelvis_gyr_dps=gyr)
    st = _model_free(gate_max_turn_deg=90.0)
    assert run([turned], st) == []
    assert st.candidates[0]["gate"]["turn_deg"] == pytest.approx(150.0, abs=10.0)
    assert len(run([frame], _model_free(gate_max_turn_deg=90.0))) == 1


def test_resting_near_horizontal_is_not_a_lift():
    """Lying down and getting up within a few seconds (SisFall D12/D13): the pelvis rests still
    at ~85° for 2.5 s; gated by gate_max_horizontal_s, kept without it."""
    n = int(14 * RATE)
    t = np.arange(n) / RATE
    frame = synthetic_frame([], 14.0)
    pel = 85.0 * _bump(t, 3.0, 1.5, 2.5, 1.5)
    r = np.radians(pel)
    lying = _with(frame, pelvis_flexion_deg=pel, pelvis_inclination_deg=pel, trunk_flexion_deg=pel,
                  pelvis_acc_g=np.column_stack([-np.sin(r), np.zeros(n), np.cos(r)]),
                  pelvis_gyr_dps=np.column_stack([np.zeros(n), np.gradient(pel, 1 / RATE), np.zeros(n)]))
    st = _model_free(gate_max_horizontal_s=1.0, gate_horizontal_deg=70.0)
    assert run([lying], st) == []
    assert st.candidates[0]["gate"]["horizontal_still_s_70"] == pytest.approx(2.5, abs=0.4)
    assert len(run([lying], _model_free())) == 1  # gate off (inf): kept


def test_gate_angle_must_be_one_the_stage_measures():
    with pytest.raises(ValueError, match="gate_horizontal_deg"):
        LiftingSettings(gate_horizontal_deg=65.0)


def test_a_sideways_tilt_is_measured_and_every_gate_value_reaches_the_model_inputs():
    """``lateral_deg``: the largest sideways tilt away from the episode's start (rolling onto a
    side, a car seat); every gate value is also an episode feature ``gate_<name>``, so a model
    whose input list names them (``train_lifting --gate-inputs``) receives them."""
    frame = synthetic_frame([(3.0, 40.0, 22.0, 85.0)], 10.0)
    n = len(frame)
    t = np.arange(n) / RATE
    lat = 25.0 * _bump(t, 3.0, 1.0, 1.0, 1.0)
    rolled = _with(frame, pelvis_lateral_deg=lat)
    st = _model_free()
    run([rolled], st)
    g = st.candidates[0]["gate"]
    assert g["lateral_deg"] > 10.0, g["lateral_deg"]
    st0 = _model_free()
    run([frame], st0)
    assert st0.candidates[0]["gate"]["lateral_deg"] < 2.0
    feats = st.candidates[0]["features"]
    assert {k: feats[f"gate_{k}"] for k in g if k != "end_of_data"} == {k: v for k, v in g.items() if k != "end_of_data"}


# skl2onnx's tree converter passes booleans to an ints attribute (its own code, not ours)
@pytest.mark.filterwarnings("ignore:Field onnx.AttributeProto.ints:DeprecationWarning")
def test_hard_negatives_train_as_none_with_their_weight(monkeypatch):
    """``train_lifting --hard-negatives W`` (measured, not adopted): lying/car episodes
    (class ``HARD_NONE`` in ``dataset``) are learnt as "none", weighted W."""
    from oefensense.features.lifting_features import FEATURE_NAMES
    from oefensense.models.training import train_lifting as tl

    monkeypatch.setattr(tl, "ENSEMBLE_SIZE", 1)  # one small tree model: the test is about the labels
    monkeypatch.setattr(tl, "HGB_PARAMS", {**tl.HGB_PARAMS, "max_iter": 30, "max_features": 1.0})

    rng = np.random.default_rng(0)
    n = 300
    x = rng.normal(size=(n, len(FEATURE_NAMES)))
    y = rng.integers(0, 3, n)
    x[:, 0] += 3 * (y > 0)  # lifts: feature 0 high
    xh = rng.normal(size=(100, len(FEATURE_NAMES)))
    xh[:, 0] += 3  # hard negatives look like lifts in feature 0 ...
    xh[:, 1] += 3  # ... but show in feature 1
    yh = np.full(100, tl.HARD_NONE)
    probe = np.zeros((1, len(FEATURE_NAMES)))
    probe[0, :2] = 3.0
    p_plain = tl.fit(x, y).proba(probe)[0, 0]
    p_hard = tl.fit(np.vstack([x, xh]), np.concatenate([y, yh])).proba(probe)[0, 0]
    monkeypatch.setattr(tl, "HARD_NEGATIVE_WEIGHT", 0.05)
    p_light = tl.fit(np.vstack([x, xh]), np.concatenate([y, yh])).proba(probe)[0, 0]
    assert p_hard > 0.8 and p_plain < 0.5  # P(none) of a lift-like episode with the hard negatives' mark
    assert p_plain < p_light < p_hard
