"""The cue stage: at once and after returning to neutral, baseline, quiet hours, daily cap,
technique alerts through the feedback stage; the same cues however the frames are chunked."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.cues import CueSettings, CueStage
from oefensense.analysis.feedback import FeedbackSettings, FeedbackStage
from oefensense.analysis.feedback_plan import plan_from_dict
from oefensense.core.clock import RecordingClock
from oefensense.core.events import EVENT_TYPES, describe
from oefensense.core.frames import BodyFrame
from oefensense.core.stage import StageOutput, react_to_events
from oefensense.core.types import NS_PER_S, Event, Placement

S = NS_PER_S


def stage(**plan) -> CueStage:  # noqa: ANN003
    plan.setdefault("rules", {"prolonged_sitting": {"after_s": 15}})
    return CueStage(CueSettings(plan_from_dict(plan).to_dict()))


def sitting_at(t_s: float) -> Event:
    return Event("prolonged_sitting", 0, int(t_s * S), {"threshold_s": 15.0, "duration_s": t_s})


def frames(zone: np.ndarray, rate: float = 10.0, chunk: int = 7, t0_s: float = 0.0) -> list[BodyFrame]:
    t = (t0_s * S + np.arange(len(zone)) * (S / rate)).astype(np.int64)
    return [BodyFrame(t[a:a + chunk], rate, (Placement.PELVIS,), {"trunk_zone": zone[a:a + chunk].astype(np.int8)})
            for a in range(0, len(zone), chunk)]


def react(st: CueStage, events: list[Event]) -> list[Event]:  # noqa: D103
    """The stage's cues for ``events``: decided when the next frame reaches it (here an empty one)."""
    out = st.process_events(events)
    empty = BodyFrame(np.zeros(0, np.int64), 10.0, (Placement.PELVIS,), {"trunk_zone": np.zeros(0, np.int8)})
    return out + st.process(empty).events


def test_at_once_cue_is_due_when_the_threshold_passes() -> None:
    st = stage()
    assert st.process_events([sitting_at(15.0)]) == []  # decided with the frame, not the event
    [cue] = react(st, [])
    assert cue.type == "cue" and cue.t_ns == 15 * S
    f = cue.fields
    assert (f["rule"], f["modality"], f["when"], f["withheld"], f["delivered"]) == \
        ("prolonged_sitting", "vibrate", "at_once", "", False)
    assert set(f) <= set(EVENT_TYPES["cue"].field_names)
    assert describe(cue, "nl") == "Signaal (trillen): U zit al een tijd: sta even op."
    assert st.summary()["cues"] == {"given": {"prolonged_sitting": 1}, "withheld": {}, "rules": ["prolonged_sitting"],
                                   "effect": {"on_from_s": None}}  # no frames seen: nothing to compare


def test_no_plan_no_cues_and_no_summary() -> None:
    st = CueStage()
    assert react(st, [sitting_at(15.0)]) == [] and st.summary() == {}


def test_baseline_then_daily_cap_per_session_day_without_a_clock() -> None:
    st = stage(baseline_s=60, daily_cap=2)
    ats = [30, 75, 90, 105, 86_400 + 30]
    out = [react(st, [sitting_at(t)])[0].fields["withheld"] for t in ats]
    assert out == ["baseline", "", "", "daily_cap", ""]  # the cap counts given cues; a new day starts afresh


def _clock(start_utc: str, tz: str = "Europe/Amsterdam") -> Event:
    return RecordingClock.from_dict({"start_utc": start_utc, "timezone": tz}).to_event()


def test_quiet_hours_and_baseline_until_in_local_time() -> None:
    st = stage(quiet_hours=["22:00", "07:00"], baseline_until="2026-12-03")
    assert st.process_events([_clock("2026-12-02T20:30:00Z")]) == []  # 21:30 in Amsterdam
    day = 3600.0
    got = [react(st, [sitting_at(t)])[0].fields["withheld"] for t in (0.2 * day, 1 * day, 10 * day, 12 * day)]
    # 21:42 on the 2nd: baseline; 22:30 on the 2nd: baseline first; 07:30 on the 3rd: given; 09:30: given
    assert got == ["baseline", "baseline", "", ""]
    st = stage(quiet_hours=["22:00", "07:00"])
    st.process_events([_clock("2026-12-02T20:30:00Z")])
    got = [react(st, [sitting_at(t)])[0].fields["withheld"] for t in (0.2 * day, 1 * day, 10 * day)]
    assert got == ["", "quiet_hours", ""]


def test_clock_rules_without_a_clock_withhold() -> None:
    st = stage(quiet_hours=["22:00", "07:00"])
    assert react(st, [sitting_at(20)])[0].fields["withheld"] == "no_clock"


