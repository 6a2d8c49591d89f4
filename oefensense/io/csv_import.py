"""Import plain unit-suffixed CSV files (one file per sensor) into core units.

Columns (other columns are ignored, order free, header required):

* ``time_s`` seconds or ``time_ms`` milliseconds (need not be uniform),
* ``acc_{x,y,z}_g`` or ``acc_{x,y,z}_ms2`` (required),
* ``gyr_{x,y,z}_dps`` or ``gyr_{x,y,z}_rads`` (optional),
* ``mag_{x,y,z}_ut`` (optional).

``.csv.gz`` is read transparently. The placement comes from the caller or from a file name
ending ``.<placement>.csv[.gz]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.types import Placement, SampleBlock, SensorInfo
from .csv_checks import CsvCheckSettings, CsvImportError, ImportReport
from .csv_stream import CsvStream, _Rows


@dataclass(frozen=True, slots=True)
class ImportedRecording:
    """One sensor's samples from a file, with its metadata and original labels (if any)."""

    info: SensorInfo
    block: SampleBlock
    labels: np.ndarray | None  # the dataset's own label column (strings), never an input
    source: Path
    report: ImportReport | None = None  # what the import dropped or sorted (None: not a CSV import)


def placement_from_filename(path: Path) -> Placement | None:
    """``x.waist.csv.gz`` -> pelvis; None when the name carries no placement."""
    m = re.search(r"\.([A-Za-z_\-]+)\.csv(\.gz)?$", path.name, re.IGNORECASE)
    if not m:
        return None
    try:
        return Placement.parse(m.group(1))
    except ValueError:
        return None


def read_csv(path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None,
             settings: CsvCheckSettings | None = None) -> ImportedRecording:
    """Read one sensor's CSV whole into a :class:`SampleBlock` on a session clock starting at the
    file's first usable row, after the plausibility checks of :mod:`oefensense.io.csv_checks`:
    the :class:`~oefensense.io.csv_stream.CsvStream` concatenated (a long file is better streamed).

    Raises :class:`CsvImportError` (one line naming the likely cause) for files without
    recognisable unit-suffixed columns, non-numeric values, time out of order beyond the reorder
    window or beyond any recording's span, a time unit or acc/gyro unit that contradicts physics,
    mostly unusable rows, or no placement. What was dropped or sorted is in ``report``.
    """
    stream = CsvStream(path, placement, sensor_id, settings, labels=True)
    parts = [r for r in stream._rows() if isinstance(r, _Rows)]
    rows = parts[0] if len(parts) == 1 else _concat(parts)
    block = SampleBlock(stream.sensor_id, rows.t_ns, rows.acc, rows.gyr, rows.mag)
    return ImportedRecording(stream.info, block, rows.labels, stream.path, stream.report)


def _concat(parts: list[_Rows]) -> _Rows:
    def cat(attr: str) -> np.ndarray | None:
        arrays = [getattr(p, attr) for p in parts]
        return None if arrays[0] is None else np.concatenate(arrays)
    return _Rows(cat("t_ns"), cat("acc"), cat("gyr"), cat("mag"), cat("labels"))


__all__ = ["CsvImportError", "ImportedRecording", "placement_from_filename", "read_csv"]
