"""scikit-digital-health's pipeline on bench_speed's CSV: run by bench_speed with the Python of a
separate venv that has ``scikit-digital-health`` and ``pyarrow`` (never the project's lock).

    /tmp/skdh-venv/bin/python benchmarks/skdh_reference.py FILE.csv

Reads the file with pyarrow (single-threaded), converts to skdh's inputs (epoch seconds, acc in
g), then runs the parts of SKDH comparable to ours on a lumbar sensor: wear detection
(accelerometer threshold), activity levels, lumbar gait and sit-to-stand. Prints one line
``RESULT {json}``: samples, CPU seconds (``time.process_time``) in total and per part, and
what each part found. Does not import oefensense.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as ours
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402

START_EPOCH_S = 1772406000.0  # 2026-03-02T00:00+01:00, bench_week's START


def _describe(out: object) -> object:
    """A short account of a step's output: the number of rows of each array it returned."""
    if not isinstance(out, dict):
        return type(out).__name__
    return {str(k): int(np.shape(v)[0]) for k, v in list(out.items())[:6] if np.ndim(v) >= 1}


def main(path: str) -> None:
    import skdh

    cpu: dict[str, float] = {}
    results: dict[str, object] = {}
    t_all = time.process_time()
    t0 = time.process_time()
    table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=False),
                           convert_options=pacsv.ConvertOptions(column_types={"time_s": pa.float64()}))
    t = table["time_s"].to_numpy() + START_EPOCH_S
    acc = np.ascontiguousarray(np.column_stack([table[f"acc_{a}_g"].to_numpy() for a in "xyz"]))
    del table
    cpu["read (pyarrow, whole)"] = time.process_time() - t0
    # The steps chained as skdh.Pipeline chains them (each step's outputs become later inputs),
    # timed one by one.
    data: dict = {"time": t, "accel": acc, "fs": 100.0}
    steps = [
        ("day windows (GetDayWindowIndices, 0-24 h)", skdh.preprocessing.GetDayWindowIndices(bases=[0], periods=[24])),
        ("wear (AccelThresholdWearDetection)", skdh.preprocessing.AccelThresholdWearDetection()),
        ("activity (ActivityLevelClassification, esliger_lumbar_adult)",
         skdh.activity.ActivityLevelClassification(cutpoints="esliger_lumbar_adult")),
        ("gait (GaitLumbar)", skdh.gait.GaitLumbar()),
        ("sit-to-stand (Sit2Stand)", skdh.sit2stand.Sit2Stand()),
    ]
    for name, step in steps:
        t0 = time.process_time()
        try:
            out = step.predict(**data)
            if isinstance(out, tuple):  # (results, data) in some versions
                out = out[0]
            results[name] = _describe(out)
            data.update({k: v for k, v in (out or {}).items() if k in ("wear", "sleep", "day_ends", "tz_name")})
        except Exception as exc:  # noqa: BLE001 - report what the reference could not do
            results[name] = f"failed: {type(exc).__name__}: {str(exc)[:200]}"
        cpu[name] = time.process_time() - t0
    total = time.process_time() - t_all
    print("RESULT " + json.dumps({"samples": int(len(t)), "cpu_s": total, "parts": cpu, "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
