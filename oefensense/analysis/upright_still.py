"""Trunk-only placements: sitting or standing while upright and still? (issue #16)

A trunk (chest, upper back) sensor alone sees lying (trunk near horizontal) and walking, but
upright and still looks the same sitting or standing: the posture stage reports ``upright_still``
there. What the trunk does see is the sit-down / stand-up movement itself: the upper body falls
or rises by about a seat height, which the sit-to-stand detector (:mod:`.sit_stand`) measures on
any upper-body sensor. :class:`UprightStillTally` splits the ``upright_still`` time by the latest
evidence before each moment:

* after a ``stand_to_sit`` (not ``ambiguous``): *sitting*;
* after a ``sit_to_stand`` or walking: *standing*;
* after lying, an ``ambiguous`` move, ``unknown``, ``non_wear``, ``no_data`` or at the start of the
  data: *undetermined*.

The sitting time is then a range: ``sitting_s`` (the estimate) to ``sitting_s + undetermined_s``;
a missed or false sit/stand movement moves time between sitting and standing, which the range does
not show (measured error: ``docs/posture.md``). Times in ns on the session clock; moves arrive
late (the detector decides a movement once it is still again), so runs are assigned only once
they are ``settle_s`` old: memory stays bounded by that horizon, not the recording length.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..core.types import NS_PER_S

UPRIGHT_STILL = "upright_still"
STATES = ("sitting", "standing", "undetermined")
#: evidence from a posture run: walking means standing; these postures leave it undetermined
_FROM_POSTURE = {"walking": "standing", "lying": "undetermined", "unknown": "undetermined",
                 "non_wear": "undetermined", "no_data": "undetermined"}
#: what this placement can tell (in the summary and docs, so no report claims more)
TRUNK_ONLY_CAN_TELL = (
    "trunk sensor alone: lying, walking and upright-and-still are measured; sitting versus standing "
    "is not (trunk tilt does not separate them): upright_still time is split into sitting/standing "
    "only from the detected sit-down/stand-up movements, as an estimate with a range"
)


@dataclass
class UprightStillTally:
    """Streaming split of ``upright_still`` time (see module doc). Feed :meth:`posture` at each
    posture change (name, start ns), :meth:`move` for each sit/stand event, :meth:`advance` with
    the data time; :meth:`summary` at any time (runs not yet settled are counted provisionally)."""

    settle_s: float = 60.0

    def __post_init__(self) -> None:
        self._runs: deque[tuple[str, int]] = deque()  # (posture, start_ns), not yet assigned
        self._moves: deque[tuple[int, str]] = deque()  # (end_ns, state after), time order
        self._state = "undetermined"  # evidence before the first unassigned run
        self._seconds = dict.fromkeys(STATES, 0.0)
        self._now_ns: int | None = None

    def posture(self, name: str, start_ns: int) -> None:
        if self._runs and self._runs[-1][0] == name:
            return
        self._runs.append((name, int(start_ns)))

    def move(self, kind: str, end_ns: int, ambiguous: bool = False) -> None:
        state = "undetermined" if ambiguous else ("sitting" if kind == "stand_to_sit" else "standing")
        self._moves.append((int(end_ns), state))

    def advance(self, now_ns: int) -> None:
        """Data seen up to ``now_ns``: assign the runs that ended ``settle_s`` before it."""
        self._now_ns = int(now_ns)
        horizon = self._now_ns - int(self.settle_s * NS_PER_S)
        while len(self._runs) >= 2 and self._runs[1][1] <= horizon:
            name, start = self._runs.popleft()
            self._state, used = self._assign(name, start, self._runs[0][1], self._state, self._seconds, 0)
            for _ in range(used):
                self._moves.popleft()

    def summary(self) -> dict:
        """Seconds per state (settled + provisional), the sitting range and what can be told."""
        sec = dict(self._seconds)
        state, used = self._state, 0
        runs = list(self._runs)
        for k, (name, start) in enumerate(runs):
            end = runs[k + 1][1] if k + 1 < len(runs) else max(self._now_ns or start, start)
            state, used = self._assign(name, start, end, state, sec, used)
        total = sum(sec.values())
        return {
            "upright_still_s": round(total, 1),
            "sitting_s": round(sec["sitting"], 1),
            "standing_s": round(sec["standing"], 1),
            "undetermined_s": round(sec["undetermined"], 1),
            "sitting_range_s": [round(sec["sitting"], 1), round(sec["sitting"] + sec["undetermined"], 1)],
            "can_tell": TRUNK_ONLY_CAN_TELL,
        }

    def state_at(self, t_ns: int) -> str:
        """The evidence state (sitting / standing / undetermined) at ``t_ns`` from the runs and
        moves held (those not yet settled; for evaluation, before any :meth:`advance`)."""
        state, used, scratch = self._state, 0, dict.fromkeys(STATES, 0.0)
        runs = list(self._runs)
        for k, (name, start) in enumerate(runs):
            if start > t_ns:
                break
            end = min(runs[k + 1][1], t_ns) if k + 1 < len(runs) else t_ns
            state, used = self._assign(name, start, end, state, scratch, used)
        return state

    def _assign(self, name: str, start: int, end: int, state: str, sec: dict, i: int) -> tuple[str, int]:
        """Add run [start, end) of posture ``name`` to ``sec`` (upright_still only, split at the
        moves inside it), reading the moves from index ``i`` on; returns the evidence state at
        ``end`` and the index of the first move not yet used."""
        moves = self._moves
        # moves that ended before the run set its starting state
        while i < len(moves) and moves[i][0] <= start:
            state = moves[i][1]
            i += 1
        if name != UPRIGHT_STILL:
            state = _FROM_POSTURE.get(name, state)
        t = start
        while i < len(moves) and moves[i][0] < end:
            if name == UPRIGHT_STILL:
                sec[state] += (moves[i][0] - t) / NS_PER_S
            t, state = moves[i][0], moves[i][1]
            i += 1
        if name == UPRIGHT_STILL:
            sec[state] += (end - t) / NS_PER_S
        elif name in _FROM_POSTURE:
            state = _FROM_POSTURE[name]  # a walk or a lie after the last move inside it decides
        return state, i
