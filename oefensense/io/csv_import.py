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

import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..core.types import NS_PER_S, STANDARD_GRAVITY_MS2, Placement, SampleBlock, SensorInfo
from .csv_checks import (CsvCheckSettings, CsvImportError, ImportReport, check_acc_unit, check_gyro_unit, check_span,
                         check_time_unit, holes, row_problems, time_order)

# unit suffix -> factor to core units (acc g, gyro deg/s, mag µT)
ACC_UNITS = {"g": 1.0, "ms2": 1.0 / STANDARD_GRAVITY_MS2}
GYR_UNITS = {"dps": 1.0, "rads": float(np.degrees(1.0))}
MAG_UNITS = {"ut": 1.0}
TIME_UNITS = {"time_s": 1.0, "time_ms": 1e-3}  # column -> factor to seconds

EXPECTED_COLUMNS = (
    "time_s (or time_ms), acc_x_g/acc_y_g/acc_z_g (or acc_*_ms2); optional gyr_x_dps.. (or gyr_*_rads), mag_x_ut.."
)


ImportError_ = CsvImportError  # the name this module used before csv_checks held the error type


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
    m = re.search(r"\.([A-Za-z_\-]+)\.csv(\.gz)?$", path.name)
    if not m:
        return None
    try:
        return Placement.parse(m.group(1))
    except ValueError:
        return None


def _pick_axes(names: list[str], prefix: str, units: dict[str, float]) -> tuple[list[str], float] | None:
    for unit, factor in units.items():
        cols = [f"{prefix}_{ax}_{unit}" for ax in "xyz"]
        if all(c in names for c in cols):
            return cols, factor
    return None


def _read_table(path: Path) -> pa.Table:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            data = fh.read()
    except (OSError, EOFError) as exc:
        raise ImportError_(f"{path}: cannot read ({exc})") from exc
    try:
        return pacsv.read_csv(
            io.BytesIO(data),
            convert_options=pacsv.ConvertOptions(strings_can_be_null=True),
        )
    except pa.ArrowInvalid as exc:
        raise ImportError_(f"{path}: not a readable CSV ({exc}); expected columns {EXPECTED_COLUMNS}") from exc


