"""Arrow columns to numpy and Python values to Arrow arrays without pyarrow's pandas probe.

pyarrow imports pandas (if installed) the first time it converts: ``pa.array`` of anything,
``Array.to_numpy`` and ``ChunkedArray.to_numpy`` all ask whether the object is a pandas object or
go through pyarrow's pandas conversion. That import stays in the process: about 30-40 MiB of RSS
and 0.3-0.6 s, for an analysis that never uses pandas (``oefensense analyze`` of a CSV: its peak
RSS is mostly the imports, benchmarks/RESULTS.md). These functions read and build the few
column types the CSV stream and the period tables use from their buffers instead, with the same
values: a float64 column's nulls become NaN as ``to_numpy`` makes them, and an array built here
equals ``pa.array(values, type)`` (tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa

_EPOCH = dt.date(1970, 1, 1)


def _validity(chunk: pa.Array) -> np.ndarray | None:
    """Per element True where set, or None if the chunk has no nulls."""
    if chunk.null_count == 0:
        return None
    bits = np.frombuffer(chunk.buffers()[0], dtype=np.uint8)
    return np.unpackbits(bits, bitorder="little")[chunk.offset:chunk.offset + len(chunk)].astype(bool)


def float_column(column: pa.ChunkedArray | pa.Array, out: np.ndarray | None = None) -> np.ndarray:
    """A float64 column as a new, writable float64 array; nulls are NaN (as ``to_numpy`` gives).
    ``out``: a float64 array of the column's length (e.g. one column of an (n, k) array) to fill
    instead, returned."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if column.type != pa.float64():
        raise TypeError(f"float_column needs float64, got {column.type}")
    if out is None:
        out = np.empty(len(column), dtype=np.float64)
    elif out.dtype != np.float64 or out.shape != (len(column),):
        raise ValueError(f"out must be float64 of shape ({len(column)},), got {out.dtype} {out.shape}")
    at = 0
    for chunk in chunks:
        n = len(chunk)
        if n:
            out[at:at + n] = np.frombuffer(chunk.buffers()[1], dtype=np.float64, count=n, offset=chunk.offset * 8)
            valid = _validity(chunk)
            if valid is not None:
                out[at:at + n][~valid] = np.nan
        at += n
    return out


def float_columns(columns: Sequence[pa.ChunkedArray | pa.Array]) -> np.ndarray:
    """Equal-length float64 columns as one new (n, k) float64 array, column j = ``float_column(
    columns[j])``: filled in place, without a copy per column and a ``column_stack`` after it."""
    n = len(columns[0]) if columns else 0
    out = np.empty((n, len(columns)), dtype=np.float64)
    for j, column in enumerate(columns):
        if len(column) != n:
            raise ValueError(f"columns differ in length: {len(column)} and {n}")
        float_column(column, out[:, j])
    return out


def array(values: Sequence[Any], typ: pa.DataType) -> pa.Array:
    """``pa.array(values, type=typ)`` for float64, int64, bool, string and date32; None is null.

    Python ints, floats, bools, strings and ``datetime.date`` as ``pa.array`` takes them."""
    n = len(values)
    null = np.fromiter((v is None for v in values), dtype=bool, count=n)
    nulls = int(null.sum())
    validity = pa.py_buffer(np.packbits(~null, bitorder="little")) if nulls else None
    if typ == pa.string():
        data = [b"" if v is None else str(v).encode() for v in values]
        offsets = np.zeros(n + 1, dtype=np.int32)
        np.cumsum([len(b) for b in data], out=offsets[1:])
        return pa.Array.from_buffers(typ, n, [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))], nulls)
    if typ == pa.bool_():
        bits = np.packbits(np.fromiter((bool(v) for v in values), dtype=bool, count=n), bitorder="little")
        return pa.Array.from_buffers(typ, n, [validity, pa.py_buffer(bits)], nulls)
    if typ == pa.float64():
        data = np.fromiter((0.0 if v is None else v for v in values), dtype=np.float64, count=n)
    elif typ == pa.int64():
        data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=n)
    elif typ == pa.date32():
        data = np.fromiter((0 if v is None else (v - _EPOCH).days for v in values), dtype=np.int32, count=n)
    else:
        raise TypeError(f"arrow_plain.array does not build {typ}")
    return pa.Array.from_buffers(typ, n, [validity, pa.py_buffer(data)], nulls)
