"""Compiled (numba) kernels behind :mod:`oefensense.features.posture_features`.

One loop per window instead of ~100 small numpy reductions per call. The kernels reproduce the
numpy definitions *bit for bit* in float64 (tested in
``tests/analysis/test_posture_features_speed.py``; a numpy release that changed its summation
order would fail there, not silently shift the model's inputs):

* sums use numpy's pairwise summation (:func:`_pairwise`: 8 accumulators, blocks of 128), which
  is what ``ndarray.sum/mean/std`` along a contiguous axis do; reductions over the 3 axes of a
  vector are sequential ``(x + y) + z``, as numpy's reduce over a short strided axis is;
* ``mean = sum / n``, ``var = sum((x - mean)**2) / n``, ``std = sqrt(var)`` (numpy ``_methods``);
* ``np.degrees(x) = x * (180 / pi)``; ``np.cumsum`` is sequential;
* NaN propagates as in numpy (``max``/``min`` return NaN, ``argmax``/``argmin`` the first NaN),
  so training on frames with gaps gives the same rows as before.

No ``fastmath``: reassociation or fused multiply-add would change the last bits.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# numba's cache keys a function on its own file only: when these leaves change, edit this file
# too, or the cached kernels keep the old ones (the same bits, not the new speed); the paired
# lagged-product leaves (#20, thirteenth round) run two leaves in one loop (two step lags, or a
# split's halves above 128 samples), the same bits. The plain sums stay single leaves: paired,
# they pay only above 128 samples (not on the 50-Hz grid's 128-sample windows) and every kernel
# that inlines _pairwise compiled ~2.4 CPU s longer in the first run after an install
from ..core.pairwise_kernels import lagprod_leaf as _block_lagprod
from ..core.pairwise_kernels import lagprod_leaf_pair as _pair_lagprod2
from ..core.pairwise_kernels import pairwise_leaf as _block

_DEG = 180.0 / math.pi
_BLOCK = 128  # numpy's PW_BLOCKSIZE


# Above 128 numpy splits in two (the first half a multiple of 8) and recurses. numba's on-disk
# cache mishandles recursive functions (segfault on reload), so the recursion is unrolled into
# levels of at most 4 splits: exact for every n <= 1928 (a 2.56 s window up to 750 Hz).
@njit(cache=True, nogil=True)
def _split(n: int) -> int:
    n2 = n // 2
    return n2 - n2 % 8


@njit(cache=True, nogil=True)
def _pw1(a: np.ndarray, lo: int, n: int) -> float:
    if n <= _BLOCK:
        return _block(a, lo, n)
    n2 = _split(n)
    return _block(a, lo, n2) + _block(a, lo + n2, n - n2)


@njit(cache=True, nogil=True)
def _pw2(a: np.ndarray, lo: int, n: int) -> float:
    if n <= _BLOCK:
        return _block(a, lo, n)
    n2 = _split(n)
    return _pw1(a, lo, n2) + _pw1(a, lo + n2, n - n2)


@njit(cache=True, nogil=True)
def _pw3(a: np.ndarray, lo: int, n: int) -> float:
    if n <= _BLOCK:
        return _block(a, lo, n)
    n2 = _split(n)
    return _pw2(a, lo, n2) + _pw2(a, lo + n2, n - n2)


#: Largest n whose numpy split tree is at most 4 levels deep, so :func:`_pairwise` is exact for
#: every n up to it (the callers check it; the tests compare every n with ``np.sum``).
MAX_PAIRWISE_N = 1928


@njit(cache=True, nogil=True)
def _pairwise(a: np.ndarray, lo: int, n: int) -> float:
    """numpy's pairwise sum of ``a[lo:lo + n]`` (same association, so the same bits);
    n <= MAX_PAIRWISE_N."""
    if n <= _BLOCK:
        return _block(a, lo, n)
    n2 = _split(n)
    return _pw3(a, lo, n2) + _pw3(a, lo + n2, n - n2)


@njit(cache=True, nogil=True)
def _lpw1(x: np.ndarray, lo: int, lag: int, n: int) -> float:
    if n <= _BLOCK:
        return _block_lagprod(x, lo, lag, n)
    n2 = _split(n)
    sa, sb = _pair_lagprod2(x, lo, lag, n2, lo + n2, lag, n - n2)  # both halves leaves (n <= 256 here)
    return sa + sb


@njit(cache=True, nogil=True)
def _lpw2(x: np.ndarray, lo: int, lag: int, n: int) -> float:
    if n <= _BLOCK:
        return _block_lagprod(x, lo, lag, n)
    n2 = _split(n)
    if n - n2 <= _BLOCK:  # both halves leaves: one loop
        sa, sb = _pair_lagprod2(x, lo, lag, n2, lo + n2, lag, n - n2)
        return sa + sb
    return _lpw1(x, lo, lag, n2) + _lpw1(x, lo + n2, lag, n - n2)


@njit(cache=True, nogil=True)
def _lpw3(x: np.ndarray, lo: int, lag: int, n: int) -> float:
    if n <= _BLOCK:
        return _block_lagprod(x, lo, lag, n)
    n2 = _split(n)
    if n - n2 <= _BLOCK:  # both halves leaves: one loop
        sa, sb = _pair_lagprod2(x, lo, lag, n2, lo + n2, lag, n - n2)
        return sa + sb
    return _lpw2(x, lo, lag, n2) + _lpw2(x, lo + n2, lag, n - n2)


@njit(cache=True, nogil=True)
def _pairwise_lag(x: np.ndarray, lag: int, n: int) -> float:
    """:func:`_pairwise` of the products ``x[k] * x[k + lag]`` (k < n <= MAX_PAIRWISE_N), the
    same split tree on the same products, without storing them."""
    if n <= _BLOCK:
        return _block_lagprod(x, 0, lag, n)
    n2 = _split(n)
    if n - n2 <= _BLOCK:  # both halves leaves: one loop
        sa, sb = _pair_lagprod2(x, 0, lag, n2, n2, lag, n - n2)
        return sa + sb
    return _lpw3(x, 0, lag, n2) + _lpw3(x, n2, lag, n - n2)


@njit(cache=True, nogil=True)
def _angle_to_z(x: float, y: float, z: float) -> float:
    """Degrees between (x, y, z) and +z, as ``_angle_to_z`` in numpy (norm floored at 1e-9)."""
    n = math.sqrt((x * x + y * y) + z * z)
    if n < 1e-9:  # np.maximum(n, 1e-9): NaN stays NaN
        n = 1e-9
    c = z / n
    if c < -1.0:
        c = -1.0
    elif c > 1.0:
        c = 1.0
    return math.acos(c) * _DEG


@njit(cache=True, nogil=True)
def _std(a: np.ndarray, lo: int, n: int, tmp: np.ndarray) -> float:
    """``np.std(a[lo:lo + n])`` (population SD); ``tmp`` scratch of length >= n."""
    mu = _pairwise(a, lo, n) / n
    for k in range(n):
        d = a[lo + k] - mu
        tmp[k] = d * d
    return math.sqrt(_pairwise(tmp, 0, n) / n)


@njit(cache=True, nogil=True)
def _nan_max(a: np.ndarray, lo: int, n: int) -> tuple[float, int]:
    """(max, first argmax) of ``a[lo:lo + n]`` with numpy's NaN rule (first NaN wins)."""
    best = a[lo]
    arg = 0
    if math.isnan(best):
        return best, 0
    for k in range(1, n):
        v = a[lo + k]
        if math.isnan(v):
            return v, k
        if v > best:
            best = v
            arg = k
    return best, arg


