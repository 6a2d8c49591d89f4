"""The vectorised pairwise-sum leaves (core/pairwise_kernels) give numpy's bits (#20, twelfth round;
the paired leaves: thirteenth round).

``pairwise_leaf`` and ``lagprod_leaf`` run numpy's eight running sums as one 8-lane vector; the
posture kernel's ``_pairwise_lag`` sums lagged products on numpy's split tree without storing
them. Each is compared with numpy on values spread over 16 orders of magnitude (where any other
order of the adds shows in the last bits), with NaN and infinities, contiguous and strided.
"""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit

from oefensense.core.pairwise_kernels import lagprod_leaf, pairwise_leaf
from oefensense.features._posture_kernels import MAX_PAIRWISE_N, _pairwise_lag


def _same(a: float, b: float) -> bool:
    return (a == b and np.signbit(a) == np.signbit(b)) or (np.isnan(a) and np.isnan(b))


def _values(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(size=n) * 10.0 ** rng.uniform(-8, 8, n)


@pytest.mark.parametrize("stride", [1, 3])
def test_leaf_is_numpys_sum_for_every_length(stride: int) -> None:
    x = _values(700 * stride, stride)[::stride]  # stride 3: a strided (non-contiguous) view
    assert x.flags.c_contiguous == (stride == 1)
    leaf = njit(lambda a, lo, n: pairwise_leaf(a, lo, n))
    for lo in range(0, 500, 7):
        for n in range(0, 129):
            assert _same(leaf(x, lo, n), np.add.reduce(x[lo:lo + n])), (lo, n)


def test_leaf_propagates_nan_and_infinities_and_signed_zero() -> None:
    x = _values(300, 5)
    x[[17, 140]] = np.inf
    x[[60, 200]] = -np.inf
    x[250] = np.nan
    for lo in range(0, 160, 3):
        for n in range(0, 129):
            assert _same(pairwise_leaf(x, lo, n), np.add.reduce(x[lo:lo + n])), (lo, n)
    zeros = np.full(64, -0.0)  # numpy's reduce adds the leaf to its 0.0 start; the callers do too
    assert _same(0.0 + pairwise_leaf(zeros, 0, 64), np.add.reduce(zeros))


def test_lagged_products_are_numpys_sum_of_products() -> None:
    x = _values(3000, 7)
    for lag in (0, 1, 7, 30, 121):
        for n in range(0, 129):
            for lo in (0, 5, 13):
                ref = np.add.reduce(x[lo:lo + n] * x[lo + lag:lo + lag + n])
                assert _same(lagprod_leaf(x, lo, lag, n), ref), (lag, n, lo)
    for lag in (0, 2, 30, 120, 240):  # the posture kernel's split tree, every supported length
        for n in list(range(120, 600)) + [1000, 1500, MAX_PAIRWISE_N]:
            if n + lag <= len(x):
                assert _same(_pairwise_lag(x, lag, n), np.add.reduce(x[:n] * x[lag:lag + n])), (lag, n)


@pytest.mark.parametrize("stride", [1, 3])
def test_paired_leaves_are_the_two_leaves_alone(stride: int) -> None:
    """#20's thirteenth round: two lagged-product leaves in one loop give each leaf's own bits: a
    split's two halves (every split numpy makes of 129..256 elements) and two lags of the same
    signal, with NaN and infinities in either."""
    from oefensense.core.pairwise_kernels import lagprod_leaf_pair

    x = _values(900 * stride, 11 + stride)[::stride]
    x[[300, 420]] = np.inf
    x[[350]] = -np.inf
    x[500] = np.nan
    for n in range(129, 257):
        n2 = n // 2 - (n // 2) % 8  # numpy's split
        for lo in (0, 5, 290, 330, 370, 400, 460, 520):
            for lag in (0, 1, 30, 121):
                a, b = lagprod_leaf_pair(x, lo, lag, n2, lo + n2, lag, n - n2)
                assert _same(a, lagprod_leaf(x, lo, lag, n2)), (n, lo, lag)
                assert _same(b, lagprod_leaf(x, lo + n2, lag, n - n2)), (n, lo, lag)
    for n_a in range(8, 129):  # two lags (the posture kernel's step lags), either one the longer
        for n_b in (8, 9, 15, 16, 17, 63, 64, 65, 100, 127, 128):
            for lo_a, lo_b, lag_a, lag_b in ((0, 0, 15, 17), (290, 333, 2, 0), (410, 7, 60, 59)):
                a, b = lagprod_leaf_pair(x, lo_a, lag_a, n_a, lo_b, lag_b, n_b)
                assert _same(a, lagprod_leaf(x, lo_a, lag_a, n_a)), (n_a, n_b, lo_a, lag_a)
                assert _same(b, lagprod_leaf(x, lo_b, lag_b, n_b)), (n_a, n_b, lo_b, lag_b)


def test_split_tree_sums_are_numpys_for_every_supported_length() -> None:
    """The posture kernels' ``_pairwise`` against ``np.add.reduce`` for every n up to
    MAX_PAIRWISE_N, contiguous and strided."""
    from oefensense.features._posture_kernels import _pairwise

    x = _values(2 * MAX_PAIRWISE_N + 40, 17)
    for n in range(0, MAX_PAIRWISE_N + 1):
        assert _same(_pairwise(x, 3, n), np.add.reduce(x[3:3 + n])), n
    xs = x[::2]
    for n in list(range(120, 700)) + [MAX_PAIRWISE_N]:
        assert _same(_pairwise(xs, 1, n), np.add.reduce(xs[1:1 + n])), n
