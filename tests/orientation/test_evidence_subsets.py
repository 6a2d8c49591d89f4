"""The alignment evidence's work on the windows that can matter only (#20's seventeenth round):
``_walking_windows`` autocorrelates only the windows whose |acc| spread can pass, ``estimate``
sums the walking directions without gathering them (``masked_row_sum``) and picks its cluster
points by index (``_cluster_points``). The numpy code they replaced is kept below as the
reference, verbatim but for names; each piece must give its bits on random data, and whole
chains (every re-estimate, the evidence, every segment output) must be bit for bit those of a
chain with the reference patched in.
"""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import Placement
from oefensense.core.vec import row_norm
from oefensense.orientation import ChainSettings, SensorChain
from oefensense.orientation import alignment as al
from oefensense.orientation import lookahead
from oefensense.orientation.alignment import AutoAlignSettings, _windows
from oefensense.orientation.evidence_kernels import masked_row_sum
from oefensense.sim import Lift, Sit, Stand, Walk, simulate

from .test_alignment_only_chain import _blocks, _lying_then_walks
from .test_evidence_kernels import SCRIPT, _run, _wide


def _numpy_walking_windows(acc, rate, s, stride_ok=False, mag=None):  # noqa: ANN001, ANN202
    """``_walking_windows`` before this round (main d3209ac): every window autocorrelated."""
    w = max(int(round(s.walk_window_s * rate)), 8)
    mag = _windows(row_norm(acc) if mag is None else mag, w)
    if mag.shape[0] == 0:
        return np.zeros(0, bool), 0.0
    sd = mag.std(axis=1)
    d = mag - mag.mean(axis=1, keepdims=True)
    spec = np.fft.rfft(d, n=2 * w, axis=1)
    ac = np.fft.irfft(np.abs(spec) ** 2, axis=1)[:, :w]
    ac = ac / np.maximum(ac[:, :1], 1e-12)
    lo = int(rate / s.walk_step_hz[1])
    hi = min(int(rate / s.walk_step_hz[0]) + 1, w - 1)
    if hi <= lo + 1:
        return np.zeros(mag.shape[0], bool), 0.0
    peak = ac[:, lo:hi].max(axis=1)
    lag = lo + ac[:, lo:hi].argmax(axis=1)
    lo2, hi2 = int(rate / s.walk_stride_hz[1]), min(int(rate / s.walk_stride_hz[0]) + 1, w - 1)
    if stride_ok and hi2 > lo2 + 1:
        peak = np.maximum(peak, ac[:, lo2:hi2].max(axis=1))
    ok = (sd > s.walk_acc_sd_g[0]) & (sd < s.walk_acc_sd_g[1]) & (peak > s.walk_min_autocorr)
    f_step = float(rate / np.median(lag[ok])) if ok.any() else 0.0
    return ok, f_step


def _numpy_cluster_points(dirs, mask, most):  # noqa: ANN001, ANN202
    d = dirs[mask]
    if d.shape[0] > most:
        d = d[np.linspace(0, d.shape[0] - 1, most).astype(int)]
    return d


def _mixed_acc(rng: np.random.Generator, rate: float, seconds: float) -> np.ndarray:
    """Stretches of stillness, walking-like bouncing (1-3 Hz steps), shaking and noise of every
    spread, so windows fall below, inside and above the walking spread and either side of the
    autocorrelation threshold."""
    n = int(rate * seconds)
    t = np.arange(n) / rate
    acc = np.tile([0.1, 0.2, 0.97], (n, 1)) + rng.normal(size=(n, 3)) * 0.002
    i = 0
    while i < n:
        m = int(rng.integers(int(rate), int(8 * rate)))
        kind = rng.integers(0, 4)
        f = rng.uniform(0.5, 3.5)
        amp = float(np.exp(rng.uniform(np.log(0.01), np.log(2.0))))
        sl = slice(i, min(i + m, n))
        if kind == 1:
            acc[sl, 2] += amp * np.sin(2 * np.pi * f * t[sl])
        elif kind == 2:
            acc[sl] += rng.normal(size=acc[sl].shape) * amp
        elif kind == 3:
            acc[sl, 0] += amp * np.sin(2 * np.pi * f * t[sl]) + rng.normal(size=len(t[sl])) * amp * 0.3
        i += m
    return acc


@pytest.mark.parametrize("rate", [12.5, 25.0, 50.0, 100.0, 200.0, 400.0])
@pytest.mark.parametrize("stride_ok", [False, True])
def test_walking_windows_are_the_numpy_ones(rate: float, stride_ok: bool) -> None:
    s = AutoAlignSettings()
    rng = np.random.default_rng(int(rate * 10) + stride_ok)
    seen_ok = seen_not = 0
    for _ in range(6):
        acc = _mixed_acc(rng, rate, float(rng.uniform(1.0, 400.0)))
        got = al._walking_windows(acc, rate, s, stride_ok=stride_ok)
        want = _numpy_walking_windows(acc, rate, s, stride_ok=stride_ok)
        assert got[0].dtype == want[0].dtype and got[0].shape == want[0].shape
        assert np.array_equal(got[0], want[0])
        assert got[1] == want[1] or (np.isnan(got[1]) and np.isnan(want[1]))
        mag = row_norm(acc)  # the evidence passes |acc| it has already
        assert np.array_equal(al._walking_windows(acc, rate, s, stride_ok, mag)[0], want[0])
        seen_ok += int(want[0].sum())
        seen_not += int((~want[0]).sum())
    assert seen_ok and seen_not  # both outcomes reached
    # a window of each kind alone, and none at all
    for acc in (np.tile([0.0, 0.0, 1.0], (int(3 * rate), 1)), _mixed_acc(rng, rate, 2.0)[: max(int(rate), 4)]):
        got, want = al._walking_windows(acc, rate, s, stride_ok), _numpy_walking_windows(acc, rate, s, stride_ok)
        assert np.array_equal(got[0], want[0]) and got[1] == want[1]


