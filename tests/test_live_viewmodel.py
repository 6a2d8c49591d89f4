"""The dashboard's Qt-free view-model: ring buffer, live state, sink, replay, cues."""

from __future__ import annotations

import threading

import numpy as np

from oefensense.core.types import Event
from oefensense.live import LiveSettings, LiveState, SnapshotSink
from oefensense.live.replay import ReplayModel
from oefensense.live.ring import RingBuffer
from oefensense.live.synthetic import synthetic_outputs, synthetic_sensors
from oefensense.live.viewmodel import CueTracker, format_clock, patient_state
from oefensense.pipeline import PipelineOutput

NAMES = ("unknown", "lying", "sitting", "standing", "walking")


def test_ring_buffer_keeps_newest_rows_in_order_across_wraps():
    rb = RingBuffer(10)
    for start in range(0, 37, 3):
        t = np.arange(start, start + 3)
        rb.append(t, t * 2.0)
    t, v = rb.view()
    assert t.tolist() == list(range(29, 39))
    assert v[:, 0].tolist() == [2.0 * x for x in range(29, 39)]
    rb.append(np.arange(100, 125), np.zeros(25))  # larger than capacity
    assert rb.view()[0].tolist() == list(range(115, 125))
    assert rb.last_t_ns() == 124


def _state(**kw) -> LiveState:
    st = LiveState(LiveSettings(**kw), posture_names=NAMES)
    for s in synthetic_sensors(3):
        st.on_input(s)
    return st


def test_state_summarises_postures_lifts_and_zones():
    st = _state(sit_prompt_after_s=1e9)
    for out in synthetic_outputs(84, synthetic_sensors(3)):  # one full script cycle
        st.on_output(out)
    snap = st.snapshot()
    s = snap.summary
    assert abs(sum(s.posture_s.values()) - 84.0) < 0.1
    assert abs(s.posture_s["sitting"] - 40.0) < 0.1 and abs(s.posture_s["walking"] - 10.0) < 0.1
    assert s.lifts_by_technique == {"stoop": 1, "squat": 1}
    assert abs(sum(s.zone_s) - 84.0) < 0.1 and s.zone_s[2] > 0  # the stoop lift goes past 60°
    assert [l.rating for l in snap.lifts] == ["poor", "good"]
    assert [p.posture for p in snap.timeline][:3] == ["standing", "sitting", "walking"]
    assert snap.traces["trunk_flexion_deg"].t_s[-1] > 83.9
    assert {x.sensor_id for x in snap.sensors} == {"trunk", "pelvis", "thigh"}
    assert all(abs(x.rate_hz - 200.0) < 1.0 for x in snap.sensors)


def test_sitting_timer_prompts_once_and_resets_after_a_break():
    st = _state(sit_prompt_after_s=10.0, break_min_s=5.0)
    prompts_at = []
    for k, out in enumerate(synthetic_outputs(84, synthetic_sensors(3))):
        st.on_output(out)
        if k % 5:
            continue
        snap = st.snapshot()
        if snap.prompt and not prompts_at:
            prompts_at.append(snap.now_ns / 1e9)
    # sitting starts at 22 s in the default script; the prompt comes 10 s later
    assert 31.5 < prompts_at[0] < 32.6
    snap = st.snapshot()
    assert snap.prompts_fired == 1 and not snap.prompt
    assert len(snap.bouts) == 1 and abs(snap.bouts[0].duration_s - 40.0) < 0.1
    assert snap.sitting_s == 0.0


def test_sink_hands_out_consistent_snapshots_while_another_thread_writes():
    sink = SnapshotSink(LiveSettings(), posture_names=NAMES)
    outs = list(synthetic_outputs(20, synthetic_sensors(3)))
    done = threading.Event()

    def writer():
        for o in outs:
            sink.on_output(o)
        done.set()

    th = threading.Thread(target=writer)
    th.start()
    seen = 0
    while not done.is_set() or seen == 0:
        snap = sink.snapshot()
        for tr in snap.traces.values():
            assert tr.t_s.shape == tr.y.shape
            assert np.all(np.diff(tr.t_s) > 0)
        seen += 1
    th.join()
    assert sink.snapshot().now_ns >= int(19.9e9)


def test_marker_events_and_added_markers_are_listed():
    st = _state()
    out = PipelineOutput(events=[Event("marker", 5_000_000_000, 5_000_000_000, {"note": "begin lifting task"})])
    st.on_output(out)
    st.add_marker("pain 3/10")
    notes = [m.note for m in st.snapshot().markers]
    assert notes == ["begin lifting task", "pain 3/10"]


