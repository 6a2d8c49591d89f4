"""Synchroniser: grid, interpolation, gaps as missing data, a lagging sensor, chunk invariance."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pytest

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
    sync = Synchroniser(SyncSettings(acc_interpolation="linear", rate_hz=50))
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
    sync = Synchroniser(SyncSettings(acc_interpolation="linear", rate_hz=50, max_gap_s=0.25))
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
    sync = Synchroniser(SyncSettings(acc_interpolation="linear", rate_hz=50, max_lag_s=2.0))
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


@pytest.mark.parametrize("first", ["p1", "t1"])
def test_the_first_frame_waits_for_a_sensor_whose_chain_is_still_aligning(first: str) -> None:
    """Each chain releases its first ~20 s (the alignment window) in one block. The sensor listed
    first reached the synchroniser 20 s ahead of the other, which the max_lag rule then marked
    invalid for its first ~17 s and whose samples came too late: data lost, and which sensor lost
    it depended on the listing order. A sensor being fed is now waited for before the first frame."""
    sync = Synchroniser(SyncSettings(acc_interpolation="linear", rate_hz=50, max_lag_s=3.0))
    trunk = SensorInfo("t1", Placement.TRUNK, nominal_rate_hz=100.0)
    sync.add_sensor(INFO)
    sync.add_sensor(trunk)
    t = np.arange(0, 20, 0.01)
    segs = {"p1": segment("p1", Placement.PELVIS, t, np.zeros(len(t))), "t1": segment("t1", Placement.TRUNK, t, np.zeros(len(t)))}
    second = "t1" if first == "p1" else "p1"
    for sid in ("p1", "t1"):
        sync.note_input(sid, int(t[-1] * NS_PER_S))  # both chains were fed their first 20 s
    assert sync.push(segs[first]) == []  # waits for the other chain
    f = concat_frames(sync.push(segs[second]) + sync.finish())
    assert f["t_ns"][0] == 0 and f["trunk_valid"].all() and f["pelvis_valid"].all()


def test_a_sensor_no_longer_fed_is_waited_for_no_longer() -> None:
    """Bounded wait: a sensor that sent its first samples and died is absent once the leader is
    max_lag past what it was fed."""
    sync = Synchroniser(SyncSettings(acc_interpolation="linear", rate_hz=50, max_lag_s=2.0))
    sync.add_sensor(INFO)
    sync.add_sensor(SensorInfo("t1", Placement.TRUNK, nominal_rate_hz=100.0))
    sync.note_input("t1", int(1.0 * NS_PER_S))  # fed 1 s, then nothing; its chain never output
    t = np.arange(0, 10, 0.01)
    f = concat_frames(sync.push(segment("p1", Placement.PELVIS, t, np.zeros(len(t)))))
    assert f["t_ns"][-1] / NS_PER_S >= 7.9 and f["pelvis_valid"].all() and not f["trunk_valid"].any()


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


def test_compiled_mod360_is_the_modulo_operator_bit_for_bit() -> None:
    """The heading interpolation's ``x % 360.0`` without its fmod call: the same bits for every
    value, at the edges (±0, ±360, just inside, subnormals, inf, NaN) and far out."""
    from numba import njit

    from oefensense.pipeline.synchroniser import _mod360

    @njit
    def both(xs, a, b):  # noqa: ANN001, ANN202
        for i in range(len(xs)):
            a[i] = xs[i] % 360.0
            b[i] = _mod360(xs[i])

    rng = np.random.default_rng(0)
    edges = [0.0, -0.0, 360.0, -360.0, 720.0, -720.0, 180.0, -180.0, 540.0, 1e-320, -1e-320, -5e-324,
             np.nextafter(360.0, 0), np.nextafter(-360.0, 0), np.nextafter(360.0, 1e9), -1e-17, np.inf, -np.inf, np.nan]
    xs = np.concatenate([rng.uniform(-1000, 1000, 100_000), rng.uniform(-1e-12, 1e-12, 1000), rng.normal(0, 1e10, 1000),
                         np.array(edges)])
    a, b = np.empty_like(xs), np.empty_like(xs)
    both(xs, a, b)
    np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64))
    assert [float(x) % 360.0 for x in xs[:1000]] == a[:1000].tolist()


@pytest.mark.parametrize("seed", range(4))
def test_compiled_grid_index_is_numpys(seed: int) -> None:
    """``_grid_index`` gives the numpy expressions' i0, ok and frac (bits) for jittered, gapped,
    repeated-edge sample times and ascending or unordered ticks, the times split anywhere into
    the buffer's head and tail."""
    from oefensense.pipeline.synchroniser import _grid_index

    rng = np.random.default_rng(seed)
    t = np.cumsum(rng.integers(1, 12_000_000, 5000)).astype(np.int64)
    t[2000:] += 2_000_000_000  # a gap
    ticks = np.arange(t[0] - 50_000_000, t[-1] + 50_000_000, 20_000_000, dtype=np.int64)
    for tk in (ticks, rng.permutation(ticks), np.array([t[0], t[-1], t[10], t[10] + 1], np.int64)):
        max_gap = 250_000_000
        i0_ref = np.clip(np.searchsorted(t, tk, side="right") - 1, 0, len(t) - 2)
        t0, t1 = t[i0_ref], t[i0_ref + 1]
        ok_ref = (tk >= t0) & (tk <= t1) & ((t1 - t0) <= max_gap)
        frac_ref = np.where(ok_ref, (tk - t0) / np.maximum(t1 - t0, 1), 0.0)
        for split in (len(t), 1, 1999, 2000, 2001, len(t) - 1):  # the times as head and tail
            i0, frac, ok = np.empty(len(tk), np.intp), np.empty(len(tk)), np.empty(len(tk), np.bool_)
            _grid_index(t[:split], t[split:], tk, max_gap, i0, frac, ok)
            np.testing.assert_array_equal(i0, i0_ref)
            np.testing.assert_array_equal(ok, ok_ref)
            np.testing.assert_array_equal(frac.view(np.int64), frac_ref.view(np.int64))


