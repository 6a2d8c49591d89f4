"""Sitting stage: sitting bouts, breaks, longest bout, prolonged-sitting alerts raised live.

Reads ``posture_code``/``posture_since_ns`` from the posture stage (runs after it), so it sees
exactly the posture timeline's segments. Definitions (Acti4 / SBRN, see
``/work/shared/reference/signal_anchors.md`` §2.3):

* a *bout* is sitting of at least ``min_bout_s`` (default 5 s) that ``transition`` and
  ``unknown`` stretches and non-sitting stretches shorter than ``min_break_s`` (default 2 s) do
  not interrupt; it runs from the start of its first sitting segment to the end of its last one
  (the stand-up movement after it is not part of it);
* a *break* is any other posture (standing, walking, lying) lasting at least ``min_break_s``; it
  ends the bout;
* ``non_wear`` (the sensor taken off) ends a bout like the end of the data: no break;
  ``no_data`` (a gap in the data) is bridged like ``unknown`` when shorter than ``min_break_s``,
  otherwise it ends the bout, also without a break;
* ``prolonged_sitting`` is raised once per bout, as soon as the bout has lasted
  ``prolonged_s`` (default 30 min), while the person is still sitting; with ``repeat_s`` > 0
  (a feedback plan's reminders) again every ``repeat_s`` the bout goes on
  (``prolonged_count`` still counts bouts).

One truth with the timeline: a bout's ``sitting_s`` is the timeline's sitting seconds inside it
(``duration_s`` minus the bridged stretches), so ``sitting_bouts.total_s`` (sum of ``sitting_s``)
plus ``outside_bouts_s`` (sitting runs too short for a bout) is the timeline's sitting time.

Events: ``sitting_bout`` (t_ns = bout start, end_ns = bout end; fields ``duration_s``,
``sitting_s``, ``end_s``, ``ended_by``: ``break``, ``non_wear``, ``no_data`` or ``end_of_data``) when a bout
is closed; ``prolonged_sitting`` (t_ns = bout start, end_ns = the moment the threshold was
passed; fields ``threshold_s``, ``duration_s``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.frames import BodyFrame
from ..core.limits import POS_SECONDS, SECONDS, check_ranges
from ..core.types import NS_PER_S, Event
from .base import StageBase, StageOutput
from .posture import POSTURES

_BRIDGE = {"transition", "unknown", "upright_still"}  # upright_still: trunk alone, sitting or standing


@dataclass(frozen=True, slots=True)
class SittingSettings:
    """Durations in seconds; ``prolonged_s`` the prolonged-sitting alert threshold, ``repeat_s``
    the interval of repeated alerts while the bout goes on (0: one per bout)."""

    prolonged_s: float = 1800.0
    min_bout_s: float = 5.0
    min_break_s: float = 2.0
    repeat_s: float = 0.0

    def __post_init__(self) -> None:
        check_ranges("sitting", self, {"prolonged_s": POS_SECONDS, "min_bout_s": SECONDS, "min_break_s": SECONDS,
                                       "repeat_s": SECONDS})


class SittingStage(StageBase):
    """Posture codes -> sitting bouts, prolonged-sitting alerts and daily totals."""

    name = "sitting"
    reads = ("posture_code", "posture_since_ns")
    emits = ("sitting_bout", "prolonged_sitting")

    def __init__(self, settings: SittingSettings | None = None) -> None:
        self.settings = settings or SittingSettings()
        self.reset()

    def reset(self) -> None:
        self._code: int | None = None
        self._posture: str | None = None  # the timeline's current posture and its start
        self._since: int | None = None
        self._bout_start: int | None = None
        self._bout_sitting_ns = 0  # timeline sitting inside the open bout, up to _sit_end
        self._sit_end: int | None = None  # end of the open bout's last sitting segment
        self._break_start: int | None = None  # a non-sitting posture began here (pending break)
        self._break_kind = "break"  # what the pending stretch began with: "break" or "no_data"
        self._alerts = 0  # prolonged-sitting alerts raised in the open bout
        self._last_ns: int | None = None
        self._bouts: list[float] = []
        self._sitting_in_bouts_ns = 0
        self._sitting_ns = 0  # all timeline sitting
        self._prolonged = 0
        self._breaks = 0

    # -- public API ---------------------------------------------------------------------------
    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        if len(frame) == 0:
            return out
        if not frame.has("posture_code"):
            raise ValueError("SittingStage needs the posture_code channel: run PostureStage first")
        codes = np.asarray(frame["posture_code"])
        since = np.asarray(frame["posture_since_ns"])
        t = frame.t_ns
        prev = np.concatenate([[codes[0] if self._code is None else self._code], codes[:-1]])
        change = np.flatnonzero(codes != prev)
        if self._code is None:
            change = np.concatenate([[0], change])
        bounds = np.concatenate([change, [len(codes)]])
        for k, i in enumerate(change):
            self._on_posture(POSTURES[int(codes[i])], int(since[i]), out)
            # between this change and the next: check break confirmation and the alert
            self._check(int(t[bounds[k + 1] - 1]), out)
        if len(change) == 0:
            self._check(int(t[-1]), out)
        self._code = int(codes[-1])
        self._last_ns = int(t[-1]) + int(round(NS_PER_S / frame.rate_hz))  # end of the data so far
        return out

    def finish(self) -> StageOutput:
        """Close an open bout at the end of the data."""
        out = StageOutput()
        if self._last_ns is not None:
            self._end_segment(self._last_ns)
            if self._bout_start is not None:
                self._close(out, "end_of_data")
        return out

    def summary(self) -> dict:
        """``sitting_bouts {count, longest_s, prolonged_count, total_s, outside_bouts_s, breaks}``;
        ``total_s`` is the timeline's sitting seconds inside bouts (see module doc)."""
        return {
            "sitting_bouts": {
                "count": len(self._bouts),
                "longest_s": round(max(self._bouts), 1) if self._bouts else 0.0,
                "prolonged_count": self._prolonged,
                "total_s": round(self._sitting_in_bouts_ns / NS_PER_S, 1),
                "outside_bouts_s": round((self._sitting_ns - self._sitting_in_bouts_ns) / NS_PER_S, 1),
                "breaks": self._breaks,
                "prolonged_threshold_s": self.settings.prolonged_s,
            }
        }

    @property
    def current_bout_s(self) -> float:
        """Length of the running bout as of the last sample (0 when not sitting)."""
        if self._bout_start is None or self._last_ns is None:
            return 0.0
        end = self._last_ns if self._posture == "sitting" else (self._sit_end or self._bout_start)
        return max(0.0, (end - self._bout_start) / NS_PER_S)

    # -- internals ----------------------------------------------------------------------------
    def _end_segment(self, end_ns: int) -> None:
        """The timeline segment of the current posture ends at ``end_ns``: count its sitting."""
        if self._posture == "sitting" and self._since is not None and end_ns > self._since:
            self._sitting_ns += end_ns - self._since
            if self._bout_start is not None:
                self._bout_sitting_ns += end_ns - self._since
                self._sit_end = end_ns

    def _on_posture(self, posture: str, since_ns: int, out: StageOutput) -> None:
        self._end_segment(since_ns)
        self._posture, self._since = posture, since_ns
        if posture == "non_wear":
            if self._bout_start is not None:
                self._close(out, "non_wear")
            return
        if posture == "sitting":
            if self._bout_start is None:
                self._open(since_ns)
            elif self._break_start is not None and since_ns - self._break_start >= self.settings.min_break_s * NS_PER_S:
                self._close(out, self._break_kind)  # the break lasted long enough: a new bout starts
                self._open(since_ns)
            self._break_start = None  # back before the break was confirmed: the bout goes on
        elif posture in _BRIDGE:
            return
        elif self._bout_start is not None and self._break_start is None:
            self._break_start = since_ns
            self._break_kind = "no_data" if posture == "no_data" else "break"

    def _open(self, start_ns: int) -> None:
        self._bout_start, self._bout_sitting_ns, self._sit_end, self._alerts = start_ns, 0, start_ns, 0

    def _check(self, now_ns: int, out: StageOutput) -> None:
        st = self.settings
        if self._bout_start is None:
            return
        repeat_ns = int(st.repeat_s * NS_PER_S)
        while self._alerts == 0 or repeat_ns > 0:
            crossing = self._bout_start + int(st.prolonged_s * NS_PER_S) + self._alerts * repeat_ns
            if now_ns < crossing or (self._break_start is not None and self._break_start < crossing):
                break
            self._prolonged += self._alerts == 0
            self._alerts += 1
            out.events.append(
                Event("prolonged_sitting", self._bout_start, crossing,
                      {"threshold_s": st.prolonged_s, "duration_s": round((crossing - self._bout_start) / NS_PER_S, 3)})
            )  # fmt: skip
        if self._break_start is not None and now_ns - self._break_start >= st.min_break_s * NS_PER_S:
            self._close(out, self._break_kind)

    def _close(self, out: StageOutput, ended_by: str) -> None:
        start, end, sitting = self._bout_start, self._sit_end, self._bout_sitting_ns
        self._bout_start, self._break_start, self._bout_sitting_ns = None, None, 0
        if start is None or end is None:
            return
        dur = (end - start) / NS_PER_S
        if dur < self.settings.min_bout_s:
            return
        self._breaks += ended_by == "break"
        self._bouts.append(dur)
        self._sitting_in_bouts_ns += sitting
        out.events.append(Event("sitting_bout", start, end, {
            "duration_s": round(dur, 1), "sitting_s": round(sitting / NS_PER_S, 1),
            "end_s": round(end / NS_PER_S, 3), "ended_by": ended_by}))
