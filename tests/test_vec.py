"""core.vec.row_norm: the bits of np.linalg.norm over the last axis."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.vec import row_norm


@pytest.mark.parametrize("n", [1, 7, 1000, 100_003])
def test_row_norm_is_numpy_norm_bit_for_bit(n: int) -> None:
    rng = np.random.default_rng(n)
    a = rng.normal(size=(n, 3)) * rng.choice([1e-6, 1.0, 1e6], size=(n, 1))
    a[::97] = np.nan
    a[1::89, 1] = np.inf
    assert np.array_equal(row_norm(a).view(np.int64), np.linalg.norm(a, axis=1).view(np.int64))
    w = a[: (n // 40) * 40].reshape(-1, 40, 3)
    assert np.array_equal(row_norm(w).view(np.int64), np.linalg.norm(w, axis=2).view(np.int64))
