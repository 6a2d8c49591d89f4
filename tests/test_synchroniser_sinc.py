"""Synchroniser ``acc_interpolation="sinc"`` (a prototype, off by default): the segment-frame
acceleration on the grid equals the probe's numpy reference (``benchmarks.probe_rate_features
._sinc_at``, candidate D) within ``BOUND_G`` at any rate, phase and timing jitter; ticks whose
window meets a gap, the stream's start or end, or an invalid sample are invalid; frames go out
``SINC_HALF_S`` later; any chunking gives the same frames as the stream fed whole, in both modes.

``BOUND_G``: the kernel is read from a table of cubic pieces (``sinc_grid``), whose error against
the exact kernel is < 1e-12 of a weight (measured 2.3e-13). A weight error ``e`` moves a tick's
value by at most ``e * sum_j |v_j - y| / sum_j w_j``; the window holds ~0.4 s * rate samples and
``sum_j w_j`` ~ rate / 44 Hz, so at most ~18 e times the signal's range: 5.8e-10 g for a ±16 g
range at e = 1e-12 (1.3e-10 g at the measured e; measured worst 1.2e-11 g for ±16 g white noise
at 26-210 Hz). 1e-9 g is above that worst case and six orders below the accelerometers' noise
(~1e-3 g) and a 16-bit ±16 g sensor's step (0.5e-3 g). The exact kernel itself (``kernel_exact``,
which builds the table) equals the probe's numpy formula to 1e-12."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.probe_rate_features import _sinc_at as reference_sinc
from oefensense.core.frames import SegmentBlock
from oefensense.core.types import NS_PER_S, Placement, SensorInfo
from oefensense.pipeline.synchroniser import SINC_HALF_S, Synchroniser, SyncSettings

from tests.test_synchroniser import concat_frames, slice_seg

HALF_NS = int(SINC_HALF_S * NS_PER_S)
SINC = SyncSettings(acc_interpolation="sinc")
BOUND_G = 1e-9  # the table kernel against the exact reference (module doc)


def _stream(rng: np.random.Generator, rate_hz: float, seconds: float, t0_ns: int, jitter: float = 0.0) -> SegmentBlock:
    """A sensor at ``rate_hz`` from ``t0_ns``: acceleration = gravity + 2 Hz sway + white noise;
    each sample time moved by up to ``jitter`` of a sample interval (uniform, never reordered)."""
    n = int(seconds * rate_hz)
    per = NS_PER_S / rate_hz
    t = t0_ns + np.round(np.arange(n) * per + rng.uniform(-jitter, jitter, n) * per).astype(np.int64)
    ts = t / NS_PER_S
    acc = np.column_stack([0.1 * np.sin(2 * np.pi * 2 * ts), np.zeros(n), np.ones(n)]) + 0.02 * rng.standard_normal((n, 3))
    flex = 10 * np.sin(ts)
    return SegmentBlock("p1", Placement.PELVIS, t, acc, np.zeros((n, 3)), flex, np.zeros(n), np.abs(flex),
                        np.full(n, 170.0), np.ones(n, bool))


def _run(seg: SegmentBlock, settings: SyncSettings, cuts: list[int] | None = None) -> dict[str, np.ndarray]:
    sync = Synchroniser(settings)
    sync.add_sensor(SensorInfo("p1", Placement.PELVIS, nominal_rate_hz=50.0))
    cuts = cuts or [0, len(seg)]
    frames = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        frames += sync.push(slice_seg(seg, a, b))
    frames += sync.finish()
    return concat_frames(frames)


def _window_whole(ticks: np.ndarray, t: np.ndarray, max_gap_ns: int) -> np.ndarray:
    """Expected validity: samples at or beyond both window edges, no longer interval in between."""
    out = np.zeros(len(ticks), bool)
    for r, x in enumerate(ticks):
        a = np.searchsorted(t, x - HALF_NS, side="right") - 1
        b = np.searchsorted(t, x + HALF_NS, side="left")
        out[r] = a >= 0 and b < len(t) and bool(np.all(np.diff(t[a: b + 1]) <= max_gap_ns))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_sinc_matches_the_numpy_reference_at_any_rate_and_phase(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rate = float(rng.uniform(26.0, 210.0))
    seg = _stream(rng, rate, 12.0, int(rng.integers(0, NS_PER_S)))
    out = _run(seg, SINC)
    expected_valid = _window_whole(out["t_ns"], seg.t_ns, int(SINC.max_gap_s * NS_PER_S))
    np.testing.assert_array_equal(out["pelvis_valid"], expected_valid)
    assert expected_valid.sum() > 0.9 * len(expected_valid)
    ref = reference_sinc(seg.t_ns, seg.acc_g, out["t_ns"])
    # the reference's fixed tap count reaches a sample further at the ends: it gives up to a tick
    # or two fewer there, the same everywhere else
    v = out["pelvis_valid"] & np.isfinite(ref).all(1)
    assert v.sum() >= out["pelvis_valid"].sum() - 4
    np.testing.assert_allclose(out["pelvis_acc_g"][v], ref[v], rtol=0, atol=BOUND_G)
    assert np.isnan(out["pelvis_acc_g"][~out["pelvis_valid"]]).all()
    # orientation channels stay linear: the same as the default mode's
    lin = _run(seg, SyncSettings())
    np.testing.assert_array_equal(out["pelvis_inclination_deg"][v], lin["pelvis_inclination_deg"][v])
    assert not np.allclose(out["pelvis_acc_g"][v], lin["pelvis_acc_g"][v])  # the mode does something


def test_a_gap_invalidates_every_tick_whose_window_meets_it() -> None:
    rng = np.random.default_rng(7)
    seg = _stream(rng, 52.0, 12.0, 3_000_000)
    keep = np.ones(len(seg), bool)
    keep[(seg.t_ns > 5 * NS_PER_S) & (seg.t_ns < int(5.4 * NS_PER_S))] = False  # a 0.4 s hole
    seg = replace(seg, **{f: getattr(seg, f)[keep] for f in ("t_ns", "acc_g", "gyr_dps", "flexion_deg",
                                                             "lateral_deg", "inclination_deg", "heading_deg", "valid")})
    out = _run(seg, SINC)
    x = out["t_ns"]
    gap_lo, gap_hi = seg.t_ns[seg.t_ns <= 5 * NS_PER_S][-1], seg.t_ns[seg.t_ns >= int(5.4 * NS_PER_S)][0]
    meets = (x + HALF_NS > gap_lo) & (x - HALF_NS < gap_hi)
    assert meets.sum() >= 35
    assert not out["pelvis_valid"][meets].any() and not out["valid"][meets].any()
    np.testing.assert_array_equal(out["pelvis_valid"], _window_whole(x, seg.t_ns, int(SINC.max_gap_s * NS_PER_S)))
    # the linear mode only loses the ticks inside the hole itself
    lin = _run(seg, SyncSettings())
    assert (~lin["pelvis_valid"]).sum() < (~out["pelvis_valid"]).sum()
    v = out["pelvis_valid"] & np.isfinite(reference_sinc(seg.t_ns, seg.acc_g, x)).all(1)
    assert v.sum() >= out["pelvis_valid"].sum() - 4
    np.testing.assert_allclose(out["pelvis_acc_g"][v], reference_sinc(seg.t_ns, seg.acc_g, x)[v], rtol=0, atol=BOUND_G)


def test_an_invalid_sample_invalidates_its_window() -> None:
    seg = _stream(np.random.default_rng(3), 50.0, 6.0, 10_000_000)
    valid = seg.valid.copy()
    valid[150] = False
    out = _run(replace(seg, valid=valid), SINC)
    x = out["t_ns"]
    near = np.abs(x - seg.t_ns[150]) < HALF_NS
    assert near.sum() == 20 and not out["pelvis_valid"][near].any()
    assert out["pelvis_valid"][(x > seg.t_ns[150] + HALF_NS) & (x < seg.t_ns[-1] - HALF_NS)].all()


@pytest.mark.parametrize("mode", ["linear", "sinc"])
@pytest.mark.parametrize("seed", range(6))
def test_any_chunking_gives_the_frames_of_the_whole_stream(mode: str, seed: int) -> None:
    """Steady rates (seeds 0-3: weights reused) and jittered sample times (4-5: none reused)."""
    rng = np.random.default_rng(100 + seed)
    seg = _stream(rng, float(rng.choice([50.0, 52.0, 60.0, 100.0, 200.0])), 15.0, int(rng.integers(0, NS_PER_S)),
                  jitter=0.0 if seed < 4 else 0.2)
    settings = SyncSettings(acc_interpolation=mode)
    whole = _run(seg, settings)
    cuts = sorted({0, len(seg), *rng.integers(1, len(seg), size=int(rng.integers(5, 80))).tolist()})
    chunked = _run(seg, settings, cuts)
    assert whole.keys() == chunked.keys()
    for k in whole:
        np.testing.assert_array_equal(chunked[k], whole[k], err_msg=k)


def test_sinc_frames_go_out_half_a_window_later() -> None:
    seg = _stream(np.random.default_rng(1), 100.0, 6.0, 0)
    lin, sinc = Synchroniser(SyncSettings()), Synchroniser(SINC)
    last = {}
    for name, sync in (("linear", lin), ("sinc", sinc)):
        sync.add_sensor(SensorInfo("p1", Placement.PELVIS, nominal_rate_hz=100.0))
        frames = sync.push(slice_seg(seg, 0, 400))  # samples up to 3.99 s
        last[name] = frames[-1].t_ns[-1]
    assert last["linear"] == int(3.98 * NS_PER_S)
    assert last["sinc"] == int(3.78 * NS_PER_S)  # 3.99 s - 0.2 s, on the 20 ms grid


def test_default_is_linear_and_an_unknown_mode_is_refused() -> None:
    assert SyncSettings().acc_interpolation == "linear"
    with pytest.raises(ValueError, match="acc_interpolation"):
        SyncSettings(acc_interpolation="cubic")


def _sinc_direct(seg: SegmentBlock, ticks: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray]:
    """``sinc_at`` on the whole of ``seg`` as the head (no tail) with ``cache``."""
    from oefensense.pipeline.sinc_grid import sinc_at
    from oefensense.pipeline.synchroniser import SINC_BETA, SINC_CUTOFF_HZ

    acc = np.ascontiguousarray(seg.acc_g, np.float64)
    out, ok = np.empty((len(ticks), acc.shape[1])), np.empty(len(ticks), bool)
    sinc_at(seg.t_ns, seg.t_ns[:0], acc, acc[:0], seg.valid, seg.valid[:0], ticks, HALF_NS, int(0.25 * NS_PER_S),
            SINC_CUTOFF_HZ, SINC_BETA, *cache, out, ok)
    return out, ok


@pytest.mark.parametrize(("rate", "jitter", "reused"), [(50.0, 0, True), (40.0, 0, True), (200.0, 0, True),
                                                       (52.0, 0, False), (60.0, 0, False), (1500.0, 0, False),
                                                       (100.0, 0.2, False)])
def test_reused_weights_give_the_bits_of_weights_computed_afresh(rate: float, jitter: float, reused: bool) -> None:
    """The weight reuse (evenly spaced windows, to the ns: one pattern per phase at a steady rate
    whose interval is a whole number of ns) changes no bit: every tick alone with an empty cache
    gives what all ticks in one pass with the cache give. None is reused at 52 and 60 Hz (times
    rounded to the ns: intervals alternate by 1 ns), 1500 Hz (windows too long to keep) or with
    jittered times; their weights come from the table every time."""
    from oefensense.pipeline.sinc_grid import new_weight_cache

    seg = _stream(np.random.default_rng(int(rate)), rate, 4.0, 7_000_000, jitter)
    ticks = np.arange(0, 4 * NS_PER_S, NS_PER_S // 50, dtype=np.int64)
    cache = new_weight_cache()
    together, ok = _sinc_direct(seg, ticks, cache)
    assert ok.sum() > 150
    kept = (cache[0][:, 0] >= 0).sum()
    if reused:
        assert 0 < kept < ok.sum() / 3
    else:
        assert kept == 0
    alone = np.vstack([_sinc_direct(seg, ticks[i: i + 1], new_weight_cache())[0] for i in range(len(ticks))])
    np.testing.assert_array_equal(together, alone)


def test_the_exact_kernel_is_the_probes_formula_and_the_table_is_within_1e12_of_it() -> None:
    from scipy.special import i0

    from oefensense.pipeline.sinc_grid import TABLE_INTERVALS, build_table, kernel_exact
    from oefensense.pipeline.synchroniser import SINC_BETA, SINC_CUTOFF_HZ

    dt_ns = np.unique(np.r_[np.random.default_rng(5).integers(-HALF_NS + 1, HALF_NS, 20_000), 0, 1, HALF_NS - 1])
    dt = dt_ns / NS_PER_S
    exact = np.array([kernel_exact(d, SINC_CUTOFF_HZ, SINC_BETA, SINC_HALF_S) for d in dt])
    # the probe's candidate D weights (benchmarks.probe_rate_features._sinc_at), before normalising
    probe = np.sinc(2 * SINC_CUTOFF_HZ * dt) * i0(SINC_BETA * np.sqrt(1 - (dt / SINC_HALF_S) ** 2)) / i0(SINC_BETA)
    np.testing.assert_allclose(exact, probe, rtol=0, atol=1e-12)
    table = np.zeros((TABLE_INTERVALS + 1, 4))
    build_table(table, SINC_CUTOFF_HZ, SINC_BETA, HALF_NS)
    f = np.abs(dt_ns) * (TABLE_INTERVALS / HALF_NS)
    k = np.minimum(f.astype(np.int64), TABLE_INTERVALS - 1)
    fr = f - k
    piece = ((table[k, 3] * fr + table[k, 2]) * fr + table[k, 1]) * fr + table[k, 0]
    np.testing.assert_allclose(piece, exact, rtol=0, atol=1e-12)


def _full_range_stream(seed: int) -> tuple[SegmentBlock, np.ndarray]:
    """A random rate (26-210 Hz), phase and jitter (0-20 % of an interval), white ±16 g (the
    worst case for the table's error: every sample far from the window's mean); 50 Hz ticks."""
    rng = np.random.default_rng(1000 + seed)
    rate = float(rng.uniform(26.0, 210.0))
    seg = _stream(rng, rate, 8.0, int(rng.integers(0, NS_PER_S)), jitter=float(rng.choice([0.0, 0.05, 0.2])))
    seg = replace(seg, acc_g=rng.uniform(-16.0, 16.0, seg.acc_g.shape))
    t = seg.t_ns
    ticks = np.arange((t[0] // 20_000_000 + 1) * 20_000_000, t[-1], 20_000_000, dtype=np.int64)
    return seg, ticks


@pytest.mark.parametrize("seed", range(8))
def test_the_table_kernel_is_within_the_bound_for_full_range_signals(seed: int) -> None:
    from oefensense.pipeline.sinc_grid import new_weight_cache

    seg, ticks = _full_range_stream(seed)
    out, ok = _sinc_direct(seg, ticks, new_weight_cache())
    ref = reference_sinc(seg.t_ns, seg.acc_g, ticks)
    v = ok & np.isfinite(ref).all(1)
    # the reference's fixed tap count (from the median interval) misses jittered windows' outer
    # samples near the ends: it gives a few ticks fewer there
    assert v.sum() > 0.8 * len(ticks)
    np.testing.assert_allclose(out[v], ref[v], rtol=0, atol=BOUND_G)


def test_a_coarser_table_breaks_the_bound() -> None:
    """The bound test can fail: the same kernel from 256 pieces (16x longer, error ~65 000x)."""
    from oefensense.pipeline.sinc_grid import new_weight_cache

    seg, ticks = _full_range_stream(0)
    keys, cw, csw, _ = new_weight_cache()
    out, ok = _sinc_direct(seg, ticks, (keys, cw, csw, np.zeros((257, 4))))
    ref = reference_sinc(seg.t_ns, seg.acc_g, ticks)
    v = ok & np.isfinite(ref).all(1)
    assert np.abs(out[v] - ref[v]).max() > 10 * BOUND_G


def test_the_manifest_records_the_mode_and_reads_it_back() -> None:
    from oefensense.pipeline.pipeline import PipelineSettings
    from oefensense.pipeline.settings_io import SettingsError, settings_from_manifest, settings_to_manifest

    # always written (val-8): a manifest without the key is an old session's, read as "linear"
    assert settings_to_manifest(PipelineSettings(sync=SyncSettings(acc_interpolation="linear")))["sync"][
        "acc_interpolation"] == "linear"
    m = settings_to_manifest(PipelineSettings(sync=SINC))
    assert m["sync"]["acc_interpolation"] == "sinc"
    assert settings_from_manifest({"pipeline_settings": m}).sync == SINC
    m["sync"]["acc_interpolation"] = "cubic"
    with pytest.raises(SettingsError, match="sync.acc_interpolation"):
        settings_from_manifest({"pipeline_settings": m})
