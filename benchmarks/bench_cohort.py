"""Cohort throughput: ``oefensense batch`` over 20 simulated 24-hour recordings with ``--jobs 1``,
``--jobs 2`` and a Dask cluster of two workers on localhost (scheduler + 2 worker processes).

Prints wall time, speed-up over ``--jobs 1``, recorded hours per wall-clock second and the peak
RSS of a worker (the largest over the workers; for ``--jobs 1`` the one process), and checks that
the three runs wrote identical files. Then the peak RSS of one fresh worker analysing one
recording of 1 h and of 24 h, in a streamed format (a simulated file in the GENEActiv ``.bin``
layout) and as CSV (read whole): the figures behind ``oefensense/batch/memory.py``. The recordings (50 Hz pelvis sensor, acc + gyro, the
bundled HAPT excerpt tiled with fresh noise per file, ``.csv.gz``) are generated once into
``benchmarks/results/cohort-cache/``. ``--quick``: 4 recordings of 1 hour;
``--recordings N --hours H``: another cohort size.

    python -m benchmarks.bench_cohort [--quick] [--recordings N --hours H] [--memory HOURS]
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._cli import bench_main

HERE = Path(__file__).resolve().parent
RATE_HZ = 50.0
CHUNK_ROWS = 500_000


def _write_recording(path: Path, hours: float, seed: int) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from oefensense.sources.simulated import bundled_recording

    src = bundled_recording().block
    period_ns = int(1e9 / RATE_HZ)
    t_src = np.arange(src.t_ns[0], src.t_ns[-1], period_ns)
    acc = np.column_stack([np.interp(t_src, src.t_ns, src.acc_g[:, i]) for i in range(3)])
    gyr = np.column_stack([np.interp(t_src, src.t_ns, src.gyr_dps[:, i]) for i in range(3)])
    total = int(hours * 3600 * RATE_HZ)
    rng = np.random.default_rng(seed)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wb", compresslevel=1) as raw:
        for start in range(0, total, CHUNK_ROWS):
            n = min(CHUNK_ROWS, total - start)
            idx = (np.arange(start, start + n) + seed * 997) % len(t_src)
            noise = rng.normal(0, 0.002, (n, 3))
            cols = {"time_s": np.round(np.arange(start, start + n) / RATE_HZ, 3)}
            for i, ax in enumerate("xyz"):
                cols[f"acc_{ax}_g"] = np.round(acc[idx, i] + noise[:, i], 4)
            for i, ax in enumerate("xyz"):
                cols[f"gyr_{ax}_dps"] = np.round(gyr[idx, i] + noise[:, i] * 50, 2)
            options = pacsv.WriteOptions(include_header=start == 0)
            pacsv.write_csv(pa.table(cols), raw, write_options=options)
    tmp.rename(path)


def _write_geneactiv(path: Path, hours: float) -> None:
    """A simulated recording in the GENEActiv .bin layout (acc only, 50 Hz; header without subject
    fields) for the memory figure of a streamed format: not a device's file."""
    from oefensense.sources.simulated import bundled_recording

    src = bundled_recording().block
    period_ns = int(1e9 / RATE_HZ)
    t_src = np.arange(src.t_ns[0], src.t_ns[-1], period_ns)
    acc = np.column_stack([np.interp(t_src, src.t_ns, src.acc_g[:, i]) for i in range(3)])
    pages = int(hours * 3600 * RATE_HZ) // 300
    header = ("Device Identity\nDevice Type:GENEActiv\n\nDevice Capabilities\nAccelerometer Range:-8 to 8\n\n"
              "Configuration Info\nMeasurement Frequency:50 Hz\nStart Time:2024-01-01 00:00:00:000\n\n"
              "Calibration Data\nx gain:25600\nx offset:0\ny gain:25600\ny offset:0\nz gain:25600\nz offset:0\n\n"
              f"Memory Status\nNumber of Pages:{pages}\n")
    start = np.datetime64("2024-01-01T00:00:00", "ms")
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as fh:
        fh.write(header)
        for p in range(pages):
            idx = (np.arange(p * 300, (p + 1) * 300)) % len(t_src)
            raw = np.clip(np.round(acc[idx] * 256), -2048, 2047).astype(np.int64) & 0xFFF
            x, y, z = raw[:, 0], raw[:, 1], raw[:, 2]
            b = np.column_stack([x >> 4, ((x & 0xF) << 4) | (y >> 8), y & 0xFF, z >> 4, (z & 0xF) << 4,
                                 np.zeros_like(x)]).astype(np.uint8)
            stamp = str(start + np.timedelta64(p * 6000, "ms")).replace("T", " ")
            page_time = stamp[:19] + ":" + stamp[20:23]
            fh.write(f"Recorded Data\nDevice Unique Serial Code:000000\nSequence Number:{p}\nPage Time:{page_time}\n"
                     "Unassigned:\nTemperature:25.0\nBattery voltage:4.0\nDevice Status:Recording\n"
                     f"Measurement Frequency:50.0\n{b.tobytes().hex().upper()}\n")
    tmp.rename(path)


