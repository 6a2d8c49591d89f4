"""FeedbackStage: the rule table raises technique_alert events with Dutch and English messages."""

from __future__ import annotations

import pytest

from oefensense.analysis.feedback import FeedbackSettings, FeedbackStage, default_rules
from oefensense.core.types import Event


def lift(technique: str, peak: float, twist: float | None, t_ns: int = 1_000) -> Event:
    return Event(
        "lift",
        t_ns,
        t_ns + 3_000_000_000,
        {"technique": technique, "stoop_squat_index": 80.0, "peak_trunk_flexion_deg": peak,
         "peak_twist_deg": twist, "duration_s": 3.0},
    )


def test_default_rules_fire_on_the_right_lifts():
    st = FeedbackStage()
    events = [lift("stoop", 75.0, None), lift("stoop", 50.0, 5.0), lift("squat", 70.0, 25.0), lift("stoop", 65.0, 30.0)]
    alerts = st.process_events(events)
    assert [(a.type, a.fields["rule"]) for a in alerts] == [
        ("technique_alert", "stoop_over_60"),
        ("technique_alert", "twist_while_flexed"),
        ("technique_alert", "stoop_over_60"),
        ("technique_alert", "twist_while_flexed"),
    ]
    a0 = alerts[0]
    assert a0.t_ns == events[0].t_ns and a0.end_ns == events[0].end_ns  # raised for that lift, at once
    assert "75°" in a0.fields["message_nl"] and "knieën" in a0.fields["message_nl"]
    assert "75°" in a0.fields["message_en"] and "knees" in a0.fields["message_en"]
    assert "25°" in alerts[1].fields["message_en"]
    assert st.summary() == {"technique_alerts": {"stoop_over_60": 2, "twist_while_flexed": 2, "long_bent_hold": 0}}
    assert a0.to_json_dict()["rule"] == "stoop_over_60"


def test_unknown_twist_never_triggers_and_other_event_types_are_ignored():
    st = FeedbackStage()
    assert st.process_events([lift("squat", 30.0, None), Event("transition", 0, 1, {"peak_twist_deg": 90})]) == []


def test_an_undetermined_technique_triggers_no_technique_rule():
    """A lift whose technique is undetermined (slow lift at the waist) is a stoop to no rule:
    "technique != squat" fired for it ("Buig door de knieën") though nobody saw the knees."""
    rules = [{"rule": "not_squat", "event": "lift", "when": [["technique", "!=", "squat"]],
              "message_nl": "Buig door de knieën", "message_en": "Bend your knees"}]
    st = FeedbackStage(FeedbackSettings(rules=rules))
    assert [a.fields["rule"] for a in st.process_events([lift("undetermined", 70.0, None), lift("stoop", 70.0, None)])] == [
        "not_squat"]  # the stoop only
    # the shipped rules: no stooped-lift alert; the twist is measured, not a technique call
    assert [a.fields["rule"] for a in FeedbackStage().process_events([lift("undetermined", 75.0, 30.0)])] == ["twist_while_flexed"]


def test_therapist_table_thresholds_and_disabling():
    rules = default_rules()
    rules[0]["when"][1][2] = 45.0  # stricter: stoop above 45°
    rules[1]["enabled"] = False
    rules.append({"rule": "any_deep_bend", "event": "lift", "when": [["peak_trunk_flexion_deg", ">=", 80]],
                  "message_nl": "Diep gebukt", "message_en": "Deep bend"})
    st = FeedbackStage(FeedbackSettings(rules=rules))
    got = [a.fields["rule"] for a in st.process_events([lift("stoop", 50.0, 40.0), lift("mixed", 85.0, 0.0)])]
    assert got == ["stoop_over_60", "any_deep_bend"]


def test_static_hold_rule():
    hold = Event("static_hold", 0, 90_000_000_000, {"duration_s": 90.0, "mean_flexion_deg": 35.0, "peak_flexion_deg": 40.0})
    alerts = FeedbackStage().process_events([hold])
    assert [a.fields["rule"] for a in alerts] == ["long_bent_hold"] and "90 s" in alerts[0].fields["message_nl"]


@pytest.mark.parametrize(
    "bad",
    [
        {"rule": "x", "event": "lift", "when": [["a", "~", 1]], "message_nl": "", "message_en": ""},
        {"rule": "x", "event": "lift", "when": [], "message_en": ""},
    ],
)
def test_bad_rule_table_is_rejected_at_start(bad):
    with pytest.raises(ValueError, match="x"):
        FeedbackStage(FeedbackSettings(rules=[bad]))


def test_reset_clears_counts():
    st = FeedbackStage()
    st.process_events([lift("stoop", 80.0, None)])
    st.reset()
    assert st.summary()["technique_alerts"]["stoop_over_60"] == 0
