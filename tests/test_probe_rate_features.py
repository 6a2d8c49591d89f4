"""``benchmarks/probe_rate_features.py``: the candidate interpolators it measures do what it says."""

import numpy as np

from benchmarks.probe_rate_features import SINC_FC_HZ, _pick, _sinc_at


def test_sinc_interpolates_a_slow_signal_at_any_phase() -> None:
    """A 3 Hz sine sampled at 52 Hz, read at 50 Hz ticks 7 ms off the samples: within 0.2 %."""
    t = np.round(np.arange(52 * 20) * 1e9 / 52).astype(np.int64)
    x = np.sin(2 * np.pi * 3.0 * t / 1e9)[:, None]
    tg = np.arange(2_007_000_000, 18_000_000_000, 20_000_000)
    y = _sinc_at(t, x, tg)[:, 0]
    assert np.max(np.abs(y - np.sin(2 * np.pi * 3.0 * tg / 1e9))) < 2e-3


def test_sinc_keeps_the_in_band_noise_whatever_the_rate() -> None:
    """White noise at 200 Hz onto the 50 Hz grid: the variance left is the 0-22 Hz share (22 %),
    where picking every 4th sample keeps all of it (aliased)."""
    rng = np.random.default_rng(0)
    n = 200 * 120
    t = np.round(np.arange(n) * 1e9 / 200).astype(np.int64)
    x = rng.normal(size=(n, 1))
    tg = np.arange(1_000_000_000, 119_000_000_000, 20_000_000)
    share = float(np.var(_sinc_at(t, x, tg)))
    assert abs(share - SINC_FC_HZ / 100.0) < 0.02
    assert abs(float(np.var(_pick(x, 200.0, 50.0))) - 1.0) < 0.03
