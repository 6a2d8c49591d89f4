"""Signal helpers shared by the assessment tests (pure numpy/scipy on one BodyFrame).

Units: time in seconds since the frame's first sample, acceleration in m/s² (gravity removed
where named ``*_lin``), angles in degrees, angular rates in deg/s, heights in metres.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfiltfilt

from ..analysis.sit_stand import G_MS2, up_axis, vertical_acc_g
from ..core.frames import BodyFrame
from ..core.types import NS_PER_S

# body-worn placements that carry the vertical movement of the body, most useful first
TRUNK_PLACEMENTS = ("pelvis", "trunk")


def times_s(frame: BodyFrame) -> np.ndarray:
    """Seconds since the frame's first sample."""
    return (frame.t_ns - frame.t_ns[0]) / NS_PER_S


def lowpass(x: np.ndarray, rate_hz: float, cutoff_hz: float, order: int = 2) -> np.ndarray:
    """Zero-phase Butterworth low-pass (offline: the test is analysed over its whole buffer)."""
    x = np.asarray(x, float)
    if len(x) < 3 * (2 * order + 1) or cutoff_hz >= rate_hz / 2:
        return x.copy()
    sos = butter(order, cutoff_hz, fs=rate_hz, output="sos")
    return sosfiltfilt(sos, x, padlen=min(len(x) - 1, 3 * (2 * order + 1)))


