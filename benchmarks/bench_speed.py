"""Offline speed on one generated long CSV (issue #20): samples/s per core of the whole pipeline
and of each stage, peak RSS, the ratio of the analysis to a single-threaded pyarrow read, and
scikit-digital-health's comparable pipeline on the same file as the outside reference.

    .venv/bin/python -m benchmarks.bench_speed [--quick]      # --quick: one day, else 7 days

The file is bench_week's (100 Hz, one waist sensor with gyro, a daily structure of real HAPT
movement, simulated lifts and desk periods). In one run:

* ``read``: the faster of two single-threaded pyarrow reads of the file (bench_week);
* ``analyze``: the analysis of ``oefensense analyze FILE --start ... --tz ... --work-hours ...``
  (``api``: the same calls, in a child process) with every part timed in CPU seconds: the
  look-ahead (``api.file_learned_ahead``: the file's first part read, parsed and aligned before
  the analysis, every thread's CPU; until 4 Dec 2026 this benchmark left it out, so its figures
  were not those of ``analyze``: on the generated day 2.8 s of 12 s wall; since #20's twelfth
  round the analysis gets those items back from a spill instead of parsing them again, so the
  parse of that part is counted here and not in ``import``), the pipeline's parts in its own thread (``time.thread_time``: the orientation chain, the
  synchroniser, each analysis stage, the result writer), the CSV import as the probe, the
  chunking in the pipeline's thread plus all the CPU of the thread that reads, parses and checks
  the blocks ahead (``CsvStream.reader_cpu_s``); the whole = every thread's CPU
  (``time.process_time``), so samples/s per core = samples / CPU seconds counts the reader
  thread too, although it runs beside the pipeline. CPU seconds hardly change with the
  machine's load, unlike wall time. Its wall time and peak RSS (that process's); and the
  analysis' CPU per thread (``analysis_cpu_s_by_thread``, after the look-ahead: the stages'
  thread, the front's thread that runs ahead of it, the CSV reader): the analysis' wall time
  is at least the largest of them and, on two cores, at least half their sum;
* ``skdh``: scikit-digital-health (installed in its own venv, ``--skdh-python``, default
  ``/tmp/skdh-venv/bin/python``; skipped with the reason when it is missing): the file read with
  pyarrow, then its wear detection, activity levels, lumbar gait and sit-to-stand, each timed the
  same way, and its peak RSS.

Wall-time ratios are within this run; the load average is printed beside them.

``BENCH_SPEED_ACC_INTERPOLATION=sinc`` (environment) runs the analysis with the Synchroniser's
``acc_interpolation`` set to that (a prototype's cost; unset: the defaults, as ``analyze``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._cli import bench_main
from benchmarks.bench_week import READ_PIECES, READ_STREAMING, START, ZONE, _child_rss_mb, peak_rss_poll, write_week

ROOT = Path(__file__).resolve().parents[1]
SKDH_PYTHON = os.environ.get("SKDH_PYTHON", "/tmp/skdh-venv/bin/python")
WORK_HOURS = "Mon-Fri 08:30-17:00"


def _timed_analysis(csv: str, out: str) -> dict:
    """In the child: the single-CSV path of ``api.analyze`` with CPU time per part."""
    from oefensense.analysis.registry import REGISTRY
    from oefensense.api import run_items
    from oefensense.commands.analyze import table_settings
    from oefensense.core.clock import RecordingClock
    from oefensense.io.csv_stream import CsvStream
    from oefensense.io.outputs import AnalysisWriter
    from oefensense.orientation.chain import SensorChain
    from oefensense.pipeline.synchroniser import Synchroniser
    from oefensense.sources import csv_stream_items

    from oefensense.api import file_learned_ahead

    cpu: dict[str, float] = {}
    t_wall, t_cpu = time.perf_counter(), time.process_time()
    stream = CsvStream(csv)  # the probe (units, rate) is read here
    cpu["import"] = time.process_time() - t_cpu
    # as api.analyze: the file's upright learned ahead first (the reading and parsing of the
    # file's first part, every thread's CPU: nothing else runs then), its items spilled and
    # given back to the analysis (file_learned_ahead), before the parts below are timed
    clock = RecordingClock.parse_start(START, ZONE)
    t_ahead = time.process_time()
    seeds, items = file_learned_ahead(csv_stream_items([stream]), clock)
    cpu["look-ahead"] = time.process_time() - t_ahead
    reader_ahead_s = stream.reader_cpu_s  # the reader thread's CPU so far: counted in the look-ahead

    def wrap(cls: type, method: str, part: str) -> None:
        original = getattr(cls, method)

        def timed(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            t0 = time.thread_time()
            try:
                return original(self, *args, **kwargs)
            finally:
                cpu[part] = cpu.get(part, 0.0) + time.thread_time() - t0
        setattr(cls, method, timed)

    for method in ("process", "finish"):
        wrap(SensorChain, method, "orientation")
    acc_interp = os.environ.get("BENCH_SPEED_ACC_INTERPOLATION")
    if acc_interp:  # the prototype's mode, for its cost (the shipped pipeline has no switch for it)
        import dataclasses

        from oefensense.pipeline.synchroniser import SyncSettings

        init = Synchroniser.__init__

        def init_with(self, settings=None) -> None:  # noqa: ANN001
            init(self, dataclasses.replace(settings or SyncSettings(), acc_interpolation=acc_interp))
        Synchroniser.__init__ = init_with
    for method in ("push", "finish"):
        wrap(Synchroniser, method, "synchroniser")
    for name, cls in REGISTRY.classes.items():
        for method in ("process", "finish", "process_events"):
            if method in cls.__dict__ or any(method in b.__dict__ for b in cls.__mro__[1:-1]):
                wrap(cls, method, f"stage {name}")
    for method in ("on_input", "on_output", "close"):
        wrap(AnalysisWriter, method, "writer")

    def timed_items(items):  # noqa: ANN001, ANN202
        it = iter(items)
        while True:
            t0 = time.thread_time()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                cpu["import"] = cpu.get("import", 0.0) + time.thread_time() - t0
            yield item

    import oefensense.engine as engine

    fronts: list = []  # the engine's thread that runs the pipeline's front ahead of the stages

    class FrontThread(engine.Prefetch):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            fronts.append(self)

    t_stages = time.thread_time()
    engine.Prefetch = FrontThread
    try:
        run_items(timed_items(items), Path(out),
                  tables=table_settings(WORK_HOURS, 10.0), imports={stream.sensor_id: stream.report}, seeds=seeds)
    finally:
        engine.Prefetch = FrontThread.__bases__[0]
    # each thread's CPU over the analysis: the largest bounds its wall time (the critical path)
    reader_s = stream.reader_cpu_s - reader_ahead_s  # the reader thread's CPU after the look-ahead
    threads = {"stages (engine, stages, writer)": time.thread_time() - t_stages,
               "front (chains, synchroniser)": sum(f.cpu_s for f in fronts), "csv reader": reader_s}
    total_cpu = time.process_time() - t_cpu  # every thread's
    cpu["import"] += reader_s  # the reader thread's parsing (overlaps the pipeline in wall time)
    cpu["other (engine, pipeline glue)"] = total_cpu - sum(cpu.values())
    return {"samples": stream.report.kept, "cpu_s": total_cpu, "wall_s": time.perf_counter() - t_wall, "parts": cpu,
            "threads": threads}


CHILD = ("import json, sys; from benchmarks.bench_speed import _timed_analysis; "
         "print('RESULT ' + json.dumps(_timed_analysis(sys.argv[1], sys.argv[2])))")


def _run_child(cmd: list[str]) -> tuple[dict, float, float]:
    """(the child's RESULT json, its wall s, its peak RSS MiB)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True)
        rss = peak_rss_poll(proc)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[:3]} failed: {err.read()[-2000:]}")
        line = next(ln for ln in out.read().splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):]), wall, rss


