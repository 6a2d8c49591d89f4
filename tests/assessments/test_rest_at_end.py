"""The end of a chair test or TUG: the run waits for the patient to come to rest after the
protocol (the transfer finder's stillness rule) and a result whose data ends in movement is
flagged ``moving_at_end``, through the real CLI and the run code the dashboard shares."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.base import protocol_end_s
from oefensense.cli import app
from oefensense.commands import assess_run
from oefensense.commands.assess_run import MAX_SETTLE_S, SETTLE_S, frames_of_recordings, settled, simulate_test


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A simulated five times sit-to-stand (seed 0) as a waist recording: whole (ends seated and
    still) and cut 1 s into the fifth sit-down."""
    sim = simulate_test("five-times-sit-to-stand", ["pelvis"], seed=0)
    try:
        ups = sim.truth.stand_ups()
        src = sim.files["pelvis"]
        header = src.read_text().splitlines()[0]
        data = np.loadtxt(src, delimiter=",", skiprows=1)
    finally:
        sim.cleanup()
    out: dict[str, object] = {"truth_s": ups[4][1] - ups[0][0]}
    tmp = tmp_path_factory.mktemp("rest")
    for name, keep in (("whole", data), ("cut", data[data[:, 0] <= ups[4][1] + 1.0])):
        path = tmp / f"fsts_{name}.pelvis.csv"
        np.savetxt(path, keep, delimiter=",", fmt="%.6f", header=header, comments="")
        out[name] = path
    return out


