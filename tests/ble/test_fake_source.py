"""Device logic against the in-process fake Bleak backend driven by the simulated firmware.

Bleak's real ``BleakClient``/``BleakScanner`` facades and bleak-retry-connector run unchanged;
only the radio is simulated (``oefensense.ble.fake``). Sessions run on a sped-up clock.
"""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.ble.clock import ScaledClock
from oefensense.ble.device import SensorSpec
from oefensense.ble.policy import BackoffPolicy
from oefensense.ble.simulated import Faults, SimDevice, SimSpec, make_world
from oefensense.ble.source import BleSource, SensorUnavailableError
from oefensense.core.types import Event, Placement, RawPacket, SensorInfo
from oefensense.protocols import StreamConfig, get_family

PLACES = [Placement.TRUNK, Placement.PELVIS, Placement.THIGH]


def _source(world, devs, *, rate=52.0, duration=20.0, policy=None, ids=None):
    specs = [
        SensorSpec(d.address, PLACES[i % 3], d.family.id, sensor_id=(ids[i] if ids else ""),
                   config=StreamConfig(rate_hz=rate))
        for i, d in enumerate(devs)
    ]
    return BleSource(specs, clock=world.clock, duration_s=duration, policy=policy,
                     client_backend=world.client_backend, scanner_backend=world.scanner_backend,
                     scan_timeout_s=3.0)


async def _collect(src):
    return [item async for item in src]


def _packets(items, sid, data_uuid=None):
    return [p for p in items if isinstance(p, RawPacket) and p.sensor_id == sid
            and (data_uuid is None or p.char_uuid == data_uuid)]


POLAR_DATA = get_family("polar").notify_uuids[1]


async def test_start_stream_stop_sequence_and_decode():
    world, devs = make_world([SimSpec("polar")], ScaledClock(20))
    src = _source(world, devs, duration=12)
    items = await _collect(src)
    assert items[0].type == "clock" and items[0].fields["start_utc"]  # the recording's clock time comes first
    items = items[1:]
    assert isinstance(items[0], SensorInfo) and items[0].family == "polar"
    fam = get_family("polar")
    dev = devs[0]
    starts = fam.start_commands(StreamConfig(rate_hz=52.0))
    written = [d for _, d in dev.writes]
    assert written[: len(starts)] == [w.data for w in starts]  # start sequence, in order
    assert written[len(starts):] == [w.data for w in fam.stop_commands()]  # ordered stop at the end
    assert not dev.firmware.streaming
    data = _packets(items, "trunk", POLAR_DATA)
    assert len(data) == dev.sent_packets > 5
    host = np.array([p.host_t_ns for p in data])
    assert np.all(np.diff(host) >= 0)
    dec = fam.new_decoder(StreamConfig(rate_hz=52.0))
    n = sum(len(b.t_device_ns) for p in _packets(items, "trunk") for b in dec.decode(p.char_uuid, p.payload))
    assert n > 52 * 5 and dec.stats.dropped_packets == 0
    snap = src.stats()["trunk"]
    assert snap.state == "stopped" and snap.battery_pct == 87 and snap.packets == len(data)


async def test_control_point_error_is_a_typed_refusal():
    clock = ScaledClock(20)
    from oefensense.ble.fake import SimWorld

    world = SimWorld(clock)
    dev = world.add(SimDevice("polar", "5A:0E:F5:00:00:09", name="Polar H10 1234"))  # no gyro on an H10
    src = _source(world, [dev], duration=5, policy=BackoffPolicy(first_s=0.1))
    with pytest.raises(SensorUnavailableError, match="refused"):
        await _collect(src)
    assert dev.firmware.errors  # the firmware itself answered with its error code
    assert dev.client is None  # disconnected again


