"""Synchroniser ``acc_interpolation="sinc"`` on the orientation chain's real output: the chain's
start-up (and any other reason of ``valid`` that leaves the acceleration right) does not blank the
sinc acceleration, and the tick's ``valid`` is the linear one; a sample whose acceleration itself
is unusable (non-finite, saturated) still blanks every tick whose window holds it.

Before the fix, sinc mode read ``valid`` per sample: each file stream's first ~2.2 s (the chain's
start-up ramp plus half a window) had NaN acceleration (SisFall chair F1 0.8976 -> 0.7401)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from oefensense.core.frames import SegmentBlock
from oefensense.core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from oefensense.orientation.alignment import Alignment
from oefensense.orientation.chain import SensorChain
from oefensense.pipeline.synchroniser import SINC_HALF_S, Synchroniser, SyncSettings, _acc_usable

from tests.test_synchroniser import concat_frames

HALF_NS = int(SINC_HALF_S * NS_PER_S)
RATE = 52.0  # a rate off the 50 Hz grid: the case the sinc is for
INFO = SensorInfo("p1", Placement.PELVIS, nominal_rate_hz=RATE, acc_range_g=8.0, gyr_range_dps=2000.0, has_gyro=True)


def _samples(seconds: float = 12.0, t0_ns: int = 3_000_000) -> SampleBlock:
    """A worn pelvis sensor: gravity + a 1.5 Hz sway + noise, gyro noise (deg/s)."""
    rng = np.random.default_rng(11)
    n = int(seconds * RATE)
    t = t0_ns + np.round(np.arange(n) * (NS_PER_S / RATE)).astype(np.int64)
    ts = (t - t0_ns) / NS_PER_S
    acc = np.column_stack([0.15 * np.sin(2 * np.pi * 1.5 * ts), np.zeros(n), np.ones(n)])
    acc += 0.01 * rng.standard_normal((n, 3))
    gyr = 0.5 * rng.standard_normal((n, 3))
    return SampleBlock("p1", t, acc, gyr)


def _segment(block: SampleBlock) -> SegmentBlock:
    """The real chain (a given alignment, as a file stream's look-ahead seeds it: the filter
    starts cold and flags its start-up ramp), fed in 0.5 s packets."""
    chain = SensorChain(INFO, alignment=Alignment(tuple(tuple(r) for r in np.eye(3))))
    step = int(0.5 * RATE)
    parts = [chain.process(block.slice(i, min(i + step, len(block)))) for i in range(0, len(block), step)]
    parts = [p for p in parts if p is not None and len(p)]
    return SegmentBlock(
        "p1", Placement.PELVIS, np.concatenate([p.t_ns for p in parts]), np.concatenate([p.acc_g for p in parts]),
        np.concatenate([p.gyr_dps for p in parts]), *(np.concatenate([getattr(p, k) for p in parts]) for k in (
            "flexion_deg", "lateral_deg", "inclination_deg", "heading_deg", "valid")),
        acc_sensor_g=np.concatenate([p.acc_sensor_g for p in parts]), acc_limit_g=parts[0].acc_limit_g)


def _sync(seg: SegmentBlock, mode: str) -> dict[str, np.ndarray]:
    sync = Synchroniser(SyncSettings(acc_interpolation=mode))
    sync.add_sensor(INFO)
    step = int(0.5 * RATE)
    frames = []
    for i in range(0, len(seg), step):
        j = min(i + step, len(seg))
        frames += sync.push(SegmentBlock(
            "p1", Placement.PELVIS, seg.t_ns[i:j], seg.acc_g[i:j], seg.gyr_dps[i:j], seg.flexion_deg[i:j],
            seg.lateral_deg[i:j], seg.inclination_deg[i:j], seg.heading_deg[i:j], seg.valid[i:j],
            acc_sensor_g=seg.acc_sensor_g[i:j], acc_limit_g=seg.acc_limit_g))
    frames += sync.finish()
    return concat_frames(frames)


def _covered(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Ticks whose sinc window lies inside the stream (samples at or beyond both edges)."""
    return (x - HALF_NS >= t[0]) & (x + HALF_NS <= t[-1])


