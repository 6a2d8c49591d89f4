"""A unit-suffixed CSV read in bounded blocks, checked as it streams (memory independent of length).

pyarrow parses the file block by block (only the columns in use, as float64);
each block goes through the plausibility checks of :mod:`oefensense.io.csv_checks`:

* the *probe* (the first :data:`~oefensense.io.csv_checks.UNIT_PROBE_ROWS` rows) is read before
  anything is emitted: time and acc/gyro units, the sampling rate of the SensorInfo, and a probe
  that is mostly unusable, are judged there, so a wrong file is refused before any output exists;
* impossible and non-finite rows are dropped and counted per block; a run of them between two kept
  rows is a hole, followed across block boundaries, and becomes a flagged ``gap`` event; so does
  an interval longer than ``max_interval_s`` between two rows in time order that no dropped rows
  explain (rows missing from the file: ``reason`` ``missing_rows``);
* time order needs only the rows within ``reorder_window_s`` of the newest row: those are held
  back and sorted with the next block; a row further back is refused (``CsvImportError``);
* checks that need the whole file (mostly unusable overall) are judged at its end: the error
  then comes after the blocks, still one line and a non-zero exit.

:func:`oefensense.io.csv_import.read_csv` is this stream concatenated, so both give the same
samples, counts and gaps.
"""

from __future__ import annotations

import re

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..core.types import NS_PER_S, STANDARD_GRAVITY_MS2, Event, Placement, SampleBlock, SensorInfo
from .arrow_plain import float_column, float_columns
from .csv_plain import PlainBlock, PlainBlocks
from .compression import is_gzip
from . import worded
from .worded import cannot_read
from .prefetch import Prefetch
from .csv_checks import (UNIT_PROBE_ROWS, CsvCheckSettings, CsvImportError, ImportReport, check_acc_unit,
                         check_gyro_unit, check_span, check_time_unit, row_problems)

BLOCK_BYTES = 1 << 20  # CSV text per parsed block (1 MiB, about 20 k rows of 7 columns): 4 or 8 MiB read
# no faster here and the analysis peaked at 380 or 426 MB instead of 366 (first 8 h of bench_week --quick);
# with the reader thread one block is in flight beside the pipeline's: 2 MiB blocks two ahead peaked
# 17 MiB above the plain reader on a generated day, 1 MiB blocks one ahead at the same (398-403 MiB)

# unit suffix -> factor to core units (acc g, gyro deg/s, mag µT)
ACC_UNITS = {"g": 1.0, "ms2": 1.0 / STANDARD_GRAVITY_MS2}
GYR_UNITS = {"dps": 1.0, "rads": float(np.degrees(1.0))}
MAG_UNITS = {"ut": 1.0}
TIME_UNITS = {"time_s": 1.0, "time_ms": 1e-3}  # column -> factor to seconds

EXPECTED_COLUMNS = worded.EXPECTED_COLUMNS  # said in the CLI's language as a Phrase field


@dataclass(frozen=True)
class _Axes:
    """Three columns (their names as written in the file) and the factor to core units."""

    columns: tuple[str, str, str]
    factor: float
    unit: str


