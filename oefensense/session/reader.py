"""SessionReader: opens closed, compacted and crashed sessions with one API.

Storage is either Arrow IPC stream segments (while recording, after a crash, or when closed
with ``compact=False``) or one Parquet file per kind (after compaction). A torn tail (the last
batch half-written when the process died) is skipped: everything before it is returned, and
``recovered``/``warnings`` say what happened. Missing files the manifest lists are an error.

Reading is streaming where the API allows it (``iter_packets``, ``iter_samples``,
``iter_batches``): memory stays bounded for week-long sessions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..core.types import Event, RawPacket, SampleBlock, SensorInfo
from . import format as fmt
from .errors import SessionError
from .lock import is_being_written
from .manifest import read_manifest

_PARQUET_BATCH = 65_536


class SessionReader:
    """Read one session directory. Attributes: ``manifest`` (dict), ``sensors`` (SensorInfo
    list), ``closed``, ``compacted``, ``live`` (a writer holds it open right now), ``recovered``
    (bool: the recording crashed or a file had a torn tail), ``warnings`` (one-line messages)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.manifest: dict[str, Any] = read_manifest(self.path)
        self.warnings: list[str] = []
        try:
            self.sensors: list[SensorInfo] = [SensorInfo.from_dict(d) for d in self.manifest.get("sensors", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise SessionError(
                f"damaged session: sensor list in {self.path / fmt.MANIFEST_NAME} is invalid ({exc})"
            ) from None
        self.closed = bool(self.manifest.get("closed"))
        self.compacted = bool(self.manifest.get("compacted"))
        # live: a SessionWriter (this or another process) is recording it right now.
        self.live = not self.closed and is_being_written(self.path)
        self.recovered = bool(self.manifest.get("recovered")) or (not self.closed and not self.live)
        self.warnings.extend(str(w) for w in self.manifest.get("recovery_warnings", []))
        if self.live:
            self.warnings.append("session is still being recorded; data up to the last flush is shown")
        elif not self.closed:
            self.warnings.append(
                "session was not closed (the recording crashed); data up to the last flush was recovered"
            )
        self._files: dict[str, list[Path]] = {k: [] for k in fmt.KINDS}
        self._torn: set[Path] = set()
        if self.compacted:
            self._open_parquet()
        else:
            self._open_segments()

    # ------------------------------------------------------------------ opening

    def _open_parquet(self) -> None:
        for kind in fmt.KINDS:
            p = self.path / fmt.parquet_name(kind)
            if not p.is_file():
                raise SessionError(
                    f"truncated session: {p.name} is missing from {self.path} "
                    "although the manifest says it was compacted"
                )
            try:
                pq.ParquetFile(p).close()
            except (pa.ArrowException, OSError) as exc:
                raise SessionError(f"damaged session: {p} cannot be read as Parquet ({exc})") from None
            self._files[kind] = [p]

    def _open_segments(self) -> None:
        segdir = self.path / fmt.SEGMENT_DIR
        listed = {s["file"]: s for s in self.manifest.get("segments", [])}
        found: dict[str, tuple[int, str]] = {}
        if segdir.is_dir():
            for entry in os.scandir(segdir):
                parsed = fmt.parse_segment_name(entry.name)
                if parsed is not None:
                    found[entry.name] = parsed
        missing = sorted(set(listed) - set(found))
        if missing:
            raise SessionError(
                f"truncated session: {len(missing)} segment file(s) listed in the manifest are missing "
                f"(first: {fmt.SEGMENT_DIR}/{missing[0]}); copy the whole session directory again"
            )
        for name, (_, kind) in sorted(found.items(), key=lambda kv: kv[1]):
            p = segdir / name
            self._files[kind].append(p)
            rec = listed.get(name)
            if rec is not None:
                size = p.stat().st_size
                if size < rec["bytes"]:
                    self._torn.add(p)
                    self.recovered = True
                    self.warnings.append(
                        f"segment {name} is truncated ({size} of {rec['bytes']} bytes); its tail is lost"
                    )
            else:
                rows, torn = _scan_stream(p)
                if torn and not self.live:  # a live writer may be mid-write: not damage
                    self._torn.add(p)
                    self.recovered = True
                    self.warnings.append(
                        f"segment {name} ends in a torn batch (killed mid-write); {rows} rows before it recovered"
                    )

    # ------------------------------------------------------------------ generic batches

    def iter_batches(self, kind: str, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """Record batches of ``kind`` ("packets", "samples", "events") in recorded order."""
        if kind not in fmt.KINDS:
            raise ValueError(f"kind must be one of {fmt.KINDS}, got {kind!r}")
        for p in self._files[kind]:
            if self.compacted:
                pf = pq.ParquetFile(p)
                try:
                    yield from pf.iter_batches(batch_size=_PARQUET_BATCH, columns=columns)
                finally:
                    pf.close()
            else:
                for b in _read_stream(p):
                    yield b.select(columns) if columns is not None else b

    def table(self, kind: str) -> pa.Table:
        """All rows of ``kind`` as one table (schema kept when empty)."""
        return pa.Table.from_batches(list(self.iter_batches(kind)), schema=fmt.SCHEMAS[kind])

    # ------------------------------------------------------------------ typed API

    def iter_packets(self, batch: int = 4096) -> Iterator[list[RawPacket]]:
        """Raw packets in recorded (arrival) order, ``batch`` at a time."""
        if batch < 1:
            raise ValueError("batch must be >= 1")
        pending: list[RawPacket] = []
        for b in self.iter_batches("packets"):
            pending.extend(fmt.batch_to_packets(b))
            while len(pending) >= batch:
                yield pending[:batch]
                pending = pending[batch:]
        if pending:
            yield pending

    def packets_table(self) -> pa.Table:
        return self.table("packets")

    def samples_table(self) -> pa.Table:
        return self.table("samples")

    def samples(self, sensor_id: str) -> SampleBlock:
        """All decoded samples of one sensor (empty block when it has none). ``gyr_dps``/``mag_ut``
        are None when no row has them, NaN in rows recorded without them otherwise."""
        known = {s.sensor_id for s in self.sensors}
        parts = []
        for b in self.iter_batches("samples"):
            sel = b.filter(pc.equal(b.column("sensor_id"), sensor_id))
            if sel.num_rows:
                parts.append(sel)
        if not parts:
            if sensor_id not in known:
                raise SessionError(f"no sensor {sensor_id!r} in session {self.path}; known: {sorted(known)}")
            return SampleBlock(sensor_id, np.zeros(0, np.int64), np.zeros((0, 3)))
        return fmt.batch_to_block(sensor_id, pa.Table.from_batches(parts))

    def iter_samples(self) -> Iterator[SampleBlock]:
        """Decoded samples as SampleBlocks in recorded order (one per run of one sensor)."""
        for b in self.iter_batches("samples"):
            ids = b.column("sensor_id").to_numpy(zero_copy_only=False)
            if len(ids) == 0:
                continue
            cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
            starts = np.concatenate(([0], cuts))
            ends = np.concatenate((cuts, [len(ids)]))
            for s, e in zip(starts, ends):
                yield fmt.batch_to_block(str(ids[s]), b.slice(int(s), int(e - s)))

    def iter_recorded(self, batch: int = 4096) -> Iterator[SensorInfo | RawPacket | Event]:
        """Sensors (as they joined), raw packets and events, one by one, in exactly the order they
        were handed to the writer (the shared ``seq`` column): what a replay source feeds."""
        joins = self.manifest.get("sensor_join_seq", {})
        pending: list[tuple[int, int, SensorInfo | Event]] = [
            (int(joins.get(s.sensor_id, 0)), 0, s) for s in self.sensors
        ]
        for b in self.iter_batches("events"):
            pending.extend((int(q), 1, e) for q, e in zip(b.column("seq").to_pylist(), fmt.batch_to_events(b)))
        pending.sort(key=lambda x: (x[0], x[1]))
        k = 0
        for b in self.iter_batches("packets"):
            seqs = b.column("seq").to_pylist()
            for q, p in zip(seqs, fmt.batch_to_packets(b)):
                while k < len(pending) and pending[k][0] <= q:
                    yield pending[k][2]
                    k += 1
                yield p
        for item in pending[k:]:
            yield item[2]

    def events(self) -> list[Event]:
        out: list[Event] = []
        for b in self.iter_batches("events"):
            out.extend(fmt.batch_to_events(b))
        return out


def _read_stream(path: Path) -> Iterator[pa.RecordBatch]:
    """Batches of one IPC stream file; stops quietly at a torn tail or an empty file."""
    with pa.memory_map(str(path)) as source:
        try:
            reader = pa.ipc.open_stream(source)
        except (pa.ArrowInvalid, OSError):
            return  # killed before the schema was complete: nothing recorded in this file
        while True:
            try:
                yield reader.read_next_batch()
            except StopIteration:
                return
            except (pa.ArrowInvalid, OSError):
                return


def _scan_stream(path: Path) -> tuple[int, bool]:
    """(rows readable, torn?) of one IPC stream file. Not torn = ends at a message boundary."""
    rows = 0
    with pa.memory_map(str(path)) as source:
        size = source.size()
        try:
            reader = pa.ipc.open_stream(source)
        except (pa.ArrowInvalid, OSError):
            return 0, size > 0
        while True:
            try:
                rows += reader.read_next_batch().num_rows
            except StopIteration:
                return rows, False
            except (pa.ArrowInvalid, OSError):
                return rows, True