def _random_stream(seed: int) -> list[SegmentBlock]:
    """Three sensors' blocks in an interleaving a file source or a live feed gives: jittered
    rates, holes longer than ``max_gap_s``, re-sent (duplicate) samples, a sensor whose blocks
    turn provisional and back, one without a gyroscope, the raw acceleration on two."""
    rng = np.random.default_rng(seed)
    places = ((Placement.TRUNK, 52.0, True, True), (Placement.PELVIS, 100.0, True, False),
              (Placement.THIGH, 25.0, False, True))
    t_next = {p: rng.uniform(0.0, 0.3) for p, *_ in places}
    out: list[SegmentBlock] = []
    for _ in range(int(rng.integers(40, 70))):
        behind = min(range(3), key=lambda i: t_next[places[i][0]])  # mostly the sensor furthest behind
        p, rate, gyro, raw = places[behind if rng.random() < 0.8 else int(rng.integers(0, 3))]
        n = int(rate * rng.uniform(0.02, 2.0)) + 1
        dt = np.full(n, 1.0 / rate) * rng.uniform(0.97, 1.03, n)
        if rng.random() < 0.15:
            dt[int(rng.integers(0, n))] += rng.uniform(0.2, 2.0)  # a hole, sometimes under max_gap_s
        t_s = t_next[p] + np.cumsum(dt)
        t_next[p] = float(t_s[-1])
        if rng.random() < 0.1:  # re-sent samples first
            t_s = np.concatenate([t_s[:1] - np.arange(3, 0, -1) / rate, t_s])
            n = len(t_s)
        seg = segment(p.value, p, t_s, rng.normal(20.0, 30.0, n))
        seg = replace(seg, heading_deg=rng.uniform(-180.0, 180.0, n), valid=rng.random(n) > 0.05,
                      gyr_dps=rng.normal(0.0, 50.0, (n, 3)) if gyro else None,
                      acc_sensor_g=rng.normal(0.0, 1.0, (n, 3)) if raw else None,
                      provisional=(rng.random(n) < 0.5) if p == Placement.TRUNK and rng.random() < 0.5 else None)
        out.append(seg)
    return out


def _run_stream(blocks: list[SegmentBlock], monkeypatch: pytest.MonkeyPatch | None) -> list[BodyFrame]:
    from oefensense.pipeline import synchroniser as sync

    if monkeypatch is not None:  # every block joined to the head at once: the concatenating path
        original = sync._SensorBuffer.append

        def joined(self, seg):  # noqa: ANN001, ANN202
            original(self, seg)
            self.settle()
        monkeypatch.setattr(sync._SensorBuffer, "append", joined)
    s = Synchroniser(SyncSettings(acc_interpolation="linear", max_lag_s=1.5))
    for p in (Placement.TRUNK, Placement.PELVIS, Placement.THIGH):
        s.add_sensor(SensorInfo(p.value, p, nominal_rate_hz=50.0, has_gyro=p != Placement.THIGH))
    frames: list[BodyFrame] = []
    for seg in blocks:
        frames += s.push(seg)
        for b in s._sensors.values():  # nothing of the producer's arrays is kept past a push
            assert b.tail_t is None and not b.borrowed
            theirs = [getattr(seg, f.name) for f in fields(seg)]
            assert not any(np.shares_memory(mine, v) for mine in (b.t, *b.cols.values())
                           for v in theirs if isinstance(v, np.ndarray))
    return frames + s.finish()


