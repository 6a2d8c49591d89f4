"""The Synchroniser's "sinc" acceleration (``SyncSettings.acc_interpolation``, a prototype, off by
default): a Kaiser-windowed sinc low-pass evaluated at the actual sample times, per grid tick.
Its own module so that a default ("linear") session neither imports nor compiles these kernels
(the live warm-up compiles what the built pipeline imports before session time zero).

The kernel is read from a table, not evaluated: ``TABLE_INTERVALS`` cubic pieces over
``|dt|`` in [0, half), each the cubic through the exact kernel (``kernel_exact``) at four equally
spaced points of its interval (built once per sensor buffer, ~1 ms); a tap costs three
multiply-adds instead of a sine and a Bessel I0 series. The pieces are within 1e-12 of the exact
kernel (measured 2.3e-13; the largest weight is 1). A weight error ``e`` moves a tick's value by
at most ``e * sum_j |v_j - y| / sum_j w_j`` ~ 18 e times the signal's range (0.4 s * rate taps,
``sum_j w_j`` ~ rate / 44 Hz): ~1.3e-10 g for a ±16 g range; measured worst 1.2e-11 g against the
probe's exact numpy kernel for ±16 g white noise at 26-210 Hz. ``tests/test_synchroniser_sinc.py``
bounds it at 1e-9 g, six orders below the accelerometers' noise (~1e-3 g).

Before (val-6) the exact kernel was evaluated per tap and windows were reused by comparing every
offset, with sample times read through a helper call (~10 ns each, several per sample and tap):
the synchroniser took 3.1 CPU s per day of a 100 Hz sensor, 0.55-0.67 s now, of which this pass
2.75 -> 0.25 s (``benchmarks/RESULTS.md``, speed-24).
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Cubic pieces of the kernel table over ``|dt|`` in [0, half): at ±0.2 s each covers ~49 µs.
TABLE_INTERVALS = 4096
#: The weight reuse per sensor: slots, and the most taps a reused window holds (a window of
#: 0.4 s at up to ~600 Hz); longer windows' weights are read from the table every time.
_CACHE_SLOTS, _CACHE_TAPS = 257, 256


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


@njit(cache=True, nogil=True)
def kernel_exact(dt_s: float, fc: float, beta: float, half_s: float) -> float:
    """``sinc(2 fc dt) * I0(beta sqrt(1 - (dt / half)^2)) / I0(beta)`` at ``dt_s`` (s), the
    window's edge value at ``|dt| >= half`` (the table's last node; no sample is ever there)."""
    u = 1.0 - (dt_s / half_s) ** 2
    if u < 0.0:
        u = 0.0
    z = np.pi * 2.0 * fc * dt_s
    return (np.sin(z) / z if z != 0.0 else 1.0) * _bessel_i0(beta * np.sqrt(u)) / _bessel_i0(beta)


@njit(cache=True, nogil=True)
def build_table(table, fc, beta, half_ns):  # noqa: ANN001, ANN202
    """Fill ``table`` (``TABLE_INTERVALS + 1``, 4): row ``k`` the coefficients ``c0..c3`` of the
    cubic in ``fr`` (0..1 across interval ``k`` of ``|dt|``, ns ``k * half / N`` up) through the
    exact kernel at ``fr`` = 0, 1/3, 2/3, 1 (Newton's forward differences); the last row records
    (fc, beta, half_ns, 1) so a table built for other parameters is rebuilt."""
    nt = table.shape[0] - 1
    half_s = half_ns / 1e9
    y = np.empty(3 * nt + 1)
    for k in range(3 * nt + 1):
        y[k] = kernel_exact(half_s * k / (3 * nt), fc, beta, half_s)
    for i in range(nt):
        y0, y1, y2, y3 = y[3 * i], y[3 * i + 1], y[3 * i + 2], y[3 * i + 3]
        d1 = y1 - y0
        d2 = y2 - 2.0 * y1 + y0
        d3 = y3 - 3.0 * y2 + 3.0 * y1 - y0
        # p(s) = y0 + s d1 + s(s-1)/2 d2 + s(s-1)(s-2)/6 d3 with s = 3 fr, in powers of fr
        table[i, 0] = y0
        table[i, 1] = 3.0 * (d1 - d2 / 2.0 + d3 / 3.0)
        table[i, 2] = 9.0 * (d2 / 2.0 - d3 / 2.0)
        table[i, 3] = 27.0 * (d3 / 6.0)
    table[nt, 0] = fc
    table[nt, 1] = beta
    table[nt, 2] = half_ns
    table[nt, 3] = 1.0


def new_weight_cache() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per sensor: (per slot the key of the window whose weights it keeps: taps (-1 empty), the
    tick-to-first-sample offset (ns), the sample interval (ns); those weights; their sums; the
    kernel table, built at the first ``sinc_at``)."""
    return (np.full((_CACHE_SLOTS, 3), -1, np.int64), np.zeros((_CACHE_SLOTS, _CACHE_TAPS)),
            np.zeros(_CACHE_SLOTS), np.zeros((TABLE_INTERVALS + 1, 4)))


@njit(cache=True, nogil=True)
def _count_le(th, tt, x):  # noqa: ANN001, ANN202
    """How many samples of ``concatenate([th, tt])`` (ascending) are at or before ``x``."""
    nh = th.shape[0]
    lo = 0
    hi = nh + tt.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if (th[mid] if mid < nh else tt[mid - nh]) <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@njit(cache=True, nogil=True)
def _mean3(vs, k0, m, w, sw, out, r):  # noqa: ANN001, ANN202
    """``out[r, c] = sum_i w[i] vs[k0 + i, c] / sw`` for ``i < m`` and three columns, summed in
    ``i`` order in registers (a window that lies in one array: most of them)."""
    s0 = 0.0
    s1 = 0.0
    s2 = 0.0
    for i in range(m):
        wi = w[i]
        j = k0 + i
        s0 += wi * vs[j, 0]
        s1 += wi * vs[j, 1]
        s2 += wi * vs[j, 2]
    out[r, 0] = s0 / sw
    out[r, 1] = s1 / sw
    out[r, 2] = s2 / sw


@njit(cache=True, nogil=True)
def _weighted_mean(vh, vt, j0, j1, w, sw, out, r):  # noqa: ANN001, ANN202
    """``out[r, c] = sum_j w[j - j0] v[j, c] / sw`` over samples ``j0..j1-1`` of
    ``concatenate([vh, vt])``, summed in sample order per column wherever the head ends, so the
    same sums as ``_mean3`` (the same bits however the stream was chunked)."""
    nh = vh.shape[0]
    nc = vh.shape[1]
    if nc == 3 and j0 >= nh:
        _mean3(vt, j0 - nh, j1 - j0, w, sw, out, r)
    elif nc == 3 and j1 <= nh:
        _mean3(vh, j0, j1 - j0, w, sw, out, r)
    else:  # across head and tail (a few ticks per push), or not three columns
        for c in range(nc):
            s = 0.0
            for j in range(j0, j1):
                s += w[j - j0] * (vh[j, c] if j < nh else vt[j - nh, c])
            out[r, c] = s / sw


@njit(cache=True, nogil=True)
def sinc_at(th, tt, vh, vt, fh, ft, ticks, half_ns, max_gap_ns, fc, beta, keys, cw, csw, table, out, ok):  # noqa: ANN001, ANN202
    """Per tick ``x``: ``sum_j w_j v_j / sum_j w_j`` over the samples with ``|x - t_j| < half``,
    ``w = sinc(2 fc dt) * I0(beta sqrt(1 - (dt / half)^2)) / I0(beta)``, ``dt = (x - t_j) / 1e9``
    (s): a Kaiser-windowed sinc low-pass at the actual sample times (the probe's ``_sinc_at``),
    ``w`` read from the kernel table (module doc). ``ok`` only with a sample at or before
    ``x - half`` and one at or after ``x + half`` (the window is covered), no interval between
    them longer than ``max_gap_ns`` and every sample inside valid (``fh`` / ``ft``); NaN rows
    otherwise. Head and tail read where they lie. ``keys``/``cw``/``csw``/``table``: the
    sensor's ``new_weight_cache()``. A window whose samples are evenly spaced to the ns (a steady
    rate whose interval is a whole number of ns: one pattern per phase against the grid) reuses
    the weights of the last such window with the same taps, first offset and spacing, which are
    the same numbers computed again (so the same bits). Others (52 Hz times rounded to the ns,
    whose intervals differ by 1 ns; jitter) read the table at every tap."""
    nt = table.shape[0] - 1
    if table[nt, 3] != 1.0 or table[nt, 0] != fc or table[nt, 1] != beta or table[nt, 2] != half_ns:
        build_table(table, fc, beta, half_ns)
        for s in range(keys.shape[0]):
            keys[s, 0] = -1  # weights kept from another table are not this one's
    inv = nt / half_ns
    nh = th.shape[0]
    n = nh + tt.shape[0]
    nc = vh.shape[1]
    slots = keys.shape[0]
    maxt = cw.shape[1]
    wbuf = np.empty(max(n, 1))  # a window's weights when not kept (at most every sample)
    # prefix counts: long intervals before sample j (gaps[j]), invalid samples before j (bad[j]),
    # changes of the sample interval before j (chg[j]: one where interval j-1..j differs from
    # j..j+1), so a window's checks cost two lookups each, not a walk over its samples. Sample
    # times are read inline (th[j] if j < nh else tt[j - nh]): a helper call per read cost ~10 ns.
    gaps = np.zeros(n + 1, np.int64)
    bad = np.zeros(n + 1, np.int64)
    chg = np.zeros(n + 1, np.int64)
    prev = -1
    t0 = th[0] if nh > 0 else tt[0]
    for j in range(n):
        iv = -1
        if j + 1 < n:
            t1 = th[j + 1] if j + 1 < nh else tt[j + 1 - nh]
            iv = t1 - t0
            t0 = t1
        gaps[j + 1] = gaps[j] + (1 if iv > max_gap_ns else 0)
        bad[j + 1] = bad[j] + (0 if (fh[j] if j < nh else ft[j - nh]) else 1)
        chg[j + 1] = chg[j] + (1 if j >= 1 and iv != prev else 0)
        prev = iv
    held = -1  # the slot whose weights wbuf holds
    a = -1
    b = 0
    for r in range(ticks.shape[0]):
        x = ticks[r]
        if r == 0 or x < ticks[r - 1]:
            a = _count_le(th, tt, x - half_ns) - 1  # the last sample at or before the window
            b = a + 1
        else:  # ticks ascend: walk on from the previous one
            while a + 1 < n and (th[a + 1] if a + 1 < nh else tt[a + 1 - nh]) <= x - half_ns:
                a += 1
            b = max(b, a + 1)
        while b < n and (th[b] if b < nh else tt[b - nh]) < x + half_ns:
            b += 1  # b: the first sample at or after the window's end
        # intervals a..b (gaps[b] - gaps[a]) and samples a+1..b-1 (bad[b] - bad[a + 1])
        good = a >= 0 and b < n and b > a + 1 and gaps[b] == gaps[a] and bad[b] == bad[a + 1]
        ok[r] = good
        if not good:
            for c in range(nc):
                out[r, c] = np.nan
            continue
        m = b - a - 1  # the samples inside the window, a+1..b-1
        t_first = th[a + 1] if a + 1 < nh else tt[a + 1 - nh]
        o = x - t_first
        d = 0
        if m >= 2:
            d = (th[a + 2] if a + 2 < nh else tt[a + 2 - nh]) - t_first
        # evenly spaced (no interval change at a+2..b-2): known by (m, first offset, spacing)
        slot = -1
        if m <= maxt and (m < 3 or chg[b - 1] == chg[a + 2]):
            slot = (o + 7 * d) % slots
            if slot < 0:
                slot += slots
        if slot >= 0 and keys[slot, 0] == m and keys[slot, 1] == o and keys[slot, 2] == d:
            if held != slot:  # wbuf holds another window's weights
                for i in range(m):
                    wbuf[i] = cw[slot, i]
                held = slot
            if nc == 3 and a + 1 >= nh:  # the common case, called directly: ~6 ns a tick less
                _mean3(vt, a + 1 - nh, m, wbuf, csw[slot], out, r)
            else:
                _weighted_mean(vh, vt, a + 1, b, wbuf, csw[slot], out, r)
            continue
        # the table's kernel at each offset, in sample order (so the same sum)
        sw = 0.0
        for j in range(a + 1, b):
            dt = x - (th[j] if j < nh else tt[j - nh])
            if dt < 0:
                dt = -dt
            f = dt * inv
            k = int(f)
            if k >= nt:  # |dt| < half always; guards the last ulp
                k = nt - 1
            fr = f - k
            w = ((table[k, 3] * fr + table[k, 2]) * fr + table[k, 1]) * fr + table[k, 0]
            wbuf[j - a - 1] = w
            sw += w
        held = slot  # wbuf: this slot's weights (-1: none kept)
        if slot >= 0:  # keep it (over what the slot held)
            keys[slot, 0] = m
            keys[slot, 1] = o
            keys[slot, 2] = d
            csw[slot] = sw
            for i in range(m):
                cw[slot, i] = wbuf[i]
        if nc == 3 and a + 1 >= nh:
            _mean3(vt, a + 1 - nh, m, wbuf, sw, out, r)
        else:
            _weighted_mean(vh, vt, a + 1, b, wbuf, sw, out, r)
