"""SessionWriter: records a session directory append-only and crash-safe.

Calls buffer in memory (cheap: list appends); every ``flush_interval_s`` (checked with
``time.monotonic()`` on each call, or by ``flush_if_due()``) the buffers become one Arrow record
batch per kind, written to the open Arrow IPC *stream* segment with an unbuffered OS write. A
SIGKILL therefore loses at most the last flush interval: the page cache keeps what was written
and the stream reader stops cleanly at a torn tail. Every ``rotate_s`` the segment files are
closed (end-of-stream marker), fsync'd and listed in the manifest, so power loss costs at most
the open segment. ``close()`` compacts everything to Parquet (``compact.py``).

Not thread-safe by design: one thread owns the writer. A flush or rotation pauses that thread
for milliseconds (tens under load); to keep them off the BLE/engine thread use
``BackgroundSessionWriter`` (same API, a recorder thread does the file work). Memory is bounded:
buffers never hold more than ``max_buffer_rows`` before they are flushed. A week-long recording
at 4 x 100 Hz keeps ~2000 closed segments per kind, each listed in the manifest.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from ..core.types import Event, RawPacket, SampleBlock, SensorInfo
from . import format as fmt
from . import words as w
from .errors import SessionError
from .integrity import DIGEST_KEY, HashingFile, batch_digest, time_range
from .lock import LOCK_NAME, WriterLock
from .privacy import installation_salt, private_sensor_info
from .manifest import (DIR_MODE, FILE_MODE, RESERVED_KEYS, check_json, check_patient_field, fsync_dir,
                       manifest_snapshot, new_manifest, write_manifest)


class _Segment:
    """One open Arrow IPC stream file of one kind: every batch carries the digest of its values,
    the file's bytes are hashed as they are written, and its time range is tracked."""

    def __init__(self, path: Path, kind: str, schema: pa.Schema, options: pa.ipc.IpcWriteOptions) -> None:
        self.path = path
        self.kind = kind
        # Unbuffered: each batch goes to the OS at once, so a killed process loses nothing written.
        self.file = HashingFile(path, FILE_MODE)
        self.writer = pa.ipc.new_stream(self.file, schema, options=options)
        self.rows = 0
        self.t_first: int | None = None
        self.t_last: int | None = None

    def write(self, batch: pa.RecordBatch) -> None:
        self.writer.write_batch(batch, custom_metadata={DIGEST_KEY: batch_digest(batch)})
        self.rows += batch.num_rows
        t0, t1 = time_range(batch, self.kind)
        if t0 is not None:
            self.t_first = t0 if self.t_first is None else min(self.t_first, t0)
            self.t_last = t1 if self.t_last is None else max(self.t_last, t1)

    def close(self) -> dict[str, Any]:
        """End-of-stream marker, fsync, close; returns the manifest entry (size, sha256, rows,
        time range)."""
        self.writer.close()
        self.file.sync()
        self.file.close()
        return {"file": self.path.name, "kind": self.kind, "rows": self.rows, "bytes": self.file.size,
                "sha256": self.file.digest(), "t_first_ns": self.t_first, "t_last_ns": self.t_last}


