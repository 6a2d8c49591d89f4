"""A week of wear through ``oefensense analyze``: wall time as a ratio to reading the CSV, peak RSS.

    .venv/bin/python -m benchmarks.bench_week [--quick]      # --quick: one day

Writes a 7-day, 100 Hz, single-sensor (waist) CSV with a daily structure built from the bundled
real recording (HAPT excerpt, resampled to 100 Hz) and the movement simulator: nights lying,
work days (Mon-Fri) of long sitting bouts with walking, standing and lifts, weekends, and the
sensor taken off and laid on a desk (device noise) several times a day. Then, each in its own
process:

* ``pyarrow_read_s``: the faster of two single-threaded pyarrow reads of the same file (every
  row parsed, nothing kept): pyarrow's streaming reader, and 2-MiB pieces each parsed by
  ``read_csv`` - the floor any CSV analysis stands on;
* ``analyze_wall_s`` and ``analyze_peak_rss_mb``: ``oefensense analyze FILE --start ... --tz
  Europe/Amsterdam --work-hours "Mon-Fri 08:30-17:00"`` (the peak RSS of that process);
* ``ratio`` = analyze / read; the load average beside them (the machine may be shared).

It also checks the result: one ``days.csv`` row per date and the non-wear found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._cli import bench_main

RATE = 100.0
START = "2026-03-02T00:00+01:00"  # a Monday
ZONE = "Europe/Amsterdam"
WORKDAY = [("lie", 420), ("desk", 30), ("mix", 60), ("sit", 75), ("mix", 15), ("lift", 5), ("sit", 60), ("mix", 15),
           ("desk", 45), ("sit", 90), ("mix", 20), ("lift", 5), ("sit", 60), ("mix", 30), ("mix", 60), ("sit", 120),
           ("desk", 60), ("lie", 270)]  # fmt: skip
WEEKEND = [("lie", 540), ("desk", 30), ("mix", 120), ("sit", 60), ("mix", 180), ("desk", 90), ("mix", 120), ("sit", 150),
           ("lie", 150)]  # fmt: skip


def _sources() -> dict[str, np.ndarray]:
    """Arrays (n, 6: acc g, gyro deg/s) at 100 Hz that the pieces repeat."""
    from oefensense.core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
    from oefensense.orientation import SensorChain
    from oefensense.sim import lifting_demo_script, simulate
    from oefensense.sim.wear import mirror_tile
    from oefensense.sources.simulated import bundled_recording

    rec = bundled_recording()
    b = rec.block
    t = np.arange(b.t_ns[0], b.t_ns[-1], int(NS_PER_S / RATE))
    mix = np.column_stack([np.interp(t, b.t_ns, b.acc_g[:, i]) for i in range(3)]
                          + [np.interp(t, b.t_ns, b.gyr_dps[:, i]) for i in range(3)])
    labels = np.asarray(rec.labels, dtype=object)[np.searchsorted(b.t_ns, t).clip(0, len(b) - 1)]

    def stretch(label: str) -> np.ndarray:
        edges = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1], True])
        a, e = max(((a, e) for a, e in zip(edges[:-1], edges[1:]) if labels[a] == label), key=lambda r: r[1] - r[0])
        blk = SampleBlock("x", t[a + 200:e - 200], mix[a + 200:e - 200, :3], mix[a + 200:e - 200, 3:], None)
        tile = mirror_tile(blk, 600.0, RATE)
        return np.hstack([tile.acc_g, tile.gyr_dps])

    # the simulated lifts worn as the bundled recording's waist phone is: with the simulator's own
    # random mounting the file's sensor turned in its clip at every lift piece, the alignment
    # learned from the rest did not fit them, and the week showed 0 lifts (care audit, 3 Dec)
    chain = SensorChain(SensorInfo("waist", Placement.PELVIS, nominal_rate_hz=RATE))
    chain.process(SampleBlock("waist", t, mix[:, :3], mix[:, 3:], None))
    chain.finish()
    sim = simulate(lifting_demo_script(), rate_hz=RATE, seed=3, placements=(Placement.PELVIS,),
                   mounting={Placement.PELVIS: chain.alignment.rotation})
    pelvis = sim.blocks[Placement.PELVIS]
    return {"mix": mix, "sit": stretch("sitting"), "lie": stretch("lying"),
            "lift": np.hstack([pelvis.acc_g, pelvis.gyr_dps])}


def write_week(path: Path, days: int) -> int:
    """The week's CSV (time_s relative; acc in g, gyro in deg/s); returns its rows."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    src = _sources()
    rng = np.random.default_rng(0)
    names = ["time_s", "acc_x_g", "acc_y_g", "acc_z_g", "gyr_x_dps", "gyr_y_dps", "gyr_z_dps"]
    row = 0
    with pacsv.CSVWriter(str(path), pa.schema([(n, pa.float64()) for n in names])) as writer:
        for day in range(days):
            for kind, minutes in (WORKDAY if day % 7 < 5 else WEEKEND):
                n = int(minutes * 60 * RATE)
                for a in range(0, n, 1_000_000):
                    m = min(1_000_000, n - a)
                    if kind == "desk":
                        x = np.zeros((m, 6))
                        x[:, 2] = 1.0
                        x[:, :3] += rng.normal(0, 0.002, (m, 3))
                        x[:, 3:] = rng.normal(0, 0.05, (m, 3)) + (0.3, -0.2, 0.1)
                    else:
                        s = src[kind]
                        x = s[(np.arange(a, a + m)) % len(s)]
                    t = (row + np.arange(m)) / RATE
                    cols = [np.round(t, 2)] + [np.round(x[:, i], 5) for i in range(3)] + [np.round(x[:, i], 3) for i in range(3, 6)]
                    writer.write_table(pa.table(dict(zip(names, cols))))
                    row += m
    return row


