"""Decoding speed per device family: decoded samples/s on one core.

    python -m benchmarks.bench_protocols [--quick]

For each registered family the simulated firmware streams a synthetic recording at the family's
benchmark rate (its fastest rate ≤ 208 Hz); the packets are generated first, then only
``decoder.decode`` is timed, best of 3, on this thread's CPU clock (one core; the machine is
shared, so wall-clock figures are also given). ``<id>_x_realtime_4x200hz`` = samples per CPU
second ÷ (4 sensors × 200 Hz); the target is well above 100.

``<id>_screen_cpu_ratio``: CPU time of decoding with the plausibility screen (every sample
checked against the configured range) ÷ the same decoder with the screen replaced by a plain
sample count, measured alternately in the same run (so a shared machine's load cancels).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._cli import bench_main
from oefensense.protocols import StreamConfig, families

NS = 1_000_000_000


def _recording(seconds: float, rate: float = 200.0):
    t = np.arange(int(seconds * rate)) / rate
    rng = np.random.default_rng(0)
    acc = np.stack([0.3 * np.sin(2 * np.pi * 0.7 * t), 0.2 * np.cos(2 * np.pi * 1.3 * t), 0.9 + 0.05 * np.sin(t)], 1)
    gyr = np.stack([80 * np.sin(2 * np.pi * 0.5 * t), -45 * np.cos(2 * np.pi * 1.1 * t), 20 * np.sin(3 * t)], 1)
    acc += rng.normal(0, 0.01, acc.shape)  # sensor noise: keeps delta widths realistic
    gyr += rng.normal(0, 0.5, gyr.shape)
    return (t * NS).astype(np.int64), acc, gyr


def bench_family(family, seconds: float) -> dict:
    rate = max(r for r in family.supported_rates_hz if r <= 208)
    cfg = StreamConfig(rate_hz=rate, gyro=family.has_gyro)
    fw = family.simulated_firmware(*_recording(seconds + 1))
    packets = []
    for w in family.identify_commands(cfg):  # boards that must say what they are (MetaWear)
        packets += [(u, d) for u, d in fw.handle_write(w.char_uuid, w.data)]
    cfg = family.resolve_config(cfg, packets)
    for w in family.start_commands(cfg):
        packets += [(u, d) for u, d in fw.handle_write(w.char_uuid, w.data)]
    packets += [(u, p) for _, u, p in fw.packets_until(int(seconds * NS))]
    best = best_wall = 0.0
    n = 0
    cpu_screened, cpu_plain = [], []
    for _ in range(3):
        dec = family.new_decoder(cfg)
        c0, t0 = time.thread_time(), time.perf_counter()
        for u, p in packets:
            dec.decode(u, p)
        cpu, wall = time.thread_time() - c0, time.perf_counter() - t0
        n = dec.stats.samples
        best = max(best, n / max(cpu, 1e-9))
        best_wall = max(best_wall, n / wall)
        cpu_screened.append(cpu)
        plain = family.new_decoder(cfg)
        plain._screen = _count_only(plain)  # the same decoder without the screen
        c0 = time.thread_time()
        for u, p in packets:
            plain.decode(u, p)
        cpu_plain.append(time.thread_time() - c0)
    return {
        f"{family.id}_rate_hz": rate,
        f"{family.id}_packets": len(packets),
        f"{family.id}_samples": n,
        f"{family.id}_decoded_samples_per_cpu_s": round(best),
        f"{family.id}_decoded_samples_per_wall_s": round(best_wall),
        f"{family.id}_x_realtime_4x200hz": round(best / 800.0, 1),
        f"{family.id}_x_realtime_4_sensors_at_bench_rate": round(best / (4 * rate), 1),
        f"{family.id}_us_per_packet": round(1e6 * (n / best) / max(1, len(packets)), 2),
        f"{family.id}_screen_cpu_ratio": round(min(cpu_screened) / max(min(cpu_plain), 1e-9), 2),
    }


def _count_only(dec):  # noqa: ANN001, ANN202
    def screen(batches):  # noqa: ANN001, ANN202
        for b in batches:
            dec.stats.samples += len(b.t_device_ns)
        return batches

    return screen


def _machine_reference_us() -> float:
    """Median time of a tiny numpy op (µs): ~0.3-0.5 on an idle core; shows how loaded the
    machine was, since decoding single-sample packets is dominated by such per-call costs."""
    a = np.arange(100.0)
    ts = []
    for _ in range(2000):
        t0 = time.perf_counter()
        a * 2.0
        ts.append(time.perf_counter() - t0)
    return round(float(np.median(ts)) * 1e6, 3)


def run(quick: bool = False) -> dict:
    seconds = 20.0 if quick else 120.0
    out: dict = {"seconds_streamed_per_family": seconds, "numpy_small_op_us": _machine_reference_us()}
    for fam in families().values():
        out.update(bench_family(fam, seconds))
    return out


if __name__ == "__main__":
    bench_main(run)
