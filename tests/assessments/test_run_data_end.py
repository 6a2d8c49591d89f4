"""Where a guided run's data ends: in data time, at the protocol's settled end, and where every
worn sensor's samples have arrived (not where a wall-clock poll or the stop came)."""

from __future__ import annotations

import numpy as np

from oefensense.commands.assess_run import (FrameCollector, GuidedRun, arrived_end, frames_of_recordings, simulate_test,
                                           truth_summary)
from oefensense.core.types import NS_PER_S, Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate
from oefensense.sim.script import Lift, Stand


def _rom_frame(extra=()):  # noqa: ANN001, ANN202
    script = st.trunk_rom_script() + list(extra)
    sim = simulate(script, rate_hz=100.0, seed=0, placements=(Placement.TRUNK, Placement.PELVIS))
    return concat_frames(frames_from_sim(sim))


def _trailing(frame, key: str, seconds: float):  # noqa: ANN001, ANN202
    t = (frame.t_ns - frame.t_ns[0]) / NS_PER_S
    ch = dict(frame.channels)
    ch[key] = np.asarray(frame[key], bool) & (t < t[-1] - seconds)
    return type(frame)(frame.t_ns, frame.rate_hz, frame.placements, ch)


def test_a_sensors_last_packets_still_on_their_way_are_not_a_sensor_gap() -> None:
    """10x simulated under load: at the stop the trunk's last 0.6 s had not arrived, the
    synchroniser marked it invalid up to the pelvis' last sample and the ROM test said "trunk
    sensor data missing 111.6-112.2 s" (data end 112.1 s): data not yet received, not lost."""
    frame = _trailing(_rom_frame(), "trunk_valid", 0.6)
    n = int(np.flatnonzero(frame["trunk_valid"])[-1]) + 1
    assert len(frame) - n == 31  # 0.6 s at the frame's 50 Hz
    assert arrived_end(frame) == n
    collector = FrameCollector()
    collector._frames.append(frame)
    cut, gaps = collector.snapshot()
    assert len(cut) == n and gaps == ()
    run = GuidedRun("trunk-rom", simulate=["polar=trunk", "movesense=pelvis"])
    run.collector = collector
    assert not [f for f in run.finish().flags if f.code == "sensor_gap"]


def test_a_lost_link_or_a_long_lag_at_the_end_is_still_missing_data() -> None:
    frame = _trailing(_rom_frame(), "trunk_valid", 0.6)
    t = (frame.t_ns - frame.t_ns[0]) / NS_PER_S
    assert arrived_end(frame, ((float(t[-1]) - 0.6, float(t[-1])),)) == len(frame)  # the source said it dropped
    assert arrived_end(_trailing(frame, "trunk_valid", 3.5)) == len(frame)  # past the synchroniser's max_lag_s
    one = type(frame)(frame.t_ns, frame.rate_hz, (Placement.TRUNK,),
                      {k: v for k, v in frame.channels.items() if not k.startswith("pelvis")})
    assert arrived_end(one) == len(frame)  # one sensor: its own tail is its data's end


def test_a_run_scored_after_the_data_went_on_stops_at_the_protocols_end_in_data_time() -> None:
    """At --speed 50 a poll comes every 25 s of data (or none before the simulated source ended):
    the run was scored on everything that arrived, a later movement included (a fourth flexion
    here; the care audit saw it cut and flagged moving_at_end). It now ends SETTLE_S after the
    protocol's end in data time."""
    frame = _rom_frame([Stand(6.0), Lift("stoop", trunk_flexion_deg=60.0, down_s=1.5, hold_s=0.8, up_s=1.5, rest_s=3.0)])
    run = GuidedRun("trunk-rom", simulate=["polar=trunk", "movesense=pelvis"])
    run.collector._frames.append(frame)
    run.go_s = 13.0  # the lead-in walk (and its turn) before the test
    res = run.finish()
    assert res.done and len(res.values["repetitions_deg"]["flexion"]) == 3
    rom_end = simulate(st.trunk_rom_script(), rate_hz=100.0, seed=0, placements=(Placement.TRUNK,)).duration_s
    assert run.stop_s is not None and run.stop_s < rom_end + 6.0  # before the later bend
    assert not [f for f in res.flags if f.code == "moving_at_end"]


