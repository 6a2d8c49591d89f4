"""The contract every device-file importer keeps, and the helpers they share.

An importer recognises its format by content (:meth:`Importer.sniff` on the first bytes, never
only the extension) and opens a file as a :class:`DeviceRecording`: the sensor's
:class:`~oefensense.core.types.SensorInfo` plus a stream of :class:`SampleBlock` in core units
(time ns from the first sample, acc g, gyro deg/s) read in bounded pieces, so memory does not grow
with the length of a week-long file.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from ...core.types import NS_PER_S, Event, Placement, SampleBlock, SensorInfo
from ..csv_import import placement_from_filename
from ..compression import is_gzip
from ..worded import WordedFileError, cannot_read

SNIFF_BYTES = 4096  # how much of a file's start every importer sees


class DeviceFileError(WordedFileError):
    """A file cannot be read; the message is one line naming the file and the problem (in the
    CLI's language through :meth:`~..worded.WordedFileError.text`)."""


@dataclass
class ReadStats:
    """What a reader had to leave out (reported, never silent): counts of samples."""

    samples: int = 0
    dropped_nonfinite: int = 0  # a sample with a missing or non-numeric axis
    dropped_not_increasing: int = 0  # a timestamp at or before the previous one


@dataclass
class DeviceRecording:
    """One sensor's recording in a file, read lazily.

    ``start_time``: the device clock's time of the first sample as an ISO 8601 string without
    zone (the device's local time, as the file states it), or None when the file has no clock.
    ``blocks()`` may be iterated once; ``stats`` is complete after it.
    """

    info: SensorInfo
    source: Path
    format: str
    start_time: str | None
    _read: Callable[[ReadStats], Iterator[SampleBlock]]
    stats: ReadStats = field(default_factory=ReadStats)
    gaps: list[Event] = field(default_factory=list)  # holes the reader left (flagged gap events)

    def blocks(self) -> Iterator[SampleBlock]:
        return self._read(self.stats)


class Importer(Protocol):
    """One file format: a name, how to recognise it, how to open it."""

    name: str

    def sniff(self, head: bytes) -> bool:
        """True when ``head`` (the first :data:`SNIFF_BYTES` bytes, gunzipped) is this format."""
        ...

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        """The recording in ``path``; raises :class:`DeviceFileError` when it cannot be read."""
        ...


def read_head(path: Path) -> bytes:
    """The first bytes of a file (of its content, for ``.gz``)."""
    try:
        if is_gzip(path):
            with gzip.open(path, "rb") as fh:
                return fh.read(SNIFF_BYTES)
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except (OSError, EOFError) as exc:
        raise cannot_read(path, exc, DeviceFileError) from exc


def placement_from_name(path: Path) -> Placement | None:
    """``x.thigh.cwa`` / ``x.waist.csv.gz`` -> the placement in the name, else None."""
    m = re.search(r"\.([A-Za-z_\-]+)\.[A-Za-z0-9]+(\.gz)?$", path.name, re.IGNORECASE)
    # the CSV importer's rule, for any extension
    return placement_from_filename(Path(f"x.{m.group(1)}.csv")) if m else None


class BlockAssembler:
    """Absolute sample times + values in, SampleBlocks on a clock starting at the first sample out.

    Drops (and counts in ``stats``) samples with a non-finite axis and samples whose time does not
    move forward, so every emitted block is strictly increasing across the whole stream.
    """

    def __init__(self, sensor_id: str, stats: ReadStats) -> None:
        self.sensor_id = sensor_id
        self.stats = stats
        self._t0: int | None = None
        self._last = np.iinfo(np.int64).min

    def block(self, t_abs_ns: np.ndarray, acc_g: np.ndarray, gyr_dps: np.ndarray | None = None) -> SampleBlock | None:
        """The block of these samples (None when nothing is left of them)."""
        t_abs_ns = np.asarray(t_abs_ns, dtype=np.int64)
        acc_g = np.asarray(acc_g, dtype=np.float64)
        finite = np.all(np.isfinite(acc_g), axis=1)
        if gyr_dps is not None:
            gyr_dps = np.asarray(gyr_dps, dtype=np.float64)
            finite &= np.all(np.isfinite(gyr_dps), axis=1)
        self.stats.dropped_nonfinite += int(np.count_nonzero(~finite))
        idx = np.flatnonzero(finite)
        t = t_abs_ns[idx]
        prev_max = np.maximum.accumulate(np.concatenate(([self._last], t)))[:-1]
        forward = t > prev_max
        self.stats.dropped_not_increasing += int(np.count_nonzero(~forward))
        idx = idx[forward]
        if not len(idx):
            return None
        t = t_abs_ns[idx]
        self._last = int(t[-1])
        if self._t0 is None:
            self._t0 = int(t[0])
        self.stats.samples += len(idx)
        return SampleBlock(self.sensor_id, t - self._t0, acc_g[idx], None if gyr_dps is None else gyr_dps[idx])


def interpolate_onto(t_ns: np.ndarray, src_t_ns: np.ndarray, src_xyz: np.ndarray) -> np.ndarray:
    """A second stream of the same device (a gyroscope export) linearly interpolated onto the
    recording's sample times ``t_ns``; NaN outside its span, so those samples are dropped and
    counted by :class:`BlockAssembler`, never extrapolated."""
    inside = (t_ns >= src_t_ns[0]) & (t_ns <= src_t_ns[-1])
    out = np.full((len(t_ns), src_xyz.shape[1]), np.nan)
    # relative times in int64 first: absolute epoch ns (~1e18) as float64 keep only ~100 ns
    ref = src_t_ns[0]
    at, src = (t_ns[inside] - ref).astype(np.float64), (src_t_ns - ref).astype(np.float64)
    for i in range(src_xyz.shape[1]):
        out[inside, i] = np.interp(at, src, src_xyz[:, i])
    return out


def sensor_info(sensor_id: str, placement: Placement, rate_hz: float, *, has_gyro: bool,
                acc_range_g: float = 0.0, gyr_range_dps: float = 0.0) -> SensorInfo:
    """SensorInfo of an imported file (family ``file``: samples arrive decoded, no BLE decoder)."""
    return SensorInfo(sensor_id=sensor_id, placement=placement, family="file", nominal_rate_hz=float(rate_hz),
                      acc_range_g=float(acc_range_g), gyr_range_dps=float(gyr_range_dps), has_gyro=has_gyro)


def whole_file_recording(fmt: str, path: Path, placement: Placement, sensor_id: str, start_time: str | None,
                         t_ns: np.ndarray, acc_g: np.ndarray, gyr_dps: np.ndarray | None) -> DeviceRecording:
    """A recording read whole into arrays (absolute times ns, acc g, gyro deg/s or None): its
    rate from the median sample interval, one block (non-finite and non-increasing samples
    dropped and counted)."""
    rate = round(NS_PER_S / float(np.median(np.diff(t_ns))), 1) if len(t_ns) > 1 else 0.0
    info = sensor_info(sensor_id, placement, rate, has_gyro=gyr_dps is not None)

    def read(stats: ReadStats) -> Iterator[SampleBlock]:
        block = BlockAssembler(sensor_id, stats).block(t_ns, acc_g, gyr_dps)
        if block is not None:
            yield block

    return DeviceRecording(info, path, fmt, start_time, read)
