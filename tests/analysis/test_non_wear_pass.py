"""The non-wear stage's compiled epoch and window passes (#20, fifteenth round) against the numpy
form they replaced (kept here as the reference, from ``NonWearStage._feed`` and
``_close_epochs`` at main 3acccc1): the same epoch sums, flags, means, variances and window
tests bit for bit, and the same events, flags and summary from the stage in every chunking."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis import non_wear as nw
from oefensense.features._posture_kernels import MAX_PAIRWISE_N

from .test_episode_window_speed import RefNonWear, _blocks, _desk_and_wear, _non_wear_run


# -- the numpy form (main 3acccc1) ---------------------------------------------------------------
# the stage's numpy form (main 3acccc1's code, which the compiled pass must reproduce bit for bit)
numpy_epoch_sums = nw._numpy_epoch_sums


def numpy_epoch_windows(stage, idx, sums, sumsq, counts, samples, bad, expected):  # noqa: ANN001, ANN201
    """Per epoch ok, mean, var, quiet; per group of one window the whole-window path's results."""
    st = stage.settings
    ok = ~bad & (counts >= 0.9 * expected) & (samples >= 2)
    n = np.maximum(samples, 1)[:, None]
    mean = sums / n
    var = np.maximum(sumsq / n - mean * mean, 0.0)
    quiet = ok & (np.sqrt(var.max(axis=1)) <= st.max_sd_g)
    win = idx // stage._per_window
    cut = np.flatnonzero(np.r_[True, win[1:] != win[:-1], True])
    per = stage._per_window
    groups = []
    for a, b in zip(cut[:-1].tolist(), cut[1:].tolist()):
        q = quiet[a:b]
        moved = -1 if q.all() else int(idx[a + int(np.argmin(q))])
        whole = b - a == per and int(idx[b - 1]) - int(idx[a]) == per - 1
        level = None
        if whole:
            keep = ok[a:b]
            parts = (mean[a:b], var[a:b], samples[a:b]) if keep.all() else (
                mean[a:b][keep], var[a:b][keep], samples[a:b][keep])
            level = stage._noise_level(*parts, per)
        groups.append((a, b, moved, whole, level))
    return ok, mean, var, quiet, groups


SPECIALS = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, -5e-324, 1e300, -1e300])


