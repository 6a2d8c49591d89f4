"""Steps, walking time, cadence and (with a leg length) step length from one body-worn sensor.

Pelvis or trunk: one step = one peak of the vertical acceleration (heel strike; low-passed
at 3 Hz), at least ``min_step_s`` apart, higher than ``min_peak_ms2`` above the local mean;
steps count only inside bouts of at least ``min_bout_steps`` with step intervals of
``min_step_s``..``max_step_s``. Thigh with a gyroscope: one stride per forward swing (a peak
of the fused signed flexion), two steps per stride. Thigh without a gyroscope (the fused tilt is
wrong while walking): one step per peak of the thigh's |acceleration| (3 Hz low-pass,
prominence ``thigh_min_peak_g`` g; 0.1 and 0.15 tie on all MobiFall walks from 0.1-0.3, the
benchmark reports the leave-one-subject-out choice).

Step length (pelvis/trunk): the inverted-pendulum model (Zijlstra & Hof 2003): with ``h`` the
vertical excursion of the sensor over a step and ``l`` the sensor's height above the floor in
standing (≈ leg length), step length = K · 2·sqrt(2·l·h − h²); K = 1.25 is the correction
factor of that paper (not re-fitted here: no recording with a known distance is available).
Units: seconds, metres, m/s², steps per minute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import find_peaks

from ..core.frames import BodyFrame
from ..core.limits import INCLINATION, POS_SECONDS, RATE, Range, check_order, check_ranges
from .signals import body_placement, fill_invalid, lowpass, times_s, valid_mask, vertical_lin_acc

PENDULUM_K = 1.25


@dataclass(frozen=True, slots=True)
class GaitSettings:
    lowpass_hz: float = 3.0
    min_peak_ms2: float = 0.6
    min_step_s: float = 0.3
    max_step_s: float = 1.2
    min_bout_steps: int = 4
    thigh_min_swing_deg: float = 4.0
    thigh_min_peak_g: float = 0.15

    def __post_init__(self) -> None:
        check_ranges("gait", self, {
            "lowpass_hz": RATE, "min_peak_ms2": Range("ms2", low=0), "min_step_s": POS_SECONDS,
            "max_step_s": POS_SECONDS, "min_bout_steps": Range("count", low=1, whole=True),
            "thigh_min_swing_deg": INCLINATION, "thigh_min_peak_g": Range("g", low=0)})
        check_order("gait", "min_step_s", self.min_step_s, "max_step_s", self.max_step_s, "s")


@dataclass(frozen=True, slots=True)
class Gait:
    """``step_s`` step times (s since the frame's start), ``bouts`` (start, end) of walking,
    ``step_length_m`` per step (empty without a leg length)."""

    step_s: np.ndarray
    bouts: list[tuple[float, float]]
    step_length_m: np.ndarray

    @property
    def steps(self) -> int:
        return int(len(self.step_s))

    @property
    def walking_s(self) -> float:
        return float(sum(b - a for a, b in self.bouts))

    @property
    def cadence_spm(self) -> float | None:
        return 60.0 * self.steps / self.walking_s if self.walking_s > 0 else None


def find_steps(frame: BodyFrame, settings: GaitSettings | None = None, leg_length_m: float | None = None,
               start_s: float = 0.0, end_s: float | None = None) -> Gait:
    s = settings or GaitSettings()
    t = times_s(frame)
    end_s = float(t[-1]) if end_s is None else end_s
    placement = body_placement(frame)
    rate = float(frame.rate_hz)
    if placement is not None:
        a = lowpass(vertical_lin_acc(frame, placement), rate, s.lowpass_hz)
        base = lowpass(a, rate, 0.5)
        peaks, _ = find_peaks(a - base, height=s.min_peak_ms2, distance=max(1, int(s.min_step_s * rate)))
        per_peak = 1
    elif frame.has("thigh_gyr_dps"):
        # with a gyroscope the fused flexion follows the swing: one forward swing per stride
        # (signed: the sign-free inclination peaks twice)
        inc = lowpass(fill_invalid(frame["thigh_flexion_deg"], valid_mask(frame, "thigh")), rate, 2.0)
        peaks, _ = find_peaks(inc, prominence=s.thigh_min_swing_deg, distance=max(1, int(2 * s.min_step_s * rate)))
        per_peak = 2
        a = None
    elif frame.has("thigh_acc_g"):
        # accelerometer only: every heel strike, either leg's, jolts the thigh: a peak of
        # |acceleration| (free of the orientation, which acc-only fusion gets wrong in walking)
        acc = fill_invalid(np.linalg.norm(np.asarray(frame["thigh_acc_g"], float), axis=1), valid_mask(frame, "thigh"))
        peaks, _ = find_peaks(lowpass(acc, rate, s.lowpass_hz), prominence=s.thigh_min_peak_g,
                              distance=max(1, int(s.min_step_s * rate)))
        per_peak = 1
        a = None
    else:
        raise ValueError("steps need a pelvis, trunk or thigh sensor")
    peaks = peaks[(t[peaks] >= start_s) & (t[peaks] <= end_s)]
    max_gap = s.max_step_s * per_peak
    bouts_idx: list[list[int]] = []
    for p in peaks:
        if bouts_idx and t[p] - t[bouts_idx[-1][-1]] <= max_gap:
            bouts_idx[-1].append(int(p))
        else:
            bouts_idx.append([int(p)])
    kept = [b for b in bouts_idx if len(b) * per_peak >= s.min_bout_steps]
    step_t: list[float] = []
    bouts: list[tuple[float, float]] = []
    for b in kept:
        tb = t[b]
        period = float(np.median(np.diff(tb))) if len(tb) > 1 else max_gap / 2
        bouts.append((max(start_s, float(tb[0]) - period / 2), min(end_s, float(tb[-1]) + period / 2)))
        if per_peak == 1:
            step_t += tb.tolist()
        else:  # a step each half stride
            step_t += sorted(tb.tolist() + (tb[:-1] + np.diff(tb) / 2).tolist() + [float(tb[-1]) + period / 2])
    lengths = np.zeros(0)
    if leg_length_m is not None and a is not None and kept:
        lengths = np.concatenate([_pendulum_lengths(vertical_lin_acc(frame, placement), rate, np.asarray(b), leg_length_m)
                                  for b in kept])
    return Gait(np.asarray(step_t), bouts, lengths)


def _pendulum_lengths(a_lin: np.ndarray, rate: float, peaks: np.ndarray, leg_length_m: float) -> np.ndarray:
    """Step length per step between consecutive heel strikes (one fewer than ``peaks``)."""
    out = []
    for p0, p1 in zip(peaks, peaks[1:]):
        seg = a_lin[p0 : p1 + 1] - np.mean(a_lin[p0 : p1 + 1])
        vel = np.cumsum(seg) / rate
        vel -= np.mean(vel)
        z = np.cumsum(vel) / rate
        h = float(np.max(z) - np.min(z))
        out.append(PENDULUM_K * 2.0 * np.sqrt(max(2.0 * leg_length_m * h - h * h, 0.0)))
    return np.asarray(out)
