"""``benchmarks/bench_rates.py``: a slower sensor's samples as the benchmark makes them."""

from __future__ import annotations

import numpy as np

from benchmarks.bench_rates import resample


def test_a_whole_divisor_keeps_every_kth_sample() -> None:
    t = np.arange(1000) / 200.0
    x = np.column_stack([np.sin(t), np.cos(t)])
    tn, xn = resample(t, x, 25.0, 200.0)
    assert np.array_equal(tn, t[::8]) and np.array_equal(xn, x[::8])


def test_a_non_integer_rate_samples_at_its_own_times() -> None:
    t = np.arange(1000) / 200.0
    x = np.column_stack([2.0 * t, -t])  # linear: interpolation is exact
    tn, xn = resample(t, x, 26.0, 200.0)
    assert np.allclose(np.diff(tn), 1 / 26.0)
    assert np.allclose(xn, np.column_stack([2.0 * tn, -tn]))
