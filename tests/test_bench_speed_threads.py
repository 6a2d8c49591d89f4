"""``benchmarks.bench_speed``'s timed analysis gives each thread's CPU (issue #20): the stages'
thread, the front's thread that runs ahead of it and the CSV reader. The largest bounds the
analysis' wall time, which is what decides whether moving work between threads can help (the
eighth round, benchmarks/RESULTS.md)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import oefensense.data
from oefensense.sources.simulated import BUNDLED_RECORDING


def _three_times(dst: Path) -> Path:
    """The bundled recording three times over (720 s, times running on): longer than the
    look-ahead reads and than a chunk (360 s), so the reader has work left in the analysis (the
    bundled 240 s alone are all read by the look-ahead, and its reader's CPU is then 0)."""
    src = Path(oefensense.data.__file__).parent / BUNDLED_RECORDING
    header, *rows = gzip.open(src, "rt").read().splitlines()
    with gzip.open(dst, "wt") as f:
        f.write(header + "\n")
        for k in range(3):
            for row in rows:
                t, rest = row.split(",", 1)
                f.write(f"{float(t) + k * 240.02:.2f},{rest}\n")
    return dst


def test_the_timed_analysis_gives_the_cpu_of_each_thread(tmp_path: Path) -> None:
    from benchmarks import bench_speed

    csv = _three_times(tmp_path / "three.waist.csv.gz")
    got, _, _ = bench_speed._run_child([sys.executable, "-c", bench_speed.CHILD, str(csv), str(tmp_path / "out")])
    threads = got["threads"]
    assert set(threads) == {"stages (engine, stages, writer)", "front (chains, synchroniser)", "csv reader"}
    assert all(v > 0 for v in threads.values())
    assert sum(threads.values()) <= got["cpu_s"] + 0.05  # each is part of every thread's CPU
    assert (tmp_path / "out" / "events.jsonl").exists()
