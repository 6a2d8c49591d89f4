"""Therapist-configurable feedback rules → ``technique_alert`` events (``FeedbackStage``).

A rule is a row of a small table: which event type it watches, conditions on that event's
fields (all must hold), and a short message in Dutch and English. Messages may quote the
event's fields, e.g. ``{peak_trunk_flexion_deg:.0f}``. The stage reacts to the events of the
other stages (``process_events``), so an alert follows its lift at once (same pipeline call).

Alert event: ``type="technique_alert"``, ``t_ns``/``end_ns`` of the triggering event, fields
``rule``, ``message_nl``, ``message_en``, ``source`` (the triggering event type).

Rules as data (JSON-safe; a therapist's table can be loaded from a file)::

    {"rule": "stoop_over_60", "event": "lift",
     "when": [["technique", "==", "stoop"], ["peak_trunk_flexion_deg", ">", 60]],
     "message_nl": "...", "message_en": "...", "enabled": true}
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from oefensense.core.frames import BodyFrame
from oefensense.core.types import Event

from .base import StageBase, StageOutput

_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne}
#: field values that mean "not known": a lift's technique the sensors cannot tell (a slow lift at
#: the waist, docs/lifting.md). Like a missing value they never trigger, so a therapist's rule
#: ["technique", "!=", "squat"] does not cue "bend your knees" for a lift nobody saw the knees of.
_UNKNOWN_VALUES: dict[str, frozenset[str]] = {"technique": frozenset({"undetermined"})}


def default_rules() -> list[dict[str, Any]]:
    """The shipped rule table (thresholds from ISO 11226 / EN 1005-4 / REBA, see docs/lifting.md)."""
    return [
        {
            "rule": "stoop_over_60",
            "event": "lift",
            "when": [["technique", "==", "stoop"], ["peak_trunk_flexion_deg", ">", 60.0]],
            "message_nl": "Buig door de knieën bij het tillen: uw rug boog {peak_trunk_flexion_deg:.0f}° voorover.",
            "message_en": "Bend your knees when lifting: your back bent {peak_trunk_flexion_deg:.0f}° forward.",
            "enabled": True,
        },
        {
            "rule": "twist_while_flexed",
            "event": "lift",
            "when": [["peak_twist_deg", ">", 20.0]],
            "message_nl": "Draai niet met uw romp terwijl u gebogen staat ({peak_twist_deg:.0f}°): draai met uw voeten.",
            "message_en": "Do not twist your trunk while bent ({peak_twist_deg:.0f}°): turn with your feet.",
            "enabled": True,
        },
        {
            "rule": "long_bent_hold",
            "event": "static_hold",
            "when": [["duration_s", ">", 60.0]],
            "message_nl": "U stond {duration_s:.0f} s voorovergebogen: kom even rechtop.",
            "message_en": "You were bent forward for {duration_s:.0f} s: straighten up for a moment.",
            "enabled": True,
        },
    ]


@dataclass
class FeedbackSettings:
    """``rules``: the rule table (see module doc)."""

    rules: list[dict[str, Any]] = field(default_factory=default_rules)


class FeedbackStage(StageBase):
    """Applies the rule table to events from the other stages (``reacts_to``: the event types
    the shipped rules watch; a rule table may watch others, the pipeline hands it every event)."""

    name = "feedback"
    emits = ("technique_alert",)
    reacts_to = ("lift", "static_hold")

    def __init__(self, settings: FeedbackSettings | None = None) -> None:
        self.settings = settings or FeedbackSettings()
        self._rules = [self._check(r) for r in self.settings.rules]
        self.reset()

    @staticmethod
    def _check(rule: dict[str, Any]) -> dict[str, Any]:
        """Validate one rule row; a bad table is a clear error at start-up, not mid-stream."""
        for key in ("rule", "event", "when", "message_nl", "message_en"):
            if key not in rule:
                raise ValueError(f"feedback rule {rule.get('rule', '?')!r} lacks {key!r}")
        for cond in rule["when"]:
            if len(cond) != 3 or cond[1] not in _OPS:
                raise ValueError(f"feedback rule {rule['rule']!r}: bad condition {cond!r}; ops {sorted(_OPS)}")
        return rule

    def reset(self) -> None:
        self._counts: dict[str, int] = {r["rule"]: 0 for r in self._rules}

    def process(self, frame: BodyFrame) -> StageOutput:  # noqa: ARG002 - rules look at events only
        return StageOutput([], [])

    def finish(self) -> StageOutput:
        return StageOutput([], [])

    def process_events(self, events: list[Event]) -> list[Event]:
        """Alerts for the events that match an enabled rule (in event order, then rule order)."""
        out: list[Event] = []
        for ev in events:
            for rule in self._rules:
                if not rule.get("enabled", True) or rule["event"] != ev.type:
                    continue
                if all(self._holds(_known(ev.fields, f), op, v) for f, op, v in rule["when"]):
                    self._counts[rule["rule"]] += 1
                    out.append(
                        Event(
                            "technique_alert",
                            ev.t_ns,
                            ev.end_ns,
                            {
                                "rule": rule["rule"],
                                "message_nl": self._fmt(rule["message_nl"], ev.fields),
                                "message_en": self._fmt(rule["message_en"], ev.fields),
                                "source": ev.type,
                            },
                            ev.sensor_id,
                        )
                    )
        return out

    @staticmethod
    def _holds(value: Any, op: str, ref: Any) -> bool:
        if value is None:
            return False  # unknown (e.g. no twist without two sensors) never triggers
        try:
            return bool(_OPS[op](value, ref))
        except TypeError:
            return False

    @staticmethod
    def _fmt(template: str, fields: dict[str, Any]) -> str:
        try:
            return template.format_map(fields)
        except (KeyError, ValueError, TypeError):
            return template

    def summary(self) -> dict[str, Any]:
        """``technique_alerts``: count per rule."""
        return {"technique_alerts": dict(self._counts)}


def _known(fields: dict[str, Any], name: str) -> Any:
    """The field's value, or None when it is missing or says "not known" (``_UNKNOWN_VALUES``)."""
    value = fields.get(name)
    return None if isinstance(value, str) and value in _UNKNOWN_VALUES.get(name, ()) else value
