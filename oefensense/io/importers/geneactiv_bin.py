"""GENEActiv ``.bin`` files (Activinsights), written from the format's public description.

The file is text: a header of ``Key:value`` lines in sections (device identity, configuration,
calibration data with per-axis ``gain`` and ``offset``, memory status with the page count), then
pages of ``Recorded Data``: 9 header lines (sequence number, ``Page Time``, temperature,
``Measurement Frequency``...) and one line of hexadecimal data, 300 samples of 12 hex digits
each: x, y, z as 12-bit two's complement numbers, then 10 bits of light, a button bit and a
reserved bit. ``acc [g] = (raw * 100 - offset) / gain``. A sample's time is its page's time
plus its index over the page's frequency.

Pages are read one at a time (:data:`PAGES_PER_BLOCK` to a block), so memory is bounded. Subject
fields of the header (subject code, date of birth...) are never read into the recording.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

import numpy as np

from ...core.types import NS_PER_S, Placement, SampleBlock
from ..worded import QT_TR_NOOP
from .base import BlockAssembler, DeviceFileError, DeviceRecording, ReadStats, sensor_info

PAGE_SAMPLES = 300
HEX_PER_SAMPLE = 12
PAGES_PER_BLOCK = 200  # 60 000 samples, 60 s at 1 kHz .. 20 min at 50 Hz
PAGE_HEADER_LINES = 9  # "Recorded Data" .. "Measurement Frequency"


class GeneActivBin:
    name = "geneactiv-bin"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"Device Identity") and b"GENEActiv" in head

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        with open(path, "r", encoding="latin-1", newline=None) as fh:
            header = _read_header(path, fh)
        try:
            gain = np.array([float(header[f"{ax} gain"]) for ax in "xyz"])
            offset = np.array([float(header[f"{ax} offset"]) for ax in "xyz"])
            rate = float(header["Measurement Frequency"].split()[0])
        except (KeyError, ValueError, IndexError) as exc:
            raise DeviceFileError(QT_TR_NOOP("{path}: GENEActiv header lacks calibration or frequency ({reason})"), path=path,
                                  reason=exc) from exc
        if np.any(gain == 0):
            raise DeviceFileError(QT_TR_NOOP("{path}: GENEActiv calibration gain of 0"), path=path)
        acc_range = _range_g(header.get("Accelerometer Range", ""))
        info = sensor_info(sensor_id, placement, rate, has_gyro=False, acc_range_g=acc_range)
        start = header.get("Start Time")

        def read(stats: ReadStats) -> Iterator[SampleBlock]:
            assemble = BlockAssembler(sensor_id, stats)
            with open(path, "r", encoding="latin-1", newline=None) as fh:
                _read_header(path, fh)
                while True:
                    times, raws = [], []
                    for _ in range(PAGES_PER_BLOCK):
                        page = _read_page(path, fh)
                        if page is None:
                            break
                        times.append(page[0])
                        raws.append(page[1])
                    if not raws:
                        return
                    t_ns = np.concatenate(times)
                    acc = (np.concatenate(raws) * 100.0 - offset) / gain
                    block = assemble.block(t_ns, acc)
                    if block is not None:
                        yield block
                    if len(raws) < PAGES_PER_BLOCK:
                        return

        return DeviceRecording(info, path, self.name, _iso(start) if start else None, read)


def _read_header(path: Path, fh: TextIO) -> dict[str, str]:
    """Header fields up to (not including) the first page; the file is left at that page."""
    header: dict[str, str] = {}
    for line in fh:
        line = line.strip()
        if line == "Memory Status":
            pages = fh.readline().strip()
            header["Number of Pages"] = pages.partition(":")[2]
            return header
        key, sep, value = line.partition(":")
        if sep and key not in header:
            header[key.strip()] = value.strip()
    raise DeviceFileError(QT_TR_NOOP("{path}: truncated GENEActiv header (no 'Memory Status' section)"), path=path)


def _read_page(path: Path, fh: TextIO) -> tuple[np.ndarray, np.ndarray] | None:
    """(sample times ns since the epoch, raw x/y/z) of the next page; None at the end of the file."""
    line = fh.readline()
    while line and not line.strip():
        line = fh.readline()
    if not line:
        return None
    if line.strip() != "Recorded Data":
        raise DeviceFileError(QT_TR_NOOP("{path}: corrupt GENEActiv page (expected 'Recorded Data', found {found})"), path=path,
                              found=repr(line.strip()[:40]))
    fields: dict[str, str] = {}
    for _ in range(PAGE_HEADER_LINES - 1):
        key, _, value = fh.readline().strip().partition(":")
        fields[key] = value
    seq = fields.get("Sequence Number", "?")
    data = fh.readline().strip()
    if len(data) != PAGE_SAMPLES * HEX_PER_SAMPLE:
        raise DeviceFileError(QT_TR_NOOP("{path}: truncated GENEActiv page {page} ({digits} of {expected} hex digits)"),
                              path=path, page=seq, digits=len(data), expected=PAGE_SAMPLES * HEX_PER_SAMPLE)
    try:
        page_time = _epoch_ns(fields["Page Time"])
        rate = float(fields["Measurement Frequency"])
        words = np.frombuffer(bytes.fromhex(data), dtype=np.uint8).reshape(PAGE_SAMPLES, 6).astype(np.int64)
    except (KeyError, ValueError) as exc:
        raise DeviceFileError(QT_TR_NOOP("{path}: corrupt GENEActiv page {page} ({reason})"), path=path, page=seq, reason=exc) from exc
    x = (words[:, 0] << 4) | (words[:, 1] >> 4)
    y = ((words[:, 1] & 0x0F) << 8) | words[:, 2]
    z = (words[:, 3] << 4) | (words[:, 4] >> 4)
    raw = np.column_stack([x, y, z])
    raw = np.where(raw >= 2048, raw - 4096, raw).astype(np.float64)  # 12-bit two's complement
    t = page_time + np.round(np.arange(PAGE_SAMPLES) * (NS_PER_S / rate)).astype(np.int64)
    return t, raw


def _epoch_ns(text: str) -> int:
    """``2019-05-21 16:16:43:500`` (device local time) -> ns since 1970 on that clock."""
    stamp = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S:%f")
    return int(round((stamp - datetime(1970, 1, 1)).total_seconds() * 1000)) * 1_000_000


def _iso(text: str) -> str | None:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S:%f").isoformat(timespec="milliseconds")
    except ValueError:
        return None


def _range_g(text: str) -> float:
    """``-8 to 8`` -> 8.0 (0 when absent)."""
    try:
        return float(text.split("to")[-1])
    except ValueError:
        return 0.0
