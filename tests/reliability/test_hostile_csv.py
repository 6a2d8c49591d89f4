"""Hostile CSV files (issue 15): each is refused with one line naming the likely cause, or imported
with every dropped or sorted row counted and every hole flagged as a gap: never read silently."""

from __future__ import annotations

import gzip
import importlib.resources as res
import json
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.types import STANDARD_GRAVITY_MS2
from oefensense.io.csv_checks import gyro_tilt_ratio
from oefensense.io.csv_import import CsvImportError, read_csv

from .helpers import cli

BUNDLED = "hapt_user01_exp0_0-240s.waist.csv.gz"  # 50 Hz, acc in g, gyro in rad/s, 240 s


def _bundled() -> tuple[list[str], list[list[str]]]:
    text = gzip.decompress((res.files("oefensense.data") / BUNDLED).read_bytes()).decode()
    lines = text.splitlines()
    return lines[0].split(","), [ln.split(",") for ln in lines[1:]]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.write_text("\n".join([",".join(header), *(",".join(r) for r in rows)]) + "\n")
    return path


def _scaled(rows: list[list[str]], cols: list[int], factor: float) -> list[list[str]]:
    out = []
    for r in rows:
        r = list(r)
        for c in cols:
            r[c] = repr(float(float(r[c]) * factor))
        out.append(r)
    return out


@pytest.fixture(scope="module")
def bundled():
    return _bundled()


def _refused(path: Path, *expect: str) -> str:
    """Refused by read_csv and by the real CLI, with one line holding every ``expect``."""
    with pytest.raises(CsvImportError) as exc:
        read_csv(path)
    line = cli("analyze", path, "--out", path.parent / "out").one_error_line()
    for text in expect:
        assert text in str(exc.value) and text in line, (text, line)
    assert not (path.parent / "out").exists() or not any((path.parent / "out").rglob("summary.json"))
    return line


def test_rows_in_reverse_order(tmp_path, bundled):
    header, rows = bundled
    _refused(_write(tmp_path / "rev.waist.csv", header, rows[::-1]), "reverse order")


def test_a_60_s_block_out_of_order(tmp_path, bundled):
    header, rows = bundled  # 50 Hz: rows 3000-6000 are 60-120 s; put them after 180 s
    moved = rows[:3000] + rows[6000:9000] + rows[3000:6000] + rows[9000:]
    _refused(_write(tmp_path / "blk.waist.csv", header, moved), "goes back", "sort the file by time")


def test_a_huge_time_jump(tmp_path, bundled):
    header, rows = bundled
    jumped = [list(r) for r in rows]
    for r in jumped[6000:]:
        r[0] = repr(float(r[0]) + 1e12)  # would overflow int64 ns
    _refused(_write(tmp_path / "jump.waist.csv", header, jumped), "time jumps to", "data row 6001")


def test_times_in_milliseconds(tmp_path, bundled):
    header, rows = bundled
    ms = _scaled(rows, [0], 1000.0)
    _refused(_write(tmp_path / "ms.waist.csv", header, ms), "milliseconds", "time_ms")
    rec = read_csv(_write(tmp_path / "ok.waist.csv", ["time_ms", *header[1:]], ms))  # named as what it is
    assert rec.info.nominal_rate_hz == 50.0 and rec.report.kept == len(rows)


def test_ms2_values_in_g_columns(tmp_path, bundled):
    header, rows = bundled
    _refused(_write(tmp_path / "ms2.waist.csv", header, _scaled(rows, [1, 2, 3], STANDARD_GRAVITY_MS2)),
             "look like m/s²", "acc_*_ms2")


def test_g_values_in_ms2_columns(tmp_path, bundled):
    header, rows = bundled
    hdr = [h.replace("_g", "_ms2") if h.startswith("acc_") else h for h in header]
    _refused(_write(tmp_path / "g.waist.csv", hdr, rows), "look like g")


def test_1e30_g(tmp_path, bundled):
    header, rows = bundled
    _refused(_write(tmp_path / "big.waist.csv", header, _scaled(rows, [1, 2, 3], 1e30)),
             "|acc| at rest is 1.02e+30 g", "expected about 1 g", "not in g nor any usual unit")


def test_degrees_per_second_in_rads_columns(tmp_path, bundled):
    header, rows = bundled  # gyr_*_rads columns hold rad/s: give them deg/s
    _refused(_write(tmp_path / "dps.waist.csv", header, _scaled(rows, [4, 5, 6], np.degrees(1.0))),
             "look like deg/s", "gyr_*_dps")


def test_rads_in_dps_columns(tmp_path, bundled):
    header, rows = bundled
    hdr = [h.replace("_rads", "_dps") for h in header]
    _refused(_write(tmp_path / "rads.waist.csv", hdr, rows), "look like rad/s")


