"""Episode features of the lifting stage (beside the posture features): what the episode model
(``analysis/lifting_model.py``) rates as not-a-lift / squat / stoop. Units are in the names;
``FEATURE_NAMES`` is the model's input order. Computed from :class:`LiftSignals` over one
episode (one excursion, or a descent and a rise)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ._lifting_kernels import held_level, uniform_nearest
from .lifting_signals import LiftSignals

SHAPE_POINTS = 12  # episode time courses resampled to this many points (shape features)
SHAPE_SIGNALS = ("inc", "av", "gyr", "flex")
HAND_FEATURES = (
    "peak_inc_deg",
    "depth_m",
    "first_net_m",
    "duration_s",
    "hold_s",
    "two_part",
    "peak_gyr_dps",
    "hold_gyr_dps",
    "max_av_g",
    "min_av_g",
    "hold_inc_deg",
    "inc_per_depth",
    "total_net_m",
    "hold_av_std_g",
    "first_max_av_g",
    "first_min_av_g",
    "end_inc_deg",
    "quiet_gyr_dps",
    "quiet_acc_std_g",
    "quiet_inc_deg",
    "min_flex_deg",
    "quiet_flex_deg",
    "low_plateau_gyr_dps",
    "low_min_flex_deg",
    "down_max_av_g",
    "up_max_av_g",
)
# Bottom-of-movement, end-vs-start and log-scale features (inputs of the gradient-boosted model
# since it replaced the logistic one; docs/lifting.md has what each one measured).
EXTRA_FEATURES = ("low_plateau_s", "low_inc_deg", "low_max_inc_deg", "low_flex_deg", "down_min_av_g",
                  "up_min_av_g", "low_min_m", "rise_m", "t_low_frac", "end_start_tilt_deg",
                  "end_start_flex_deg", "abs_net_m", "log_quiet_gyr", "log_low_gyr")
FEATURE_NAMES = HAND_FEATURES + EXTRA_FEATURES + tuple(
    f"shape_{sig}_{k:02d}" for sig in SHAPE_SIGNALS + ("disp",) for k in range(SHAPE_POINTS)
)
_SHAPE_NAMES = {sig: tuple(f"shape_{sig}_{k:02d}" for k in range(SHAPE_POINTS)) for sig in SHAPE_SIGNALS + ("disp",)}


@lru_cache(maxsize=256)
def _shape_grid(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(SHAPE_POINTS positions, sample indices) of np.interp for an n-sample time course; made
    once per length (read-only: every episode of that length reads the same arrays, #20)."""
    grid = np.linspace(0, n - 1, SHAPE_POINTS), np.arange(n)
    for arr in grid:
        arr.flags.writeable = False
    return grid


def mean1(x: np.ndarray) -> float:
    """``float(np.mean(x))`` of a 1-D float64 array, the same bits without ``np.mean``'s
    Python layers (~4 us a call, #20): ``_mean`` sums by ``np.add.reduce`` (numpy's pairwise
    sum) and divides by the count. Empty or other arrays: ``np.mean`` itself."""
    if x.ndim == 1 and x.shape[0] and x.dtype == np.float64:
        return float(np.add.reduce(x)) / x.shape[0]
    return float(np.mean(x))


@dataclass
class Excursion:
    """One tilt excursion of the segment, absolute sample indices; ``net_m``/``min_m``: vertical
    hip displacement at its end / lowest (m)."""

    s: int  # absolute sample index, inclusive (widened start)
    e: int  # absolute sample index, inclusive (widened end)
    peak_inc: float
    net_m: float
    min_m: float


def finite_mean(x: np.ndarray) -> float:
    """Mean of the finite values, 0.0 when there are none."""
    f = x[np.isfinite(x)]
    return mean1(f) if f.size else 0.0


def nan_to_num_ro(x: np.ndarray, nan: float = 0.0) -> np.ndarray:
    """``np.nan_to_num(x, nan=nan)`` for reading only: ``x`` itself when every value is finite
    (nan_to_num would return a copy of the same values), else nan_to_num's copy. The usual
    episode has no NaN or inf, and nan_to_num costs ~15 us a call (#20)."""
    return x if np.isfinite(x).all() else np.nan_to_num(x, nan=nan)


def held_max(x: np.ndarray, n: int) -> float | None:
    """The largest level (deg) that ``x`` stayed at or above for ``n`` consecutive samples: the
    flexion of the bend itself, not of a brief lean on the way down or up (a squat's pelvis
    leans forward only for a moment)."""
    if n < 1 or x.shape[0] < n or not np.all(np.isfinite(x)):
        return None
    if x.dtype == np.float64 and np.all(x != 0.0):
        # the minima and maximum of finite non-zero values are the same floats in any order
        # (only +0.0 and -0.0 are equal with other bits): one compiled pass (#20)
        return held_level(x, n)
    windows = np.lib.stride_tricks.sliding_window_view(x, n)
    return float(windows.min(axis=1).max())


