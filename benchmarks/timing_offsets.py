"""Device time → session time under arrival jitter, timing 1 (until 5 Dec 2026) against
timing 2 (rel-17): how far samples land after the arrival of their packet, and how far a paired
gyroscope sample is from its accelerometer sample.

    python -m benchmarks.timing_offsets [--quick]

Deterministic part (no radio, no threads): each family's simulated firmware, started with its own
commands; packets arrive 5 ms + 0..40 ms (uniform, seeded) after they were sent, the first one
40 ms late, in order. ``after_arrival_ms_max_<family>_t<1|2>``: the most any output sample lies
after the arrival of the packet that released it. ``metawear_acc_gyro_ms_<stat>_t<1|2>_late<ms>``:
a MetaWear whose accelerometer started ``late`` ms after its gyroscope (two writes apart; ~123 ms
was seen under load at --speed 5), the acc − gyro time of each paired sample, read from a motion
whose values tell their own device time.

Live part (``live_*``): the same MetaWear question through the real Bleak facades, the fake radio
and the engine thread at 5x, with the acc stream started 123 ms late and a thread holding the GIL
80 % of the time (load), ``--quick`` 20 s of stream per timing.
"""

from __future__ import annotations

import dataclasses
import threading
import time

import numpy as np

from benchmarks._cli import bench_main
from oefensense.core.types import Placement, RawPacket, SensorInfo
from oefensense.pipeline.decoding import SensorDecoder
from oefensense.protocols import StreamConfig, families, get_family

NS = 1_000_000_000
SECONDS = 12.0


def arrivals(emit_ns: list[int], seed: int = 0) -> list[int]:
    """Host arrival of each packet: its device send time + 5 ms + 0..40 ms of link jitter, the
    first one 40 ms late; in order (one link delivers in order), never two at the same ns."""
    rng = np.random.default_rng(seed)
    out: list[int] = []
    for k, t in enumerate(emit_ns):
        host = int(t) + 5_000_000 + int(rng.uniform(0, 40e6)) + (40_000_000 if k == 0 else 0)
        out.append(max(host, out[-1] + 1) if out else host)
    return out


def family_packets(family_id: str):
    """(SensorInfo, [(host ns, uuid, payload)]) of the family's simulated device, started with
    its own commands (MetaWear: its module-info replies first, as they reach the pipeline)."""
    fam = get_family(family_id)
    rate = min(fam.supported_rates_hz, key=lambda r: abs(r - 100.0)) if fam.supported_rates_hz else 100.0
    config = StreamConfig(rate_hz=rate, gyro=fam.has_gyro)
    fw = fam.simulated_firmware(*ramp(SECONDS + 2.0))
    for u in fam.notify_uuids:
        fw.set_notify(u, True)
    replies = []
    for w in fam.identify_commands(config):
        replies += fw.handle_write(w.char_uuid, w.data)
    config = fam.resolve_config(config, replies) or config
    for w in fam.start_commands(config):
        replies += fw.handle_write(w.char_uuid, w.data)
    data = fw.packets_until(int(SECONDS * NS))
    hosts = arrivals([t for t, _, _ in data])
    info = SensorInfo("s", Placement.TRUNK, family=family_id, nominal_rate_hz=rate, acc_range_g=config.acc_range_g,
                      gyr_range_dps=config.gyr_range_dps, has_gyro=config.gyro)
    return info, [(0, u, p) for u, p in replies] + [(h, u, p) for h, (_, u, p) in zip(hosts, data)]


def latest_after_arrival_ms(info: SensorInfo, packets) -> tuple[float, int]:
    """The most any output sample lies after the arrival of the packet that released it (ms;
    samples released by a packet are never newer than it), and how many samples were output."""
    dec = SensorDecoder(info)
    worst, n = -np.inf, 0
    for host, uuid, payload in packets:
        block = dec.process(RawPacket("s", host, uuid, payload))
        if block is not None and len(block):
            worst = max(worst, (int(block.t_ns[-1]) - host) / 1e6)
            n += len(block)
    return worst, n


def ramp(seconds: float = 40.0, rate: float = 1000.0):
    """A motion whose values tell their own time: acc x = 0.5 g/s, gyro x = 100 deg/s per second
    of device time (an 8-s sawtooth)."""
    t = np.arange(int(seconds * rate)) / rate
    u = np.mod(t, 8.0)
    z = np.zeros_like(u)
    return (t * NS).astype(np.int64), np.stack([0.5 * u - 2.0, z, z + 1.0], 1), np.stack([100.0 * u - 400.0, z, z], 1)