def fill_invalid(x: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Invalid or NaN samples replaced by linear interpolation of the valid ones (the gaps stay
    flagged by the caller; filters only need finite input)."""
    x = np.asarray(x, float).copy()
    ok = np.asarray(valid, bool) & np.isfinite(x)
    if ok.all() or not ok.any():
        return np.where(np.isfinite(x), x, 0.0)
    idx = np.arange(len(x))
    x[~ok] = np.interp(idx[~ok], idx[ok], x[ok])
    return x


# An invalid stretch shorter than this (s) with valid data on both sides is bridged (``bridged``):
# the signals are interpolated across it and the movement is taken to go on through it (the
# transfer finder's moving/still rule and transfer validity, the thigh path, trunk ROM); the chair
# tests and ROM score across it and flag it as bridged (``chair_common.is_bridged``); a longer one
# interrupts them. 0.5 s (93f6b09, 4 Dec 2026) was then the finder's shortest rest
# (``TransferSettings.min_still_s``), so no rest that ends a movement could hide in a bridged gap,
# and an edge lost in one was taken to move a phase by less than the 0.5 s the tests' times are
# held to. Neither holds now. ``min_still_s`` is 0.4 s since e7fa597 (a 0.42-s rest under a
# 0.46-s gap is read as movement: tests/assessments/test_bridge_gap.py). And the height of a whole
# moving stretch (a 5xSTS without rests: one 24-s stretch) is integrated at once, so a gap changes
# transfers anywhere in it. Slid over a simulated 5xSTS (944 placements per length,
# ``python -m benchmarks.bridge_gap``), gaps of 0.2 and 0.3 s kept every time within 0.5 s of the
# same data without the gap; 0.35 s: 1 time 1.24 s off; 0.45 s: 10 off (up to 1.28 s), 12 not
# scored; 0.49 s: 17 off (up to 5.0 s), 289 not scored (33 and 220 before rel-11 fitted the long
# stretch beside a gap too long to bridge; 22 and 266 before rel-15 made a 25-tick gap at 50 Hz
# unbridged for the rules too: benchmarks/RESULTS.md). The value is kept, not re-chosen (it
# decides which gaps a test is scored across); BLE hiccups (one or two lost connection events)
# are 0.05-0.3 s. A stretch's length is its invalid grid ticks times the grid step (from its first
# invalid sample to the first valid one after it: the "(0.4 s)" its flag prints), decided in one
# place (``short_enough_to_bridge``) for detection (``bridged``) and the flags and rules
# (``chair_common.is_bridged``). Until 5 Dec 2026 the two disagreed on 25 ticks at 50 Hz (0.50 s):
# too long for ``bridged`` (25 / 50 = 0.5) but bridged for ``is_bridged`` (times 0.49999999999999645 s).
BRIDGE_GAP_S = 0.5


def short_enough_to_bridge(length_s: float, max_s: float = BRIDGE_GAP_S) -> bool:
    """Whether an invalid stretch of ``length_s`` seconds (its invalid grid ticks times the grid
    step, or its end minus its start in seconds: the same on the grid) is shorter than ``max_s``
    (s). Rounded to the nanosecond first: times are whole nanoseconds (``t_ns``), and a length
    taken from seconds since the first sample carries float residue (25 ticks at 50 Hz:
    0.49999999999999645 s), which must not decide a gap of exactly ``max_s``."""
    return round(float(length_s), 9) < max_s


def bridged(valid: np.ndarray, rate_hz: float, max_s: float = BRIDGE_GAP_S) -> np.ndarray:
    """``valid`` with each invalid run shorter than ``max_s`` (s, ``short_enough_to_bridge`` on its
    ticks / ``rate_hz``) that has valid samples on both sides set True (the caller interpolates the
    signal there and flags the gap)."""
    out = np.asarray(valid, bool).copy()
    for a, b in runs(~out):
        if a > 0 and b < len(out) and short_enough_to_bridge((b - a) / rate_hz, max_s):
            out[a:b] = True
    return out


def body_placement(frame: BodyFrame, prefer: tuple[str, ...] = TRUNK_PLACEMENTS) -> str | None:
    """The first of ``prefer`` worn in this frame (with acceleration), else None."""
    for p in prefer:
        if frame.has(f"{p}_acc_g"):
            return p
    return None


def valid_mask(frame: BodyFrame, placement: str) -> np.ndarray:
    key = f"{placement}_valid"
    return np.asarray(frame[key], bool) if frame.has(key) else np.asarray(frame["valid"], bool)


def vertical_lin_acc(frame: BodyFrame, placement: str) -> np.ndarray:
    """World-vertical acceleration without gravity (m/s², + up) of ``placement``, from the
    segment-frame acceleration and the chain's fused angles (``vertical_acc_g``)."""
    acc = np.asarray(frame[f"{placement}_acc_g"], float)
    a = vertical_acc_g(acc, frame[f"{placement}_flexion_deg"], frame[f"{placement}_lateral_deg"],
                       frame[f"{placement}_inclination_deg"])
    return (fill_invalid(a, valid_mask(frame, placement)) - 1.0) * G_MS2


def yaw_rate_dps(frame: BodyFrame, placement: str) -> np.ndarray:
    """Angular rate about world vertical (deg/s, + = turning left) from the segment-frame gyro
    and the fused angles (the up axis in segment axes, as in ``vertical_acc_g``)."""
    up = up_axis(*(frame[f"{placement}_{n}_deg"] for n in ("flexion", "lateral", "inclination")))
    g = np.asarray(frame[f"{placement}_gyr_dps"], float)
    return fill_invalid(np.einsum("ij,ij->i", g, up), valid_mask(frame, placement))


def displacement_m(a_lin: np.ndarray, rate_hz: float) -> float:
    """Vertical displacement (m) over a window from rest to rest: the velocity is forced to zero
    at both ends (linear de-trend), which removes a constant acceleration bias exactly."""
    n = len(a_lin)
    if n < 2:
        return 0.0
    vel = np.cumsum(a_lin) / rate_hz
    vel -= vel[-1] * np.linspace(0.0, 1.0, n)
    return float(np.sum(vel) / rate_hz)


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``[start, end)`` index pairs of the True runs of ``mask``."""
    m = np.concatenate([[False], np.asarray(mask, bool), [False]])
    d = np.flatnonzero(np.diff(m.astype(np.int8)))
    return list(zip(d[0::2].tolist(), d[1::2].tolist()))


def merge_runs(rs: list[tuple[int, int]], max_gap: int) -> list[tuple[int, int]]:
    """Join runs separated by at most ``max_gap`` samples."""
    out: list[tuple[int, int]] = []
    for a, b in rs:
        if out and a - out[-1][1] <= max_gap:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
