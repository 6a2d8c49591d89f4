"""Each test's scoring against the movement simulator's truth (the real pipeline: simulated
sensors with random mountings -> SensorChain -> Synchroniser -> the test)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.norms import reference
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate


def _run(test: str, speed: float = 1.0, placements=(Placement.PELVIS,), seed: int = 0, **opts):  # noqa: ANN001, ANN202
    script = st.scripted_test(test, speed=speed)
    sim = simulate(script, rate_hz=100.0, seed=seed, placements=placements)
    frame = concat_frames(frames_from_sim(sim))
    return sim, script, make_test(test, **opts).analyse(frame, RunContext())


@pytest.mark.parametrize("speed", [1.0, 1.5])
def test_chair_stand_30s_counts_the_stands_half_way_up_within_30_s(speed: float) -> None:
    sim, _, res = _run("chair-stand-30s", speed)
    truth = st.chair_truth(sim)
    assert len(truth.stand_ups()) > st.stands_in_30s(truth)  # the script goes on past 30 s
    assert res.reps == st.stands_in_30s(truth)
    assert res.done and not res.flags


@pytest.mark.parametrize("speed", [1.0, 1.5])
def test_five_times_sit_to_stand_time_and_phases(speed: float) -> None:
    sim, _, res = _run("five-times-sit-to-stand", speed)
    ups = st.chair_truth(sim).stand_ups()
    assert res.reps == 5
    assert abs(res.time_s - (ups[4][1] - ups[0][0])) <= 0.5
    rows = res.values["repetitions"]
    assert [r["rep"] for r in rows] == [1, 2, 3, 4, 5]
    if speed == 1.0:  # slower: the simulator's two-piece transfer pauses half-way (docs/assessments.md)
        assert all(abs(r["stand_up_s"] - (b - a)) <= 0.5 for r, (a, b) in zip(rows, ups))


def test_tug_time_and_every_phase_within_half_a_second() -> None:
    sim, script, res = _run("tug", 1.0)
    truth = st.tug_truth(sim, script)
    t0 = truth.phases["stand_up"][0]
    got = {p.name: p for p in res.phases}
    assert set(got) == set(truth.phases)
    for name, (a, b) in truth.phases.items():
        assert abs(got[name].start_s - (a - t0)) <= 0.5 and abs(got[name].end_s - (b - t0)) <= 0.5, name
    assert abs(res.time_s - (truth.phases["sit_down"][1] - t0)) <= 0.5
    assert res.values["turn_deg"][0] == pytest.approx(180, abs=20)


@pytest.mark.parametrize("speed,seed", [(1.0, 0), (1.0, 1), (1.5, 2), (2.0, 3)])
def test_tug_phases_follow_each_other(speed: float, seed: int) -> None:
    # people turn while they sit down: the second turn ran into the sit-down in the listed phases
    # ("draaien 2 9,2-10,7 s; gaan zitten 10,3-12,8 s", care audit 3 Dec 2026)
    _, _, res = _run("tug", speed, seed=seed)
    names = [p.name for p in res.phases]
    assert names[0] == "stand_up" and names[-1] == "sit_down" and len(names) == 6
    for p, nxt in zip(res.phases, res.phases[1:]):
        assert p.start_s <= p.end_s <= nxt.start_s, (p, nxt)


@pytest.mark.parametrize("speed", [1.0, 2.0])
def test_trunk_rom_best_of_three_within_3_degrees(speed: float) -> None:
    sim, _, res = _run("trunk-rom", speed, (Placement.TRUNK, Placement.PELVIS))
    truth = st.rom_truth(sim).rom_deg
    for direction, vals in truth.items():
        assert len(res.values["repetitions_deg"][direction]) == 3, direction
        assert res.values["rom_deg"][direction] == pytest.approx(max(vals), abs=3.0), direction


def test_trunk_rom_flags_forward_uncertain_only_where_the_forward_direction_was_guessed() -> None:
    """The flag was raised on every ROM test. With the lead-in walk the chain knows forward:
    no flag. Marked provisional (a guessed forward) over the bends: flagged, naming them."""
    sim = simulate(st.scripted_test("trunk-rom"), rate_hz=100.0, seed=0, placements=(Placement.TRUNK, Placement.PELVIS))
    frame = concat_frames(frames_from_sim(sim))
    res = make_test("trunk-rom").analyse(frame, RunContext())
    assert not [f for f in res.flags if f.code == "forward_uncertain"]
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    frame.channels["trunk_provisional"] = t < 25.0  # over the forward bends (the lead-in walk ends at 13 s)
    res = make_test("trunk-rom").analyse(frame, RunContext())
    flagged = [f for f in res.flags if f.code == "forward_uncertain"]
    assert len(flagged) == 1 and flagged[0].detail.endswith(": trunk flexion")  # not the later directions


def test_trunk_rom_without_a_pelvis_sensor_flags_rotation() -> None:
    _, _, res = _run("trunk-rom", 1.0, (Placement.TRUNK,))
    assert res.values["rom_deg"]["rotation_left"] is None
    assert any(f.code == "missing_sensor" for f in res.flags)


def test_walk_test_steps_and_cadence() -> None:
    _, script, res = _run("walk-test", 1.0, leg_length_m=0.95)
    assert res.values["steps"] == pytest.approx(st.walk_truth(script).steps, rel=0.06)
    assert res.values["cadence_spm"] == pytest.approx(108, rel=0.08)  # 1.8 steps/s while walking
    assert res.values["gait_speed_ms"] > 0 and res.done


def test_a_dropout_inside_the_test_is_flagged() -> None:
    script = st.scripted_test("five-times-sit-to-stand")
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    valid = np.asarray(frame["pelvis_valid"], bool).copy()
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    valid[(t > 24.0) & (t < 25.5)] = False
    channels = dict(frame.channels, pelvis_valid=valid, valid=valid)
    res = make_test("five-times-sit-to-stand").analyse(type(frame)(frame.t_ns, frame.rate_hz, frame.placements, channels),
                                                        RunContext())
    assert any(f.code == "sensor_gap" for f in res.flags)


def test_references_only_where_a_source_gives_them() -> None:
    ref = reference("chair-stand-30s", 72, "f", 9)
    assert (ref.low, ref.high, ref.verdict) == (10, 15, "below") and "Rikli" in ref.source
    assert reference("chair-stand-30s", 72, None, 9) is None  # the source splits by sex
    assert reference("chair-stand-30s", 45, "m", 20) is None  # outside 60-94
    assert reference("tug", 85, None, 10.5).verdict == "within"
    assert reference("trunk-rom", 70, "m", None) is None


def test_every_test_declares_the_protocol_and_the_cli_names_are_the_issues() -> None:
    from oefensense.assessments import TESTS

    assert list(TESTS) == ["chair-stand-30s", "five-times-sit-to-stand", "tug", "trunk-rom", "walk-test"]
    for name, cls in TESTS.items():
        assert cls.name == name and cls.kind in ("count", "timed", "rom", "walk")
        assert cls.placements and isinstance(cls.auto_start, bool)
        assert callable(getattr(make_test(name), "analyse"))


def test_a_start_inside_the_sensors_start_up_is_flagged() -> None:
    """An assessment starts on a settled sensor: a "go" while the chain still starts up (its
    first samples invalid), or a recording whose sensor moves from its first valid sample to the
    first stand-up, is flagged; a still start is not."""
    script = st.scripted_test("five-times-sit-to-stand")
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    test = make_test("five-times-sit-to-stand")
    first_up = st.chair_truth(sim).stand_ups()[0][0]
    assert not any(f.code == "unsettled_start" for f in test.analyse(frame, RunContext()).flags)
    t = (frame.t_ns - frame.t_ns[0]) / 1e9
    valid = np.asarray(frame["pelvis_valid"], bool) & (t >= first_up - 0.5)
    late = type(frame)(frame.t_ns, frame.rate_hz, frame.placements, dict(frame.channels, pelvis_valid=valid, valid=valid))
    codes = [f.code for f in test.analyse(late, RunContext()).flags]
    assert "unsettled_start" in codes
    codes = [f.code for f in test.analyse(late, RunContext(go_s=first_up - 0.2)).flags]
    assert "unsettled_start" in codes


def test_thigh_steps_without_gyroscope_on_a_real_walk() -> None:
    """MobiFall's thigh (trouser-pocket phone, accelerometer only): steps from |acceleration|
    peaks within 5 % of the walk's dominant step frequency × its duration (no step labels exist:
    a second method, not a truth; the fused-flexion swing method gave 30 % here)."""
    from scipy.signal import welch

    from oefensense.assessments.gait import find_steps
    from oefensense.io.body_frames import runtime_body_frame

    path = Path("/work/shared/data/mobifall/sub3/WAL_acc_3_1.thigh.csv.gz")
    if not path.exists():
        pytest.skip("MobiFall not in ../shared/data")
    frame, _ = runtime_body_frame(path)
    assert not frame.has("thigh_gyr_dps")
    v = np.flatnonzero(np.asarray(frame["thigh_valid"], bool))
    a, b = int(v[0]), int(v[-1]) + 1
    walk = type(frame)(frame.t_ns[a:b], frame.rate_hz, frame.placements, {k: x[a:b] for k, x in frame.channels.items()})
    acc = np.linalg.norm(np.asarray(walk["thigh_acc_g"], float), axis=1)
    f, p = welch(acc - acc.mean(), fs=walk.rate_hz, nperseg=int(32 * walk.rate_hz))
    sel = (f >= 1.2) & (f <= 3.0)
    reference = float(f[sel][np.argmax(p[sel])]) * len(walk) / walk.rate_hz
    assert abs(find_steps(walk).steps - reference) <= 0.05 * reference


def _with_gap(frame, a: float, b: float):  # noqa: ANN001, ANN202
    """``frame`` with every sensor's samples invalid (and NaN) from ``a`` to ``b`` s: a BLE hiccup
    (the bridge-gap benchmark's own, so the two make the same gap)."""
    from benchmarks.bridge_gap import with_gap

    return with_gap(frame, a, b)


def _gap_run(test: str, where, gap_s: float, placements=(Placement.PELVIS,)):  # noqa: ANN001, ANN202
    """(truth, script, sim, result) with a ``gap_s`` hole centred on ``where(sim, script)`` (s)."""
    script = st.scripted_test(test)
    sim = simulate(script, rate_hz=100.0, seed=0, placements=placements)
    frame = concat_frames(frames_from_sim(sim))
    mid = where(sim, script)
    return sim, script, make_test(test).analyse(_with_gap(frame, mid - gap_s / 2, mid + gap_s / 2), RunContext())


def _mid_second_stand(sim, script):  # noqa: ANN001, ANN202
    a, b = st.chair_truth(sim).stand_ups()[1]
    return (a + b) / 2


def test_a_short_gap_inside_a_stand_up_is_bridged_and_flagged() -> None:
    """A 0.2-s invalid stretch in the second stand-up (a BLE hiccup) gave a 5xSTS without a
    sit-down between stand-ups 3 and 4, timed 22.6 s for 21.4 s (care audit: "1 of 5 stand-ups
    found"). Now it is interpolated for detection, scored, and flagged as bridged with its time."""
    sim, _, res = _gap_run("five-times-sit-to-stand", _mid_second_stand, 0.2)
    ups = st.chair_truth(sim).stand_ups()
    assert res.reps == 5 and abs(res.time_s - (ups[4][1] - ups[0][0])) <= 0.5
    assert [f.code for f in res.flags] == ["sensor_gap"]
    assert res.flags[0].detail == ("sensor data missing 24.0-24.2 s into the recording (0.2 s): bridged, "
                                   "the movement taken to go on through it")
    assert res.flags[0].text(_nl, "nl") == ("sensorgegevens ontbreken van 24,0 tot 24,2 s in de opname (0,2 s): overbrugd, "
                                            "aangenomen dat de beweging doorliep")


def test_a_gap_too_long_to_bridge_is_not_scored_across() -> None:
    """... and the interruption names the gap: it said "the recording ends before the fifth
    stand-up" while the recording went on for 40 s after it (care audit, issue #18). A 2.4-s gap
    over the whole second stand-up (a hole and the chain's settling; until rel-11 a 0.6-s gap in
    its middle, which lost it only because the stretch after the gap was bent: below)."""
    _, _, res = _gap_run("five-times-sit-to-stand", _mid_second_stand, 2.4)
    assert res.time_s is None and res.reps == 4 and any(f.code == "too_few_reps" for f in res.flags)
    assert any(f.code == "sensor_gap" and "bridged" not in f.detail for f in res.flags)
    (why,) = [f for f in res.flags if f.code == "interrupted"]
    assert why.detail == ("the test was interrupted: sensor data missing or invalid 22.9-25.3 s into the recording (2.4 s): "
                          "the missing stand-ups may be hidden in it, none is counted across it")
    assert why.text(_nl, "nl") == ("de test is onderbroken: sensorgegevens ontbreken of zijn ongeldig van 22,9 tot 25,3 s in de opname "
                                   "(2,4 s): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld")


def test_a_stand_up_seen_rising_after_a_gap_too_long_to_bridge_is_counted() -> None:
    """A 0.6-s gap (23.8-24.4 s) in the middle of the second stand-up (truth 23.0-25.2 s): the
    stand-up is found from the gap's end, its rise seen after it, and counted; none spans the gap.
    Until rel-11 the 17-s moving stretch after the gap was integrated as if it began at rest, its
    height bent, and 4 of 5 were found (no time). Now 21.38 s (21.36 s without the gap, truth
    21.40 s), the gap flagged."""
    _, _, res = _gap_run("five-times-sit-to-stand", _mid_second_stand, 0.6)
    assert res.reps == 5 and abs(res.time_s - 21.40) <= 0.1, res.time_s
    assert abs(res.phases[2].start_s + res.start_s - 24.4) <= 0.05  # stand_up_2 found from the gap's end
    assert [f.detail for f in res.flags if f.code == "sensor_gap"][0] == "sensor data missing or invalid 23.8-24.4 s into the recording"


def test_a_recording_cut_before_the_fifth_stand_up_still_says_so() -> None:
    script = st.scripted_test("five-times-sit-to-stand")
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    cut = st.chair_truth(sim).stand_ups()[3][1] + 1.0  # 1 s after the fourth stand-up
    n = int(cut * frame.rate_hz)
    short = type(frame)(frame.t_ns[:n], frame.rate_hz, frame.placements, {k: v[:n] for k, v in frame.channels.items()})
    res = make_test("five-times-sit-to-stand").analyse(short, RunContext())
    assert res.reps == 4
    assert [f.detail for f in res.flags if f.code == "interrupted"] == ["the recording ends before the fifth stand-up"]


def test_a_short_gap_in_the_30s_chair_stand_and_the_tug_is_bridged() -> None:
    sim, _, res = _gap_run("chair-stand-30s", _mid_second_stand, 0.2)
    assert res.reps == st.stands_in_30s(st.chair_truth(sim))
    assert [f.code for f in res.flags] == ["sensor_gap"] and "bridged" in res.flags[0].detail

    def mid_tug_stand(sim, script):  # noqa: ANN001, ANN202
        a, b = st.tug_truth(sim, script).phases["stand_up"]
        return (a + b) / 2

    sim, script, res = _gap_run("tug", mid_tug_stand, 0.2)
    truth = st.tug_truth(sim, script)
    assert abs(res.time_s - (truth.phases["sit_down"][1] - truth.phases["stand_up"][0])) <= 0.5
    assert [f.code for f in res.flags] == ["sensor_gap"] and "bridged" in res.flags[0].detail


def test_trunk_rom_bridges_a_short_gap_at_a_peak_and_does_not_score_a_peak_it_did_not_see() -> None:
    """The third flexion (the best, 70.7°) holds its peak at 25.1-25.9 s: a 0.4-s gap there is
    bridged; with 1.4 s missing its peak was interpolated (68.8°) and scored; now that
    repetition is not scored and says so."""
    pl = (Placement.TRUNK, Placement.PELVIS)
    _, _, whole = _gap_run("trunk-rom", lambda sim, script: 25.4, 0.0, pl)
    _, _, res = _gap_run("trunk-rom", lambda sim, script: 25.4, 0.4, pl)
    assert res.values["rom_deg"] == whole.values["rom_deg"]
    assert [f.code for f in res.flags] == ["sensor_gap"] and "bridged" in res.flags[0].detail
    _, _, res = _gap_run("trunk-rom", lambda sim, script: 25.4, 1.4, pl)
    assert res.values["repetitions_deg"]["flexion"] == whole.values["repetitions_deg"]["flexion"][:2]
    assert any(f.detail.startswith("trunk flexion at ") and f.detail.endswith("not scored: the sensor data was missing "
                                                                               "during the repetition") for f in res.flags)


def _nl(text: str) -> str:
    from oefensense.commands.lang import tr

    return tr(text, language="nl")


def test_a_gap_too_long_to_bridge_is_a_gap_not_a_pause() -> None:
    """A 0.6-s gap at a stand-up loses transfers (the chair tests do not count across it; one at
    the gap's edge can throw those after it): the time between the transfers found read as a
    rest, "6.3 s rest after 2.1 s" (30-s chair stand), "13.8 s rest after 4.4 s" (5xSTS) in
    tests without one. A gap is flagged as a gap; a pause is a rest the sensor was seen in."""
    for test in ("chair-stand-30s", "five-times-sit-to-stand"):
        for k, dt in ((0, -0.2), (0, 0.2), (1, -0.2), (1, 0.2), (1, 0.7), (1, 2.2)):  # s from a stand-up's start
            def at(sim, script, k=k, dt=dt):  # noqa: ANN001, ANN202
                return st.chair_truth(sim).stand_ups()[k][0] + dt

            _, _, res = _gap_run(test, at, 0.6)
            codes = [f.code for f in res.flags]
            assert "sensor_gap" in codes and "pause" not in codes, (test, k, dt, [(f.code, f.detail) for f in res.flags])


def test_a_rest_seen_beside_a_gap_is_still_a_pause() -> None:
    """Five sit-to-stands with a 5-s rest after each transfer, and a 0.6-s gap in the second
    stand-up: the rests the sensor saw are flagged as before."""
    script = st.chair_stand_script(5, pause_s=5.0)
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    test = make_test("five-times-sit-to-stand")
    plain = [f for f in test.analyse(frame, RunContext()).flags if f.code == "pause"]
    a, b = st.chair_truth(sim).stand_ups()[1]
    res = test.analyse(_with_gap(frame, (a + b) / 2 - 0.3, (a + b) / 2 + 0.3), RunContext())
    paused = [f for f in res.flags if f.code == "pause"]
    assert len(plain) >= 4 and len(paused) >= 3, ([f.detail for f in plain], [f.detail for f in paused])
    assert all(f.fields["rest"] > 3.0 for f in paused)
