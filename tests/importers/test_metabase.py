"""MbientLab MetaBase CSV exports: NOT real exports. None under a permissive licence was found
(docs/cohorts.md), so these files are written here in the layout MetaBase writes (header
``epoch (ms),time (<offset>),elapsed (s),x-axis (g),...``, one file per stream)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.batch import discover
from oefensense.io.importers import DeviceFileError, detect, open_recording

EPOCH_MS = 1_552_558_373_436  # 2019-03-14T10:12:53.436 UTC


def _export(path: Path, unit: str, t_ms: np.ndarray, xyz: np.ndarray) -> None:
    lines = [f"epoch (ms),time (+00:00),elapsed (s),x-axis ({unit}),y-axis ({unit}),z-axis ({unit})"]
    for t, (x, y, z) in zip(t_ms, xyz):
        secs = (t - EPOCH_MS) / 1000
        ms = 436 + int(t - EPOCH_MS)
        stamp = f"2019-03-14T10.12.{53 + ms // 1000:02d}.{ms % 1000:03d}"
        lines.append(f"{t},{stamp},{secs:.3f},{x:.3f},{y:.3f},{z:.3f}")
    path.write_text("\n".join(lines) + "\n")


def _pair(folder: Path, with_gyro: bool = True) -> tuple[Path, np.ndarray, np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    t_acc = EPOCH_MS + np.arange(0, 2000, 10)  # 100 Hz, 2 s
    acc = np.column_stack([np.sin(t_acc / 300), np.cos(t_acc / 300), np.ones(len(t_acc))])
    acc_path = folder / "MetaWear_2019-03-14T10.12.53.436_D5F2E23A5A9B_Accelerometer_1.4.4.csv"
    _export(acc_path, "g", t_acc, acc)
    t_gyr = EPOCH_MS + 3 + np.arange(0, 2000, 10)  # a gyro stream 3 ms later
    gyr = np.column_stack([t_gyr % 97, -(t_gyr % 89), np.full(len(t_gyr), 5.0)]).astype(float)
    if with_gyro:
        _export(folder / acc_path.name.replace("_Accelerometer", "_Gyroscope"), "deg/s", t_gyr, gyr)
    return acc_path, acc, gyr


def test_accelerometer_with_its_gyroscope(tmp_path):
    acc_path, acc, _ = _pair(tmp_path)
    assert detect(acc_path).name == "metabase-csv"
    rec = open_recording(acc_path, placement="trunk")
    (block,) = list(rec.blocks())
    assert rec.info.has_gyro and rec.info.nominal_rate_hz == 100.0
    assert rec.start_time == "2019-03-14T10:12:53.436"
    assert rec.stats.dropped_nonfinite == 1  # the first acc sample precedes the gyro stream
    np.testing.assert_allclose(block.acc_g, np.round(acc[1:], 3))
    assert block.t_ns[0] == 0 and block.t_ns[1] == 10_000_000
    np.testing.assert_allclose(block.gyr_dps[:, 2], 5.0)


def test_gyroscope_file_is_not_a_recording_and_not_an_input(tmp_path, monkeypatch):
    acc_path, _, _ = _pair(tmp_path / "study")
    gyro = acc_path.with_name(acc_path.name.replace("_Accelerometer", "_Gyroscope"))
    with pytest.raises(DeviceFileError, match=r"a MetaBase \(deg/s\) stream, not an accelerometer recording; analyse"):
        open_recording(gyro, placement="trunk")
    monkeypatch.chdir(tmp_path)
    assert [i.id for i in discover(["study"])] == [f"study/{acc_path.name}"]


def test_accelerometer_alone(tmp_path):
    acc_path, _, _ = _pair(tmp_path, with_gyro=False)
    rec = open_recording(acc_path, placement="pelvis")
    assert not rec.info.has_gyro and list(rec.blocks())[0].gyr_dps is None


def test_broken_export_is_one_line(tmp_path):
    bad = tmp_path / "x_Accelerometer.csv"
    bad.write_text("epoch (ms),time (+00:00),elapsed (s),x-axis (g),y-axis (g),z-axis (g)\n1,a,0,abc,1,1\n")
    with pytest.raises(DeviceFileError, match=r"x_Accelerometer\.csv: non-numeric MetaBase values"):
        open_recording(bad, placement="pelvis")
