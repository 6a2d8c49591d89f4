"""CSV import: units, gz, placement, bad headers, jittery and broken timestamps."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.types import STANDARD_GRAVITY_MS2, Placement
from oefensense.io.csv_import import CsvImportError, placement_from_filename, read_csv


def write(path: Path, text: str) -> Path:
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt") as fh:
            fh.write(text)
    else:
        path.write_text(text)
    return path


def test_units_are_converted_to_g_and_dps(tmp_path: Path) -> None:
    p = write(
        tmp_path / "a.thigh.csv",
        "time_s,acc_x_ms2,acc_y_ms2,acc_z_ms2,gyr_x_rads,gyr_y_rads,gyr_z_rads,label\n"
        f"0,0,0,{STANDARD_GRAVITY_MS2},{np.pi},0,0,x\n0.01,0,{STANDARD_GRAVITY_MS2},0,0,0,0,x\n",
    )
    rec = read_csv(p)
    assert rec.info.placement is Placement.THIGH
    np.testing.assert_allclose(rec.block.acc_g, [[0, 0, 1], [0, 1, 0]])
    np.testing.assert_allclose(rec.block.gyr_dps[0], [180, 0, 0])
    assert rec.block.t_ns.tolist() == [0, 10_000_000]
    assert rec.info.nominal_rate_hz == 100.0
    assert list(rec.labels) == ["x", "x"]


def test_gz_accelerometer_only_and_extra_columns(tmp_path: Path) -> None:
    p = write(tmp_path / "b.waist.csv.gz", "extra,time_s,acc_x_g,acc_y_g,acc_z_g\n1,5.0,0,0,1\n2,5.02,0,0,1\n3,5.04,0,0,1\n")
    rec = read_csv(p)
    assert rec.block.gyr_dps is None and not rec.info.has_gyro
    assert rec.info.placement is Placement.PELVIS  # "waist" is an alias
    assert rec.block.t_ns[0] == 0  # session clock starts at the file's first sample


def test_file_without_units_is_refused_with_expected_columns(tmp_path: Path) -> None:
    p = write(tmp_path / "c.trunk.csv", "time,ax,ay,az\n0,0,0,1\n")
    with pytest.raises(CsvImportError, match="acc_x_g"):
        read_csv(p)


def test_missing_placement_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path / "plain.csv", "time_s,acc_x_g,acc_y_g,acc_z_g\n0,0,0,1\n")
    with pytest.raises(CsvImportError, match="placement"):
        read_csv(p)
    assert read_csv(p, placement="chest").info.placement is Placement.TRUNK


def test_jittery_duplicate_and_reordered_timestamps(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    t = np.cumsum(rng.uniform(0.008, 0.012, 500))
    t[100] = t[99]  # duplicate
    t[200] = t[150]  # jumps back
    rows = "\n".join(f"{x:.6f},0,0,1" for x in t)
    rec = read_csv(write(tmp_path / "j.thigh.csv", "time_s,acc_x_g,acc_y_g,acc_z_g\n" + rows + "\n"))
    assert np.all(np.diff(rec.block.t_ns) > 0)
    assert len(rec.block) == 498
    assert 95 <= rec.info.nominal_rate_hz <= 105


def test_truncated_gz_is_a_clear_error(tmp_path: Path) -> None:
    good = write(tmp_path / "t.thigh.csv.gz", "time_s,acc_x_g,acc_y_g,acc_z_g\n" + "\n".join(f"{i/100},0,0,1" for i in range(5000)))
    data = good.read_bytes()
    bad = tmp_path / "u.thigh.csv.gz"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(CsvImportError, match="the compressed file ends too early .*copy it again"):
        read_csv(bad)


def test_non_numeric_values(tmp_path: Path) -> None:
    p = write(tmp_path / "n.thigh.csv", "time_s,acc_x_g,acc_y_g,acc_z_g\n0,a,0,1\n")
    with pytest.raises(CsvImportError):
        read_csv(p)


def test_placement_from_filename() -> None:
    assert placement_from_filename(Path("x.sternum.csv.gz")) is Placement.TRUNK
    assert placement_from_filename(Path("x.csv")) is None


def test_real_files(shared_data: Path) -> None:
    hapt = read_csv(shared_data / "hapt" / "user01_exp0.waist.csv.gz")
    assert hapt.info.nominal_rate_hz == 50.0 and hapt.info.has_gyro
    # a still, upright phone reads about 1 g
    assert 0.9 < np.median(np.linalg.norm(hapt.block.acc_g, axis=1)) < 1.1
    mobi = next((shared_data / "mobifall").rglob("STD_*.thigh.csv.gz"))
    rec = read_csv(mobi)
    assert not rec.info.has_gyro and 0.9 < np.median(np.linalg.norm(rec.block.acc_g, axis=1)) < 1.1


@pytest.mark.parametrize("content", [b"", b"\n", gzip.compress(b"")])
def test_empty_file_says_it_is_empty(tmp_path: Path, content: bytes) -> None:
    """Not pyarrow's 'Empty CSV file or block: cannot infer number of columns'."""
    path = tmp_path / ("x.waist.csv.gz" if content.startswith(b"\x1f\x8b") else "x.waist.csv")
    path.write_bytes(content)
    with pytest.raises(CsvImportError, match=r"x\.waist\.csv(\.gz)?: the file is empty \(no header, no rows\)$"):
        read_csv(path)
