"""SessionReader: opens closed, compacted, crashed and damaged sessions with one API.

Storage is either Arrow IPC stream segments (while recording, after a crash, or when closed
with ``compact=False``) or one Parquet file per kind (after compaction). A torn tail (the last
batch half-written when the process died) is skipped: everything before it is returned, and
``recovered``/``warnings`` say what happened.

Everything read is checked (``integrity.py``): each IPC batch against the digest it carries,
each Parquet page against its CRC; :meth:`verify` also compares whole files with the checksums
in the manifest. Data that fails is never returned: it becomes a :class:`Loss` in ``losses``
(what, how many rows, which time range) and a line in ``warnings``, and ``damaged`` is True, so
callers can refuse (``replay``), describe (``info``) or rebuild (``repair``). Missing files the
manifest lists are losses too.

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
from . import notes
from . import words as w
from .errors import SessionError
from .integrity import DIGEST_KEY, TIME_COLUMN, Loss, digest_matches, time_range
from .lock import is_being_written
from .manifest import file_sha256, read_manifest
from .validate import patient_code

_PARQUET_BATCH = 65_536


class SessionReader:
    """Read one session directory. Attributes: ``manifest`` (dict), ``sensors`` (SensorInfo
    list), ``closed``, ``compacted``, ``live`` (a writer holds it open right now), ``recovered``
    (bool: the recording crashed or a file had a torn tail), ``warnings`` (one-line messages),
    ``losses`` (stored data that could not be read back intact), ``damaged``.

    ``manifest``: use this manifest instead of reading ``manifest.json`` (``repair`` passes one
    rebuilt from the segments when the file is lost).
    """

    def __init__(self, path: str | os.PathLike[str], *, manifest: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.manifest: dict[str, Any] = manifest if manifest is not None else read_manifest(self.path)
        self._notes: list[str] = []
        self._losses: dict[tuple[str, int], Loss] = {}
        try:
            self.sensors: list[SensorInfo] = [SensorInfo.from_dict(d) for d in self.manifest.get("sensors", [])]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SessionError(w.BAD_SENSOR_LIST, path=self.path / fmt.MANIFEST_NAME, reason=exc) from None
        self.patient_code, invalid_code = patient_code(self.manifest)
        if invalid_code:  # never passed on: the manifest copy callers see has no patient code
            self._notes.append(invalid_code)
            self.manifest = {**self.manifest, "patient": None}
        self.closed = bool(self.manifest.get("closed"))
        self.compacted = bool(self.manifest.get("compacted"))
        self.repaired = bool(self.manifest.get("repaired"))
        self.checksums = int(self.manifest.get("format_version", 1)) >= 2  # older sessions carry none
        # live: a SessionWriter (this or another process) is recording it right now.
        self.live = not self.closed and is_being_written(self.path)
        self.recovered = bool(self.manifest.get("recovered")) or (not self.closed and not self.live)
        self._notes.extend(str(w) for w in self.manifest.get("recovery_warnings", []))
        if self.live:
            self._notes.append(notes.STILL_RECORDING)
        elif not self.closed:
            self._notes.append(notes.NOT_CLOSED)
        self._files: dict[str, list[Path]] = {k: [] for k in fmt.KINDS}
        self._entries: dict[str, dict[str, Any]] = {}  # file name -> its manifest entry
        if self.compacted:
            self._open_parquet()
        else:
            self._open_segments()

    # ------------------------------------------------------------------ integrity

    @property
    def losses(self) -> list[Loss]:
        """What could not be read back intact, found so far (all of it after :meth:`verify`)."""
        return [self._losses[k] for k in sorted(self._losses, key=lambda k: (fmt.KINDS.index(self._losses[k].kind), k))]

    @property
    def damaged(self) -> bool:
        return bool(self._losses)

    @property
    def warnings(self) -> list[str]:
        """Notes (crash recovery, torn tails) and one line per loss."""
        return self._notes + [loss.describe() for loss in self.losses]

    @property
    def notes(self) -> list[str]:
        """The warnings that are not losses (crash recovery, torn tails)."""
        return list(self._notes)

    def add_note(self, text: str) -> None:
        self._notes.append(text)

    def verify(self, kinds: tuple[str, ...] = fmt.KINDS) -> list[Loss]:
        """Check every stored file of ``kinds``: a file whose bytes match the checksum in the
        manifest is intact; any other (open or older segments, a mismatch) is read batch by batch
        (digests, page CRCs) to find what exactly was lost. Returns ``losses``."""
        for kind in kinds:
            for p in self._files[kind]:
                entry = self._entries.get(p.name, {})
                if entry.get("sha256") and file_sha256(p) == entry["sha256"]:
                    continue
                before = len(self._losses)
                for _ in self._iter_file(kind, p, None):
                    pass
                if entry.get("sha256") and len(self._losses) == before:
                    self._notes.append(notes.CHECKSUM_VERIFIED.format(name=p.name))
        return self.losses

    def _lose(self, key: tuple[str, int], loss: Loss) -> None:
        self._losses[key] = loss

    # ------------------------------------------------------------------ opening

    def _open_parquet(self) -> None:
        entries = self.manifest.get("parquet", {}) or {}
        for kind in fmt.KINDS:
            p = self.path / fmt.parquet_name(kind)
            entry = dict(entries.get(kind, {}) or {})
            self._entries[p.name] = entry
            if not p.is_file():
                self._lose((p.name, -1), Loss(kind, p.name, "missing", entry.get("rows"),
                                              entry.get("t_first_ns"), entry.get("t_last_ns")))
                continue
            try:
                pq.ParquetFile(p).close()
            except (pa.ArrowException, OSError):
                self._lose((p.name, -1), Loss(kind, p.name, "unreadable", entry.get("rows"),
                                              entry.get("t_first_ns"), entry.get("t_last_ns")))
                continue
            self._files[kind] = [p]

    def _open_segments(self) -> None:
        segdir = self.path / fmt.SEGMENT_DIR
        listed = {s["file"]: s for s in self.manifest.get("segments", []) if isinstance(s, dict) and "file" in s}
        found: dict[str, tuple[int, str]] = {}
        if segdir.is_dir():
            for entry in os.scandir(segdir):
                parsed = fmt.parse_segment_name(entry.name)
                if parsed is not None:
                    found[entry.name] = parsed
        for name in sorted(set(listed) - set(found)):
            e = listed[name]
            kind = e.get("kind") if e.get("kind") in fmt.KINDS else (fmt.parse_segment_name(name) or (0, "samples"))[1]
            t_first = e.get("t_first_ns")
            if e.get("open"):  # the open tail: everything after the last closed segment of its kind
                t_first = max((s.get("t_last_ns") or 0 for s in listed.values()
                               if s.get("kind") == kind and "sha256" in s), default=None)
            self._lose((name, -1), Loss(kind, f"{fmt.SEGMENT_DIR}/{name}", "missing", e.get("rows"),
                                        t_first, e.get("t_last_ns")))
        for name, (_, kind) in sorted(found.items(), key=lambda kv: kv[1]):
            p = segdir / name
            self._files[kind].append(p)
            rec = listed.get(name)
            if rec is not None:
                self._entries[name] = rec
            if rec is None or "sha256" not in rec:  # open (crash tail): read it now to find a torn end
                for _ in self._iter_segment(kind, p, []):
                    pass
                continue
            if "bytes" in rec and p.stat().st_size < rec["bytes"]:
                self.recovered = True
                self._notes.append(notes.TRUNCATED.format(name=name, size=p.stat().st_size, bytes=rec["bytes"]))

    # ------------------------------------------------------------------ checked reading

    def _iter_file(self, kind: str, p: Path, columns: list[str] | None) -> Iterator[pa.RecordBatch]:
        if self.compacted:
            yield from self._iter_parquet(kind, p, columns)
        else:
            yield from self._iter_segment(kind, p, columns)

    def _iter_parquet(self, kind: str, p: Path, columns: list[str] | None) -> Iterator[pa.RecordBatch]:
        """Row group by row group, pages checked against their CRC; a failing row group is a loss
        (rows and time range from the footer) and is skipped whole."""
        pf = pq.ParquetFile(p, page_checksum_verification=True)
        tcol = pf.schema_arrow.get_field_index(TIME_COLUMN[kind])
        try:
            for i in range(pf.num_row_groups):
                try:
                    batches = list(pf.iter_batches(batch_size=_PARQUET_BATCH, row_groups=[i], columns=columns))
                except (pa.ArrowException, OSError):
                    rg = pf.metadata.row_group(i)
                    st = rg.column(tcol).statistics if tcol >= 0 else None
                    lo, hi = (st.min, st.max) if st is not None and st.has_min_max else (None, None)
                    self._lose((p.name, i), Loss(kind, p.name, "checksum", rg.num_rows, lo, hi))
                    continue
                yield from batches
        finally:
            pf.close()

    def _iter_segment(self, kind: str, p: Path, columns: list[str] | None) -> Iterator[pa.RecordBatch]:
        """Batches of one IPC stream file, each checked against its digest. A failing batch is a
        loss (its time range: from the last good batch before to the first good one after); a
        listed file that ends before its listed rows lost the rest; an unlisted (open) file that
        ends in a half-written batch has a torn tail (a crash: a warning, not damage)."""
        entry = self._entries.get(p.name, {})
        listed_rows = entry.get("rows") if "sha256" in entry or entry.get("abandoned") else None
        name = f"{fmt.SEGMENT_DIR}/{p.name}"
        rows_seen = 0
        last_t: int | None = entry.get("t_first_ns")
        pending: list[tuple[tuple[str, int], Loss]] = []  # bad batches waiting for their end time
        torn = False
        unreadable: list[tuple[str, int]] = []  # keys of unreadable messages skipped by a resync
        tail_bytes = 0  # bytes after the last readable message, when no later message was found
        with pa.memory_map(str(p)) as source:
            try:
                reader = pa.ipc.open_stream(source)
            except (pa.ArrowException, OSError):
                reader = None
                torn = source.size() > 0
            schema_end = source.tell() if reader is not None else 0
            position: Any = source  # what the reader reads: the file, or after a resync a buffer
            offset = 0  # file position of the reader's position 0
            good_end = schema_end  # file position just after the last message read
            index = 0
            while reader is not None:
                try:
                    batch, meta = reader.read_next_batch_with_custom_metadata()
                except StopIteration:
                    break
                except (pa.ArrowException, OSError):
                    # a torn end (a crash mid-write), or one damaged message with intact ones after
                    # it: look for the next message that reads and verifies, so the damage costs one
                    # batch, counted, not the rest of the segment (rows after it were dropped silently)
                    found = _resync(source, schema_end, good_end, self.checksums)
                    if found is None:
                        torn = True
                        tail_bytes = source.size() - good_end
                        break
                    reader, position, at = found
                    offset = at - schema_end
                    key = (p.name, index)
                    unreadable.append(key)
                    pending.append((key, Loss(kind, name, "unreadable", None, last_t, None)))
                    index += 1
                    good_end = at
                    continue
                good_end = offset + position.tell()
                rows_seen += batch.num_rows
                digest = meta.get(DIGEST_KEY) if meta is not None else None
                if (digest is None and self.checksums) or (digest is not None and not digest_matches(digest, batch)):
                    pending.append(((p.name, index), Loss(kind, name, "checksum", batch.num_rows, last_t, None)))
                    index += 1
                    continue
                index += 1
                t0, t1 = time_range(batch, kind)
                if t0 is not None:
                    for key, loss in pending:
                        self._lose(key, Loss(loss.kind, loss.file, loss.reason, loss.rows, loss.t_first_ns, t0))
                    pending = []
                    last_t = t1
                yield batch.select(columns) if columns is not None else batch
        end_t = entry.get("t_last_ns")
        for key, loss in pending:
            self._lose(key, Loss(loss.kind, loss.file, loss.reason, loss.rows, loss.t_first_ns, end_t))
        if listed_rows is not None and rows_seen < listed_rows:
            if len(unreadable) == 1 and not torn:  # the one skipped message held exactly the rows missing
                loss = self._losses[unreadable[0]]
                self._lose(unreadable[0], Loss(loss.kind, loss.file, loss.reason, listed_rows - rows_seen,
                                               loss.t_first_ns, loss.t_last_ns))
            else:
                self._lose((p.name, -2), Loss(kind, name, "truncated", listed_rows - rows_seen, last_t, end_t))
            self.recovered = True
        elif torn and (listed_rows is None or entry.get("abandoned")) and not self.live:
            # a crash (or a write error the writer moved past); a live writer may be mid-write
            self.recovered = True
            note = notes.TORN.format(name=p.name, rows=rows_seen, bytes=tail_bytes)
            if note not in self._notes:
                self._notes.append(note)

    # ------------------------------------------------------------------ generic batches

    def iter_batches(self, kind: str, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """Record batches of ``kind`` ("packets", "samples", "events") in recorded order."""
        if kind not in fmt.KINDS:
            raise ValueError(f"kind must be one of {fmt.KINDS}, got {kind!r}")
        for p in self._files[kind]:
            yield from self._iter_file(kind, p, columns)

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
                raise SessionError(w.NO_SUCH_SENSOR, sensor=repr(sensor_id), path=self.path, known=sorted(known))
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


_MARKER = b"\xff\xff\xff\xff"  # Arrow IPC's continuation marker: every message starts with it
_ALIGN = 8  # IPC messages start 8-byte aligned


def _resync(source: Any, schema_end: int, broken_at: int, checksums: bool) -> tuple[Any, Any, int] | None:
    """After an unreadable message at file position ``broken_at``: the first later message that
    reads and (with ``checksums``) verifies its digest. Returns a stream reader positioned on it,
    the buffer it reads (its positions: file position - ``pos`` + ``schema_end``) and ``pos``, the
    file position of that message; None when no later message reads (a torn end). Candidates are
    the 8-byte aligned continuation markers after ``broken_at``; the schema is the file's own."""
    source.seek(0)
    data = source.read_buffer(source.size()).to_pybytes()
    schema = data[:schema_end]
    pos = data.find(_MARKER, broken_at + _ALIGN)
    while pos >= 0:
        if pos % _ALIGN == 0:
            try:
                probe = pa.ipc.open_stream(pa.py_buffer(schema + data[pos:]))
                batch, meta = probe.read_next_batch_with_custom_metadata()
                digest = meta.get(DIGEST_KEY) if meta is not None else None
                if not checksums or digest_matches(digest, batch):
                    buf = pa.BufferReader(pa.py_buffer(schema + data[pos:]))
                    return pa.ipc.open_stream(buf), buf, pos
            except (pa.ArrowException, OSError, StopIteration):
                pass
        pos = data.find(_MARKER, pos + 1)
    return None
