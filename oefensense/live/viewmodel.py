"""What the views say, computed from a snapshot without Qt (texts are keys the GUI translates).

:func:`patient_state` decides the patient view's content; :class:`CueTracker` decides when a
sound cue is due (a new stand-up prompt, a new lift that needs a cue), so tests can check the
rules without widgets.
"""

from __future__ import annotations

import math

from dataclasses import dataclass
from typing import Any

from oefensense.core.events import EVENT_TYPES

from .snapshot import LiveSnapshot

STAND_UP_CUE = EVENT_TYPES["prolonged_sitting"].cue  # the cue kinds are declared with the event types
LIFT_CUE = EVENT_TYPES["lift"].cue
from .vocab import BRIDGING_POSTURES


def format_clock(seconds: float) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` above (non-negative)."""
    s = int(max(0.0, seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def round_seconds(seconds: float) -> int:
    """Whole seconds, half up (0.5 s -> 1): the one rounding of durations shown as ``m:ss``."""
    return int(math.floor(max(0.0, seconds) + 0.5))


def format_duration(seconds: float) -> str:
    """A total duration (time per posture, per zone) as ``m:ss``, rounded to the nearest second so
    that 0.7 s of walking reads 0:01, not 0:00 (:func:`format_clock` truncates, as a running
    clock does)."""
    return format_clock(round_seconds(seconds))


def format_minutes(seconds: float) -> str:
    """Whole minutes for the patient (``"0"`` … ``"95"``)."""
    return str(int(max(0.0, seconds) // 60))


@dataclass(frozen=True)
class PatientState:
    """The patient view's content: a posture key, sitting time, prompt flag, last lift."""

    posture: str
    sitting_s: float
    prompt: bool
    lift_rating: str | None  # good / fair / poor, None before the first lift
    lift_cue: str | None  # cue key, e.g. "cue_bend_knees"
    lifts_total: int
    message_nl: str = ""  # a plan's screen-message cue while it is recent (MESSAGE_SHOWN_S), else ""
    message_en: str = ""
    message_rule: str = ""  # its rule; a prolonged_sitting message stands in for the stand-up prompt


MESSAGE_SHOWN_S = 60.0  # session seconds a screen-message cue stays on the patient view


def patient_state(snap: LiveSnapshot) -> PatientState:
    """The patient sees the last definite posture: ``transition``/``unknown`` stretches keep the
    previous one (no flicker while standing up), ``unknown`` only before any posture is known."""
    last = snap.last_lift
    posture = snap.posture
    if posture in BRIDGING_POSTURES:
        posture = next((p.posture for p in reversed(snap.timeline) if p.posture not in BRIDGING_POSTURES), "unknown")
    return PatientState(
        posture=posture,
        sitting_s=snap.sitting_s,
        prompt=snap.prompt,
        lift_rating=last.rating if last else None,
        lift_cue=last.cue if last else None,
        lifts_total=sum(snap.summary.lifts_by_technique.values()),  # the lift list itself is capped
        **_recent_message(snap),
    )


def _recent_message(snap: LiveSnapshot) -> dict[str, str]:
    """A plan's screen message for ``MESSAGE_SHOWN_S``; one to stand up only while still sitting,
    one about a lift only until the next lift."""
    m = snap.cue_message
    if m is None or not 0 <= (snap.now_ns - m[0]) / 1e9 <= MESSAGE_SHOWN_S:
        return {}
    if m[3] == "prolonged_sitting" and snap.sitting_s <= 0:
        return {}
    if m[3] != "prolonged_sitting" and snap.lifts and snap.lifts[-1].t_ns > m[0]:
        return {}  # a lift since: "bend your knees" above "well done, knees bent" contradicted it
    return {"message_nl": m[1], "message_en": m[2], "message_rule": m[3]}


class CueTracker:
    """Which sound cues a new snapshot calls for: ``"stand_up"`` once per prompt, ``"lift"`` per
    poor lift; none for what a running feedback plan cues itself (``plan``: its rules)."""

    def __init__(self, plan: Any = None) -> None:
        self._prompts = 0
        self._lifts = 0
        self.set_plan(plan)

    def set_plan(self, plan: Any) -> None:
        """The plan's own cues replace the chimes (one cue per moment, the one the therapist set)."""
        on = {name for name, rule in plan.rules.items() if rule.enabled} if plan is not None else set()
        self.skip = ({STAND_UP_CUE} if "prolonged_sitting" in on else set()) | \
            ({LIFT_CUE} if on & {"stoop_lift", "twist_while_flexed"} else set())

    def reset(self) -> None:
        self._prompts = 0
        self._lifts = 0

    def update(self, snap: LiveSnapshot) -> list[str]:
        cues: list[str] = []
        total = sum(snap.summary.lifts_by_technique.values())  # the lift list itself is capped
        if snap.prompts_fired < self._prompts or total < self._lifts:  # replay scrubbed back
            self._prompts, self._lifts = snap.prompts_fired, total
            return cues
        if snap.prompts_fired > self._prompts:
            cues.append(STAND_UP_CUE)
        new = total - self._lifts
        if new > 0 and any(l.rating == "poor" for l in snap.lifts[-new:]):
            cues.append(LIFT_CUE)
        self._prompts = snap.prompts_fired
        self._lifts = total
        return [c for c in cues if c not in self.skip]
