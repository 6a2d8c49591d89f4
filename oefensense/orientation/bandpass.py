"""A Butterworth band-pass, filtered forward and backward: the bits of ``scipy.signal``'s
``sosfiltfilt(butter(N, [lo, hi], btype="band", output="sos"), x, axis=0)`` without importing
``scipy.signal`` (whose import tree, with ``scipy.stats``, ``optimize``, ``interpolate`` and
``spatial``, costs ~1.3 s and ~70 MiB in every analysis process, for this one filter).

The design follows scipy 1.17's ``buttap`` -> ``lp2bp_zpk`` -> ``bilinear_zpk`` -> ``zpk2sos``
(pairing "nearest"), expression by expression, so the coefficients are the same floats; the
filter follows ``sosfiltfilt`` (odd extension of ``3 * (2 * sections + 1 - ...)`` samples, the
step-response initial state of ``sosfilt_zi``) with the second-order sections run in a
compiled loop in the order of scipy's ``_sosfilt`` (direct form II transposed, no fused
multiply-add). ``tests/orientation/test_bandpass.py`` compares both with scipy bit for bit
over rates, bands and signals: a scipy release that changed its arithmetic fails there.

Derived from SciPy's ``scipy.signal`` (BSD-3-Clause; Copyright (c) 2001-2002 Enthought, Inc.
2003, SciPy Developers; the licence text ships with scipy, a dependency of this package:
``scipy-*.dist-info/LICENSE.txt``). Kept only because the import of ``scipy.signal`` put
``analyze``'s peak memory above #20's 400 MB; scipy stays the reference in the tests.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# -- design ---------------------------------------------------------------------------------


def _cplxreal(z: np.ndarray, tol: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """scipy.signal._filter_design._cplxreal: (complex values with positive imaginary part,
    one per conjugate pair, averaged; real values), each sorted."""
    z = np.atleast_1d(z)
    if z.size == 0:
        return z, z
    if tol is None:
        tol = 100 * np.finfo((1.0 * z).dtype).eps
    z = z[np.lexsort((abs(z.imag), z.real))]
    real_indices = abs(z.imag) <= tol * abs(z)
    zr = z[real_indices].real
    if len(zr) == len(z):
        return np.array([]), zr
    z = z[~real_indices]
    zp = z[z.imag > 0]
    zn = z[z.imag < 0]
    if len(zp) != len(zn):
        raise ValueError("complex value with no matching conjugate")
    same_real = np.diff(zp.real) <= tol * abs(zp[:-1])
    diffs = np.diff(np.concatenate(([0], same_real, [0])))
    run_starts = np.nonzero(diffs > 0)[0]
    run_stops = np.nonzero(diffs < 0)[0]
    for i in range(len(run_starts)):
        start = run_starts[i]
        stop = run_stops[i] + 1
        for chunk in (zp[start:stop], zn[start:stop]):
            chunk[...] = chunk[np.lexsort([abs(chunk.imag)])]
    if any(abs(zp - zn.conj()) > tol * abs(zn)):
        raise ValueError("complex value with no matching conjugate")
    zc = (zp + zn.conj()) / 2
    return zc, zr


def _poly(zeros: np.ndarray) -> np.ndarray:
    """scipy.signal._polyutils.poly (numpy's ``poly`` of a 1-D sequence of zeros)."""
    zeros = np.atleast_1d(np.asarray(zeros))
    if zeros.shape[0] == 0:
        return np.asarray(1.0, dtype=np.real(zeros).dtype)
    a = np.ones((1,), dtype=zeros.dtype)
    one = np.ones_like(zeros[0])
    for zero in zeros:
        a = np.convolve(a, np.stack((one, -zero)), mode="full")
    if np.iscomplexobj(a):
        roots = np.asarray(zeros, dtype=np.complex128)
        if np.all(np.sort(np.imag(roots)) == np.sort(np.imag(np.conj(roots)))):
            a = np.asarray(np.real(a), copy=True)
    return a


def _single_section(z: list, p: list) -> np.ndarray:
    """scipy's ``_single_zpksos(z, p, 1)`` (via ``zpk2tf``)."""
    z, p = np.asarray(z), np.asarray(p)
    k = np.atleast_1d(np.asarray(1, dtype=np.result_type(np.real(z), np.real(p), 1)))
    b = np.multiply(k, _poly(np.atleast_1d(z)))
    a = np.atleast_1d(np.asarray(_poly(p)))
    sos = np.zeros(6)
    sos[3 - len(b):3] = b
    sos[6 - len(a):6] = a
    return sos


def _nearest_idx(fro: np.ndarray, to: complex, which: str) -> int:
    order = np.argsort(np.abs(fro - to))
    if which == "any":
        return order[0]
    mask = np.isreal(fro[order])
    if which == "complex":
        mask = ~mask
    return order[np.nonzero(mask)[0][0]]


def _zpk2sos(z: np.ndarray, p: np.ndarray, k: float) -> np.ndarray:
    """scipy's ``zpk2sos(z, p, k)`` for a digital filter (pairing "nearest")."""
    z, p = np.asarray(z), np.asarray(p)
    k = np.asarray(k)
    if len(z) == len(p) == 0:
        return np.asarray([[k, 0.0, 0.0, 1.0, 0.0, 0.0]])
    p = np.concatenate((p, np.zeros(max(len(z) - len(p), 0))))
    z = np.concatenate((z, np.zeros(max(len(p) - len(z), 0))))
    n_sections = (max(len(p), len(z)) + 1) // 2
    if len(p) % 2 == 1:
        p = np.concatenate((p, [0.0]))
        z = np.concatenate((z, [0.0]))
    z = np.concatenate(_cplxreal(z))
    p = np.concatenate(_cplxreal(p))
    k = k.real

    def idx_worst(q: np.ndarray) -> int:
        return np.argmin(np.abs(1 - np.abs(q)))

    sos = np.zeros((n_sections, 6))
    for si in range(n_sections - 1, -1, -1):
        p1_idx = idx_worst(p)
        p1 = p[p1_idx]
        p = np.delete(p, p1_idx)
        if np.isreal(p1) and np.isreal(p).sum() == 0:
            z1_idx = _nearest_idx(z, p1, "real")
            z1 = z[z1_idx]
            z = np.delete(z, z1_idx)
            sos[si] = _single_section([z1, 0], [p1, 0])
        elif len(p) + 1 == len(z) and not np.isreal(p1) and np.isreal(p).sum() == 1 and np.isreal(z).sum() == 1:
            z1_idx = _nearest_idx(z, p1, "complex")
            z1 = z[z1_idx]
            z = np.delete(z, z1_idx)
            sos[si] = _single_section([z1, z1.conj()], [p1, p1.conj()])
        else:
            if np.isreal(p1):
                prealidx = np.flatnonzero(np.isreal(p))
                p2_idx = prealidx[idx_worst(p[prealidx])]
                p2 = p[p2_idx]
                p = np.delete(p, p2_idx)
            else:
                p2 = p1.conj()
            if len(z) > 0:
                z1_idx = _nearest_idx(z, p1, "any")
                z1 = z[z1_idx]
                z = np.delete(z, z1_idx)
                if not np.isreal(z1):
                    sos[si] = _single_section([z1, z1.conj()], [p1, p2])
                elif len(z) > 0:
                    z2_idx = _nearest_idx(z, p1, "real")
                    z2 = z[z2_idx]
                    z = np.delete(z, z2_idx)
                    sos[si] = _single_section([z1, z2], [p1, p2])
                else:
                    sos[si] = _single_section([z1], [p1, p2])
            else:
                sos[si] = _single_section([], [p1, p2])
    sos[0][:3] *= k
    return sos


def butter_bandpass_sos(order: int, low: float, high: float) -> np.ndarray:
    """Second-order sections (n, 6) of a digital Butterworth band-pass of ``order`` with edges
    ``low < high`` as fractions of the Nyquist frequency (0 < both < 1): ``scipy.signal.butter(
    order, [low, high], btype="band", output="sos")``."""
    wn = np.asarray([low, high], dtype=np.float64)
    if np.any(wn <= 0) or np.any(wn >= 1) or not wn[0] < wn[1]:
        raise ValueError(f"band edges must satisfy 0 < low < high < 1, got {low}, {high}")
    # analog prototype (buttap)
    n = int(order)
    z = np.asarray([], dtype=np.float64)
    m = np.arange(-n + 1, n, 2, dtype=np.float64)
    p = -np.exp(1j * np.pi * m / (2 * n))
    k = 1.0
    # pre-warp (fs = 2)
    fs = 2.0
    warped = 2 * fs * np.tan(np.pi * wn / fs)
    bw = warped[1] - warped[0]
    wo = np.sqrt(warped[0] * warped[1])
    # lowpass -> bandpass (lp2bp_zpk)
    z = z.astype(np.complex128)
    wo, bw = float(wo), float(bw)
    degree = p.shape[0] - z.shape[0]
    z_lp = (z * bw / 2).astype(np.complex128)
    p_lp = (p * bw / 2).astype(np.complex128)
    z_bp = np.concatenate((z_lp + np.sqrt(z_lp**2 - wo**2), z_lp - np.sqrt(z_lp**2 - wo**2)))
    p_bp = np.concatenate((p_lp + np.sqrt(p_lp**2 - wo**2), p_lp - np.sqrt(p_lp**2 - wo**2)))
    z_bp = np.concatenate((z_bp, np.zeros(degree)))
    k_bp = k * bw**degree
    # bilinear transform (bilinear_zpk)
    degree = p_bp.shape[0] - z_bp.shape[0]
    fs2 = 2.0 * fs
    z_z = (fs2 + z_bp) / (fs2 - z_bp)
    p_z = (fs2 + p_bp) / (fs2 - p_bp)
    z_z = np.concatenate((z_z, -np.ones(degree)))
    k_z = k_bp * np.real(np.prod(fs2 - z_bp) / np.prod(fs2 - p_bp))
    return _zpk2sos(z_z, p_z, k_z)


# -- filtering ------------------------------------------------------------------------------


def _lfilter_zi(b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """scipy's ``lfilter_zi(b, a)`` for one second-order section."""
    while a.shape[0] > 1 and a[0] == 0.0:
        a = a[1:]
    if a[0] != 1.0:
        b = b / a[0]
        a = a / a[0]
    n = max(a.shape[0], b.shape[0])
    if a.shape[0] < n:
        a = np.concatenate((a, np.zeros(n - a.shape[0], dtype=a.dtype)))
    elif b.shape[0] < n:
        b = np.concatenate((b, np.zeros(n - b.shape[0], dtype=b.dtype)))
    first_row = -a[1:] / (1.0 * a[0:1])  # scipy.linalg.companion(a)
    comp = np.zeros((n - 1, n - 1), dtype=first_row.dtype)
    comp[0, :] = first_row
    comp[np.arange(1, n - 1), np.arange(0, n - 2)] = 1
    i_minus_a = np.eye(n - 1) - comp.T
    return np.linalg.solve(i_minus_a, b[1:] - a[1:] * b[0])


def _sosfilt_zi(sos: np.ndarray) -> np.ndarray:
    zi = np.empty((sos.shape[0], 2), dtype=sos.dtype)
    scale = 1.0
    for s in range(sos.shape[0]):
        b, a = sos[s, :3], sos[s, 3:]
        zi[s, ...] = scale * _lfilter_zi(b, a)
        scale *= np.sum(b) / np.sum(a)
    return zi


@njit(cache=True, nogil=True)
def _sosfilt(sos: np.ndarray, x: np.ndarray, zi: np.ndarray) -> None:
    """scipy's ``_sosfilt``: filter each row of ``x`` (signals, samples) in place; ``zi``
    (signals, sections, 2) is the state, updated in place."""
    for i in range(x.shape[0]):
        for n in range(x.shape[1]):
            x_cur = x[i, n]
            for s in range(sos.shape[0]):
                x_new = sos[s, 0] * x_cur + zi[i, s, 0]
                zi[i, s, 0] = sos[s, 1] * x_cur - sos[s, 4] * x_new + zi[i, s, 1]
                zi[i, s, 1] = sos[s, 2] * x_cur - sos[s, 5] * x_new
                x_cur = x_new
            x[i, n] = x_cur


def _sosfilt_cols(sos: np.ndarray, x: np.ndarray, zi: np.ndarray) -> np.ndarray:
    """``scipy.signal.sosfilt(sos, x, axis=0, zi=zi)[0]`` for a 2-D float64 ``x`` (samples,
    signals) and ``zi`` (sections, 2, signals)."""
    rows = np.array(x.T, np.float64, order="C")  # a copy, filtered in place
    state = np.ascontiguousarray(np.moveaxis(zi, (0, 1), (-2, -1)))
    _sosfilt(np.ascontiguousarray(sos, np.float64), rows, state)
    return rows.T


def sosfiltfilt_cols(sos: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``scipy.signal.sosfiltfilt(sos, x, axis=0)`` (odd padding, default length) of a 2-D
    float64 array (samples, signals)."""
    x = np.asarray(x, np.float64)
    if x.ndim != 2:
        raise ValueError("x must be 2-D (samples, signals)")
    n_sections = sos.shape[0]
    ntaps = 2 * n_sections + 1
    ntaps -= min((sos[:, 2] == 0).sum(), (sos[:, 5] == 0).sum())
    edge = ntaps * 3
    if x.shape[0] <= edge:
        raise ValueError(f"The length of the input vector x must be greater than padlen, which is {edge}.")
    if edge > 0:  # odd extension (scipy.signal._arraytools.odd_ext)
        ext = np.concatenate((2 * x[0:1] - x[edge:0:-1], x, 2 * x[-1:] - x[-2:-(edge + 2):-1]), axis=0)
    else:
        ext = x
    zi = _sosfilt_zi(sos).reshape([n_sections, 2, 1])
    y = _sosfilt_cols(sos, ext, zi * ext[0:1])
    y = _sosfilt_cols(sos, y[::-1], zi * y[-1:])[::-1]
    if edge > 0:
        y = y[edge:-edge]
    return y
