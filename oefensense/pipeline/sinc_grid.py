"""The Synchroniser's "sinc" acceleration (``SyncSettings.acc_interpolation``, a prototype, off by
default): a Kaiser-windowed sinc low-pass evaluated at the actual sample times, per grid tick.
Its own module so that a default ("linear") session neither imports nor compiles these kernels
(the live warm-up compiles what the built pipeline imports before session time zero)."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _bessel_i0(x: float) -> float:
    """The modified Bessel function I0(x) by its power series (x <= ~20 here: beta 8)."""
    q = x * x / 4.0
    term = 1.0
    s = 1.0
    k = 1.0
    while term > s * 1e-17:
        term *= q / (k * k)
        s += term
        k += 1.0
    return s


@njit(cache=True, nogil=True, inline="always")
def _t_at(th, tt, j):  # noqa: ANN001, ANN202
    """Sample time j of ``concatenate([th, tt])``."""
    nh = th.shape[0]
    return th[j] if j < nh else tt[j - nh]


@njit(cache=True, nogil=True)
def _count_le(th, tt, x):  # noqa: ANN001, ANN202
    """How many samples of ``concatenate([th, tt])`` (ascending) are at or before ``x``."""
    lo = 0
    hi = th.shape[0] + tt.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if _t_at(th, tt, mid) <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo


#: The "sinc" weight cache per sensor: slots, and the most taps a cached window holds (a window
#: of 0.4 s at up to ~600 Hz); longer windows are computed every time.
_CACHE_SLOTS, _CACHE_TAPS = 257, 256


def new_weight_cache() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(taps per slot, -1 empty; the windows' tick-to-sample offsets (ns); their weights; sums)."""
    return (np.full(_CACHE_SLOTS, -1, np.int64), np.zeros((_CACHE_SLOTS, _CACHE_TAPS), np.int64),
            np.zeros((_CACHE_SLOTS, _CACHE_TAPS)), np.zeros(_CACHE_SLOTS))


@njit(cache=True, nogil=True)
def sinc_at(th, tt, vh, vt, fh, ft, ticks, half_ns, max_gap_ns, fc, beta, cn, cdt, cw, csw, out, ok):  # noqa: ANN001, ANN202
    """Per tick ``x``: ``sum_j w_j v_j / sum_j w_j`` over the samples with ``|x - t_j| < half``,
    ``w = sinc(2 fc dt) * I0(beta sqrt(1 - (dt / half)^2)) / I0(beta)``, ``dt = (x - t_j) / 1e9``
    (s): a Kaiser-windowed sinc low-pass at the actual sample times (the probe's ``_sinc_at``).
    ``ok`` only with a sample at or before ``x - half`` and one at or after ``x + half`` (the
    window is covered), no interval between them longer than ``max_gap_ns`` and every sample
    inside valid (``fh`` / ``ft``); NaN rows otherwise. Head and tail read where they lie.
    The weights depend only on the tick-to-sample offsets (ns), which repeat at a steady rate
    (one pattern on the grid, 25 at 52 Hz): ``cn``/``cdt``/``cw``/``csw`` keep computed windows
    (``new_weight_cache``), reused only when every offset is equal, so the result is the same
    bits as computing them again."""
    nh = th.shape[0]
    n = nh + tt.shape[0]
    i0b = _bessel_i0(beta)
    half_s = half_ns / 1e9
    nc = vh.shape[1]
    slots = cn.shape[0]
    maxt = cdt.shape[1]
    wbuf = np.empty(maxt)
    # prefix counts: long intervals before sample j (gaps[j]), invalid samples before j (bad[j]),
    # so a window's checks cost two lookups each, not a walk over its samples
    gaps = np.zeros(n + 1, np.int64)
    bad = np.zeros(n + 1, np.int64)
    for j in range(n):
        long_gap = j + 1 < n and _t_at(th, tt, j + 1) - _t_at(th, tt, j) > max_gap_ns
        gaps[j + 1] = gaps[j] + (1 if long_gap else 0)
        bad[j + 1] = bad[j] + (0 if (fh[j] if j < nh else ft[j - nh]) else 1)
    a = -1
    b = 0
    for r in range(ticks.shape[0]):
        x = ticks[r]
        if r == 0 or x < ticks[r - 1]:
            a = _count_le(th, tt, x - half_ns) - 1  # the last sample at or before the window
            b = a + 1
        else:  # ticks ascend: walk on from the previous one
            while a + 1 < n and _t_at(th, tt, a + 1) <= x - half_ns:
                a += 1
            b = max(b, a + 1)
        while b < n and _t_at(th, tt, b) < x + half_ns:
            b += 1  # b: the first sample at or after the window's end
        # intervals a..b (gaps[b] - gaps[a]) and samples a+1..b-1 (bad[b] - bad[a + 1])
        good = a >= 0 and b < n and b > a + 1 and gaps[b] == gaps[a] and bad[b] == bad[a + 1]
        ok[r] = good
        if not good:
            for c in range(nc):
                out[r, c] = np.nan
            continue
        m = b - a - 1  # the samples inside the window
        hit = False
        slot = -1
        if m <= maxt:
            slot = (x - _t_at(th, tt, a + 1)) % slots
            if cn[slot] == m:
                hit = True
                for i in range(m):
                    if cdt[slot, i] != x - _t_at(th, tt, a + 1 + i):
                        hit = False
                        break
        if hit:
            sw = csw[slot]
            for i in range(m):
                wbuf[i] = cw[slot, i]
        else:
            sw = 0.0
            for i in range(m):
                dt = (x - _t_at(th, tt, a + 1 + i)) / 1e9
                u = 1.0 - (dt / half_s) ** 2
                w = 0.0
                if u > 0.0:
                    z = np.pi * 2.0 * fc * dt
                    w = (np.sin(z) / z if z != 0.0 else 1.0) * _bessel_i0(beta * np.sqrt(u)) / i0b
                    sw += w
                if m <= maxt:
                    wbuf[i] = w
            if slot >= 0:  # keep it (over what the slot held)
                cn[slot] = m
                csw[slot] = sw
                for i in range(m):
                    cdt[slot, i] = x - _t_at(th, tt, a + 1 + i)
                    cw[slot, i] = wbuf[i]
        if m > maxt:  # a window too long to cache: its weights again, as they are used
            for c in range(nc):
                out[r, c] = 0.0
            for i in range(m):
                j = a + 1 + i
                dt = (x - _t_at(th, tt, j)) / 1e9
                u = 1.0 - (dt / half_s) ** 2
                if u <= 0.0:
                    continue
                z = np.pi * 2.0 * fc * dt
                w = (np.sin(z) / z if z != 0.0 else 1.0) * _bessel_i0(beta * np.sqrt(u)) / i0b
                row = vh[j] if j < nh else vt[j - nh]
                for c in range(nc):
                    out[r, c] += w * row[c]
            for c in range(nc):
                out[r, c] /= sw
            continue
        for c in range(nc):
            out[r, c] = 0.0
        for i in range(m):
            w = wbuf[i]
            if w == 0.0:
                continue
            j = a + 1 + i
            if j < nh:
                for c in range(nc):
                    out[r, c] += w * vh[j, c]
            else:
                for c in range(nc):
                    out[r, c] += w * vt[j - nh, c]
        for c in range(nc):
            out[r, c] /= sw
