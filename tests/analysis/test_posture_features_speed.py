"""The compiled posture features equal the numpy definition (the model was trained on the numpy
values) on real HAPT windows (the recording that ships in the repo, through the runtime path) and
on edge cases, within a stated tolerance: the kernels sum in the same order as numpy, but numpy's
own vectorised loops may round the last bit differently between releases (numpy 2.4.6 moved
some features by 1.4e-14), so bit equality with numpy is not a promise the product makes.

Tolerance: features are degrees, g, g-derived and m/s quantities of order 0.01-200; a kernel
value may differ from numpy's by 1e-9 of the largest magnitude in its feature column (float64)
or by one float32 rounding step (the float32 rows the model sees). NaN where numpy has NaN.
What the product does promise bit for bit (live = replay = offline) is tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from oefensense.core.types import STANDARD_GRAVITY_MS2
from oefensense.io.body_frames import runtime_body_frame
from oefensense.features.posture_features import (
    history_samples,
    orientation_features,
    placement_features,
    stacked_features,
    window_samples,
)

RATE = 50.0
HAPT = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


# ---- the numpy reference (the definition the shipped model was trained on) ----------------
def _angle_to_z(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1)
    return np.degrees(np.arccos(np.clip(v[..., 2] / np.maximum(n, 1e-9), -1.0, 1.0)))


def ref_placement(acc_g: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    w = window_samples(rate_hz)
    s1 = int(round(rate_hz))
    h = int(round(0.5 * rate_hz))
    m = len(tick_end)
    start = np.asarray(tick_end) - (w - 1)
    win = np.ascontiguousarray(sliding_window_view(acc_g, w, axis=0)[start])
    mean = win.mean(axis=2)
    g_hat = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    mag = np.linalg.norm(win, axis=1)
    vert = np.einsum("mcw,mc->mw", win, g_hat)
    hor = win - vert[:, None, :] * g_hat[:, :, None]
    out = np.empty((m, 14), np.float64)
    out[:, 0] = _angle_to_z(mean)
    out[:, 1] = _angle_to_z(win[:, :, -s1:].mean(axis=2))
    head = _angle_to_z(win[:, :, :h].mean(axis=2))
    tail = _angle_to_z(win[:, :, -h:].mean(axis=2))
    out[:, 2] = head
    out[:, 3] = tail
    out[:, 4] = tail - head
    out[:, 5] = mag.std(axis=1)
    out[:, 6] = mag[:, -s1:].std(axis=1)
    out[:, 7] = vert.std(axis=1)
    out[:, 8] = np.sqrt((hor.var(axis=2)).sum(axis=1))
    dyn = (vert - vert.mean(axis=1, keepdims=True)) * STANDARD_GRAVITY_MS2
    vel = np.cumsum(dyn, axis=1) / rate_hz
    out[:, 9] = vel.min(axis=1)
    out[:, 10] = vel.max(axis=1)
    out[:, 11] = vel[:, -1]
    out[:, 12] = np.sign(vel.argmax(axis=1) - vel.argmin(axis=1))
    x = mag - mag.mean(axis=1, keepdims=True)
    den = np.maximum((x * x).sum(axis=1), 1e-12)
    lags = range(int(0.3 * rate_hz), int(1.2 * rate_hz) + 1, 2)
    ac = np.stack([(x[:, :-lag] * x[:, lag:]).sum(axis=1) for lag in lags], axis=1) / den[:, None]
    out[:, 13] = ac.max(axis=1)
    return out


def ref_orientation(incl_deg: np.ndarray, rate_hz: float, tick_end: np.ndarray) -> np.ndarray:
    w = window_samples(rate_hz)
    h = int(round(0.5 * rate_hz))
    d = max(1, int(round(0.1 * rate_hz)))
    win = np.ascontiguousarray(sliding_window_view(np.asarray(incl_deg, np.float64), w)[np.asarray(tick_end) - (w - 1)])
    out = np.empty((len(tick_end), 5), np.float64)
    tail = win[:, -h:].mean(axis=1)
    out[:, 0] = tail
    out[:, 1] = win.max(axis=1) - win.min(axis=1)
    out[:, 2] = np.abs(win[:, d:] - win[:, :-d]).max(axis=1) * rate_hz / d
    out[:, 3] = tail - win[:, :h].mean(axis=1)
    out[:, 4] = win.argmax(axis=1) / (w - 1)
    return out


def assert_close64(fast: np.ndarray, ref: np.ndarray) -> None:
    """float64 kernel output within 1e-9 of each feature column's largest |value| (NaN at NaN)."""
    assert fast.shape == ref.shape
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(ref))
    scale = np.nanmax(np.abs(np.where(np.isfinite(ref), ref, np.nan)), axis=0, initial=0.0)
    diff = np.abs(np.nan_to_num(fast - ref))
    assert (diff <= 1e-9 * np.maximum(scale, 1e-300)).all(), f"max diff {diff.max():.3g} per column scale {scale}"