def test_masked_row_sum_is_numpys_gathered_sum() -> None:
    rng = np.random.default_rng(11)
    for n in (0, 1, 2, 7, 129, 5000, 100_003):
        a = _wide(rng, (n, 3)) if n else np.zeros((0, 3))
        for mask in (rng.random(n) < 0.5, np.zeros(n, bool), np.ones(n, bool), rng.random(n) < 0.01):
            assert masked_row_sum(a, mask).tobytes() == a[mask].sum(axis=0).tobytes()
    a = np.full((9, 3), -0.0)
    m = np.ones(9, bool)
    assert masked_row_sum(a, m).tobytes() == a[m].sum(axis=0).tobytes()  # +0.0, as numpy's
    a = _wide(rng, (300, 3))
    a[7, 1], a[50, 2], a[51, 2] = np.nan, np.inf, -np.inf
    with np.errstate(invalid="ignore"):  # inf + -inf
        for mask in (np.ones(300, bool), np.arange(300) != 7, np.arange(300) < 51):
            assert masked_row_sum(a, mask).tobytes() == a[mask].sum(axis=0).tobytes()


def test_cluster_points_are_the_gathered_subsample() -> None:
    rng = np.random.default_rng(12)
    for n in (0, 1, 799, 800, 801, 1601, 60_000):
        d = _wide(rng, (n, 3)) if n else np.zeros((0, 3))
        for mask in (rng.random(n) < 0.5, np.ones(n, bool), rng.random(n) < 0.02):
            got, want = al._cluster_points(d, mask, 800), _numpy_cluster_points(d, mask, 800)
            assert got.shape == want.shape and got.tobytes() == want.tobytes()
            assert got.flags.c_contiguous


def _with_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(al, "_walking_windows", _numpy_walking_windows)
    monkeypatch.setattr(al, "masked_row_sum", lambda a, mask: a[mask].sum(axis=0))
    monkeypatch.setattr(al, "_cluster_points", _numpy_cluster_points)


SEATED_START = [Sit(60.0), Stand(3.0), Sit(40.0), Stand(2.0), Walk(20.0), Stand(3.0), Lift("stoop", rest_s=1.0),
               Walk(12.0), Stand(2.0)]


@pytest.mark.parametrize("rate,script", [(50.0, SCRIPT), (100.0, SCRIPT), (100.0, SEATED_START), (400.0, SCRIPT)])
def test_chains_are_bit_for_bit_those_of_the_numpy_code(rate: float, script: list,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sim = simulate(script, rate_hz=rate, mounting="random", seed=7)
    seen_walking = 0
    results = {}
    for reference in (False, True):
        if reference:
            _with_reference(monkeypatch)
        for pl, block in sim.blocks.items():
            chain = SensorChain(sim.infos[pl], ChainSettings(refine_every_s=2.0))
            out, est = _run(chain, block, [int(rate * 3.3), 17, int(rate * 7)])
            results.setdefault(pl, []).append((out, est, chain))
    monkeypatch.undo()
    for pl, ((out_f, est_f, fast), (out_r, est_r, ref)) in results.items():
        assert len(est_f) > 5
        assert est_f == est_r, pl
        seen_walking += any("walking" in e[2] for e in est_f)
        for a, b in zip(fast._evidence._arrays(), ref._evidence._arrays()):
            assert a.tobytes() == b.tobytes()
        for name in ("cov", "cross", "jerk", "travel"):
            assert getattr(fast._evidence, name).tobytes() == getattr(ref._evidence, name).tobytes()
        for name in ("flexion_deg", "lateral_deg", "inclination_deg", "heading_deg", "acc_g", "gyr_dps", "valid"):
            assert getattr(out_f, name).tobytes() == getattr(out_r, name).tobytes(), (pl, name)
    assert seen_walking


def test_seeds_learned_ahead_are_those_of_the_numpy_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The look-ahead over a lying start (corrected by the walks after it): the same seed."""
    info, block = _lying_then_walks(nan_at=(4000,))
    seeds = []
    for reference in (False, True):
        if reference:
            _with_reference(monkeypatch)
        seeds.append(lookahead.learn_alignment_ahead([info, *_blocks(block, [333, 17, 1000])]))
    monkeypatch.undo()
    (got,), (want,) = (list(s.values()) for s in seeds)
    assert got.until_ns == want.until_ns and got.up_change_deg == want.up_change_deg
    assert got.alignment.rotation.tobytes() == want.alignment.rotation.tobytes()
    assert got.alignment.method == want.alignment.method and "walking" in got.alignment.method
    assert sorted(got.alignment.details.items()) == sorted(want.alignment.details.items())
    for a, b in zip(got.evidence._arrays(), want.evidence._arrays()):
        assert a.tobytes() == b.tobytes()


def test_the_reference_is_not_the_module_under_test() -> None:
    assert al._walking_windows is not _numpy_walking_windows
    assert "masked_row_sum" in al.AlignmentEvidence.estimate.__code__.co_names
    assert Placement.PELVIS  # the placements the simulator gives are the chain's
