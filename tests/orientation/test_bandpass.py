"""The alignment's gait band-pass without scipy.signal: the same coefficients and the same
filtered samples as scipy's ``butter(..., btype="band", output="sos")`` and ``sosfiltfilt``, bit
for bit (``orientation/bandpass.py``; the analysis results must not move when the import goes)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal

from oefensense.orientation.bandpass import butter_bandpass_sos, sosfiltfilt_cols


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()


@pytest.mark.parametrize("rate", [12.5, 25.0, 50.0, 52.0, 64.0, 100.0, 104.0, 200.0, 400.0])
def test_gait_band_as_scipy_bit_for_bit(rate: float) -> None:
    """The alignment's use: order 2, 0.6-1.4 x a step frequency of 0.5-3.5 Hz, (n, 3) signals."""
    rng = np.random.default_rng(int(rate * 10))
    nyq = rate / 2
    checked = 0
    for f_step in np.concatenate([rng.uniform(0.5, 3.5, 12), [1.0, 1.7, 2.0]]):
        lo, hi = 0.6 * f_step / nyq, 1.4 * f_step / nyq
        if hi >= 0.95:
            continue
        sos = signal.butter(2, [lo, hi], btype="band", output="sos")
        ours = butter_bandpass_sos(2, lo, hi)
        assert _same(sos, ours), (rate, f_step)
        x = rng.normal(0, 0.3, (int(rng.integers(16, 2500)), 3)) + np.array([0.1, -0.2, 1.0])
        assert _same(signal.sosfiltfilt(sos, x, axis=0), sosfiltfilt_cols(ours, x)), (rate, f_step)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
def test_other_orders_and_bands_as_scipy(order: int) -> None:
    rng = np.random.default_rng(order)
    for lo, hi in ((0.01, 0.2), (0.1, 0.5), (0.3, 0.9), (0.02, 0.04)):
        sos = signal.butter(order, [lo, hi], btype="band", output="sos")
        ours = butter_bandpass_sos(order, lo, hi)
        assert _same(sos, ours), (order, lo, hi)
        x = rng.normal(0, 1, (700, 2))
        assert _same(signal.sosfiltfilt(sos, x, axis=0), sosfiltfilt_cols(ours, x)), (order, lo, hi)


def test_nan_propagates_as_in_scipy() -> None:
    sos = butter_bandpass_sos(2, 0.05, 0.2)
    x = np.random.default_rng(3).normal(0, 1, (300, 3))
    x[150, 1] = np.nan
    assert _same(signal.sosfiltfilt(sos, x, axis=0), sosfiltfilt_cols(sos, x))


def test_refusals() -> None:
    with pytest.raises(ValueError):
        butter_bandpass_sos(2, 0.3, 0.2)
    with pytest.raises(ValueError):
        butter_bandpass_sos(2, 0.1, 1.0)
    with pytest.raises(ValueError, match="padlen"):
        sosfiltfilt_cols(butter_bandpass_sos(2, 0.1, 0.2), np.zeros((15, 3)))  # scipy's limit: > 15 samples
