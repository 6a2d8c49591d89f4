"""The alignment evidence's compiled pieces (``orientation/evidence_kernels.py``) give the bits of
the numpy code they replaced (kept below as the reference, verbatim but for names): kernel by
kernel on random data of wide range (with -0.0, NaN and window lengths past numpy's 128-element
pairwise blocks), and through whole chains on simulated recordings (walks, bends, sitting; every
placement; 50, 100 and 400 Hz), where every re-estimated alignment, the evidence and every
segment angle must be bit for bit those of the numpy evidence. The chain's results, the
alignments learned ahead and ``analyze``'s files must not move.
"""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import Placement
from oefensense.core.vec import row_norm
from oefensense.orientation import ChainSettings, SensorChain
from oefensense.orientation import alignment as al
from oefensense.orientation.alignment import AlignmentEvidence, _steady_up, _walking_windows, _windows
from oefensense.orientation.chain import _concat_segments
from oefensense.orientation.evidence_kernels import _pairwise, count_above, tilt_sums, window_stats
from oefensense.orientation.rotations import quat_to_matrix, quat_up_rows
from oefensense.sim import Lift, Sit, Stand, Twist, Walk, simulate


def _numpy_consistency(h: np.ndarray) -> float:
    return float(np.linalg.norm(h.sum(axis=0)) / max(np.linalg.norm(h, axis=1).sum(), 1e-9))


class NumpyEvidence(AlignmentEvidence):
    """``add`` and ``_forward_from_bends`` before the kernels (main 13be3b1, 4 Dec 2026)."""

    def add(self, acc_g, gyr_dps, rate_hz, up_sensor=None, rot_sw=None):  # noqa: ANN001, ANN201
        if callable(rot_sw):  # the chain now passes a function that makes them (not numpy's part)
            rot_sw = rot_sw()
        s = self.s
        acc = np.asarray(acc_g, dtype=np.float64)
        if acc.shape[0] < 4 or rate_hz <= 0 or self._n_windows >= s.max_windows:
            return
        if rot_sw is not None and up_sensor is None:
            up_sensor = rot_sw[:, 2, :]
        w = max(int(round(s.window_s * rate_hz)), 2)
        aw = _windows(acc, w)
        if aw.shape[0] == 0:
            return
        mean = aw.mean(axis=1)
        mnorm = row_norm(mean)
        src = mean if up_sensor is None else _windows(np.asarray(up_sensor, dtype=np.float64), w).mean(axis=1)
        dirs = src / np.maximum(row_norm(src), 1e-9)[:, None]
        sd = row_norm(aw).std(axis=1)
        still = (sd < s.still_acc_sd_g) & (np.abs(mnorm - 1.0) < 0.1)
        if gyr_dps is not None:
            gw = _windows(np.asarray(gyr_dps, dtype=np.float64), w)
            still &= row_norm(gw).mean(axis=1) < s.still_gyr_dps
        if up_sensor is None:
            keep_dir = (sd < 0.3) & (np.abs(mnorm - 1.0) < 0.3)
            dirs = np.where(keep_dir[:, None], dirs, np.nan)
        walk2, f_step = _walking_windows(acc, rate_hz, s, stride_ok=self.placement == Placement.THIGH)
        per = max(int(round(s.walk_window_s / s.window_s)), 1)
        if self.placement != Placement.THIGH and walk2.any():
            walk2 = walk2 & _steady_up(dirs, per, walk2.shape[0], s.walk_max_up_spread_deg)
        walk = np.zeros(dirs.shape[0], bool)
        wexp = np.repeat(walk2, per)[: dirs.shape[0]]
        walk[: wexp.shape[0]] = wexp
        self._dirs.append(dirs)
        self._still.append(still)
        self._walk.append(walk)
        self._n_windows += dirs.shape[0]
        if walk2.any() and f_step > 0 and self.walk_s < s.max_gait_s:
            self._add_gait(acc, rate_hz, walk2, f_step)
            if rot_sw is not None:
                self._add_travel(acc, rot_sw, rate_hz, walk, still, w)

    def _forward_from_bends(self, dirs, up, details):  # noqa: ANN001, ANN201
        s = self.s
        c = np.clip(dirs @ up, -1, 1)
        tilt = np.degrees(np.arccos(c))
        hi = max(s.bend_max_deg, 120.0) if self.placement == Placement.THIGH else s.bend_max_deg
        m = (tilt > s.bend_min_deg) & (tilt < hi)
        if self.placement == Placement.TRUNK:
            deep = (tilt > s.deep_bend_min_deg) & (tilt < hi)
            if deep.sum() * s.window_s >= s.min_bend_s and _numpy_consistency(dirs[deep] - np.outer(c[deep], up)) >= s.min_bend_consistency:
                m = deep
                details["deep_bends"] = 1.0
        bend_s = float(m.sum() * s.window_s)
        details["bend_s"] = bend_s
        if bend_s < s.min_bend_s:
            return None
        h = dirs[m] - np.outer(c[m], up)
        hsum = h.sum(axis=0)
        consistency = _numpy_consistency(h)
        details["bend_consistency"] = consistency
        if consistency < s.min_bend_consistency:
            return None
        fwd = hsum if self.placement == Placement.THIGH else -hsum
        q = float(np.clip((consistency - 0.5) * 2.0, 0, 1) * min(1.0, bend_s / 3.0))
        return fwd, q, False, "bends"


