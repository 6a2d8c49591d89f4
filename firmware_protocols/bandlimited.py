"""Band-limited evaluation of a sampled signal at arbitrary times: a Kaiser-windowed sinc.

The filter is scipy's ``resample_poly`` design in continuous form (cutoff at the Nyquist of the
lower of the two rates, Kaiser window beta 5, half-length 10 samples of the lower rate), evaluated
at each output time from the actual source sample times, with unit DC gain per output (gravity
and other constant channels come out exactly constant). Each output depends only on its own
time, so a stream read in any chunking gives the same bits; work is done in fixed-size blocks,
so memory does not grow with the number of output times. numpy only.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

BETA = 5.0  # scipy.signal.resample_poly's default window ("kaiser", 5.0)
HALF_LENGTH = 20.0  # window half-length in periods of the lower rate (see the module docstring)
BLOCK = 4096  # output times per block (bounds the temporary arrays)

# (source sample indices, possibly outside [0, n)) -> (their times ns, their row in the arrays)
Extension = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


class WindowedSinc:
    """A windowed-sinc kernel for a source sampled every ``period_ns`` (median) evaluated for a
    target rate ``rate_hz``. ``min_step`` is the source's shortest interval over its median: it
    bounds how many source samples can fall inside the window."""

    def __init__(self, src_rate_hz: float, rate_hz: float, min_step: float) -> None:
        if not (rate_hz > 0 and src_rate_hz > 0 and min_step > 0):
            raise ValueError("band-limited resampling needs positive rates")
        self.period_ns = 1e9 / src_rate_hz
        # cutoff as a fraction of the source's Nyquist: the source's own band when upsampling,
        # the device's Nyquist when downsampling (the anti-alias low-pass)
        self.r = min(1.0, rate_hz / src_rate_hz)
        self.half = HALF_LENGTH / self.r  # window half-length in source periods
        self.k = int(np.ceil(self.half / min_step)) + 1  # candidate samples each side
        self._i0_beta = float(np.i0(BETA))

    def weights(self, tau: np.ndarray) -> np.ndarray:
        """Kernel at ``tau`` (output time minus sample time, in source periods); 0 outside the
        window. Elementwise, so a weight does not depend on the array it is computed in."""
        u = np.clip(tau / self.half, -1.0, 1.0)
        win = np.i0(BETA * np.sqrt(1.0 - u * u)) / self._i0_beta
        w = self.r * np.sinc(self.r * tau) * win
        return np.where(np.abs(tau) < self.half, w, 0.0)

    def evaluate(
        self,
        t_src_ns: np.ndarray,
        arrays: list[np.ndarray | None],
        t_out_ns: np.ndarray,
        extend: Extension,
    ) -> list[np.ndarray | None]:
        """Each of ``arrays`` ((n, c) rows at the sorted times ``t_src_ns``) at the times
        ``t_out_ns``. ``extend`` gives the times and rows of the samples beyond the source's two
        ends (held edge values, or the loop's other end)."""
        t_out = np.asarray(t_out_ns, dtype=np.float64)
        outs = [None if a is None else np.empty((t_out.size, a.shape[1])) for a in arrays]
        offsets = np.arange(-self.k, self.k)
        for a in range(0, t_out.size, BLOCK):
            t = t_out[a : a + BLOCK]
            first = np.searchsorted(t_src_ns, t, side="right")  # samples at or before t: first-1
            idx = first[:, None] + offsets[None, :]
            t_k, rows = extend(idx)
            w = self.weights((t[:, None] - t_k) / self.period_ns)
            # taps summed in a fixed order, one column at a time: the same bits in any block
            total = np.zeros(t.size)
            for j in range(w.shape[1]):
                total += w[:, j]
            for src, out in zip(arrays, outs):
                if src is None or out is None:
                    continue
                vals = src[rows]  # (block, taps, channels)
                acc = np.zeros((t.size, src.shape[1]))
                for j in range(w.shape[1]):
                    acc += w[:, j, None] * vals[:, j]
                out[a : a + BLOCK] = acc / total[:, None]
        return outs
