"""Rule-based sit-to-stand / stand-to-sit detector from one lower-back (pelvis) sensor.

Physics, not a trained model: a chair transfer is a short movement between two still periods
(sitting still, standing still) during which the pelvis rises (sit-to-stand) or falls
(stand-to-sit) by roughly a seat height (HAPT median +0.36 m / -0.29 m). The detector

1. marks samples as *still* when, over the trailing ``still_window_s``, the SD of the
   acceleration magnitude is below ``still_acc_sd_g`` and the mean gyro magnitude below
   ``still_gyr_dps`` (causal, so a stream gives the same marks however it is split);
2. takes every non-still run (a *movement*) of ``min_move_s`` .. ``max_move_s``;
3. estimates the vertical displacement over it by double integration of the acceleration
   magnitude minus the resting magnitude (|a| - 1 g is the vertical acceleration to first
   order, whatever the sensor's tilt). The resting magnitude is interpolated from the still
   samples before and after (an uncalibrated sensor reads a slightly different |a| sitting and
   standing), and the velocity is de-trended to be zero at both still ends;
4. calls the movement ``sit_to_stand`` when the rise is >= ``min_rise_m``, ``stand_to_sit``
   when the fall is >= ``min_rise_m``; movements that start or end lying (pelvis inclination
   >= ``lying_deg``) are not chair transfers.

Thresholds were chosen on HAPT (see ``docs/posture.md``); SisFall is the unseen check.
Units: times in ns (session clock), rise in m, angles in degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..core.angle_trig import cos_deg, sin_deg
from ..core.frames import BodyFrame
from ..core.limits import INCLINATION, POS_SECONDS, SECONDS, Range, check_order, check_ranges
from ..core.types import NS_PER_S
# the leaf is core/pairwise_kernels' vector one; numba's cache keys on this file alone (#20)
from ..features._posture_kernels import MAX_PAIRWISE_N, _pairwise

G_MS2 = 9.80665
KINDS = ("sit_to_stand", "stand_to_sit")


@dataclass(frozen=True, slots=True)
class SitStandSettings:
    """``still_*``: stillness test over the trailing ``still_window_s`` (s); a movement lasts
    ``min_move_s`` .. ``max_move_s`` (s); ``baseline_s``: still time before/after used for the
    resting |a| (s); ``min_rise_m``: |vertical displacement| that makes a chair transfer (m);
    ``lying_deg``: pelvis inclination from which a still period counts as lying (deg);
    ``fused_vertical``: vertical acceleration from the chain's fused angles (else |a|, which
    also counts forward acceleration); ``integrate_lead_in``: start the integration at the
    still samples before the movement (physically complete; measured, lower HAPT F1, off);
    ``step_g``: the vertical acceleration above rest (g) a step's impact reaches (walking: 0.3-0.5 g
    at the pelvis), for counting steps in a movement (``SitStandMove.steps``)."""

    still_window_s: float = 0.5
    still_acc_sd_g: float = 0.02
    still_gyr_dps: float = 10.0
    min_move_s: float = 0.6
    max_move_s: float = 8.0
    baseline_s: float = 0.5
    min_rise_m: float = 0.1
    lying_deg: float = 60.0
    fused_vertical: bool = True
    integrate_lead_in: bool = False
    step_g: float = 0.2  # vertical acceleration above rest that counts as a step's impact (g)
    end_at_settled: float | None = 0.1  # the move ends where the height stays within this x the rise of its end (None: at stillness)

    def __post_init__(self) -> None:
        check_ranges("sit_stand", self, {
            "still_window_s": POS_SECONDS, "still_acc_sd_g": Range("g", low=0, low_open=True),
            "still_gyr_dps": Range("dps", low=0, low_open=True), "min_move_s": SECONDS, "max_move_s": POS_SECONDS,
            "baseline_s": POS_SECONDS, "min_rise_m": Range("m", low=0), "lying_deg": INCLINATION,
            "step_g": Range("g", low=0, low_open=True), "end_at_settled": Range("ratio", low=0, high=1, none=True)})
        check_order("sit_stand", "min_move_s", self.min_move_s, "max_move_s", self.max_move_s, "s")


@dataclass(frozen=True, slots=True)
class SitStandMove:
    """One detected chair transfer: ``kind`` in :data:`KINDS`, movement ``start_ns``..``end_ns``
    (session clock), ``rise_m`` vertical displacement (+ up), ``decided_ns`` the data time at
    which it was decided (live latency), ``end_of_data`` when the stream ended inside it."""

    kind: str
    start_ns: int
    end_ns: int
    rise_m: float
    decided_ns: int
    end_of_data: bool = False
    steps: int = 0  # step impacts in it (see step_impacts): a walk has one per step


def step_impacts(vertical_g: np.ndarray, level_g: float) -> int:
    """How often the vertical acceleration above rest (g) climbs past ``level_g`` after having
    been below rest: one per step in gait (heel strikes), one or two in a chair transfer."""
    side = np.where(vertical_g > level_g, 1, np.where(vertical_g < 0.0, -1, 0))
    side = side[side != 0]
    if not len(side):
        return 0
    return int(np.count_nonzero(side[1:] > side[:-1])) + int(side[0] == 1)


def _vertical_velocity(norm_g: np.ndarray, rate_hz: float, rest_before_g: float, rest_after_g: float) -> np.ndarray:
    """Vertical velocity (m/s) over a movement from still to still (``len(norm_g)`` >= 2): the
    acceleration ``norm_g`` (g) minus the resting value interpolated from before to after,
    integrated, with the velocity forced to zero at both ends (linear de-trend)."""
    frac = np.linspace(0.0, 1.0, len(norm_g))
    acc = (norm_g - (rest_before_g + (rest_after_g - rest_before_g) * frac)) * G_MS2
    vel = np.cumsum(acc) / rate_hz
    vel -= vel[-1] * frac
    return vel


def vertical_rise_m(norm_g: np.ndarray, rate_hz: float, rest_before_g: float, rest_after_g: float) -> float:
    """Vertical displacement (m, + up) over a movement from still to still, from the acceleration
    magnitude ``norm_g`` (g) of its samples: resting magnitude interpolated from before to after,
    velocity forced to zero at both ends (linear de-trend), then integrated."""
    if len(norm_g) < 2:
        return 0.0
    return float(np.sum(_vertical_velocity(norm_g, rate_hz, rest_before_g, rest_after_g)) / rate_hz)


def rise_settled_index(norm_g: np.ndarray, rate_hz: float, rest_before_g: float, rest_after_g: float,
                       within: float) -> int:
    """Index of the first sample from which the pelvis height (as in :func:`vertical_rise_m`)
    stays within ``within`` x the whole rise of its final height: where the rise or fall itself
    ends, not where the body is still again (shuffling or settling after standing up kept a
    2.4-s stand-up "moving" for 6.5 s)."""
    if len(norm_g) < 2:
        return len(norm_g)
    height = np.cumsum(_vertical_velocity(norm_g, rate_hz, rest_before_g, rest_after_g)) / rate_hz
    off = np.flatnonzero(np.abs(height - height[-1]) >= within * abs(height[-1]))
    return int(off[-1]) + 1 if len(off) else 0


def up_axis(flexion_deg: np.ndarray, lateral_deg: np.ndarray, inclination_deg: np.ndarray) -> np.ndarray:
    """The world up axis in segment axes, (n, 3) unit vectors, from the chain's fused angles
    (degrees): (-sin flexion, sin lateral, cos inclination), normalised."""
    f, l, i = (np.radians(np.asarray(x, float)) for x in (flexion_deg, lateral_deg, inclination_deg))
    up = np.stack([-np.sin(f), np.sin(l), np.cos(i)], axis=-1)
    return up / np.maximum(np.linalg.norm(up, axis=-1, keepdims=True), 1e-9)


def vertical_acc_g(acc_g: np.ndarray, flexion_deg: np.ndarray, lateral_deg: np.ndarray, inclination_deg: np.ndarray) -> np.ndarray:
    """Acceleration along world vertical (g, incl. gravity) from the segment-frame acceleration
    and the chain's fused angles: the world up axis in segment axes is (-sin flexion,
    sin lateral, cos inclination), normalised (gyro-driven during the movement, so free of the
    movement's own acceleration)."""
    # the sines and cosines of a frame's angle channels are made once for every stage that
    # needs them (core/angle_trig: np.sin(np.radians(x)), the same values)
    sf, sl, ci = sin_deg(flexion_deg), sin_deg(lateral_deg), cos_deg(inclination_deg)
    a = np.asarray(acc_g, float)
    if a.ndim != 2 or a.shape[1] != 3 or not (len(a) == len(sf) == len(sl) == len(ci)):
        raise ValueError(f"acc_g (n, 3) and three angle channels of n samples expected; got {a.shape}, "
                         f"{len(sf)}, {len(sl)}, {len(ci)}")
    out = np.empty(len(a))
    _vertical(a, sf, sl, ci, out)
    return out


@njit(cache=True, nogil=True)
def _vertical(a: np.ndarray, sf: np.ndarray, sl: np.ndarray, ci: np.ndarray, out: np.ndarray) -> None:
    """``out`` = :func:`vertical_acc_g` from the sines/cosines, in one pass instead of ~12 numpy
    passes (#20); the same operations in the same order as the numpy form it replaced, so the
    same bits (no fastmath: no fused multiply-add; tested against it)::

        ux, uy, uz = -sf, sl, ci
        norm = np.maximum(np.sqrt(ux * ux + uy * uy + uz * uz), 1e-9)
        out = (a[:, 0] * (ux / norm) + a[:, 1] * (uy / norm)) + a[:, 2] * (uz / norm)

    (component-wise rather than stack/norm/einsum: the last bit differs from einsum's in ~1/4 of
    samples; identical events on all 49 HAPT recordings)."""
    for i in range(len(out)):
        ux, uy, uz = -sf[i], sl[i], ci[i]
        norm = math.sqrt(ux * ux + uy * uy + uz * uz)
        if norm < 1e-9:  # np.maximum(norm, 1e-9): NaN stays NaN
            norm = 1e-9
        out[i] = (a[i, 0] * (ux / norm) + a[i, 1] * (uy / norm)) + a[i, 2] * (uz / norm)


class SitStandDetector:
    """Streaming detector over BodyFrames with ``pelvis_acc_g`` + ``pelvis_gyr_dps``
    (+ ``pelvis_inclination_deg`` for the lying guard). ``process(frame)`` returns the moves
    decided within that frame, ``finish()`` a movement still open at the end of the data.

    ``mid_stream``: the detector starts on a stream already under way (a sensor that joined or
    came back): a movement in progress at its first sample, with no still period before it, is
    not a transfer (a walk the pelvis joined in was a 0.5-m "sit-down"). At a recording's start
    the first sample stands in for the rest before (chair trials that start moving)."""

    def __init__(self, settings: SitStandSettings | None = None, *, mid_stream: bool = False) -> None:
        self.settings = settings or SitStandSettings()
        self.mid_stream = mid_stream
        self.reset()

    def reset(self) -> None:
        self._rate: float | None = None
        self._tail_n = np.zeros(0)  # last window-1 samples of |a| and |gyro| (causal stillness)
        self._tail_g = np.zeros(0)
        # (k, 2) arrays of (vertical acc, inclination) rows, views of the frames' own (never
        # written): a run costs a slice, not a Python tuple per sample (#20)
        self._rest = _NO_ROWS  # recent still samples, newest last (at most baseline_s of them)
        self._move_n: list[np.ndarray] = []  # the open movement's vertical acc, in pieces ...
        self._move_len = 0  # ... of this many samples in all
        self._move_start: int | None = None
        self._move_rest = _NO_ROWS  # still samples before it
        self._after = _NO_ROWS  # still samples after a finished movement
        self._pending: tuple[int, int, np.ndarray, np.ndarray] | None = None
        self._last_t: int | None = None
        self._too_long = False

    # -- stillness ---------------------------------------------------------------------------
    @property
    def busy_since_ns(self) -> int | None:
        """Start (session ns) of a movement not yet decided (open, or awaiting its still end), else None."""
        if self._pending is not None:
            return self._pending[0]
        return self._move_start

    def _still(self, norm: np.ndarray, gyr: np.ndarray) -> np.ndarray:
        """Still flag per sample from the trailing window. Each window is summed from its own
        samples (not a running cumsum), so the flags are bit-identical however the stream is
        split; the first window-1 samples of a stream are never still (NaN history)."""
        s = self.settings
        assert self._rate is not None
        w = max(int(round(s.still_window_s * self._rate)), 1)
        if w > MAX_PAIRWISE_N:
            raise ValueError(f"still_window_s covers {w} samples; at most {MAX_PAIRWISE_N} supported")
        if len(self._tail_n) != w - 1:  # stream start (or another window length)
            self._tail_n = np.full(w - 1, np.nan)
            self._tail_g = np.full(w - 1, np.nan)
        n_all = np.concatenate([self._tail_n, norm])
        g_all = np.concatenate([self._tail_g, gyr])
        if w > 1:
            self._tail_n, self._tail_g = n_all[-(w - 1) :], g_all[-(w - 1) :]
        out = np.empty(len(norm), np.bool_)
        _still_flags(n_all, n_all * n_all, g_all, w, s.still_acc_sd_g, s.still_gyr_dps, out)
        return out

    # -- stream ------------------------------------------------------------------------------
    def process(self, frame: BodyFrame) -> list[SitStandMove]:
        if len(frame) == 0:
            return []
        if not (frame.has("pelvis_acc_g") and frame.has("pelvis_gyr_dps")):
            raise ValueError("SitStandDetector needs pelvis_acc_g and pelvis_gyr_dps")
        self._rate = float(frame.rate_hz)
        acc = np.asarray(frame["pelvis_acc_g"], float)
        norm = _row_norm(acc)
        gyr = _row_norm(np.asarray(frame["pelvis_gyr_dps"], float))
        inc = np.asarray(frame["pelvis_inclination_deg"], float) if frame.has("pelvis_inclination_deg") else np.zeros(len(norm))
        vert = norm
        if self.settings.fused_vertical and frame.has("pelvis_flexion_deg") and frame.has("pelvis_lateral_deg"):
            vert = vertical_acc_g(acc, frame["pelvis_flexion_deg"], frame["pelvis_lateral_deg"], inc)
        still = self._still(norm, gyr)
        out: list[SitStandMove] = []
        t = frame.t_ns
        # Work per run of equal still state (a few per frame), not per sample.
        edges = np.flatnonzero(np.diff(still.astype(np.int8))) + 1
        bounds = np.concatenate([[0], edges, [len(still)]])
        pairs = np.stack([vert, inc], axis=1)
        nb = max(int(round(self.settings.baseline_s * self._rate)), 1)
        cut, state = bounds.tolist(), still[bounds[:-1]].tolist()
        for k in range(len(state)):
            a, b = cut[k], cut[k + 1]
            self._run(state[k], pairs[a:b], t[a:b], nb, out)
        self._last_t = int(t[-1])
        return out

    def _run(self, still: bool, vals: np.ndarray, t: np.ndarray, nb: int, out: list[SitStandMove]) -> None:
        """One run of samples with the same still state: ``vals`` (n, 2) = (vertical acc g,
        inclination deg), ``t`` their times (ns); ``nb`` the baseline's samples."""
        s = self.settings
        assert self._rate is not None
        if still:
            if self._move_start is not None:  # a movement just ended
                rest0 = self._move_rest if len(self._move_rest) else vals[:1]
                dur = (int(t[0]) - self._move_start) / NS_PER_S
                # a movement too short or too long can raise nothing: no after-baseline needed
                ok = self._move_len > 0 and s.min_move_s <= dur <= s.max_move_s
                ok &= len(self._move_rest) > 0 or not self.mid_stream
                self._pending = (self._move_start, int(t[0]), self._moved(), rest0) if ok else None
                self._after = _NO_ROWS
                self._move_start, self._move_n, self._move_len = None, [], 0
            if self._pending is not None:
                need = nb - len(self._after)
                self._after = _rows_then(self._after, vals[:need])
                if len(self._after) >= nb:
                    self._decide(int(t[need - 1]), out)
            self._rest = _rows_then(self._rest, vals[-nb:])[-nb:]
            return
        if self._pending is not None:  # moving again before the after-baseline was complete
            if len(self._after):
                self._decide(int(t[0]), out)
            else:
                self._pending = None
        if self._move_start is None:
            self._move_start = int(t[0])
            self._move_rest = self._rest  # still samples before it (medians only when decided)
            self._too_long = False
            if self.settings.integrate_lead_in:
                # the trailing stillness test trips only once the movement is under way: its
                # onset is in the still samples just before, so integrate from there
                self._move_n, self._move_len = [self._rest[:, 0]], len(self._rest)
            self._rest = _NO_ROWS
        if not self._too_long:
            self._move_n.append(vals[:, 0])
            self._move_len += len(vals)
            if self._move_len > s.max_move_s * self._rate:
                self._too_long, self._move_n, self._move_len = True, [], 0

    def _moved(self) -> np.ndarray:
        """The open movement's vertical acceleration (g) as one array."""
        return np.concatenate(self._move_n) if self._move_n else np.empty(0)

    def _decide(self, now: int, out: list[SitStandMove], end_of_data: bool = False) -> None:
        assert self._pending is not None and self._rate is not None
        start, end, ns, rest_samples = self._pending
        after, self._pending, self._after = self._after, None, _NO_ROWS
        s = self.settings
        dur = (end - start) / NS_PER_S
        if not len(ns) or dur < s.min_move_s or dur > s.max_move_s:
            return
        rest0 = _median_rest(rest_samples)
        assert rest0 is not None
        rest1 = _median_rest(after) or rest0
        if max(rest0[1], rest1[1]) >= s.lying_deg:
            return
        vert = ns
        rise = vertical_rise_m(vert, self._rate, rest0[0], rest1[0])
        if abs(rise) >= s.min_rise_m:
            steps = step_impacts(vert - rest0[0], s.step_g)
            if s.end_at_settled is not None:
                k = rise_settled_index(vert, self._rate, rest0[0], rest1[0], s.end_at_settled)
                end = min(end, start + int(round(max(k, 1) * NS_PER_S / self._rate)))
            out.append(SitStandMove(KINDS[0] if rise > 0 else KINDS[1], start, end, round(rise, 3), now, end_of_data, steps))

    def finish(self) -> list[SitStandMove]:
        """Decide what the end of the data leaves open (a movement with no still period after)."""
        out: list[SitStandMove] = []
        if self._last_t is None:
            return out
        if self._pending is not None:
            self._decide(self._last_t, out)
        if (self._move_start is not None and not self._too_long and self._move_len
                and (len(self._move_rest) or not self.mid_stream)):
            moved = self._moved()
            samples = self._move_rest if len(self._move_rest) else np.array([[moved[0], 0.0]])
            self._pending = (self._move_start, self._last_t, moved, samples)
            self._after = np.array([[moved[-1], _median(samples[:, 1].tolist())]])
            self._decide(self._last_t, out, end_of_data=True)
        self._move_start, self._move_n, self._move_len = None, [], 0
        return out


_U = 2.0**-53  # unit roundoff of float64


@njit(cache=True, nogil=True)
def _still_flags(
    norm: np.ndarray, norm_sq: np.ndarray, gyr: np.ndarray, w: int, sd_max_g: float, gyr_max_dps: float, out: np.ndarray
) -> None:
    """``out[i]``: the window ``[i, i + w)`` is still (SD of |a| < ``sd_max_g`` and mean |gyro| <
    ``gyr_max_dps``; any NaN in it: not still). The flags are those of numpy's pairwise sums
    (``_pairwise``, windows up to ``MAX_PAIRWISE_N`` samples), i.e. of
    ``sliding_window_view(x, w).mean(axis=1)``, bit for bit (tested).

    Most windows are far from a threshold: running (prefix) sums decide them, with a bound on
    how far those can be from the pairwise sums (sequential summation error <= n u sum|x|, the
    pairwise sum's the same, the roundings of mean, square, difference and sqrt a few u more);
    a window within that bound of a threshold is summed exactly, as before. ~1/4 of the time of
    three pairwise sums per window."""
    n = len(norm)
    if not (sd_max_g > 0.0 and gyr_max_dps > 0.0) or n > 1 << 40:
        _still_flags_exact(norm, norm_sq, gyr, w, sd_max_g, gyr_max_dps, out, 0, len(out))
        return
    cg = np.empty(n + 1)
    cn = np.empty(n + 1)
    cq = np.empty(n + 1)
    bad = np.empty(n + 1, np.int64)
    cg[0] = cn[0] = cq[0] = 0.0
    bad[0] = 0
    ag = an = aq = 0.0  # sums of |x| (the error bound's scale)
    for k in range(n):
        g, a, q = gyr[k], norm[k], norm_sq[k]
        if math.isfinite(g) and math.isfinite(a) and math.isfinite(q):
            cg[k + 1], cn[k + 1], cq[k + 1], bad[k + 1] = cg[k] + g, cn[k] + a, cq[k] + q, bad[k]
            ag += abs(g)
            an += abs(a)
            aq += abs(q)
        else:  # every window holding it is not still (NaN/inf sums); the others skip it
            cg[k + 1], cn[k + 1], cq[k + 1], bad[k + 1] = cg[k], cn[k], cq[k], bad[k] + 1
    scale = 5.0 * (n + 1) * _U
    eg, es, eq = scale * ag, scale * an / w, scale * aq / w  # |prefix difference - pairwise sum| (/ w)
    tg = gyr_max_dps * w
    g_pass, g_fail = tg * (1.0 - 8.0 * _U) - eg, tg * (1.0 + 8.0 * _U) + eg
    thr2 = sd_max_g * sd_max_g
    v_pass, v_fail = thr2 * (1.0 - 16.0 * _U), thr2 * (1.0 + 16.0 * _U)
    for i in range(len(out)):
        b = i + w
        if bad[b] != bad[i]:
            out[i] = False
            continue
        sg = cg[b] - cg[i]
        if sg > g_fail:  # mean |gyro| at or above the threshold whatever the summation order
            out[i] = False
            continue
        if not sg < g_pass:  # too close to call: the exact sums
            _still_flags_exact(norm, norm_sq, gyr, w, sd_max_g, gyr_max_dps, out, i, i + 1)
            continue
        mean = (cn[b] - cn[i]) / w
        var = (cq[b] - cq[i]) / w - mean * mean
        big = abs(mean) + es
        bound = eq + 2.0 * es * big + 16.0 * _U * (abs(cq[b] - cq[i]) / w + eq + big * big)
        if var + bound < v_pass:
            out[i] = True
        elif var - bound > v_fail:
            out[i] = False
        else:
            _still_flags_exact(norm, norm_sq, gyr, w, sd_max_g, gyr_max_dps, out, i, i + 1)


@njit(cache=True, nogil=True)
def _still_flags_exact(
    norm: np.ndarray, norm_sq: np.ndarray, gyr: np.ndarray, w: int, sd_max_g: float, gyr_max_dps: float,
    out: np.ndarray, lo: int, hi: int,
) -> None:
    """``out[lo:hi]`` of :func:`_still_flags` from the pairwise sums of each window."""
    for i in range(lo, hi):
        gmean = _pairwise(gyr, i, w) / w
        if not gmean < gyr_max_dps:  # turning (or NaN in the window): not still, skip the |a| sums
            out[i] = False
            continue
        mean = _pairwise(norm, i, w) / w
        var = _pairwise(norm_sq, i, w) / w - mean * mean
        if math.isnan(var):
            out[i] = False
            continue
        out[i] = math.sqrt(var if var > 0.0 else 0.0) < sd_max_g


def _row_norm(v: np.ndarray) -> np.ndarray:
    """|v| per row of an (n, 3) array: the bits of ``np.linalg.norm(v, axis=1)``, i.e. of
    ``np.sqrt((v[:, 0] * v[:, 0] + v[:, 1] * v[:, 1]) + v[:, 2] * v[:, 2])``, in one compiled pass."""
    v = np.asarray(v, float)
    if v.ndim != 2 or v.shape[1] != 3:
        raise ValueError(f"(n, 3) expected; got {v.shape}")
    out = np.empty(len(v))
    _row_norm_into(v, out)
    return out


@njit(cache=True, nogil=True)
def _row_norm_into(v: np.ndarray, out: np.ndarray) -> None:
    for i in range(len(out)):
        x, y, z = v[i, 0], v[i, 1], v[i, 2]
        out[i] = math.sqrt((x * x + y * y) + z * z)


_NO_ROWS = np.empty((0, 2))  # no (vertical acc, inclination) samples
_NO_ROWS.flags.writeable = False


def _rows_then(rows: np.ndarray, more: np.ndarray) -> np.ndarray:
    """``rows`` followed by ``more`` ((k, 2) arrays): ``more`` itself when ``rows`` is empty."""
    return np.concatenate([rows, more]) if len(rows) else more


def _median_rest(samples: np.ndarray) -> tuple[float, float] | None:
    """Medians of the two columns of (k, 2) ``samples``, each of the column as a list (the
    same floats, in the same order, as the tuples this kept before #20); None when k = 0."""
    if not len(samples):
        return None
    return _median(samples[:, 0].tolist()), _median(samples[:, 1].tolist())


def _median(x: list[float]) -> float:
    """Median of a short list (same value as np.median, without its per-call overhead)."""
    s = sorted(x)
    k = len(s) // 2
    return float(s[k]) if len(s) % 2 else (s[k - 1] + s[k]) / 2


def detect_sit_stand(frame: BodyFrame, settings: SitStandSettings | None = None) -> list[SitStandMove]:
    """Offline: every chair transfer in one BodyFrame (the streaming detector over it, finished)."""
    det = SitStandDetector(settings)
    return det.process(frame) + det.finish()