def episode_features(sig: LiftSignals, a: Excursion, b: Excursion | None, settings: Any) -> dict[str, float]:
    """Episode features (units in the names) from one or two excursions."""
    s, e = a.s, (b.e if b is not None else a.e)
    inc = sig.seg("inc", s, e)
    gyr = sig.seg("gyr", s, e)
    av = sig.seg("av", s, e)
    fa = sig.seg("av", a.s, a.e)
    hold_av_std = 0.0
    if b is not None:
        hold = slice(a.e - s, b.s - s + 1)
        hold_av_std = float(np.std(av[hold])) if b.s > a.e else 0.0
        hold_s = (b.s - a.e) / sig.rate
        hold_gyr = float(np.nanmean(gyr[hold])) if b.s > a.e else 0.0
        hold_inc = mean1(inc[hold]) if b.s > a.e else float(inc[a.e - s])
        depth = a.min_m
    else:
        hold_s, hold_gyr, hold_inc, depth = 0.0, 0.0, 0.0, a.min_m
    peak = float(np.max(inc))
    f = {
        "peak_inc_deg": peak,
        "depth_m": depth,
        "first_net_m": a.net_m,
        "duration_s": (e - s) / sig.rate,
        "hold_s": hold_s,
        "two_part": float(b is not None),
        "peak_gyr_dps": float(np.nanmax(gyr)) if np.any(np.isfinite(gyr)) else 0.0,
        "hold_gyr_dps": hold_gyr,
        "max_av_g": float(np.max(av)),
        "min_av_g": float(np.min(av)),
        "hold_inc_deg": hold_inc,
        "inc_per_depth": peak / max(0.05, -depth),
        "total_net_m": a.net_m + (b.net_m if b is not None else 0.0),
        "hold_av_std_g": hold_av_std,
        "first_max_av_g": float(np.max(fa)),
        "first_min_av_g": float(np.min(fa)),
        "end_inc_deg": float(inc[-1]),
        **_quiet(sig, s, e),
        **_low_plateau(sig, s, e, settings.plateau_m),
        **_end_vs_start(sig, s, e, settings.end_state_s),
        "min_flex_deg": float(np.nanmin(sig.seg("flex", s, e))) if np.any(np.isfinite(sig.seg("flex", s, e))) else 0.0,
        **_shape(sig, s, e),
    }
    # nonlinear views a linear model cannot form itself: hips ending far from where they
    # started (either way), and stillness on a log scale (a seat is stiller than a squat)
    f["abs_net_m"] = abs(f["total_net_m"])
    f["log_quiet_gyr"] = float(np.log(max(f["quiet_gyr_dps"], 0.1)))
    f["log_low_gyr"] = float(np.log(max(f["low_plateau_gyr_dps"], 0.1)))
    return f


