"""Cue decisions from the feedback plan (``CueStage``): which cue is due, when, and which the
plan withholds. Pure and deterministic, so a replay shows exactly which cues would have been given.

Triggers: ``prolonged_sitting`` (the sitting stage, its threshold set by the plan) and
``technique_alert`` whose ``rule`` is a plan rule (``stoop_lift``, ``twist_while_flexed``,
``long_static_bend``: the feedback stage's rows, thresholds set by the plan). ``when``:

* ``at_once``: the cue is due at the trigger's ``end_ns`` (prolonged sitting: the moment the
  threshold was passed, still sitting; a lift: its end; a long static bend: the moment the
  bend passed ``after_s``, still bent: the exposure stage's ``long_bend`` event);
* ``after_neutral``: due once the trunk has been in the neutral zone (exposure stage's
  ``trunk_zone`` 0, i.e. 0-20 deg) for ``neutral_s`` after the trigger; without a trunk angle it
  never comes and the cue is withheld (``no_neutral``) at the end of the data.

A due cue is withheld (``withheld`` says why; it still is an event, for the before/after
comparison) during the baseline (``baseline_s`` of session time, or local time before
``baseline_until``), in quiet hours, after ``daily_cap`` given cues of the local day (24-h
session days without a clock), and when the plan needs clock time that the recording lacks
(``no_clock``).

Event ``cue`` (declared in ``core/events.py``): t_ns = end_ns = when due; ``rule``,
``modality`` (the plan's ``cue``), ``pattern``, ``when``, ``trigger``, ``message_nl``/``_en``,
``withheld`` ("" when given), ``delivered`` False here: only live delivery
(``oefensense.ble.cues.CueDelivery``) sets it True, after the wearable (or the computer) gave it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from oefensense.core.clock import CLOCK_EVENT, RecordingClock
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Event

from .base import StageBase, StageOutput
from .cue_effect import BeforeAfter
from .feedback_plan import FeedbackPlan, RulePlan, plan_from_dict

_DAY_NS = 86_400 * NS_PER_S


@dataclass
class CueSettings:
    """``plan``: a feedback plan in its dict form (``FeedbackPlan.to_dict``); empty = no cues."""

    plan: dict[str, Any] = field(default_factory=dict)


class CueStage(StageBase):
    """Feedback plan -> ``cue`` events (see the module docstring)."""

    name = "cues"
    reads = ("trunk_zone",)
    emits = ("cue",)
    reacts_to = ("prolonged_sitting", "technique_alert", "long_bend", CLOCK_EVENT, "sitting_bout", "lift")

    def __init__(self, settings: CueSettings | None = None) -> None:
        self.settings = settings or CueSettings()
        self.plan: FeedbackPlan = plan_from_dict(self.settings.plan, source="feedback plan") \
            if self.settings.plan else FeedbackPlan()
        self._rules = self.plan.active()
        self.reset()

    def reset(self) -> None:
        self._clock: RecordingClock | None = None
        self._pending: list[tuple[int, RulePlan, str]] = []  # (trigger ns, rule, trigger type) waiting for neutral
        self._due: list[tuple[int, RulePlan, str]] = []  # (due ns, rule, trigger type): decided at the next frame
        self._neutral_since: int | None = None  # start of the current neutral run
        self._runs: deque[tuple[int, int]] = deque(maxlen=32)  # recent closed neutral runs (start, end)
        self._last_ns: int | None = None
        self._given_per_day: dict[Any, int] = {}
        self._given: dict[str, int] = {}
        self._withheld: dict[str, int] = {}
        self._effect = BeforeAfter()

    # -- events -----------------------------------------------------------------------------
    def process_events(self, events: list[Event]) -> list[Event]:
        out: list[Event] = []
        for ev in events:
            if ev.type == CLOCK_EVENT:
                self._clock = RecordingClock.from_event(ev)
                continue
            if ev.type in ("sitting_bout", "lift"):
                self._effect.event(ev)
                continue
            rule_name = "prolonged_sitting" if ev.type == "prolonged_sitting" else \
                "long_static_bend" if ev.type == "long_bend" else \
                ev.fields.get("rule") if ev.type == "technique_alert" else None
            rule = self._rules.get(rule_name) if rule_name else None
            if rule is None:
                continue
            if rule_name == "long_static_bend" and rule.when == "at_once" and ev.type == "technique_alert":
                continue  # given during the bend (``long_bend``); the alert comes when it ends
            if ev.type == "long_bend" and rule.when != "at_once":
                continue
            if rule.when == "at_once":
                self._due.append((int(ev.end_ns), rule, ev.type))
            else:
                self._pending.append((int(ev.end_ns), rule, ev.type))
        return out

    # -- frames -----------------------------------------------------------------------------
    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        if len(frame) == 0:
            out.events += self._decide_due()
            return out
        t = frame.t_ns
        neutral = (np.asarray(frame["trunk_zone"]) == 0) if frame.has("trunk_zone") else np.zeros(len(frame), bool)
        # neutral runs: rising / falling edges against the state carried from the last frame
        state = np.concatenate([[self._neutral_since is not None], neutral]).astype(np.int8)
        for i in np.flatnonzero(np.diff(state)):
            if neutral[i]:
                self._neutral_since = int(t[i])
            else:
                self._runs.append((int(self._neutral_since), int(t[i])))  # type: ignore[arg-type]
                self._neutral_since = None
        self._last_ns = int(t[-1])
        self._effect.span(int(t[0]), int(t[-1]))
        out.events += self._decide_due()
        return out

    def _decide_due(self) -> list[Event]:
        """Decide the cues that came due, in order of due time. Triggers from different stages
        arrive with different delays; deciding them here, once per frame and sorted, keeps the
        daily cap's count the same whatever the block sizes (live ticks or offline blocks)."""
        due, self._due = self._due + self._due_now(), []
        return [self._decide(t, rule, trigger) for t, rule, trigger in sorted(due, key=lambda d: (d[0], d[1].name))]

    def _due_now(self) -> list[tuple[int, RulePlan, str]]:
        """Pending cues whose neutral stretch is complete within the data seen so far: due
        ``neutral_s`` into the first neutral run after the trigger (closed runs are kept a while,
        so a trigger that arrives a little after its frames finds the same run)."""
        runs = list(self._runs)
        if self._neutral_since is not None and self._last_ns is not None:
            runs.append((self._neutral_since, self._last_ns))
        need = int(self.plan.neutral_s * NS_PER_S)
        out, keep = [], []
        for t0, rule, trigger in self._pending:
            due = next((max(a, t0) + need for a, b in runs if b - max(a, t0) >= need), None)
            if due is None:
                keep.append((t0, rule, trigger))
            else:
                out.append((due, rule, trigger))
        self._pending = keep
        return out

    def finish(self) -> StageOutput:
        out = StageOutput()
        out.events += self._decide_due()
        for t0, rule, trigger in self._pending:
            out.events.append(self._event(t0, rule, trigger, "no_neutral"))
        self._pending = []
        return out

    # -- decision ---------------------------------------------------------------------------
    def _decide(self, t_ns: int, rule: RulePlan, trigger: str) -> Event:
        withheld = self._withheld_by(t_ns)
        if not withheld:
            day = self._day(t_ns)
            self._given_per_day[day] = self._given_per_day.get(day, 0) + 1
        return self._event(t_ns, rule, trigger, withheld)

    def _withheld_by(self, t_ns: int) -> str:
        plan = self.plan
        if t_ns < plan.baseline_s * NS_PER_S:
            return "baseline"
        needs_clock = plan.quiet_hours is not None or plan.baseline_until is not None
        if needs_clock and self._clock is None:
            return "no_clock"
        local = self._clock.local(t_ns).replace(tzinfo=None) if self._clock is not None else None
        if plan.baseline_until is not None and local is not None \
                and local < dt.datetime.fromisoformat(plan.baseline_until):
            return "baseline"
        if plan.quiet_hours is not None and local is not None and _in_quiet(local.time(), plan.quiet_hours):
            return "quiet_hours"
        if plan.daily_cap is not None and self._given_per_day.get(self._day(t_ns), 0) >= plan.daily_cap:
            return "daily_cap"
        return ""

    def _day(self, t_ns: int) -> Any:
        return self._clock.local(t_ns).date() if self._clock is not None else t_ns // _DAY_NS

    def _event(self, t_ns: int, rule: RulePlan, trigger: str, withheld: str) -> Event:
        if withheld:
            self._withheld[withheld] = self._withheld.get(withheld, 0) + 1
        else:
            self._given[rule.name] = self._given.get(rule.name, 0) + 1
        ev = Event("cue", t_ns, t_ns, {
            "rule": rule.name, "modality": rule.cue, "pattern": rule.pattern, "when": rule.when,
            "trigger": trigger, "message_nl": rule.message_nl, "message_en": rule.message_en,
            "withheld": withheld, "delivered": False,
        })
        self._effect.cue(ev)
        return ev

    def summary(self) -> dict[str, Any]:
        """``cues``: ``given`` per rule (by the plan; delivery is in the events), ``withheld`` per
        reason, the plan's rules, ``effect``: behaviour before/after the cues were switched on
        (``cue_effect.BeforeAfter``)."""
        if not self._rules:
            return {}
        return {"cues": {"given": dict(sorted(self._given.items())),
                         "withheld": dict(sorted(self._withheld.items())),
                         "rules": sorted(self._rules), "effect": self._effect.summary()}}


def _in_quiet(t: dt.time, quiet: tuple[str, str]) -> bool:
    a, b = dt.time.fromisoformat(quiet[0]), dt.time.fromisoformat(quiet[1])
    return a <= t < b if a <= b else (t >= a or t < b)