def read_csv(path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None,
             settings: CsvCheckSettings | None = None) -> ImportedRecording:
    """Read one sensor's CSV into a :class:`SampleBlock` on a session clock starting at the file's
    first usable row, after the plausibility checks of :mod:`oefensense.io.csv_checks`.

    Raises :class:`CsvImportError` (one line naming the likely cause) for files without
    recognisable unit-suffixed columns, non-numeric values, time out of order beyond the reorder
    window or beyond any recording's span, a time unit or acc/gyro unit that contradicts physics,
    mostly unusable rows, or no placement. What was dropped or sorted is in ``report``.
    """
    settings = settings or CsvCheckSettings()
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    if placement is None:
        placement = placement_from_filename(path)
        if placement is None:
            raise ImportError_(
                f"{path}: unknown placement; pass --placement (trunk, pelvis, thigh) or name the file "
                "NAME.<placement>.csv[.gz]"
            )
    elif isinstance(placement, str):
        placement = Placement.parse(placement)

    table = _read_table(path)
    names = [n.strip().lower() for n in table.column_names]
    table = table.rename_columns(names)
    acc = _pick_axes(names, "acc", ACC_UNITS)
    time_col = next((c for c in TIME_UNITS if c in names), None)
    if time_col is None or acc is None:
        raise ImportError_(
            f"{path}: no recognisable unit-suffixed columns (found {', '.join(names[:8])}); "
            f"expected {EXPECTED_COLUMNS}"
        )
    gyr = _pick_axes(names, "gyr", GYR_UNITS)
    mag = _pick_axes(names, "mag", MAG_UNITS)

    def xyz(spec: tuple[list[str], float] | None) -> np.ndarray | None:
        if spec is None:
            return None
        cols, factor = spec
        try:
            a = np.column_stack([table[c].to_numpy(zero_copy_only=False).astype(np.float64) for c in cols])
        except (pa.ArrowInvalid, ValueError, TypeError) as exc:
            raise ImportError_(f"{path}: non-numeric values in {cols}") from exc
        return a * factor

    try:
        t_s = table[time_col].to_numpy(zero_copy_only=False).astype(np.float64) * TIME_UNITS[time_col]
    except (ValueError, TypeError) as exc:
        raise ImportError_(f"{path}: {time_col} is not numeric") from exc
    acc_g, gyr_dps, mag_ut = xyz(acc), xyz(gyr), xyz(mag)
    report = ImportReport(rows=len(t_s))

    # Rows that cannot be used: no time, NaN/inf values, values beyond any sensor's range.
    nonfinite, beyond = row_problems(acc_g, gyr_dps, settings)
    nonfinite |= ~np.isfinite(t_s)
    dropped = nonfinite | beyond
    report.dropped_nonfinite = int(np.count_nonzero(nonfinite))
    report.dropped_out_of_range = int(np.count_nonzero(beyond))
    where = str(path)
    finite = ~nonfinite
    if np.any(finite):  # units first: all rows "impossible" is usually a unit mix-up (1e30 g, mg...)
        check_acc_unit(acc_g[finite], acc[0][0].rsplit("_", 1)[1], where, settings)
    keep_idx = np.flatnonzero(~dropped)
    if not len(keep_idx):
        raise ImportError_(f"{path}: no complete rows (every row has a missing, non-finite or impossible value)")
    if len(dropped) and np.count_nonzero(dropped) > settings.max_dropped_fraction * len(dropped):
        raise ImportError_(f"{path}: {np.count_nonzero(dropped)} of {len(dropped)} rows are unusable "
                           f"({report.dropped_nonfinite} NaN/inf, {report.dropped_out_of_range} beyond "
                           f"±{settings.max_acc_g:g} g / ±{settings.max_gyr_dps:g} deg/s): check the file")
    check_span(t_s[keep_idx], where, settings)
    check_time_unit(t_s[keep_idx], time_col, where, settings)
    t_ns = np.zeros(len(t_s), dtype=np.int64)
    t_ns[keep_idx] = np.round((t_s[keep_idx] - t_s[keep_idx[0]]) * NS_PER_S).astype(np.int64)
    reason = np.where(nonfinite, "nonfinite", "out_of_range")
    if len(keep_idx) > 1:  # holes are judged between the kept rows in file order
        report.gaps = holes(t_ns, dropped, reason)
    order, report.reordered, report.dropped_duplicate_time = time_order(t_ns[keep_idx], where, settings)
    keep_idx = keep_idx[order]
    report.kept = len(keep_idx)

    sel = lambda a: None if a is None else a[keep_idx]  # noqa: E731
    block = SampleBlock(sensor_id or placement.value, t_ns[keep_idx], acc_g[keep_idx], sel(gyr_dps), sel(mag_ut))
    if block.gyr_dps is not None:
        check_gyro_unit(block.t_ns, block.acc_g, block.gyr_dps, gyr[0][0].rsplit("_", 1)[1], where, settings)
    labels = None
    if "label" in names:
        labels = np.asarray(table["label"].to_pylist(), dtype=object)[keep_idx]
    rate = _nominal_rate_hz(block.t_ns)
    info = SensorInfo(
        sensor_id=block.sensor_id,
        placement=placement,
        family="file",
        nominal_rate_hz=rate,
        has_gyro=gyr_dps is not None,
        has_mag=mag_ut is not None,
    )
    return ImportedRecording(info, block, labels, path, report)


def _nominal_rate_hz(t_ns: np.ndarray) -> float:
    """Median sampling rate in Hz, rounded to 0.1 Hz (robust to jitter and gaps)."""
    if len(t_ns) < 2:
        return 0.0
    dt = np.diff(t_ns)
    return round(NS_PER_S / float(np.median(dt)), 1)
