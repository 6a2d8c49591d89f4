"""Squat or sit-down? For the waist-only sit-to-stand detector (:mod:`.sit_stand`).

A squat lowers the pelvis by about a seat height, so the detector's physics sees a
``stand_to_sit`` and, moments later, a ``sit_to_stand``. What differs is the bottom: someone who
sat down usually stays down (the lower back upright or tilted back on the seat); a squat comes
back up within seconds, mostly with the pelvis tilted forward (the trunk leans over the knees).

:class:`SquatGuard` holds each ``stand_to_sit`` until either the person has stayed down
``max_bottom_s`` (a sit-down: released, ``confidence`` 1) or the next ``sit_to_stand`` starts
earlier. Such a down-and-up is, by the median pelvis flexion over the bottom,

* ``>= squat_pelvis_deg``: a squat; neither event is reported (counted as ``squats_not_sits``;
  the lifting stage reports the lift);
* ``< sit_pelvis_deg``: a brief sit, both events with ``confidence`` 1;
* in between, or unknown (forward direction not known yet: provisional angles): both events
  with ``confidence`` 0.5 and ``ambiguous: true`` — the waist cannot tell.

The two limits were chosen on SisFall (young adults, D15 squats vs D07–D10 sit-downs, round trips
with a known pelvis forward) by fixed rules: ``squat_pelvis_deg`` the lowest that keeps >= 90 % of
the sit-downs, ``sit_pelvis_deg`` the 10th percentile of the squats. Leave-one-subject-out (limits
chosen without the tested subject, same rules; thresholds 25-26° and -2.9 to -0.5°):
squats 32.6 % recognised, 55.8 % ambiguous, 11.6 % reported as sits; brief sits 25.8 %
confident, 64.2 % ambiguous, 9.9 % lost (86 squat and 302 sit round trips). Chosen on all
subjects: 26° and -2.7°. A thigh sensor resolves it
(the posture stage's ``thigh_min_sit_s``). Latency: a sit-down is reported ``max_bottom_s`` after
it ended instead of at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.frames import BodyFrame
from ..core.limits import FLEXION, POS_SECONDS, check_order, check_ranges
from ..core.types import NS_PER_S
from .sit_stand import SitStandMove


@dataclass(frozen=True, slots=True)
class SquatGuardSettings:
    """``max_bottom_s``: a stay down at least this long is sitting (s); a shorter one is a squat
    when the median pelvis flexion at the bottom is >= ``squat_pelvis_deg``, a sit when it is
    < ``sit_pelvis_deg``, ambiguous in between (deg; see module doc for how they were chosen)."""

    max_bottom_s: float = 4.0
    squat_pelvis_deg: float = 26.0
    sit_pelvis_deg: float = -2.7

    def __post_init__(self) -> None:
        check_ranges("squat_guard", self, {"max_bottom_s": POS_SECONDS, "squat_pelvis_deg": FLEXION,
                                           "sit_pelvis_deg": FLEXION})
        check_order("squat_guard", "sit_pelvis_deg", self.sit_pelvis_deg, "squat_pelvis_deg", self.squat_pelvis_deg,
                    "deg", strict=False)


@dataclass(frozen=True, slots=True)
class GuardedMove:
    """A detector move released by the guard, with its ``confidence`` (0..1), ``ambiguous`` flag,
    the median pelvis flexion at the bottom (deg, NaN unknown or not a round trip) and when the
    guard released it (``released_ns``, session clock: the live latency of the event; a held
    sit-down is released ``max_bottom_s`` after it ended, or when the data ends)."""

    move: SitStandMove
    confidence: float
    ambiguous: bool
    bottom_pelvis_flexion_deg: float
    released_ns: int = -1

    @property
    def detected_ns(self) -> int:
        """When the event could be raised: the detector's decision, or later the guard's release."""
        return max(self.move.decided_ns, self.released_ns)


class SquatGuard:
    """Per frame: :meth:`observe` it, pass the detector's moves to :meth:`moves`, then ask
    :meth:`due`; at the end :meth:`finish`. They return the moves to report (see module doc)."""

    def __init__(self, settings: SquatGuardSettings | None = None) -> None:
        self.settings = settings or SquatGuardSettings()
        self.reset()

    def reset(self) -> None:
        self._held: SitStandMove | None = None
        self._t = np.empty(0, np.int64)
        self._flex = np.empty(0)
        self.squats = 0

    def observe(self, frame: BodyFrame) -> None:
        """Keep the recent pelvis flexion (call before :meth:`moves` for the same frame)."""
        flex = np.asarray(frame["pelvis_flexion_deg"], float) if frame.has("pelvis_flexion_deg") else np.full(len(frame), np.nan)
        if frame.has("pelvis_provisional"):  # forward not known: the flexion is a guess
            flex = np.where(np.asarray(frame["pelvis_provisional"], bool), np.nan, flex)
        self._t = np.concatenate([self._t, frame.t_ns.astype(np.int64)])
        self._flex = np.concatenate([self._flex, flex])

    def _trim(self) -> None:
        """Forget samples no held or not yet decided movement can need (after the moves of a
        frame were seen: a whole recording in one frame keeps everything until then)."""
        if not len(self._t):
            return
        keep_from = int(self._t[-1]) - int((self.settings.max_bottom_s + 15.0) * NS_PER_S)  # the detector decides a few s late
        if self._held is not None:
            keep_from = min(keep_from, self._held.end_ns)
        cut = int(np.searchsorted(self._t, keep_from))
        self._t, self._flex = self._t[cut:], self._flex[cut:]

    def due(self, busy_since_ns: int | None) -> list[GuardedMove]:
        """A held sit-down that has stayed down ``max_bottom_s`` by the data seen so far.
        ``busy_since_ns``: start of a movement the detector has not decided yet (it decides a
        movement only once it is still again): one that began before the limit may still be the
        squat's way up, so the sit-down waits for it (chunk-invariant)."""
        if self._held is None or not len(self._t):
            self._trim()
            return []
        limit = self._held.end_ns + int(self.settings.max_bottom_s * NS_PER_S)
        out = [self._release_held(limit)] if self._t[-1] >= limit and (busy_since_ns is None or busy_since_ns >= limit) else []
        self._trim()
        return out

    def moves(self, moves: list[SitStandMove]) -> list[GuardedMove]:
        out: list[GuardedMove] = []
        for m in moves:
            held = self._held
            if m.kind == "stand_to_sit":
                if held is not None:
                    out.append(self._release_held(m.decided_ns))
                self._held = m
                continue
            if held is None:
                out.append(GuardedMove(m, 1.0, False, float("nan")))
                continue
            self._held = None
            at = m.decided_ns  # a round trip is decided with its way up
            if m.start_ns - held.end_ns >= self.settings.max_bottom_s * NS_PER_S:
                limit = held.end_ns + int(self.settings.max_bottom_s * NS_PER_S)
                out += [GuardedMove(held, 1.0, False, float("nan"), limit), GuardedMove(m, 1.0, False, float("nan"))]
                continue
            sel = (self._t >= held.end_ns) & (self._t <= m.start_ns)
            f = self._flex[sel]
            bottom = float(np.median(f)) if f.size and np.isfinite(f).all() else float("nan")
            if np.isfinite(bottom) and bottom >= self.settings.squat_pelvis_deg:
                self.squats += 1
            elif np.isfinite(bottom) and bottom < self.settings.sit_pelvis_deg:
                out += [GuardedMove(held, 1.0, False, bottom, at), GuardedMove(m, 1.0, False, bottom, at)]
            else:
                out += [GuardedMove(held, 0.5, True, bottom, at), GuardedMove(m, 0.5, True, bottom, at)]
        return out

    def finish(self) -> list[GuardedMove]:
        """The data ended while down: a held sit-down is reported."""
        end = int(self._t[-1]) if len(self._t) else -1
        return [self._release_held(end)] if self._held is not None else []

    def _release_held(self, at_ns: int) -> GuardedMove:
        m, self._held = self._held, None
        assert m is not None
        return GuardedMove(m, 1.0, False, float("nan"), at_ns)
