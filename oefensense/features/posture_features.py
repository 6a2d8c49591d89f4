"""Per-tick posture features from one placement's segment-frame acceleration.

A tick at sample index ``e`` uses the trailing window ``[e - W + 1, e]`` (W = FEATURE_WINDOW_S),
so a feature never looks ahead and streaming equals offline. All features are invariant to
heading (rotation about the vertical), because the sensor's heading on the body is unknown:

* ``incl_*`` angle (deg) between the segment's long axis (+z) and the mean acceleration
  (gravity) over the whole window, its last 1 s, its first and last 0.5 s;
* ``d_incl`` last 0.5 s minus first 0.5 s inclination (deg): tilting during a transition;
* ``sd_mag``, ``sd_mag_1s`` SD of |a| (g); ``sd_vert``/``sd_hor`` SD along / across the window's
  gravity direction (g);
* ``v_min``, ``v_max`` (m/s) extremes of the vertical velocity obtained by integrating the
  vertical dynamic acceleration over the window; ``v_end`` its final value; ``v_order`` +1 when
  the maximum comes after the minimum (moving down, then up: standing up has the opposite);
* ``step_ac`` peak autocorrelation of |a| at step lags 0.3–1.2 s (periodicity of walking).

The model also gets :func:`orientation_features` of the runtime chain's fused inclination
(``<placement>_inclination_deg``: gyro + accelerometer, free of movement acceleration), which
follows the trunk lean of a sit-to-stand / stand-to-sit that the accelerometer mean blurs.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..core.types import STANDARD_GRAVITY_MS2

FEATURE_WINDOW_S = 2.56
_BASE = (
    "incl",
    "incl_1s",
    "incl_head",
    "incl_tail",
    "d_incl",
    "sd_mag",
    "sd_mag_1s",
    "sd_vert",
    "sd_hor",
    "v_min",
    "v_max",
    "v_end",
    "v_order",
    "step_ac",
)


def feature_names(prefix: str) -> list[str]:
    """Feature names for one placement, in column order."""
    return [f"{prefix}_{b}" for b in _BASE]


def window_samples(rate_hz: float) -> int:
    return int(round(FEATURE_WINDOW_S * rate_hz))


def _angle_to_z(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1)
    return np.degrees(np.arccos(np.clip(v[..., 2] / np.maximum(n, 1e-9), -1.0, 1.0)))


def placement_features(acc_g: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """Features (len(tick_end), 14) float32 for ticks ending at sample indices ``tick_end``.

    ``acc_g`` (n, 3) in the segment frame (z up); every ``tick_end`` must be >= W - 1.
    """
    w = window_samples(rate_hz)
    s1 = int(round(rate_hz))
    h = int(round(0.5 * rate_hz))
    m = len(tick_end)
    if m == 0:
        return np.empty((0, len(_BASE)), np.float32)
    start = np.asarray(tick_end) - (w - 1)
    # (m, 3, w) windows: view, then a contiguous copy so reductions see the same layout always.
    win = np.ascontiguousarray(sliding_window_view(acc_g, w, axis=0)[start])
    mean = win.mean(axis=2)
    g_hat = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    mag = np.linalg.norm(win, axis=1)  # (m, w)
    vert = np.einsum("mcw,mc->mw", win, g_hat)  # along gravity, g
    hor = win - vert[:, None, :] * g_hat[:, :, None]
    out = np.empty((m, len(_BASE)), np.float64)
    out[:, 0] = _angle_to_z(mean)
    out[:, 1] = _angle_to_z(win[:, :, -s1:].mean(axis=2))
    head = _angle_to_z(win[:, :, :h].mean(axis=2))
    tail = _angle_to_z(win[:, :, -h:].mean(axis=2))
    out[:, 2] = head
    out[:, 3] = tail
    out[:, 4] = tail - head
    out[:, 5] = mag.std(axis=1)
    out[:, 6] = mag[:, -s1:].std(axis=1)
    out[:, 7] = vert.std(axis=1)
    out[:, 8] = np.sqrt((hor.var(axis=2)).sum(axis=1))
    dyn = (vert - vert.mean(axis=1, keepdims=True)) * STANDARD_GRAVITY_MS2
    vel = np.cumsum(dyn, axis=1) / rate_hz
    out[:, 9] = vel.min(axis=1)
    out[:, 10] = vel.max(axis=1)
    out[:, 11] = vel[:, -1]
    out[:, 12] = np.sign(vel.argmax(axis=1) - vel.argmin(axis=1))
    # Periodicity: normalised autocorrelation of |a| at step lags.
    x = mag - mag.mean(axis=1, keepdims=True)
    den = np.maximum((x * x).sum(axis=1), 1e-12)
    lags = range(int(0.3 * rate_hz), int(1.2 * rate_hz) + 1, 2)
    ac = np.stack([(x[:, :-lag] * x[:, lag:]).sum(axis=1) for lag in lags], axis=1) / den[:, None]
    out[:, 13] = ac.max(axis=1)
    return out.astype(np.float32)


_ORIENT = ("fincl_tail", "fincl_range", "fincl_rate_max", "fincl_d", "fincl_peak_pos")


def orientation_names(prefix: str) -> list[str]:
    return [f"{prefix}_{b}" for b in _ORIENT]


def orientation_features(incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """Features (len(tick_end), 5) float32 of the fused inclination (deg) over the same trailing
    window: mean of the last 0.5 s (deg), max - min (deg), peak |rate| over 0.1 s steps (deg/s),
    last 0.5 s mean minus first 0.5 s mean (deg), and where in the window (0 = start, 1 = end)
    the inclination peaked (when the forward lean of a transition happened)."""
    w = window_samples(rate_hz)
    h = int(round(0.5 * rate_hz))
    d = max(1, int(round(0.1 * rate_hz)))
    m = len(tick_end)
    if m == 0:
        return np.empty((0, len(_ORIENT)), np.float32)
    win = np.ascontiguousarray(sliding_window_view(np.asarray(incl_deg, np.float64), w)[np.asarray(tick_end) - (w - 1)])
    out = np.empty((m, len(_ORIENT)), np.float64)
    tail = win[:, -h:].mean(axis=1)
    out[:, 0] = tail
    out[:, 1] = win.max(axis=1) - win.min(axis=1)
    out[:, 2] = np.abs(win[:, d:] - win[:, :-d]).max(axis=1) * rate_hz / d
    out[:, 3] = tail - win[:, :h].mean(axis=1)
    out[:, 4] = win.argmax(axis=1) / (w - 1)
    return out.astype(np.float32)


def window_features(acc_g: np.ndarray, incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """One window's model features: :func:`placement_features` then :func:`orientation_features`."""
    return np.hstack([placement_features(acc_g, rate_hz, tick_end), orientation_features(incl_deg, rate_hz, tick_end)])


