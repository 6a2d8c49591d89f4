"""Polar Sensor Logger exports: NOT real exports. None under a permissive licence was found, so
these files are written here in the published layout (``Phone timestamp;sensor timestamp [ns];
X [mg];...``, one ``;``-separated file per stream, sensor time in ns since 2000-01-01)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.batch import discover
from oefensense.io.importers import DeviceFileError, detect, is_companion_file, open_recording

SENSOR_T0_NS = 727_356_636_000_000_000  # 2023-01-18T11:30:36Z on the Polar clock (epoch 2000)
BASE = "Polar_Sense_B36B5B2C_20230118133036"


def _export(path: Path, unit: str, t_ns: np.ndarray, xyz: np.ndarray) -> None:
    lines = [f"Phone timestamp;sensor timestamp [ns];X [{unit}];Y [{unit}];Z [{unit}]"]
    for i, (t, (x, y, z)) in enumerate(zip(t_ns, xyz)):
        ms = 437 + (i * 1000) // 52
        lines.append(f"2023-01-18T13:30:{36 + ms // 1000:02d}.{ms % 1000:03d};{t};{x:.3f};{y:.3f};{z:.3f}")
    path.write_text("\n".join(lines) + "\n")


def _session(folder: Path, with_gyro: bool = True) -> tuple[Path, np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    t_acc = SENSOR_T0_NS + np.arange(104) * 19_230_769  # 52 Hz, 2 s
    acc_mg = np.column_stack([100 * np.sin(t_acc / 3e8), -980 * np.ones(len(t_acc)), 50 * np.cos(t_acc / 3e8)])
    acc_path = folder / f"{BASE}_ACC.txt"
    _export(acc_path, "mg", t_acc, acc_mg)
    if with_gyro:
        t_gyr = t_acc + 5_000_000  # the gyro stream 5 ms later
        _export(folder / f"{BASE}_GYRO.txt", "dps", t_gyr, np.column_stack([np.arange(104.0), -np.arange(104.0),
                                                                             np.full(104, 7.0)]))
    (folder / f"{BASE}_HR.txt").write_text("Phone timestamp;HR [bpm];HRV [ms];Breathing interval [rpm];\n"
                                         "2023-01-18T13:30:37.000;71;;;\n")
    return acc_path, acc_mg


def test_accelerometer_in_mg_with_its_gyroscope(tmp_path):
    acc_path, acc_mg = _session(tmp_path)
    assert detect(acc_path).name == "polar-sensor-logger"
    rec = open_recording(acc_path, placement="thigh")
    (block,) = list(rec.blocks())
    assert rec.info.has_gyro and rec.info.nominal_rate_hz == 52.0
    assert rec.start_time == "2023-01-18T13:30:36.437"  # the phone's local time of the first row
    assert rec.stats.dropped_nonfinite == 1  # the first acc sample precedes the gyro stream
    np.testing.assert_allclose(block.acc_g, np.round(acc_mg[1:], 3) / 1000.0)  # mg -> g
    assert block.t_ns[0] == 0 and block.t_ns[1] == 19_230_769
    np.testing.assert_allclose(block.gyr_dps[:, 2], 7.0)
    # gyro sample k sits 5 ms after acc sample k: acc sample k+1 reads between k and k+1
    np.testing.assert_allclose(block.gyr_dps[0, 0], 1 - 5_000_000 / 19_230_769, atol=1e-6)


def test_other_streams_are_part_of_the_recording_not_inputs(tmp_path, monkeypatch):
    acc_path, _ = _session(tmp_path / "study")
    gyro = acc_path.with_name(f"{BASE}_GYRO.txt")
    hr = acc_path.with_name(f"{BASE}_HR.txt")
    assert is_companion_file(gyro) and is_companion_file(hr) and not is_companion_file(acc_path)
    with pytest.raises(DeviceFileError, match=r"a Polar Sensor Logger \[dps\] stream, not an accelerometer recording; "
                                              r"analyse .*_ACC\.txt"):
        open_recording(gyro, placement="trunk")
    with pytest.raises(DeviceFileError, match=r"_HR\.txt: a Polar Sensor Logger HR file without sensor timestamp"):
        open_recording(hr, placement="trunk")
    monkeypatch.chdir(tmp_path)
    assert [i.id for i in discover(["study"])] == [f"study/{acc_path.name}"]


def test_accelerometer_alone(tmp_path):
    acc_path, _ = _session(tmp_path, with_gyro=False)
    rec = open_recording(acc_path, placement="pelvis")
    (block,) = list(rec.blocks())
    assert not rec.info.has_gyro and block.gyr_dps is None and rec.stats.samples == 104


def test_broken_export_is_one_line(tmp_path):
    bad = tmp_path / f"{BASE}_ACC.txt"
    bad.write_text("Phone timestamp;sensor timestamp [ns];X [mg];Y [mg];Z [mg]\n2023-01-18T13:30:36.437;1;abc;1;1\n")
    with pytest.raises(DeviceFileError, match=r"_ACC\.txt: non-numeric Polar Sensor Logger values"):
        open_recording(bad, placement="pelvis")
    empty = tmp_path / "empty_ACC.txt"
    empty.write_text("Phone timestamp;sensor timestamp [ns];X [mg];Y [mg];Z [mg]\n")
    with pytest.raises(DeviceFileError, match=r"empty_ACC\.txt: a Polar Sensor Logger file without samples"):
        open_recording(empty, placement="pelvis")