def metawear_offsets_ms(timing: int, acc_late_ms: float, seconds: float = 30.0) -> np.ndarray:
    """Acc − gyro time (ms, from the values) of each paired MetaWear sample when the accelerometer
    started ``acc_late_ms`` after the gyroscope (two writes apart), under :func:`arrivals`."""
    fam = get_family("metawear")
    config = StreamConfig(rate_hz=100.0)
    fw = fam.simulated_firmware(*ramp())
    for u in fam.notify_uuids:
        fw.set_notify(u, True)
    replies = []
    for w in fam.identify_commands(config):
        replies += fw.handle_write(w.char_uuid, w.data)
    config = fam.resolve_config(config, replies)
    for w in fam.start_commands(config):
        fw.handle_write(w.char_uuid, w.data)
    fw.streams["acc"].t0_ns += int(acc_late_ms * 1e6)  # the acc start write came later
    data = fw.packets_until(int(seconds * NS))
    hosts = arrivals([t for t, _, _ in data], seed=5)
    dec = SensorDecoder(SensorInfo("s", Placement.THIGH, family="metawear", nominal_rate_hz=100.0, timing=timing))
    acc, gyr = [], []
    for (u, p) in replies:
        dec.process(RawPacket("s", 0, u, p))
    for h, (_, u, p) in zip(hosts, data):
        block = dec.process(RawPacket("s", h, u, p))
        if block is not None:
            acc.append(block.acc_g[:, 0])
            gyr.append(block.gyr_dps[:, 0])
    ta, tg = (np.concatenate(acc) + 2.0) / 0.5, (np.concatenate(gyr) + 400.0) / 100.0
    smooth = np.abs(np.gradient(ta)) < 0.5  # away from the sawtooth's jumps
    ok = (ta > 0.5) & (ta < 7.5) & (tg > 0.5) & (tg < 7.5) & smooth & np.roll(smooth, 1) & np.roll(smooth, -1)
    return (ta - tg)[ok] * 1000.0




def _live_offsets_ms(timing: int, acc_late_ms: float, stream_s: float, load: float = 0.8) -> np.ndarray:
    """``metawear_offsets_ms`` through the fake radio and the engine at 5x, a GIL burner on."""
    import oefensense.protocols.playback as playback
    from benchmarks.bench_live import DecodePipeline, LatencySink
    from oefensense.ble.live import simulated_source
    from oefensense.runtime import EngineThread

    blocks = []

    class Pipe(DecodePipeline):
        def feed(self, item):  # noqa: ANN001, ANN202
            if isinstance(item, SensorInfo):
                item = dataclasses.replace(item, timing=timing)
            out = super().feed(item)
            blocks.extend(out.samples)
            return out

    start = playback.SimFirmwareBase._start_stream

    def late_start(self, key, *args):  # noqa: ANN001, ANN202  the acc start write came later
        start(self, key, *args)
        if key == "acc":
            self.streams[key].t0_ns += int(acc_late_ms * 1e6)

    stop = threading.Event()

    def burn() -> None:
        while not stop.is_set():
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 0.03 * load:
                pass
            time.sleep(0.03 * (1 - load) + 0.001)

    def factory():  # noqa: ANN202
        return simulated_source(["metawear=thigh"], speed=5.0, duration_s=stream_s, motions={"thigh": ramp(stream_s + 60)})[0]

    playback.SimFirmwareBase._start_stream = late_start
    burner = threading.Thread(target=burn, daemon=True)
    burner.start()
    try:
        eng = EngineThread(factory, None, [LatencySink()], pipeline=Pipe()).start()
        eng.join(stream_s * 4 + 60)
        eng.stop(30.0)
    finally:
        stop.set()
        playback.SimFirmwareBase._start_stream = start
    ta = (np.concatenate([b.acc_g[:, 0] for b in blocks]) + 2.0) / 0.5
    tg = (np.concatenate([b.gyr_dps[:, 0] for b in blocks]) + 400.0) / 100.0
    smooth = np.abs(np.gradient(ta)) < 0.5
    ok = (ta > 0.5) & (ta < 7.5) & (tg > 0.5) & (tg < 7.5) & smooth & np.roll(smooth, 1) & np.roll(smooth, -1)
    return (ta - tg)[ok] * 1000.0


def _stats(prefix: str, d: np.ndarray) -> dict:
    return {f"{prefix}_median": round(float(np.median(d)), 2),
            f"{prefix}_p99_abs": round(float(np.percentile(np.abs(d), 99)), 2),
            f"{prefix}_max_abs": round(float(np.abs(d).max()), 2)}


def run(quick: bool = False) -> dict:
    out: dict = {}
    for fid in families():
        info, packets = family_packets(fid)
        for timing in (1, 2):
            worst, _ = latest_after_arrival_ms(dataclasses.replace(info, timing=timing), packets)
            out[f"after_arrival_ms_max_{fid}_t{timing}"] = round(worst, 3)
    for late in (0.0, 123.0):
        for timing in (1, 2):
            out.update(_stats(f"metawear_acc_gyro_ms_t{timing}_late{int(late)}", metawear_offsets_ms(timing, late)))
    for timing in (1, 2):
        out.update(_stats(f"live_metawear_acc_gyro_ms_t{timing}_late123", _live_offsets_ms(timing, 123.0, 20.0 if quick else 60.0)))
    return out


if __name__ == "__main__":
    bench_main(run)