def _end_vs_start(sig: LiftSignals, s: int, e: int, end_state_s: float) -> dict[str, float]:
    """How the rest posture after the episode differs from the one before it: the angle
    between the segment's mean up-vectors (deg) over the first and last ``end_state_s`` of
    the episode (both ends are widened to still moments), and the change in flexion (deg).
    A lift starts and ends standing; sitting down or getting up from a chair does not."""
    k = max(1, int(round(end_state_s * sig.rate)))
    k = min(k, max(1, (e - s + 1) // 3))
    flex = sig.seg("flex", s, e)
    d_flex = finite_mean(flex[-k:]) - finite_mean(flex[:k])
    tilt = float("nan")
    if "up" in sig.buf:
        up = sig.seg("up", s, e)
        a, b = _nanmean_rows(up[:k]), _nanmean_rows(up[-k:])
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        if np.isfinite(na) and np.isfinite(nb) and na > 1e-9 and nb > 1e-9:
            tilt = float(np.degrees(np.arccos(np.clip(a @ b / (na * nb), -1.0, 1.0))))
    return {"end_start_tilt_deg": tilt, "end_start_flex_deg": d_flex}


def _nanmean_rows(x: np.ndarray) -> np.ndarray:
    """``np.nanmean(x, axis=0)``: without NaN its sums and division are ``np.mean``'s (the same
    bits, tested), which costs a fraction of nanmean's NaN masking and counting."""
    return np.nanmean(x, axis=0) if np.isnan(x).any() else np.mean(x, axis=0)


def _low_plateau(sig: LiftSignals, s: int, e: int, plateau_m: float) -> dict[str, float]:
    """How long the hips stay near their lowest point (s), the |gyro| there (deg/s), and the
    hip-height time course (m, SHAPE_POINTS points). A sit-down rests low and still on the
    seat for seconds; a squat turns round at the bottom."""
    disp = sig.displacement(s, e)
    low = disp <= disp.min() + plateau_m
    g = nan_to_num_ro(sig.seg("gyr", s, e), nan=0.0)
    xi = np.interp(*_shape_grid(disp.shape[0]), disp)
    inc = sig.seg("inc", s, e)
    flex = nan_to_num_ro(sig.seg("flex", s, e), nan=0.0)
    av = sig.seg("av", s, e)
    k = int(np.argmin(disp))
    return {"low_plateau_s": float(np.count_nonzero(low)) / sig.rate,
            "low_plateau_gyr_dps": mean1(g[low]),
            "low_inc_deg": mean1(inc[low]),
            "low_max_inc_deg": float(np.max(inc[low])),
            "low_flex_deg": mean1(flex[low]),
            "low_min_flex_deg": float(np.min(flex[low])),
            "down_max_av_g": float(np.max(av[: k + 1])),
            "up_max_av_g": float(np.max(av[k:])),
            "down_min_av_g": float(np.min(av[: k + 1])),
            "up_min_av_g": float(np.min(av[k:])),
            "low_min_m": float(disp[k]),
            "rise_m": float(disp[-1] - disp[k]),
            "t_low_frac": k / max(1, disp.shape[0] - 1),
            **dict(zip(_SHAPE_NAMES["disp"], xi.tolist()))}


def _shape(sig: LiftSignals, s: int, e: int) -> dict[str, float]:
    """Inclination (deg), vertical acceleration (g) and |gyro| (deg/s) over the episode,
    resampled to SHAPE_POINTS points: the time course separates squat, stoop, sitting."""
    out: dict[str, float] = {}
    grid = _shape_grid(e - s + 1)  # the same positions for every signal of the episode
    for name in SHAPE_SIGNALS:
        x = nan_to_num_ro(sig.seg(name, s, e))
        out.update(zip(_SHAPE_NAMES[name], np.interp(*grid, x).tolist()))
    return out


def _quiet(sig: LiftSignals, s: int, e: int) -> dict[str, float]:
    """The quietest second inside the episode (a supported seat is stiller than a squat):
    its mean |gyro| (deg/s), std of |acc| (g) and mean inclination (deg)."""
    w = int(sig.rate)
    g = sig.seg("gyr", s, e)
    n = g.shape[0]
    if n < w + 2:
        return {"quiet_gyr_dps": float(np.nanmean(g)), "quiet_acc_std_g": float(np.std(sig.seg("anorm", s, e))),
                "quiet_inc_deg": mean1(sig.seg("inc", s, e)),
                "quiet_flex_deg": finite_mean(sig.seg("flex", s, e))}
    gm = np.convolve(nan_to_num_ro(g, nan=1e3), np.ones(w) / w, mode="valid")
    a = sig.seg("anorm", s, e)
    am = np.convolve(a, np.ones(w) / w, mode="valid")
    a2 = np.convolve(a * a, np.ones(w) / w, mode="valid")
    astd = np.sqrt(np.maximum(a2 - am * am, 0.0))
    k = int(np.argmin(gm))
    return {"quiet_gyr_dps": float(gm[k]), "quiet_acc_std_g": float(astd.min()),
            "quiet_inc_deg": mean1(sig.seg("inc", s + k, s + k + w - 1)),
            "quiet_flex_deg": finite_mean(sig.seg("flex", s + k, s + k + w - 1))}


#: relative inclinations (deg) at which :func:`episode_gate` measures the near-horizontal rest
HORIZONTAL_DEGS = (50.0, 60.0, 70.0, 80.0)


def episode_gate(sig: LiftSignals, s: int, e: int, end_state_s: float) -> dict[str, float]:
    """What a lift cannot be (the stage's gate, not model inputs): a lift starts and ends upright
    on the feet and stays in the sagittal plane.

    * ``start_tilt_deg`` / ``end_tilt_deg``: mean inclination from the standing reference over
      the first / last ``end_state_s`` (an episode the recording cut off mid-bend ends tilted);
    * ``turn_deg``: rotation about gravity over the episode, ∫ |ω · ĝ| dt (ĝ: accelerometer
      averaged over 0.5 s; needs no alignment: both vectors are in the same axes); lying down
      on a bed or getting into a car turns the body, a lift mostly does not;
    * ``horizontal_s_<d>`` / ``horizontal_still_s_<d>``: time (s) at >= d° from the standing
      reference, and the longest still run there (lying rests, a stoop turns round);
    * ``lateral_deg``: the largest sideways tilt (deg, the up-vector's lateral component) away
      from its mean over the first ``end_state_s`` (NaN without flexion/lateral angles);
    * ``offplane_deg``: how far the movement leaves one plane: the accelerometer's direction per
      sample (segment axes, unfiltered), its best-fitting great circle (the plane through the
      origin with the least squared distance, smallest eigenvector of Σ ĝĝᵀ), and the 90th
      percentile of the angle (deg) between each direction and that circle. A lift tilts the
      pelvis forward and back about one axis, so gravity stays on one circle (SisFall D15/D16
      median 3.0 / 1.8°); lying down and getting into a car tilt sideways and backwards as well
      and shift the body (9–13°). Needs no alignment: it is the same in any sensor axes;
    * ``peak_tilt_deg``: the largest inclination (deg) from the standing reference.

    The stage also hands these values to the model as ``gate_<name>`` features (a model whose
    input list names them uses them; the shipped one may not).
    """
    k = max(1, int(round(end_state_s * sig.rate)))
    inc = sig.seg("inc", s, e)
    k = min(k, max(1, inc.shape[0] // 3))
    out = {"start_tilt_deg": mean1(inc[:k]), "end_tilt_deg": mean1(inc[-k:])}
    acc, gyr = sig.seg("acc", s, e), sig.seg("gyr3", s, e)
    # scipy.ndimage.uniform_filter1d(..., axis=0, mode="nearest") bit for bit, without loading scipy.ndimage
    g = uniform_nearest(np.ascontiguousarray(nan_to_num_ro(acc)), max(1, int(round(0.5 * sig.rate))))
    g /= np.maximum(np.linalg.norm(g, axis=1, keepdims=True), 1e-9)
    yaw = np.abs(nan_to_num_ro(np.einsum("ij,ij->i", gyr, g)))
    out["turn_deg"] = float(np.sum(yaw) / sig.rate)
    out["offplane_deg"] = offplane_deg(acc)
    out["peak_tilt_deg"] = float(np.max(inc))
    up = sig.buf.get("up")
    if up is not None:  # sideways tilt (deg) away from the episode's start: lying down and car seats roll the pelvis
        lat = np.degrees(np.arcsin(np.clip(nan_to_num_ro(sig.seg("up", s, e)[:, 1]), -1.0, 1.0)))
        out["lateral_deg"] = float(np.max(np.abs(lat - mean1(lat[:k]))))
    else:
        out["lateral_deg"] = float("nan")
    still = sig.seg("still", s, e)
    for d in HORIZONTAL_DEGS:
        hz = inc >= d
        out[f"horizontal_s_{d:g}"] = float(np.count_nonzero(hz)) / sig.rate
        out[f"horizontal_still_s_{d:g}"] = _longest_run(hz & still) / sig.rate
    return out


def offplane_deg(acc: np.ndarray, q: float = 90.0) -> float:
    """The ``q``-th percentile of the angle (deg) between each accelerometer direction (rows of
    ``acc``, any units, NaN rows skipped) and the great circle that fits them best (plane through
    the origin, least squares): 0 when the sensor tilts about one axis only. NaN with < 3 rows."""
    a = acc if np.isfinite(acc).all() else acc[np.isfinite(acc).all(axis=1)]  # (no copy when all are)
    n = np.linalg.norm(a, axis=1)
    big = n > 1e-6
    a = a / n[:, None] if big.all() else a[big] / n[big, None]
    if a.shape[0] < 3:
        return float("nan")
    normal = np.linalg.eigh(a.T @ a)[1][:, 0]  # eigenvalues ascending: the least-spread direction
    return percentile_linear(np.degrees(np.arcsin(np.clip(np.abs(a @ normal), 0.0, 1.0))), q)


def percentile_linear(x: np.ndarray, q: float) -> float:
    """``float(np.percentile(x, q))`` of a 1-D float64 array (numpy's default, linear method),
    the same bits (tested against numpy): the two order statistics around the virtual index
    ``(n - 1) * q / 100`` by one ``np.partition`` at numpy's points, then numpy's ``_lerp`` (from the lower one below
    a fraction of 0.5, from the upper one at or above it). Without numpy's general machinery,
    which costs ~50 us a call. NaN anywhere, fewer than 2 values: numpy's own function."""
    n = x.shape[0]
    vi = (n - 1) * (q / 100)
    if n < 2 or not 0.0 <= vi < n - 1 or np.isnan(x).any():
        return float(np.percentile(x, q))
    i = int(np.floor(vi))
    # numpy's own partition points (the ends too): of values that compare equal (-0.0 and 0.0)
    # which lands where depends on them
    part = np.partition(x, sorted({0, n - 1, i, i + 1}))  # np.unique's points, without its cost
    a, b = float(part[i]), float(part[i + 1])
    t = vi - float(i)
    d = b - a
    return b - d * (1 - t) if t >= 0.5 else a + d * t


def _longest_run(x: np.ndarray) -> int:
    """Length of the longest run of True in ``x``."""
    if not x.any():
        return 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], x.astype(np.int8), [0]])))
    return int(np.max(edges[1::2] - edges[::2]))
