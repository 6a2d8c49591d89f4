"""``repair_session``: keep what is intact, record and flag what was lost, close and compact.

For a session that crashed, lost a segment, holds altered bytes, or lost its ``manifest.json``:

1. the manifest is read, or rebuilt from the newest copy embedded in a segment's or Parquet
   file's schema (``manifest_snapshot``; the segment list is then found on disk);
2. every file is verified (``SessionReader.verify``): batches and row groups that fail their
   checksum, missing files and truncated ones become :class:`~.integrity.Loss` records;
3. the intact data is compacted to Parquet; for every loss of raw packets a ``gap`` event
   (``reason: storage_damage``) per sensor is added at the place in the recorded order where
   the data is missing, so a replay flags it like a radio drop-out instead of bridging it;
4. the manifest says ``repaired``, lists ``losses`` and is written last (atomically).

Repairing an intact, closed session changes nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import format as fmt
from . import notes
from .compact import finish_compaction, write_parquet
from . import words as w
from .errors import SessionError
from .integrity import Loss
from .lock import is_being_written
from .manifest import read_manifest
from .reader import SessionReader

GAP_REASON = "storage_damage"


@dataclass
class RepairReport:
    """What ``repair_session`` did: ``changed`` False when the session was intact and closed."""

    path: Path
    changed: bool
    losses: list[Loss] = field(default_factory=list)
    gaps_flagged: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    manifest_rebuilt_from: str | None = None
    was_closed: bool = True


def repair_session(path: str | os.PathLike[str]) -> RepairReport:
    """Repair ``path`` in place (see the module docstring). SessionError when it is not a
    session at all, is still being recorded, or nothing readable is left."""
    directory = Path(path)
    manifest, rebuilt_from = _manifest_or_rebuilt(directory)
    if is_being_written(directory):
        raise SessionError(w.REPAIR_RECORDING, path=directory)
    reader = SessionReader(directory, manifest=manifest)
    losses = reader.verify()
    was_closed = bool(manifest.get("closed"))
    if not losses and rebuilt_from is None and was_closed and manifest.get("compacted"):
        return RepairReport(directory, changed=False)
    gaps = _gap_events(reader, losses)
    parquet = write_parquet(reader, directory, manifest, extra={"events": [gaps]} if gaps.num_rows else None)
    losses = reader.losses  # the same; verify() already read everything
    manifest["repaired"] = True
    manifest["losses"] = list(manifest.get("losses", [])) + [loss.to_dict() for loss in losses]
    if rebuilt_from is not None:
        reader.add_note(notes.MANIFEST_REBUILT.format(source=rebuilt_from))
    finish_compaction(directory, manifest, reader, parquet)
    return RepairReport(directory, True, losses, gaps.num_rows, {k: v["rows"] for k, v in parquet.items()},
                        rebuilt_from, was_closed)


def _gap_events(reader: SessionReader, losses: list[Loss]) -> pa.RecordBatch:
    """One ``gap`` event per sensor and lost stretch of raw packets, with the ``seq`` of the first
    intact packet after it (so the recorded order puts it exactly where the data is missing)."""
    lost = [loss for loss in losses if loss.kind == "packets"]
    rows: list[tuple[str, int, int, str, str, int]] = []
    if not lost or not reader.sensors:
        return fmt.events_batch(rows)
    times: list[pa.Array] = []
    seqs: list[pa.Array] = []
    for b in reader.iter_batches("packets", columns=["host_t_ns", "seq"]):
        times.append(b.column(0))
        seqs.append(b.column(1))
    t = pa.concat_arrays(times).to_numpy() if times else None
    q = pa.concat_arrays(seqs).to_numpy() if seqs else None
    last_seq = int(q.max()) + 1 if q is not None and len(q) else 0
    for loss in lost:
        start = loss.t_first_ns if loss.t_first_ns is not None else loss.t_last_ns
        end = loss.t_last_ns if loss.t_last_ns is not None else start
        if start is None and t is not None and len(t):
            start = end = int(t.max())  # nothing known about when: after the last intact packet
        start, end = int(start or 0), int(end or 0)
        seq = last_seq
        if t is not None and len(t) and loss.t_last_ns is not None:
            after = q[t >= end]
            if len(after):
                seq = int(after.min())
        fields = json.dumps({"reason": GAP_REASON, "rows_lost": loss.rows, "file": loss.file, "recovered": True})
        rows += [("gap", start, end, s.sensor_id, fields, seq) for s in reader.sensors]
    return fmt.events_batch(rows)


def _manifest_or_rebuilt(directory: Path) -> tuple[dict[str, Any], str | None]:
    """The manifest, or one rebuilt from the newest embedded copy (and where it came from)."""
    try:
        return read_manifest(directory), None
    except SessionError as exc:
        if not directory.is_dir():
            raise
        found = _newest_snapshot(directory)
        if found is None:
            raise SessionError(w.NO_MANIFEST_COPY, reason=exc) from None
        text, source = found
    m = json.loads(text)
    if not isinstance(m, dict) or m.get("format") != fmt.FORMAT_NAME:
        raise SessionError(w.BAD_MANIFEST_COPY, path=source)
    parquets = [directory / fmt.parquet_name(k) for k in fmt.KINDS]
    segdir = directory / fmt.SEGMENT_DIR
    has_segments = segdir.is_dir() and any(fmt.parse_segment_name(p.name) for p in segdir.iterdir())
    m["segments"] = []  # every segment on disk is read and checked batch by batch
    m["closed"] = False
    m["compacted"] = not has_segments and any(p.is_file() for p in parquets)
    m["parquet"] = {}
    return m, source


def _newest_snapshot(directory: Path) -> tuple[str, str] | None:
    """The embedded manifest copy with the most sensors (later segments know later joiners)."""
    candidates: list[tuple[int, int, str, str]] = []
    segdir = directory / fmt.SEGMENT_DIR
    paths: list[tuple[int, Path]] = []
    if segdir.is_dir():
        paths += [(parsed[0], p) for p in segdir.iterdir() if (parsed := fmt.parse_segment_name(p.name))]
    paths += [(-1, directory / fmt.parquet_name(k)) for k in fmt.KINDS]
    for index, p in paths:
        try:
            if p.suffix == ".parquet":
                schema = pq.read_schema(p)
            else:
                with pa.memory_map(str(p)) as src:
                    schema = pa.ipc.open_stream(src).schema
        except (pa.ArrowException, OSError):
            continue
        text = (schema.metadata or {}).get(fmt.MANIFEST_META_KEY.encode())
        if text is None:
            continue
        try:
            n_sensors = len(json.loads(text).get("sensors", []))
        except (ValueError, AttributeError):
            continue
        name = p.name if index < 0 else f"{fmt.SEGMENT_DIR}/{p.name}"
        candidates.append((n_sensors, index, text.decode(), name))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c[0], c[1]))
    return best[2], best[3]
