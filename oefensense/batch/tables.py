"""Cohort tables of a batch: ``files`` (one row per input), ``errors`` and ``days``.

Each is written as Parquet and CSV, sorted by input id, through a temporary file and a rename,
so a table is either the old one or the new one. They are built from the result folders'
markers and files, never from timings of the run, so every runner writes the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .figures import FILE_COLUMNS
from .job import FILE_MODE, result_dir

DAY_TABLE = "days.csv"  # a recording's day table, when its analysis writes one


def _write(table: pa.Table, out_dir: Path, stem: str) -> list[Path]:
    written = []
    for suffix in (".parquet", ".csv"):
        final = out_dir / f"{stem}{suffix}"
        tmp = out_dir / f".{stem}{suffix}.tmp"
        if suffix == ".parquet":
            pq.write_table(table, tmp)
        else:
            pacsv.write_csv(table, tmp)
        tmp.chmod(FILE_MODE)  # private whatever the umask: the tables hold patient figures
        os.replace(tmp, final)
        written.append(final)
    return written


def write_files_table(rows: list[dict[str, Any]], out_dir: Path) -> list[Path]:
    rows = sorted(rows, key=lambda r: r["input"])
    schema = pa.schema(list(FILE_COLUMNS.items()))
    return _write(pa.Table.from_pylist(rows, schema=schema), out_dir, "files")


def write_errors_table(errors: list[tuple[str, str]], out_dir: Path) -> list[Path]:
    """(input id, reason) of every input that failed in this run; an empty table when none did."""
    errors = sorted(errors)
    table = pa.table({"input": [e[0] for e in errors], "reason": [e[1] for e in errors]},
                     schema=pa.schema([("input", pa.string()), ("reason", pa.string())]))
    return _write(table, out_dir, "errors")


def write_days_table(finished_ids: list[str], out_dir: Path) -> tuple[list[Path], list[str]]:
    """Stack the day tables of finished inputs (``input`` column first).

    Returns (files written, ids whose result has no day table). Nothing is written when no
    result has a day table: the analysis does not make one yet, and none is invented here.
    """
    tables, missing = [], []
    for input_id in sorted(finished_ids):
        path = result_dir(out_dir, input_id) / DAY_TABLE
        if not path.is_file():
            missing.append(input_id)
            continue
        day = pacsv.read_csv(path)
        tables.append(day.add_column(0, "input", pa.array([input_id] * day.num_rows, pa.string())))
    if not tables:
        for stale in (out_dir / "days.parquet", out_dir / "days.csv"):
            stale.unlink(missing_ok=True)
        return [], missing
    return _write(pa.concat_tables(tables, promote_options="permissive"), out_dir, "days"), missing