def test_a_run_does_not_stop_where_the_data_up_to_the_stop_holds_no_end_of_the_test() -> None:
    """The TUG at 2x slow (seed 3), polled when 42 s of data had arrived: the real sit-down was
    under way at the data's edge and the live result found a "sit-down" during the walk instead,
    settled MAX_SETTLE_S after it. The run stopped there (38.8 s) and was scored on the data up to
    it, which holds no sit-down: "the data ended before the test did", 12.8 s of a 22.7-s TUG
    (audit, --speed 20 and 1). It now goes on until the data up to its stop scores the test."""
    sim = simulate_test("tug", ["pelvis"], speed=2.0, seed=3)
    try:
        frame = frames_of_recordings({"pelvis": str(sim.files["pelvis"])})
        truth = truth_summary("tug", sim.truth)["time_s"]
    finally:
        sim.cleanup()
    run = GuidedRun("tug", simulate=["polar=pelvis"])
    run.collector._frames.append(frame.samples(0, int(42.0 * frame.rate_hz)))
    run.poll()
    assert run.stop_s is None and not run.finished
    run.collector._frames[:] = [frame]
    run.poll()
    assert run.finished and run.stop_s is not None
    res = run.finish()
    assert res.done and not [f for f in res.flags if f.code == "interrupted"]
    assert abs(res.time_s - truth) < 1.0


def test_a_guided_runs_gaps_carry_their_sensors_placement() -> None:
    """A live run's gaps are its sensors' (``RunContext.gaps_s`` with the placement): a hole the
    trunk sensor reported is no gap of a pelvis-scored chair test. The collector learns each
    sensor's placement from its SensorInfo; a hole of a sensor it does not know stays unplaced
    (taken to concern every sensor)."""
    from oefensense.core.types import Event, SensorInfo

    frame = _rom_frame()
    t0 = int(frame.t_ns[0])
    collector = FrameCollector()
    collector.on_input(SensorInfo("tr", Placement.TRUNK, nominal_rate_hz=100.0))
    collector.on_input(Event("gap", t0 + 2 * NS_PER_S, t0 + int(2.5 * NS_PER_S), {"reason": "link_lost"}, "tr"))
    collector.on_input(Event("gap", t0 + 4 * NS_PER_S, t0 + int(4.5 * NS_PER_S), {"reason": "link_lost"}, "other"))
    collector._frames.append(frame)
    _, gaps = collector.snapshot()
    assert gaps == ((2.0, 2.5, "trunk"), (4.0, 4.5, None))


def test_a_gap_before_a_sensors_first_valid_sample_is_a_late_start_not_an_interruption() -> None:
    """A Polar connecting after the other sensor drops the accelerometer samples older than its
    first gyro sample (a ``no_gyro`` gap of ~2 ms, kept in the session): the guided test read
    "sensor data missing 0.6-0.6 s (0.0 s): bridged" although the sensor had not started yet."""
    from oefensense.core.types import Event, SensorInfo

    frame = _rom_frame()
    t0 = int(frame.t_ns[0])
    ch = dict(frame.channels)
    ch["trunk_valid"] = np.asarray(frame["trunk_valid"], bool) & ((frame.t_ns - t0) >= int(0.6 * NS_PER_S))
    frame = type(frame)(frame.t_ns, frame.rate_hz, frame.placements, ch)
    first = int(frame.t_ns[int(np.argmax(frame["trunk_valid"]))])
    collector = FrameCollector()
    collector.on_input(SensorInfo("tr", Placement.TRUNK, nominal_rate_hz=100.0))
    collector.on_input(Event("gap", first - 2_000_000, first, {"reason": "no_gyro"}, "tr"))  # before its first sample
    collector.on_input(Event("gap", t0 + 4 * NS_PER_S, t0 + int(4.5 * NS_PER_S), {"reason": "link_lost"}, "tr"))
    collector._frames.append(frame)
    _, gaps = collector.snapshot()
    assert gaps == ((4.0, 4.5, "trunk"),)
