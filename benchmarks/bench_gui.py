"""Dashboard speed: drawn frames per second, packet-to-screen latency and CPU under live load.

Two loads, both real time, on Qt's offscreen platform with the real window:

* ``pipeline_3x200hz``: 3 simulated sensors (one per placement) at 200 Hz through the real
  engine thread + pipeline + snapshot sink (``LiveController``).
* ``pipeline_4x200hz``: the same with a 4th sensor (a second trunk sensor: decoded, recorded and
  plotted, not analysed: one sensor per segment is).
* ``sink_4x200hz``: 4 simulated sensors at 200 Hz delivered straight into the snapshot sink
  from a producer thread (the GUI-side load the issue asks for: 4 × 200 Hz).
* ``blesim_3x200hz``: 3 simulated wearables (Polar/MetaWear/Movesense firmware at ~200 Hz) behind
  Bleak's facades on the fake radio, run by ``runtime.EngineThread`` — fps and CPU only (their
  sample times are on the timebase's clock, so no source-to-screen latency is taken there).

Latency: a source block's creation (``perf_counter_ns`` as it leaves the source) to the end of the
first paint of the plot viewport after the frame that drew it. CPU: process user+sys time over
wall time (100 % = one core).
"""

from __future__ import annotations

import os
import resource
import threading
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _measure(duration_s: float, four_direct: bool, blesim: bool = False, n_sensors: int | None = None) -> dict:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from oefensense.core.types import Placement
    from oefensense.gui.app import MainWindow, make_app
    from oefensense.live.devices import FoundDevice, paced_synthetic_source
    from oefensense.live.synthetic import synthetic_sensors
    from oefensense.analysis.registry import build_pipeline

    app = make_app(language="en")
    emitted: dict[tuple[str, int], int] = {}  # (sensor, last t_ns of block) -> perf_counter_ns
    lock = threading.Lock()

    def on_emit(block, t_perf):
        with lock:
            emitted[(block.sensor_id, int(block.t_ns[-1]))] = t_perf

    def pipeline():
        return build_pipeline()

    from oefensense.live.devices import SimulatedBleDirectory

    win = MainWindow(pipeline_factory=pipeline, directory=SimulatedBleDirectory(duration_s=duration_s + 30))
    win.resize(1440, 860)
    win.show()
    win.patient.show()
    n = n_sensors or (4 if four_direct else 3)
    sensors = synthetic_sensors(n, 200.0)
    stop = threading.Event()
    producer = None
    if blesim:
        win.scan()
        win.connect_sensors()
    elif four_direct:
        sink = win.controller.sink

        def produce():
            for item in paced_synthetic_source(sensors, duration_s + 5, on_emit=on_emit, stop=stop.is_set):
                if hasattr(item, "acc_g"):
                    from oefensense.pipeline import PipelineOutput

                    sink.on_output(PipelineOutput(samples=[item]))
                else:
                    sink.on_input(item)

        producer = threading.Thread(target=produce, daemon=True)
    else:
        win.controller.start(lambda: paced_synthetic_source(sensors, duration_s + 5, on_emit=on_emit, stop=stop.is_set))

    pending: list[int] = []  # emit times drawn in a frame, waiting for the next paint
    latencies: list[float] = []
    seen_t: dict[str, int] = {}
    tick_ms: list[float] = []

    def on_draw(snap):
        for sid, t in snap.newest_sample_ns.items():
            if seen_t.get(sid) != t:
                seen_t[sid] = t
                with lock:
                    e = emitted.get((sid, t))
                if e is not None:
                    pending.append(e)

    class PaintProbe(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802
            if ev.type() == QEvent.Paint and pending:
                now = time.perf_counter_ns()
                latencies.extend((now - e) / 1e6 for e in pending)
                pending.clear()
            return False

    probe = PaintProbe()
    win.view.plots.viewport().installEventFilter(probe)
    orig_tick = win.tick

    def timed_tick():
        t0 = time.perf_counter()
        orig_tick()
        tick_ms.append((time.perf_counter() - t0) * 1e3)

    win.timer.timeout.disconnect()
    win.timer.timeout.connect(timed_tick)
    win.on_draw = on_draw
    if producer is not None:
        producer.start()
    # warm up 1 s, then measure
    t_end = time.perf_counter() + 1.0
    while time.perf_counter() < t_end:
        app.processEvents()
        time.sleep(0.002)
    draws0, lat0, ticks0 = win.view.plots.draws, len(latencies), len(tick_ms)
    samples0 = sum(s.samples for s in win.current_snapshot().sensors)
    cpu0, wall0 = _cpu_s(), time.perf_counter()
    while time.perf_counter() < wall0 + duration_s:
        app.processEvents()
        time.sleep(0.002)
    wall = time.perf_counter() - wall0
    cpu = _cpu_s() - cpu0
    draws = win.view.plots.draws - draws0
    lat = np.array(latencies[lat0:])
    ticks = np.array(tick_ms[ticks0:])
    samples = sum(s.samples for s in win.current_snapshot().sensors) - samples0
    stop.set()
    win.close()
    if producer is not None:
        producer.join(5)
    return {
        "sensors": n,
        "fps": round(draws / wall, 1),
        "latency_ms_p50": round(float(np.percentile(lat, 50)), 1) if lat.size else None,
        "latency_ms_p99": round(float(np.percentile(lat, 99)), 1) if lat.size else None,
        "latency_n": int(lat.size),
        "tick_ms_p50": round(float(np.percentile(ticks, 50)), 2),
        "tick_ms_p99": round(float(np.percentile(ticks, 99)), 2),
        "cpu_pct_of_one_core": round(100 * cpu / wall, 1),
        "samples_per_s": round(samples / wall, 0),
    }


def run(quick: bool = False) -> dict:
    duration = 5.0 if quick else 20.0
    out: dict = {"duration_s": duration}
    cases = (("pipeline_3x200hz", False, False, 3), ("pipeline_4x200hz", False, False, 4),
             ("sink_4x200hz", True, False, 4), ("blesim_3x200hz", False, True, 3))
    for name, four, ble, n in cases:
        for k, v in _measure(duration, four, ble, n).items():
            out[f"{name}_{k}"] = v
    return out


if __name__ == "__main__":
    from benchmarks._cli import bench_main

    bench_main(run)