def _signals(rng: np.random.Generator, n: int, trial: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    rate = [50, 100, 25, 200, 13, 1000, 1929, 7][trial % 8]
    t = int(rng.integers(-(10**13), 10**13)) + (np.arange(n) * (10**9 // rate)).astype(np.int64)
    if trial % 4 == 0:  # an irregular grid
        t = np.sort(t + rng.integers(0, 10**8, n))
    acc = rng.standard_normal((n, 3)) * 10.0 ** rng.integers(-9, 9, (n, 3))
    if trial % 3 == 0:
        hit = rng.random((n, 3)) < 0.05
        acc[hit] = rng.choice(SPECIALS, hit.sum())
    if trial % 5 == 0:  # a device on a desk: g plus noise
        acc = np.array([0.02, -0.05, 0.99]) + rng.normal(0.0, 0.003, (n, 3))
    if trial % 7 == 0:
        acc = np.asfortranarray(acc)  # another layout (numpy then sums a masked copy)
    new = None if trial % 2 else rng.random(n) < [0.5, 0.99, 1.0][trial % 3]
    return t, acc, new


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("trial", range(120))
def test_epoch_sums_are_numpys(trial: int) -> None:
    rng = np.random.default_rng(trial)
    n = int(rng.integers(1, 6000))
    t, acc, new = _signals(rng, n, trial)
    done, *got = nw._epoch_sums(t, acc, nw._NO_FLAGS if new is None else new, new is not None, 10**9)
    assert done
    for name, x, y in zip(("idx", "sums", "sumsq", "counts", "samples", "bad"), got, numpy_epoch_sums(t, acc, new, 10**9)):
        assert _same(x, y), name


def test_an_epoch_too_long_for_the_kernel_is_summed_by_numpy() -> None:
    rng = np.random.default_rng(1)
    n = 3 * (MAX_PAIRWISE_N + 2)
    t = (np.arange(n) * (10**9 // (MAX_PAIRWISE_N + 2))).astype(np.int64)
    acc = rng.standard_normal((n, 3))
    assert not nw._epoch_sums(t, acc, nw._NO_FLAGS, False, 10**9)[0]
    t_ok = (np.arange(n) * -(-(10**9) // (MAX_PAIRWISE_N + 1))).astype(np.int64)  # epochs it sums itself (<= 1929 ticks)
    assert nw._epoch_sums(t_ok, acc, nw._NO_FLAGS, False, 10**9)[0]
    # the stage then takes numpy's path: the same outcome as the reference's
    stage, ref = nw.NonWearStage(), RefNumpyNonWear()
    for s in (stage, ref):
        s._rate = float(MAX_PAIRWISE_N + 2)
    out_a, out_b = nw.StageOutput(frames=[]), nw.StageOutput(frames=[])
    stage._feed("pelvis", t, acc, out_a)
    ref._feed("pelvis", t, acc, out_b)
    sa, sb = stage._sensors["pelvis"], ref._sensors["pelvis"]
    assert (sa.epoch, sa.n, sa.m, sa.bad, sa.s.tobytes(), sa.ss.tobytes()) == (sb.epoch, sb.n, sb.m, sb.bad, sb.s.tobytes(), sb.ss.tobytes())


@pytest.mark.parametrize("trial", range(80))
def test_epoch_windows_are_numpys(trial: int) -> None:
    rng = np.random.default_rng(1000 + trial)
    stage = nw.NonWearStage(nw.NonWearSettings(window_s=[16.0, 4.0, 5.0][trial % 3]))
    k = int(rng.integers(1, 400))
    start = int(rng.integers(-1000, 1000))
    idx = start + np.arange(k, dtype=np.int64)
    if trial % 4 == 1:  # epochs missing (gaps) and windows cut at both ends
        idx = np.sort(rng.choice(np.arange(start, start + 3 * k), k, replace=False)).astype(np.int64)
    samples = rng.integers(0, 60, k).astype(np.int64)
    counts = samples + rng.integers(0, 3, k)
    mean_true = np.array([0.02, -0.05, 0.99]) + rng.normal(0.0, [0.0, 0.0005, 0.01][trial % 3], (k, 3))
    sd = np.abs(rng.normal(0.0, [0.003, 0.02, 0.05][trial % 3], (k, 3)))
    sums = mean_true * samples[:, None]
    sumsq = (sd * sd + mean_true * mean_true) * samples[:, None]
    if trial % 5 == 0:
        hit = rng.random((k, 3)) < 0.05
        sums[hit] = rng.choice(SPECIALS, hit.sum())
        hit = rng.random((k, 3)) < 0.05
        sumsq[hit] = rng.choice(SPECIALS, hit.sum())
    bad = rng.random(k) < [0.0, 0.02, 0.3][trial % 3]
    expected = [50.0, 25.0, 100.0][trial % 3]
    got = nw._epoch_windows(idx, sums, sumsq, counts, samples, bad, 0.9 * expected, float(stage.settings.max_sd_g),
                            stage._per_window, float(stage.settings.wander_floor_g),
                            float(stage.settings.max_wander_ratio))
    ok, mean, var, quiet, cut, whole, moved, tested, noise, stats = got
    r_ok, r_mean, r_var, r_quiet, groups = numpy_epoch_windows(stage, idx, sums, sumsq, counts, samples, bad, expected)
    assert _same(ok, r_ok) and _same(mean, r_mean) and _same(var, r_var) and _same(quiet, r_quiet)
    assert cut.tolist() == [g[0] for g in groups] + [k]
    for g, (_a, _b, r_moved, r_whole, level) in enumerate(groups):
        assert moved[g] == r_moved and whole[g] == r_whole
        if not r_whole:
            continue
        r_noise, r_mean_w, r_w2, r_white2 = level
        assert tested[g] == (r_mean_w is not None)
        assert noise[g] == r_noise
        if r_mean_w is not None:
            assert stats[g, 0].tobytes() == r_mean_w.tobytes()
        assert stats[g, 1].tobytes() == r_w2.tobytes() and stats[g, 2].tobytes() == r_white2.tobytes()


# -- the stage -------------------------------------------------------------------------------------
class RefNumpyNonWear(RefNonWear):
    """The stage with its epoch sums as they were too (numpy), its windows from lists."""

    def _block_sums(self, t, acc, new):  # noqa: ANN001, ANN202
        return numpy_epoch_sums(t, acc, new, self._epoch_ns)


@pytest.mark.parametrize("slow", [False, True])
@pytest.mark.parametrize("sizes", [[9000], [800], [1, 7, 640, 13], [799, 801, 1600, 3], [50 * 16], [50 * 16 * 3 + 1]])
def test_non_wear_stage_as_before(sizes: list[int], slow: bool) -> None:
    frame = _desk_and_wear(60_000, seed=len(sizes) + slow + 7, slow=slow)
    settings = nw.NonWearSettings(min_s=120.0)  # a 20-min recording: runs that end as non-wear
    new = _non_wear_run(nw.NonWearStage(settings), _blocks(frame, sizes))
    ref = _non_wear_run(RefNumpyNonWear(settings), _blocks(frame, sizes))
    assert sum(isinstance(x, tuple) and len(x) == 3 for x in ref) >= 1, "no non-wear period: the test would see nothing"
    assert new == ref
