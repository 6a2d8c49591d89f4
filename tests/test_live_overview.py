"""The whole-session overview trace: bounded memory, exact min/max/mean, any block size."""

from __future__ import annotations

import numpy as np

from oefensense.live.overview import OverviewTrace


def test_bins_hold_exact_min_max_mean_and_memory_stays_bounded() -> None:
    rate = 50
    t = np.arange(0, 8 * 3600 * rate, dtype=np.int64) * (10**9 // rate)  # eight hours at 50 Hz
    y = np.sin(t / 1e9 / 60.0) * 50 + 20
    ov = OverviewTrace(max_bins=1200, bin_s=1.0)
    for a in range(0, t.size, 7919):  # odd block size
        ov.add(t[a:a + 7919], y[a:a + 7919])
    ts, lo, hi, mean = ov.arrays()
    assert ts.size <= 1200 and ov._lo.size == 1200
    assert ts[0] == 0 and ts[-1] <= 8 * 3600
    width = ov.bin_ns
    assert width == 32 * 10**9  # 1 s doubled five times: 28800 s fits 1200 bins of 32 s (24 s would not be a doubling)
    k = 100
    sel = (t >= k * width) & (t < (k + 1) * width)
    assert lo[k] == y[sel].min() and hi[k] == y[sel].max()
    assert np.isclose(mean[k], y[sel].mean())


def test_nan_is_skipped_and_block_size_does_not_matter() -> None:
    t = np.arange(0, 5000, dtype=np.int64) * 20_000_000
    y = np.cos(np.arange(5000) / 30.0)
    y[100:300] = np.nan
    a, b = OverviewTrace(max_bins=64), OverviewTrace(max_bins=64)
    a.add(t, y)
    for i in range(0, 5000, 37):
        b.add(t[i:i + 37], y[i:i + 37])
    for x, z in zip(a.arrays(), b.arrays()):
        np.testing.assert_allclose(x, z)
    assert np.isfinite(a.arrays()[3]).all()
