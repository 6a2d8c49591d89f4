"""How many workers fit in memory: ``--jobs`` never asks for more memory than is available.

A worker's peak resident memory is a fixed base (interpreter, numpy/numba/onnxruntime, the
pipeline's bounded state) for streamed formats (device files, sessions, plain unit-suffixed CSVs
since #17), plus the decoded samples for CSV exports still read whole (MetaBase). The figures are measured by ``python -m
benchmarks.bench_cohort`` (docs/cohorts.md quotes them) with a margin on top.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from .discover import BatchInput
from ..io.compression import is_gzip

MIB = 1 << 20
# Measured with `python -m benchmarks.bench_cohort` (docs/cohorts.md, 2026-12-02): one worker
# peaks at 346 MiB on a 24-h streamed device file and 404 MiB on a 24-h CSV (streamed), a Dask
# worker at 548 MiB in the 20 x 24 h cohort; before the streaming CSV import a 24-h CSV (195 MiB
# of text) took a worker to 3606 MiB, 16.5 bytes per byte of text (what MetaBase still costs).
WORKER_BASE_BYTES = 700 * MIB  # 548 MiB measured + margin
CSV_BYTES_PER_TEXT_BYTE = 18.0  # ~16.5 measured + margin
USABLE_FRACTION = 0.8  # of the available memory


def available_memory_bytes() -> int | None:
    """MemAvailable from /proc/meminfo (Linux), else free pages; None when unknown."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return None


def _text_bytes(path: Path) -> int:
    """Uncompressed size of a (possibly gzipped) text file."""
    size = path.stat().st_size
    if is_gzip(path):
        with open(path, "rb") as fh:  # gzip's trailer: the input size modulo 2**32
            fh.seek(-4, os.SEEK_END)
            trailer = int.from_bytes(fh.read(4), "little")
        return max(trailer, size)
    return size


def worker_peak_bytes(item: BatchInput) -> int:
    """Expected peak memory of a worker analysing this input."""
    name = item.path.name.lower()
    if not item.is_session and (name.endswith(".csv") or name.endswith(".csv.gz")) and not _streamed_csv(item.path):
        try:
            return WORKER_BASE_BYTES + int(CSV_BYTES_PER_TEXT_BYTE * _text_bytes(item.path))
        except (OSError, gzip.BadGzipFile):
            return WORKER_BASE_BYTES
    return WORKER_BASE_BYTES


def _streamed_csv(path: Path) -> bool:
    """A plain unit-suffixed CSV (either dialect): read in bounded blocks (io/csv_stream.py)."""
    from ..io.importers.base import DeviceFileError, read_head
    from ..io.importers.plain_csv import PlainCsv, SemicolonCsv

    try:
        head = read_head(path)
    except DeviceFileError:
        return False
    return PlainCsv().sniff(head) or SemicolonCsv().sniff(head)


def jobs_lowered(requested: int, inputs: list[BatchInput],
                 available: int | None = None) -> tuple[int, int, int, int] | None:
    """(requested, jobs that fit, a worker's largest expected peak MiB, available MiB) when the
    memory makes the jobs fewer than requested, else None."""
    available = available_memory_bytes() if available is None else available
    if available is None or not inputs:
        return None
    peak = max(worker_peak_bytes(i) for i in inputs)
    fit = max(1, int(available * USABLE_FRACTION // peak))
    if fit >= requested:
        return None
    return requested, fit, round(peak / MIB), round(available / MIB)


def cap_jobs(requested: int, inputs: list[BatchInput], available: int | None = None) -> tuple[int, str]:
    """(jobs to run, a note when the memory made it fewer than requested)."""
    lowered = jobs_lowered(requested, inputs, available)
    if lowered is None:
        return max(1, requested), ""
    return lowered[1], lowered_note(*lowered)


def lowered_note(asked: int, fit: int, peak_mib: int, available_mib: int) -> str:
    """The note (English; the CLI words it in the user's language) for :func:`jobs_lowered`."""
    return (f"--jobs {asked} lowered to {fit}: a worker may need up to {peak_mib} MiB "
            f"and {available_mib} MiB is available")
