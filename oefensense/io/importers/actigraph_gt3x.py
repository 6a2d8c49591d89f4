"""ActiGraph ``.gt3x`` files (the ``log.bin`` format of GT3X+/wGT3X-BT/GT9X), written from
ActiGraph's published format description (github.com/actigraph/GT3X-File-Format).

A ``.gt3x`` file is a zip archive with ``info.txt`` (``Key: value`` lines: sample rate,
acceleration scale, start date in .NET ticks) and ``log.bin``, a sequence of records:

    0x1E | type (1 byte) | timestamp (uint32 LE, seconds, device local time) | size (uint16 LE)
         | payload (size bytes) | checksum (1 byte: ones' complement of the XOR of all bytes before it)

Records of type ``ACTIVITY`` (0x00) hold one second of samples as 12-bit two's complement
numbers packed big-endian in the order y, x, z (a 1-byte payload marks USB connection: no
samples); ``ACTIVITY2`` (0x1A) holds x, y, z as int16 little-endian. ``acc [g] = raw / scale``.
A second without a record (idle sleep) is a gap. ``log.bin`` is streamed from the archive, so
memory stays bounded. The older NHANES layout (``activity.bin``) is refused with that reason.

Not tested on a real ``.gt3x`` file: none under a permissive licence was found (see
docs/cohorts.md); the tests build files from the description above.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from ...core.types import NS_PER_S, Placement, SampleBlock
from ..worded import QT_TR_NOOP, Phrase
from .base import BlockAssembler, DeviceFileError, DeviceRecording, ReadStats, sensor_info

SEPARATOR = 0x1E
ACTIVITY, ACTIVITY2 = 0x00, 0x1A
RECORD_OVERHEAD = 9  # separator, type, timestamp, size, checksum
READ_BYTES = 1 << 20
BLOCK_SAMPLES = 60_000
DEFAULT_SCALE = {"6": 341.0, "8": 256.0}  # by acceleration range (±6 g older devices, ±8 g)
DOTNET_EPOCH = datetime(1, 1, 1)


class ActiGraphGt3x:
    name = "actigraph-gt3x"

    def sniff(self, head: bytes) -> bool:
        return head[:4] == b"PK\x03\x04" and (b"log.bin" in head or b"info.txt" in head or b"activity.bin" in head)

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "log.bin" not in names:
                    what = Phrase(QT_TR_NOOP("older NHANES-style .gt3x (activity.bin) is not supported")) if "activity.bin" in names \
                        else Phrase(QT_TR_NOOP("no log.bin in the archive"))
                    raise DeviceFileError("{path}: {what}", path=path, what=what)
                info = _parse_info(zf.read("info.txt").decode("utf-8", "replace")) if "info.txt" in names else {}
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise DeviceFileError(QT_TR_NOOP("{path}: not a readable .gt3x archive ({reason})"), path=path, reason=exc) from exc
        try:
            rate = float(info["Sample Rate"])
        except (KeyError, ValueError) as exc:
            raise DeviceFileError(QT_TR_NOOP("{path}: .gt3x info.txt has no sample rate"), path=path) from exc
        acc_max = info.get("Acceleration Max", "8").split(".")[0].lstrip("+")
        scale = float(info.get("Acceleration Scale") or DEFAULT_SCALE.get(acc_max, 256.0))
        rec_info = sensor_info(sensor_id, placement, rate, has_gyro=False, acc_range_g=float(acc_max or 0))

        def read(stats: ReadStats) -> Iterator[SampleBlock]:
            assemble = BlockAssembler(sensor_id, stats)
            times: list[np.ndarray] = []
            values: list[np.ndarray] = []
            pending = 0
            for t_ns, raw in _activity_seconds(path, rate):
                times.append(t_ns)
                values.append(raw)
                pending += len(t_ns)
                if pending >= BLOCK_SAMPLES:
                    block = assemble.block(np.concatenate(times), np.concatenate(values) / scale)
                    times, values, pending = [], [], 0
                    if block is not None:
                        yield block
            if times:
                block = assemble.block(np.concatenate(times), np.concatenate(values) / scale)
                if block is not None:
                    yield block

        return DeviceRecording(rec_info, path, self.name, _ticks_to_iso(info.get("Start Date")), read)


def _parse_info(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _ticks_to_iso(ticks: str | None) -> str | None:
    try:
        return (DOTNET_EPOCH + timedelta(microseconds=int(ticks) // 10)).isoformat(timespec="milliseconds")
    except (TypeError, ValueError, OverflowError):
        return None


def _activity_seconds(path: Path, rate: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(sample times ns, raw x/y/z) of every activity record of ``log.bin``, streamed."""
    with zipfile.ZipFile(path) as zf, zf.open("log.bin") as log:
        buf = b""
        offset = 0  # file offset of buf[0]
        while True:
            chunk = log.read(READ_BYTES)
            buf += chunk
            pos = 0
            while len(buf) - pos >= RECORD_OVERHEAD:
                if buf[pos] != SEPARATOR:
                    raise DeviceFileError(QT_TR_NOOP("{path}: corrupt .gt3x log (no record separator at byte {byte})"), path=path, byte=offset + pos)
                size = int.from_bytes(buf[pos + 6:pos + 8], "little")
                end = pos + 8 + size + 1
                if end > len(buf):
                    break
                record = np.frombuffer(buf, dtype=np.uint8, count=end - 1 - pos, offset=pos)
                if (~int(np.bitwise_xor.reduce(record))) & 0xFF != buf[end - 1]:
                    raise DeviceFileError(QT_TR_NOOP("{path}: corrupt .gt3x log (checksum of the record at byte {byte})"), path=path, byte=offset + pos)
                kind = buf[pos + 1]
                if kind in (ACTIVITY, ACTIVITY2) and size > 1:
                    stamp = int.from_bytes(buf[pos + 2:pos + 6], "little")
                    payload = buf[pos + 8:pos + 8 + size]
                    raw = _unpack_activity(payload) if kind == ACTIVITY else _unpack_activity2(payload)
                    t = stamp * NS_PER_S + np.round(np.arange(len(raw)) * (NS_PER_S / rate)).astype(np.int64)
                    yield t, raw
                pos = end
            buf = buf[pos:]
            offset += pos
            if not chunk:
                if buf:
                    raise DeviceFileError(QT_TR_NOOP("{path}: truncated .gt3x log (last record cut off at byte {byte})"), path=path, byte=offset)
                return


def _unpack_activity(payload: bytes) -> np.ndarray:
    """12-bit big-endian y, x, z samples -> (n, 3) raw x, y, z."""
    n = len(payload) * 8 // 36
    bits = np.unpackbits(np.frombuffer(payload, dtype=np.uint8))[: n * 36].reshape(n, 3, 12)
    values = bits.astype(np.int64) @ (1 << np.arange(11, -1, -1))
    values = np.where(values >= 2048, values - 4096, values)
    return values[:, [1, 0, 2]].astype(np.float64)


def _unpack_activity2(payload: bytes) -> np.ndarray:
    n = len(payload) // 6
    return np.frombuffer(payload[: n * 6], dtype="<i2").reshape(n, 3).astype(np.float64)