@njit(cache=True, nogil=True)
def _nan_min(a: np.ndarray, lo: int, n: int) -> tuple[float, int]:
    best = a[lo]
    arg = 0
    if math.isnan(best):
        return best, 0
    for k in range(1, n):
        v = a[lo + k]
        if math.isnan(v):
            return v, k
        if v < best:
            best = v
            arg = k
    return best, arg


@njit(cache=True, nogil=True)
def _var(a: np.ndarray, n: int, tmp: np.ndarray) -> float:
    """``np.var(a[:n])`` (population)."""
    mu = _pairwise(a, 0, n) / n
    for k in range(n):
        d = a[k] - mu
        tmp[k] = d * d
    return _pairwise(tmp, 0, n) / n


@njit(cache=True, nogil=True)
def placement_kernel(
    acc: np.ndarray, starts: np.ndarray, w: int, s1: int, h: int, rate: float, gravity: float,
    lag_lo: int, lag_hi: int, lag_step: int, out: np.ndarray,
) -> None:
    """Fill ``out`` (m, 14) float64 with the placement features of windows
    ``acc[starts[j]:starts[j] + w]`` (acc (n, 3) float64, g); see ``posture_features``."""
    buf = np.empty((3, w))
    mag = np.empty(w)
    vert = np.empty(w)
    hor = np.empty((3, w))
    tmp = np.empty(w)
    vel = np.empty(w)
    for j in range(len(starts)):
        st = starts[j]
        for k in range(w):
            buf[0, k] = acc[st + k, 0]
            buf[1, k] = acc[st + k, 1]
            buf[2, k] = acc[st + k, 2]
        m0 = _pairwise(buf[0], 0, w) / w
        m1 = _pairwise(buf[1], 0, w) / w
        m2 = _pairwise(buf[2], 0, w) / w
        nrm = math.sqrt((m0 * m0 + m1 * m1) + m2 * m2)
        if nrm < 1e-9:
            nrm = 1e-9
        g0, g1, g2 = m0 / nrm, m1 / nrm, m2 / nrm
        for k in range(w):
            b0, b1, b2 = buf[0, k], buf[1, k], buf[2, k]
            mag[k] = math.sqrt((b0 * b0 + b1 * b1) + b2 * b2)
            v = (b0 * g0 + b1 * g1) + b2 * g2
            vert[k] = v
            hor[0, k] = b0 - v * g0
            hor[1, k] = b1 - v * g1
            hor[2, k] = b2 - v * g2
        out[j, 0] = _angle_to_z(m0, m1, m2)
        out[j, 1] = _angle_to_z(
            _pairwise(buf[0], w - s1, s1) / s1, _pairwise(buf[1], w - s1, s1) / s1, _pairwise(buf[2], w - s1, s1) / s1
        )
        head = _angle_to_z(_pairwise(buf[0], 0, h) / h, _pairwise(buf[1], 0, h) / h, _pairwise(buf[2], 0, h) / h)
        tail = _angle_to_z(
            _pairwise(buf[0], w - h, h) / h, _pairwise(buf[1], w - h, h) / h, _pairwise(buf[2], w - h, h) / h
        )
        out[j, 2] = head
        out[j, 3] = tail
        out[j, 4] = tail - head
        out[j, 5] = _std(mag, 0, w, tmp)
        out[j, 6] = _std(mag, w - s1, s1, tmp)
        out[j, 7] = _std(vert, 0, w, tmp)
        out[j, 8] = math.sqrt((_var(hor[0], w, tmp) + _var(hor[1], w, tmp)) + _var(hor[2], w, tmp))
        # vertical velocity: cumulative sum of the dynamic vertical acceleration (m/s)
        vmu = _pairwise(vert, 0, w) / w
        c = 0.0
        for k in range(w):
            c += (vert[k] - vmu) * gravity
            vel[k] = c / rate
        vmin, imin = _nan_min(vel, 0, w)
        vmax, imax = _nan_max(vel, 0, w)
        out[j, 9] = vmin
        out[j, 10] = vmax
        out[j, 11] = vel[w - 1]
        out[j, 12] = float(np.sign(imax - imin))
        # periodicity: normalised autocorrelation of |a| at step lags (x = |a| - mean)
        mmu = _pairwise(mag, 0, w) / w
        for k in range(w):
            vel[k] = mag[k] - mmu  # reuse vel as x
        den = _pairwise_lag(vel, 0, w)  # the squares' pairwise sum
        if den < 1e-12:  # np.maximum(den, 1e-12)
            den = 1e-12
        best = -math.inf
        has_nan = False  # ndarray.max propagates NaN
        if lag_step <= 0:
            raise ValueError("lag_step must be positive")
        lag = lag_lo  # the lags in order; two single-leaf lags at a time share one loop
        while lag < lag_hi:
            lag2 = lag + lag_step
            n1, n2 = w - lag, w - lag2
            if lag2 < lag_hi and 8 <= n2 and n1 <= _BLOCK:  # two leaves in one loop
                p1, p2 = _pair_lagprod2(vel, 0, lag, n1, 0, lag2, n2)
                r1, r2 = p1 / den, p2 / den
                step = 2
            else:
                r1, r2 = _pairwise_lag(vel, lag, n1) / den, 0.0
                step = 1
            if math.isnan(r1):
                has_nan = True
            elif r1 > best:
                best = r1
            if step == 2:
                if math.isnan(r2):
                    has_nan = True
                elif r2 > best:
                    best = r2
            lag += step * lag_step
        out[j, 13] = math.nan if has_nan else best


