"""A short drop-out in a recording file: the invalid run the assessments see is the data missing
plus the sensor chain's orientation settling (``ChainSettings.startup_s``), on purpose.

0.42 s of rows removed from the shipped 50-Hz HAPT 5xSTS fixture (19.98 -> 20.42 s) gave a
"sensor data missing or invalid 20.0-22.4 s" flag. The 2.0 s after the data returns are real
samples flagged invalid by the chain while its orientation re-converges; their angles are off by
several degrees, so treating them as valid would score the test on wrong angles."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from oefensense.assessments.transfers import invalid_runs_s
from oefensense.commands.assess_run import frames_of_recordings
from oefensense.orientation.chain import ChainSettings

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "hapt_5xsts.waist.csv.gz"
RATE_HZ = 50.0


def _with_gap(tmp_path: Path) -> Path:
    """The fixture without its rows 20.00-20.40 s (21 rows, 0.42 s)."""
    lines = gzip.open(FIXTURE, "rt").read().splitlines()
    kept = [ln for ln in lines[1:] if not 20.0 - 1e-6 <= float(ln.split(",")[0]) <= 20.4 + 1e-6]
    assert len(lines) - 1 - len(kept) == 21
    out = tmp_path / "gap.waist.csv"
    out.write_text("\n".join([lines[0], *kept]) + "\n")
    return out


def test_invalid_run_is_the_gap_plus_the_chain_settling(tmp_path: Path) -> None:
    frame = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    runs = invalid_runs_s(frame, "pelvis")
    assert len(runs) == 1
    g0, g1 = runs[0]
    dt = 1.0 / RATE_HZ
    # the first missing row (20.00 s), or the last one before the gap (19.98 s): the synchroniser
    # marks a grid tick invalid when the interval it lies in is a gap, also a tick on its first end
    assert 19.98 - dt / 2 < g0 < 20.0 + dt / 2
    # the data resumes at 20.42 s; the chain flags startup_s more (0.42 + 2.0 s in all)
    assert abs(g1 - (20.42 + ChainSettings().startup_s)) < dt / 2


def test_settling_samples_have_wrong_angles(tmp_path: Path) -> None:
    """Why the settling is flagged: its angles differ from the uninterrupted recording's,
    and agree with them once it is over."""
    gap = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    whole = frames_of_recordings([str(FIXTURE)], placement="waist")
    a, b = np.asarray(gap["pelvis_flexion_deg"]), np.asarray(whole["pelvis_flexion_deg"])
    settle = slice(int(round(20.42 * RATE_HZ)), int(round((20.42 + ChainSettings().startup_s) * RATE_HZ)))
    after = slice(settle.stop, settle.stop + int(5 * RATE_HZ))
    assert np.nanmax(np.abs(a[settle] - b[settle])) > 3.0  # 8.6 deg measured
    assert np.nanmax(np.abs(a[after] - b[after])) < 1.0  # 0.49 deg measured


def test_the_interrupted_flag_does_not_call_the_settling_missing(tmp_path: Path) -> None:
    """The 5xSTS flag said "sensor data missing 20.0-22.4 s (2.4 s)" where 0.42 s was missing; it
    now says "missing or invalid", as the sensor_gap flag beside it does."""
    from oefensense.assessments import RunContext, make_test

    frame = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext())
    (why,) = [f.detail for f in res.flags if f.code == "interrupted"]
    assert why.startswith("the test was interrupted: sensor data missing or invalid 20.0-22.4 s into the recording (2.4 s)"), why