async def test_dropout_reconnects_other_sensor_unaffected():
    faults = {"5A:0E:F5:00:00:01": Faults(dropouts=[(8.0, 4.0)])}
    world, devs = make_world([SimSpec("polar"), SimSpec("polar")], ScaledClock(20), faults=faults)
    items = await _collect(_source(world, devs, duration=30))
    gaps = [e for e in items if isinstance(e, Event) and e.type == "gap"]
    assert len(gaps) == 1
    g = gaps[0]
    assert g.sensor_id == "trunk" and g.fields["reason"] == "link_lost" and g.fields["recovered"]
    assert 6.5e9 < g.t_ns <= 8.1e9 and 12.0e9 <= g.end_ns < 22e9  # packets come every ~1.4 s at 52 Hz
    trunk = _packets(items, "trunk", POLAR_DATA)
    before = [p for p in trunk if p.host_t_ns <= g.t_ns]
    after = [p for p in trunk if p.host_t_ns >= g.end_ns]
    assert before and after and len(before) + len(after) == len(trunk)
    idx = items.index(g)  # the gap comes right before the first packet after it
    assert isinstance(items[idx + 1], RawPacket) and items[idx + 1].host_t_ns == g.end_ns
    pelvis = _packets(items, "pelvis", POLAR_DATA)
    assert len(pelvis) == devs[1].sent_packets and devs[1].lost_packets == 0  # no loss on the other
    starts = [w.data for w in get_family("polar").start_commands(StreamConfig(rate_hz=52.0))]
    written = [d for _, d in devs[0].writes]
    assert written[: 2 * len(starts)] == starts + starts  # the full start sequence, again


async def test_device_that_never_comes_back():
    faults = {"5A:0E:F5:00:00:02": Faults(never_back_after_s=6.0)}
    world, devs = make_world([SimSpec("polar"), SimSpec("polar")], ScaledClock(20), faults=faults)
    src = _source(world, devs, duration=20)
    items = await _collect(src)
    gaps = [e for e in items if isinstance(e, Event) and e.type == "gap"]
    assert len(gaps) == 1 and gaps[0].sensor_id == "pelvis"
    assert gaps[0].fields["recovered"] is False and gaps[0].fields["attempts"] >= 1
    assert gaps[0].end_ns >= 19.5e9  # closed at the stop
    # the stop's time on the session clock, not when the link's shutdown got round to it
    # (about 61 s in this 23.4-s session)
    assert gaps[0].end_ns <= src.streaming_from_ns + 20.5e9
    assert gaps[0].end_ns == src.stopped_at_ns
    assert items[-1] is gaps[0] or isinstance(items[-1], RawPacket)
    assert src.stats()["pelvis"].reconnects == 1
    assert len(_packets(items, "trunk", POLAR_DATA)) == devs[0].sent_packets


async def test_malformed_packet_passes_through_and_stream_goes_on():
    world, devs = make_world([SimSpec("polar")], ScaledClock(20), faults={"polar": Faults(malformed_at_s=[5.0])})
    items = await _collect(_source(world, devs, duration=12))
    fam = get_family("polar")
    dec = fam.new_decoder(StreamConfig(rate_hz=52.0))
    good = 0
    for p in _packets(items, "trunk"):
        good += len(dec.decode(p.char_uuid, p.payload))
    assert dec.stats.dropped_packets == 1  # exactly the truncated one refused, typed
    late = [p for p in _packets(items, "trunk", POLAR_DATA) if p.host_t_ns > 6e9]
    assert late and good > 0
    assert not any(isinstance(e, Event) and e.type == "gap" for e in items)  # a bad packet is not a link gap


async def test_stall_then_burst_without_loss():
    world, devs = make_world([SimSpec("polar")], ScaledClock(20), faults={"polar": Faults(stalls=[(6.0, 3.0)])})
    items = await _collect(_source(world, devs, duration=16, rate=208.0))
    data = _packets(items, "trunk", POLAR_DATA)
    host = np.array([p.host_t_ns for p in data])
    assert np.diff(host).max() >= 2.9e9  # the stall
    # after the stall the queued packets arrive in one connection event (a burst)
    k = int(np.argmax(np.diff(host))) + 1
    burst = host[(host >= host[k]) & (host < host[k] + 50_000_000)]
    assert len(burst) >= 10  # ~3 s of 208 Hz frames within 50 ms
    assert len(data) == devs[0].sent_packets and devs[0].lost_packets == 0
    assert not any(isinstance(e, Event) and e.type == "gap" for e in items)


async def test_long_stall_trips_the_watchdog():
    world, devs = make_world([SimSpec("polar")], ScaledClock(20), faults={"polar": Faults(stalls=[(6.0, 8.0)])})
    pol = BackoffPolicy(stall_timeout_s=3.0)
    items = await _collect(_source(world, devs, duration=24, rate=208.0, policy=pol))
    gaps = [e for e in items if isinstance(e, Event) and e.type == "gap"]
    assert gaps and gaps[0].fields["reason"] == "stalled"


