"""Plain unit-suffixed CSV (``time_s, acc_x_g, ...``) in both dialects.

* comma-separated with decimal points: streamed in bounded blocks by
  :class:`oefensense.io.csv_stream.CsvStream`;
* semicolon-separated with decimal commas (a Dutch or German Excel export, often with a UTF-8
  byte-order mark and CRLF line ends): transcoded line by line into the comma dialect in a
  temporary file, then read by the same function, so both dialects pass the same checks (units,
  missing values, time order). In a ``;`` file a comma can only be a decimal separator; a value
  with a thousands separator (``1.234,5``) becomes ``1.234.5`` and is refused as non-numeric.
"""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ...core.types import Placement, SampleBlock
from ..csv_checks import CsvImportError
from ..csv_stream import TIME_UNITS, CsvStream
from .base import DeviceFileError, DeviceRecording, ReadStats
from ..compression import is_gzip
from ..worded import Number, WordedFileError, cannot_read

BOM = b"\xef\xbb\xbf"


def _first_line(head: bytes) -> bytes:
    return head.removeprefix(BOM).split(b"\n", 1)[0].lower()


def _has_time_column(line: bytes) -> bool:
    """A time column the CSV reader takes (``time_s`` or ``time_ms``: csv_stream.TIME_UNITS)."""
    return any(name.encode() in line for name in TIME_UNITS)


class PlainCsv:
    name = "csv"

    def sniff(self, head: bytes) -> bool:
        line = _first_line(head)
        return _has_time_column(line) and b"," in line and b";" not in line

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        return _recording(path, path, placement, sensor_id, self.name)


class SemicolonCsv:
    name = "csv-semicolon"

    def sniff(self, head: bytes) -> bool:
        line = _first_line(head)
        return _has_time_column(line) and b";" in line

    def open(self, path: Path, placement: Placement, sensor_id: str) -> DeviceRecording:
        opener = gzip.open if is_gzip(path) else open
        tmp = tempfile.TemporaryDirectory(prefix="oefensense-csv-")  # lives until the stream is read
        plain = Path(tmp.name) / "transcoded.csv"
        try:
            with opener(path, "rb") as src, open(plain, "wb") as dst:
                for i, line in enumerate(src):
                    if i == 0:
                        line = line.removeprefix(BOM)
                    dst.write(line.replace(b",", b".").replace(b";", b",").replace(b"\r\n", b"\n"))
            return _recording(plain, path, placement, sensor_id, self.name, tmp)
        except (OSError, EOFError) as exc:
            tmp.cleanup()
            raise cannot_read(path, exc, DeviceFileError) from exc
        except DeviceFileError:
            tmp.cleanup()
            raise


def _recording(read_path: Path, source: Path, placement: Placement, sensor_id: str, fmt: str,
               tmp: tempfile.TemporaryDirectory | None = None) -> DeviceRecording:
    """The recording streamed from ``read_path`` (``tmp``: a folder removed once it is read; a
    recording never read leaves it to the TemporaryDirectory's finaliser)."""
    def named(exc: CsvImportError) -> DeviceFileError:
        # the CSV reader names the file it read: for a transcoded file, name the user's file instead
        if exc.fields:  # keep the words: the CLI says them in its language
            fields = {k: v if isinstance(v, (WordedFileError, Number)) else str(v).replace(str(read_path), str(source))
                      for k, v in exc.fields.items()}  # phrases and numbers: said in the CLI's language
            return DeviceFileError(exc.template, **fields)
        return DeviceFileError(str(exc).replace(str(read_path), str(source)))

    try:
        stream = CsvStream(read_path, placement=placement, sensor_id=sensor_id)
    except CsvImportError as exc:
        raise named(exc) from exc
    gaps: list = []  # filled while streaming (device_items passes on those found late)

    def read(stats: ReadStats) -> Iterator[SampleBlock]:
        items = stream.items()
        try:
            for item in items:
                if isinstance(item, SampleBlock):
                    yield item
                else:
                    gaps.append(item)
        except CsvImportError as exc:
            raise named(exc) from exc
        finally:
            # a reader stopped early (the look-ahead reads only the first part) must end the
            # reader thread: it holds its Prefetch, so garbage collection never would, and a
            # batch worker kept one thread and its blocks per input (~3 MiB each, 49 HAPT files)
            items.close()
            if tmp is not None:
                tmp.cleanup()
        report = stream.report  # what csv_checks dropped (each hole is also a flagged gap)
        stats.samples = report.kept
        stats.dropped_nonfinite = report.dropped_nonfinite + report.dropped_out_of_range
        stats.dropped_not_increasing = report.dropped_duplicate_time

    return DeviceRecording(stream.info, source, fmt, None, read, gaps=gaps)
