"""Session recording: write throughput, memory while writing a long session, compaction, info,
and the data lost by a real SIGKILL.

    python -m benchmarks.bench_session [--quick]

The write loop is what a recorder does: 4 sensors at 100 Hz, every packet carrying 5 samples as
one SampleBlock plus its 40-byte raw notification, written as fast as the machine allows (so the
writer's size cap, not the 1 s timer, triggers most flushes). Memory is the process RSS growth
above the level before writing (sampled every 2000 packets).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._cli import bench_main
from oefensense.core.types import Placement, RawPacket, SampleBlock, SensorInfo
from oefensense.session import SessionReader, SessionWriter, session_info

RATE_HZ = 100.0
SENSORS = ("trunk", "pelvis", "thigh", "thigh_r")
PER_PACKET = 5
PAYLOAD = bytes(range(40))
CHILD = Path(__file__).resolve().parents[1] / "tests" / "session" / "crash_child.py"


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_long_session(path: Path, hours: float) -> dict:
    """Record ``hours`` of 4-sensor data as fast as possible; figures for writing, compaction, info."""
    rng = np.random.default_rng(0)
    # A pool of distinct blocks quantised like 16-bit sensor data (1/2048 g, 1/16 deg/s LSB), so
    # compression sees realistic, not repeated, values.
    pool = 65_537  # more packets than one flushed batch holds: no repeats inside a batch
    accs = np.round(rng.normal(0, 0.3, size=(pool, PER_PACKET, 3)) * 2048) / 2048
    gyrs = np.round(rng.normal(0, 30, size=(pool, PER_PACKET, 3)) * 16) / 16
    period_ns = int(1e9 / RATE_HZ)
    n_packets = int(hours * 3600 * RATE_HZ / PER_PACKET)
    offs = np.arange(PER_PACKET, dtype=np.int64) * period_ns

    w = SessionWriter(path)
    for sid in SENSORS:
        w.add_sensor(SensorInfo(sid, Placement.parse(sid.split("_")[0]), "simulated", RATE_HZ))
    rss_base = rss_max = _rss_mb()
    t0 = time.perf_counter()
    for k in range(n_packets):
        t_first = k * PER_PACKET * period_ns
        t = offs + t_first
        for j, sid in enumerate(SENSORS):
            p = (k * 4 + j) % pool
            w.write_samples(SampleBlock(sid, t, accs[p], gyrs[p]))
            w.write_packets([RawPacket(sid, int(t_first), "uuid", PAYLOAD)])
        if k % 2000 == 0:
            rss_max = max(rss_max, _rss_mb())
    w.flush()
    write_s = time.perf_counter() - t0
    live_bytes = _dir_bytes(path)
    w.close(compact=False)
    t1 = time.perf_counter()
    from oefensense.session import compact_session

    compact_session(path)
    compact_s = time.perf_counter() - t1
    t2 = time.perf_counter()
    info = session_info(path)
    info_s = time.perf_counter() - t2
    samples = n_packets * PER_PACKET * len(SENSORS)
    assert info["sensors"][0]["samples"] == samples // len(SENSORS)
    return {
        "data_hours": hours,
        "samples": samples,
        "write_samples_per_s": round(samples / write_s),
        "write_live_mb_per_s": round(live_bytes / 1e6 / write_s, 1),
        "live_bytes_per_sample": round(live_bytes / samples, 1),
        "rss_growth_while_writing_mb": round(rss_max - rss_base, 1),
        "rss_peak_mb": round(rss_max, 1),
        "compact_s": round(compact_s, 2),
        "compacted_bytes_per_sample": round(_dir_bytes(path) / samples, 1),
        "info_s": round(info_s, 2),
        "info_samples_per_s": round(samples / info_s),
    }


def flush_latency(seconds: int) -> dict:
    """Time the writer call that flushes (and the one that rotates) at a live-like load:
    4 sensors x 100 Hz arriving as 5-sample packets, one flush per recorded second. This is the
    pause the calling (engine) thread sees."""
    rng = np.random.default_rng(1)
    period_ns = int(1e9 / RATE_HZ)
    out: dict = {}
    for label, rotate_s in (("flush", 1e9), ("flush_and_rotate", 1e-9)):
        d = Path(tempfile.mkdtemp(prefix="bench_flush_"))
        try:
            w = SessionWriter(d / "s", flush_interval_s=1e9, rotate_s=rotate_s)
            for sid in SENSORS:
                w.add_sensor(SensorInfo(sid, Placement.parse(sid.split("_")[0]), "simulated", RATE_HZ))
            times = []
            for sec in range(seconds):
                for k in range(int(RATE_HZ / PER_PACKET)):
                    t0 = (sec * int(RATE_HZ) + k * PER_PACKET) * period_ns
                    t = t0 + np.arange(PER_PACKET, dtype=np.int64) * period_ns
                    for sid in SENSORS:
                        acc = np.round(rng.normal(0, 0.3, (PER_PACKET, 3)) * 2048) / 2048
                        w.write_samples(SampleBlock(sid, t, acc, acc * 100))
                        w.write_packets([RawPacket(sid, int(t0), "uuid", PAYLOAD)])
                c0 = time.perf_counter()
                w.flush()
                times.append((time.perf_counter() - c0) * 1e3)
            w.close(compact=False)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        out[f"{label}_ms_p50"] = round(float(np.percentile(times, 50)), 2)
        out[f"{label}_ms_p99"] = round(float(np.percentile(times, 99)), 2)
        out[f"{label}_ms_max"] = round(float(np.max(times)), 2)
    return out


def crash_loss(trials: int, flush_s: float = 1.0) -> dict:
    """Real SIGKILL of a real-time recorder (tests/session/crash_child.py) after 2–3 s; seconds lost."""
    lost = []
    for i in range(trials):
        d = Path(tempfile.mkdtemp(prefix="bench_crash_"))
        try:
            proc = subprocess.Popen(
                [sys.executable, str(CHILD), str(d / "s"), str(flush_s), "300"], stdout=subprocess.PIPE, text=True
            )
            kill_at = 200 + 37 * i  # different phases relative to the flush timer
            last = -1
            assert proc.stdout is not None
            for line in proc.stdout:  # "INDEX SECONDS" per sample offered
                last = int(line.split()[0])
                if last >= kill_at:
                    break
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            last = max([last] + [int(x.split()[0]) for x in proc.stdout.read().splitlines() if x.strip()])
            n = len(SessionReader(d / "s").samples("trunk"))
            lost.append((last + 1 - n) / RATE_HZ)
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return {
        "crash_trials": trials,
        "crash_flush_interval_s": flush_s,
        "crash_lost_s_max": round(max(lost), 2),
        "crash_lost_s_mean": round(float(np.mean(lost)), 2),
    }


def run(quick: bool = False) -> dict:
    hours = 0.25 if quick else 8.0
    d = Path(tempfile.mkdtemp(prefix="bench_session_"))
    try:
        result = {f"write_{hours:g}h_{k}": v for k, v in write_long_session(d / "s", hours).items()}
    finally:
        shutil.rmtree(d, ignore_errors=True)
    result.update(flush_latency(20 if quick else 200))
    result.update(crash_loss(1 if quick else 5))
    return result


if __name__ == "__main__":
    bench_main(run)
