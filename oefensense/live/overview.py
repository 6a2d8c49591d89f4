"""A whole-session trace in bounded memory: min, max and mean per time bin, bins doubling in
width when full (so an eight-hour session costs the same as a minute). Qt-free, pure numpy."""

from __future__ import annotations

import numpy as np

from oefensense.core.types import NS_PER_S


class OverviewTrace:
    """At most ``max_bins`` bins of ``bin_s`` seconds (doubled whenever the bins run out).

    ``add(t_ns, y, provisional)`` takes blocks in time order; NaN values are skipped. :meth:`arrays`
    gives bin start times (s, session clock), min, max and mean, for drawing the whole session;
    :meth:`provisional_fraction` the share of each bin's values flagged provisional (a guessed
    forward direction: drawn apart, as the zones leave them out)."""

    def __init__(self, max_bins: int = 1200, bin_s: float = 1.0) -> None:
        if max_bins < 2 or max_bins % 2:
            raise ValueError("max_bins must be an even number >= 2")
        self.max_bins = max_bins
        self.bin_ns = int(bin_s * NS_PER_S)
        self.t0: int | None = None
        self._lo = np.full(max_bins, np.inf)
        self._hi = np.full(max_bins, -np.inf)
        self._sum = np.zeros(max_bins)
        self._n = np.zeros(max_bins, np.int64)
        self._n_provisional = np.zeros(max_bins, np.int64)
        self._used = 0

    def add(self, t_ns: np.ndarray, y: np.ndarray, provisional: np.ndarray | None = None) -> None:
        t_ns = np.asarray(t_ns, np.int64)
        y = np.asarray(y, np.float64)
        ok = np.isfinite(y)
        if not ok.any():
            return
        t_ns, y = t_ns[ok], y[ok]
        flag = None if provisional is None else np.asarray(provisional, bool)[ok]
        if self.t0 is None:
            self.t0 = int(t_ns[0])
        while int((t_ns[-1] - self.t0) // self.bin_ns) >= self.max_bins:
            self._halve()
        idx = np.clip((t_ns - self.t0) // self.bin_ns, 0, self.max_bins - 1).astype(np.int64)
        np.minimum.at(self._lo, idx, y)
        np.maximum.at(self._hi, idx, y)
        np.add.at(self._sum, idx, y)
        np.add.at(self._n, idx, 1)
        if flag is not None and flag.any():
            np.add.at(self._n_provisional, idx[flag], 1)
        self._used = max(self._used, int(idx[-1]) + 1)

    def _halve(self) -> None:
        """Merge neighbouring bins: half as many bins of twice the width."""
        h = self.max_bins // 2
        self._lo[:h] = np.minimum(self._lo[0::2], self._lo[1::2])
        self._hi[:h] = np.maximum(self._hi[0::2], self._hi[1::2])
        self._sum[:h] = self._sum[0::2] + self._sum[1::2]
        self._n[:h] = self._n[0::2] + self._n[1::2]
        self._n_provisional[:h] = self._n_provisional[0::2] + self._n_provisional[1::2]
        self._lo[h:], self._hi[h:], self._sum[h:], self._n[h:], self._n_provisional[h:] = np.inf, -np.inf, 0.0, 0, 0
        self.bin_ns *= 2
        self._used = (self._used + 1) // 2

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(t_s, min, max, mean) of the bins that hold data (copies)."""
        if self.t0 is None:
            e = np.zeros(0)
            return e, e, e, e
        used = np.flatnonzero(self._n[: self._used] > 0)
        t = (self.t0 + used * self.bin_ns) / NS_PER_S
        return t, self._lo[used].copy(), self._hi[used].copy(), self._sum[used] / self._n[used]

    def provisional_fraction(self) -> np.ndarray:
        """Per bin of :meth:`arrays`: the share (0..1) of its values flagged provisional."""
        if self.t0 is None:
            return np.zeros(0)
        used = np.flatnonzero(self._n[: self._used] > 0)
        return self._n_provisional[used] / self._n[used]
