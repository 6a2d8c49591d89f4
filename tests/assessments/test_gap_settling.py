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
    now says "missing or invalid", as the sensor_gap flag beside it does, when no hole is reported
    (here: no gaps passed; a recording passes its holes since 5 Dec 2026, below)."""
    from oefensense.assessments import RunContext, make_test

    frame = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext())
    (why,) = [f.detail for f in res.flags if f.code == "interrupted"]
    assert why.startswith("the test was interrupted: sensor data missing or invalid 20.0-22.4 s into the recording (2.4 s)"), why


# ---------------------------------------------------------------- the hole and the settling named
# ``oefensense assess TEST FILE.csv`` scored the file with no gaps (``RunContext()``) while a live
# or simulated run passed its sensors': the import's holes (reason ``missing_rows``) were not
# known, so the flag could only say "missing or invalid 20.0-22.4 s (2.4 s)" for 0.42 s missing.
# And a live run that did pass its hole got it twice, as two gaps that contradict each other:
# "sensor data missing 20.0-20.4 s (0.4 s): bridged" beside "missing or invalid 20.0-22.4 s".

HOLE_AND_SETTLING = ("sensor data missing 20.0-20.4 s into the recording (0.4 s), then not yet usable until 22.4 s "
                     "while the sensor settled again (2.4 s without usable data)")


def test_a_recording_gives_its_holes_with_the_sensors_placement(tmp_path: Path) -> None:
    from oefensense.commands.assess_run import recording_of

    frame, gaps = recording_of([str(_with_gap(tmp_path))], placement="waist")
    assert gaps == ((19.98, 20.42, "pelvis"),)  # the last row before the hole, the first after it
    _, none = recording_of([str(FIXTURE)], placement="waist")
    assert none == ()


def test_the_cli_names_the_hole_and_the_settling_once(tmp_path: Path) -> None:
    import json

    from tests.assessments.test_assess_cli import run

    out = json.loads(run("assess", "five-times-sit-to-stand", _with_gap(tmp_path), "--json", status=3).stdout)  # 4 of 5: not scored
    details = {f["code"]: [] for f in out["flags"]}
    for f in out["flags"]:
        details[f["code"]].append(f["detail"])
    assert details["sensor_gap"] == [HOLE_AND_SETTLING]
    (why,) = details["interrupted"]
    assert why.startswith("the test was interrupted: " + HOLE_AND_SETTLING + ": the missing stand-ups"), why


def test_the_dutch_flag_names_the_hole_and_the_settling(tmp_path: Path) -> None:
    from tests.assessments.test_assess_cli import run

    out = run("--language", "nl", "assess", "five-times-sit-to-stand", _with_gap(tmp_path), status=3).output
    flat = " ".join(out.split())
    assert ("sensorgegevens ontbreken van 20,0 tot 20,4 s in de opname (0,4 s), daarna tot 22,4 s nog niet bruikbaar "
            "terwijl de sensor opnieuw instelde (2,4 s zonder bruikbare gegevens)") in flat, flat


def test_a_live_run_that_passes_its_hole_gets_one_flag_not_two(tmp_path: Path) -> None:
    from oefensense.assessments import RunContext, make_test

    frame = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext(gaps_s=((19.98, 20.42),)))
    assert [f.detail for f in res.flags if f.code == "sensor_gap"] == [HOLE_AND_SETTLING]
    assert len([f for f in res.flags if f.code == "interrupted"]) == 1


def test_invalid_samples_without_a_reported_hole_still_read_missing_or_invalid(tmp_path: Path) -> None:
    """No hole reported (a source that does not report them, saturation): which part was missing
    is not known, and the flag says so."""
    from oefensense.assessments import RunContext, make_test

    frame = frames_of_recordings([str(_with_gap(tmp_path))], placement="waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext())
    assert [f.detail for f in res.flags if f.code == "sensor_gap"] == [
        "sensor data missing or invalid 20.0-22.4 s into the recording"]


def test_a_hole_in_another_sensors_file_is_not_the_scored_sensors(tmp_path: Path) -> None:
    """A pelvis + trunk recording (``--sensor``): the chair tests score the pelvis. 0.4 s of rows
    missing from the trunk file are no gap of the pelvis (the gap is named by its sensor's
    placement); missing from the pelvis file they are, the hole and the settling named."""
    import json

    from oefensense.commands.assess_run import simulate_test
    from tests.assessments.test_assess_cli import run

    sim = simulate_test("five-times-sit-to-stand", ["pelvis", "trunk"], seed=0)
    try:
        files = {}
        for pl, path in sim.files.items():
            lines = Path(path).read_text().splitlines()
            (tmp_path / f"{pl}.csv").write_text("\n".join(lines) + "\n")
            kept = [ln for ln in lines[1:] if not 22.5 <= float(ln.split(",")[0]) <= 22.9]
            (tmp_path / f"{pl}.gap.csv").write_text("\n".join([lines[0], *kept]) + "\n")
            files[pl] = tmp_path / f"{pl}.csv", tmp_path / f"{pl}.gap.csv"
    finally:
        sim.cleanup()

    def flags(pelvis: Path, trunk: Path) -> dict:
        r = run("assess", "five-times-sit-to-stand", "--sensor", f"pelvis={pelvis}", "--sensor", f"trunk={trunk}", "--json",
                ok=False)
        out = json.loads(r.stdout)
        assert r.exit_code == (0 if out["time_s"] is not None else 3), r.output  # 3: not scored
        return out["time_s"], [f["detail"] for f in out["flags"] if f["code"] == "sensor_gap"]

    whole = flags(files["pelvis"][0], files["trunk"][0])
    assert whole[1] == [] and whole[0] is not None
    assert flags(files["pelvis"][0], files["trunk"][1]) == whole
    _, pelvis_hole = flags(files["pelvis"][1], files["trunk"][0])
    assert pelvis_hole[0].startswith("sensor data missing 22.5-22.9 s into the recording (0.4 s), then not yet usable")


def _simulated_with_hole(tmp_path: Path, test: str, placements: list[str], at_s: float) -> list[str]:
    """``--sensor`` values of a simulated ``test`` whose first placement's file lacks its rows
    ``at_s``..``at_s`` + 0.4 s."""
    from oefensense.commands.assess_run import simulate_test

    sim = simulate_test(test, placements, seed=0)
    out = []
    try:
        for pl, path in sim.files.items():
            lines = Path(path).read_text().splitlines()
            kept = [ln for ln in lines[1:] if not (pl == placements[0] and at_s <= float(ln.split(",")[0]) <= at_s + 0.4)]
            (tmp_path / f"{pl}.csv").write_text("\n".join([lines[0], *kept]) + "\n")
            out += ["--sensor", f"{pl}={tmp_path / f'{pl}.csv'}"]
    finally:
        sim.cleanup()
    return out


def test_trunk_rom_and_the_walk_test_name_the_hole_and_the_settling_once(tmp_path: Path) -> None:
    """The same for trunk ROM and the walk test: one flag per stretch (a live run's hole and the
    invalid run around it were two), the hole and the settling named (a recording's said "trunk
    sensor data missing 30.0-32.4 s" for 0.4 s missing)."""
    import json

    from tests.assessments.test_assess_cli import run

    for test, placements, at, want in (
        ("trunk-rom", ["trunk", "pelvis"], 30.0, "trunk sensor data missing 30.0-30.4 s (0.4 s), then not yet usable until "
                                                 "32.4 s while the sensor settled again (2.4 s without usable data)"),
        ("walk-test", ["pelvis"], 60.0, "sensor data missing 54.6-55.0 s into the walk (0.4 s), then not yet usable until "
                                        "57.1 s while the sensor settled again: steps and walking time in it are not counted"),
    ):
        (tmp_path / test).mkdir()
        out = json.loads(run("assess", test, *_simulated_with_hole(tmp_path / test, test, placements, at), "--json").stdout)
        gaps = [f["detail"] for f in out["flags"] if f["code"] == "sensor_gap" and "missing" in f["detail"]
                and "not scored" not in f["detail"]]
        assert gaps == [want], gaps


def test_a_tug_whose_stand_up_lies_in_a_hole_names_the_hole(tmp_path: Path) -> None:
    """0.4 s of rows missing as the simulated patient stands up (20.0 s; truth 19.2-21.4 s): the
    TUG found no stand-up and said only "no stand-up found", as if the patient had not stood up.
    The hole where it may be hidden is named beside it."""
    import json

    from tests.assessments.test_assess_cli import run

    out = json.loads(run("assess", "tug", *_simulated_with_hole(tmp_path, "tug", ["pelvis"], 20.0), "--json", status=3).stdout)
    assert out["time_s"] is None
    assert [(f["code"], f["detail"]) for f in out["flags"]] == [
        ("not_started", "no stand-up found"),
        ("sensor_gap", "sensor data missing 20.0-20.4 s into the recording (0.4 s), then not yet usable until 22.4 s "
                       "while the sensor settled again (2.4 s without usable data)")]
