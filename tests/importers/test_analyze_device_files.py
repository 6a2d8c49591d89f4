"""``oefensense analyze`` reads device files by content, like ``batch`` does: the same importer,
the device's own start time only with ``--tz`` (never guessed), one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.reliability.helpers import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "devices"


def test_analyze_a_cwa_with_its_own_clock(tmp_path):
    r = cli("analyze", DATA / "ax6_sample.cwa", "--placement", "thigh", "--tz", "Europe/Amsterdam",
            "--out", tmp_path / "out", "-q")
    assert r.rc == 0, r.stderr
    (result,) = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    summary = json.loads((result / "summary.json").read_text())
    assert 100 < summary["duration_s"] < 110  # the file holds 105 s at 100 Hz
    assert summary["clock"]["timezone"] == "Europe/Amsterdam"
    assert (result / "days.csv").is_file()  # clock time -> day tables


def test_analyze_a_device_file_without_a_zone_has_no_clock(tmp_path):
    r = cli("analyze", DATA / "ax3_sample.cwa", "--placement", "pelvis", "--out", tmp_path / "out", "-q")
    assert r.rc == 0, r.stderr
    (result,) = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    assert not (result / "days.csv").exists()
    assert "no clock time" in r.stdout


def test_tz_alone_on_a_plain_csv_is_one_error(tmp_path):
    csv = tmp_path / "rec.waist.csv"
    csv.write_text("time_s,acc_x_g,acc_y_g,acc_z_g\n0,0,0,1\n0.02,0,0,1\n")
    r = cli("analyze", csv, "--tz", "Europe/Amsterdam", "--out", tmp_path / "out")
    assert "no start time of its own; give --start with --tz" in r.one_error_line()


def test_truncated_device_file_is_one_error(tmp_path):
    cut = tmp_path / "cut.cwa"
    cut.write_bytes((DATA / "ax3_sample.cwa").read_bytes()[:700])
    r = cli("analyze", cut, "--placement", "thigh", "--out", tmp_path / "out")
    assert "cut.cwa" in r.one_error_line()