def test_the_chain_start_up_keeps_its_sinc_acceleration_and_the_linear_valid() -> None:
    seg = _segment(_samples())
    start_up = ~seg.valid
    # the fact the fix rests on: the chain flags its start-up (~2 s) though the acceleration is right
    assert start_up[: int(1.5 * RATE)].all() and not start_up[int(2.5 * RATE):].any()
    assert np.isfinite(seg.acc_g).all() and _acc_usable(seg).all() and seg.acc_limit_g == 0.98 * 8.0
    lin, sinc = _sync(seg, "linear"), _sync(seg, "sinc")
    assert lin["t_ns"][0] == sinc["t_ns"][0]
    n = min(len(lin["t_ns"]), len(sinc["t_ns"]))
    x = sinc["t_ns"][:n]
    cov = _covered(x, seg.t_ns)
    np.testing.assert_array_equal(sinc["pelvis_valid"][:n][cov], lin["pelvis_valid"][:n][cov])
    assert not sinc["pelvis_valid"][:n][~cov].any()
    # the start-up ticks inside a covered window: invalid, as in linear, with a finite acceleration
    st = cov & ~lin["pelvis_valid"][:n]
    assert st.sum() >= int(1.5 * 50)
    assert np.isfinite(sinc["pelvis_acc_g"][:n][st]).all()
    assert np.isfinite(sinc["pelvis_acc_g"][:n][cov]).all()
    assert np.isnan(sinc["pelvis_acc_g"][:n][~cov]).all()
    # and it is the sinc's (close to the linear one on this smooth signal, not the same bits)
    np.testing.assert_allclose(sinc["pelvis_acc_g"][:n][st], lin["pelvis_acc_g"][:n][st], atol=0.05)


def _blanked_window(bad_sample: int, block: SampleBlock, out: dict[str, np.ndarray]) -> np.ndarray:
    """The ticks whose window holds sample ``bad_sample`` (20 on the 50 Hz grid)."""
    x = out["t_ns"]
    near = np.abs(x - block.t_ns[bad_sample]) < HALF_NS
    assert near.sum() == 20
    return near


def test_a_saturated_sample_still_blanks_its_window() -> None:
    block = _samples()
    k = int(6 * RATE)  # after the start-up
    acc = block.acc_g.copy()
    acc[k, 2] = 8.0  # at the 8 g range: clipped, the acceleration itself is wrong
    block = SampleBlock("p1", block.t_ns, acc, block.gyr_dps)
    seg = _segment(block)
    ok = _acc_usable(seg)
    assert not seg.valid[k] and not ok[k] and ok[k - 1] and ok[k + 1]
    out = _sync(seg, "sinc")
    near = _blanked_window(k, block, out)
    assert not out["pelvis_valid"][near].any() and np.isnan(out["pelvis_acc_g"][near]).all()
    after = (out["t_ns"] > block.t_ns[k] + HALF_NS) & (out["t_ns"] < block.t_ns[-1] - HALF_NS)
    assert out["pelvis_valid"][after].all() and np.isfinite(out["pelvis_acc_g"][after]).all()


def test_a_non_finite_sample_still_blanks_its_window() -> None:
    block = _samples()
    k = int(7 * RATE)
    acc = block.acc_g.copy()
    acc[k, 0] = np.nan
    block = SampleBlock("p1", block.t_ns, acc, block.gyr_dps)
    seg = _segment(block)
    assert not seg.valid[k] and not _acc_usable(seg)[k]
    out = _sync(seg, "sinc")
    near = _blanked_window(k, block, out)
    assert not out["pelvis_valid"][near].any() and np.isnan(out["pelvis_acc_g"][near]).all()


def test_a_block_without_a_saturation_limit_falls_back_to_valid() -> None:
    """A producer that does not say why a sample is invalid: its window is blanked (more, never less)."""
    seg = _segment(_samples())
    out = _sync(replace(seg, acc_limit_g=None), "sinc")
    x = out["t_ns"]
    first_valid = seg.t_ns[np.flatnonzero(seg.valid)[0]]
    assert np.isnan(out["pelvis_acc_g"][x < first_valid + HALF_NS - 20_000_000]).all()
