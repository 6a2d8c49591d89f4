"""The lifting stage's copy of scipy.ndimage's ``uniform_filter1d(..., axis=0, mode="nearest")``
(``features/_lifting_kernels.uniform_nearest``, the episode gate's averaged gravity) gives
scipy's bits, so that the stage no longer imports scipy.ndimage (#20) and its features do not move.
scipy is the reference here (a test dependency; ``analyze`` no longer loads scipy.ndimage:
``test_analysis_does_not_load_scipy_ndimage``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.ndimage import uniform_filter1d

from oefensense.features import _lifting_kernels as k

ROOT = Path(__file__).resolve().parents[2]


def _signal(rng: np.random.Generator, shape: tuple[int, ...], case: int) -> np.ndarray:
    """Random values with the awkward ones: wide scales, ties, ±0, 1e308 (overflowing sums), NaN, inf."""
    x = rng.normal(size=shape) * 10 ** rng.uniform(-3, 3)
    if case % 5 == 0:
        x = np.round(x, 1)  # ties
    if case % 6 == 0:
        x[rng.random(shape) < 0.3] = -0.0
    if case % 7 == 0:
        x[rng.random(shape) < 0.1] = 1e308
    if case % 11 == 0:  # the gate passes only finite values, but the arithmetic is the same
        x[rng.random(shape) < 0.05] = np.nan
        x[rng.random(shape) < 0.05] = np.inf
    return x


@pytest.mark.parametrize("seed", range(4))
def test_uniform_nearest_is_scipys(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for case in range(400):
        n, size = int(rng.integers(1, 400)), int(rng.integers(1, 60))
        x = _signal(rng, (n, 3), case)
        want = uniform_filter1d(x, size=size, axis=0, mode="nearest")
        assert k.uniform_nearest(x, size).tobytes() == want.tobytes(), (n, size, case)


def test_analysis_does_not_load_scipy_ndimage() -> None:
    """The bundled recording through ``api.analyze`` in a fresh process: scipy.ndimage stays
    unloaded (it cost 63-156 ms a run)."""
    csv = ROOT / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    code = ("import sys, tempfile; from oefensense.api import analyze; "
            f"analyze([{str(csv)!r}], tempfile.mkdtemp()); print('scipy.ndimage' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stdout + out.stderr