@pytest.mark.parametrize("seed", range(6))
def test_reading_the_block_where_it_lies_is_the_concatenating_path(seed: int) -> None:
    """The tail (the appended block read in place, no copy into the buffer) gives every frame's
    every channel bit for bit as joining each block to the buffer first (the path before)."""
    blocks = _random_stream(seed)
    fast = _run_stream(blocks, None)
    with pytest.MonkeyPatch.context() as mp:
        ref = _run_stream(blocks, mp)
    assert len(fast) == len(ref) > 3
    for p in ("trunk", "pelvis", "thigh"):  # every sensor's samples reach the grid
        assert sum(int(f.channels[f"{p}_valid"].sum()) for f in ref) > 200, p
    for f, r in zip(fast, ref):
        np.testing.assert_array_equal(f.t_ns, r.t_ns)
        assert list(f.channels) == list(r.channels)
        for k, v in r.channels.items():
            assert f.channels[k].dtype == v.dtype, k
            a, b = np.ascontiguousarray(f.channels[k]), np.ascontiguousarray(v)
            np.testing.assert_array_equal(a.view(np.uint8), b.view(np.uint8), err_msg=k)


def _old_flags(vh: np.ndarray, vt: np.ndarray, i0: np.ndarray, ok: np.ndarray, valid: bool) -> np.ndarray:
    """``sample_at``'s numpy expressions for a boolean column before ``_flags_at`` (the reference)."""
    v = np.concatenate([vh, vt])
    a, b = v[i0], v[np.minimum(i0 + 1, len(v) - 1)]
    return ok & a & b if valid else a | b


def _old_new(t: np.ndarray, i0: np.ndarray, frac: np.ndarray, ok: np.ndarray, nearest: int | None):
    """``_new_samples``' numpy expressions before ``_new_at`` (the reference): the flags and the
    ``nearest_t`` they leave."""
    idx = np.where(frac < 0.5, i0, np.minimum(i0 + 1, len(t) - 1))
    near = t[idx]
    before = np.empty_like(near)
    before[0] = -1 if nearest is None else nearest
    before[1:] = near[:-1]
    new = ok & (near != before)
    return new, (int(near[np.flatnonzero(ok)[-1]]) if ok.any() else nearest)


@pytest.mark.parametrize("seed", range(4))
def test_compiled_flags_and_new_samples_are_the_numpy_expressions(seed: int) -> None:
    """``_flags_at`` (valid, provisional) and ``_new_at`` (acc_sensor_new) give the numpy
    expressions they replace, for jittered and gapped times with repeated and slower-than-grid
    samples, the times split anywhere into head and tail, ascending and unordered ticks, one
    sample only, and no tick ok."""
    from oefensense.pipeline.synchroniser import _flags_at, _grid_index, _new_at

    rng = np.random.default_rng(seed)
    t = np.cumsum(rng.integers(1, 60_000_000, 3000)).astype(np.int64)  # down to ~17 Hz: samples repeat on a 50 Hz grid
    t[1000:] += 1_000_000_000  # a gap
    start = t[1999] + 20_000_000
    start += (t[0] - 40_000_000 - start) % 20_000_000  # midway between two ticks (below)
    t[2000:2400] = start + 20_000_000 * np.arange(400)
    t[2400:] += t[2399] - t[2400] + 30_000_000  # a 50 Hz stretch half a step off the grid: frac 0.5 exactly
    flags = rng.random(len(t)) < 0.7
    ticks = np.arange(t[0] - 50_000_000, t[-1] + 50_000_000, 20_000_000, dtype=np.int64)
    for tk in (ticks, rng.permutation(ticks)[:500], np.array([t[0], t[-1], t[10], t[10] + 1], np.int64)):
        i0, frac, ok = np.empty(len(tk), np.intp), np.empty(len(tk)), np.empty(len(tk), np.bool_)
        _grid_index(t[:7], t[7:], tk, 250_000_000, i0, frac, ok)
        assert 0 < ok.sum() < len(tk) or len(tk) == 4
        assert len(tk) < 1000 or (frac == 0.5).sum() > 100
        for oks in (ok, np.zeros_like(ok)):
            for split in (len(t), 1, 999, 1000, 1001, len(t) - 1, 0):
                for valid in (True, False):
                    out = np.empty(len(tk), np.bool_)
                    _flags_at(flags[:split], flags[split:], i0, oks, valid, out)
                    np.testing.assert_array_equal(out, _old_flags(flags[:split], flags[split:], i0, oks, valid))
                for nearest in (None, int(t[5]), int(t[0])):
                    new = np.empty(len(tk), np.bool_)
                    found, latest = _new_at(t[:split], t[split:], i0, frac, oks, -1 if nearest is None else nearest, new)
                    ref, ref_nearest = _old_new(t, i0, frac, oks, nearest)
                    np.testing.assert_array_equal(new, ref)
                    assert (int(latest) if found else nearest) == ref_nearest
    one = np.zeros(3, np.intp)  # a buffer of one sample (no interval: no tick ok)
    for v in (True, False):
        out = np.empty(3, np.bool_)
        _flags_at(flags[:1], flags[1:1], one, np.zeros(3, np.bool_), v, out)
        np.testing.assert_array_equal(out, _old_flags(flags[:1], flags[1:1], one, np.zeros(3, np.bool_), v))