def worker_memory(hours: float) -> dict:
    """Peak RSS of one fresh worker process analysing one recording of ``hours`` hours: a
    streamed format (GENEActiv layout) and a CSV (read whole until issue #17)."""
    import json
    import subprocess

    folder = HERE / "results" / "cohort-cache" / "memory"
    folder.mkdir(parents=True, exist_ok=True)
    out: dict = {}
    for fmt, name in (("streamed_bin", f"sim{hours:g}h.pelvis.bin"), ("csv_gz", f"sim{hours:g}h.pelvis.csv.gz")):
        path = folder / name
        if not path.exists():
            (_write_geneactiv if fmt == "streamed_bin" else lambda p, h: _write_recording(p, h, 99))(path, hours)
        code = ("import json, sys, tempfile; from pathlib import Path; "
                "from oefensense.batch import discover, process_input, run_batch; "
                "from oefensense.batch.job import JobSettings; "
                "d = tempfile.mkdtemp(); i = discover([sys.argv[1]])[0]; "
                "r = process_input(i, JobSettings(out_dir=Path(d))); "
                "print(json.dumps([r.status, r.reason, r.peak_rss_bytes]))")
        proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        status, reason, peak = json.loads(proc.stdout.strip().splitlines()[-1])
        if status != "done":
            raise RuntimeError(f"{path}: {reason}")
        text_mb = (path.stat().st_size if fmt == "streamed_bin" else _gunzipped_size(path)) / 2**20
        out[fmt] = {"peak_rss_mb": round(peak / 2**20, 1), "text_mb": round(text_mb, 1)}
    return out


def _gunzipped_size(path: Path) -> int:
    with gzip.open(path, "rb") as fh:
        return sum(len(c) for c in iter(lambda: fh.read(1 << 24), b""))


def cohort(n: int, hours: float) -> Path:
    """A folder with the first ``n`` cached recordings of ``hours`` hours (made when missing)."""
    cache = HERE / "results" / "cohort-cache" / f"{hours:g}h"
    folder = HERE / "results" / "cohort-cache" / f"{n}x{hours:g}h"
    cache.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"subject{i:02d}.pelvis.csv.gz"
        if not (cache / name).exists():
            _write_recording(cache / name, hours, seed=i)
        if not (folder / name).exists():
            (folder / name).symlink_to(cache / name)
    return folder


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".batch.lock"}


def _timed(inputs: Path, out: Path, **kw) -> dict:
    from oefensense.batch import run_batch

    t0 = time.perf_counter()
    report = run_batch([inputs], out, **kw)
    wall = time.perf_counter() - t0
    if report.errors or len(report.done) != report.inputs:
        raise RuntimeError(f"batch failed: {report.errors}")
    return {"wall_s": round(wall, 1), "worker_peak_rss_mb": round(report.peak_rss_bytes / 2**20, 1)}


def run(quick: bool = False, recordings: int | None = None, hours: float | None = None) -> dict:
    """``recordings``/``hours`` override the default cohort (20 x 24 h; quick: 4 x 1 h)."""
    sys.path.insert(0, str(HERE.parent / "scripts"))
    from dask_cluster import LocalCluster

    n, h = (4, 1.0) if quick else (20, 24.0)
    n, hours = recordings or n, hours or h
    t0 = time.perf_counter()
    inputs = cohort(n, hours)
    gen_s = time.perf_counter() - t0
    result: dict = {"recordings": n, "hours_each": hours, "rate_hz": RATE_HZ, "generate_s": round(gen_s, 1)}
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as tmp:
        tmp = Path(tmp)
        result["jobs_1"] = _timed(inputs, tmp / "jobs1", jobs=1)
        result["jobs_2"] = _timed(inputs, tmp / "jobs2", jobs=2)
        cluster = LocalCluster(tmp / "dask", workers=2)
        try:
            address = cluster.start()
            result["dask_2_workers"] = _timed(inputs, tmp / "dask-out", scheduler=address)
        finally:
            cluster.stop()
        reference = _tree(tmp / "jobs1")
        result["identical_outputs"] = all(_tree(tmp / d) == reference for d in ("jobs2", "dask-out"))
        shutil.rmtree(tmp / "dask", ignore_errors=True)
    for length in ((0.5, 2.0) if quick else (1.0, 24.0)):
        result[f"worker_memory_{length:g}h"] = worker_memory(length)
    base = result["jobs_1"]["wall_s"]
    for key in ("jobs_1", "jobs_2", "dask_2_workers"):
        result[key]["speedup"] = round(base / result[key]["wall_s"], 2)
        result[key]["recorded_h_per_wall_s"] = round(n * hours / result[key]["wall_s"], 2)
    return result


def main() -> None:
    """``--quick`` and ``--json`` as every benchmark; ``--recordings N --hours H`` for a smaller
    cohort than the default when the machine has no hour to spare (say so with the figures)."""
    import argparse
    import json

    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--recordings", type=int)
    ap.add_argument("--hours", type=float)
    ap.add_argument("--memory", type=float, metavar="HOURS", help="only the worker memory figure at HOURS")
    args = ap.parse_args()
    if args.memory:
        print(json.dumps({f"worker_memory_{args.memory:g}h": worker_memory(args.memory)}, indent=2))
        return
    if args.recordings is None and args.hours is None:
        bench_main(run)
        return
    result = run(args.quick, args.recordings, args.hours)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
