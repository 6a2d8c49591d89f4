"""BackgroundSessionWriter: same files as SessionWriter, file work on a recorder thread."""

from __future__ import annotations

import time

import numpy as np
import pytest

from oefensense.core.types import Event, Placement, RawPacket, SampleBlock, SensorInfo
from oefensense.session import BackgroundSessionWriter, SessionError, SessionReader

TRUNK = SensorInfo("trunk", Placement.TRUNK, "simulated", 100.0)


def test_background_round_trip_in_order(tmp_path):
    path = tmp_path / "s"
    fed: list = []
    with BackgroundSessionWriter(path, flush_interval_s=0.05, meta={"patient": "P9"}) as w:
        w.add_sensor(TRUNK)
        fed.append(TRUNK)
        for i in range(50):
            pk = [RawPacket("trunk", i * 10, "u", bytes([i]))]
            w.write_packets(pk)
            fed.extend(pk)
            w.write_samples(SampleBlock("trunk", np.array([i * 10_000_000]), np.full((1, 3), float(i))))
            if i % 10 == 0:
                ev = Event("marker", i, i, {"note": str(i)})
                w.write_events([ev])
                fed.append(ev)
        w.update_manifest(calibration={"done": True})
    r = SessionReader(path)
    assert r.closed and r.compacted and not r.recovered
    assert r.manifest["calibration"] == {"done": True} and r.manifest["patient"] == "P9"
    assert list(r.iter_recorded()) == fed
    np.testing.assert_array_equal(r.samples("trunk").acc_g[:, 0], np.arange(50.0))


def test_worker_flushes_while_no_data_arrives(tmp_path):
    path = tmp_path / "s"
    w = BackgroundSessionWriter(path, flush_interval_s=0.1)
    w.add_sensor(TRUNK)
    w.write_samples(SampleBlock("trunk", np.arange(10) * 10_000_000, np.zeros((10, 3))))
    deadline = time.monotonic() + 5.0
    n = 0
    while time.monotonic() < deadline:  # no more calls: the worker's own timer must flush
        try:
            n = len(SessionReader(path).samples("trunk"))
        except SessionError:  # the worker has not registered the sensor yet
            n = 0
        if n == 10:
            break
        time.sleep(0.05)
    assert n == 10
    w.close(compact=False)


def test_worker_error_reaches_the_producer(tmp_path):
    w = BackgroundSessionWriter(tmp_path / "s", flush_interval_s=0.05)
    w.write_samples(SampleBlock("ghost", np.array([1]), np.zeros((1, 3))))  # sensor never added
    with pytest.raises(SessionError, match="recorder thread: sensor 'ghost' was not added"):
        for _ in range(100):
            time.sleep(0.02)
            w.add_sensor(TRUNK)
    w.close()
    with pytest.raises(SessionError, match="closed"):
        w.add_sensor(TRUNK)
    assert SessionReader(tmp_path / "s").closed