def test_replay_scrub_back_gives_the_same_state_as_playing_forward():
    sens = synthetic_sensors(3)
    outs = list(synthetic_outputs(200, sens, chunk_s=0.5))
    rm = ReplayModel(outs, sens, LiveSettings(sit_prompt_after_s=10.0, break_min_s=5.0), NAMES, checkpoint_s=30.0)
    rm.seek(int(150e9))
    forward = rm.snapshot()
    rm.seek(int(20e9))
    assert rm.snapshot().now_ns <= int(20e9) and len(rm.snapshot().lifts) == 1
    rm.seek(int(150e9))
    again = rm.snapshot()
    assert again.summary == forward.summary and again.lifts == forward.lifts and again.bouts == forward.bouts
    rm.speed, rm.playing = 10.0, True
    rm.tick(1.0)
    assert abs(rm.position_ns - int(160e9)) <= 1
    rm.speed = float("inf")
    while rm.tick(0.03):
        pass
    assert rm.finished and rm.fraction == 1.0


def test_cue_tracker_and_patient_state():
    st = _state(sit_prompt_after_s=10.0, break_min_s=5.0)
    cues = CueTracker()
    fired = []
    for out in synthetic_outputs(84, synthetic_sensors(3), chunk_s=0.5):
        st.on_output(out)
        fired += cues.update(st.snapshot())
    assert fired.count("stand_up") == 1 and fired.count("lift") == 1  # one stoop lift per cycle
    ps = patient_state(st.snapshot())
    assert ps.lift_cue == "cue_good_lift" and ps.lifts_total == 2
    assert format_clock(3725) == "1:02:05" and format_clock(65) == "1:05"


def test_minmax_decimation_keeps_the_envelope_and_the_newest_samples():
    from oefensense.live.decimate import minmax_decimate

    t = np.arange(6001, dtype=float)
    y = np.sin(t / 50.0)
    y[3000] = 9.0  # a spike must survive
    td, yd = minmax_decimate(t, y, 1200)
    assert td.shape[0] <= 1200 and td.shape == yd.shape
    assert yd.max() == 9.0 and abs(yd.min() - y.min()) < 1e-3
    assert td[-1] >= t[-5] and td[0] <= t[10]  # covers the whole span
    assert np.all(np.diff(td) >= 0)
    assert minmax_decimate(t[:100], y[:100], 1200)[0].shape[0] == 100


def test_stage_events_drive_bouts_and_the_prompt():
    """The sitting stage's own events: its bouts are listed, its prolonged_sitting raises the prompt."""
    st = _state(sit_prompt_after_s=1e9)
    outs = list(synthetic_outputs(30, synthetic_sensors(3), chunk_s=0.5))
    for out in outs:
        st.on_output(out)
    assert not st.snapshot().prompt  # sitting since 22 s, own threshold far away
    st.on_output(PipelineOutput(events=[Event("prolonged_sitting", 22_000_000_000, 29_000_000_000, {"threshold_s": 7.0})]))
    snap = st.snapshot()
    assert snap.prompt and snap.prompts_fired == 1
    st.on_output(PipelineOutput(events=[Event("sitting_bout", 22_000_000_000, 62_000_000_000, {"duration_s": 40.0})]))
    assert [b.duration_s for b in st.snapshot().bouts] == [40.0]


def test_patient_sees_the_last_definite_posture_through_transitions():
    from oefensense.live.snapshot import LiveSnapshot, TimelinePiece

    tl = (TimelinePiece(0, 10, "sitting"), TimelinePiece(10, 12, "transition"))
    assert patient_state(LiveSnapshot(posture="transition", timeline=tl)).posture == "sitting"
    assert patient_state(LiveSnapshot(posture="unknown")).posture == "unknown"
    assert patient_state(LiveSnapshot(posture="walking", timeline=tl)).posture == "walking"


def test_whole_session_curve_keeps_the_trunk_while_another_sensor_is_missing():
    # audit 3 Dec 2026: a pelvis sensor that dropped out (and, before that, was still aligning)
    # made the frame's `valid` False, and the trunk's whole-session curve was blank there although
    # the trunk streamed all along (replay of a 3-sensor session with a 15-s pelvis dropout: the
    # curve began at 0.6 min)
    from oefensense.core.frames import BodyFrame
    from oefensense.core.types import Placement

    n, rate = 500, 50.0
    t = (np.arange(n) * 1e9 / rate).astype(np.int64)
    trunk_ok = np.ones(n, bool)
    pelvis_ok = np.zeros(n, bool)
    flex = np.full(n, 30.0)
    frame = BodyFrame(t, rate, (Placement.TRUNK, Placement.PELVIS), {
        "valid": trunk_ok & pelvis_ok, "trunk_valid": trunk_ok, "pelvis_valid": pelvis_ok,
        "trunk_flexion_deg": flex, "pelvis_flexion_deg": np.full(n, np.nan)})
    st = LiveState(LiveSettings(), posture_names=NAMES)
    st.on_output(PipelineOutput(frames=[frame]))
    ov = st.snapshot().overview
    assert ov is not None and ov.channel == "trunk_flexion_deg"
    assert ov.t_s.size >= 9 and np.allclose(ov.mean, 30.0)  # 10 s of trunk, in 1-s bins
    assert st.snapshot().summary.zone_s[1] > 9.9  # the trunk zones count it too (no exposure stage here)