def _cli(path: Path) -> dict:
    result = CliRunner().invoke(app, ["assess", "five-times-sit-to-stand", str(path), "--placement", "waist", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_recording_cut_in_the_last_sit_down_is_flagged_and_a_whole_one_is_not(recordings) -> None:
    whole, cut = _cli(recordings["whole"]), _cli(recordings["cut"])
    assert whole["reps"] == cut["reps"] == 5
    assert "moving_at_end" not in {f["code"] for f in whole["flags"]}
    assert abs(whole["time_s"] - recordings["truth_s"]) < 0.5
    assert "moving_at_end" in {f["code"] for f in cut["flags"]}, cut["flags"]


def test_the_run_waits_for_rest_up_to_its_maximum(recordings) -> None:
    test = make_test("five-times-sit-to-stand")
    for name, rests in (("whole", True), ("cut", False)):
        frame = frames_of_recordings([str(recordings[name])], placement="waist")
        res = test.analyse(frame, RunContext())
        assert res.done
        end = res.start_s + protocol_end_s(res)
        data_t = (len(frame) - 1) / float(frame.rate_hz)
        assert not settled(res, frame, end + SETTLE_S * 0.5)  # never before SETTLE_S
        assert settled(res, frame, data_t) is rests
        assert settled(res, frame, end + MAX_SETTLE_S + 0.1)  # bounded


def test_a_simulated_guided_run_stops_at_rest_after_the_last_sit_down(monkeypatch) -> None:
    """The simulated person sits still after the fifth sit-down: the run (CLI and dashboard)
    stops once at rest, not SETTLE_S into the sit-down's settling, and the result is unflagged."""
    seen: list[tuple[float, float]] = []
    real = assess_run.settled

    def spy(result, frame, data_t):  # noqa: ANN001, ANN202
        ok = real(result, frame, data_t)
        if ok:
            seen.append((result.start_s + protocol_end_s(result), data_t))
        return ok

    monkeypatch.setattr(assess_run, "settled", spy)
    result = CliRunner().invoke(app, ["assess", "five-times-sit-to-stand", "--simulate", "polar=pelvis", "--speed", "25",
                                      "--countdown", "0", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["reps"] == 5 and "moving_at_end" not in {f["code"] for f in out["flags"]}
    assert abs(out["time_s"] - out["simulated_truth"]["time_s"]) < 0.5
    assert seen and seen[0][1] >= seen[0][0] + SETTLE_S


def test_the_moving_at_end_detail_never_says_zero_seconds(recordings, tmp_path: Path) -> None:
    """Data cut where the last sit-down's end is found: the detail says "less than 0.1 s", not
    "0.0 s"; a cut later on says how long after the end the data ran."""
    from oefensense.assessments.chair_common import moving_at_end_detail

    frame = frames_of_recordings([str(recordings["cut"])], placement="waist")
    res = make_test("five-times-sit-to-stand").analyse(frame, RunContext())
    end = res.start_s + protocol_end_s(res)
    data = np.loadtxt(recordings["cut"], delimiter=",", skiprows=1)
    header = Path(recordings["cut"]).read_text().splitlines()[0]
    t0 = data[0, 0] - frame.t_ns[0] / 1e9  # the file's time (first column, s) at the frame's clock's 0
    at_end = tmp_path / "at_end.pelvis.csv"
    np.savetxt(at_end, data[data[:, 0] - t0 <= end + 0.02], delimiter=",", fmt="%.6f", header=header, comments="")
    out = _cli(at_end)
    detail = next(f["detail"] for f in out["flags"] if f["code"] == "moving_at_end")
    assert "0.0 s" not in detail and "less than 0.1 s" in detail, detail
    def english(after_s: float) -> str:  # (template, fields): the detail as stored
        template, fields = moving_at_end_detail(after_s)
        return template.format(**fields)

    assert "0.0 s" not in english(0.04) and "less than 0.1 s" in english(-0.3)
    assert "1.2 s after the test's end" in english(1.2)


def test_a_slow_patient_is_waited_for_until_seated_after_the_fifth_stand(tmp_path: Path) -> None:
    """At 2x slow the simulated patient is still for 0.5 s between the fifth stand-up and the
    sit-down after it: the run stopped there (SETTLE_S after the fifth stand, in the sit-down)
    and reported "until seated after the 5th stand" missing, or timed to where its data ended.
    Now a run does not stop before the sit-down it reports is measured (the sensor at rest after
    it), and a sit-down the data ends in is not timed."""
    from oefensense.commands.assess_run import stop_time

    sim = simulate_test("five-times-sit-to-stand", ["pelvis"], speed=2.0, seed=0)
    try:
        truth = sim.truth.transfers
        src = sim.files["pelvis"]
        header = src.read_text().splitlines()[0]
        data = np.loadtxt(src, delimiter=",", skiprows=1)
    finally:
        sim.cleanup()
    fifth_up = [x for x in truth if x[0] == "stand_up"][4]
    last_sit = [x for x in truth if x[0] == "sit_down"][-1]
    test = make_test("five-times-sit-to-stand")
    for cut_at in (fifth_up[2] + SETTLE_S + 0.5, last_sit[1] + 1.0):  # poll moments inside the sit-down
        path = tmp_path / f"cut_{cut_at:.1f}.pelvis.csv"
        np.savetxt(path, data[data[:, 0] <= cut_at], delimiter=",", fmt="%.6f", header=header, comments="")
        frame = frames_of_recordings([str(path)], placement="waist")
        res = test.analyse(frame, RunContext(final=False, guided=True))
        assert res.done and res.reps == 5
        data_t = (len(frame) - 1) / float(frame.rate_hz)
        assert not settled(res, frame, data_t), cut_at  # settled at the first cut before
        assert "time_to_fifth_sit_s" not in res.values, (cut_at, res.values)
    path = tmp_path / "whole.pelvis.csv"
    np.savetxt(path, data, delimiter=",", fmt="%.6f", header=header, comments="")
    frame = frames_of_recordings([str(path)], placement="waist")
    res = test.analyse(frame, RunContext(final=False, guided=True))
    t0 = data[0, 0] - frame.t_ns[0] / 1e9  # the file's time at the frame's clock's 0
    assert stop_time(res, frame) + t0 > last_sit[2]
    assert abs(res.start_s + t0 + res.values["time_to_fifth_sit_s"] - last_sit[2]) < 1.0
