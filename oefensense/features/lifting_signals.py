"""Per-sample signals of the lifting stage, buffered on an absolute sample index.

From the BodyFrame channels of the sensor lifts are read from (pelvis, else trunk): the
inclination measured from the latest quiet upright stance (the standing reference), the
vertical acceleration (accelerometer · up-vector), |gyro|, trunk flexion, twist, thigh
inclination, the posture stage's code, and a causal still flag; plus the vertical hip
displacement over any stretch (double integration with zero-velocity updates). Units: degrees,
g, deg/s, metres. Chunk-invariant: every value depends only on samples up to its own (the
reference changes only at fixed windows of the absolute grid). The episode features
(``lifting_features.py``) and the stage's episode detection (``analysis/lifting.py``) read it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from oefensense.core.angle_trig import cos_deg, sin_deg
from oefensense.core.frames import BodyFrame
from oefensense.core.vec import row_norm

from . import _lifting_kernels as _k

G_MS2 = 9.80665


def trailing_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Mean of the last ≤ w samples at each index (causal)."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(1, x.shape[0] + 1)
    lo = np.maximum(i - w, 0)
    return (c[i] - c[lo]) / (i - lo)


def trailing_std(x: np.ndarray, w: int) -> np.ndarray:
    """Standard deviation of the last ≤ w samples at each index (causal)."""
    m = trailing_mean(x, w)
    m2 = trailing_mean(x * x, w)
    return np.sqrt(np.maximum(m2 - m * m, 0.0))


def _channel(frame: BodyFrame, *names: str) -> np.ndarray | None:
    for n in names:
        if frame.has(n):
            return np.asarray(frame[n])
    return None


def _updates(quiet: np.ndarray, mu: np.ndarray, am: np.ndarray, st: Any, ref_now: Any) -> Any:
    """The quiet windows (indices into ``mu``/``am``, in order) that update the standing
    reference, as a generator: ``ref_now()`` is the reference after the previous update (None:
    none yet). The first needs an absolute inclination below ``ref_init_deg``; later ones one
    below ``ref_dev_deg`` or a mean up-vector within ``ref_dev_deg`` of the reference.

    The angle test is decided exactly as it always was (``np.degrees(np.arccos(...))`` of the
    window's own dot product), but only for windows a compiled scan's dot product puts within
    1e-9 of ``cos(ref_dev_deg)`` or above it: further below, rounding cannot turn the answer,
    and a lying or sitting stretch (hundreds of windows far from the standing reference) costs
    no Python step each."""
    if quiet.shape[0] <= 4:  # a live-sized block: the exact test for each
        for k in quiet.tolist():
            ref = ref_now()
            if ref is None:
                if am[k] < st.ref_init_deg:
                    yield k
            elif am[k] < st.ref_dev_deg or np.degrees(np.arccos(np.clip(mu[k] @ ref, -1.0, 1.0))) < st.ref_dev_deg:
                yield k
        return
    cos_dev = float(np.cos(np.radians(st.ref_dev_deg))) - 1e-9
    dev = float(st.ref_dev_deg)
    j, n = 0, quiet.shape[0]
    while j < n:
        ref = ref_now()
        rest = quiet[j:]
        if ref is None:
            hit = np.flatnonzero(am[rest] < st.ref_init_deg)
            if not hit.size:
                return
            j += int(hit[0]) + 1
            yield int(rest[hit[0]])
            continue
        # the next candidate in one compiled scan (#20, seventeenth round; was numpy over
        # doubling windows): its dot product in the scan's own order differs from BLAS's by a
        # few ulps, far inside the 1e-9 margin, so it finds the same windows the exact test passes
        p = _k.next_near_reference(quiet, mu, am, float(ref[0]), float(ref[1]), float(ref[2]), dev, cos_dev, j)
        if p < 0:
            return
        k = int(quiet[p])
        j = p + 1
        if am[k] < st.ref_dev_deg or np.degrees(np.arccos(np.clip(mu[k] @ ref, -1.0, 1.0))) < st.ref_dev_deg:
            yield k


# The buffered signals: (shape of one sample, dtype); "up" only from frames with the angles
_COLUMNS: dict[str, tuple[tuple[int, ...], Any]] = {
    "t_ns": ((), np.int64), "inc_abs": ((), np.float64), "inc": ((), np.float64), "av": ((), np.float64),
    "gyr": ((), np.float64), "flex": ((), np.float64), "twist": ((), np.float64), "thigh": ((), np.float64),
    "posture": ((), np.int8), "acc": ((3,), np.float64), "gyr3": ((3,), np.float64), "anorm": ((), np.float64),
    "still": ((), np.bool_), "up": ((3,), np.float64),
}


class LiftSignals:
    """The buffer: ``buf[key][i - off]`` is sample ``i`` of signal ``key``. ``settings``: the
    lifting stage's settings (still flag, standing reference and ZUPT thresholds)."""

    def __init__(self, settings: Any, placement: str, rate: float) -> None:
        self.settings = settings
        self.placement = placement
        self.rate = rate
        self.buf: dict[str, np.ndarray] = {}
        self.off = 0  # absolute index of buf[...][0]
        self.ref: np.ndarray | None = None  # standing up-vector (segment axes), see LiftingSettings
        # buf[k] is _store[k][_lo:_hi]: a block's signals are written into the room after _hi,
        # not concatenated to the kept samples (which cost a copy of the whole buffer a block);
        # a full store is replaced by a new one holding only the kept samples
        self._store: dict[str, np.ndarray] = {}
        self._lo = self._hi = 0

    @property
    def end(self) -> int:
        """Absolute index after the last buffered sample."""
        return self.off + self.buf["t_ns"].shape[0]

    def drop_before(self, keep_from: int) -> None:
        """Forget samples before absolute index ``keep_from``."""
        cut = keep_from - self.off
        if cut > 0:
            self.buf = {k: v[cut:] for k, v in self.buf.items()}
            self.off += cut
            self._lo = min(self._lo + cut, self._hi)

    def _room(self, keys: list[str], n: int) -> dict[str, np.ndarray]:
        """Writable space for ``n`` more samples of signals ``keys`` (the buffered ones, or all
        at the first block), each ``_store[k][_hi:_hi + n]``; a store without room (or with
        another set of signals) is replaced by one holding the kept samples with room for more.
        The old store is never written again, so views of earlier samples stay as they were."""
        kept = self._hi - self._lo
        cap = next(iter(self._store.values())).shape[0] if self._store else 0
        if set(keys) != set(self._store) or self._hi + n > cap:
            size = 2 * (kept + n)
            store = {}
            for k in keys:
                shape, dtype = _COLUMNS[k]
                store[k] = np.empty((size, *shape), dtype)
                if kept:
                    store[k][:kept] = self._store[k][self._lo:self._hi]
            self._store, self._lo, self._hi = store, 0, kept
        return {k: v[self._hi:self._hi + n] for k, v in self._store.items()}

    def append(self, frame: BodyFrame) -> None:
        """Add one BodyFrame block's samples (same rate as the first)."""
        p = self.placement
        n = len(frame)
        acc = np.ascontiguousarray(frame[f"{p}_acc_g"], float)
        inc = np.asarray(frame[f"{p}_inclination_deg"], float)
        valid = _channel(frame, f"{p}_valid", "valid")
        valid = np.ones(n, bool) if valid is None else np.ascontiguousarray(valid, bool)
        has_up = frame.has(f"{p}_flexion_deg") and frame.has(f"{p}_lateral_deg")
        # the signals of this block: the buffered ones (a signal missing from one block is
        # dropped from then on), all of them at the first
        keys = [k for k in _COLUMNS if (has_up or k != "up") and (not self._store or k in self._store)]
        w = max(1, int(round(self.settings.still_window_s * self.rate)))
        if self._store and w > 1:  # the still flag's window reaches into the buffered samples
            prev_g = np.ascontiguousarray(self.buf["gyr"][-(w - 1):])
            prev_a = np.ascontiguousarray(self.buf["anorm"][-(w - 1):])
        else:
            prev_g = prev_a = np.zeros(0)
        new = self._room(keys, n)
        if has_up:
            # up vector in segment axes: tilt direction from flexion/lateral, size from
            # inclination (stays finite past 90°, unlike tan-based forms); NaN where invalid
            # (no reference update there). The sines and cosines of the frame's angles: the
            # transitions stage's when it made them already (core/angle_trig: the same values)
            up = new["up"] if "up" in new else np.empty((n, 3))
            _k.up_and_vertical(acc, sin_deg(frame[f"{p}_flexion_deg"]), sin_deg(frame[f"{p}_lateral_deg"]),
                               sin_deg(frame[f"{p}_inclination_deg"]), cos_deg(frame[f"{p}_inclination_deg"]),
                               valid, up, new["av"])
        else:  # rotation-invariant fallback: |acc| − 1 ≈ vertical specific force
            av = row_norm(acc) - 1.0
            new["av"][:] = np.where(valid & np.isfinite(av), av, 0.0)
        gyr = _channel(frame, f"{p}_gyr_dps")
        flex_src = _channel(frame, "trunk_flexion_deg", f"{p}_flexion_deg")
        flex = np.asarray(flex_src, float) if flex_src is not None else inc
        # forward not yet known: the flexion is a guess; the inclination is the same size for a
        # forward bend and needs no forward direction
        prov_src = "trunk" if frame.has("trunk_flexion_deg") else p
        prov = _channel(frame, f"{prov_src}_provisional")
        if prov is not None and flex_src is not None:
            flex = np.where(np.asarray(prov, bool), np.asarray(frame[f"{prov_src}_inclination_deg"], float), flex)
        twist_prov = [frame[f"{q}_provisional"] for q in ("trunk", "pelvis") if frame.has(f"{q}_provisional")]
        twist = _channel(frame, "trunk_twist_deg")
        thigh = _channel(frame, "thigh_inclination_deg")
        posture = _channel(frame, "posture_code")
        inc = np.where(valid & np.isfinite(inc), inc, 0.0)
        # |gyro|, |acc|, the raw vectors (segment axes; for the rotation about gravity,
        # ``lifting_features.episode_gate``) and the causal still flag over the last
        # still_window_s: mean |gyro| low and |acc| steady (a pure vertical hip movement barely
        # rotates the pelvis, so gyro alone is not enough); invalid samples: nothing known, "still"
        _k.rest_signals(acc, np.zeros((0, 3)) if gyr is None else np.ascontiguousarray(gyr, float), gyr is not None,
                        valid, prev_g, prev_a, w,
                        float(self.settings.still_gyr_dps), float(self.settings.still_acc_std_g),
                        new["gyr"], new["anorm"], new["acc"], new["gyr3"], new["still"])
        new["t_ns"][:] = frame.t_ns
        new["inc_abs"][:] = inc
        new["inc"][:] = inc  # replaced by the angle to the standing reference (_relative_inclination)
        new["flex"][:] = np.where(valid, flex, np.nan)
        if twist is None:
            new["twist"][:] = np.nan
        else:
            new["twist"][:] = np.where(np.any(twist_prov, axis=0), np.nan, twist) if twist_prov else np.asarray(twist, float)
        new["thigh"][:] = np.nan if thigh is None else np.asarray(thigh, float)
        new["posture"][:] = -1 if posture is None else np.asarray(posture, np.int8)
        self._hi += n
        self.buf = {k: v[self._lo:self._hi] for k, v in self._store.items()}
        if "up" in self.buf and self.settings.relative_to_standing:
            self._relative_inclination(n)

    def _relative_inclination(self, n: int) -> None:
        """Replace the last ``n`` buffered inclinations by the angle (deg) to the standing
        reference. The reference is updated only at the end of each ``ref_window_s`` window of
        the absolute sample grid (chunk-invariant), from a quiet window (low |gyro|, steady
        inclination) within ``ref_dev_deg`` of the reference or of absolute upright; it applies
        from the next sample on. Before the first reference the inclination reads 0 (no lifts
        before the first quiet upright stance of the stream)."""
        st = self.settings
        g = max(1, int(round(st.ref_window_s * self.rate)))
        alpha = min(1.0, st.ref_window_s / max(st.ref_tau_s, 1e-9))
        off = self.off
        end = off + self.buf["t_ns"].shape[0]  # absolute index after the last sample
        i0 = end - n
        up, gyr, absinc = self.buf["up"], self.buf["gyr"], self.buf["inc_abs"]
        # the windows of the absolute grid that end inside this block: their statistics at once
        lasts = np.arange((i0 // g + 1) * g - 1, end, g)
        a = lasts[0] - g + 1 - off if lasts.shape[0] else 0  # the first window's first sample (buffer index)
        if a >= 0 and g <= _k.MAX_PAIRWISE_N:  # consecutive windows inside the buffer: one compiled pass
            quiet, mu, am = np.empty(lasts.shape[0], bool), np.empty((lasts.shape[0], 3)), np.empty(lasts.shape[0])
            _k.window_stats(up, absinc, gyr, int(a), g, float(st.ref_gyr_dps), float(st.ref_steady_deg), quiet, mu, am)
        else:  # the first window starts before the buffer (the stream's start): its start repeated
            idx = np.clip(lasts[:, None] - g + 1 - off + np.arange(g), 0, None)  # (windows, g)
            uw, ai = up[idx], absinc[idx]
            quiet = ((lasts - g + 1 >= off) & np.isfinite(uw).all(axis=(1, 2))
                     & (gyr[idx].mean(axis=1) < st.ref_gyr_dps) & (np.ptp(ai, axis=1) < st.ref_steady_deg))
            mu = uw.mean(axis=1)
            mu /= np.maximum(np.linalg.norm(mu, axis=1, keepdims=True), 1e-12)
            am = ai.mean(axis=1)
        # the recursion itself: a few scalar steps per window that updates the reference;
        # refs[k + 1] is in force after window k (refs[0] from the block start), NaN = no
        # reference yet
        ref = self.ref
        refs = np.full((lasts.shape[0] + 1, 3), np.nan)
        if ref is not None:
            refs[0] = ref
        set_at = np.zeros(lasts.shape[0] + 1, bool)
        set_at[0] = True
        for k in _updates(np.flatnonzero(quiet), mu, am, st, lambda: ref):
            m = mu[k]
            if ref is None:
                ref = m.copy()
            else:
                r = ref + alpha * (m - ref)
                ref = r / np.linalg.norm(r)
            refs[k + 1] = ref
            set_at[k + 1] = True
        self.ref = ref
        refs = refs[np.maximum.accumulate(np.where(set_at, np.arange(set_at.shape[0]), 0))]  # forward fill
        # per sample: the reference in force (from the sample after a window's end)
        bounds = np.concatenate([[i0], lasts + 1, [end]])
        c = np.empty(n)
        _k.cos_to_reference(up[i0 - off :], refs, np.diff(bounds), c)
        ang = np.degrees(np.arccos(c, out=c), out=c)
        ang[np.isnan(ang)] = 0.0  # no reference yet (stream start, filter settling) or an invalid sample: 0, no lifts
        self.buf["inc"][i0 - off :] = ang

    def still(self, i: int) -> bool:
        """Causal still flag at absolute index i (mean |gyro| over the last still_window_s)."""
        return bool(self.buf["still"][i - self.off])

    def rest_before(self, s: int) -> int:
        """The latest sample at or before absolute index ``s`` (at most ``zupt_back_s`` earlier,
        never before the buffer) that is at rest (:meth:`_rest` over the window around it); ``s``
        itself when none. A slow movement passes the still flag (mean |gyro| < 8 °/s, steady
        |acc|) while the hips already move: the trailing flag lags, and a slow pelvis turns slower
        than 8 °/s. Integration starts from here instead."""
        st = self.settings
        back = int(round(st.zupt_back_s * self.rate))
        if back <= 0 or not np.isfinite(st.zupt_rest_gyr_dps):
            return s
        a = max(self.off, s - back)
        rest = self._rest(a, s)
        hit = np.flatnonzero(rest)
        return a + int(hit[-1]) if hit.size else s

    def _rest(self, s: int, e: int) -> np.ndarray:
        """Per sample of absolute [s, e]: at rest, i.e. still (the causal flag) and, over the
        samples within ``zupt_rest_half_s`` either side (clipped to [s, e]), every |gyro| below
        ``zupt_rest_gyr_dps`` and the vertical acceleration within ``zupt_rest_acc_g`` (peak to
        peak). Stricter than the still flag: a slow, continuous descent is not at rest."""
        st = self.settings
        still = self.seg("still", s, e).copy()
        if not np.isfinite(st.zupt_rest_gyr_dps):
            return still
        from scipy.ndimage import maximum_filter1d, minimum_filter1d

        h = 2 * int(round(st.zupt_rest_half_s * self.rate)) + 1
        g = np.nan_to_num(self.seg("gyr", s, e), nan=1e3)
        av = self.seg("av", s, e)
        ptp = maximum_filter1d(av, h, mode="nearest") - minimum_filter1d(av, h, mode="nearest")
        return still & (maximum_filter1d(g, h, mode="nearest") < st.zupt_rest_gyr_dps) & (ptp < st.zupt_rest_acc_g)

    def displacement(self, s: int, e: int) -> np.ndarray:
        """Vertical hip displacement (m) over absolute [s, e], from the hip height at the latest
        rest before ``s`` (:meth:`rest_before`; so the first value may already be below 0).

        Velocity is zero at that rest, at ``e`` and in every still run of at least ``zupt_min_s``
        from its first to its last sample at rest (:meth:`_rest`); each moving run is integrated on its own with a linear velocity
        correction, which removes a constant accelerometer offset and keeps drift to the length
        of one movement.
        """
        r = self.rest_before(s)
        a = self.seg("av", r, e) * G_MS2
        still = self.seg("still", r, e).copy()
        rest = self._rest(r, e)
        # zero velocity only in still runs of at least zupt_min_s: at the fastest point of a rise
        # the acceleration and rotation can pause for a moment without the hips being at rest;
        # and in each such run only from its first to its last sample at rest (a slow descent
        # or rise passes the still flag at its start and end); a run without one stays whole
        m = int(round(self.settings.zupt_min_s * self.rate))
        if still.any():
            edges = np.flatnonzero(np.diff(np.concatenate([[0], still.astype(np.int8), [0]])))
            for r0, r1 in zip(edges[::2], edges[1::2]):
                if m > 1 and r1 - r0 < m:
                    still[r0:r1] = False
                    continue
                at_rest = np.flatnonzero(rest[r0:r1])
                if at_rest.size:
                    still[r0 : r0 + at_rest[0]] = False
                    still[r0 + at_rest[-1] + 1 : r1] = False
        still[0] = still[-1] = True
        dt = 1.0 / self.rate
        v = np.zeros_like(a)
        # each moving run from its cumulative sum, less the line from its start to its end
        # value (np.cumsum and np.linspace in numpy's own order): one compiled pass (#20)
        _k.zupt_velocity(a, still, dt, v)
        return (np.cumsum(v) * dt)[s - r :]

    def seg(self, key: str, s: int, e: int) -> np.ndarray:
        """Buffered signal ``key`` over absolute samples [s, e] (inclusive)."""
        return self.buf[key][s - self.off : e - self.off + 1]