def _after_neutral(chunk: int) -> list[Event]:
    st = stage(neutral_s=2, rules={"prolonged_sitting": {"after_s": 15, "when": "after_neutral"}})
    # 10 Hz: bent (zone 1) for 0-20 s, neutral 20.0-21.0 s (too short), bent, neutral from 25 s on
    zone = np.ones(400, int)
    zone[200:210] = 0
    zone[250:] = 0
    out: list[Event] = []
    for f in frames(zone, chunk=chunk):
        t_end = int(f.t_ns[-1])
        if t_end >= 15 * S and not getattr(st, "_fired", False):
            st._fired = True  # the trigger arrives with the frame it belongs to, as in the pipeline
            out += st.process_events([sitting_at(15.0)])
        out += st.process(f).events
    return out + st.finish().events


@pytest.mark.parametrize("chunk", [1, 7, 64, 400])
def test_after_neutral_waits_for_neutral_s_of_neutral_trunk(chunk: int) -> None:
    [cue] = _after_neutral(chunk)
    assert cue.t_ns == 27 * S and cue.fields["when"] == "after_neutral" and cue.fields["withheld"] == ""


def test_after_neutral_without_a_trunk_angle_is_withheld_at_the_end() -> None:
    st = stage(rules={"prolonged_sitting": {"after_s": 15, "when": "after_neutral"}})
    assert st.process_events([sitting_at(15.0)]) == []
    st.process(BodyFrame(np.arange(10, dtype=np.int64) * S, 1.0, (Placement.THIGH,), {}))
    [cue] = st.finish().events
    assert cue.fields["withheld"] == "no_neutral" and cue.t_ns == 15 * S


def test_a_stooped_lift_cues_through_the_feedback_stages_alert() -> None:
    plan = plan_from_dict({"rules": {"stoop_lift": {"over_deg": 45, "cue": "beep"}}})
    st = plan.stage_settings()
    stages = [FeedbackStage(FeedbackSettings(**st["feedback"])), CueStage(CueSettings(**st["cues"]))]
    lift = Event("lift", 3 * S, 5 * S, {"technique": "stoop", "peak_trunk_flexion_deg": 50.0, "peak_twist_deg": 30.0})
    out = StageOutput()
    react_to_events(stages, [lift], out)
    out.events += react(stages[1], [])
    types = [(e.type, e.fields.get("rule")) for e in out.events]
    # the twist rule keeps its shipped threshold (20 deg) and alerts, but is not in the plan: no cue
    assert types == [("technique_alert", "stoop_lift"), ("technique_alert", "twist_while_flexed"),
                     ("cue", "stoop_lift")]
    assert out.events[-1].fields["modality"] == "beep" and out.events[-1].t_ns == 5 * S
    shallow = Event("lift", 3 * S, 5 * S, {"technique": "stoop", "peak_trunk_flexion_deg": 40.0})
    out = StageOutput()
    react_to_events(stages, [shallow], out)
    assert out.events + react(stages[1], []) == []


def test_a_long_static_bend_cues_at_once_while_still_bent() -> None:
    """``when = "at_once"``: the cue comes as the bend passes ``after_s`` (the exposure stage's
    ``long_bend``), not when it ends; the technique alert at the end gives no second cue."""
    plan = plan_from_dict({"rules": {"long_static_bend": {"after_s": 30, "cue": "vibrate"}}})
    st = plan.stage_settings()
    assert st["exposure"] == {"long_bend_s": 30.0}
    stages = [FeedbackStage(FeedbackSettings(**st["feedback"])), CueStage(CueSettings(**st["cues"]))]
    during = Event("long_bend", 3 * S, 33 * S, {"threshold_s": 30.0})
    ended = Event("static_hold", 3 * S, 70 * S, {"duration_s": 67.0, "mean_flexion_deg": 40.0, "peak_flexion_deg": 45.0})
    out = StageOutput()
    react_to_events(stages, [during, ended], out)
    out.events += react(stages[1], [])
    assert sorted((e.type, e.fields.get("rule"), e.t_ns) for e in out.events) == \
        [("cue", "long_static_bend", 33 * S), ("technique_alert", "long_static_bend", 3 * S)]
    later = plan_from_dict({"rules": {"long_static_bend": {"after_s": 30, "when": "after_neutral"}}})
    assert "exposure" not in later.stage_settings()


def test_the_daily_cap_counts_in_due_order_whatever_the_arrival_order() -> None:
    """Triggers from different stages arrive with different delays (a long bend at once, a
    prolonged sitting after the posture stage's lag): the cap goes to the earlier-due cue."""
    rules = {"prolonged_sitting": {"after_s": 15}, "long_static_bend": {"after_s": 10, "cue": "message"}}
    got = []
    for order in ((sitting_at(44.0), Event("long_bend", 27 * S, 37 * S, {"threshold_s": 10.0})),
                  (Event("long_bend", 27 * S, 37 * S, {"threshold_s": 10.0}), sitting_at(44.0))):
        st = stage(daily_cap=1, rules=rules)
        got.append([(e.fields["rule"], e.fields["withheld"]) for e in react(st, list(order))])
    assert got[0] == got[1] == [("long_static_bend", ""), ("prolonged_sitting", "daily_cap")]
