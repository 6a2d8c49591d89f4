"""The posture stage's tick search (``posture._on_hop``, #20 seventeenth round) finds exactly the
samples ``t % hop == 0`` that the remainder per sample finds: even grids at several rates and
offsets (negative times too), grids with a jump, a hop that is not a multiple of the period,
short and empty blocks."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.posture import _on_hop

HOP = 500_000_000


def direct(t: np.ndarray) -> np.ndarray:
    return np.flatnonzero(t % HOP == 0)


@pytest.mark.parametrize("rate", [25.0, 30.0, 50.0, 100.0, 104.0, 200.0])
@pytest.mark.parametrize("first", [0, 1, 7, 24, 25, 1000, -3333, 123_456_789])
def test_even_grids(rate: float, first: int) -> None:
    period = int(round(1e9 / rate))
    for n in (0, 1, 5, 24, 25, 26, 51, 437, 9000):
        t = (first + np.arange(n, dtype=np.int64)) * period
        got = _on_hop(t, HOP, period)
        want = direct(t)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)


def test_off_grid_start_and_jumps() -> None:
    period = 20_000_000
    rng = np.random.default_rng(26)
    t = 3 * period + 7 + np.arange(2000, dtype=np.int64) * period  # never on the hop
    assert len(_on_hop(t, HOP, period)) == 0 == len(direct(t))
    for _ in range(50):  # a jump somewhere (missing or repeated samples): the remainder per sample
        t = np.arange(3000, dtype=np.int64) * period
        k = int(rng.integers(1, 2999))
        t[k:] += int(rng.choice([period // 2, -period, 7 * period, 13]))
        np.testing.assert_array_equal(_on_hop(t, HOP, period), direct(t))