def _wide(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    x = rng.normal(size=shape) * np.exp(rng.normal(size=shape) * 4)
    flat = x.reshape(-1)
    flat[rng.integers(0, flat.size, max(1, flat.size // 500))] = -0.0
    return x


@pytest.mark.parametrize("n", [0, 1, 5, 7, 8, 9, 50, 127, 128, 129, 200, 255, 1000, 4099, 100_003])
def test_pairwise_is_numpys_sum(n: int) -> None:
    x = _wide(np.random.default_rng(n), (n + 3,))
    assert 0.0 + _pairwise(x, 3, n) == x[3:].sum()
    assert np.signbit(0.0 + _pairwise(np.full(n, -0.0), 0, n)) == np.signbit(np.full(n, -0.0).sum())


@pytest.mark.parametrize("w", [2, 7, 50, 128, 129, 200])
def test_window_stats_are_numpys(w: int) -> None:
    rng = np.random.default_rng(w)
    n = 37 * w + w // 2 + 1  # a partial window at the end, left out as _windows does
    acc, gyr = _wide(rng, (n, 3)), _wide(rng, (n, 3))
    up = _wide(rng, (n, 3, 3))[:, 2, :]  # strided rows, as the chain passes rot[:, 2, :]
    acc[5, 1] = np.nan
    gyr[3 * w + 1, 2] = np.inf
    acc[w: 2 * w] = -0.0
    mean, up_mean, sd, gyr_mean, mag = window_stats(acc, up, gyr, w)
    aw = _windows(acc, w)
    for got, want in ((mean, aw.mean(axis=1)), (up_mean, _windows(up, w).mean(axis=1)), (sd, row_norm(aw).std(axis=1)),
                      (gyr_mean, row_norm(_windows(gyr, w)).mean(axis=1)), (mag, row_norm(acc))):
        assert got.shape == want.shape
        assert got.tobytes() == want.tobytes()  # bit for bit, NaN and the sign of zero included
    assert window_stats(acc, None, None, w)[1] is None


def test_counts_and_tilt_sums_are_numpys() -> None:
    rng = np.random.default_rng(3)
    d = rng.normal(size=(800, 3))
    d /= row_norm(d)[:, None]
    g = d @ d.T
    for thr in (np.cos(np.radians(10.0)), np.cos(np.radians(10.0 / 3)), 0.0):
        assert np.array_equal(count_above(g, thr), (g > thr).sum(axis=1))
        assert count_above(g, thr).dtype == (g > thr).sum(axis=1).dtype
    up = d[0]
    c = np.clip(d @ up, -1, 1)
    for mask in (c < 0.9, c < 0.99, np.arange(800) == 7, c > -2):
        h = d[mask] - np.outer(c[mask], up)
        hsum, norms = tilt_sums(d, c, mask, up)
        assert hsum.tobytes() == h.sum(axis=0).tobytes()
        assert norms == np.linalg.norm(h, axis=1).sum()


SCRIPT = [Stand(6.0), Walk(14.0), Stand(3.0), Lift("stoop", rest_s=1.0), Sit(8.0), Stand(2.0),
          Lift("squat", twist_deg=20.0, lateral_deg=8.0, rest_s=1.0), Walk(9.0),
          Lift("stoop", trunk_flexion_deg=70.0, twist_deg=-25.0, rest_s=1.0), Twist(35.0), Stand(3.0)]


def _run(chain: SensorChain, block, sizes) -> tuple[object, list]:  # noqa: ANN001
    estimates = []
    original = chain._evidence.estimate

    def recorded():  # noqa: ANN202
        a = original()
        estimates.append((a.matrix, a.quality, a.method, a.forward_ambiguous, sorted(a.details.items())))
        return a

    chain._evidence.estimate = recorded
    outs, i, k = [], 0, 0
    while i < len(block):
        step = sizes[k % len(sizes)]
        outs.append(chain.process(block.slice(i, i + step)))
        i += step
        k += 1
    outs.append(chain.finish())
    return _concat_segments(outs), estimates


@pytest.mark.parametrize("rate", [50.0, 100.0, 400.0])
def test_chains_with_the_compiled_evidence_are_bit_for_bit_the_numpy_ones(rate: float) -> None:
    sim = simulate(SCRIPT, rate_hz=rate, mounting="random", seed=5)
    seen_walking = seen_bends = 0
    for pl, block in sim.blocks.items():
        # re-estimates every 2 s, so the comparison sees many, some with walking
        fast = SensorChain(sim.infos[pl], ChainSettings(refine_every_s=2.0))
        ref = SensorChain(sim.infos[pl], ChainSettings(refine_every_s=2.0))
        ref._evidence = NumpyEvidence(pl, ref._evidence.s)
        sizes = [int(rate * 3.3), 17, int(rate * 7)]
        out_f, est_f = _run(fast, block, sizes)
        out_r, est_r = _run(ref, block, sizes)
        assert len(est_f) > 5
        assert est_f == est_r, pl
        seen_walking += any("walking" in e[2] for e in est_f)
        seen_bends += any("bends" in e[2] for e in est_f)
        for a, b in zip(fast._evidence._arrays(), ref._evidence._arrays()):
            assert a.tobytes() == b.tobytes()
        for name in ("cov", "cross", "jerk", "travel"):
            assert getattr(fast._evidence, name).tobytes() == getattr(ref._evidence, name).tobytes()
        for name in ("flexion_deg", "lateral_deg", "inclination_deg", "heading_deg", "acc_g", "gyr_dps", "valid"):
            assert getattr(out_f, name).tobytes() == getattr(out_r, name).tobytes(), (pl, name)
    assert seen_walking and seen_bends  # the scenario reaches the walking and bend branches


def test_the_numpy_reference_is_not_the_module_under_test() -> None:
    # the comparison above means something only if the chain really uses the compiled add
    assert AlignmentEvidence.add is not NumpyEvidence.add
    assert "window_stats" in al.AlignmentEvidence.add.__code__.co_names


def test_up_rows_are_the_rotations_third_row() -> None:
    q = _wide(np.random.default_rng(9), (1000, 4))
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    assert quat_up_rows(q).tobytes() == np.ascontiguousarray(quat_to_matrix(q)[:, 2, :]).tobytes()
