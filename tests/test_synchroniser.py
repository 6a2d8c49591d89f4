"""Synchroniser: grid, interpolation, gaps as missing data, a lagging sensor, chunk invariance."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from oefensense.core.frames import BodyFrame, SegmentBlock
from oefensense.core.types import NS_PER_S, Placement, SensorInfo
from oefensense.pipeline.synchroniser import Synchroniser, SyncSettings

from tests.contracts import StepContract


def segment(sensor_id: str, placement: Placement, t_s: np.ndarray, flexion: np.ndarray) -> SegmentBlock:
    n = len(t_s)
    acc = np.column_stack([np.sin(np.radians(flexion)), np.zeros(n), np.cos(np.radians(flexion))])
    return SegmentBlock(
        sensor_id, placement, (t_s * NS_PER_S).astype(np.int64), acc, np.zeros((n, 3)), flexion.astype(float),
        np.zeros(n), np.abs(flexion).astype(float), np.full(n, 170.0) + t_s, np.ones(n, bool),
    )


def slice_seg(s: SegmentBlock, a: int, b: int) -> SegmentBlock:
    return replace(s, **{f: getattr(s, f)[a:b] for f in ("t_ns", "acc_g", "gyr_dps", "flexion_deg", "lateral_deg",
                                                          "inclination_deg", "heading_deg", "valid")})


def concat_frames(frames: list[BodyFrame]) -> dict[str, np.ndarray]:
    frames = [f for f in frames if len(f)]
    out = {"t_ns": np.concatenate([f.t_ns for f in frames])}
    for k in frames[0].channels:
        out[k] = np.concatenate([f[k] for f in frames])
    return out


INFO = SensorInfo("p1", Placement.PELVIS, nominal_rate_hz=100.0)


class SyncStep:
    """Adapter so the synchroniser (push/finish) meets the StepContract (process/finish/reset)."""

    def __init__(self) -> None:
        self.settings = SyncSettings()
        self.sync = Synchroniser(self.settings)
        self.sync.add_sensor(INFO)

    def process(self, seg: SegmentBlock) -> list[BodyFrame]:
        return self.sync.push(seg)

    def finish(self) -> list[BodyFrame]:
        return self.sync.finish()

    def reset(self) -> None:
        self.sync.reset()


class TestSynchroniserContract(StepContract):
    def make_step(self) -> SyncStep:
        return SyncStep()

    def stream(self) -> list[SegmentBlock]:
        t = np.arange(0.003, 20, 0.01)
        return [segment("p1", Placement.PELVIS, t, 30 * np.sin(t))]

    def rechunk(self, blocks: list[SegmentBlock]) -> list[SegmentBlock]:
        s = blocks[0]
        cuts = [0, 1, 7, 250, 251, 1333, len(s)]
        return [slice_seg(s, a, b) for a, b in zip(cuts[:-1], cuts[1:])]

    def flatten(self, outputs: list[list[BodyFrame]]) -> dict[str, np.ndarray]:
        return concat_frames([f for frames in outputs for f in frames])


def test_grid_and_linear_interpolation() -> None:
    sync = Synchroniser(SyncSettings(rate_hz=50))
    sync.add_sensor(INFO)
    t = np.arange(0.005, 2.0, 0.01)
    frames = sync.push(segment("p1", Placement.PELVIS, t, 10 * t)) + sync.finish()
    f = concat_frames(frames)
    assert np.all(f["t_ns"] % (NS_PER_S // 50) == 0)
    assert f["t_ns"][0] == 20_000_000  # first tick after the first sample
    np.testing.assert_allclose(f["pelvis_flexion_deg"], 10 * f["t_ns"] / NS_PER_S, atol=1e-9)
    np.testing.assert_allclose(f["pelvis_tilt_deg"], f["pelvis_flexion_deg"])
    assert f["valid"].all()


def test_gap_is_missing_not_stillness() -> None:
    sync = Synchroniser(SyncSettings(rate_hz=50, max_gap_s=0.25))
    sync.add_sensor(INFO)
    t = np.concatenate([np.arange(0, 5, 0.01), np.arange(7, 10, 0.01)])
    f = concat_frames(sync.push(segment("p1", Placement.PELVIS, t, np.full(len(t), 5.0))) + sync.finish())
    ts = f["t_ns"] / NS_PER_S
    in_gap = (ts > 5.0) & (ts < 7.0)
    assert in_gap.sum() >= 95
    assert not f["valid"][in_gap].any()
    assert np.isnan(f["pelvis_flexion_deg"][in_gap]).all()
    assert f["valid"][~in_gap & (ts < 4.9)].all()


def test_lagging_sensor_does_not_block_the_other_and_is_marked_missing() -> None:
    sync = Synchroniser(SyncSettings(rate_hz=50, max_lag_s=2.0))
    sync.add_sensor(INFO)
    sync.add_sensor(SensorInfo("t1", Placement.TRUNK, nominal_rate_hz=100.0))
    t = np.arange(0, 10, 0.01)
    frames = sync.push(segment("p1", Placement.PELVIS, t, np.zeros(len(t))))
    sync.push(segment("t1", Placement.TRUNK, t[:100], np.zeros(100)))  # trunk stops after 1 s
    f = concat_frames(frames + sync.push(None))
    ts = f["t_ns"] / NS_PER_S
    assert ts[-1] >= 7.9  # pelvis went on, up to leader - max_lag
    late = ts > 1.1
    assert not f["trunk_valid"][late].any() and f["pelvis_valid"][late].all()
    assert "trunk_twist_deg" in f


def test_two_sensors_interleaved_chunks_give_same_frames() -> None:
    def run(chunk: int) -> dict[str, np.ndarray]:
        sync = Synchroniser()
        sync.add_sensor(INFO)
        sync.add_sensor(SensorInfo("t1", Placement.TRUNK))
        t1 = np.arange(0.001, 30, 0.01)
        t2 = np.arange(0.004, 30, 0.005)
        a = segment("p1", Placement.PELVIS, t1, 20 * np.sin(t1))
        b = segment("t1", Placement.TRUNK, t2, 40 * np.sin(t2))
        frames = []
        for i in range(0, len(t1), chunk):
            frames += sync.push(slice_seg(a, i, i + chunk))
            frames += sync.push(slice_seg(b, 2 * i, 2 * i + 2 * chunk))
        return concat_frames(frames + sync.finish())

    # Invariant for any chunking in which no sensor runs ahead of another by more than max_lag_s.
    x, y = run(50), run(133)
    for k in x:
        np.testing.assert_array_equal(x[k], y[k], err_msg=k)
    np.testing.assert_allclose(x["trunk_flexion_deg"], 40 * np.sin(x["t_ns"] / NS_PER_S), atol=0.01)