@njit(cache=True, nogil=True)
def orientation_kernel(incl: np.ndarray, starts: np.ndarray, w: int, h: int, d: int, rate: float, out: np.ndarray) -> None:
    """Fill ``out`` (m, 5) float64 with the fused-inclination features of windows
    ``incl[starts[j]:starts[j] + w]`` (deg); see ``posture_features.orientation_features``."""
    diff = np.empty(w)
    for j in range(len(starts)):
        st = starts[j]
        tail = _pairwise(incl, st + w - h, h) / h
        out[j, 0] = tail
        vmax, imax = _nan_max(incl, st, w)
        vmin, _ = _nan_min(incl, st, w)
        out[j, 1] = vmax - vmin
        for k in range(w - d):
            diff[k] = abs(incl[st + k + d] - incl[st + k])
        dmax, _ = _nan_max(diff, 0, w - d)
        out[j, 2] = dmax * rate / d
        out[j, 3] = tail - _pairwise(incl, st, h) / h
        out[j, 4] = imax / (w - 1)


@njit(cache=True, nogil=True)
def window_kernel(
    acc: np.ndarray, incl: np.ndarray, starts: np.ndarray, w: int, s1: int, h: int, d: int, rate: float,
    gravity: float, lag_lo: int, lag_hi: int, lag_step: int,
) -> np.ndarray:
    """Placement then orientation features of each window, as float32 (m, 19): one call (the
    per-call cost of two kernels, an hstack and a cast is ~2 us per window at 20 windows)."""
    m = len(starts)
    pl = np.empty((m, 14))
    placement_kernel(acc, starts, w, s1, h, rate, gravity, lag_lo, lag_hi, lag_step, pl)
    oi = np.empty((m, 5))
    orientation_kernel(incl, starts, w, h, d, rate, oi)
    out = np.empty((m, 19), np.float32)
    for j in range(m):
        for c in range(14):
            out[j, c] = pl[j, c]
        for c in range(5):
            out[j, 14 + c] = oi[j, c]
    return out
