"""Small vector helpers that keep numpy's bits but not its per-call cost."""

from __future__ import annotations

import numpy as np


def row_norm(v: np.ndarray) -> np.ndarray:
    """|v| over the last axis (length 3) of a float64 array: the bits of
    ``np.linalg.norm(v, axis=-1)`` (its sum of squares runs left to right over three
    elements too; tested), about 10x faster on (n, 3) arrays, whose short-axis reduction
    numpy runs element by element."""
    return np.sqrt((v[..., 0] * v[..., 0] + v[..., 1] * v[..., 1]) + v[..., 2] * v[..., 2])
