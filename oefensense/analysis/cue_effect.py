"""Behaviour before and after the cues were switched on, within one recording (the cue stage's
``effect`` summary; the report shows it).

Cues are *on* from the first cue the plan did not withhold for its baseline (given, or withheld
for quiet hours or the daily cap): with a baseline period that is its end, without one the
first cue. A sitting bout or a lift counts on the side where it *started* (the bout that earned
the first cue counts before). Running sums only: memory does not grow with the recording.

Per side: ``recorded_s`` (analysed time: first to last frame, split at the switch),
``sitting_bouts``, ``sitting_bout_mean_s``, ``sitting_bout_longest_s``, ``lifts``,
``stoop_lifts``, ``stoop_lifts_per_h``. Without cues (none due, or all in the baseline) there
is no "after": ``on_from_s`` None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oefensense.core.types import NS_PER_S, Event


@dataclass
class _Side:
    bouts: int = 0
    bout_sum_s: float = 0.0
    bout_max_s: float = 0.0
    lifts: int = 0
    stoop: int = 0

    def to_dict(self, recorded_s: float) -> dict[str, Any]:
        return {
            "recorded_s": round(recorded_s, 1),
            "sitting_bouts": self.bouts,
            "sitting_bout_mean_s": round(self.bout_sum_s / self.bouts, 1) if self.bouts else None,
            "sitting_bout_longest_s": round(self.bout_max_s, 1) if self.bouts else None,
            "lifts": self.lifts,
            "stoop_lifts": self.stoop,
            "stoop_lifts_per_h": round(self.stoop / (recorded_s / 3600.0), 2) if recorded_s > 0 else None,
        }


class BeforeAfter:
    """Accumulates the before/after figures (see the module docstring)."""

    def __init__(self) -> None:
        self.on_from_ns: int | None = None
        self._first: int | None = None
        self._last: int | None = None
        self._sides = {"before": _Side(), "after": _Side()}

    def span(self, t0_ns: int, t1_ns: int) -> None:
        """Analysed frames from ``t0_ns`` to ``t1_ns``."""
        self._first = t0_ns if self._first is None else min(self._first, t0_ns)
        self._last = t1_ns if self._last is None else max(self._last, t1_ns)

    def cue(self, ev: Event) -> None:
        if self.on_from_ns is None and ev.fields.get("withheld") != "baseline":
            self.on_from_ns = int(ev.t_ns)

    def _side(self, t_ns: int) -> _Side:
        return self._sides["after" if self.on_from_ns is not None and t_ns >= self.on_from_ns else "before"]

    def event(self, ev: Event) -> None:
        if ev.type == "sitting_bout":
            side = self._side(int(ev.t_ns))
            d = float(ev.fields.get("duration_s") or 0.0)
            side.bouts += 1
            side.bout_sum_s += d
            side.bout_max_s = max(side.bout_max_s, d)
        elif ev.type == "lift":
            side = self._side(int(ev.t_ns))
            side.lifts += 1
            side.stoop += ev.fields.get("technique") == "stoop"

    def summary(self) -> dict[str, Any]:
        if self._first is None or self._last is None:
            return {"on_from_s": None}
        on = self.on_from_ns
        before_s = ((on if on is not None else self._last) - self._first) / NS_PER_S
        out: dict[str, Any] = {"on_from_s": None if on is None else round(on / NS_PER_S, 3),
                               "before": self._sides["before"].to_dict(max(0.0, before_s))}
        if on is not None:
            out["after"] = self._sides["after"].to_dict(max(0.0, (self._last - on) / NS_PER_S))
        return out
