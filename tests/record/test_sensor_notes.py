"""The therapist report says when posture or the trunk angle rested on fewer sensors: a sensor
that connected late or dropped out hands posture to the others (``posture_sensors_s``) and a
late trunk sensor takes the trunk angle over from the pelvis (``angle_sources``); the report's
quality notes said nothing of either."""

from __future__ import annotations

from oefensense.reports.text import Words
from oefensense.reports.therapist import sensor_notes

SUMMARY = {"posture_sensors_s": {"thigh+trunk": 83.8, "thigh+pelvis": 25.0, "pelvis": 45.0},
           "trunk_exposure": {"angle_source": "trunk_flexion_deg",
                              "angle_sources": [[0.0, "pelvis_flexion_deg"], [39.5, "trunk_flexion_deg"]]}}


def test_the_notes_name_the_sensors_that_decided() -> None:
    nl = sensor_notes(SUMMARY, Words("nl"))
    assert len(nl) == 2
    assert nl[0].startswith("Romphoek de eerste 40 seconden van de bekkensensor"), nl[0]
    assert "bovenbeen + romp 1,4 min; bovenbeen + bekken 25 seconden; bekken 45 seconden" in nl[1], nl[1]
    en = sensor_notes(SUMMARY, Words("en"))
    assert "thigh + trunk 1.4 min; thigh + pelvis 25 seconds; pelvis 45 seconds" in en[1], en[1]


def test_one_configuration_and_a_trunk_from_the_start_need_no_note() -> None:
    assert sensor_notes({"posture_s": {}, "trunk_exposure": {"angle_source": "trunk_flexion_deg"}}, Words("nl")) == []
    assert sensor_notes({"trunk_exposure": {"angle_source": "pelvis_flexion_deg"}}, Words("en")) == [
        Words("en")["angle_source_pelvis"]]


def test_a_sensor_with_less_data_than_the_others_is_named() -> None:
    summary = {"data_quality": {"coverage": {"trunk": {"start_s": 30.0, "end_s": 153.8, "others_start_s": 0.0,
                                                       "others_end_s": 153.8}}}}
    (note,) = sensor_notes(summary, Words("nl"))
    assert note.startswith("Romp: gegevens alleen van 30 seconden tot 2,6 min in de opname"), note
