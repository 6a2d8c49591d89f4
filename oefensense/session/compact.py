"""Compaction: Arrow IPC segments -> one Parquet file per kind, done safely.

Order makes every crash point recoverable: write ``kind.parquet.tmp``, fsync, rename; only then
mark the manifest ``compacted`` (atomic), and only then delete the segments. A crash before the
manifest update leaves a session the reader opens from its segments; compaction can be re-run.
Streaming, with row groups of at most ``row_group_rows`` rows and ``ROW_GROUP_S`` seconds: memory
stays bounded for long sessions.

Every batch is checked while it is copied (``integrity.py``); a session with damaged or missing
data is not compacted (that would bake the damage in): ``SessionError`` says to run
``oefensense repair``, which compacts the intact data and records what was lost.
Parquet files carry page CRCs, the manifest snapshot in their schema metadata, and are listed in
the manifest with their sha256, rows and time range.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import format as fmt
from . import words as w
from .errors import SessionError
from .integrity import HashingFile, time_range
from .lock import LOCK_NAME
from .manifest import FILE_MODE, fsync_dir, manifest_snapshot, read_manifest, write_manifest
from .reader import SessionReader

ROW_GROUP_ROWS = 262_144
# A row group also ends after this much session time, so a damaged one loses at most about one
# segment's worth (rotate_s default) instead of hours of a slow stream.
ROW_GROUP_S = 300.0


def compact_session(path: str | os.PathLike[str], *, row_group_rows: int = ROW_GROUP_ROWS) -> dict[str, Any]:
    """Compact a closed or crashed session in place; returns rows per kind. A crashed session is
    marked ``closed`` and ``recovered``. Already compacted sessions are left as they are."""
    directory = Path(path)
    manifest = read_manifest(directory)
    if manifest.get("compacted"):
        return {k: v["rows"] for k, v in manifest.get("parquet", {}).items()}
    reader = SessionReader(directory, manifest=manifest)
    if reader.live:
        raise SessionError(w.COMPACT_RECORDING, path=directory)
    parquet = write_parquet(reader, directory, manifest, row_group_rows=row_group_rows)
    if reader.damaged:
        for entry in parquet.values():
            (directory / (entry["file"] + ".tmp")).unlink(missing_ok=True)
        raise damaged(directory, reader)
    finish_compaction(directory, manifest, reader, parquet)
    return {k: v["rows"] for k, v in parquet.items()}


def damaged(directory: Path, reader: SessionReader) -> SessionError:
    """The error of a session with losses, one line: the first loss, how many more, and what to do."""
    losses = reader.losses
    more = w.phrase(w.MORE_LOSSES, n=len(losses) - 1) if len(losses) > 1 else ""
    return SessionError(w.DAMAGED, path=directory, loss=losses[0].worded(), more=more)


def write_parquet(reader: SessionReader, directory: Path, manifest: dict[str, Any], *,
                  extra: dict[str, Iterable[pa.RecordBatch]] | None = None,
                  row_group_rows: int = ROW_GROUP_ROWS) -> dict[str, dict[str, Any]]:
    """Write ``kind.parquet.tmp`` for every kind from the reader's checked batches (plus ``extra``
    batches of a kind, appended); returns the manifest entries (``file`` = the final name)."""
    snapshot = manifest_snapshot(manifest)
    out: dict[str, dict[str, Any]] = {}
    for kind in fmt.KINDS:
        final = directory / fmt.parquet_name(kind)
        tmp = final.with_name(final.name + ".tmp")
        tmp.unlink(missing_ok=True)  # left by a compaction that crashed
        schema = fmt.SCHEMAS[kind].with_metadata({fmt.MANIFEST_META_KEY: snapshot})
        sink = HashingFile(tmp, FILE_MODE)
        rows, t_first, t_last = 0, None, None
        writer = pq.ParquetWriter(sink, schema, compression="zstd", write_page_checksum=True)
        try:
            pending: list[pa.RecordBatch] = []
            n_pending = 0
            group_t0: int | None = None
            max_span_ns = int(ROW_GROUP_S * 1e9)

            def flush() -> None:
                writer.write_table(pa.Table.from_batches(pending, schema=schema), row_group_size=row_group_rows)

            sources: list[Iterable[pa.RecordBatch]] = [reader.iter_batches(kind), (extra or {}).get(kind, ())]
            for source in sources:
                for batch in source:
                    batch = batch.replace_schema_metadata(schema.metadata)
                    pending.append(batch)
                    n_pending += batch.num_rows
                    t0, t1 = time_range(batch, kind)
                    if t0 is not None:
                        t_first = t0 if t_first is None else min(t_first, t0)
                        t_last = t1 if t_last is None else max(t_last, t1)
                        group_t0 = t0 if group_t0 is None else group_t0
                    if n_pending >= row_group_rows or (t1 is not None and t1 - group_t0 >= max_span_ns):
                        flush()
                        rows += n_pending
                        pending, n_pending, group_t0 = [], 0, None
            if pending:
                flush()
                rows += n_pending
        finally:
            writer.close()
            sink.sync()
            sink.close()
        out[kind] = {"file": final.name, "rows": rows, "sha256": sink.digest(), "t_first_ns": t_first,
                     "t_last_ns": t_last}
    return out


def finish_compaction(directory: Path, manifest: dict[str, Any], reader: SessionReader,
                      parquet: dict[str, dict[str, Any]]) -> None:
    """Rename the ``.tmp`` files, then mark the manifest compacted, then delete the segments."""
    for entry in parquet.values():
        os.replace(directory / (entry["file"] + ".tmp"), directory / entry["file"])
    fsync_dir(directory)
    if not manifest.get("closed"):
        manifest["closed"] = True
    if reader.recovered:
        manifest["recovered"] = True
    if reader.notes:
        manifest["recovery_warnings"] = reader.notes
    manifest["compacted"] = True
    manifest["storage"] = "parquet"
    manifest["parquet"] = parquet
    write_manifest(directory, manifest)
    shutil.rmtree(directory / fmt.SEGMENT_DIR, ignore_errors=True)
    (directory / LOCK_NAME).unlink(missing_ok=True)  # stale lock of a crashed recorder
