"""Import plain unit-suffixed CSV files (one file per sensor) into core units.

Columns (other columns are ignored, order free, header required):

* ``time_s`` seconds (need not be uniform),
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

# unit suffix -> factor to core units (acc g, gyro deg/s, mag µT)
ACC_UNITS = {"g": 1.0, "ms2": 1.0 / STANDARD_GRAVITY_MS2}
GYR_UNITS = {"dps": 1.0, "rads": float(np.degrees(1.0))}
MAG_UNITS = {"ut": 1.0}

EXPECTED_COLUMNS = (
    "time_s, acc_x_g/acc_y_g/acc_z_g (or acc_*_ms2); optional gyr_x_dps.. (or gyr_*_rads), mag_x_ut.."
)


class ImportError_(ValueError):
    """A file cannot be imported; the message says what to change."""


CsvImportError = ImportError_


@dataclass(frozen=True, slots=True)
class ImportedRecording:
    """One sensor's samples from a file, with its metadata and original labels (if any)."""

    info: SensorInfo
    block: SampleBlock
    labels: np.ndarray | None  # the dataset's own label column (strings), never an input
    source: Path


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


def read_csv(path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None) -> ImportedRecording:
    """Read one sensor's CSV into a :class:`SampleBlock` on a session clock starting at the file's t=0.

    Raises :class:`CsvImportError` for files without recognisable unit-suffixed columns, with
    non-numeric or non-increasing time, or without a placement.
    """
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
    if "time_s" not in names or acc is None:
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
        t_s = table["time_s"].to_numpy(zero_copy_only=False).astype(np.float64)
    except (ValueError, TypeError) as exc:
        raise ImportError_(f"{path}: time_s is not numeric") from exc
    acc_g, gyr_dps, mag_ut = xyz(acc), xyz(gyr), xyz(mag)

    keep = np.isfinite(t_s) & np.all(np.isfinite(acc_g), axis=1)
    if gyr_dps is not None:
        keep &= np.all(np.isfinite(gyr_dps), axis=1)
    if not keep.any():
        raise ImportError_(f"{path}: no complete rows")
    t_ns = np.round((t_s - t_s[keep][0]) * NS_PER_S).astype(np.int64)
    # Drop rows whose time does not move forward (duplicated or reordered timestamps).
    keep &= _strictly_increasing_mask(t_ns, keep)

    labels = None
    if "label" in names:
        labels = np.asarray(table["label"].to_pylist(), dtype=object)[keep]
    sel = lambda a: None if a is None else a[keep]  # noqa: E731
    block = SampleBlock(sensor_id or placement.value, t_ns[keep], acc_g[keep], sel(gyr_dps), sel(mag_ut))
    rate = _nominal_rate_hz(block.t_ns)
    info = SensorInfo(
        sensor_id=block.sensor_id,
        placement=placement,
        family="file",
        nominal_rate_hz=rate,
        has_gyro=gyr_dps is not None,
        has_mag=mag_ut is not None,
    )
    return ImportedRecording(info, block, labels, path)


def _strictly_increasing_mask(t_ns: np.ndarray, keep: np.ndarray) -> np.ndarray:
    out = np.zeros_like(keep)
    idx = np.flatnonzero(keep)
    t = t_ns[idx]
    running_max = np.maximum.accumulate(t)
    ok = np.ones(len(t), dtype=bool)
    ok[1:] = t[1:] > running_max[:-1]
    out[idx[ok]] = True
    return out


def _nominal_rate_hz(t_ns: np.ndarray) -> float:
    """Median sampling rate in Hz, rounded to 0.1 Hz (robust to jitter and gaps)."""
    if len(t_ns) < 2:
        return 0.0
    dt = np.diff(t_ns)
    return round(NS_PER_S / float(np.median(dt)), 1)