def _per_core(samples: int, parts: dict[str, float]) -> dict[str, dict[str, float]]:
    return {k: {"cpu_s": round(v, 2), "samples_per_s_per_core": round(samples / v) if v > 0 else None}
            for k, v in sorted(parts.items(), key=lambda kv: -kv[1])}


def skdh_reference(csv: Path) -> dict:
    """scikit-digital-health on the same file in its own venv, or why it was skipped."""
    if not Path(SKDH_PYTHON).exists():
        return {"skipped": f"no {SKDH_PYTHON}: python -m venv /tmp/skdh-venv && /tmp/skdh-venv/bin/pip install "
                           "scikit-digital-health pyarrow"}
    check = subprocess.run([SKDH_PYTHON, "-c", "import skdh, pyarrow; print(skdh.__version__)"], capture_output=True,
                           text=True)
    if check.returncode != 0:
        return {"skipped": f"skdh does not import in {SKDH_PYTHON}: {check.stderr.strip().splitlines()[-1:]}"}
    script = ROOT / "benchmarks" / "skdh_reference.py"
    try:
        res, wall, rss = _run_child([SKDH_PYTHON, str(script), str(csv)])
    except RuntimeError as exc:
        return {"skipped": f"skdh failed: {str(exc)[-300:]}"}
    samples = res["samples"]
    return {"version": check.stdout.strip(), "wall_s": round(wall, 1), "peak_rss_mb": round(rss, 1),
            "cpu_s": round(res["cpu_s"], 1), "samples_per_s_per_core": round(samples / res["cpu_s"]),
            "parts": _per_core(samples, res["parts"]), "results": res.get("results", {})}