# ---- model contract (shared by training and runtime) -------------------------------------
#: Classes of the posture models: 4 static postures, then directed transitions.
MODEL_STATES = (
    "lying",
    "sitting",
    "standing",
    "walking",
    "stand_to_sit",
    "sit_to_stand",
    "sit_to_lie",
    "lie_to_sit",
    "stand_to_lie",
    "lie_to_stand",
)
#: Features are stacked for the tick and the ticks this many seconds before it (context).
CONTEXT_S = (0.0, 1.0, 2.0)
#: The model's output at tick t describes the body at t - LABEL_DELAY_S (window centring).
LABEL_DELAY_S = 1.0


def history_samples(rate_hz: float) -> int:
    """Samples of history one tick needs (window plus context)."""
    return window_samples(rate_hz) + int(round(max(CONTEXT_S) * rate_hz))


def stacked_feature_names(prefix: str) -> list[str]:
    names = feature_names(prefix) + orientation_names(prefix)
    return [f"{n}@-{c:g}s" for c in CONTEXT_S for n in names]


def stacked_features(acc_g: np.ndarray, incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """Model input rows: :func:`window_features` at each tick and at the CONTEXT_S ticks before
    it; every ``tick_end`` must be >= history_samples - 1."""
    tick_end = np.asarray(tick_end)
    return np.hstack(
        [window_features(acc_g, incl_deg, rate_hz, tick_end - int(round(c * rate_hz))) for c in CONTEXT_S]
    )