async def test_four_sensors_at_200hz():
    specs = [SimSpec("polar")] * 4
    world, devs = make_world(specs, ScaledClock(20))
    ids = ["s1", "s2", "s3", "s4"]
    src = _source(world, devs, duration=20, rate=208.0, ids=ids)
    items = await _collect(src)
    infos = [i for i in items if isinstance(i, SensorInfo)]
    assert [i.sensor_id for i in infos] == ids
    fam = get_family("polar")
    for sid, dev in zip(ids, devs):
        data = _packets(items, sid, POLAR_DATA)
        assert len(data) == dev.sent_packets and dev.lost_packets == 0
        dec = fam.new_decoder(StreamConfig(rate_hz=208.0))
        acc_t = np.concatenate([b.t_device_ns for p in _packets(items, sid)
                                for b in dec.decode(p.char_uuid, p.payload) if b.acc_g is not None])
        span_s = (acc_t[-1] - acc_t[0]) / 1e9
        assert span_s > 2 and len(acc_t) > 2 * 208  # (the 4th connects late on a loaded machine)
        assert dec.stats.sequence_gaps == 0 and dec.stats.missing_samples == 0  # no hole in device time
        assert dec.stats.dropped_packets == 0
    assert not any(isinstance(e, Event) and e.type == "gap" for e in items)
    assert src.dropped == 0


async def test_simulated_source_replays_a_csv_recording():
    from pathlib import Path

    import oefensense
    from oefensense.ble.live import simulated_source
    from oefensense.io.csv_import import read_csv

    csv = Path(oefensense.__file__).parent / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    src, _ = simulated_source([f"polar:{csv}=waist"], speed=20, duration_s=8)
    items = (await _collect(src))[1:]  # after the clock event
    assert items[0].placement == Placement.PELVIS and items[0].sensor_id == "pelvis"
    dec = get_family("polar").new_decoder(StreamConfig(rate_hz=items[0].nominal_rate_hz))
    acc = np.concatenate([b.acc_g for p in _packets(items, "pelvis") for b in dec.decode(p.char_uuid, p.payload)
                          if b.acc_g is not None])
    ref = read_csv(csv).block.acc_g[: 50 * 8]
    # the device streams that recording: same mean posture (within quantisation/resampling)
    np.testing.assert_allclose(acc.mean(0), ref.mean(0), atol=0.05)


async def test_an_unavailable_sensor_is_explained_in_the_clis_language():
    """The sensor-or-adapter advice was English in Dutch output too ("fout: cannot scan: ...; the
    Bluetooth adapter is unavailable ..."). The error keeps its English message and says the same
    through a translation; it survives pickling (rebuilt from its parts, not re-formatted)."""
    import functools
    import pickle

    from oefensense.commands.lang import tr

    clock = ScaledClock(20)
    from oefensense.ble.fake import SimWorld

    world = SimWorld(clock)
    dev = world.add(SimDevice("polar", "5A:0E:F5:00:00:09", name="Polar H10 1234"))
    src = _source(world, [dev], duration=5, policy=BackoffPolicy(first_s=0.1))
    with pytest.raises(SensorUnavailableError) as info:
        await _collect(src)
    err = info.value
    assert "the sensor refused the streaming settings" in str(err) and "5A:0E:F5:00:00:09" in str(err)
    dutch = err.text(functools.partial(tr, language="nl"))
    assert "de sensor weigerde de meetinstellingen" in dutch and "5A:0E:F5:00:00:09" in dutch
    assert "refused the streaming" not in dutch
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.text(functools.partial(tr, language="nl")) == dutch


