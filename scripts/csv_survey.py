"""Run the CSV plausibility checks over every ``*.csv.gz`` / ``*.csv`` under a folder and print
what they refuse or change, and the figures their limits rest on: median |acc| (g) per file and
the gyro-rotation / accelerometer-tilt ratio (``oefensense.io.csv_checks.gyro_tilt_ratio``).

    python scripts/csv_survey.py ../shared/data
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from oefensense.io.csv_checks import UNIT_PROBE_ROWS, gyro_tilt_ratio
from oefensense.io.csv_import import CsvImportError, read_csv


def main(folder: str) -> None:
    files = sorted(p for p in Path(folder).rglob("*.csv*") if p.name.endswith((".csv", ".csv.gz")))
    refused, changed, rest_g, ratios = [], [], [], []
    for f in files:
        try:
            rec = read_csv(f)
        except CsvImportError as exc:
            refused.append(str(exc))
            continue
        if rec.report.changed or rec.report.gaps:
            changed.append(f"{f}: {rec.report.describe()}")
        b = rec.block
        rest_g.append(float(np.median(np.linalg.norm(b.acc_g[:UNIT_PROBE_ROWS], axis=1))))
        if b.gyr_dps is not None:
            r = gyro_tilt_ratio(b.t_ns, b.acc_g, b.gyr_dps)
            if r is not None:
                ratios.append(r)
    print(f"files {len(files)}, refused {len(refused)}, rows dropped or sorted in {len(changed)}")
    for line in refused + changed:
        print("  " + line)
    if rest_g:
        print(f"median |acc| per file: {min(rest_g):.3f} - {max(rest_g):.3f} g")
    if ratios:
        q = np.percentile(ratios, [0, 50, 100])
        print(f"gyro/tilt ratio: {len(ratios)} files with >= 3 turning windows: min {q[0]:.3f}, median {q[1]:.3f}, "
              f"max {q[2]:.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
