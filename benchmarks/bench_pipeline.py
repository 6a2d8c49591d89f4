"""End-to-end offline throughput and memory (one sensor, 100 Hz, 1 h and 7 days), and replay
latency per packet (p50/p99) through the full pipeline with every analysis stage. The week-long
run also notes the RSS after each simulated day.

    python -m benchmarks.bench_pipeline [--quick]

The long inputs are the bundled real recording (HAPT excerpt, resampled to 100 Hz) repeated
and generated chunk by chunk, so memory reflects the pipeline, not the input.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from benchmarks._cli import bench_main, peak_rss_mb

RATE_HZ = 100.0
CHUNK_S = 60.0


def long_recording_items(hours: float) -> Iterator[object]:
    """SensorInfo then 60-s SampleBlocks of a 100 Hz pelvis sensor for ``hours`` hours."""
    from oefensense.core.types import NS_PER_S, SampleBlock
    from oefensense.sources.simulated import bundled_recording

    rec = bundled_recording()
    src = rec.block
    period_ns = int(NS_PER_S / RATE_HZ)
    t_src = np.arange(src.t_ns[0], src.t_ns[-1], period_ns)
    acc = np.column_stack([np.interp(t_src, src.t_ns, src.acc_g[:, i]) for i in range(3)])
    gyr = np.column_stack([np.interp(t_src, src.t_ns, src.gyr_dps[:, i]) for i in range(3)])
    n_chunk = int(CHUNK_S * RATE_HZ)
    total = int(hours * 3600 * RATE_HZ)
    info = rec.info.__class__(**{**rec.info.to_dict(), "placement": rec.info.placement, "nominal_rate_hz": RATE_HZ})
    yield info
    rng = np.random.default_rng(0)
    for start in range(0, total, n_chunk):
        n = min(n_chunk, total - start)
        idx = (np.arange(start, start + n)) % len(t_src)
        t = np.arange(start, start + n, dtype=np.int64) * period_ns
        noise = rng.normal(0, 0.002, (n, 3))
        yield SampleBlock(info.sensor_id, t, acc[idx] + noise, gyr[idx] + noise * 50)


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20  # MiB, as ru_maxrss/1024


class _DailyRss:
    """Sink noting the process's current RSS (MB) after every simulated day of input."""

    def __init__(self) -> None:
        self.by_day: list[float] = []
        self._blocks = 0

    def on_input(self, item: object) -> None:
        self._blocks += 1
        if self._blocks % int(24 * 3600 / CHUNK_S) == 0:
            self.by_day.append(round(_current_rss_mb(), 1))

    def on_output(self, out: object) -> None:
        pass

    def close(self, pipeline: object) -> None:
        pass


def throughput(hours: float) -> dict:
    """Runs in this process; returns samples/s, this process's peak RSS and, for runs of a day
    or more, the RSS after each simulated day (flat = nothing grows with the stream's length)."""
    from oefensense.engine import Engine
    from oefensense.io.outputs import AnalysisWriter

    daily = _DailyRss()
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(sinks=[AnalysisWriter(Path(tmp) / "out"), daily])
        t0 = time.perf_counter()
        engine.run(long_recording_items(hours))
        wall = time.perf_counter() - t0
    samples = int(hours * 3600 * RATE_HZ)
    out = {
        "samples": samples,
        "wall_s": round(wall, 2),
        "samples_per_s": round(samples / wall),
        "x_realtime": round(hours * 3600 / wall),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if daily.by_day:
        out["rss_mb_after_each_day"] = daily.by_day
    return out


def replay_latency(quick: bool) -> dict:
    """Record the demo session (simulated Polar), then time each packet's pass through the engine."""
    from oefensense.api import recording_name  # noqa: F401  (import cost outside the timing)
    from oefensense.demo import run_demo
    from oefensense.engine import Engine
    from oefensense.sources import replay_items
    from rich.console import Console

    with tempfile.TemporaryDirectory() as tmp:
        session = Path(tmp) / "session"
        run_demo(device="polar", speed=None, out=session, console=Console(file=open("/dev/null", "w")))
        engine = Engine()
        times = []
        for item in replay_items(session):
            t0 = time.perf_counter_ns()
            engine.step(item)
            times.append(time.perf_counter_ns() - t0)
        engine.close()
    us = np.array(times[1:]) / 1000.0
    return {"packets": len(us), "p50_us": round(float(np.percentile(us, 50)), 1),
            "p99_us": round(float(np.percentile(us, 99)), 1), "max_us": round(float(us.max()), 1)}


def _in_subprocess(hours: float) -> dict:
    """Each size in its own process so its peak RSS is its own."""
    import json

    code = f"import json; from benchmarks.bench_pipeline import throughput; print(json.dumps(throughput({hours})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> dict:
    sizes = {"0.1h": 0.1} if quick else {"1h": 1.0, "7d": 7 * 24.0}
    result = {f"offline_{name}": _in_subprocess(h) for name, h in sizes.items()}
    result["replay_packet_latency"] = replay_latency(quick)
    return result


if __name__ == "__main__":
    bench_main(run)
