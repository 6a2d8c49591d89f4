"""Axivity AX3 / AX6 ``.cwa`` files (OpenMovement continuous wave accelerometer format).

Samples are decoded by ``cwa_reader_rs`` (MIT, Rust core; see docs/cohorts.md for the licence
check), which reads a range of 512-byte data sectors at a time: we ask for
:data:`SECTORS_PER_READ` sectors per call, so memory stays bounded for week-long files. Before a
range is decoded its sectors are checked here against the format's own integrity rules (every
data sector starts ``AX`` and its 256 little-endian 16-bit words sum to 0 modulo 2**16), so a
damaged or truncated file is an error naming the file and the sector, not silently thinner data.
AX6 files carry a gyroscope (deg/s); AX3 files are accelerometer-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ...core.types import Placement, SampleBlock
from ..worded import QT_TR_NOOP
from .base import BlockAssembler, DeviceFileError, DeviceRecording, ReadStats, sensor_info

HEADER_BYTES = 1024  # the "MD" metadata block
SECTOR_BYTES = 512
SECTORS_PER_READ = 512  # ~40-60 k samples per read (≈ 8 MB of decoded columns at most)


class AxivityCwa:
    name = "axivity-cwa"

    def sniff(self, head: bytes) -> bool:
        # "MD" + packet length 0x3FC (1020, little endian): the metadata block of every .cwa file
        return head[:4] == b"MD\xfc\x03"

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        try:
            import cwa_reader_rs
        except ImportError as exc:  # pragma: no cover - a runtime dependency
            raise DeviceFileError(QT_TR_NOOP("{path}: reading .cwa needs the cwa-reader-rs package ({reason})"), path=path, reason=exc) from exc
        size = path.stat().st_size
        if size < HEADER_BYTES + SECTOR_BYTES:
            raise DeviceFileError(QT_TR_NOOP("{path}: truncated Axivity .cwa file ({size} bytes: no data sector after the header)"),
                                  path=path, size=size)
        if (size - HEADER_BYTES) % SECTOR_BYTES:
            raise DeviceFileError(
                QT_TR_NOOP("{path}: truncated Axivity .cwa file (ends {into} bytes into a 512-byte data sector; {size} bytes in all)"),
                path=path, into=(size - HEADER_BYTES) % SECTOR_BYTES, size=size)
        try:
            meta = cwa_reader_rs.read_metadata(str(path))
        except Exception as exc:  # the reader's own errors carry no common base class
            raise DeviceFileError(QT_TR_NOOP("{path}: not a readable Axivity .cwa file ({reason})"), path=path, reason=_one_line(exc)) from exc
        rate = float(meta.get("sample_rate_hz") or 0.0)
        has_gyro = bool(meta.get("gyro_range"))
        info = sensor_info(sensor_id, placement, rate, has_gyro=has_gyro,
                           acc_range_g=float(meta.get("accel_range") or 0.0),
                           gyr_range_dps=float(meta.get("gyro_range") or 0.0))
        n_sectors = (size - HEADER_BYTES) // SECTOR_BYTES

        def read(stats: ReadStats) -> Iterator[SampleBlock]:
            assemble = BlockAssembler(sensor_id, stats)
            with open(path, "rb") as fh:
                for first in range(0, n_sectors, SECTORS_PER_READ):
                    count = min(SECTORS_PER_READ, n_sectors - first)
                    fh.seek(HEADER_BYTES + first * SECTOR_BYTES)
                    _check_sectors(path, fh.read(count * SECTOR_BYTES), first)
                    try:
                        frame = cwa_reader_rs.read_cwa_file(
                            str(path), cut=cwa_reader_rs.blocks(first, first + count), include_magnetometer=False,
                            include_temperature=False, include_light=False, include_battery=False)
                    except Exception as exc:
                        raise DeviceFileError(QT_TR_NOOP("{path}: cannot decode data sectors {first}-{last} ({reason})"),
                                              path=path, first=first, last=first + count - 1, reason=_one_line(exc)) from exc
                    if not len(frame):
                        continue
                    t_ns = frame.index.values.astype("datetime64[ns]").astype(np.int64)
                    acc = frame[["acc_x", "acc_y", "acc_z"]].to_numpy(np.float64)
                    gyr = frame[["gyro_x", "gyro_y", "gyro_z"]].to_numpy(np.float64) if has_gyro else None
                    block = assemble.block(t_ns, acc, gyr)
                    if block is not None:
                        yield block

        start = meta.get("start_from_data_raw")
        return DeviceRecording(info, path, self.name, str(start) if start else None, read)


def _check_sectors(path: Path, data: bytes, first: int) -> None:
    words = np.frombuffer(data, dtype="<u2").reshape(-1, SECTOR_BYTES // 2)
    bad_header = np.flatnonzero(words[:, 0] != int.from_bytes(b"AX", "little"))
    if len(bad_header):
        raise DeviceFileError(QT_TR_NOOP("{path}: corrupt Axivity .cwa file (data sector {sector} does not start with 'AX')"),
                              path=path, sector=first + int(bad_header[0]))
    bad_sum = np.flatnonzero(words.sum(axis=1, dtype=np.uint16) != 0)
    if len(bad_sum):
        raise DeviceFileError(QT_TR_NOOP("{path}: corrupt Axivity .cwa file (checksum of data sector {sector} does not match)"),
                              path=path, sector=first + int(bad_sum[0]))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