def peak_rss_poll(proc: subprocess.Popen, every_s: float = 0.1) -> float:
    """Wait for ``proc``; its peak RSS in MiB (the largest VmHWM read while it ran).

    Not ``wait4``'s ``ru_maxrss``: Linux carries the forking parent's RSS into a child's
    ``ru_maxrss`` across exec, so a child of this (large) process would report at least its size.
    VmHWM belongs to the child's own address space; it is read every ``every_s`` until exit."""
    peak = 0.0
    status = f"/proc/{proc.pid}/status"
    while proc.poll() is None:
        try:
            with open(status) as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024.0)
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(every_s)
    return peak


def _child_rss_mb(cmd: list[str]) -> tuple[float, float, int]:
    """Run ``cmd``; (wall s, its peak RSS MiB, return code)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL, stderr=err)
        rss = peak_rss_poll(proc)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd[2:4]} failed: {err.read().decode()[-2000:]}")
    return wall, rss, proc.returncode


# Two single-threaded pyarrow reads of the whole file (every row parsed, nothing kept); the
# faster is the reference: pyarrow's streaming reader, and 2-MiB pieces each parsed by read_csv
# (what oefensense.io.csv_stream does, without the reader's read-ahead).
READ_STREAMING = ("import sys, pyarrow.csv as c\n"
                  "r = c.open_csv(sys.argv[1], read_options=c.ReadOptions(use_threads=False, block_size=1 << 24))\n"
                  "n = sum(b.num_rows for b in r)\nprint(n)\n")
READ_PIECES = ("import sys, pyarrow as pa, pyarrow.csv as c\n"
               "f = open(sys.argv[1], 'rb'); names = f.readline().decode().strip().split(',')\n"
               "ro = c.ReadOptions(column_names=names, use_threads=False, block_size=1 << 23)\n"
               "co = c.ConvertOptions(column_types={n: pa.float64() for n in names})\n"
               "rest, n = b'', 0\n"
               "while True:\n"
               "    chunk = f.read(1 << 21); data = rest + chunk\n"
               "    cut = len(data) if not chunk else data.rfind(b'\\n') + 1; rest = data[cut:]\n"
               "    if cut: n += c.read_csv(pa.py_buffer(memoryview(data)[:cut]), read_options=ro, convert_options=co).num_rows\n"
               "    if not chunk: break\n"
               "print(n)\n")


def run(quick: bool = False) -> dict:
    days = 1 if quick else 7
    with tempfile.TemporaryDirectory(prefix="oefensense-week-") as tmp:
        csv = Path(tmp) / "week.waist.csv"
        t0 = time.perf_counter()
        rows = write_week(csv, days)
        made = time.perf_counter() - t0
        load_before = os.getloadavg()
        stream_s, stream_rss, _ = _child_rss_mb([sys.executable, "-c", READ_STREAMING, str(csv)])
        pieces_s, pieces_rss, _ = _child_rss_mb([sys.executable, "-c", READ_PIECES, str(csv)])
        read_s = min(stream_s, pieces_s)
        out = Path(tmp) / "out"
        analyze_s, rss, _ = _child_rss_mb([sys.executable, "-m", "oefensense.cli", "analyze", str(csv), "--out", str(out),
                                           "-q", "--start", START, "--tz", ZONE, "--work-hours", "Mon-Fri 08:30-17:00"])
        res = out / "week"
        day_rows = [r for r in (res / "days.csv").read_text().splitlines()[1:] if ",all," in r]
        summary = json.loads((res / "summary.json").read_text())
        return {
            "days": days,
            "rows": rows,
            "csv_mb": round(csv.stat().st_size / 2**20, 1),
            "write_s": round(made, 1),
            "pyarrow_read_s": round(read_s, 1),
            "pyarrow_read_streaming_s": round(stream_s, 1),
            "pyarrow_read_pieces_s": round(pieces_s, 1),
            "analyze_wall_s": round(analyze_s, 1),
            "ratio_analyze_to_read": round(analyze_s / read_s, 2),
            "analyze_peak_rss_mb": round(rss, 1),
            "pyarrow_read_peak_rss_mb": {"streaming": round(stream_rss, 1), "pieces": round(pieces_rss, 1)},
            "days_rows": len(day_rows),
            "non_wear_periods": summary["non_wear"]["periods"],
            "non_wear_h": round(summary["non_wear"]["total_s"] / 3600, 2),
            "load_average_1min": {"before_reads": round(load_before[0], 2), "after_analyze": round(os.getloadavg()[0], 2)},
        }


if __name__ == "__main__":
    bench_main(run)
