"""Put every worn sensor's SegmentBlocks onto one regular analysis grid (a BodyFrame).

Ticks are at ``k * period`` on the session clock, so the grid never depends on how the stream
was chunked. A tick is emitted once every sensor has data past it, or once a sensor lags the
leading sensor by more than ``max_lag_s`` (a dead or stalled sensor never blocks the others; its
channels are NaN / invalid there). The first frame also waits for every sensor that is being
fed (``note_input``) but whose chain has given no output yet: a chain releases its automatic
alignment window (~20 s) in one block, far more than ``max_lag_s`` ahead of the others, and
those sensors' first seconds would otherwise be lost. A tick inside a sample interval longer than ``max_gap_s`` is
invalid for that sensor: a gap is missing data, never stillness.

``SyncSettings.acc_interpolation``: ``"linear"`` (the default, what the shipped models were
trained on) interpolates every channel linearly between the two samples around a tick.
``"sinc"`` (a prototype, off by default) evaluates the segment-frame acceleration (``acc_g``
only; orientation, gyro and the raw ``acc_sensor_g`` stay as in ``"linear"``) at each tick by a
Kaiser-windowed sinc low-pass (``SINC_CUTOFF_HZ``, ±``SINC_HALF_S``, weights from the actual
sample times, unit DC gain: ``benchmarks/probe_rate_features.py`` candidate D), so the
acceleration's SD no longer depends on the sensor's rate or its phase against the grid. A tick's
acceleration is NaN, and the tick invalid for that sensor, when its window is not covered (the
stream's start or end), holds an interval longer than ``max_gap_s`` or a sample whose ``acc_g``
is unusable (non-finite, or saturated: ``SegmentBlock.acc_limit_g``); otherwise the tick's
``valid`` is the linear one (an orientation start-up tick is invalid but keeps its
acceleration). Frames go out ``SINC_HALF_S`` later (the samples after a tick must have arrived),
and the buffer keeps ``SINC_HALF_S`` more history.

Chunk invariance holds for any chunking in which no sensor runs ahead of another by more than
``max_lag_s`` (live packets are tens of ms; file sources interleave sensors in short chunks);
a replay feeds packets in recorded order and so reproduces the live frames exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from ..core.frames import (
    PELVIS_TILT,
    THIGH_INCLINATION,
    TRUNK_FLEXION,
    TRUNK_LATERAL,
    TRUNK_TWIST,
    BodyFrame,
    SegmentBlock,
)
from ..core.limits import POS_SECONDS, RATE, check_ranges
from ..core.types import NS_PER_S, Placement, SensorInfo
from ..orientation.twist import TwistDriftCorrector, relative_twist_deg

_SCALARS = ("flexion_deg", "lateral_deg", "inclination_deg", "heading_deg")

#: How ``acc_g`` goes onto the grid (see module doc).
ACC_INTERPOLATIONS = ("linear", "sinc")
#: The "sinc" interpolator: cut-off (Hz, below the 50 Hz grid's 25 Hz Nyquist), half-length (s:
#: the look-ahead latency it adds) and the Kaiser window's beta; the probe's candidate D.
SINC_CUTOFF_HZ, SINC_HALF_S, SINC_BETA = 22.0, 0.2, 8.0


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """``rate_hz`` analysis grid rate (Hz); ``max_gap_s`` longest sample interval bridged by
    interpolation (s); ``max_lag_s`` how far a sensor may trail the leader before it is treated
    as absent for the ticks in between (s); ``acc_interpolation`` ``"linear"`` or ``"sinc"``
    (see module doc; "sinc" is a prototype, no shipped model is trained on it)."""

    rate_hz: float = 50.0
    max_gap_s: float = 0.25
    max_lag_s: float = 3.0
    acc_interpolation: str = "linear"

    def __post_init__(self) -> None:
        check_ranges("sync", self, {"rate_hz": RATE, "max_gap_s": POS_SECONDS, "max_lag_s": POS_SECONDS})
        if self.acc_interpolation not in ACC_INTERPOLATIONS:
            raise ValueError(f"sync.acc_interpolation must be one of {', '.join(ACC_INTERPOLATIONS)}, "
                             f"got {self.acc_interpolation!r}")


@dataclass(slots=True)
class _SensorBuffer:
    """One sensor's samples not yet past the grid: ``t`` (ns) and ``cols`` (the head, owned
    copies), and during a ``push`` the block just appended as a ``tail`` that still holds the
    block's own arrays. Reading the tail where it lies saves copying every block into the head
    (the generated day's 480 blocks: ~0.06 of the synchroniser's ~0.33 CPU s); ``settle`` ends every ``push``
    with the head owning its samples again, as before (no array of a producer is kept)."""

    info: SensorInfo
    t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    cols: dict[str, np.ndarray] = field(default_factory=dict)
    has_gyro: bool = False
    fed_t: int | None = None  # newest sample time fed to this sensor's chain (note_input), ns
    nearest_t: int | None = None  # time of the raw sample the last tick's acc_sensor_g repeated, ns
    tail_t: np.ndarray | None = None  # the appended block's times (ns), after ``t``; None: no tail
    tail_cols: dict[str, np.ndarray] | None = None  # its columns, the same keys and dtypes as ``cols``
    borrowed: bool = False  # the head is a slice of the last tail (the producer's arrays)
    sinc: bool = False  # "sinc" mode: keep an "acc_ok" column (per sample: acc_g usable) too
    weights: tuple | None = None  # "sinc": computed windows' weights (sinc_grid.new_weight_cache), reused

    @property
    def last_t(self) -> int | None:
        if self.tail_t is not None:
            return int(self.tail_t[-1])
        return int(self.t[-1]) if len(self.t) else None

    def settle(self) -> None:
        """Make the head the only piece, owning its arrays: the tail joined to it (the copy
        ``append`` used to make), or a head that is a slice of the tail copied."""
        if self.tail_t is not None:
            self.t = np.concatenate([self.t, self.tail_t])
            self.cols = {k: np.concatenate([v, self.tail_cols[k]]) for k, v in self.cols.items()}
            self.tail_t = self.tail_cols = None
        elif self.borrowed:  # a sample or two: the copy is cheap
            self.t = self.t.copy()
            self.cols = {k: v.copy() for k, v in self.cols.items()}
        self.borrowed = False

    def append(self, seg: SegmentBlock) -> None:
        new = {
            "acc_g": seg.acc_g,
            "valid": seg.valid.astype(bool, copy=False),
            **{k: getattr(seg, k) for k in _SCALARS},
        }
        if seg.gyr_dps is not None:
            new["gyr_dps"] = seg.gyr_dps
            self.has_gyro = True
        if seg.acc_sensor_g is not None:
            new["acc_sensor_g"] = seg.acc_sensor_g
        if self.sinc:
            new["acc_ok"] = _acc_usable(seg)
        self.settle()  # one piece before anything below (a second block within one push)
        if seg.provisional is not None or "provisional" in self.cols:
            new["provisional"] = np.zeros(len(seg), bool) if seg.provisional is None else seg.provisional
            if "provisional" not in self.cols and len(self.t):
                self.cols["provisional"] = np.zeros(len(self.t), bool)
        if not len(self.t):
            self.t, self.cols = seg.t_ns.copy(), {k: np.asarray(v).copy() for k, v in new.items()}
            return
        # Samples at or before what we already hold are duplicates (e.g. a re-sent packet).
        keep = seg.t_ns > self.t[-1]
        if keep.all():
            arrs = {k: np.asarray(v) for k, v in new.items()}
            if (seg.t_ns.dtype == self.t.dtype and arrs.keys() == self.cols.keys()
                    and all(a.dtype == self.cols[k].dtype and a.shape[1:] == self.cols[k].shape[1:]
                            for k, a in arrs.items())):
                # the usual case: the block stays where it is (the tail), no copy
                self.tail_t, self.tail_cols = seg.t_ns, {k: arrs[k] for k in self.cols}
                return
            self.t = np.concatenate([self.t, seg.t_ns])
            for k, v in arrs.items():
                self.cols[k] = np.concatenate([self.cols[k], v])
            return
        self.t = np.concatenate([self.t, seg.t_ns[keep]])
        for k, v in new.items():
            self.cols[k] = np.concatenate([self.cols[k], np.asarray(v)[keep]])

    def trim_before(self, t_ns: int) -> None:
        """Drop samples not needed for ticks >= t_ns (keep the last one before it)."""
        if self.tail_t is None or self.tail_t[0] > t_ns:
            i = int(np.searchsorted(self.t, t_ns, side="right")) - 1
            if i > 0:
                self.t = self.t[i:]
                self.cols = {k: v[i:] for k, v in self.cols.items()}
            return
        # the tail's first sample is at or before t_ns: the head is all dropped but for, at
        # most, its last sample (the last one before the tail's first)
        i = int(np.searchsorted(self.tail_t, t_ns, side="right")) - 1  # >= 0 here
        self.t = self.tail_t[i:]
        self.cols = {k: v[i:] for k, v in self.tail_cols.items()}
        self.tail_t = self.tail_cols = None
        self.borrowed = True

    def whole(self) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """``t`` and ``cols`` of head and tail together (a copy only when there is a tail)."""
        if self.tail_t is None:
            return self.t, self.cols
        return (np.concatenate([self.t, self.tail_t]),
                {k: np.concatenate([v, self.tail_cols[k]]) for k, v in self.cols.items()})

    def sample_at(self, ticks: np.ndarray, max_gap_ns: int, sinc_half_ns: int = 0) -> dict[str, np.ndarray]:
        """Linear interpolation of every column at ``ticks``; NaN / invalid outside data or in gaps.
        ``sinc_half_ns`` > 0: ``acc_g`` by the windowed sinc of that half-length (ns) instead, and
        a tick whose window is not whole is invalid (see module doc)."""
        n = len(ticks)
        out: dict[str, np.ndarray] = {}
        t = self.t
        tt = self.tail_t if self.tail_t is not None else t[:0]
        tail = self.tail_cols
        nt = len(t) + len(tt)
        if nt < 2:
            ok = np.zeros(n, bool)
            i0 = np.zeros(n, np.intp)
            frac = np.zeros(n)
        else:
            i0 = np.empty(n, np.intp)
            frac = np.empty(n)
            ok = np.empty(n, np.bool_)
            _grid_index(t, tt, np.ascontiguousarray(ticks, np.int64), int(max_gap_ns), i0, frac, ok)
        for k, v in self.cols.items():
            if not nt or k == "acc_ok":  # "acc_ok": read by the sinc below, not a channel
                continue
            vt = tail[k] if tail is not None else v[:0]
            if v.dtype == np.float64 and k != "valid" and k != "provisional":
                # one compiled pass per column: the same arithmetic, element by element
                mode = _HEADING if k == "heading_deg" else _NEAREST if k == "acc_sensor_g" else _LINEAR
                rows = v.reshape(len(v), -1)
                res = np.empty((n, rows.shape[1]))
                _interp(rows, vt.reshape(len(vt), rows.shape[1]), i0, frac, ok, mode, res)
                out[k] = res if v.ndim > 1 else res[:, 0]
                continue
            if (k == "valid" or k == "provisional") and v.dtype == np.bool_ and v.ndim == 1 and vt.dtype == np.bool_:
                # numpy's ``ok & a & b`` / ``a | b`` of the two samples, read where they lie
                res = np.empty(n, np.bool_)
                _flags_at(v, vt, i0, ok, k == "valid", res)
                out[k] = res
                continue
            if len(vt):
                v = np.concatenate([v, vt])
            a, b = v[i0], v[np.minimum(i0 + 1, nt - 1)]
            if k == "valid":
                out[k] = ok & a & b
                continue
            if k == "provisional":
                out[k] = a | b
                continue
            f = frac if a.ndim == 1 else frac[:, None]
            if k == "acc_sensor_g":  # the nearest raw sample: interpolating would smooth the device noise
                out[k] = np.where(ok[:, None], np.where(f < 0.5, a, b), np.nan)  # the non-wear stage measures
                continue
            if k == "heading_deg":  # interpolate the short way round
                val = a + (((b - a) + 180.0) % 360.0 - 180.0) * f
                val = (val + 180.0) % 360.0 - 180.0
            else:
                val = a + (b - a) * f
            mask = ok if val.ndim == 1 else ok[:, None]
            out[k] = np.where(mask, val, np.nan)
        if "valid" not in out:
            out["valid"] = ok
        if sinc_half_ns and "acc_g" in self.cols and nt:
            acc, sok = self._sinc_acc(ticks, max_gap_ns, sinc_half_ns)
            out["acc_g"] = acc
            out["valid"] = out["valid"] & sok
        if "acc_sensor_g" in out and nt:
            out["acc_sensor_new"] = self._new_samples(t, tt, i0, frac, ok)
        return out

    def _sinc_acc(self, ticks: np.ndarray, max_gap_ns: int, half_ns: int) -> tuple[np.ndarray, np.ndarray]:
        """``acc_g`` (n, 3) at ``ticks`` by the windowed sinc (NaN where not whole) and per tick
        whether its window is whole (covered, no gap, every sample's acc_g usable: ``acc_ok``, see
        ``_acc_usable``)."""
        t = self.t
        tt = self.tail_t if self.tail_t is not None else t[:0]
        v = self.cols["acc_g"]
        vt = self.tail_cols["acc_g"] if self.tail_cols is not None else v[:0]
        fv = self.cols["acc_ok"]
        fvt = self.tail_cols["acc_ok"] if self.tail_cols is not None else fv[:0]
        # imported here: a default ("linear") session neither imports nor compiles the sinc kernels
        from .sinc_grid import new_weight_cache, sinc_at

        if self.weights is None:
            self.weights = new_weight_cache()
        rows = np.ascontiguousarray(v, np.float64).reshape(len(v), -1)
        rows_t = np.ascontiguousarray(vt, np.float64).reshape(len(vt), rows.shape[1])
        out = np.empty((len(ticks), rows.shape[1]))
        ok = np.empty(len(ticks), np.bool_)
        sinc_at(np.ascontiguousarray(t, np.int64), np.ascontiguousarray(tt, np.int64), rows, rows_t,
                 np.ascontiguousarray(fv, np.bool_), np.ascontiguousarray(fvt, np.bool_),
                 np.ascontiguousarray(ticks, np.int64), int(half_ns), int(max_gap_ns),
                 SINC_CUTOFF_HZ, SINC_BETA, *self.weights, out, ok)
        return (out if v.ndim > 1 else out[:, 0]), ok

    def _new_samples(self, t: np.ndarray, tt: np.ndarray, i0: np.ndarray, frac: np.ndarray,
                     ok: np.ndarray) -> np.ndarray:
        """Per tick: its ``acc_sensor_g`` is a raw sample no earlier tick gave. A sensor slower
        than the grid repeats each sample at two or more ticks; the non-wear stage counts samples,
        not ticks, to know how far white noise lets its 1-s means scatter (a 25 Hz sensor on a desk
        was taken for worn: its means scattered sqrt(2) times the 50-tick expectation).
        ``t`` and ``tt`` the head's and the tail's sample times (ns)."""
        nt = len(t) + len(tt)
        if nt < 2:
            return np.zeros(len(i0), bool)
        if t.dtype == np.int64 and tt.dtype == np.int64:
            # one compiled pass: the nearest sample per tick compared with the one before
            new = np.empty(len(i0), np.bool_)
            found, latest = _new_at(t, tt, i0, frac, ok, -1 if self.nearest_t is None else self.nearest_t, new)
            if found:
                self.nearest_t = int(latest)
            return new
        idx = np.where(frac < 0.5, i0, np.minimum(i0 + 1, nt - 1))
        near = np.empty(len(idx), t.dtype)
        _take(t, tt, idx, near)
        before = np.empty_like(near)
        before[0] = -1 if self.nearest_t is None else self.nearest_t
        before[1:] = near[:-1]
        new = ok & (near != before)
        if ok.any():
            self.nearest_t = int(near[np.flatnonzero(ok)[-1]])
        return new


def _acc_usable(seg: SegmentBlock) -> np.ndarray:
    """Per sample: ``acc_g`` can enter the "sinc" window: finite and, in the sensor's axes, below
    the chain's saturation limit (``acc_limit_g``; NaN compares False), the reasons of ``valid``
    that make the acceleration itself wrong. A block without a limit (a producer that does not
    say why a sample is invalid) falls back to ``valid``, blanking more, never less. ``valid``
    itself stays the tick's flag: a start-up sample's tick is invalid as in "linear" but keeps
    its acceleration (the start-up flag blanked each file stream's first 2.2 s)."""
    if seg.acc_limit_g is None or seg.acc_sensor_g is None:
        ok = np.asarray(seg.valid, bool)
    else:
        ok = (np.abs(seg.acc_sensor_g) < seg.acc_limit_g).all(axis=1)
    return ok & np.isfinite(seg.acc_g).reshape(len(seg), -1).all(axis=1)


_LINEAR, _HEADING, _NEAREST = 0, 1, 2


@njit(cache=True, nogil=True)
def _take(h, tl, idx, out):  # noqa: ANN001, ANN202
    """``out[r] = concatenate([h, tl])[idx[r]]`` without the concatenation."""
    nh = h.shape[0]
    for r in range(idx.shape[0]):
        j = idx[r]
        out[r] = h[j] if j < nh else tl[j - nh]


@njit(cache=True, nogil=True)
def _new_at(th, tt, i0, frac, ok, before0, out):  # noqa: ANN001, ANN202
    """``_new_samples``' numpy expressions in one pass over the ticks, on the sample times
    ``t = concatenate([th, tt])`` read where they lie: per tick its nearest sample
    ``near = t[i0 if frac < 0.5 else min(i0 + 1, len(t) - 1)]``, ``out = ok & (near != the
    previous tick's near)`` (``before0`` for the first tick); returns (any ``ok``, the last
    ``ok`` tick's ``near``)."""
    nh = th.shape[0]
    last = nh + tt.shape[0] - 1
    prev = before0
    found = False
    latest = before0
    for r in range(i0.shape[0]):
        j = i0[r] if frac[r] < 0.5 else min(i0[r] + 1, last)
        near = th[j] if j < nh else tt[j - nh]
        out[r] = ok[r] and near != prev
        prev = near
        if ok[r]:
            found = True
            latest = near
    return found, latest


@njit(cache=True, nogil=True)
def _flags_at(vh, vt, i0, ok, valid, out):  # noqa: ANN001, ANN202
    """A boolean column ``v = concatenate([vh, vt])`` at the ticks, read where it lies: with
    ``a = v[i0]``, ``b = v[min(i0 + 1, len(v) - 1)]``, ``ok & a & b`` (``valid``) or ``a | b``
    (``provisional``), numpy's expressions of ``sample_at`` per tick."""
    nh = vh.shape[0]
    last = nh + vt.shape[0] - 1
    for r in range(i0.shape[0]):
        j = i0[r]
        j1 = min(j + 1, last)
        a = vh[j] if j < nh else vt[j - nh]
        b = vh[j1] if j1 < nh else vt[j1 - nh]
        out[r] = (ok[r] and a and b) if valid else (a or b)


@njit(cache=True, nogil=True)
def _grid_index(th, tt, ticks, max_gap_ns, i0, frac, ok):  # noqa: ANN001, ANN202
    """Per tick, on the sample times ``t = concatenate([th, tt])`` (head and tail, read where
    they lie): ``i0`` the sample at or before it (``searchsorted(t, tick, "right") - 1``
    clipped to [0, len(t) - 2]), ``ok`` whether it lies within a sample interval no longer than
    ``max_gap_ns`` and ``frac`` its position there (0 where not ok): numpy's expressions of
    ``sample_at`` per tick in one compiled pass (integer differences, then the same float
    division), instead of ten array temporaries. ``len(t) >= 2``; every ``tt`` after ``th``."""
    nh = th.shape[0]
    n = nh + tt.shape[0]
    last = n - 2
    j = 0
    for r in range(ticks.shape[0]):
        x = ticks[r]
        if r == 0 or x < ticks[r - 1]:
            if tt.shape[0] == 0 or x < tt[0]:
                j = np.searchsorted(th, x, side="right")
            else:
                j = nh + np.searchsorted(tt, x, side="right")
        else:  # ticks ascend: walk on from the previous one
            while j < n and (th[j] if j < nh else tt[j - nh]) <= x:
                j += 1
        i = min(max(j - 1, 0), last)
        t0 = th[i] if i < nh else tt[i - nh]
        t1 = th[i + 1] if i + 1 < nh else tt[i + 1 - nh]
        good = x >= t0 and x <= t1 and (t1 - t0) <= max_gap_ns
        i0[r] = i
        ok[r] = good
        frac[r] = (x - t0) / max(t1 - t0, 1) if good else 0.0


@njit(cache=True, nogil=True, inline="always")
def _mod360(x: float) -> float:
    """Python's (and numba's) ``x % 360.0``, bit for bit: that is ``fmod(x, 360)`` with the sign
    moved to the divisor's (``+ 360`` when negative, ``+0.0`` for zero), and ``fmod(x, 360)`` is
    ``x`` itself for ``|x| < 360`` (every heading difference here): no slow ``fmod`` call (it was
    a quarter of ``sample_at``'s time)."""
    if not -360.0 < x < 360.0:  # NaN, inf and the rare long way round: the operator itself
        return x % 360.0
    if x < 0.0:
        return x + 360.0
    return x if x != 0.0 else 0.0  # -0.0 % 360.0 is +0.0


@njit(cache=True, nogil=True)
def _interp(vh, vt, i0, frac, ok, mode, out):  # noqa: ANN001, ANN202
    """``out[r] = `` column ``v = concatenate([vh, vt])`` (n, k) float64 (head and tail, read
    where they lie) at tick r between samples i0[r] and i0[r] + 1: linear (``_LINEAR``), the
    short way round in degrees (``_HEADING``) or the nearest sample (``_NEAREST``); NaN where not
    ``ok``. The numpy expressions of ``sample_at``, per element (no fast-math, so the same
    roundings)."""
    nh = vh.shape[0]
    last = nh + vt.shape[0] - 1
    for r in range(i0.shape[0]):
        if not ok[r]:
            for c in range(vh.shape[1]):
                out[r, c] = np.nan
            continue
        j = i0[r]
        j1 = min(j + 1, last)
        f = frac[r]
        # the two samples' rows, each from the piece it lies in (one test a row, not a value)
        ra = vh[j] if j < nh else vt[j - nh]
        rb = vh[j1] if j1 < nh else vt[j1 - nh]
        for c in range(vh.shape[1]):
            a = ra[c]
            b = rb[c]
            if mode == _LINEAR:
                out[r, c] = a + (b - a) * f
            elif mode == _HEADING:
                val = a + (_mod360((b - a) + 180.0) - 180.0) * f
                out[r, c] = _mod360(val + 180.0) - 180.0
            else:
                out[r, c] = a if f < 0.5 else b


class Synchroniser:
    """SegmentBlocks of several sensors in, BodyFrames on a common grid out (see module doc)."""

    def __init__(self, settings: SyncSettings | None = None) -> None:
        self.settings = settings or SyncSettings()
        self.period_ns = int(round(NS_PER_S / self.settings.rate_hz))
        # "sinc": the look-ahead (and extra history) the acceleration's filter needs, ns
        self._sinc_half_ns = int(round(SINC_HALF_S * NS_PER_S)) if self.settings.acc_interpolation == "sinc" else 0
        if self._sinc_half_ns:
            # imported with the synchroniser, not at its first frame: the live warm-up
            # (ble.source.load_jit) loads the kernels of the modules a built pipeline imported
            from . import sinc_grid  # noqa: F401
        self._sensors: dict[str, _SensorBuffer] = {}
        self._next_tick: int | None = None  # index k of the next tick to emit
        self._emitted = False  # a frame has gone out (the start-up wait is over)
        # Gyro-only twist drifts; while walking the trunk faces where the pelvis faces on average.
        self._twist_drift = TwistDriftCorrector(self.settings.rate_hz)

    def reset(self) -> None:
        infos = [b.info for b in self._sensors.values()]
        self._sensors.clear()
        self._next_tick = None
        self._emitted = False
        self._twist_drift.reset()
        for info in infos:
            self.add_sensor(info)

    def add_sensor(self, info: SensorInfo) -> None:
        if any(b.info.placement == info.placement for b in self._sensors.values()):
            raise ValueError(f"two sensors at placement {info.placement.value}; one per placement")
        self._sensors[info.sensor_id] = _SensorBuffer(info, has_gyro=info.has_gyro, sinc=bool(self._sinc_half_ns))

    @property
    def placements(self) -> tuple[Placement, ...]:
        order = list(Placement)
        return tuple(sorted((b.info.placement for b in self._sensors.values()), key=order.index))

    @property
    def started(self) -> bool:
        """A frame has gone out: a sensor added now cannot hold the grid back."""
        return self._emitted

    def note_input(self, sensor_id: str, t_ns: int) -> None:
        """``sensor_id``'s chain was fed samples up to ``t_ns``: while it has given no output yet
        (its automatic alignment buffers the first ``align_window_s``) and is still fed, the
        first frame waits for it (see :meth:`_ready_until`)."""
        b = self._sensors.get(sensor_id)
        if b is not None and (b.fed_t is None or t_ns > b.fed_t):
            b.fed_t = int(t_ns)

    def push(self, seg: SegmentBlock | None) -> list[BodyFrame]:
        if seg is not None and len(seg):
            buf = self._sensors[seg.sensor_id]
            if self._next_tick is not None:
                # Samples for ticks already emitted are too late to use (a lagging sensor).
                first_needed = self._next_tick * self.period_ns - max(int(self.settings.max_gap_s * NS_PER_S),
                                                                      self._sinc_half_ns)
                if seg.t_ns[-1] < first_needed:
                    return self._emit(self._ready_until())
            buf.append(seg)
            if self._next_tick is None:
                self._next_tick = -(-int(seg.t_ns[0]) // self.period_ns)  # ceil
            frames = self._emit(self._ready_until())
            buf.settle()  # the block's arrays are the producer's: none kept past this push
            return frames
        return self._emit(self._ready_until())

    def finish(self) -> list[BodyFrame]:
        lasts = [b.last_t for b in self._sensors.values() if b.last_t is not None]
        return self._emit(max(lasts)) if lasts else []

    def _ready_until(self) -> int | None:
        lasts = [b.last_t for b in self._sensors.values()]
        known = [t for t in lasts if t is not None]
        if not known:
            return None
        leader = max(known)
        floor = leader - int(self.settings.max_lag_s * NS_PER_S)
        if not self._emitted and any(b.last_t is None and b.fed_t is not None and b.fed_t >= floor
                                     for b in self._sensors.values()):
            # a sensor fed from the start whose chain is still aligning: the leader's chain
            # releases its whole alignment window (~20 s) at once, so the max_lag rule alone
            # marked the other sensor invalid there and dropped its first ~17 s as too late
            # (which sensor lost them depended on the order the sensors were listed). Bounded:
            # a sensor no longer fed falls behind the floor and is waited for no longer.
            return None
        # "sinc": a tick goes out once the samples half a window after it have arrived
        return min(max(t, floor) if t is not None else floor for t in lasts) - self._sinc_half_ns

    def _emit(self, until_ns: int | None) -> list[BodyFrame]:
        if until_ns is None or self._next_tick is None:
            return []
        last_k = until_ns // self.period_ns
        if last_k < self._next_tick:
            return []
        self._emitted = True
        ks = np.arange(self._next_tick, last_k + 1, dtype=np.int64)
        ticks = ks * self.period_ns
        self._next_tick = int(last_k) + 1
        frame = self._frame(ticks)
        for b in self._sensors.values():
            b.trim_before(int(ticks[-1]) - self._sinc_half_ns)
        return [frame]

    def _frame(self, ticks: np.ndarray) -> BodyFrame:
        n = len(ticks)
        max_gap_ns = int(self.settings.max_gap_s * NS_PER_S)
        ch: dict[str, np.ndarray] = {}
        all_valid = np.ones(n, bool)
        for b in self._sensors.values():
            p = b.info.placement.value
            s = b.sample_at(ticks, max_gap_ns, self._sinc_half_ns)
            # the NaN / False stand-ins only for a column the buffer has no samples of (they
            # were made for every column of every frame: ~0.03 CPU s a generated day)
            ch[f"{p}_acc_g"] = s["acc_g"] if "acc_g" in s else np.full((n, 3), np.nan)
            if "acc_sensor_g" in b.cols:
                ch[f"{p}_acc_sensor_g"] = s["acc_sensor_g"] if "acc_sensor_g" in s else np.full((n, 3), np.nan)
                ch[f"{p}_acc_sensor_new"] = s["acc_sensor_new"] if "acc_sensor_new" in s else np.zeros(n, bool)
            if b.has_gyro:
                ch[f"{p}_gyr_dps"] = s["gyr_dps"] if "gyr_dps" in s else np.full((n, 3), np.nan)
            for k in _SCALARS:
                ch[f"{p}_{k}"] = s[k] if k in s else np.full(n, np.nan)
            ch[f"{p}_valid"] = s["valid"]
            if "provisional" in s:
                ch[f"{p}_provisional"] = s["provisional"]
            all_valid &= s["valid"]
        ch["valid"] = all_valid
        _add_body_angles(ch)
        if TRUNK_TWIST in ch:
            ch[TRUNK_TWIST] = self._twist_drift.process(ch[TRUNK_TWIST], ch["pelvis_acc_g"])
        return BodyFrame(ticks, self.settings.rate_hz, self.placements, ch)


def _add_body_angles(ch: dict[str, np.ndarray]) -> None:
    """Named body angles from the segment channels that exist (see frames.ANGLE_CHANNELS)."""
    # trunk_flexion_deg / trunk_lateral_deg are the trunk segment's own channels already.
    if TRUNK_FLEXION in ch and TRUNK_LATERAL in ch:
        if "pelvis_heading_deg" in ch:
            ch[TRUNK_TWIST] = relative_twist_deg(ch["trunk_heading_deg"], ch["pelvis_heading_deg"])
    if "pelvis_flexion_deg" in ch:
        ch[PELVIS_TILT] = ch["pelvis_flexion_deg"]
    if "thigh_inclination_deg" in ch:
        ch[THIGH_INCLINATION] = ch["thigh_inclination_deg"]


def run_sinc_once() -> None:
    """Push a short synthetic sensor (2 s at 52 Hz, gyro, two blocks: head and tail) through a
    throwaway "sinc" synchroniser, so numba loads (or, when its cache holds none, compiles) the
    sinc kernels at the argument types a session uses: ``ble.source.load_jit`` calls it before
    session time zero when a "sinc" pipeline was built (its first frame compiled them otherwise)."""
    n = 104
    t = np.round(np.arange(n) * (NS_PER_S / 52.0)).astype(np.int64)
    acc = np.tile([0.0, 0.0, 1.0], (n, 1))
    zeros, ones = np.zeros(n), np.ones(n, bool)
    gyr = np.zeros((n, 3))
    sync = Synchroniser(SyncSettings(acc_interpolation="sinc"))
    sync.add_sensor(SensorInfo("warm", Placement.PELVIS, nominal_rate_hz=52.0, has_gyro=True))
    for a, b in ((0, n // 2), (n // 2, n)):
        part = SegmentBlock("warm", Placement.PELVIS, t[a:b], acc[a:b], gyr[a:b], zeros[a:b], zeros[a:b],
                            zeros[a:b], zeros[a:b], ones[a:b], acc_sensor_g=acc[a:b], acc_limit_g=16.0)
        sync.push(part)
    sync.finish()
