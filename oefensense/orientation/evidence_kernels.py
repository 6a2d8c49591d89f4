"""Compiled pieces of the automatic alignment's evidence and estimate (:mod:`.alignment`) that
numpy ran as many short reductions (means and spreads of 0.5-s windows, tilt vectors of the
bend windows, cluster counts): the same bits as the numpy expressions they replace.

numpy's order of summation, which these loops follow (``tests/orientation/test_evidence_kernels.py``
compares them with numpy over random data of wide range and on the alignment of real recordings):

* every sum starts from 0.0 (so a sum of -0.0 is +0.0);
* a reduction over a middle or leading axis (``x.mean(axis=1)`` of (windows, w, 3),
  ``h.sum(axis=0)`` of (n, 3)) adds element by element;
* a reduction over the contiguous last axis (``x.std(axis=1)`` of (windows, w)) is numpy's
  pairwise sum (:func:`_pairwise`): eight running sums over blocks up to 128, halved above.

No fast-math: no fused multiply-add, no reassociation.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# the leaf is core/pairwise_kernels' vector one; numba's cache keys on this file alone (#20)
from ..core.pairwise_kernels import pairwise_leaf as _pairwise_leaf


@njit(cache=True, nogil=True)
def _pairwise(a: np.ndarray, lo: int, n: int) -> float:
    """numpy's ``pairwise_sum`` of ``a[lo:lo + n]`` (1-D float64): blocks up to 128 summed by
    :func:`_pairwise_leaf`, longer runs halved (at a multiple of 8) and the halves added. The
    halving runs on an explicit stack: numba's cache cannot hold a recursive function (its
    cached copy crashed on load)."""
    if n <= 128:
        return _pairwise_leaf(a, lo, n)
    s_lo = np.empty(64, np.int64)
    s_n = np.empty(64, np.int64)
    s_left = np.empty(64)
    s_state = np.empty(64, np.int64)  # 0: not started, 1: left half pending, 2: right half pending
    top = 0
    s_lo[0], s_n[0], s_state[0] = lo, n, 0
    ret = 0.0
    have = False  # ret holds the sum of the node just finished
    while True:
        if have:
            if top < 0:
                return ret
            if s_state[top] == 1:  # its left half is done: keep it, start the right half
                s_left[top] = ret
                s_state[top] = 2
                h = s_n[top] // 2
                h -= h % 8
                top += 1
                s_lo[top], s_n[top], s_state[top] = s_lo[top - 1] + h, s_n[top - 1] - h, 0
                have = False
            else:  # both halves done
                ret = s_left[top] + ret
                top -= 1
            continue
        m = s_n[top]
        if m <= 128:
            ret = _pairwise_leaf(a, s_lo[top], m)
            top -= 1
            have = True
        else:
            s_state[top] = 1
            h = m // 2
            h -= h % 8
            top += 1
            s_lo[top], s_n[top], s_state[top] = s_lo[top - 1], h, 0


@njit(cache=True, nogil=True)
def _norm3(x: float, y: float, z: float) -> float:
    return np.sqrt((x * x + y * y) + z * z)  # core.vec.row_norm's order


@njit(cache=True, nogil=True)
def _window_stats(acc: np.ndarray, up: np.ndarray, has_up: bool, gyr: np.ndarray, has_gyr: bool, w: int,
                  mean: np.ndarray, up_mean: np.ndarray, sd: np.ndarray, gyr_mean: np.ndarray, mag: np.ndarray) -> None:
    n = acc.shape[0]
    nw = n // w
    for i in range(n):
        mag[i] = _norm3(acc[i, 0], acc[i, 1], acc[i, 2])
    d = np.empty(w)
    for i in range(nw):
        b = i * w
        for k in range(3):  # over the middle axis: element by element
            s = 0.0
            for j in range(w):
                s += acc[b + j, k]
            mean[i, k] = s / w
            if has_up:
                s = 0.0
                for j in range(w):
                    s += up[b + j, k]
                up_mean[i, k] = s / w
        # |acc|.std over the row (numpy's two-pass _var, pairwise sums)
        m = (0.0 + _pairwise(mag, b, w)) / w
        for j in range(w):
            e = mag[b + j] - m
            d[j] = e * e
        sd[i] = np.sqrt((0.0 + _pairwise(d, 0, w)) / w)
        if has_gyr:
            for j in range(w):
                d[j] = _norm3(gyr[b + j, 0], gyr[b + j, 1], gyr[b + j, 2])
            gyr_mean[i] = (0.0 + _pairwise(d, 0, w)) / w


def window_stats(acc: np.ndarray, up: np.ndarray | None, gyr: np.ndarray | None, w: int):
    """Per whole window of ``w`` samples: the mean acceleration (nw, 3), the mean of ``up``
    (nw, 3) or None, the SD of |acc| (nw,), the mean |gyro| (nw,) or None, and |acc| of every
    sample (n,): what :meth:`.alignment.AlignmentEvidence.add` took from ``_windows(...).mean``,
    ``row_norm(aw).std`` and ``row_norm(gw).mean`` (the same bits), in one compiled pass."""
    # C-contiguous float64 (a copy only for strided input): one compiled variant, so the first
    # run after an install compiles less
    acc = np.ascontiguousarray(acc, dtype=np.float64)
    n = acc.shape[0]
    nw = n // w
    mean, sd, mag = np.empty((nw, 3)), np.empty(nw), np.empty(n)
    up_mean = np.empty((nw, 3)) if up is not None else None
    gyr_mean = np.empty(nw) if gyr is not None else None
    dummy = np.zeros((1, 3))
    _window_stats(acc, dummy if up is None else np.ascontiguousarray(up, dtype=np.float64), up is not None,
                  dummy if gyr is None else np.ascontiguousarray(gyr, dtype=np.float64), gyr is not None, w,
                  mean, dummy if up_mean is None else up_mean, sd, np.zeros(1) if gyr_mean is None else gyr_mean, mag)
    return mean, up_mean, sd, gyr_mean, mag


@njit(cache=True, nogil=True)
def _count_above(g: np.ndarray, thr: float, out: np.ndarray) -> None:
    for i in range(g.shape[0]):
        c = 0
        for j in range(g.shape[1]):
            if g[i, j] > thr:
                c += 1
        out[i] = c


def count_above(g: np.ndarray, thr: float) -> np.ndarray:
    """``(g > thr).sum(axis=1)`` (int64) without the boolean matrix."""
    out = np.empty(g.shape[0], np.int64)
    _count_above(np.ascontiguousarray(g), float(thr), out)
    return out


@njit(cache=True, nogil=True)
def _tilt_sums(dirs: np.ndarray, c: np.ndarray, mask: np.ndarray, up: np.ndarray, hsum: np.ndarray,
               norms: np.ndarray) -> None:
    ux, uy, uz = up[0], up[1], up[2]
    hsum[0], hsum[1], hsum[2] = 0.0, 0.0, 0.0
    k = 0
    for i in range(dirs.shape[0]):
        if not mask[i]:
            continue
        ci = c[i]
        hx, hy, hz = dirs[i, 0] - ci * ux, dirs[i, 1] - ci * uy, dirs[i, 2] - ci * uz
        hsum[0] += hx
        hsum[1] += hy
        hsum[2] += hz
        norms[k] = _norm3(hx, hy, hz)
        k += 1


def tilt_sums(dirs: np.ndarray, c: np.ndarray, mask: np.ndarray, up: np.ndarray) -> tuple[np.ndarray, float]:
    """For ``h = dirs[mask] - np.outer(c[mask], up)`` (the horizontal parts of the masked
    up-directions, at least one): ``h.sum(axis=0)`` and ``np.linalg.norm(h, axis=1).sum()``,
    without building ``h``."""
    n = int(mask.sum())
    hsum = np.empty(3)
    norms = np.empty(n)
    _tilt_sums(np.ascontiguousarray(dirs, dtype=np.float64), np.ascontiguousarray(c, dtype=np.float64),
               np.ascontiguousarray(mask, dtype=np.bool_), np.ascontiguousarray(up, dtype=np.float64), hsum, norms)
    return hsum, float(norms.sum())


@njit(cache=True, nogil=True)
def _masked_row_sum(a: np.ndarray, mask: np.ndarray, out: np.ndarray) -> None:
    s0, s1, s2 = 0.0, 0.0, 0.0
    for i in range(a.shape[0]):
        if mask[i]:
            s0 += a[i, 0]
            s1 += a[i, 1]
            s2 += a[i, 2]
    out[0], out[1], out[2] = s0, s1, s2


def masked_row_sum(a: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``a[mask].sum(axis=0)`` of (n, 3) float64 rows (numpy's order over the leading axis: row
    by row from 0.0) without gathering the rows first (a boolean gather of ~100 k windows cost
    more than the sum; the estimate did it at every checkpoint)."""
    out = np.empty(3)
    _masked_row_sum(np.ascontiguousarray(a, dtype=np.float64), np.ascontiguousarray(mask, dtype=np.bool_), out)
    return out
