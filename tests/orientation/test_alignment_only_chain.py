"""The look-ahead's chain computes no segment angles (``SensorChain(outputs=False)``): only its
alignment is used, so the filter, the evidence and the re-estimates must run exactly as in a
chain with outputs, and the seeds it gives must be the same, bit for bit (#20: a sixth of the
look-ahead's CPU went to angles nobody read)."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import NS_PER_S, SampleBlock
from oefensense.orientation import chain as chain_module
from oefensense.orientation import lookahead
from oefensense.orientation.chain import SensorChain
from oefensense.sim.wear import mirror_tile
from oefensense.sources.simulated import bundled_recording

RATE = 50.0


def _lying_then_walks(nan_at: tuple[int, ...] = (), gap_after_s: float | None = None) -> tuple:
    """HAPT's lying (118-135 s) played for 150 s, then its standing and walks; NaN samples at
    ``nan_at`` and a 30-s hole after ``gap_after_s`` (the samples after it shifted later)."""
    rec = bundled_recording()
    t = (rec.block.t_ns - rec.block.t_ns[0]) / NS_PER_S
    lying = rec.block.slice(int(np.searchsorted(t, 118.0)), int(np.searchsorted(t, 135.0)))
    still = mirror_tile(lying, 150.0, RATE)
    rest = rec.block.slice(int(np.searchsorted(t, 139.6)), len(t))
    t_ns = np.r_[still.t_ns, still.t_ns[-1] + int(NS_PER_S / RATE) + (rest.t_ns - rest.t_ns[0])]
    acc, gyr = np.vstack([still.acc_g, rest.acc_g]), np.vstack([still.gyr_dps, rest.gyr_dps])
    for i in nan_at:
        acc[i, 1] = np.nan
        gyr[i, 2] = np.inf
    if gap_after_s is not None:
        t_ns = t_ns.copy()
        t_ns[t_ns > gap_after_s * NS_PER_S] += 30 * NS_PER_S
    return rec.info, SampleBlock(rec.info.sensor_id, t_ns, acc, gyr, None)


def _blocks(block: SampleBlock, sizes: list[int]) -> list[SampleBlock]:
    out, i, k = [], 0, 0
    while i < len(block):
        n = sizes[k % len(sizes)]
        out.append(block.slice(i, min(i + n, len(block))))
        i, k = i + n, k + 1
    return out


def _state(chain: SensorChain) -> tuple:
    ev = chain.evidence
    dirs, still, walk = ev._arrays()
    return (chain.alignment, chain.refinements, chain.up_corrections, chain.evidence_until_ns,
            chain._state.tobytes(), dirs.tobytes(), still.tobytes(), walk.tobytes(), ev.cov.tobytes(),
            ev.cross.tobytes(), ev.jerk.tobytes(), ev.travel.tobytes(), ev.walk_s, ev.travel_s)


@pytest.mark.parametrize("case", [
    {"sizes": [500]},
    {"sizes": [1, 7, 4999, 1, 333], "nan_at": (0, 1, 2500, 9000)},  # single samples, NaN/inf, one at the very start
    {"sizes": [9000], "gap_after_s": 100.0},  # a hole longer than the re-estimate interval
    {"sizes": [20000]},  # one block: the alignment window and the rest in one call
])
def test_a_chain_without_outputs_aligns_as_one_with_outputs(case: dict) -> None:
    info, block = _lying_then_walks(case.get("nan_at", ()), case.get("gap_after_s"))
    full, bare = SensorChain(info), SensorChain(info, outputs=False)
    for b in _blocks(block, case["sizes"]):
        assert bare.process(b) is None
        full.process(b)
        assert _state(bare) == _state(full)
    assert bare.finish() is None
    full.finish()
    assert _state(bare) == _state(full)
    assert full.up_corrections and "walking" in full.alignment.method  # the case is one the look-ahead seeds


def test_a_short_stream_is_aligned_on_finish_without_outputs() -> None:
    info, block = _lying_then_walks()
    full, bare = SensorChain(info), SensorChain(info, outputs=False)
    short = block.slice(0, 300)  # 6 s: inside the 20-s alignment window
    assert bare.process(short) is None and full.process(short) is None
    assert bare.finish() is None and len(full.finish()) == 300
    assert _state(bare) == _state(full)


def test_the_look_ahead_computes_no_angles_and_seeds_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    info, block = _lying_then_walks(nan_at=(4000,))
    items = [info] + _blocks(block, [900])
    calls = []
    real = chain_module.segment_outputs

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(chain_module, "segment_outputs", counted)
    seeds = lookahead.learn_alignment_ahead(iter(items))
    assert not calls
    # the seeds of the same look-ahead with a chain that computes its angles
    monkeypatch.setattr(lookahead, "SensorChain", lambda info, outputs=True: SensorChain(info))
    before = lookahead.learn_alignment_ahead(iter(items))
    assert calls
    assert list(seeds) == list(before) == [info.sensor_id]
    a, b = seeds[info.sensor_id], before[info.sensor_id]
    assert (a.alignment, a.until_ns, a.up_change_deg) == (b.alignment, b.until_ns, b.up_change_deg)
    assert [x.tobytes() for x in a.evidence._arrays()] == [x.tobytes() for x in b.evidence._arrays()]


def test_the_look_ahead_runs_with_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the analysis does (core/blas.py): the re-estimates' 800×800 posture products gained
    nothing from OpenBLAS's threads, which spun after each one (the generated day's look-ahead:
    3.3-3.7 CPU s with them, 1.5-1.6 s without, the same seeds)."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    if not blas or max(i["num_threads"] for i in blas) < 2:
        pytest.skip("BLAS has one thread here anyway")
    seen: list[int] = []
    real = SensorChain.process

    def spy(self, block):  # noqa: ANN001, ANN202
        seen.append(max(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"))
        return real(self, block)

    monkeypatch.setattr(SensorChain, "process", spy)
    info, block = _lying_then_walks()
    lookahead.learn_alignment_ahead(iter([info] + _blocks(block, [2000])))
    assert seen and set(seen) == {1}
    assert max(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas") >= 2  # restored
