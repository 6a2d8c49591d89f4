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

from functools import lru_cache

import numpy as np

from ..core.types import STANDARD_GRAVITY_MS2
from ._posture_kernels import MAX_PAIRWISE_N, orientation_kernel, placement_kernel, window_kernel

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


@lru_cache(maxsize=8)
def _params(rate_hz: float) -> tuple[int, int, int, int, int, int]:
    """Sample counts at ``rate_hz``: window w, 1 s, 0.5 s, the 0.1 s rate step, step lags
    [lo, hi) (every 2nd sample from 0.3 to 1.2 s)."""
    w = window_samples(rate_hz)
    s1 = int(round(rate_hz))
    h = int(round(0.5 * rate_hz))
    d = max(1, int(round(0.1 * rate_hz)))
    lag_lo, lag_hi = int(0.3 * rate_hz), int(1.2 * rate_hz) + 1
    if lag_lo < 1 or lag_hi > w or h < 1:
        raise ValueError(f"rate {rate_hz} Hz too low for the posture features")
    if w > MAX_PAIRWISE_N:
        raise ValueError(f"window of {w} samples too long for the feature kernels (max {MAX_PAIRWISE_N})")
    return w, s1, h, d, lag_lo, lag_hi


def _starts(n: int, w: int, tick_end: np.ndarray) -> np.ndarray:
    """First sample of each window; a window must lie inside the signal (no wrap-around)."""
    end = np.asarray(tick_end, np.int64).reshape(-1)
    if len(end) and (end.min() < w - 1 or end.max() >= n):
        raise ValueError(f"tick_end must be in [{w - 1}, {n - 1}] (window {w} samples, signal {n} samples)")
    return end - (w - 1)


def _acc(acc_g: np.ndarray) -> np.ndarray:
    acc = np.ascontiguousarray(acc_g, np.float64)
    if acc.ndim != 2 or acc.shape[1] != 3:
        raise ValueError(f"acc_g must be (n, 3); got {acc.shape}")
    return acc


def placement_features(acc_g: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """Features (len(tick_end), 14) float32 for ticks ending at sample indices ``tick_end``.

    ``acc_g`` (n, 3) in the segment frame (z up), computed in float64; every ``tick_end`` must
    be in [W - 1, n - 1] (ValueError otherwise). Compiled kernel: see :mod:`._posture_kernels`
    (bit-identical to the numpy definition kept in ``tests/analysis/test_posture_features_speed.py``).
    """
    w, s1, h, _, lag_lo, lag_hi = _params(float(rate_hz))
    acc = _acc(acc_g)
    start = _starts(len(acc), w, tick_end)
    out = np.empty((len(start), len(_BASE)), np.float64)
    if len(start):
        placement_kernel(acc, start, w, s1, h, float(rate_hz), STANDARD_GRAVITY_MS2, lag_lo, lag_hi, 2, out)
    return out.astype(np.float32)


_ORIENT = ("fincl_tail", "fincl_range", "fincl_rate_max", "fincl_d", "fincl_peak_pos")


def orientation_names(prefix: str) -> list[str]:
    return [f"{prefix}_{b}" for b in _ORIENT]


def orientation_features(incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """Features (len(tick_end), 5) float32 of the fused inclination (deg) over the same trailing
    window: mean of the last 0.5 s (deg), max - min (deg), peak |rate| over 0.1 s steps (deg/s),
    last 0.5 s mean minus first 0.5 s mean (deg), and where in the window (0 = start, 1 = end)
    the inclination peaked (when the forward lean of a transition happened)."""
    w, _, h, d, _, _ = _params(float(rate_hz))
    incl = np.ascontiguousarray(incl_deg, np.float64).reshape(-1)
    start = _starts(len(incl), w, tick_end)
    out = np.empty((len(start), len(_ORIENT)), np.float64)
    if len(start):
        orientation_kernel(incl, start, w, h, d, float(rate_hz), out)
    return out.astype(np.float32)


def window_features(acc_g: np.ndarray, incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    """One window's model features: :func:`placement_features` then :func:`orientation_features`
    ((len(tick_end), 19) float32), computed in one compiled call."""
    w, s1, h, d, lag_lo, lag_hi = _params(float(rate_hz))
    acc = _acc(acc_g)
    incl = np.ascontiguousarray(incl_deg, np.float64).reshape(-1)
    if len(incl) != len(acc):
        raise ValueError(f"incl_deg has {len(incl)} samples, acc_g {len(acc)}")
    start = _starts(len(acc), w, tick_end)
    if not len(start):
        return np.empty((0, len(_BASE) + len(_ORIENT)), np.float32)
    return window_kernel(acc, incl, start, w, s1, h, d, float(rate_hz), STANDARD_GRAVITY_MS2, lag_lo, lag_hi, 2)


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
