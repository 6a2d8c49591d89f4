"""On-disk layout of a session directory: file names, Arrow schemas, row <-> value conversion.

A session directory holds::

    manifest.json                 format, sensors, calibration, settings, versions, segment list
    segments/000001-packets.arrows  Arrow IPC *stream* files, append-only while recording,
    segments/000001-samples.arrows  one per kind and segment; rotated every ``rotate_s``
    segments/000001-events.arrows
    packets.parquet               after compaction (session closed): one Parquet file per kind
    samples.parquet               replaces the segments; read by the same SessionReader
    events.parquet

Units: every time column is int64 ns on the session clock; acc in g, gyro in deg/s, mag in µT
(the core units of ``oefensense.core.types``).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import numpy as np
import pyarrow as pa

from ..core.types import Event, RawPacket, SampleBlock
from .errors import SessionError

FORMAT_NAME = "oefensense.session"
FORMAT_VERSION = 2  # 2: per-batch value digests, file checksums and time ranges in the manifest
MANIFEST_META_KEY = "oefensense.manifest"  # schema metadata: the manifest snapshot (for repair)
MANIFEST_NAME = "manifest.json"
SEGMENT_DIR = "segments"
SEGMENT_SUFFIX = ".arrows"
KINDS = ("packets", "samples", "events")

PACKETS_SCHEMA = pa.schema(
    [
        pa.field("sensor_id", pa.string(), nullable=False),
        pa.field("host_t_ns", pa.int64(), nullable=False),
        pa.field("char_uuid", pa.string(), nullable=False),
        pa.field("payload", pa.binary(), nullable=False),
        pa.field("seq", pa.int64(), nullable=False),  # recorded order across packets and events
    ]
)

_XYZ = ("x", "y", "z")
ACC_COLS = tuple(f"acc_{a}_g" for a in _XYZ)
GYR_COLS = tuple(f"gyr_{a}_dps" for a in _XYZ)
MAG_COLS = tuple(f"mag_{a}_ut" for a in _XYZ)

SAMPLES_SCHEMA = pa.schema(
    [pa.field("sensor_id", pa.string(), nullable=False), pa.field("t_ns", pa.int64(), nullable=False)]
    + [pa.field(c, pa.float64(), nullable=False) for c in ACC_COLS]
    + [pa.field(c, pa.float64()) for c in GYR_COLS]  # null when the sensor has no gyro
    + [pa.field(c, pa.float64()) for c in MAG_COLS]  # null when the sensor has no magnetometer
)

EVENTS_SCHEMA = pa.schema(
    [
        pa.field("type", pa.string(), nullable=False),
        pa.field("t_ns", pa.int64(), nullable=False),
        pa.field("end_ns", pa.int64(), nullable=False),
        pa.field("sensor_id", pa.string(), nullable=False),
        pa.field("fields_json", pa.string(), nullable=False),  # Event.fields as JSON text
        pa.field("seq", pa.int64(), nullable=False),  # recorded order across packets and events
    ]
)

SCHEMAS: dict[str, pa.Schema] = {"packets": PACKETS_SCHEMA, "samples": SAMPLES_SCHEMA, "events": EVENTS_SCHEMA}


def segment_name(index: int, kind: str) -> str:
    """File name of one segment file, e.g. ``000001-samples.arrows`` (sorts in recorded order)."""
    return f"{index:06d}-{kind}{SEGMENT_SUFFIX}"


def parse_segment_name(name: str) -> tuple[int, str] | None:
    """``(index, kind)`` of a segment file name, or None for anything else."""
    if not name.endswith(SEGMENT_SUFFIX):
        return None
    stem = name[: -len(SEGMENT_SUFFIX)]
    num, _, kind = stem.partition("-")
    if not num.isdigit() or kind not in KINDS:
        return None
    return int(num), kind


def parquet_name(kind: str) -> str:
    return f"{kind}.parquet"


# ---------------------------------------------------------------- values -> record batches


def packets_batch(
    sensor_ids: list[str], host_t_ns: list[int], uuids: list[str], payloads: list[bytes], seq: list[int]
) -> pa.RecordBatch:
    return pa.record_batch(
        [
            pa.array(sensor_ids, pa.string()),
            pa.array(host_t_ns, pa.int64()),
            pa.array(uuids, pa.string()),
            pa.array(payloads, pa.binary()),
            pa.array(seq, pa.int64()),
        ],
        schema=PACKETS_SCHEMA,
    )


def _xyz_columns(blocks: list[SampleBlock], attr: str, n_total: int) -> list[pa.Array]:
    """Three float64 columns for ``attr``; rows of blocks without that channel are null."""
    parts = [getattr(b, attr) for b in blocks]
    if all(p is None for p in parts):
        return [pa.nulls(n_total, pa.float64()) for _ in range(3)]
    data = np.concatenate([np.full((len(b), 3), np.nan) if p is None else p for b, p in zip(blocks, parts)])
    if any(p is None for p in parts):
        valid = np.concatenate([np.full(len(b), p is not None) for b, p in zip(blocks, parts)])
        mask = ~valid
        return [pa.array(data[:, i], pa.float64(), mask=mask) for i in range(3)]
    return [pa.array(data[:, i], pa.float64()) for i in range(3)]


def samples_batch(blocks: list[SampleBlock]) -> pa.RecordBatch:
    """One record batch from sample blocks (any sensors, in the order given)."""
    n = sum(len(b) for b in blocks)
    sid = pa.array(
        np.repeat(np.array([b.sensor_id for b in blocks], dtype=object), [len(b) for b in blocks]), pa.string()
    )
    t = pa.array(np.concatenate([b.t_ns for b in blocks]), pa.int64())
    acc = np.concatenate([b.acc_g for b in blocks])
    cols = [sid, t] + [pa.array(acc[:, i], pa.float64()) for i in range(3)]
    cols += _xyz_columns(blocks, "gyr_dps", n) + _xyz_columns(blocks, "mag_ut", n)
    return pa.record_batch(cols, schema=SAMPLES_SCHEMA)


def _json_default(o: Any) -> Any:
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(f"{type(o).__name__} is not JSON-serialisable")


def event_fields_json(event: Event) -> str:
    """Event.fields as JSON text; SessionError if a value cannot be stored."""
    try:
        return json.dumps(event.fields, default=_json_default, allow_nan=True, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise SessionError(
            f"event {event.type!r} at t_ns={event.t_ns} has fields that cannot be recorded: {exc}; "
            "use JSON-safe values (numbers, strings, lists, dicts)"
        ) from None


def events_batch(rows: list[tuple[str, int, int, str, str, int]]) -> pa.RecordBatch:
    """Rows are ``(type, t_ns, end_ns, sensor_id, fields_json, seq)``."""
    types, t, end, sid, fj, seq = zip(*rows) if rows else ((), (), (), (), (), ())
    return pa.record_batch(
        [
            pa.array(types, pa.string()),
            pa.array(t, pa.int64()),
            pa.array(end, pa.int64()),
            pa.array(sid, pa.string()),
            pa.array(fj, pa.string()),
            pa.array(seq, pa.int64()),
        ],
        schema=EVENTS_SCHEMA,
    )


# ---------------------------------------------------------------- record batches -> values


def batch_to_packets(batch: pa.RecordBatch | pa.Table) -> list[RawPacket]:
    sid = batch.column("sensor_id").to_pylist()
    t = batch.column("host_t_ns").to_pylist()
    uuid = batch.column("char_uuid").to_pylist()
    payload = batch.column("payload").to_pylist()
    return [RawPacket(s, ht, u, p) for s, ht, u, p in zip(sid, t, uuid, payload)]


def _xyz(batch: pa.RecordBatch | pa.Table, cols: Iterable[str]) -> np.ndarray | None:
    arrays = [batch.column(c) for c in cols]
    if arrays[0].null_count == len(arrays[0]) and len(arrays[0]) > 0:
        return None
    return np.column_stack([a.to_numpy(zero_copy_only=False) for a in arrays]).astype(np.float64, copy=False)


def batch_to_block(sensor_id: str, batch: pa.RecordBatch | pa.Table) -> SampleBlock:
    """A SampleBlock from rows of one sensor (gyro/mag None when all null)."""
    n = batch.num_rows
    t = batch.column("t_ns").to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    acc = _xyz(batch, ACC_COLS) if n else np.zeros((0, 3))
    gyr = _xyz(batch, GYR_COLS) if n else None
    mag = _xyz(batch, MAG_COLS) if n else None
    return SampleBlock(sensor_id, t, acc if acc is not None else np.zeros((n, 3)), gyr, mag)


def batch_to_events(batch: pa.RecordBatch | pa.Table) -> list[Event]:
    cols = [batch.column(c).to_pylist() for c in ("type", "t_ns", "end_ns", "sensor_id", "fields_json")]
    return [Event(ty, t, e, json.loads(fj), sid) for ty, t, e, sid, fj in zip(*cols)]
