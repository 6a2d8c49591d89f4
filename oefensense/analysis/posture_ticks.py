"""Compiled per-tick decisions of the posture stage (#20): what ``PostureStage._decide_ticks``
did with ~60 small numpy calls and Python loops per block, in three kernels.

The same values bit for bit (tested against the numpy form in
``tests/analysis/test_posture_ticks.py``): no fastmath; the transition mass is summed left to
right, as numpy's ``sum(axis=1)`` of the 6 transition columns does; ``argmax`` takes the first
maximum, or the first NaN, as numpy's; the running sums are numpy's ``cumsum`` (sequential per
column) and the confidence sums Python's ``+=`` in tick order.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

_TRANSITION, _UNKNOWN, _NON_WEAR, _NO_DATA, _UPRIGHT_STILL = 4, 5, 6, 7, 8  # codes, as in posture.POSTURES


@njit(cache=True, nogil=True)
def _argmax(a: np.ndarray, lo: int, n: int) -> int:
    """``np.argmax(a[lo:lo + n])`` (first maximum; the first NaN if there is one)."""
    best = a[lo]
    arg = 0
    if math.isnan(best):
        return 0
    for k in range(1, n):
        v = a[lo + k]
        if math.isnan(v):
            return k
        if v > best:
            best = v
            arg = k
    return arg


@njit(cache=True, nogil=True)
def tick_codes(alpha: np.ndarray, ok: np.ndarray, padded: np.ndarray, no_data: np.ndarray, non_wear: np.ndarray,
               trunk_only: bool, code: np.ndarray, conf: np.ndarray) -> None:
    """Fill ``code`` (int64) and ``conf`` (float64) per tick from the filtered states ``alpha``
    (m, 10; rows read where ``ok``): the most probable static posture, or transition when the 6
    transition states together are more probable; unknown where not ``ok`` or ``padded`` (conf
    0), no_data / non_wear (conf 1) over everything; ``trunk_only``: sitting and standing are
    upright_still."""
    for k in range(alpha.shape[0]):
        c = _UNKNOWN
        v = 0.0
        if ok[k]:
            st = _argmax(alpha[k], 0, 4)
            s_val = alpha[k, st]
            trans = alpha[k, 4]
            for i in range(5, 10):
                trans += alpha[k, i]
            if trans > s_val:
                c, v = _TRANSITION, trans
            else:
                c, v = st, s_val
            if trunk_only and (c == 1 or c == 2):
                c = _UPRIGHT_STILL
        if padded[k]:
            c, v = _UNKNOWN, 0.0
        if no_data[k]:
            c = _NO_DATA
        if non_wear[k]:
            c = _NON_WEAR
        if non_wear[k] or no_data[k]:
            v = 1.0
        code[k] = c
        conf[k] = v


@njit(cache=True, nogil=True)
def tick_moves(alpha: np.ndarray, ok: np.ndarray, code: np.ndarray, prev_code: int, recent: np.ndarray,
               move_mass: np.ndarray, flip_move_mass: float, move: np.ndarray) -> np.ndarray:
    """The pelvis model's directed transition per tick into ``move`` (int64, -1 = none; filled by
    the caller): in transition, the one most probable over the whole movement so far
    (``move_mass``, 6, updated in place); a static -> static change without a decided transition,
    the one most probable over the last 4 ok ticks when their summed mass reaches
    ``flip_move_mass``. ``recent`` (r, 6): the transition mass of the ok ticks before the block.
    Returns the last 3 rows of ``recent`` and this block's ok ticks (the next block's ``recent``)."""
    m = alpha.shape[0]
    n_ok = 0
    for k in range(m):
        if ok[k]:
            n_ok += 1
    r0 = recent.shape[0]
    rows = np.empty((r0 + n_ok, 6))
    for r in range(r0):
        for c in range(6):
            rows[r, c] = recent[r, c]
    i = r0
    for k in range(m):
        if ok[k]:
            for c in range(6):
                rows[i, c] = alpha[k, 4 + c]
            i += 1
    # prefix sums with a zero row first (np.cumsum along the ticks: sequential per column)
    cs = np.zeros((r0 + n_ok + 1, 6))
    for r in range(r0 + n_ok):
        for c in range(6):
            cs[r + 1, c] = rows[r, c] if r == 0 else cs[r, c] + rows[r, c]
    j = r0 + 1  # cs row of the current ok tick
    rs = np.empty(6)
    for k in range(m):
        prev = prev_code if k == 0 else code[k - 1]
        ck = code[k]
        if ok[k]:
            lo = j - 4 if j >= 4 else 0
            for c in range(6):
                rs[c] = cs[j, c] - cs[lo, c]
            j += 1
        else:
            for c in range(6):
                rs[c] = 0.0
        if ck == _TRANSITION:
            if prev == _TRANSITION:
                for c in range(6):
                    move_mass[c] = move_mass[c] + alpha[k, 4 + c]
            else:
                for c in range(6):
                    move_mass[c] = alpha[k, 4 + c]
            move[k] = _argmax(move_mass, 0, 6)
        elif ck < _TRANSITION and prev < _TRANSITION and ck != prev:
            top = rs[0]  # ndarray.max: NaN propagates
            for c in range(1, 6):
                if math.isnan(top):
                    break
                if math.isnan(rs[c]) or rs[c] > top:
                    top = rs[c]
            if top >= flip_move_mass:
                move[k] = _argmax(rs, 0, 6)
    tail = np.empty((3, 6))
    for r in range(3):
        for c in range(6):
            tail[r, c] = rows[r0 + n_ok - 3 + r, c]
    return tail


@njit(cache=True, nogil=True)
def running_sum(x: np.ndarray, a: int, b: int, start: float) -> float:
    """``start`` plus ``x[a:b]`` added one by one in order (Python's ``+=`` loop)."""
    s = start
    for k in range(a, b):
        s += x[k]
    return s
