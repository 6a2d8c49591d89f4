"""A batch's own process must not grow with the number of inputs (--jobs 1 runs them in it;
a pool worker runs many)."""

from __future__ import annotations

import shutil
import threading
import time

from oefensense.batch import run_batch

from .conftest import BUNDLED


def _reader_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("csv-read")]


def test_no_reader_thread_outlives_its_input(tmp_path):
    """The look-ahead reads only a file's first part: its CSV reader thread (and the blocks it
    holds) used to live on, one per input, for the whole batch (49 HAPT files: 49 threads, the
    process 281 -> 417 MiB)."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for i in range(3):
        shutil.copy(BUNDLED, cohort / f"r{i}.pelvis.csv.gz")
    before = set(_reader_threads())
    report = run_batch([cohort], tmp_path / "out", jobs=1)
    assert len(report.done) == 3
    deadline = time.monotonic() + 2.0  # a closed reader ends after its current block (<= 0.1 s wait)
    while set(_reader_threads()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(_reader_threads()) - before == set()
