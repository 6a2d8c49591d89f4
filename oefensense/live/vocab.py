"""Names the dashboard shows for pipeline values, and their colours (Qt-free).

The pipeline reports postures as names on :class:`PostureSegment` and as integer codes in the
``posture_code`` BodyFrame channel; lifts as ``lift`` events with a ``technique`` field. This
module maps those to display keys (translated in the GUI) and calm, colour-blind-safe colours
(Okabe–Ito palette), so the view code holds no domain rules.
"""

from __future__ import annotations

from typing import Any

from oefensense.core.events import types_in_group
from oefensense.core.palette import POSTURE_COLOURS, ZONE_COLOURS, ZONE_NAMES  # noqa: F401 - re-exported

# Fallback posture order when the analysis package does not publish one (code = index).
DEFAULT_POSTURE_NAMES: tuple[str, ...] = ("unknown", "lying", "sitting", "standing", "walking")

SITTING_NAMES = frozenset({"sitting", "sit"})

# Lift technique → (rating, cue key). Ratings: "good", "fair", "poor", "not_rated".
#: a lift whose technique the sensors cannot tell (``undetermined``: a slow lift at the waist,
#: docs/lifting.md), or whose technique field is missing or unknown: counted, never rated, and
#: its cue claims no technique (it fell back to "fair, bend your knees", a claim the sensor
#: cannot make; the "poor" rating alone drives the lift chime)
NOT_RATED: tuple[str, str] = ("not_rated", "cue_lift_counted")
TECHNIQUE_RATING: dict[str, tuple[str, str]] = {
    "squat": ("good", "cue_good_lift"),
    "semi_squat": ("fair", "cue_bend_knees_more"),
    "semisquat": ("fair", "cue_bend_knees_more"),
    "mixed": ("fair", "cue_bend_knees_more"),
    "stoop": ("poor", "cue_bend_knees"),
    "undetermined": NOT_RATED,
}

# Event types with their own handling in the live state (names, texts and severities of every
# event type are declared once in oefensense.core.events).
LIFT_EVENT_TYPES = types_in_group("lift")
MARKER_EVENT_TYPE = "marker"
SITTING_BOUT_EVENT_TYPES = frozenset({"sitting_bout"})
PROLONGED_SITTING_EVENT_TYPE = "prolonged_sitting"
#: event types the dashboard's event list leaves out (markers have their own list)
UNLISTED_EVENT_TYPES = frozenset({MARKER_EVENT_TYPE})
BRIDGING_POSTURES = frozenset({"unknown", "transition"})  # neither sitting nor a break


def posture_colour(name: str) -> str:
    """Hex colour for a posture name (grey for anything unknown)."""
    return POSTURE_COLOURS.get(name, POSTURE_COLOURS["unknown"])


def resolve_posture_names() -> tuple[str, ...]:
    """The posture code → name table published by ``oefensense.analysis`` if present."""
    try:  # optional: the analysis package may not define it (or not yet)
        from oefensense.analysis import posture as _posture  # type: ignore[attr-defined]
    except Exception:
        return DEFAULT_POSTURE_NAMES
    for attr in ("POSTURE_NAMES", "POSTURES", "POSTURE_CODES"):
        table = getattr(_posture, attr, None)
        if isinstance(table, dict):  # name -> code or code -> name
            pairs = [(v, k) if isinstance(v, int) else (k, v) for k, v in table.items()]
            pairs = [(int(c), str(getattr(n, "value", n))) for c, n in pairs]
            size = max(c for c, _ in pairs) + 1 if pairs else 0
            names = ["unknown"] * size
            for c, n in pairs:
                if c >= 0:
                    names[c] = n
            return tuple(names)
        if isinstance(table, (list, tuple)) and table:
            return tuple(str(getattr(n, "value", n)) for n in table)
    enum = getattr(_posture, "Posture", None)
    if enum is not None:
        try:
            members = list(enum)
            if all(isinstance(getattr(m, "code", None), int) for m in members):
                names = ["unknown"] * (max(m.code for m in members) + 1)
                for m in members:
                    if m.code >= 0:
                        names[m.code] = str(m.value)
                return tuple(names)
            return tuple(str(m.value) for m in members)
        except TypeError:
            pass
    return DEFAULT_POSTURE_NAMES


def lift_peak_flexion(fields: dict[str, Any]) -> float | None:
    """Peak trunk flexion (deg) from a lift event's fields, whichever name the stage used."""
    for key in ("peak_flexion_deg", "peak_trunk_flexion_deg", "trunk_flexion_peak_deg", "max_flexion_deg"):
        if key in fields and fields[key] is not None:
            return float(fields[key])
    return None


def rate_lift(fields: dict[str, Any], severe_deg: float = 60.0) -> tuple[str, str]:
    """(rating, cue key) for a lift: technique first, then a deep trunk flexion downgrades a
    good one; a technique not known here (undetermined, missing) is :data:`NOT_RATED`."""
    technique = str(fields.get("technique", "")).lower()
    rating, cue = TECHNIQUE_RATING.get(technique, NOT_RATED)
    peak = lift_peak_flexion(fields)
    if rating == "good" and peak is not None and peak > severe_deg:
        rating, cue = "fair", "cue_keep_back_straighter"
    return rating, cue