def _old_sample_at_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """The synchroniser as before ``_flags_at`` / ``_new_at`` / the lazy stand-ins: every boolean
    column and ``acc_sensor_new`` through numpy (the kernels replaced by the old expressions)."""
    from oefensense.pipeline import synchroniser as sync

    def flags(vh, vt, i0, ok, valid, out):  # noqa: ANN001, ANN202
        out[:] = _old_flags(vh, vt, i0, ok, valid)

    def new_at(th, tt, i0, frac, ok, before0, out):  # noqa: ANN001, ANN202
        new, nearest = _old_new(np.concatenate([th, tt]), i0, frac, ok, None if before0 == -1 else before0)
        out[:] = new
        return ok.any(), nearest
    monkeypatch.setattr(sync, "_flags_at", flags)
    monkeypatch.setattr(sync, "_new_at", new_at)


@pytest.mark.parametrize("seed", range(4))
def test_compiled_boolean_columns_give_the_frames_of_numpy(seed: int) -> None:
    """Whole streams (three sensors, holes, re-sent samples, provisional blocks, raw acceleration
    at 25-100 Hz on the 50 Hz grid): every frame's every channel bit for bit with the boolean
    columns and ``acc_sensor_new`` made by the numpy expressions."""
    blocks = _random_stream(seed)
    fast = _run_stream(blocks, None)
    with pytest.MonkeyPatch.context() as mp:
        _old_sample_at_paths(mp)
        ref = _run_stream(blocks, None)
    assert len(fast) == len(ref) > 3
    assert sum(int(f.channels["thigh_acc_sensor_new"].sum()) for f in ref if "thigh_acc_sensor_new" in f.channels) > 100
    assert any(f.channels["trunk_provisional"].any() for f in ref if "trunk_provisional" in f.channels)
    for f, r in zip(fast, ref):
        np.testing.assert_array_equal(f.t_ns, r.t_ns)
        assert list(f.channels) == list(r.channels)
        for k, v in r.channels.items():
            assert f.channels[k].dtype == v.dtype, k
            np.testing.assert_array_equal(np.ascontiguousarray(f.channels[k]).view(np.uint8),
                                          np.ascontiguousarray(v).view(np.uint8), err_msg=k)


def test_a_sensor_without_samples_yet_has_nan_and_invalid_channels() -> None:
    """Ticks emitted while one sensor has given nothing (it lags by more than ``max_lag_s``):
    its channels are NaN and invalid there, never zeros."""
    s = Synchroniser(SyncSettings(max_lag_s=1.0))
    s.add_sensor(SensorInfo("t", Placement.TRUNK, nominal_rate_hz=100.0))
    s.add_sensor(SensorInfo("p", Placement.PELVIS, nominal_rate_hz=100.0))
    t = np.arange(0.0, 5.0, 0.01)
    frames = s.push(segment("t", Placement.TRUNK, t, np.full(len(t), 10.0)))
    assert frames and sum(len(f) for f in frames) > 100
    for f in frames:
        assert f.channels["trunk_valid"].any() and not f.channels["pelvis_valid"].any()
        for k in ("pelvis_acc_g", "pelvis_gyr_dps", "pelvis_flexion_deg", "pelvis_lateral_deg",
                  "pelvis_inclination_deg", "pelvis_heading_deg"):
            assert np.isnan(f.channels[k]).all(), k
