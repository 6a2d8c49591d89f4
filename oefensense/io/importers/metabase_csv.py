"""MbientLab MetaBase CSV exports (MetaMotion / MetaWear sensors), one file per sensor stream.

MetaBase writes ``<device>_<date>_<MAC>_Accelerometer_<firmware>.csv`` with the header
``epoch (ms),time (<utc offset>),elapsed (s),x-axis (g),y-axis (g),z-axis (g)`` and, for the
gyroscope, ``..._Gyroscope_<firmware>.csv`` with ``x-axis (deg/s)``. The accelerometer file is
the recording: its gyroscope sibling (the same name with ``Gyroscope``) is read with it and
interpolated onto the accelerometer's sample times (samples outside the gyroscope's span are
left out and counted). A gyroscope file is not a recording of its own. Both files are read
whole, like a plain CSV. Written from the layout MetaBase writes; not tested on a real export
(none under a permissive licence was found; docs/cohorts.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ...core.types import Placement
from ..worded import QT_TR_NOOP, Phrase
from .base import DeviceFileError, DeviceRecording, interpolate_onto, whole_file_recording

AXES = ("x-axis", "y-axis", "z-axis")
UNITS = {"(g)": 1.0, "(deg/s)": 1.0}


def gyroscope_sibling(path: Path) -> Path | None:
    """The gyroscope export beside an accelerometer export, when there is one."""
    if "_Accelerometer" not in path.name:
        return None
    sibling = path.with_name(path.name.replace("_Accelerometer", "_Gyroscope"))
    return sibling if sibling.is_file() else None


def accelerometer_sibling(path: Path) -> Path | None:
    """The accelerometer export a gyroscope export belongs to, when there is one."""
    if "_Gyroscope" not in path.name:
        return None
    sibling = path.with_name(path.name.replace("_Gyroscope", "_Accelerometer"))
    return sibling if sibling.is_file() else None


class MetaBaseCsv:
    name = "metabase-csv"

    def sniff(self, head: bytes) -> bool:
        line = head.split(b"\n", 1)[0]
        return line.startswith((b"epoch (ms),", b"epoc (ms),")) and b"x-axis (" in line

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        t_ns, acc, unit, local_start = _read_stream(path)
        if unit != "(g)":
            partner = accelerometer_sibling(path)
            hint = Phrase(QT_TR_NOOP("; analyse {name}"), name=partner.name) if partner else ""
            raise DeviceFileError(QT_TR_NOOP("{path}: a MetaBase {unit} stream, not an accelerometer recording{hint}"),
                                  path=path, unit=unit, hint=hint)
        gyro_path = gyroscope_sibling(path)
        gyr = None
        if gyro_path is not None:
            g_t, g_xyz, g_unit, _ = _read_stream(gyro_path)
            if g_unit != "(deg/s)":
                raise DeviceFileError(QT_TR_NOOP("{path}: expected a gyroscope stream in deg/s, found {unit}"), path=gyro_path, unit=g_unit)
            gyr = interpolate_onto(t_ns, g_t, g_xyz)
        return whole_file_recording(self.name, path, placement, sensor_id, local_start, t_ns, acc, gyr)


def _read_stream(path: Path) -> tuple[np.ndarray, np.ndarray, str, str | None]:
    """(epoch times ns, x/y/z, unit of the axes, local time of the first row) of one export."""
    try:
        table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
    except (pa.ArrowInvalid, OSError) as exc:
        raise DeviceFileError(QT_TR_NOOP("{path}: not a readable MetaBase CSV ({reason})"), path=path,
                              reason=" ".join(str(exc).split())) from exc
    names = table.column_names
    time_col = next((n for n in names if n.startswith(("epoch (ms)", "epoc (ms)"))), None)
    axes = [next((n for n in names if n.startswith(ax + " (")), None) for ax in AXES]
    if time_col is None or None in axes or table.num_rows == 0:
        raise DeviceFileError(QT_TR_NOOP("{path}: MetaBase CSV without epoch (ms) and x/y/z-axis columns or rows"), path=path)
    units = {n[len("x-axis "):] for n in axes if n}
    if len(units) != 1:
        raise DeviceFileError(QT_TR_NOOP("{path}: MetaBase axes in different units {units}"), path=path, units=sorted(units))
    try:
        t_ns = table[time_col].to_numpy(zero_copy_only=False).astype(np.int64) * 1_000_000
        xyz = np.column_stack([table[a].to_numpy(zero_copy_only=False).astype(np.float64) for a in axes])
    except (pa.ArrowInvalid, ValueError, TypeError) as exc:
        raise DeviceFileError(QT_TR_NOOP("{path}: non-numeric MetaBase values ({reason})"), path=path, reason=exc) from exc
    local = next((n for n in names if n.startswith("time (")), None)
    start = None
    if local is not None and table[local][0].is_valid:
        stamp = str(table[local][0].as_py())  # 2019-03-14T10.12.53.436
        start = stamp[:10] + stamp[10:].replace(".", ":", 2) if "T" in stamp else None
    return t_ns, xyz, units.pop(), start
