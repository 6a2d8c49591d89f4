"""Arrow columns and arrays without pyarrow's pandas import: the same values as pyarrow's own
conversions, and an analysis of a CSV that never imports pandas (its peak RSS, #20)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import oefensense
from oefensense.io.arrow_plain import array, float_column, float_columns
from oefensense.sources.simulated import BUNDLED_RECORDING


def _bits(x: np.ndarray) -> bytes:
    return np.ascontiguousarray(x, dtype=np.float64).view(np.int64).tobytes()


@pytest.mark.parametrize("column", [
    pa.chunked_array([[1.5, -0.0, 3e300], [None, 2.25], []], pa.float64()),
    pa.chunked_array([pa.array([0.1, None, 0.3, None, 5.0, 6.0, 7.0, 8.0, 9.0, None], pa.float64()).slice(3, 6)]),
    pa.chunked_array([], pa.float64()),
    pa.array([np.inf, -np.inf, 1.0 / 3.0], pa.float64()),
])
def test_float_column_has_to_numpys_bits(column) -> None:
    got = float_column(column)
    assert got.dtype == np.float64 and got.flags.writeable and got.flags.c_contiguous
    assert _bits(got) == _bits(column.to_numpy(zero_copy_only=False))


def test_float_columns_is_the_columns_stacked() -> None:
    """The CSV stream's (n, 3) blocks, filled in place: the bits of ``column_stack`` of each
    column's ``to_numpy`` (nulls NaN in their own column only, chunks at different offsets)."""
    cols = [pa.chunked_array([[1.5, None, 3e300], [-0.0, 2.25]], pa.float64()),
            pa.chunked_array([pa.array([9.0, 0.1, np.inf, None, 5.0, 6.0], pa.float64()).slice(1, 5)]),
            pa.chunked_array([[None, None], [1.0 / 3.0, -np.inf, 7.0]], pa.float64())]
    got = float_columns(cols)
    want = np.column_stack([c.to_numpy(zero_copy_only=False) for c in cols])
    assert got.shape == (5, 3) and got.flags.c_contiguous and got.flags.writeable
    assert _bits(got) == _bits(want)
    assert float_columns([]).shape == (0, 0)
    with pytest.raises(ValueError):
        float_columns([cols[0], pa.chunked_array([[1.0]], pa.float64())])


def test_float_column_refuses_other_types() -> None:
    with pytest.raises(TypeError):
        float_column(pa.chunked_array([[1, 2]], pa.int64()))


def _parquet(arrays: list[pa.Array], names: list[str]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, names=names), buf)
    return buf.getvalue()


@pytest.mark.parametrize("typ, values", [
    (pa.float64(), [1.25, None, -3.0, 7, 0.1]),
    (pa.float64(), [0.5, 2.0]),
    (pa.int64(), [3, None, 0, -7, 2**40]),
    (pa.int64(), []),
    (pa.bool_(), [True, False, None, True, True, False, False, True, False]),
    (pa.string(), ["all", None, "werk", "", "µ-ë"]),
    (pa.string(), ["2026-03-02T08:00+01:00"] * 3),
    (pa.date32(), [dt.date(2026, 3, 2), None, dt.date(1969, 12, 31), dt.date(2026, 10, 25)]),
])
def test_array_is_pa_array(typ, values) -> None:
    ours, theirs = array(values, typ), pa.array(values, type=typ)
    ours.validate(full=True)
    assert ours.type == theirs.type and ours.null_count == theirs.null_count
    assert ours.equals(theirs) and ours.to_pylist() == values
    assert _parquet([ours], ["x"]) == _parquet([theirs], ["x"])  # the bytes a result file gets


def test_array_refuses_other_types() -> None:
    with pytest.raises(TypeError):
        array([1.0], pa.float32())


def test_analyze_of_a_csv_imports_no_pandas_no_ble_no_scipy_signal(tmp_path: Path) -> None:
    """pandas (~35 MiB of RSS once imported) is not needed to analyse a CSV and write its tables;
    pyarrow's to_numpy / pa.array would import it (fails without arrow_plain). Nor is the BLE
    package (bleak, dbus: ~4 MiB), which the machine's time zone name used to come from, nor
    scipy.signal with the scipy.stats it imports (~1.3 s, ~40-70 MiB), which the alignment's gait
    band-pass came from (orientation/bandpass.py)."""
    csv = Path(oefensense.__file__).parent / "data" / BUNDLED_RECORDING
    code = ("import sys; from oefensense.api import analyze\n"
            f"[r] = analyze([{str(csv)!r}], {str(tmp_path)!r}, start='2026-03-02T08:00+01:00', tz='Europe/Amsterdam')\n"
            "assert (r.out_dir / 'days.parquet').exists() and (r.out_dir / 'hours.parquet').exists()\n"
            "print(sorted(m for m in ('pandas', 'oefensense.ble', 'bleak', 'scipy.signal', 'scipy.stats') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
