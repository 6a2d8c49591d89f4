"""The stages' compiled kernels of #20's thirteenth round against the numpy forms they replaced,
bit for bit: the non-wear window's noise test and the sit-stand detector's vertical
acceleration. A kernel that summed in another order, fused a multiply-add or let NaN through
differently fails here, not silently in a result file."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.non_wear import _noise_stats
from oefensense.analysis.sit_stand import vertical_acc_g

FLOOR, RATIO, MAX_SD = 0.002, 1.5, 0.02


def _numpy_noise(m: np.ndarray, v: np.ndarray, counts: np.ndarray) -> tuple[bool, bool, np.ndarray]:
    """The numpy form of NonWearStage._noise_level before #20's thirteenth round."""
    with np.errstate(all="ignore"):
        moving = float(np.sqrt(v.max())) > MAX_SD
        wander = m.std(axis=0, ddof=1)
        white = np.sqrt(v.mean(axis=0) / float(np.mean(counts)))
        noise = bool(np.all(wander <= np.maximum(FLOOR, RATIO * white)))
        return moving, noise, np.stack([m.mean(axis=0), wander**2, white**2])


def _cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(20)
    out = []
    for k in (2, 3, 4, 15, 16, 17, 40, 300):
        for scale in (1e-3, 1.0, 1e150):
            m = rng.normal(0.0, scale, (k, 3)) + rng.choice([0.0, 1.0, -0.98], 3)
            v = np.abs(rng.normal(0.0, 1e-4 * scale, (k, 3))) ** 2
            counts = rng.integers(1, 201, k)
            out.append((m, v, counts))
    m, v, c = (x.copy() for x in out[13])
    v[3, 1] = np.nan  # a NaN variance: max is NaN, nothing is "moving", the sums carry NaN
    out.append((m, v, c))
    m, v, c = (x.copy() for x in out[13])
    m[2, 0] = np.inf  # an infinite mean: the SD is NaN
    out.append((m, v, c))
    out.append((np.full((16, 3), -0.0), np.zeros((16, 3)), np.full(16, 100)))  # signed zeros
    m, v, c = (x.copy() for x in out[4])
    v[:] = 0.0  # white = 0: the floor decides
    out.append((m, v, c))
    out.append((np.full((4, 3), 1.0), np.full((4, 3), 1e-4), np.full(4, 50)))  # equal means: wander 0
    return out


@pytest.mark.parametrize("case", range(len(_cases())))
def test_noise_stats_are_numpys_bit_for_bit(case: int) -> None:
    m, v, counts = _cases()[case]
    stats = np.empty((3, 3))
    moving, noise = _noise_stats(np.ascontiguousarray(m), np.ascontiguousarray(v), counts.astype(np.int64),
                                 MAX_SD, FLOOR, RATIO, stats)
    ref_moving, ref_noise, ref = _numpy_noise(m, v, counts)
    assert (moving, noise) == (ref_moving, ref_noise)
    np.testing.assert_array_equal(stats.view(np.int64), ref.view(np.int64))  # the bits, -0.0 and NaN included


def _numpy_vertical(acc: np.ndarray, f: np.ndarray, lat: np.ndarray, inc: np.ndarray) -> np.ndarray:
    """The numpy form of sit_stand.vertical_acc_g before #20's thirteenth round."""
    ux, uy, uz = -np.sin(np.radians(f)), np.sin(np.radians(lat)), np.cos(np.radians(inc))
    with np.errstate(all="ignore"):
        norm = np.maximum(np.sqrt(ux * ux + uy * uy + uz * uz), 1e-9)
        return (acc[:, 0] * (ux / norm) + acc[:, 1] * (uy / norm)) + acc[:, 2] * (uz / norm)


def test_vertical_acc_is_numpys_bit_for_bit() -> None:
    rng = np.random.default_rng(13)
    n = 20000
    acc = rng.normal(0.0, 1.5, (n, 3)) * 10.0 ** rng.integers(-6, 6, (n, 1))
    f, lat, inc = (rng.uniform(-200.0, 200.0, n) for _ in range(3))
    f[:50], lat[:50], inc[:50] = 0.0, 0.0, 90.0  # a tiny up vector: the 1e-9 floor
    f[60], lat[61], inc[62], acc[63, 1] = np.nan, np.inf, -np.inf, np.nan
    acc_f = np.asfortranarray(acc)  # a strided channel view, as a frame can hold
    for a in (acc, acc_f, acc[::2]):
        k = len(a)
        got, ref = vertical_acc_g(a, f[:k], lat[:k], inc[:k]), _numpy_vertical(a, f[:k], lat[:k], inc[:k])
        # NaN where numpy has NaN (its sign bit may differ: which operand's NaN an instruction
        # passes on is the compiler's choice; no comparison, sort or sum can tell them apart)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(ref))
        assert np.isnan(ref).sum() >= 3
        ok = ~np.isnan(ref)
        np.testing.assert_array_equal(got[ok].view(np.int64), ref[ok].view(np.int64))
