"""No lift-model feature is rounding noise.

A feature that is zero (or constant) in exact arithmetic carries only the last bits of the
float computation: it changes with the interpolation, the summation order or the sensor rate
without the movement changing, and a model trained on it learns noise (speed-24 found one
among the posture features, ``v_end``). Here every feature the lift model reads is computed twice
on real SisFall lifts, the second time with 1e-12 g added to the acceleration; a real feature
moves by about that much relative to its size (at most 9e-9 over 61 SisFall trials, 5 Dec
2026: D15/D16 R01 of SA01-SA23, D01/D07/D09 R01 of SA01-SA05), a rounding-noise feature by
orders of magnitude more.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.core.frames import BodyFrame
from oefensense.io.body_frames import concat_frames, frames_from_file
from oefensense.models.training import train_lifting as tl

TRIALS = ("SA05/D15_SA05_R01", "SA05/D16_SA05_R01", "SA01/D15_SA01_R01", "SA19/D16_SA19_R01", "SA03/D07_SA03_R01")
NUDGE_G = 1e-12
RTOL = 1e-6


def rounding_features(a: list[dict], b: list[dict]) -> list[str]:
    """Features (of :data:`tl.MODEL_FEATURES`) that differ by more than :data:`RTOL` relative
    between two runs' episodes ``a`` and ``b`` (both NaN counts as equal; NaN on one side or an
    episode count change counts as moved)."""
    if len(a) != len(b):
        return [f"episode count {len(a)} -> {len(b)}"]
    out = []
    for j, (ca, cb) in enumerate(zip(a, b)):
        for k in tl.MODEL_FEATURES:
            x, y = float(ca["features"].get(k, np.nan)), float(cb["features"].get(k, np.nan))
            if np.isnan(x) and np.isnan(y):
                continue
            if not abs(x - y) <= RTOL * max(abs(x), abs(y)):
                out.append(f"episode {j} {k}: {x:.17g} -> {y:.17g}")
    return out


def _copy(frame: BodyFrame, nudge_g: float) -> BodyFrame:
    ch = {k: np.array(v, copy=True) for k, v in frame.channels.items()}
    for k in ch:
        if k.endswith("_acc_g") or k.endswith("_acc_sensor_g"):
            ch[k] = ch[k] + nudge_g
    return BodyFrame(frame.t_ns.copy(), frame.rate_hz, frame.placements, ch)


def test_rounding_features_flags_noise_and_not_a_real_feature():
    k = tl.MODEL_FEATURES[0]
    real = [{"features": {k: 0.25}}]
    assert rounding_features(real, [{"features": {k: 0.25 + 1e-13}}]) == []
    noise = [{"features": {k: 1.1e-17}}]  # zero in exact arithmetic
    assert rounding_features(noise, [{"features": {k: -4.2e-17}}]) == [f"episode 0 {k}: 1.1e-17 -> -4.1999999999999998e-17"]
    assert rounding_features(real, []) == ["episode count 1 -> 0"]


def test_no_lift_feature_is_rounding_noise(shared_data: Path):
    files = [shared_data / "sisfall" / f"{name}.waist.csv.gz" for name in TRIALS]
    if not all(f.exists() for f in files):
        pytest.skip("SisFall not available")
    moved = []
    for name, f in zip(TRIALS, files):
        frame = concat_frames(frames_from_file(f))
        a = tl.episodes(tl.with_upstream(_copy(frame, 0.0)), tl.stage_settings())
        b = tl.episodes(tl.with_upstream(_copy(frame, NUDGE_G)), tl.stage_settings())
        assert a, f"{name}: no episode found (the check would be empty)"
        moved += [f"{name} {m}" for m in rounding_features(a, b)]
    assert not moved, "features that move with a 1e-12 g nudge (rounding noise):\n" + "\n".join(moved)
