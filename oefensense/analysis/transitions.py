"""Transition stage: sit-to-stand, stand-to-sit, sit-to-lie, lie-to-sit (and stand/lie) events.

Reads the posture stage's per-sample channels ``posture_code`` and ``posture_since_ns`` (so it runs
after :class:`~oefensense.analysis.posture.PostureStage`). When the stable posture (lying, sitting,
standing, walking) changes, an event is raised at once:

``Event(type, t_ns=start of the movement, end_ns=start of the new posture,
fields={"duration_s", "from", "to", "detected_s"})``. Types: ``sit_to_stand`` (sitting →
standing/walking), ``stand_to_sit``, ``sit_to_lie``, ``lie_to_sit``, ``stand_to_lie``,
``lie_to_stand``. The movement's start is the start of the ``transition`` segment between the two
postures when there is one (pelvis model), otherwise the change point (duration 0: thigh rules
detect the change, not its duration). ``detected_s`` is when the event was raised (live latency).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.frames import BodyFrame
from ..core.types import NS_PER_S, Event
from .base import StageOutput
from .posture import POSTURES

STATIC = {"lying", "sitting", "standing", "walking"}


_SHORT = {"sitting": "sit", "lying": "lie", "standing": "stand", "walking": "stand"}


def transition_type(src: str, dst: str) -> str | None:
    """Event type for a change between stable postures, None when it is not a transition."""
    s, d = _SHORT[src], _SHORT[dst]
    return None if s == d else f"{s}_to_{d}"


@dataclass(frozen=True, slots=True)
class TransitionSettings:
    """``min_duration_s``: a movement shorter than this is reported with this duration, centred on
    the change (s); ``max_duration_s``: longer transition segments are clipped to their last part;
    ``first_stable_s``: the first posture of a stream (or after unknown data) must have lasted this
    long before a change away from it counts (the filter's first guess is not a transition)."""

    min_duration_s: float = 0.0
    max_duration_s: float = 10.0
    first_stable_s: float = 2.0


class TransitionStage:
    """Posture changes -> transition events (see module doc)."""

    def __init__(self, settings: TransitionSettings | None = None) -> None:
        self.settings = settings or TransitionSettings()
        self.reset()

    def reset(self) -> None:
        self._stable: str | None = None  # last stable posture
        self._stable_since: int = 0
        self._confirmed = False  # the stable posture may start a transition
        self._code: int | None = None
        self._move_start: int | None = None  # since_ns of the first non-stable code after stable
        self._counts: dict[str, int] = {}

    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        if len(frame) == 0:
            return out
        if not frame.has("posture_code"):
            raise ValueError("TransitionStage needs the posture_code channel: run PostureStage first")
        codes = np.asarray(frame["posture_code"])
        since = np.asarray(frame["posture_since_ns"])
        prev = np.concatenate([[codes[0] if self._code is None else self._code], codes[:-1]])
        change = np.flatnonzero(codes != prev)
        if self._code is None:
            change = np.concatenate([[0], change])
        for i in change:
            self._on_code(POSTURES[int(codes[i])], int(since[i]), int(frame.t_ns[i]), out)
        self._code = int(codes[-1])
        return out

    def finish(self) -> StageOutput:
        return StageOutput()

    def summary(self) -> dict:
        """``sit_to_stand_count`` plus counts per transition type."""
        return {
            "sit_to_stand_count": self._counts.get("sit_to_stand", 0),
            "transitions": dict(sorted(self._counts.items())),
        }

    def _on_code(self, posture: str, since_ns: int, now_ns: int, out: StageOutput) -> None:
        if posture not in STATIC:
            if self._move_start is None:
                self._move_start = since_ns
            if posture == "unknown":  # data we cannot judge: the next posture starts afresh
                self._stable, self._move_start = None, None
            return
        if self._stable is not None and not self._confirmed:
            held_until = self._move_start if self._move_start is not None else since_ns
            self._confirmed = held_until - self._stable_since >= self.settings.first_stable_s * NS_PER_S
        if self._stable is not None and posture != self._stable and self._confirmed:
            kind = transition_type(self._stable, posture)
            if kind is not None:
                start = self._move_start if self._move_start is not None else since_ns
                start = max(start, since_ns - int(self.settings.max_duration_s * NS_PER_S))
                end = since_ns
                if end - start < self.settings.min_duration_s * NS_PER_S:
                    half = int(self.settings.min_duration_s * NS_PER_S / 2)
                    mid = (start + end) // 2
                    start, end = mid - half, mid + half
                self._counts[kind] = self._counts.get(kind, 0) + 1
                out.events.append(
                    Event(
                        kind,
                        start,
                        end,
                        {
                            "duration_s": round((end - start) / NS_PER_S, 2),
                            "from": self._stable,
                            "to": posture,
                            "detected_s": round(now_ns / NS_PER_S, 3),
                        },
                    )
                )
        if posture != self._stable:
            self._confirmed = self._stable is not None  # reached by a change: a real posture
            self._stable, self._stable_since = posture, since_ns
        self._move_start = None
