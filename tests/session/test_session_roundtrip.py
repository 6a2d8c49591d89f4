"""Round trip through real files: what is written is what is read, live and after compaction."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.types import Event, Placement, RawPacket, SampleBlock, SensorInfo
from oefensense.session import SessionError, SessionReader, SessionWriter, file_sha256

TRUNK = SensorInfo("trunk", Placement.TRUNK, "simulated", 100.0, firmware="1.2")
THIGH = SensorInfo("thigh", Placement.THIGH, "polar", 52.0, has_gyro=False, has_mag=False)


def _block(
    sid: str, t0: int, n: int, rate: float, rng: np.random.Generator, gyro: bool = True, mag: bool = False
) -> SampleBlock:
    t = t0 + (np.arange(n) * (1e9 / rate)).astype(np.int64)
    return SampleBlock(
        sid,
        t,
        rng.normal(size=(n, 3)),
        rng.normal(size=(n, 3)) if gyro else None,
        rng.normal(size=(n, 3)) if mag else None,
    )


def _record(path, compact: bool):
    rng = np.random.default_rng(1)
    w = SessionWriter(path, meta={"patient": "P001"}, flush_interval_s=0.05)
    w.add_sensor(TRUNK)
    blocks, packets = [], []
    for i in range(5):
        b = _block("trunk", i * 500_000_000, 50, 100.0, rng, mag=True)
        w.write_samples(b)
        blocks.append(b)
        pk = [
            RawPacket("trunk", i * 500_000_000 + k, "fb005c81", bytes(rng.integers(0, 256, 20, dtype=np.uint8)))
            for k in range(7)
        ]
        w.write_packets(pk)
        packets.extend(pk)
        if i == 2:
            w.add_sensor(THIGH)  # a sensor joins late
            w.flush()
    thigh = _block("thigh", 1_000_000_000, 40, 52.0, rng, gyro=False)
    w.write_samples(thigh)
    events = [
        Event("marker", 10, 10, {"note": "start lifting"}),
        Event("gap", 100, 200, {"reason": "link"}, sensor_id="thigh"),
    ]
    w.write_events(events)
    w.update_manifest(
        calibration={"trunk": {"gyr_bias_dps": [0.1, 0.2, 0.3]}},
        pipeline={"grid_hz": 50},
        model_hashes={"posture.onnx": file_sha256(__file__)},
    )
    w.close(compact=compact)
    return blocks, packets, thigh, events


@pytest.mark.parametrize("compact", [False, True])
def test_round_trip(tmp_path, compact):
    path = tmp_path / "s1"
    blocks, packets, thigh, events = _record(path, compact)
    r = SessionReader(path)
    assert r.closed and not r.recovered and r.warnings == []
    assert r.compacted is compact
    assert r.manifest["patient"] == "P001"
    assert r.manifest["calibration"]["trunk"]["gyr_bias_dps"] == [0.1, 0.2, 0.3]
    assert r.manifest["versions"]["pyarrow"]
    assert (
        r.manifest["model_hashes"]["posture.onnx"]
        == "sha256:" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    )
    assert r.sensors == [TRUNK, THIGH]

    got = r.samples("trunk")
    want = SampleBlock.concat(blocks)
    np.testing.assert_array_equal(got.t_ns, want.t_ns)
    np.testing.assert_array_equal(got.acc_g, want.acc_g)  # bit-exact float64
    np.testing.assert_array_equal(got.gyr_dps, want.gyr_dps)
    np.testing.assert_array_equal(got.mag_ut, want.mag_ut)
    th = r.samples("thigh")
    assert th.gyr_dps is None and th.mag_ut is None
    np.testing.assert_array_equal(th.acc_g, thigh.acc_g)

    flat = [p for chunk in r.iter_packets(batch=4) for p in chunk]
    assert flat == packets
    assert all(len(c) <= 4 for c in r.iter_packets(batch=4))
    assert r.packets_table().num_rows == len(packets)
    assert r.events() == events
    assert sum(len(b) for b in r.iter_samples()) == len(want) + len(thigh)

    with pytest.raises(SessionError, match="no sensor"):
        r.samples("nope")


def test_compacted_layout(tmp_path):
    path = tmp_path / "s"
    _record(path, compact=True)
    names = sorted(p.name for p in path.iterdir())
    assert names == ["events.parquet", "manifest.json", "packets.parquet", "samples.parquet"]
    m = json.loads((path / "manifest.json").read_text())
    assert m["closed"] is True and m["compacted"] is True and m["storage"] == "parquet"
    assert m["parquet"]["samples"]["rows"] == 5 * 50 + 40


def test_writer_refuses_misuse(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(SessionError, match="not empty"):
        SessionWriter(tmp_path / "full")
    with pytest.raises(SessionError, match="JSON"):
        SessionWriter(tmp_path / "bad", meta={"calibration": object()})
    assert not (tmp_path / "bad").exists()
    w = SessionWriter(tmp_path / "ok")
    with pytest.raises(SessionError, match="JSON"):
        w.update_manifest(calibration={1, 2})
    w.update_manifest(calibration={"ok": 1})  # the failed update left the writer usable
    with pytest.raises(SessionError, match="compression"):
        SessionWriter(tmp_path / "c", compression="gzip2")
    with pytest.raises(SessionError, match="add_sensor"):
        w.write_samples(SampleBlock("ghost", np.array([1]), np.zeros((1, 3))))
    with pytest.raises(SessionError, match="reserved"):
        w.update_manifest(closed=True)
    with pytest.raises(SessionError, match="cannot be recorded"):
        w.write_events([Event("x", 0, 0, {"obj": object()})])
    w.close()
    with pytest.raises(SessionError, match="closed"):
        w.add_sensor(TRUNK)
    w.close()  # idempotent


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.tuples(st.integers(1, 40), st.booleans(), st.booleans()), min_size=1, max_size=8),
    fields=st.lists(st.dictionaries(st.text(max_size=6), _json_values, max_size=3), max_size=4),
    flush_every=st.integers(1, 5),
)
def test_round_trip_property(tmp_path_factory, sizes, fields, flush_every):
    """Any split into blocks, with or without gyro/mag, and any JSON event fields come back exactly."""
    path = tmp_path_factory.mktemp("p") / "s"
    rng = np.random.default_rng(len(sizes))
    w = SessionWriter(path, flush_interval_s=3600)
    w.add_sensor(TRUNK)
    blocks, t0 = [], 0
    for i, (n, gyro, mag) in enumerate(sizes):
        b = _block("trunk", t0, n, 100.0, rng, gyro=gyro, mag=mag)
        t0 = int(b.t_ns[-1]) + 10_000_000
        w.write_samples(b)
        blocks.append(b)
        if i % flush_every == 0:
            w.flush()
    events = [Event("note", i, i + 1, f) for i, f in enumerate(fields)]
    w.write_events(events)
    w.close(compact=bool(flush_every % 2))
    r = SessionReader(path)
    got = list(r.iter_samples())
    assert sum(len(b) for b in got) == sum(len(b) for b in blocks)
    whole = r.samples("trunk")
    np.testing.assert_array_equal(whole.t_ns, np.concatenate([b.t_ns for b in blocks]))
    np.testing.assert_array_equal(whole.acc_g, np.concatenate([b.acc_g for b in blocks]))
    if all(b.gyr_dps is not None for b in blocks):
        np.testing.assert_array_equal(whole.gyr_dps, np.concatenate([b.gyr_dps for b in blocks]))
    assert r.events() == events


@pytest.mark.parametrize("compact", [False, True])
def test_iter_recorded_gives_the_exact_input_order(tmp_path, compact):
    """Sensors, packets and events interleaved as handed to the writer (what a replay feeds)."""
    path = tmp_path / "s"
    w = SessionWriter(path, flush_interval_s=3600)
    fed: list = []

    def sensor(info):
        w.add_sensor(info)
        fed.append(info)

    def packets(sid, t, n):
        pk = [RawPacket(sid, t + k, "u", bytes([k])) for k in range(n)]
        w.write_packets(pk)
        fed.extend(pk)

    def event(ev):
        w.write_events([ev])
        fed.append(ev)

    sensor(TRUNK)
    packets("trunk", 0, 3)
    event(Event("marker", 5, 5, {"note": "a"}))
    packets("trunk", 10, 2)
    w.flush()
    sensor(THIGH)  # joins after 5 packets and an event
    event(Event("gap", 20, 30, {}, sensor_id="trunk"))
    packets("thigh", 40, 2)
    packets("trunk", 41, 1)
    event(Event("marker", 50, 50, {"note": "end"}))
    w.close(compact=compact)
    assert list(SessionReader(path).iter_recorded()) == fed