def test_replay_elapsed_agrees_with_the_bar_when_the_first_sample_comes_after_the_clock_event():
    # audit 3 Dec 2026: a recording's clock event is at 0 and its first sample ~2 s later (the
    # sensors connecting); "Elapsed" counted from the event (1:30) while the replay bar and
    # `info` counted from the first sample (1:27, 87.9 s)
    from oefensense.core.types import SampleBlock

    outs = [PipelineOutput(events=[Event("clock", 0, 0, {"start_utc": "2026-12-03T21:43:25Z", "timezone": "UTC"})])]
    for k in range(50):  # 2.0 s … 12.0 s at 100 Hz, in 0.2-s blocks
        t = (2_000_000_000 + (k * 20 + np.arange(20)) * 10_000_000).astype(np.int64)
        outs.append(PipelineOutput(samples=[SampleBlock("trunk", t, np.tile([0.0, 0.0, 1.0], (20, 1)))]))
    model = ReplayModel(outs, settings=LiveSettings())
    assert model.start_ns == 2_000_000_000
    model.seek_fraction(1.0)
    snap = model.snapshot()
    first, last = 2.0, 2.0 + 999 * 0.01
    assert abs(model.duration_s - (last - first)) < 1e-9
    assert abs(snap.elapsed_s - model.duration_s) < 1e-9
    assert format_clock(snap.elapsed_s) == format_clock(model.duration_s) == "0:09"


def test_a_stand_up_screen_message_shows_while_sitting_only():
    # audit 3 Dec 2026: the plan's stand-up message is for the sitting bout it was given in
    from oefensense.live.snapshot import LiveSnapshot

    msg = (10_000_000_000, "Tijd om op te staan", "Time to stand up", "prolonged_sitting")
    sitting = patient_state(LiveSnapshot(now_ns=20_000_000_000, sitting_s=40.0, prompt=True, cue_message=msg))
    assert sitting.message_en == "Time to stand up" and sitting.message_rule == "prolonged_sitting"
    stood_up = patient_state(LiveSnapshot(now_ns=20_000_000_000, sitting_s=0.0, cue_message=msg))
    assert stood_up.message_en == "" and stood_up.message_nl == ""
    later = patient_state(LiveSnapshot(now_ns=80_000_000_000, sitting_s=90.0, prompt=True, cue_message=msg))
    assert later.message_en == ""  # shown for 60 s


def test_a_lift_screen_message_gives_way_to_the_next_lift():
    from oefensense.live.snapshot import LiftRow, LiveSnapshot

    msg = (10_000_000_000, "Buig door de knieën", "Bend your knees", "stoop_lift")
    stoop = LiftRow(8_000_000_000, 9_900_000_000, "stoop", 80.0, "poor", "cue_bend_knees")
    squat = LiftRow(15_000_000_000, 16_000_000_000, "squat", 40.0, "good", "cue_good_lift")
    assert patient_state(LiveSnapshot(now_ns=12_000_000_000, lifts=(stoop,), cue_message=msg)).message_en == "Bend your knees"
    assert patient_state(LiveSnapshot(now_ns=17_000_000_000, lifts=(stoop, squat), cue_message=msg)).message_en == ""


def test_a_gap_says_its_reason_in_words():
    """The events list read "romp: Geen gegevens van de sensor (link_lost)" in a Dutch dashboard
    (a dropout of 'record --simulate ... --inject-dropout polar:20:5', replayed)."""
    st = _state()
    st.on_output(PipelineOutput(events=[Event("gap", 19_000_000_000, 24_000_000_000, {"reason": "link_lost", "recovered": True},
                                              sensor_id="trunk")]))
    row = st.snapshot().events[-1]
    assert row.text("nl") == "Geen gegevens van de sensor (verbinding verbroken)"
    assert row.text("en") == "No data from the sensor (connection lost)"


def test_an_undetermined_lift_is_counted_but_not_rated_and_claims_no_technique():
    """A slow lift at the waist (technique "undetermined", docs/lifting.md) was rated "fair" with
    the cue "bend your knees" (the fallback for a technique the table lacked): a technique claim
    the sensor cannot make. It is counted, not rated, its cue names no knees, and no lift chime."""
    from oefensense.live.vocab import rate_lift

    st = _state(sit_prompt_after_s=1e9)
    cues = CueTracker()
    cues.update(st.snapshot())
    lift = {"technique": "undetermined", "technique_ambiguous": True, "technique_guess": "stoop",
            "peak_trunk_flexion_deg": 35.0}
    st.on_output(PipelineOutput(events=[Event("lift", 5_000_000_000, 8_000_000_000, lift)]))
    snap = st.snapshot()
    assert [(l.technique, l.rating, l.cue) for l in snap.lifts] == [("undetermined", "not_rated", "cue_lift_counted")]
    ps = patient_state(snap)
    assert ps.lifts_total == 1 and ps.lift_rating == "not_rated" and "knee" not in ps.lift_cue
    assert cues.update(snap) == []  # no "lift" chime: only a poor (stoop) lift calls for one
    # a lift without a technique (or one this table does not know) is not rated either
    assert rate_lift({}) == rate_lift({"technique": "something_new"}) == ("not_rated", "cue_lift_counted")
