"""Texts for the identifiers the core hands the dashboard: postures, placements, assessments,
lift techniques and ratings, patient cues, feedback-plan rules. Each identifier maps to its
English text, marked with ``QT_TR_NOOP`` so that lupdate puts it in the catalogue; :func:`word`
shows it in the current language. (Event texts come from their declarations, core/events.py.)"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP

from .i18n import tr

POSTURES = {
    "unknown": QT_TR_NOOP("unknown"), "lying": QT_TR_NOOP("lying"), "sitting": QT_TR_NOOP("sitting"),
    "standing": QT_TR_NOOP("standing"), "walking": QT_TR_NOOP("walking"), "stooping": QT_TR_NOOP("stooping"),
    "bending": QT_TR_NOOP("bending"), "dynamic": QT_TR_NOOP("moving"), "transition": QT_TR_NOOP("transition"),
    "non_wear": QT_TR_NOOP("not worn"), "no_data": QT_TR_NOOP("no data"),
    "upright_still": QT_TR_NOOP("upright, still"),  # a trunk sensor alone: sitting or standing
}

#: The patient's posture as a sentence in the formal "u" (Dutch care addresses patients so).
PATIENT_POSTURES = {
    "sitting": QT_TR_NOOP("You are sitting"), "standing": QT_TR_NOOP("You are standing"),
    "walking": QT_TR_NOOP("You are walking"), "lying": QT_TR_NOOP("You are lying down"),
    "stooping": QT_TR_NOOP("You are bent forward"),
    "bending": QT_TR_NOOP("You are bending"), "dynamic": QT_TR_NOOP("You are moving"),
    "transition": QT_TR_NOOP("You are changing position"), "non_wear": QT_TR_NOOP("Sensor not worn"),
    "no_data": QT_TR_NOOP("No data"), "upright_still": QT_TR_NOOP("You are upright and still"),
}

PLACEMENTS = {"trunk": QT_TR_NOOP("trunk"), "pelvis": QT_TR_NOOP("pelvis"), "thigh": QT_TR_NOOP("thigh")}

ASSESSMENTS = {
    "free": QT_TR_NOOP("free"), "sit_to_stand": QT_TR_NOOP("sit-to-stand"), "lifting": QT_TR_NOOP("lifting"),
    "bending": QT_TR_NOOP("bending"), "workplace": QT_TR_NOOP("workplace"),
}

TECHNIQUES = {
    # one wording in every view (docs/lifting.md): "hurkend", "gebukt" here until 5 Dec 2026
    "squat": QT_TR_NOOP("bent knees"), "stoop": QT_TR_NOOP("bent back"), "mixed": QT_TR_NOOP("mixed"),
    "semi_squat": QT_TR_NOOP("half-bent knees"), "semisquat": QT_TR_NOOP("half-bent knees"),
    "undetermined": QT_TR_NOOP("undetermined"),
}

# a lift's technique rating, best to worst (live.vocab.TECHNIQUE_RATING); the Dutch words keep
# the order of the English ones: "poor" read "matig" (fair, moderate), the word of the 20-60° zone
RATINGS = {"good": QT_TR_NOOP("good"),
           #: lift technique rating, the middle one of good / fair / poor (half-bent knees, mixed)
           "fair": QT_TR_NOOP("fair"),
           #: lift technique rating, the worst of good / fair / poor (a stooped lift: back bent, knees straight)
           "poor": QT_TR_NOOP("poor"),
           "not_rated": QT_TR_NOOP("not rated")}  # technique undetermined: no rating

#: What the patient view says after a lift (oefensense.live.vocab's cue keys), formal "u".
CUES = {
    "cue_good_lift": QT_TR_NOOP("well done, knees bent"), "cue_bend_knees": QT_TR_NOOP("bend your knees"),
    "cue_bend_knees_more": QT_TR_NOOP("bend your knees a bit more"),
    "cue_keep_back_straighter": QT_TR_NOOP("keep your back straighter"),
    # an undetermined technique: the lift is counted, no advice (the sensor cannot tell the knees)
    "cue_lift_counted": QT_TR_NOOP("lift counted, technique not measurable"),
}

#: The feedback plan's rules, cue kinds and timings (oefensense.analysis.feedback_plan).
PLAN = {
    "prolonged_sitting": QT_TR_NOOP("prolonged sitting"), "stoop_lift": QT_TR_NOOP("lift with a bent back"),
    "twist_while_flexed": QT_TR_NOOP("twisting while bent"), "long_static_bend": QT_TR_NOOP("long static bend"),
    "vibrate": QT_TR_NOOP("vibrate"), "beep": QT_TR_NOOP("beep"), "led": QT_TR_NOOP("LED"),
    "message": QT_TR_NOOP("screen message"), "at_once": QT_TR_NOOP("at once"),
    "after_neutral": QT_TR_NOOP("after returning to neutral"),
}

TABLES = {"posture": POSTURES, "patient_posture": PATIENT_POSTURES, "placement": PLACEMENTS,
          "assessment": ASSESSMENTS, "technique": TECHNIQUES, "rating": RATINGS, "cue": CUES, "plan": PLAN}


def word(kind: str, identifier: str) -> str:
    """The identifier ``identifier`` of ``kind`` (a key of :data:`TABLES`) in the current
    language; an identifier the table lacks shows as itself (and tests flag it)."""
    text = TABLES[kind].get(identifier)
    return tr(text) if text is not None else identifier.replace("_", " ")