@dataclass
class _Rows:
    """Rows of the file (in file or time order): time ns, values in core units, labels."""

    t_ns: np.ndarray
    acc: np.ndarray
    gyr: np.ndarray | None
    mag: np.ndarray | None
    labels: np.ndarray | None

    def take(self, idx: np.ndarray | slice) -> "_Rows":
        def pick(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[idx]
        return _Rows(self.t_ns[idx], self.acc[idx], pick(self.gyr), pick(self.mag), pick(self.labels))

    @staticmethod
    def cat(a: "_Rows", b: "_Rows") -> "_Rows":
        def join(x: np.ndarray | None, y: np.ndarray | None) -> np.ndarray | None:
            return None if x is None or y is None else np.concatenate((x, y))
        return _Rows(np.concatenate((a.t_ns, b.t_ns)), np.concatenate((a.acc, b.acc)), join(a.gyr, b.gyr),
                     join(a.mag, b.mag), join(a.labels, b.labels))


def _pick_axes(names: dict[str, str], prefix: str, units: dict[str, float]) -> _Axes | None:
    for unit, factor in units.items():
        cols = [f"{prefix}_{ax}_{unit}" for ax in "xyz"]
        if all(c in names for c in cols):
            return _Axes((names[cols[0]], names[cols[1]], names[cols[2]]), factor, unit)
    return None


class CsvStream:
    """One sensor's CSV, opened and probed; :meth:`items` streams it once.

    ``info`` (placement, rate from the probe, gyro/mag present) is known after opening;
    ``report`` counts as the stream advances and is complete when :meth:`items` is exhausted.
    ``labels=True`` keeps a ``label`` column (strings) beside the samples (see :meth:`labels`).
    ``zero_s``: the time (in the file's time column, s) that becomes 0 s; default the first kept
    row's (``first_time_s``). Files of one recording that share a clock take the earliest of
    their first rows (``api.analyze(common_clock=True)``).
    """

    def __init__(self, path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None,
                 settings: CsvCheckSettings | None = None, block_bytes: int = BLOCK_BYTES,
                 labels: bool = False, zero_s: float | None = None) -> None:
        from .csv_import import placement_from_filename

        self.settings = settings or CsvCheckSettings()
        self.path = path = Path(path)
        self.where = str(path)
        if not path.exists():
            raise CsvImportError(worded.NO_SUCH_FILE, path=path)
        if placement is None:
            placement = placement_from_filename(path)
            if placement is None:
                raise CsvImportError(worded.UNKNOWN_PLACEMENT, path=path, ext="csv[.gz]")
        elif isinstance(placement, str):
            placement = Placement.parse(placement)
        self._block_bytes = block_bytes
        self._file = self._open()
        raw_names = self._header()
        names = {n.strip().lower(): n for n in raw_names}
        self.time_col = next((c for c in TIME_UNITS if c in names), None)
        self.acc = _pick_axes(names, "acc", ACC_UNITS)
        if self.time_col is None or self.acc is None:
            raise CsvImportError(worded.NO_UNIT_COLUMNS, path=path, found=", ".join(list(names)[:8]),
                                 expected=worded.Phrase(EXPECTED_COLUMNS))
        self.gyr = _pick_axes(names, "gyr", GYR_UNITS)
        self.mag = _pick_axes(names, "mag", MAG_UNITS)
        self.label_col = names.get("label") if labels else None
        self._time_name = names[self.time_col]
        used = [self._time_name, *self.acc.columns, *(self.gyr.columns if self.gyr else ()),
                *(self.mag.columns if self.mag else ())]
        types: dict[str, pa.DataType] = {c: pa.float64() for c in used}
        if self.label_col:
            types[self.label_col] = pa.string()
        self._read_options = pacsv.ReadOptions(column_names=raw_names, use_threads=False, block_size=4 * block_bytes)
        self._convert = pacsv.ConvertOptions(column_types=types, include_columns=list(types), strings_can_be_null=True)
        # plain numeric blocks parsed by csv_plain (pyarrow's values, half its CPU); any other
        # block, and every block of a file with labels, by pyarrow as before
        self._plain = None if self.label_col else PlainBlocks.make(
            raw_names, self._time_name, self.acc.columns, self.gyr.columns if self.gyr else None,
            self.mag.columns if self.mag else None)
        self.sensor_id = sensor_id or placement.value
        self.report = ImportReport()
        self._t0: float | None = None  # the first kept row's time (s): the recording's zero
        self._max_ns = np.iinfo(np.int64).min  # newest kept time so far
        self._held: _Rows | None = None  # kept rows within the reorder window of the newest
        self._last_kept_ns: int | None = None  # the last kept row in file order (a hole's start)
        self._hole = [0, 0]  # rows of the open run of dropped rows: [nonfinite, out_of_range]
        self._last_emitted: int | None = None
        self._flagged: list[tuple[int, int]] = []  # dropped-row holes flagged, not yet passed (start, end ns)
        self._probe = self._read_probe()
        self.info = SensorInfo(sensor_id=self.sensor_id, placement=placement, family="file",
                               nominal_rate_hz=self._rate_hz, has_gyro=self.gyr is not None,
                               has_mag=self.mag is not None)
        self._started = False
        self._reader: Any = None  # the reader thread's state (its CPU time); never the Prefetch itself
        if zero_s is not None:
            self.start_at(zero_s)

    # ------------------------------------------------------------------------------ reading

    def _open(self) -> Any:
        try:
            if is_gzip(self.path):
                return pa.input_stream(str(self.path), compression="gzip")  # zlib in C++, no GIL
            return open(self.path, "rb")
        except (OSError, EOFError, pa.ArrowInvalid) as exc:
            raise cannot_read(self.path, exc, CsvImportError) from exc

    def _read(self, n: int) -> bytes:
        try:
            return self._file.read(n)
        except (OSError, EOFError, pa.ArrowInvalid) as exc:  # a truncated .gz among them
            raise cannot_read(self.path, exc, CsvImportError) from exc

    def _header(self) -> list[str]:
        """The column names as written (pyarrow parses the first line: quotes, byte-order mark)."""
        head = b""
        while b"\n" not in head:
            more = self._read(1 << 16)
            if not more:
                break
            head += more
        line, _, self._rest = head.partition(b"\n")
        if not head.strip():
            raise CsvImportError(worded.EMPTY_FILE, path=self.path)
        try:
            return pacsv.read_csv(pa.py_buffer(line + b"\n"), read_options=pacsv.ReadOptions(use_threads=False)).column_names
        except pa.ArrowInvalid as exc:
            raise CsvImportError(worded.NOT_A_CSV, path=self.path, reason=exc, expected=worded.Phrase(EXPECTED_COLUMNS)) from exc

    def _invalid(self, exc: Exception, rows_before: int = 0, last_line: int | None = None) -> CsvImportError:
        """The one-line error of a block pyarrow could not parse. pyarrow counts rows from the
        start of the block (``Row #k``): said here as the data row of the file (``rows_before``
        rows came in earlier blocks); ``last_line``: the block's row number of the file's last
        line when that line has no line end, i.e. the file may stop in the middle of it."""
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        found = re.search(r"Row #(\d+)", text)
        if found:
            row = int(found.group(1))
            text = text.replace(found.group(0), f"data row {rows_before + row}")
            if row == last_line and "Expected" in text:
                text += "; the file ends in the middle of this row (truncated?)"
        if "conversion error" in text or "invalid value" in text:
            return CsvImportError(worded.NON_NUMERIC, path=self.path, reason=text, expected=worded.Phrase(EXPECTED_COLUMNS))
        return CsvImportError(worded.NOT_A_CSV, path=self.path, reason=text, expected=worded.Phrase(EXPECTED_COLUMNS))

    def _batches(self) -> Iterator[pa.Table | PlainBlock]:
        """The file's rows, parsed ``block_bytes`` of text at a time (cut after a line end): a
        plain block as csv_plain's arrays, any other as pyarrow's table.

        Blocks are read and parsed here rather than by ``pyarrow.csv.open_csv``, whose
        read-ahead holds some 30 blocks at once (hundreds of MB on a long file)."""
        rest = self._rest
        rows_before = 0  # data rows in the blocks parsed so far (to name a bad row by its row in the file)
        while True:
            chunk = self._read(self._block_bytes)
            data = rest + chunk
            cut = len(data) if not chunk else data.rfind(b"\n") + 1
            rest = data[cut:]
            plain = self._plain.parse(data, cut) if cut and self._plain is not None else None
            if plain is not None:
                rows_before += plain.num_rows
                yield plain
            elif cut:
                try:
                    table = pacsv.read_csv(pa.py_buffer(memoryview(data)[:cut]), read_options=self._read_options,
                                           convert_options=self._convert)
                except pa.ArrowInvalid as exc:
                    unended = not chunk and not data.endswith(b"\n")
                    raise self._invalid(exc, rows_before, data.count(b"\n") + 1 if unended else None) from exc
                rows_before += table.num_rows
                if table.num_rows:
                    yield table
            if not chunk:
                self._file.close()
                return

    def _values(self, batch: pa.Table | PlainBlock) -> tuple[np.ndarray, _Rows]:
        """(time s, rows in core units with t_ns still unset) of one parsed block."""
        def col(name: str) -> np.ndarray:
            return float_column(batch.column(name))  # not to_numpy: that imports pandas (arrow_plain)

        def scaled(a: np.ndarray | None, axes: _Axes | None) -> np.ndarray | None:
            if a is not None and axes is not None and axes.factor != 1.0:
                a *= axes.factor  # the same products as ``a * factor``, without a second array
            return a

        def xyz(axes: _Axes | None) -> np.ndarray | None:
            if axes is None:
                return None
            return scaled(float_columns([batch.column(c) for c in axes.columns]), axes)  # (n, 3), filled in place

        if isinstance(batch, PlainBlock):  # csv_plain's new arrays: the same values as the table's columns
            t_s, acc, gyr, mag = batch
            rows = _Rows(np.empty(0, np.int64), scaled(acc, self.acc), scaled(gyr, self.gyr), scaled(mag, self.mag), None)
        else:
            t_s = col(self._time_name).astype(np.float64, copy=False)
            rows = _Rows(np.empty(0, np.int64), xyz(self.acc), xyz(self.gyr), xyz(self.mag), None)
            if self.label_col:
                rows.labels = np.asarray(batch.column(self.label_col).to_pylist(), dtype=object)
        if TIME_UNITS[self.time_col] != 1.0:
            t_s = t_s * TIME_UNITS[self.time_col]
        return t_s, rows

    def _read_probe(self) -> list[tuple[np.ndarray, _Rows]]:
        """Parse the first rows and judge the units, rate and usability on them."""
        parts: list[tuple[np.ndarray, _Rows]] = []
        n = 0
        self._batch_iter = (self._values(b) for b in self._batches())
        for part in self._batch_iter:
            parts.append(part)
            n += len(part[0])
            if n >= UNIT_PROBE_ROWS:
                break
        if not parts:
            raise CsvImportError(worded.NO_ROWS, path=self.path)
        t_s = np.concatenate([p[0] for p in parts])
        acc = np.concatenate([p[1].acc for p in parts])
        gyr = None if self.gyr is None else np.concatenate([p[1].gyr for p in parts])
        nonfinite, beyond = row_problems(acc, gyr, self.settings)
        nonfinite |= ~np.isfinite(t_s)
        if np.any(~nonfinite):  # units first: all rows "impossible" is usually a unit mix-up (1e30 g, mg...)
            check_acc_unit(acc[~nonfinite], self.acc.unit, self.where, self.settings)
        keep = ~(nonfinite | beyond)
        if not np.any(keep):
            raise CsvImportError(worded.NO_USABLE_ROWS, path=self.path)
        self.first_time_s = float(t_s[np.flatnonzero(keep)[0]])  # the first kept row's time: 0 s unless zero_s
        self._refuse_if_mostly_unusable(len(keep), int(np.count_nonzero(nonfinite)), int(np.count_nonzero(beyond)))
        kept_t = t_s[keep]
        check_span(kept_t, self.where, self.settings)
        check_time_unit(kept_t, self.time_col, self.where, self.settings)
        order = np.argsort(kept_t, kind="stable")
        t_ns = np.round((kept_t[order] - kept_t[0]) * NS_PER_S).astype(np.int64)
        if gyr is not None:
            check_gyro_unit(t_ns, acc[keep][order], gyr[keep][order], self.gyr.unit, self.where, self.settings)
        steps = np.diff(t_ns)
        steps = steps[steps > 0]  # repeated times are dropped
        self._rate_hz = round(NS_PER_S / float(np.median(steps)), 1) if len(steps) else 0.0
        return parts

    def _refuse_if_mostly_unusable(self, rows: int, nonfinite: int, beyond: int) -> None:
        if nonfinite + beyond > self.settings.max_dropped_fraction * rows:
            raise CsvImportError(worded.MOSTLY_UNUSABLE, path=self.path, bad=nonfinite + beyond, rows=rows, nonfinite=nonfinite,
                                 beyond=beyond, max_g=worded.Number(self.settings.max_acc_g),
                                 max_dps=worded.Number(self.settings.max_gyr_dps))

    def start_at(self, zero_s: float) -> None:
        """Make ``zero_s`` (the file's time column, s; at most ``first_time_s``) the recording's
        0 s, before :meth:`items`: the files of one recording on one clock share the earliest
        first row, so one that starts later keeps its offset."""
        if self._started:
            raise RuntimeError(f"{self.path}: start_at must come before the stream is read")
        if zero_s > self.first_time_s:
            raise CsvImportError(worded.ZERO_AFTER_FIRST, path=self.path, zero=worded.Number(zero_s),
                                 first=worded.Number(self.first_time_s))
        self._t0 = float(zero_s)

    @property
    def reader_cpu_s(self) -> float:
        """CPU seconds of the thread that reads, parses and checks ahead (until the block it
        produced last; complete once :meth:`items` is exhausted; the probe was read before, in
        the caller's thread)."""
        return self._reader.cpu_s if self._reader is not None else 0.0

    # ---------------------------------------------------------------------------- streaming

    def items(self) -> Iterator[SampleBlock | Event]:
        """Blocks in time order (strictly increasing, repeats removed) and each hole's flagged
        ``gap`` event as soon as its end is read. Raises CsvImportError where the file stops
        being plausible. May be iterated once.

        The file is read, parsed and checked one block ahead in a background thread
        (:class:`~oefensense.io.prefetch.Prefetch`; pyarrow and numpy's copies release the GIL),
        so on a second core the import overlaps the analysis: the same items in the same order,
        an error after the items before it. ``report`` is complete once the items are exhausted."""
        # the thread holds this stream (its source): holding the Prefetch here would keep it from
        # being collected, and so its thread from stopping, when a consumer drops it early
        prefetch = Prefetch(self._items(), depth=1, name=f"csv-read {self.path.name}")
        self._reader = prefetch.state
        return prefetch

    def _items(self) -> Iterator[SampleBlock | Event]:
        for rows in self._rows():
            if isinstance(rows, Event):
                yield rows
            else:
                yield SampleBlock(self.sensor_id, rows.t_ns, rows.acc, rows.gyr, rows.mag)

    def _rows(self) -> Iterator[_Rows | Event]:
        if self._started:
            raise RuntimeError(f"{self.path}: a CsvStream is read once")
        self._started = True
        row0 = 0
        parts, self._probe = self._probe, []

        def all_parts() -> Iterator[tuple[np.ndarray, _Rows]]:
            yield from parts
            parts.clear()  # the probe's memory goes once it is streamed
            yield from self._batch_iter

        for t_s, rows in all_parts():
            yield from self._block(t_s, rows, row0)
            row0 += len(t_s)
        r = self.report
        self._refuse_if_mostly_unusable(r.rows, r.dropped_nonfinite, r.dropped_out_of_range)
        if self._held is not None and len(self._held.t_ns):
            yield from self._emit(self._held)
            self._held = None

    def _block(self, t_s: np.ndarray, rows: _Rows, row0: int) -> Iterator[_Rows | Event]:
        """Check one parsed block (file order) and yield what is final: gaps, then sorted rows."""
        r, s = self.report, self.settings
        nonfinite, beyond = row_problems(rows.acc, rows.gyr, s)
        nonfinite |= ~np.isfinite(t_s)
        dropped = nonfinite | beyond
        r.rows += len(t_s)
        r.dropped_nonfinite += int(np.count_nonzero(nonfinite))
        r.dropped_out_of_range += int(np.count_nonzero(beyond))
        every = not dropped.any()  # the usual block: no index arrays, no gathered copies
        keep_idx = np.arange(len(t_s)) if every else np.flatnonzero(~dropped)
        if self._t0 is None and len(keep_idx):
            self._t0 = float(t_s[keep_idx[0]])
        if len(keep_idx):
            kept_t = t_s if every else t_s[keep_idx]
            check_span(kept_t, self.where, s, t0=self._t0, rows=keep_idx + row0)
            ns = kept_t - self._t0
            ns *= NS_PER_S
            ns = np.round(ns, out=ns).astype(np.int64)  # the values of np.round((t - t0) * NS_PER_S)
            if every:
                t_ns = ns
            else:
                t_ns = np.zeros(len(t_s), dtype=np.int64)
                t_ns[keep_idx] = ns
        else:
            t_ns = np.zeros(len(t_s), dtype=np.int64)
        yield from self._holes(t_ns, dropped, nonfinite)
        if not len(keep_idx):
            return
        rows.t_ns = t_ns
        kept = rows if len(keep_idx) == len(t_ns) else rows.take(keep_idx)
        yield from self._order(kept, keep_idx + row0)

    def _holes(self, t_ns: np.ndarray, dropped: np.ndarray, nonfinite: np.ndarray) -> Iterator[Event]:
        """Runs of dropped rows between kept rows, followed across blocks: a run at the start of
        the file or left open at its end only shortens the recording (no gap)."""
        if not np.any(dropped):
            if len(t_ns):
                yield from self._close_hole(int(t_ns[0]))
                self._last_kept_ns = int(t_ns[-1])
            return
        kept_idx = np.flatnonzero(~dropped)
        if not len(kept_idx):  # the whole block continues the open run
            self._hole[0] += int(np.count_nonzero(nonfinite))
            self._hole[1] += int(np.count_nonzero(dropped & ~nonfinite))
            return
        # dropped rows before the first kept row continue the open run
        first = int(kept_idx[0])
        self._hole[0] += int(np.count_nonzero(nonfinite[:first]))
        self._hole[1] += int(np.count_nonzero(dropped[:first] & ~nonfinite[:first]))
        yield from self._close_hole(int(t_ns[first]))
        # runs between kept rows inside the block
        steps = np.diff(kept_idx)
        for j in np.flatnonzero(steps > 1):
            a, b = int(kept_idx[j]), int(kept_idx[j + 1])
            nf = int(np.count_nonzero(nonfinite[a + 1:b]))
            self._hole = [nf, (b - a - 1) - nf]
            self._last_kept_ns = int(t_ns[a])
            yield from self._close_hole(int(t_ns[b]))
        last = int(kept_idx[-1])
        self._last_kept_ns = int(t_ns[last])
        self._hole = [int(np.count_nonzero(nonfinite[last + 1:])), int(np.count_nonzero(dropped[last + 1:] & ~nonfinite[last + 1:]))]

    def _close_hole(self, t_after_ns: int) -> Iterator[Event]:
        nf, oor = self._hole
        self._hole = [0, 0]
        if nf + oor == 0 or self._last_kept_ns is None:
            return
        reason = "nonfinite" if nf >= oor else "out_of_range"  # the reason of most of its rows
        gap = (self._last_kept_ns, t_after_ns, nf + oor, reason)
        self.report.gaps.append(gap)
        self._flagged.append((gap[0], gap[1]))
        yield Event("gap", gap[0], gap[1], {"reason": reason, "samples": nf + oor, "origin": "import"}, self.sensor_id)

    def _order(self, kept: _Rows, file_rows: np.ndarray) -> Iterator[_Rows]:
        """Sort kept rows into time order with those held from the previous block; yield the rows
        no later row can come before (older than the newest by more than the reorder window)."""
        s = self.settings
        window = int(s.reorder_window_s * NS_PER_S)
        t = kept.t_ns
        steps = np.diff(t)
        increasing = bool(np.all(steps > 0))
        if increasing and t[0] > self._max_ns:
            # the usual block: in time order and after every earlier row, so no row goes back
            # (the running maximum is t itself): nothing to refuse or count as reordered
            self._max_ns = int(t[-1])
        else:
            running = np.maximum.accumulate(np.concatenate(([self._max_ns], t)))[1:]
            back = running - t
            far = np.flatnonzero(back > window)
            if len(far):
                i = int(far[0])
                if np.count_nonzero(steps < 0) > len(steps) / 2:
                    raise CsvImportError(worded.TIME_REVERSED, path=self.path, back=np.count_nonzero(steps < 0), steps=len(steps))
                raise CsvImportError(worded.TIME_GOES_BACK, path=self.path, back=worded.Number(back[i] / NS_PER_S, ".2f"),
                                     row=int(file_rows[i]) + 1, before=worded.Number(running[i] / NS_PER_S, ".3f"),
                                     after=worded.Number(t[i] / NS_PER_S, ".3f"), window=worded.Number(s.reorder_window_s))
            self.report.reordered += int(np.count_nonzero(back > 0))
            self._max_ns = int(running[-1])
        threshold = self._max_ns - window  # no later row can come before this
        held = self._held if self._held is not None and len(self._held.t_ns) else None
        if increasing and (held is None or t[0] > held.t_ns[-1]):
            # in order (the usual case): no sort, no copy of the block
            if held is not None:
                done = int(np.searchsorted(held.t_ns, threshold, side="left"))
                if done < len(held.t_ns):
                    self._held = _Rows.cat(held.take(slice(done, None)), kept)
                    if done:
                        yield from self._emit(held.take(slice(0, done)))
                    return
                yield from self._emit(held)
            cut = int(np.searchsorted(t, threshold, side="left"))
            self._held = kept.take(slice(cut, None))
            if cut:
                yield from self._emit(kept.take(slice(0, cut)))
            return
        rows = kept if held is None else _Rows.cat(held, kept)
        if np.any(np.diff(rows.t_ns) <= 0):  # stable: of equal times the first in the file comes first
            rows = rows.take(np.argsort(rows.t_ns, kind="stable"))
        cut = int(np.searchsorted(rows.t_ns, threshold, side="left"))
        self._held = rows.take(slice(cut, None))
        if cut:
            yield from self._emit(rows.take(slice(0, cut)))

    def _emit(self, rows: _Rows) -> Iterator[_Rows | Event]:
        """Remove later repeats of a timestamp (also against the last emitted row); count them.
        Yield a flagged ``gap`` (reason ``missing_rows``) for every interval between two rows longer
        than ``max_interval_s`` that no dropped rows explain (rows missing from the file), then
        the rows."""
        t = rows.t_ns
        steps = np.diff(t)
        if (self._last_emitted is not None and t[0] == self._last_emitted) or not np.all(steps):
            repeat = np.concatenate(([self._last_emitted is not None and t[0] == self._last_emitted], steps == 0))
            self.report.dropped_duplicate_time += int(np.count_nonzero(repeat))
            rows = rows.take(~repeat)
            t = rows.t_ns
            steps = np.diff(t)
        self.report.kept += len(t)
        if not len(t):
            yield rows
            return
        yield from self._missing_rows(t, steps)
        self._check_rate(t)
        self._last_emitted = int(t[-1])
        self._flagged = [h for h in self._flagged if h[1] > self._last_emitted]  # the rest lie behind
        yield rows

    def _check_rate(self, t: np.ndarray, stride: int = 10, per_rate: int = 100) -> None:
        """Note where the sampling rate departs from the current one by more than 20 % (a device
        switched rate mid-file), from the probe's rate on: one rate per ``stride * per_rate`` rows
        (the median of ``per_rate`` intervals of ``stride`` rows: cheap, and a short gap or jitter
        does not move it)."""
        if self._rate_hz <= 0:
            return
        d = np.diff(t[::stride]) / stride
        m = len(d) // per_rate
        if not m:
            return
        d = d[: m * per_rate]
        current = self.report.rate_changes[-1][1] if self.report.rate_changes else self._rate_hz
        lo, hi = float(d.min()), float(d.max())
        if lo > 0 and abs(NS_PER_S / lo / current - 1.0) < 0.19 and abs(NS_PER_S / hi / current - 1.0) < 0.19:
            return  # every median lies in [lo, hi], so every rate is within 19 % of current: none departs by 20 %
        rates = NS_PER_S / np.median(d.reshape(m, per_rate), axis=1)
        for j, rate in enumerate(rates):
            if abs(rate / current - 1.0) > 0.2:
                current = round(float(rate), 1)
                self.report.rate_changes.append((int(t[j * stride * per_rate]), current))

    def _missing_rows(self, t: np.ndarray, steps: np.ndarray) -> Iterator[Event]:
        """Holes in time order (also from the last emitted row): an interval longer than the
        analysis bridges is missing data, flagged so (not only left as ``no_data`` time).
        ``steps``: ``np.diff(t)``."""
        limit = int(self.settings.max_interval_s * NS_PER_S)
        if self._last_emitted is None:
            full, long = t, np.flatnonzero(steps > limit)
        else:  # the step from the last emitted row first
            full = np.concatenate(([self._last_emitted], t))
            long = np.flatnonzero(steps > limit) + 1
            if t[0] - self._last_emitted > limit:
                long = np.concatenate(([0], long))
        if not len(long):
            return
        period = NS_PER_S / self._rate_hz if self._rate_hz > 0 else 0.0
        for i in long:
            a, b = int(full[i]), int(full[i + 1])
            if any(fa < b and fb > a for fa, fb in self._flagged):  # dropped rows made it: flagged already
                continue
            missing = max(0, int(round((b - a) / period)) - 1) if period else 0
            self.report.gaps.append((a, b, missing, "missing_rows"))
            # "missing", not "samples": nothing was dropped here (data_quality counts "samples" as dropped)
            yield Event("gap", a, b, {"reason": "missing_rows", "missing": missing, "origin": "import"}, self.sensor_id)


def stream_csv(path: str | Path, placement: Placement | str | None = None, sensor_id: str | None = None,
               settings: CsvCheckSettings | None = None) -> CsvStream:
    """Open (and probe) one sensor's CSV for streaming; see :class:`CsvStream`."""
    return CsvStream(path, placement, sensor_id, settings)