class SessionWriter:
    """Write one session directory.

    ``path`` must not exist or be an empty directory. ``meta`` adds free manifest fields
    (``calibration``, ``pipeline``, ``model_hashes``, ``patient``...). ``flush_interval_s`` bounds
    the data lost on a crash (seconds); ``rotate_s`` is the segment length (seconds) after which
    segments are fsync'd. ``max_buffer_rows`` forces an early flush to bound memory.
    ``keep_device_ids``: store device addresses and serials as they are (default: salted hashes,
    see ``privacy.py``). ``compression`` ("zstd", "lz4" or None) compresses each batch's buffers inside the IPC
    stream: a batch is still written whole or torn, so crash safety is the same (measured on
    quantised IMU data: 91 -> 26 bytes per sample row for ~1 ms CPU per 1 s flush).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        meta: dict[str, Any] | None = None,
        flush_interval_s: float = 1.0,
        rotate_s: float = 300.0,
        max_buffer_rows: int = 50_000,
        compression: str | None = "zstd",
        keep_device_ids: bool = False,
    ) -> None:
        if flush_interval_s <= 0 or rotate_s <= 0:
            raise SessionError("flush_interval_s and rotate_s must be positive seconds")
        if compression not in (None, "zstd", "lz4"):
            raise SessionError(f"compression must be 'zstd', 'lz4' or None, got {compression!r}")
        self._ipc_options = pa.ipc.IpcWriteOptions(compression=compression)
        self.path = Path(path)
        self.flush_interval_s = float(flush_interval_s)
        self.rotate_s = float(rotate_s)
        self.max_buffer_rows = int(max_buffer_rows)
        self._manifest = new_manifest(meta, self.flush_interval_s, self.rotate_s)
        self._manifest["writer"]["compression"] = compression
        # Device addresses and serials only as salted hashes unless asked otherwise (privacy.py).
        self._salt = None if keep_device_ids else installation_salt()
        self._manifest["device_ids"] = "kept" if keep_device_ids else "hashed"
        check_json(self._manifest)  # refuse bad meta before creating anything on disk
        created = not self.path.exists()
        self._lock = self._claim_directory()
        self._segdir = self.path / fmt.SEGMENT_DIR
        try:
            self._segdir.mkdir(mode=DIR_MODE)
            write_manifest(self.path, self._manifest)
            fsync_dir(self.path.parent)
        except OSError as exc:  # e.g. the disk is full: leave nothing that blocks this path
            self._lock.release()
            if created:
                shutil.rmtree(self.path, ignore_errors=True)
            raise SessionError(w.RECORD_OS, path=self.path, reason=exc.strerror or exc) from None

        self._sensors: dict[str, SensorInfo] = {}
        self._seg_index = 1
        self._segments: dict[str, _Segment] = {}
        self._seq = 0  # next recorded-order number (packets and events share it)
        self._pk: tuple[list[str], list[int], list[str], list[bytes], list[int]] = ([], [], [], [], [])
        self._samples: list[SampleBlock] = []
        self._events: list[tuple[str, int, int, str, str, int]] = []
        self._buffered = 0  # rows of all kinds waiting for the next flush
        now = time.monotonic()
        self._last_flush = now
        self._segment_started = now
        self._closed = False
        # A user who abandons a hanging stop (the CLI's third Ctrl-C) is told whether the session
        # was closed; the lock makes that answer and close()'s marking one decision, not a race.
        self._close_decision = threading.Lock()
        self._abandoned = False
        self._opened = False  # a segment file was opened during this flush (manifest to write)
        self.stats = {"packets": 0, "samples": 0, "events": 0, "flushes": 0, "segments": 0}
        # pyarrow's first conversion of a Python list imports pandas (0.2-0.65 s on a loaded
        # machine): pay it here, before any data, not inside the first flush, where a recorder
        # keeps queueing and a kill would lose that much more than one flush interval
        fmt.packets_batch([], [], [], [], [])

    # ------------------------------------------------------------------ public API

    @property
    def manifest(self) -> dict[str, Any]:
        """A copy of the manifest as it will be written."""
        return dict(self._manifest)

    @property
    def closed(self) -> bool:
        return self._closed

    def add_sensor(self, info: SensorInfo) -> None:
        """Register a sensor (any time; a sensor may join late). Re-adding replaces its info."""
        self._check_open()
        if self._salt is not None:
            info = private_sensor_info(info, self._salt)
        self._sensors[info.sensor_id] = info
        self._manifest["sensors"] = [s.to_dict() for s in self._sensors.values()]
        # Where in the recorded order it joined, so a replay announces it at the same point.
        self._manifest["sensor_join_seq"].setdefault(info.sensor_id, self._seq)
        write_manifest(self.path, self._manifest)

    def write_packets(self, packets: list[RawPacket]) -> None:
        """Buffer raw notifications exactly as received (the recorded truth)."""
        self._check_open()
        if not packets:
            return
        for p in packets:  # check all first: a refused list leaves the buffers untouched
            if p.sensor_id not in self._sensors:
                self._unknown_sensor(p.sensor_id)
            if not isinstance(p.payload, (bytes, bytearray, memoryview)):
                raise SessionError(f"packet payload of {p.sensor_id!r} must be bytes, got {type(p.payload).__name__}")
        sid, t, uuid, payload, seq = self._pk
        sid.extend([p.sensor_id for p in packets])
        t.extend([int(p.host_t_ns) for p in packets])
        uuid.extend([p.char_uuid for p in packets])
        payload.extend([bytes(p.payload) for p in packets])
        seq.extend(range(self._seq, self._seq + len(packets)))
        self._seq += len(packets)
        self.stats["packets"] += len(packets)
        self._after_write(len(packets))

    def write_samples(self, block: SampleBlock) -> None:
        """Buffer decoded samples of one sensor (core units, session clock)."""
        self._check_open()
        if block.sensor_id not in self._sensors:
            self._unknown_sensor(block.sensor_id)
        if len(block) == 0:
            return
        self._samples.append(block)
        self.stats["samples"] += len(block)
        self._after_write(len(block))

    def write_events(self, events: list[Event]) -> None:
        """Buffer events (gaps, markers with a ``note``, analysis events)."""
        self._check_open()
        if not events:
            return
        rows = [
            (e.type, int(e.t_ns), int(e.end_ns), e.sensor_id, fmt.event_fields_json(e), self._seq + i)
            for i, e in enumerate(events)
        ]
        self._seq += len(events)
        self._events.extend(rows)
        self.stats["events"] += len(events)
        self._after_write(len(events))

    def update_manifest(self, **fields: Any) -> None:
        """Set free manifest fields (calibration results, pipeline settings, patient code...)."""
        self._check_open()
        bad = RESERVED_KEYS & set(fields)
        if bad:
            raise SessionError(f"update_manifest may not set reserved keys {sorted(bad)}; use add_sensor/close")
        check_patient_field(fields)
        candidate = {**self._manifest, **fields}
        write_manifest(self.path, candidate)  # raises before anything changes if not JSON-safe
        self._manifest = candidate

    def flush_if_due(self) -> bool:
        """Flush when the flush interval has passed; call this from the recorder's loop when
        no data arrives for a while. Returns whether it flushed."""
        if not self._closed and time.monotonic() - self._last_flush >= self.flush_interval_s:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        """Write buffered rows to the open segments now (and rotate when the segment is old)."""
        self._check_open()
        started = time.monotonic()
        self._write_buffers()
        now = time.monotonic()
        # The next flush is due one interval after this one began, so a slow flush (fsync on a
        # busy disk) does not push every later flush back: the loss bound stays one interval.
        self._last_flush = started
        if now - self._segment_started >= self.rotate_s:
            self._rotate()
            self._segment_started = now

    def close(self, compact: bool = True) -> None:
        """Final flush, close and fsync segments, compact to Parquet (unless ``compact=False``),
        mark the manifest ``closed``. Idempotent."""
        if self._closed:
            return
        self._write_buffers()
        self._rotate()
        with self._close_decision:
            if self._abandoned:
                raise SessionError(w.STOP_ABANDONED, path=self.path)
            self._closed = True
            self._manifest["closed"] = True
            write_manifest(self.path, self._manifest)
        self._lock.release()
        if compact:
            from .compact import compact_session

            compact_session(self.path)

    def abandon(self, wait_s: float = 2.0) -> str:
        """Give up on closing, from any thread (the user abandoned a stop that hangs).

        Returns ``"closed"`` when the manifest was already marked closed (compaction may still
        be unfinished), ``"abandoned"`` when it was not and a later :meth:`close` will not mark
        it (it raises instead; data already flushed stays on disk for ``repair``), and
        ``"unknown"`` when the marking is under way and did not finish within ``wait_s`` seconds
        (a disk that does not answer)."""
        if not self._close_decision.acquire(timeout=wait_s):
            self._abandoned = True
            return "unknown"
        try:
            if self._closed:
                return "closed"
            self._abandoned = True
            return "abandoned"
        finally:
            self._close_decision.release()

    def __enter__(self) -> "SessionWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _claim_directory(self) -> WriterLock:
        """Create (or take the empty) session directory and hold its writer lock, so two writers
        started at the same instant on one path cannot both record: the second one gets a
        SessionError, and nothing of the first is touched. Any OS error (a read-only place, a
        file in the way) is a SessionError naming the path."""
        try:
            if self.path.exists() and not self.path.is_dir():
                raise SessionError(w.RECORD_TO_FILE, path=self.path)
            self.path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            os.chmod(self.path, DIR_MODE)  # private whatever the umask (patient data)
            if any(e.name != LOCK_NAME for e in os.scandir(self.path)):
                raise SessionError(w.RECORD_NOT_EMPTY, path=self.path)
            try:
                lock = WriterLock(self.path)
            except BlockingIOError:
                raise SessionError(w.RECORD_LOCKED, path=self.path) from None
            if any(e.name != LOCK_NAME for e in os.scandir(self.path)):  # one that just finished
                lock.release(remove=False)
                raise SessionError(w.RECORD_NOT_EMPTY, path=self.path)
            return lock
        except OSError as exc:
            raise SessionError(w.RECORD_OS, path=self.path, reason=exc.strerror or exc) from None

    def _check_open(self) -> None:
        if self._closed:
            raise SessionError(f"session {self.path} is closed; open a new SessionWriter to record more")

    def _unknown_sensor(self, sensor_id: str) -> None:
        raise SessionError(
            f"sensor {sensor_id!r} was not added; call add_sensor(SensorInfo(...)) before writing its data"
        )

    def _after_write(self, rows: int) -> None:
        self._buffered += rows
        if self._buffered >= self.max_buffer_rows or time.monotonic() - self._last_flush >= self.flush_interval_s:
            self.flush()

    def _segment(self, kind: str) -> _Segment:
        seg = self._segments.get(kind)
        if seg is None:
            # The schema carries the manifest as it is now, so `repair` can rebuild a lost one.
            schema = fmt.SCHEMAS[kind].with_metadata({fmt.MANIFEST_META_KEY: manifest_snapshot(self._manifest)})
            seg = _Segment(self._segdir / fmt.segment_name(self._seg_index, kind), kind, schema, self._ipc_options)
            self._segments[kind] = seg
            # Listed while open, so a deleted open segment is noticed, not read as "no data"
            # (the manifest is written once per flush that opened segments: _write_buffers).
            self._manifest["segments"].append({"file": seg.path.name, "kind": kind, "open": True})
            self._opened = True
        return seg

    def _write_kind(self, kind: str, batch: pa.RecordBatch) -> None:
        """Append one batch; on an I/O error abandon that file (its tail may be torn, and
        anything appended after a torn batch would be unreadable), so the retry goes to a fresh
        file with the next segment index. The rows stay buffered for that retry."""
        seg = self._segment(kind)
        try:
            seg.write(batch)
        except (OSError, pa.ArrowException) as exc:
            del self._segments[kind]
            try:
                seg.file.close()
            except OSError:
                pass
            # Its rows up to the failed batch stay readable (each batch is checked on read).
            self._set_entry(seg.path.name, {"file": seg.path.name, "kind": kind, "rows": seg.rows,
                                            "abandoned": True, "t_first_ns": seg.t_first, "t_last_ns": seg.t_last})
            self._seg_index += 1
            raise SessionError(w.WRITE_FAILED, kind=kind, path=seg.path, reason=exc) from exc

    def _set_entry(self, name: str, entry: dict[str, Any]) -> None:
        """Replace the manifest entry of segment file ``name`` (written at the next manifest write)."""
        segs = self._manifest["segments"]
        for i, e in enumerate(segs):
            if e["file"] == name:
                segs[i] = entry
                return
        segs.append(entry)

    def _write_pending_packets(self) -> None:
        if self._pk[0]:
            self._write_kind("packets", fmt.packets_batch(*self._pk))
            self._buffered -= len(self._pk[0])
            self._pk = ([], [], [], [], [])

    def _write_buffers(self) -> None:
        self._opened = False
        try:
            self._write_kinds()
        finally:
            if self._opened:
                write_manifest(self.path, self._manifest, durable_rename=False)

    def _write_kinds(self) -> None:
        self._write_pending_packets()
        if self._samples:
            self._write_kind("samples", fmt.samples_batch(self._samples))
            self._buffered -= sum(len(b) for b in self._samples)
            self._samples = []
        if self._events:
            self._write_kind("events", fmt.events_batch(self._events))
            self._buffered -= len(self._events)
            self._events = []
        self.stats["flushes"] += 1

    def _rotate(self) -> None:
        """Close the open segment files durably and list them in the manifest."""
        if not self._segments:
            return
        for kind in fmt.KINDS:
            seg = self._segments.get(kind)
            if seg is None:
                continue
            self._set_entry(seg.path.name, seg.close())
        self._segments = {}
        self._seg_index += 1
        self.stats["segments"] += 1
        fsync_dir(self._segdir)
        write_manifest(self.path, self._manifest)
