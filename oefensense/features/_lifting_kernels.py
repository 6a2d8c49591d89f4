"""Compiled (numba) kernels behind :class:`oefensense.features.lifting_signals.LiftSignals`.

One loop per block instead of ~40 numpy passes and temporaries. They reproduce the numpy
definitions they replace *bit for bit* in float64 (tested in
``tests/analysis/test_lifting_signals_speed.py`` against the numpy forms on real and random
data, so a numpy release that changed an order fails there instead of shifting results):

* ``np.einsum("ij,ij->i", a, b)`` over three columns adds ``(a0*b0 + a2*b2) + a1*b1`` (its
  SIMD loop pairs the columns so; measured, not documented);
* ``np.linalg.norm`` of two columns is ``sqrt(x0*x0 + x1*x1)``, ``row_norm`` of three
  ``sqrt((x0*x0 + x1*x1) + x2*x2)``; ``np.cumsum`` is sequential;
* ``np.nan_to_num(x, nan=v)``: NaN -> v, +inf -> the largest float, -inf -> the smallest;
* ``np.clip``, ``np.maximum`` and comparisons propagate NaN as numpy does.

``uniform_nearest`` is scipy.ndimage's ``uniform_filter1d`` (mode "nearest") the same way
(``tests/analysis/test_ndimage_kernels.py``, against scipy), so the stage needs no scipy.ndimage.

The sines, cosines and arccos stay numpy's (its SIMD routines round differently from libm).
No ``fastmath``: reassociation or fused multiply-add would change the last bits.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# the leaf is core/pairwise_kernels' vector one; numba's cache keys on this file alone (#20)
from ._posture_kernels import MAX_PAIRWISE_N, _pairwise

_BIG = np.finfo(np.float64).max


@njit(cache=True, nogil=True)
def up_and_vertical(acc: np.ndarray, s_fl: np.ndarray, s_la: np.ndarray, s_inc: np.ndarray, c_inc: np.ndarray,
                    valid: np.ndarray, up: np.ndarray, av: np.ndarray) -> None:
    """Per sample, into ``up`` (n, 3) and ``av`` (n,): the up-vector in segment axes (tilt
    direction ``(-sin flexion, sin lateral)`` normalised, 0 when shorter than 1e-9, times
    ``sin inclination``; ``cos inclination`` as z) and the vertical acceleration
    ``acc · up − 1`` (g). Invalid samples: ``up`` NaN, ``av`` 0; a non-finite ``av`` 0."""
    for i in range(acc.shape[0]):
        h0 = -s_fl[i]
        h1 = s_la[i]
        hn = math.sqrt(h0 * h0 + h1 * h1)
        if hn > 1e-9:
            h0 = h0 / hn
            h1 = h1 / hn
        else:
            h0 = 0.0
            h1 = 0.0
        u0 = h0 * s_inc[i]
        u1 = h1 * s_inc[i]
        u2 = c_inc[i]
        a = ((acc[i, 0] * u0 + acc[i, 2] * u2) + acc[i, 1] * u1) - 1.0
        if valid[i]:
            up[i, 0] = u0
            up[i, 1] = u1
            up[i, 2] = u2
            av[i] = a if math.isfinite(a) else 0.0
        else:
            up[i, 0] = np.nan
            up[i, 1] = np.nan
            up[i, 2] = np.nan
            av[i] = 0.0


@njit(cache=True, nogil=True)
def _nan_to_num(x: float, nan: float) -> float:
    if x != x:
        return nan
    if x == np.inf:
        return _BIG
    if x == -np.inf:
        return -_BIG
    return x


@njit(cache=True, nogil=True)
def rest_signals(acc: np.ndarray, gyr: np.ndarray, has_gyr: bool, valid: np.ndarray, prev_g: np.ndarray,
                 prev_a: np.ndarray, w: int, still_gyr: float, still_std: float, gnorm: np.ndarray,
                 anorm: np.ndarray, acc_v: np.ndarray, gyr_v: np.ndarray, still: np.ndarray) -> None:
    """Per sample of a block, into the output arrays: |gyro| (deg/s; 0 when invalid, NaN
    without a gyro), |acc| (g; 1 when invalid), acc and gyro vectors (NaN when invalid), and
    the causal still flag: over the last ``w`` samples (``prev_g``/``prev_a``: the ≤ w − 1
    before the block) mean |gyro| (NaN counted as 1000) below ``still_gyr`` and the standard
    deviation of |acc| below ``still_std``. The trailing statistics are those of
    ``trailing_mean``/``trailing_std`` over the previous samples and the block: cumulative
    sums from the first previous sample, mean = (sum difference) / count."""
    n = acc.shape[0]
    k = prev_g.shape[0]
    for i in range(n):
        a0, a1, a2 = acc[i, 0], acc[i, 1], acc[i, 2]
        if valid[i]:
            anorm[i] = math.sqrt((a0 * a0 + a1 * a1) + a2 * a2)
            acc_v[i, 0] = a0
            acc_v[i, 1] = a1
            acc_v[i, 2] = a2
        else:
            anorm[i] = 1.0
            acc_v[i, 0] = np.nan
            acc_v[i, 1] = np.nan
            acc_v[i, 2] = np.nan
        if has_gyr:
            g0, g1, g2 = gyr[i, 0], gyr[i, 1], gyr[i, 2]
            if valid[i]:
                gnorm[i] = math.sqrt((g0 * g0 + g1 * g1) + g2 * g2)
                gyr_v[i, 0] = g0
                gyr_v[i, 1] = g1
                gyr_v[i, 2] = g2
            else:
                gnorm[i] = 0.0
                gyr_v[i, 0] = np.nan
                gyr_v[i, 1] = np.nan
                gyr_v[i, 2] = np.nan
        else:
            gnorm[i] = np.nan if valid[i] else 0.0
            gyr_v[i, 0] = np.nan
            gyr_v[i, 1] = np.nan
            gyr_v[i, 2] = np.nan
    m = k + n
    cg = np.empty(m + 1)  # cumulative sums, cg[0] = 0 as trailing_mean's
    ca = np.empty(m + 1)
    ca2 = np.empty(m + 1)
    cg[0] = 0.0
    ca[0] = 0.0
    ca2[0] = 0.0
    for j in range(m):
        if j < k:
            g = _nan_to_num(prev_g[j], 1e3)
            a = prev_a[j]
        else:
            g = _nan_to_num(gnorm[j - k], 1e3)
            a = anorm[j - k]
        cg[j + 1] = cg[j] + g
        ca[j + 1] = ca[j] + a
        ca2[j + 1] = ca2[j] + a * a
    for j in range(k, m):
        i = j + 1
        lo = i - w if i - w > 0 else 0
        cnt = i - lo
        mg = (cg[i] - cg[lo]) / cnt
        ma = (ca[i] - ca[lo]) / cnt
        ma2 = (ca2[i] - ca2[lo]) / cnt
        v = ma2 - ma * ma
        if v < 0.0:  # np.maximum(v, 0): NaN stays NaN
            v = 0.0
        still[j - k] = (mg < still_gyr) and (math.sqrt(v) < still_std)


@njit(cache=True, nogil=True)
def cos_to_reference(up: np.ndarray, refs: np.ndarray, counts: np.ndarray, out: np.ndarray) -> None:
    """Per sample, into ``out``: ``up · ref`` clipped to [-1, 1] (NaN stays NaN), where the
    first ``counts[0]`` samples have ``refs[0]``, the next ``counts[1]`` ``refs[1]``, …"""
    i = 0
    for r in range(counts.shape[0]):
        r0, r1, r2 = refs[r, 0], refs[r, 1], refs[r, 2]
        for _ in range(counts[r]):
            c = (up[i, 0] * r0 + up[i, 2] * r2) + up[i, 1] * r1
            if c > 1.0:
                c = 1.0
            elif c < -1.0:
                c = -1.0
            out[i] = c
            i += 1


@njit(cache=True, nogil=True)
def window_stats(up: np.ndarray, inc: np.ndarray, gyr: np.ndarray, a: int, g: int, ref_gyr: float,
                 ref_steady: float, quiet: np.ndarray, mu: np.ndarray, am: np.ndarray) -> None:
    """For the consecutive windows of ``g`` samples from buffer index ``a`` (as many as
    ``quiet`` is long): quiet (every up-vector component finite, mean |gyro| below
    ``ref_gyr``, inclination peak-to-peak below ``ref_steady``), the mean up-vector normalised
    (norm floored at 1e-12) and the mean inclination. numpy's forms: ``mean(axis=1)`` of
    (windows, g) rows is the pairwise sum / g, of (windows, g, 3) a sequential sum / g."""
    for w in range(quiet.shape[0]):
        lo = a + w * g
        finite = True
        s0, s1, s2 = up[lo, 0], up[lo, 1], up[lo, 2]
        for j in range(g):
            u0, u1, u2 = up[lo + j, 0], up[lo + j, 1], up[lo + j, 2]
            if not (math.isfinite(u0) and math.isfinite(u1) and math.isfinite(u2)):
                finite = False
            if j > 0:
                s0 += u0
                s1 += u1
                s2 += u2
        m0, m1, m2 = s0 / g, s1 / g, s2 / g
        nrm = math.sqrt((m0 * m0 + m1 * m1) + m2 * m2)
        if nrm < 1e-12:  # np.maximum(nrm, 1e-12): NaN stays NaN
            nrm = 1e-12
        mu[w, 0] = m0 / nrm
        mu[w, 1] = m1 / nrm
        mu[w, 2] = m2 / nrm
        am[w] = _pairwise(inc, lo, g) / g
        hi = inc[lo]
        low = inc[lo]
        nan = False
        for j in range(g):
            x = inc[lo + j]
            if x != x:
                nan = True
            elif x > hi:
                hi = x
            elif x < low:
                low = x
        steady = (not nan) and (hi - low < ref_steady)
        quiet[w] = finite and (_pairwise(gyr, lo, g) / g < ref_gyr) and steady


@njit(cache=True, nogil=True)
def zupt_velocity(a: np.ndarray, still: np.ndarray, dt: float, v: np.ndarray) -> None:
    """Into ``v`` (zeros on entry, as long as ``a``): the velocity of
    :meth:`LiftSignals.displacement` between zero-velocity samples, the loop it replaced (one
    Python step per pair of consecutive ``still`` samples, #20)::

        for k0, k1 in zip(idx[:-1], idx[1:]):          # idx = np.flatnonzero(still)
            if k1 - k0 > 1:
                seg = np.cumsum(a[k0 + 1 : k1 + 1]) * dt
                seg -= np.linspace(seg[0] / (k1 - k0), seg[-1], seg.shape[0])
                v[k0 + 1 : k1 + 1] = seg

    ``np.cumsum`` adds left to right from the first value; ``np.linspace(start, stop, m)`` is
    ``i * step + start`` with ``step = (stop - start) / (m - 1)`` (``(i / (m - 1)) * delta +
    start`` when that step is 0), its last value ``stop`` (numpy 2.4's code). Tested bit for bit
    against the loop."""
    k0 = -1
    for k in range(a.shape[0]):
        if not still[k]:
            continue
        m = k - k0
        if k0 >= 0 and m > 1:
            c = a[k0 + 1]
            v[k0 + 1] = c * dt
            for i in range(1, m):
                c = c + a[k0 + 1 + i]
                v[k0 + 1 + i] = c * dt
            start = v[k0 + 1] / m
            stop = v[k]
            delta = stop - start
            div = m - 1
            step = delta / div
            if step == 0.0:
                for i in range(m - 1):
                    v[k0 + 1 + i] -= (i / div) * delta + start
            else:
                for i in range(m - 1):
                    v[k0 + 1 + i] -= i * step + start
            v[k] -= stop
        k0 = k


# scipy.ndimage's uniform_filter1d with mode="nearest", origin 0, reproduced so that the lifting
# stage no longer imports scipy.ndimage (#20; its ZUPT rest test still takes scipy's
# minimum/maximum_filter1d, imported only when zupt_rest_gyr_dps is finite, which the shipped
# settings never set). scipy extends each line by
# size1 = size // 2 copies of its first value before and size - size1 - 1 copies of its last
# after (``NI_InitLineBuffer``); padded position p reads x[clip(p - size1, 0, n - 1)].


@njit(cache=True, nogil=True)
def _padded(n: int, size1: int, p: int) -> int:
    """Index into an n-sample line of position ``p`` of scipy's "nearest"-extended line."""
    return min(max(p - size1, 0), n - 1)


@njit(cache=True, nogil=True)
def uniform_nearest(x: np.ndarray, size: int) -> np.ndarray:
    """``scipy.ndimage.uniform_filter1d(x, size, axis=0, mode="nearest")`` of a 2-D float64
    array, bit for bit: per column scipy's running sum (``NI_UniformFilter1D``): the first
    ``size`` padded values added left to right, then at each step ``tmp += (entering -
    leaving)``, each output ``tmp / size``."""
    n, m = x.shape
    out = np.empty((n, m))
    size1 = size // 2
    for j in range(m):
        if n == 0:
            break
        tmp = 0.0
        for p in range(size):
            tmp += x[_padded(n, size1, p), j]
        out[0, j] = tmp / size
        for i in range(1, n):
            tmp += x[_padded(n, size1, i - 1 + size), j] - x[_padded(n, size1, i - 1), j]
            out[i, j] = tmp / size
    return out


@njit(cache=True, nogil=True)
def held_level(x: np.ndarray, n: int) -> float:
    """``sliding_window_view(x, n).min(axis=1).max()`` for 1 <= n <= len(x): the largest of the
    minima of every ``n`` consecutive values, in one pass (van Herk / Gil-Werman: per block of
    ``n`` values the running minimum from its start and from its end; a window's minimum is the
    smaller of its first value's minimum to its block's end and its last value's from its
    block's start). Minima and maxima select values, they round nothing: for finite non-zero
    values (the caller's condition) the result is numpy's float whatever the order."""
    m = x.shape[0]
    pre = np.empty(m)  # minimum from the start of the value's block up to it
    suf = np.empty(m)  # minimum from the value to the end of its block
    for i in range(m):
        pre[i] = x[i] if i % n == 0 or x[i] < pre[i - 1] else pre[i - 1]
    for i in range(m - 1, -1, -1):
        suf[i] = x[i] if i == m - 1 or (i + 1) % n == 0 or x[i] < suf[i + 1] else suf[i + 1]
    best = -np.inf
    for i in range(m - n + 1):
        lo = suf[i] if suf[i] < pre[i + n - 1] else pre[i + n - 1]
        if lo > best:
            best = lo
    return best


@njit(cache=True, nogil=True)
def next_near_reference(quiet: np.ndarray, mu: np.ndarray, am: np.ndarray, r0: float, r1: float, r2: float,
                        dev_deg: float, cos_dev: float, j: int) -> int:
    """The first position ``p >= j`` of ``quiet`` (window indices) whose window ``k = quiet[p]``
    may update the standing reference ``(r0, r1, r2)``: mean absolute inclination ``am[k]``
    below ``dev_deg``, or its mean up-vector's dot product with the reference above ``cos_dev``
    (a pre-test: ``lifting_signals._updates`` decides each candidate exactly); -1 when none.
    NaN passes neither test, as numpy's comparisons."""
    for p in range(j, quiet.shape[0]):
        k = quiet[p]
        if am[k] < dev_deg:
            return p
        if (mu[k, 0] * r0 + mu[k, 1] * r1) + mu[k, 2] * r2 > cos_dev:
            return p
    return -1
