"""Shared machinery: registry, per-family folders, recording playback, clocks and counters."""

import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.protocols import DecoderStats, families, get_family
from oefensense.protocols.common import DeviceClock, RecordingSource, SequenceTracker

ROOT = Path(__file__).resolve().parents[2] / "firmware_protocols"
NS = 1_000_000_000


def test_registry_order_and_unknown_id():
    assert list(families()) == ["polar", "metawear", "movesense", "witmotion", "thingy52", "dot", "oefensense"]
    with pytest.raises(KeyError, match="known: polar"):
        get_family("fitbit")


@pytest.mark.parametrize("fid", ["polar", "metawear", "movesense", "witmotion", "thingy52", "dot", "oefensense"])
def test_every_family_folder_has_spec_and_sourced_vectors(fid):
    assert "sources" in (ROOT / fid / "SPEC.md").read_text().lower()
    v = json.loads((ROOT / fid / "vectors.json").read_text())
    items = v.get("frames", []) + v.get("commands", []) + v.get("settings", [])
    assert items and all(i["source"] and i.get("kind") for i in items)
    assert (Path(__file__).parent / f"test_{fid}.py").exists()


def test_recording_playback_any_rate_loop_and_duplicates():
    t = np.array([0, 10, 10, 20, 30]) * 1_000_000  # 100 Hz with a duplicate stamp
    acc = np.array([[0, 0, 1], [1, 0, 1], [9, 9, 9], [2, 0, 1], [3, 0, 1.0]])
    src = RecordingSource(t, acc, None)
    a, g, m = src.at(np.array([0, 15_000_000, 40_000_000]), 100.0)
    assert np.allclose(a[:, 0], [0, 1.5, 0]) and g is None  # duplicate dropped; loops after 40 ms
    with pytest.raises(ValueError):
        RecordingSource(np.array([5, 5]), np.zeros((2, 3)), None)


def test_downsampling_is_anti_aliased():
    rate = 200.0
    t = np.arange(2000) / rate
    acc = np.stack([np.sin(2 * np.pi * 50 * t), 0 * t, 0 * t + 1], 1)  # 50 Hz tone
    src = RecordingSource((t * NS).astype(np.int64), acc, None)
    a, _, _ = src.at(np.arange(100, 400) * (NS / 25), 25.0)  # a 25 Hz device
    assert np.abs(a[:, 0]).max() < 0.2  # a plain resampler would alias it at full amplitude


def test_device_clock_wrap_gap_reset():
    st = DecoderStats()
    c = DeviceClock(16, 1_000_000, 100.0, st)  # a u16 ms clock wraps every 65.5 s
    raws = [65500, 65510, 65520, 65530, 4, 14, 54, 64, 3]
    out = [t for r in raws for t, _, _ in c.push(r, 1)]
    assert len(out) == 8  # the last one broke the stream and waits for the next packet
    out += [t for t, _, _ in c.flush()]
    assert (st.sequence_gaps, st.missing_samples, st.clock_resets) == (1, 3, 1)
    assert np.all(np.diff(np.concatenate(out[:8])) > 0)


def test_device_clock_refuses_a_corrupt_timestamp_one_packet_late():
    """A flipped bit in one packet's time: held, then dropped when the next packet continues
    the old stream; no gap, no reset, no billions of missing samples."""
    st = DecoderStats()
    c = DeviceClock(32, 1_000, 100.0, st)  # u32 µs, 100 Hz, 4 samples a packet
    raws = [k * 40_000 for k in range(6)]
    raws[3] ^= 1 << 30  # 1073 s ahead
    got = [(t, item) for k, r in enumerate(raws) for t, item, _ in c.push(r, 4, k)]
    assert [item for _, item in got] == [0, 1, 2, 4, 5]
    (rej,) = c.pop_rejected()
    assert rej.item == 3 and rej.n == 4
    assert (st.sequence_gaps, st.missing_samples, st.clock_resets) == (0, 0, 0)
    assert got[3][0][0] == 160_000_000  # the packet after the corrupt one keeps its own time


def test_sequence_tracker_wrap_duplicate_restart():
    st = DecoderStats()
    s = SequenceTracker(16, st)
    states = [s.check(x) for x in (65534, 65535, 0, 1, 1, 4, 0)]
    assert states == ["first", "ok", "ok", "ok", "duplicate", "gap", "reset"]
    assert st.sequence_gaps == 1 and st.clock_resets == 1
