"""Polar Sensor Logger exports (Polar Verity Sense, OH1, H10), one ``;``-separated file per stream.

Polar Sensor Logger (PSL, the Android app built on the Polar BLE SDK) writes
``Polar_<model>_<device id>_<YYYYMMDDhhmmss>_<STREAM>.txt``. The motion streams share one layout:

    ACC:  Phone timestamp;sensor timestamp [ns];X [mg];Y [mg];Z [mg]
    GYRO: Phone timestamp;sensor timestamp [ns];X [dps];Y [dps];Z [dps]

``sensor timestamp [ns]`` is the sensor's own clock, nanoseconds since 2000-01-01T00:00:00Z
(Polar BLE SDK, TimeSystemExplained.md): it paces the samples. ``Phone timestamp`` is the phone's
local wall clock when the packet arrived; the first row's gives the recording's start time (the
sensor clock may never have been set). The accelerometer file is the recording; a GYRO sibling
(same name with ``_GYRO``) is read with it and interpolated onto the accelerometer's times, as for
MetaBase. Every other PSL stream (GYRO, MAGN, HR, RR, PPG, PPI, ECG) beside an ACC file is part of
that recording, not an input of its own. Files are read whole (like a plain CSV). Written from
the published headers; not tested on a real export (none under a permissive licence was found).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ...core.types import Placement
from ..worded import QT_TR_NOOP, Phrase
from .base import DeviceFileError, DeviceRecording, interpolate_onto, whole_file_recording

MG_PER_G = 1000.0
HEADER_START = b"Phone timestamp;"
STREAM_SUFFIX = re.compile(r"_(ACC|GYRO|MAGN|MAG|HR|RR|PPG|PPI|ECG)\.txt(\.gz)?$")
PHONE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$")


def stream_of(path: Path) -> str | None:
    """The PSL stream a file name ends with (``ACC``, ``GYRO``...), or None."""
    m = STREAM_SUFFIX.search(path.name)
    return m.group(1) if m else None


def accelerometer_sibling(path: Path) -> Path | None:
    """The ACC export a PSL stream of another kind belongs to, when there is one."""
    stream = stream_of(path)
    if stream in (None, "ACC"):
        return None
    sibling = path.with_name(STREAM_SUFFIX.sub(r"_ACC.txt\2", path.name))
    return sibling if sibling.is_file() else None


class PolarSensorLogger:
    name = "polar-sensor-logger"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(HEADER_START)

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        t_ns, acc, unit, start = _read_stream(path)
        if unit != "mg":
            partner = accelerometer_sibling(path)
            hint = Phrase(QT_TR_NOOP("; analyse {name}"), name=partner.name) if partner else ""
            raise DeviceFileError(QT_TR_NOOP("{path}: a Polar Sensor Logger [{unit}] stream, not an accelerometer recording{hint}"),
                                  path=path, unit=unit, hint=hint)
        acc = acc / MG_PER_G
        gyr = None
        gyro_path = path.with_name(STREAM_SUFFIX.sub(r"_GYRO.txt\2", path.name)) if stream_of(path) else None
        if gyro_path is not None and gyro_path.is_file():
            g_t, g_xyz, g_unit, _ = _read_stream(gyro_path)
            if g_unit != "dps":
                raise DeviceFileError(QT_TR_NOOP("{path}: expected a gyroscope stream in dps, found [{unit}]"), path=gyro_path, unit=g_unit)
            gyr = interpolate_onto(t_ns, g_t, g_xyz)
        return whole_file_recording(self.name, path, placement, sensor_id, start, t_ns, acc, gyr)


def _read_stream(path: Path) -> tuple[np.ndarray, np.ndarray, str, str | None]:
    """(sensor times ns since 2000-01-01, x/y/z, unit of the axes, phone time of the first row)."""
    try:
        table = pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=";"),
            # the phone time as written (pyarrow would turn it into a timestamp and reformat it)
            convert_options=pacsv.ConvertOptions(strings_can_be_null=True, column_types={"Phone timestamp": pa.string()}),
        )
    except (pa.ArrowInvalid, OSError) as exc:
        raise DeviceFileError(QT_TR_NOOP("{path}: not a readable Polar Sensor Logger file ({reason})"), path=path,
                              reason=" ".join(str(exc).split())) from exc
    names = [n.strip() for n in table.column_names]
    table = table.rename_columns(names)
    axes = [next((n for n in names if n.startswith(ax + " [")), None) for ax in ("X", "Y", "Z")]
    if "sensor timestamp [ns]" not in names or None in axes:
        raise DeviceFileError(QT_TR_NOOP("{path}: a Polar Sensor Logger {stream}file without sensor timestamp [ns] and X/Y/Z "
                                         "columns (not a motion stream)"), path=path, stream=f"{stream_of(path)} " if stream_of(path) else "")
    if table.num_rows == 0:
        raise DeviceFileError(QT_TR_NOOP("{path}: a Polar Sensor Logger file without samples"), path=path)
    units = {n[3:-1] for n in axes if n}
    if len(units) != 1:
        raise DeviceFileError(QT_TR_NOOP("{path}: Polar Sensor Logger axes in different units {units}"), path=path, units=sorted(units))
    try:
        t_ns = table["sensor timestamp [ns]"].to_numpy(zero_copy_only=False).astype(np.int64)
        xyz = np.column_stack([table[a].to_numpy(zero_copy_only=False).astype(np.float64) for a in axes])
    except (pa.ArrowInvalid, ValueError, TypeError) as exc:
        raise DeviceFileError(QT_TR_NOOP("{path}: non-numeric Polar Sensor Logger values ({reason})"), path=path, reason=exc) from exc
    return t_ns, xyz, units.pop(), _start_time(table["Phone timestamp"][0].as_py())


def _start_time(phone: object) -> str | None:
    """The first row's phone time as ISO 8601 without zone (the phone's local time), when readable."""
    m = PHONE_TIME.match(str(phone).strip()) if phone is not None else None
    return f"{m.group(1)}T{m.group(2)}" if m else None