def assert_same(fast: np.ndarray, ref64: np.ndarray) -> None:
    """float32 rows as the model sees them: each value the float32 rounding of numpy's float64
    value or its neighbour (one float32 step), NaN where the reference has NaN."""
    ref = ref64.astype(np.float32)
    assert fast.dtype == np.float32 and fast.shape == ref.shape
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(ref))
    finite = ~np.isnan(ref)
    steps = np.abs(fast[finite].view(np.int32).astype(np.int64) - ref[finite].view(np.int32).astype(np.int64))
    same_sign = np.signbit(fast[finite]) == np.signbit(ref[finite])
    off = ~((steps <= 1) & same_sign) & ~((fast[finite] == 0) & (ref[finite] == 0))
    assert not off.any(), f"{int(off.sum())} values more than one float32 step from numpy"


@pytest.fixture(scope="module")
def hapt() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    frame, _ = runtime_body_frame(HAPT)
    assert frame.rate_hz == RATE
    ends = np.arange(window_samples(RATE) - 1, len(frame))  # every window, not just the ticks
    return np.asarray(frame["pelvis_acc_g"]), np.asarray(frame["pelvis_inclination_deg"]), ends


def test_real_hapt_windows_bit_identical(hapt) -> None:
    acc, incl, ends = hapt
    assert len(ends) > 10_000
    assert_same(placement_features(acc, RATE, ends), ref_placement(acc, RATE, ends))
    assert_same(orientation_features(incl, RATE, ends), ref_orientation(incl, RATE, ends))


def test_float64_values_not_just_float32(hapt) -> None:
    """The kernels match in float64 too (so the float32 match is not luck of rounding)."""
    from oefensense.features._posture_kernels import orientation_kernel, placement_kernel

    acc, incl, ends = hapt
    ends = ends[::7]
    w = window_samples(RATE)
    out = np.empty((len(ends), 14))
    placement_kernel(np.ascontiguousarray(acc), ends - (w - 1), w, 50, 25, RATE, STANDARD_GRAVITY_MS2, 15, 61, 2, out)
    assert_close64(out, ref_placement(acc, RATE, ends))
    out = np.empty((len(ends), 5))
    orientation_kernel(np.ascontiguousarray(incl), ends - (w - 1), w, 25, 5, RATE, out)
    assert_close64(out, ref_orientation(incl, RATE, ends))


def test_stacked_rows_equal_reference(hapt) -> None:
    acc, incl, _ = hapt
    ends = np.arange(history_samples(RATE) - 1, len(acc), 25)
    ref = np.hstack([
        np.hstack([ref_placement(acc, RATE, ends - c), ref_orientation(incl, RATE, ends - c)]) for c in (0, 50, 100)
    ])
    assert_same(stacked_features(acc, incl, RATE, ends), ref)