async def test_a_board_that_does_not_identify_itself_is_a_timeout_not_a_refusal():
    """A MetaWear that does not answer what it is within 5 s was classed start_refused, with the
    advice to check the rate/range settings: it refused nothing, it did not answer in time."""
    from oefensense.ble.policy import ErrorKind

    clock = ScaledClock(20)
    from oefensense.ble.fake import SimWorld

    world = SimWorld(clock)
    dev = world.add(SimDevice("metawear", "D1:00:00:00:00:01", name="MetaWear"))
    dev.firmware.handle_write = lambda char_uuid, data: []  # takes the commands, answers nothing
    src = _source(world, [dev], rate=50.0, duration=5, policy=BackoffPolicy(first_s=0.1))
    with pytest.raises(SensorUnavailableError) as info:
        await _collect(src)
    err = info.value
    assert err.kind == ErrorKind.TIMEOUT, err.kind
    assert "did not say what it is" in str(err) and "did not answer in time" in str(err)
    assert "refused the streaming settings" not in str(err)
    import functools

    from oefensense.commands.lang import tr

    # its own sentence, so Dutch is Dutch throughout: the English exception text sat inside
    # NOT_CONNECTED's {error} ("...: D1 (...): the board did not say what it is ...; de sensor antwoordde ...")
    dutch = err.text(functools.partial(tr, language="nl"))
    assert "meldde niet binnen 5 s wat voor sensor het is" in dutch and "D1:00:00:00:00:01" in dutch, dutch
    for english in ("board", "did not", "scale", "guess"):
        assert english not in dutch, (english, dutch)


_JIT_PROBE = """
import asyncio, sys
from oefensense.ble.live import simulated_source

async def main():
    src, _ = simulated_source(["polar=trunk"], speed=20, duration_s=2)
    async for item in src:
        if type(item).__name__ == "RawPacket":  # the first notification: streaming
            loaded = "numba" in sys.modules and bool(sys.modules["numba.core.registry"].cpu_target.target_context._registries)
            print("loaded" if loaded else "not loaded")
            src.request_stop()
            break

asyncio.run(main())
"""


def test_numbas_compiler_is_loaded_before_anything_streams():
    """The pipeline runs on the source's loop, and the first use of its compiled kernels (a
    chain's first output) loaded numba's compiler there: 0.69-0.94 s in which no notification was
    handled (the fake radio's pelvis delivered nothing for 2.0-2.1 s of session time at 5x while
    the trunk reconnected; real sensors' packets stamped that late). ``BleSource`` loads it before
    session time zero. A fresh interpreter, so nothing else has loaded it yet."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _JIT_PROBE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "loaded", out.stdout + out.stderr


_KERNEL_PROBE = """
import gc, sys
from numba.core.dispatcher import Dispatcher
from oefensense.ble.live import simulated_source
from oefensense.core.types import RawPacket
from oefensense.runtime import EngineThread

def loaded():
    return {(d.py_func.__module__, d.py_func.__name__, sig) for d in gc.get_objects()
            if isinstance(d, Dispatcher) and d.py_func.__module__.startswith("oefensense.")
            for sig in d.signatures}

at_first = []

class FirstNotification:
    def on_input(self, item):
        if isinstance(item, RawPacket) and not at_first:
            at_first.append(loaded())
    def on_output(self, out): pass
    def close(self, pipeline): pass

def factory():
    src, _ = simulated_source(["polar=trunk", "metawear=pelvis"], speed=20, duration_s=30,
                              dropouts=["polar:10:5"])
    return src

et = EngineThread(factory, sinks=[FirstNotification()])
et.start()
assert et.join(120) and et.error is None, et.error
used = {k[:2] for k in loaded()}
late = sorted({k[:2] for k in loaded() - at_first[0]})
print(len(used), "kernels used;", "loaded after the first notification:", late)
"""


def test_the_pipelines_kernels_are_loaded_before_anything_streams():
    """The pipeline runs on the source's loop, and a kernel's first call loaded its numba cache
    there: when the trunk dropped out inside its alignment window and its chain was released, or
    the alignment window ended, no notification was handled meanwhile (the fake radio's pelvis
    delivered nothing for 0.72 s of session time at 5x with numba's compiler loaded up front, 2.0
    s without). ``BleSource`` loads every cached kernel before session time zero: no kernel the
    session uses gets its first overload after the first notification. Fresh interpreters; the
    first run fills numba's cache if it is empty (a kernel never cached compiles at first use)."""
    import subprocess
    import sys

    runs = [subprocess.run([sys.executable, "-c", _KERNEL_PROBE], capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    for out in runs:
        assert out.returncode == 0, out.stderr
    used, _, rest = runs[1].stdout.strip().partition(" kernels used;")
    assert int(used) >= 10, runs[1].stdout  # the session ran its chains and stages
    assert rest.endswith("loaded after the first notification: []"), runs[1].stdout