def run(quick: bool = False) -> dict:
    days = 1 if quick else 7
    with tempfile.TemporaryDirectory(prefix="oefensense-speed-") as tmp:
        csv = Path(tmp) / "week.waist.csv"
        rows = write_week(csv, days)
        load = [round(x, 2) for x in os.getloadavg()]
        stream_s, _, _ = _child_rss_mb([sys.executable, "-c", READ_STREAMING, str(csv)])
        pieces_s, _, _ = _child_rss_mb([sys.executable, "-c", READ_PIECES, str(csv)])
        read_s = min(stream_s, pieces_s)
        res, wall, rss = _run_child([sys.executable, "-c", CHILD, str(csv), str(Path(tmp) / "out")])
        samples = res["samples"]
        ours = {
            "samples": samples,
            "wall_s": round(wall, 1),
            "peak_rss_mb": round(rss, 1),
            "cpu_s": round(res["cpu_s"], 1),
            "samples_per_s_per_core": round(samples / res["cpu_s"]),
            "ratio_wall_to_read": round(wall / read_s, 2),
            "parts": _per_core(samples, res["parts"]),
            "analysis_cpu_s_by_thread": {k: round(v, 2) for k, v in res["threads"].items()},
        }
        load_mid = [round(x, 2) for x in os.getloadavg()]
        ref = skdh_reference(csv)
        if "wall_s" in ref:
            ref["ratio_wall_to_read"] = round(ref["wall_s"] / read_s, 2)
        return {
            "days": days, "rows": rows, "csv_mb": round(csv.stat().st_size / 2**20, 1),
            "load_average_1_5_15": {"before": load, "after_ours": load_mid, "end": [round(x, 2) for x in os.getloadavg()]},
            "pyarrow_read_s": round(read_s, 1),
            "pyarrow_read_streaming_s": round(stream_s, 1), "pyarrow_read_pieces_s": round(pieces_s, 1),
            "oefensense": ours,
            "skdh": ref,
        }


if __name__ == "__main__":
    bench_main(run)
