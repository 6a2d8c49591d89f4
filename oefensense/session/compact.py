"""Compaction: Arrow IPC segments -> one Parquet file per kind, done safely.

Order makes every crash point recoverable: write ``kind.parquet.tmp``, fsync, rename; only then
mark the manifest ``compacted`` (atomic), and only then delete the segments. A crash before the
manifest update leaves a session the reader opens from its segments; compaction can be re-run.
Streaming, with row groups of ``row_group_rows``: memory stays bounded for long sessions.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import format as fmt
from .errors import SessionError
from .lock import LOCK_NAME
from .manifest import fsync_dir, read_manifest, write_manifest
from .reader import SessionReader


def compact_session(path: str | os.PathLike[str], *, row_group_rows: int = 262_144) -> dict[str, Any]:
    """Compact a closed or crashed session in place; returns rows per kind. A crashed session is
    marked ``closed`` and ``recovered``. Already compacted sessions are left as they are."""
    directory = Path(path)
    manifest = read_manifest(directory)
    if manifest.get("compacted"):
        return {k: v["rows"] for k, v in manifest.get("parquet", {}).items()}
    reader = SessionReader(directory)
    if reader.live:
        raise SessionError(f"cannot compact {directory}: it is still being recorded; stop the recording first")
    parquet: dict[str, dict[str, Any]] = {}
    for kind in fmt.KINDS:
        final = directory / fmt.parquet_name(kind)
        tmp = final.with_name(final.name + ".tmp")
        rows = 0
        writer = pq.ParquetWriter(tmp, fmt.SCHEMAS[kind], compression="zstd")
        try:
            pending: list[pa.RecordBatch] = []
            n_pending = 0
            for batch in reader.iter_batches(kind):
                pending.append(batch)
                n_pending += batch.num_rows
                if n_pending >= row_group_rows:
                    writer.write_table(
                        pa.Table.from_batches(pending, schema=fmt.SCHEMAS[kind]), row_group_size=row_group_rows
                    )
                    rows += n_pending
                    pending, n_pending = [], 0
            if pending:
                writer.write_table(
                    pa.Table.from_batches(pending, schema=fmt.SCHEMAS[kind]), row_group_size=row_group_rows
                )
                rows += n_pending
        finally:
            writer.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
        parquet[kind] = {"file": final.name, "rows": rows}
    fsync_dir(directory)
    if not manifest.get("closed"):
        manifest["closed"] = True
    if reader.recovered:
        manifest["recovered"] = True
        manifest["recovery_warnings"] = reader.warnings
    manifest["compacted"] = True
    manifest["storage"] = "parquet"
    manifest["parquet"] = parquet
    write_manifest(directory, manifest)
    shutil.rmtree(directory / fmt.SEGMENT_DIR, ignore_errors=True)
    (directory / LOCK_NAME).unlink(missing_ok=True)  # stale lock of a crashed recorder
    return {k: v["rows"] for k, v in parquet.items()}
