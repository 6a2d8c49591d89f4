"""Checksums of stored session data, and the record of what a damaged session lost.

Three levels, each cheap where it is written and checked where it is read:

* **record batch**: every Arrow IPC batch carries ``sha256`` in its custom metadata, a digest of
  its *values* (:func:`batch_digest`: column by column, null masks, offsets normalised), so it
  does not depend on compression or on the IPC encoding of the pyarrow version that wrote it.
  The reader checks each batch as it streams it: a damaged batch is skipped and reported, never
  returned (also in the open segment of a crashed recording, which has no file checksum yet).
* **file**: a closed segment is listed in the manifest with ``sha256`` of its bytes, its rows,
  and the first/last time it holds, so a missing or altered file is reported with what it held.
* **Parquet** (after compaction): every data page carries Parquet's CRC-32 (checked on read), the
  manifest lists the file's ``sha256``, rows and time range; a damaged row group is skipped and
  reported with its rows and time range from the footer statistics.

What was lost is a :class:`Loss`: kind, rows, time range, file and reason.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..core.types import NS_PER_S
from ..core.worded import Number, WordedError

DIGEST_KEY = b"sha256"
TIME_COLUMN = {"packets": "host_t_ns", "samples": "t_ns", "events": "t_ns"}


def digest_matches(digest: bytes | None, batch: pa.RecordBatch) -> bool:
    """Whether a batch's stored digest (its metadata value, bytes) is that of its values. A
    damaged batch does not verify, however its damage shows: a flipped byte inside the stored
    digest made it invalid UTF-8, and decoding it raised out of `info` instead of counting a loss;
    damaged values may fail to hash at all."""
    if digest is None:
        return False
    try:
        return digest == batch_digest(batch).encode("ascii")
    except (ValueError, IndexError, pa.ArrowException):
        return False


def batch_digest(batch: pa.RecordBatch) -> str:
    """SHA-256 hex digest of a record batch's values (names, nulls, numbers, bytes)."""
    h = hashlib.sha256()
    h.update(str(batch.num_rows).encode())
    for name, col in zip(batch.schema.names, batch.columns):
        h.update(name.encode() + b"\0")
        if col.null_count:
            h.update(np.packbits(col.is_null().to_numpy(zero_copy_only=False)).tobytes())
        if pa.types.is_binary(col.type) or pa.types.is_string(col.type):
            _, offsets, data = col.buffers()
            off = np.frombuffer(offsets, dtype=np.int32, count=len(col) + 1, offset=col.offset * 4)
            h.update((off - off[0]).astype(np.int64).tobytes())
            if data is not None:
                h.update(memoryview(data)[int(off[0]):int(off[-1])])
        else:
            values = col.fill_null(0) if col.null_count else col
            h.update(np.ascontiguousarray(values.to_numpy(zero_copy_only=False)).tobytes())
    return h.hexdigest()


def time_range(batch: pa.RecordBatch | pa.Table, kind: str) -> tuple[int | None, int | None]:
    """(first, last) time in ns of a batch (min/max of its time column), None when empty."""
    if batch.num_rows == 0:
        return None, None
    mm = pc.min_max(batch.column(TIME_COLUMN[kind])).as_py()
    return mm["min"], mm["max"]


class HashingFile(io.RawIOBase):
    """A write-only raw file that hashes every byte it writes (SHA-256) and writes unbuffered,
    so what a killed process wrote is in the page cache and the digest is of exactly those bytes."""

    def __init__(self, path: str | os.PathLike[str], mode: int = 0o600) -> None:
        super().__init__()
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        self._hash = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        view = memoryview(b).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        self._hash.update(view)
        self.size += len(view)
        return len(view)

    def fileno(self) -> int:
        return self._fd

    def tell(self) -> int:
        return self.size

    def sync(self) -> None:
        os.fsync(self._fd)

    def digest(self) -> str:
        """``"sha256:<hex>"`` of everything written (the manifest's form, as ``file_sha256``)."""
        return "sha256:" + self._hash.hexdigest()

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


@dataclass(frozen=True)
class Loss:
    """Stored data that could not be read back intact. ``rows`` may be None (unknown: e.g. the
    open segment of a crashed recording was deleted); times are session-clock ns or None."""

    kind: str
    file: str
    reason: str  # "missing", "checksum", "unreadable", "truncated"
    rows: int | None = None
    t_first_ns: int | None = None
    t_last_ns: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Loss":
        return cls(**{k: d.get(k) for k in ("kind", "file", "reason", "rows", "t_first_ns", "t_last_ns")})

    def describe(self) -> str:
        """One English line (the reader's ``warnings``, ``oefensense info``'s key for a loss)."""
        return str(self.worded())

    def worded(self) -> WordedError:
        """The line as a phrase said in the language of the sentence it is part of (Dutch:
        "... is onleesbaar: een onbekend aantal rijen meetwaarden verloren, 2,99–4,00 s")."""
        from . import words as w

        templates = {"missing": w.LOSS_MISSING, "checksum": w.LOSS_CHECKSUM, "unreadable": w.LOSS_UNREADABLE,
                     "truncated": w.LOSS_TRUNCATED}
        rows = w.phrase(w.UNKNOWN_NUMBER) if self.rows is None else str(self.rows)
        kind_rows = w.phrase(w.KIND_ROWS[self.kind]) if self.kind in w.KIND_ROWS else f"{self.kind} rows"
        span: object = ""
        if self.t_first_ns is not None or self.t_last_ns is not None:
            span = w.phrase(w.LOSS_SPAN, first="?" if self.t_first_ns is None else Number(self.t_first_ns / NS_PER_S, ".2f"),
                            last="?" if self.t_last_ns is None else Number(self.t_last_ns / NS_PER_S, ".2f"))
        return w.phrase(templates.get(self.reason, w.LOSS_OTHER), file=self.file, reason=self.reason, rows=rows,
                        kind_rows=kind_rows, span=span)