@pytest.mark.parametrize("rate", [25.0, 50.0, 100.0, 200.0])
def test_edge_cases_constant_short_and_nan(rate: float) -> None:
    w = window_samples(rate)
    rng = np.random.default_rng(int(rate))
    cases = {
        "constant": np.tile([0.1, -0.2, 0.97], (w, 1)),
        "zero": np.zeros((w, 3)),  # |mean| floored at 1e-9, autocorrelation den floored
        "upside_down": np.tile([0.0, 0.0, -1.0], (w + 3, 1)),
        "noise": rng.normal(0, 1, (3 * w, 3)),
        "huge_small": rng.normal(0, 1, (2 * w, 3)) * 10.0 ** rng.integers(-8, 8, (2 * w, 1)),
    }
    nan = rng.normal(0, 0.1, (2 * w, 3)) + [0, 0, 1]
    nan[w + 3, 1] = np.nan  # windows with a gap: NaN propagates as in numpy
    cases["nan"] = nan
    for name, acc in cases.items():
        ends = np.arange(w - 1, len(acc))  # the shortest signal holds exactly one window
        assert_same(placement_features(acc, rate, ends), ref_placement(acc, rate, ends))
        incl = acc[:, 0] * 90.0
        assert_same(orientation_features(incl, rate, ends), ref_orientation(incl, rate, ends))


def test_no_ticks_and_out_of_range_ticks() -> None:
    w = window_samples(RATE)
    acc = np.tile([0.0, 0.0, 1.0], (w + 5, 1))
    assert placement_features(acc, RATE, np.array([], int)).shape == (0, 14)
    assert orientation_features(acc[:, 2], RATE, np.array([], int)).shape == (0, 5)
    with pytest.raises(ValueError):  # numpy would silently wrap a negative start around
        placement_features(acc, RATE, np.array([w - 2]))
    with pytest.raises(ValueError):
        orientation_features(acc[:, 2], RATE, np.array([w + 5]))
    with pytest.raises(ValueError):
        placement_features(acc[:, :2], RATE, np.array([w]))


def test_pairwise_sum_is_numpys_for_every_supported_length() -> None:
    from numba import njit

    from oefensense.features._posture_kernels import MAX_PAIRWISE_N, _pairwise

    call = njit(lambda a, lo, n: _pairwise(a, lo, n))
    rng = np.random.default_rng(1)
    a = rng.normal(size=MAX_PAIRWISE_N + 5) * 10.0 ** rng.integers(-6, 6, MAX_PAIRWISE_N + 5)
    got = np.array([call(a, 3, n) for n in range(MAX_PAIRWISE_N + 1)])
    want = np.array([a[3 : 3 + n].sum() for n in range(MAX_PAIRWISE_N + 1)])
    np.testing.assert_array_equal(got, want)
    with pytest.raises(ValueError):
        placement_features(np.zeros((2000, 3)), 1000.0, np.array([1999]))  # 2560-sample window


def test_context_cache_streams_the_same_rows_as_stacked_features(hapt) -> None:
    """Blocks as the posture stage sees them (trailing history + new samples, ticks every 0.5 s):
    the cache's rows equal stacked_features bit for bit, and it keeps only a few rows."""
    from oefensense.features.stacking import ContextFeatureCache

    acc, incl, _ = hapt
    t_ns = np.arange(len(acc), dtype=np.int64) * 20_000_000
    hist = history_samples(RATE)
    ticks_all = np.flatnonzero(t_ns % 500_000_000 == 0)
    ticks_all = ticks_all[ticks_all >= hist - 1]
    want = stacked_features(acc, incl, RATE, ticks_all)
    cache = ContextFeatureCache()
    got = []
    for a in range(hist - 1, len(acc), 437):  # 8.74 s blocks, not aligned with the hop
        b = min(a + 437, len(acc))
        lo = a - (hist - 1)  # the stage keeps the history in front of each block
        sel = ticks_all[(ticks_all >= a) & (ticks_all < b)]
        got.append(cache.rows(acc[lo:b], incl[lo:b], RATE, sel - lo, t_ns[lo:b]))
        assert len(cache) <= 2 * 4 + 1
    np.testing.assert_array_equal(np.vstack(got).view(np.int32), want.view(np.int32))  # same kernels: bit for bit
    cache.reset()
    assert len(cache) == 0 and cache.rows(acc, incl, RATE, np.array([], int), t_ns).shape == (0, want.shape[1])