def test_nan_hole_becomes_a_flagged_gap_counted_everywhere(tmp_path, bundled):
    header, rows = bundled
    holed = [list(r) for r in rows]
    for r in holed[1500:1600]:  # 2 s at 30 s
        r[1:7] = ["nan", "inf", "", "nan", "nan", "nan"]
    path = _write(tmp_path / "hole.waist.csv", header, holed)
    rec = read_csv(path)
    assert (rec.report.rows, rec.report.kept, rec.report.dropped_nonfinite) == (len(rows), len(rows) - 100, 100)
    [(start, end, n, reason)] = rec.report.gaps
    assert n == 100 and reason == "nonfinite" and 29.9e9 < start < 30.0e9 and 32.0e9 <= end < 32.1e9
    r = cli("analyze", path, "--out", tmp_path / "out")
    assert r.rc == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert f"import kept {len(rows) - 100} of {len(rows)} rows: 100 NaN/inf dropped" in text
    assert "1 flagged gap, 2.0 s (unusable values in the file 1); 100 samples dropped" in text
    out = tmp_path / "out" / "hole"
    gaps = [e for e in map(json.loads, (out / "events.jsonl").read_text().splitlines()) if e["type"] == "gap"]
    assert gaps == [{"type": "gap", "t_s": pytest.approx(start / 1e9, abs=0.01), "end_s": pytest.approx(end / 1e9, abs=0.01),
                     "sensor_id": "pelvis", "reason": "nonfinite", "samples": 100, "origin": "import"}]
    dq = json.loads((out / "summary.json").read_text())["data_quality"]
    assert dq["import"]["pelvis"]["dropped_nonfinite"] == 100 and dq["dropped_samples"] == {"pelvis": {"nonfinite": 100}}
    assert dq["gaps"]["pelvis"]["count"] == 1
    timeline = (out / "timeline.csv").read_text().splitlines()[1:]
    covering = [ln for ln in timeline if float(ln.split(",")[0]) <= 31.0 <= float(ln.split(",")[1])]
    assert covering and covering[0].split(",")[2] == "no_data"  # the hole is shown as such, no posture invented


def test_single_impossible_rows_and_small_disorder_are_counted(tmp_path, bundled):
    header, rows = bundled
    bad = [list(r) for r in rows]
    bad[700][1] = "1e30"  # one impossible sample
    bad[900], bad[901] = bad[901], bad[900]  # two rows swapped (20 ms)
    bad[1200] = list(bad[1199])  # a repeated timestamp
    rec = read_csv(_write(tmp_path / "few.waist.csv", header, bad))
    rep = rec.report
    assert (rep.dropped_out_of_range, rep.reordered, rep.dropped_duplicate_time) == (1, 1, 1)
    assert rep.kept == len(rows) - 2 and np.all(np.diff(rec.block.t_ns) > 0)
    assert [g[3] for g in rep.gaps] == ["out_of_range"]
    assert "1 impossible value dropped, 1 repeated timestamp dropped, 1 row sorted into time order" in rep.describe()  # real plurals
    assert "1 onmogelijke waarde weggelaten, 1 herhaald tijdstip weggelaten, 1 rij op tijd gesorteerd" in rep.describe("nl")


def test_mostly_nan_is_refused(tmp_path, bundled):
    header, rows = bundled
    nan = [[r[0], "nan", "nan", "nan", *r[4:]] if i % 3 else r for i, r in enumerate(rows)]
    _refused(_write(tmp_path / "nan.waist.csv", header, nan), "rows are unusable")


def test_real_recordings_pass_unchanged(shared_data):
    """A sample of every dataset: nothing refused, nothing dropped (the full survey:
    ``python scripts/csv_survey.py ../shared/data``)."""
    files = [f for d in ("hapt", "sisfall", "mobifall") for f in sorted((shared_data / d).rglob("*.csv.gz"))[::40]]
    assert len(files) > 30
    for f in files:
        rec = read_csv(f)
        assert not rec.report.changed and not rec.report.gaps, (f, rec.report.describe())
    hapt = read_csv(shared_data / "hapt" / "user01_exp0.waist.csv.gz")
    ratio = gyro_tilt_ratio(hapt.block.t_ns, hapt.block.acc_g, hapt.block.gyr_dps)
    assert ratio is not None and 0.3 < ratio < 1.5  # the gyro check has enough turning to judge by


def test_simulated_playback_of_a_csv_reports_its_import(tmp_path, bundled):
    """``record --simulate FAMILY:CSV``: a bad file is refused before a session exists; a holed
    one is recorded and ``info`` says what its import dropped."""
    header, rows = bundled
    bad = _write(tmp_path / "rev.waist.csv", header, rows[::-1])
    out = tmp_path / "s-bad"
    err = cli("record", "--simulate", f"polar:{bad}", "--duration", "5", "--speed", "20", "--out", out,
              "--no-analysis").one_error_line()
    assert "reverse order" in err and not out.exists()
    holed = [list(r) for r in rows[:1000]]
    for r in holed[200:250]:
        r[1] = "nan"
    good = _write(tmp_path / "hole.waist.csv", header, holed)
    out = tmp_path / "s"
    r = cli("record", "--simulate", f"polar:{good}", "--duration", "5", "--speed", "20", "--out", out, "--no-analysis")
    assert r.rc == 0, r.stderr
    r = cli("info", out)
    assert r.rc == 0 and "import of hole.waist.csv: kept 950 of 1000 rows: 50 NaN/inf dropped (1 flagged gap)" in r.stdout
