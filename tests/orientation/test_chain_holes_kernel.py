"""The chain finds the holes in a block (``_note_holes``) with a compiled pass, ``_steps_over``:
the same indices as numpy's ``np.flatnonzero(np.diff(t_ns) > longer_than_ns)`` it replaced, and
the same chain outputs, re-estimates and holes whatever the blocks."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from oefensense.orientation import chain as chain_module
from oefensense.orientation.chain import SensorChain, _steps_over


@pytest.mark.parametrize("seed", range(5))
def test_steps_over_is_numpys_flatnonzero_of_diff(seed: int) -> None:
    rng = np.random.default_rng(seed)
    every = 10 * NS_PER_S
    t = np.cumsum(rng.integers(1, 20_000_000, 20_000)).astype(np.int64)
    at = rng.choice(len(t) - 1, 30, replace=False)
    steps = rng.choice([every - 1, every, every + 1, 3 * every, 600 * NS_PER_S], 30)
    for i, s in zip(at, steps):  # holes near the limit and far over it
        t[i + 1:] += s - (t[i + 1] - t[i]) + 1 if s in (every - 1, every) else s
    for x in (t, t[:1], t[:2], t[:0], t[at[0]:at[0] + 2], np.array([0, every, 2 * every + 1], np.int64)):
        ref = np.flatnonzero(np.diff(x) > every)
        got = _steps_over(x, every)
        assert got.dtype == np.int64
        np.testing.assert_array_equal(got, ref)
    assert ref.tolist() == [1]  # a step of exactly ``every`` is no hole, one ns more is
    assert len(_steps_over(t, every)) >= int((steps > every).sum()) > 5


def _stream(seed: int) -> tuple[SensorInfo, SampleBlock]:
    """A pelvis at 100 Hz: still, walking, a hole of 12 s and one of 40 min, more walking."""
    rng = np.random.default_rng(seed)
    n = 60_000
    t = np.arange(n, dtype=np.int64) * 10_000_000
    t[20_000:] += 12 * NS_PER_S
    t[35_000:] += 2400 * NS_PER_S
    ph = 2 * np.pi * 1.8 * np.arange(n) / 100.0
    walking = (np.arange(n) // 3000) % 2 == 1
    acc = np.column_stack([0.05 * rng.normal(size=n), 0.05 * rng.normal(size=n),
                           1.0 + np.where(walking, 0.25 * np.sin(ph), 0.005 * rng.normal(size=n))])
    gyr = np.where(walking[:, None], 20.0 * np.sin(ph)[:, None], 0.3) + rng.normal(0, 0.2, (n, 3))
    info = SensorInfo("p", Placement.PELVIS, nominal_rate_hz=100.0)
    return info, SampleBlock("p", t, acc, gyr, None)


def _run(info: SensorInfo, block: SampleBlock, sizes: list[int]) -> tuple[list, list, list]:
    chain = SensorChain(info)
    outs, i, k = [], 0, 0
    while i < len(block):
        j = min(len(block), i + sizes[k % len(sizes)])
        outs.append(chain.process(block.slice(i, j)))
        i, k = j, k + 1
    outs.append(chain.finish())
    segs = [o for o in outs if o is not None and len(o)]
    cols = [np.concatenate([getattr(s, c) for s in segs]) for c in
            ("t_ns", "flexion_deg", "lateral_deg", "inclination_deg", "heading_deg", "valid", "acc_g", "gyr_dps")]
    return cols, list(chain.up_corrections), [chain.refinements, chain._holes_done_ns, list(chain._holes)]


@pytest.mark.parametrize("seed", range(2))
def test_the_chain_with_the_compiled_holes_is_the_chain_with_numpys(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    info, block = _stream(seed)
    for sizes in ([60_000], [7, 1999, 4001], [25_000, 10]):
        fast = _run(info, block, sizes)
        with monkeypatch.context() as mp:
            mp.setattr(chain_module, "_steps_over", lambda t, x: np.flatnonzero(np.diff(t) > x))
            ref = _run(info, block, sizes)
        assert fast[1:] == ref[1:]
        assert ref[2][0] > 3  # it re-estimated across the holes
        for a, b in zip(fast[0], ref[0]):
            np.testing.assert_array_equal(np.ascontiguousarray(a).view(np.uint8), np.ascontiguousarray(b).view(np.uint8))
