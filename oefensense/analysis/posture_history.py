"""The posture stage's recent decisions, for judging a movement after the fact.

The sit/stand detector integrates any movement between two still periods; a short walk between
two still stands integrates to a 0.1-0.3 m "rise" (velocity drift over 3-8 s of gait) and came
out as a sit-to-stand. The posture model tells walking well, so a movement the posture stage
called walking for most of its time is gait, not a chair transfer. This keeps the posture
channel as it was seen, sample by sample, so the question is answered only from what was known
at the moment of the decision (however the stream is cut into frames).

The history reaches ``keep_s`` back from the *start* of the latest frame, not from its end: the
whole frame is added before the detector runs over it, so a movement decided anywhere in the
frame still finds the posture of the ``keep_s`` before it. Kept from the frame's end, a movement
decided more than ``keep_s`` before its frame's end found no history (not a walk), and the veto
depended on the frame size (the generated day: 2 walks vetoed with 30- and 60-s frames, 1 with 180 s,
0 with 600 s). The detector decides a movement at most ``max_move_s`` + ``baseline_s`` (8.5 s)
after its start, well inside ``keep_s``, so every frame size answers as a 0.5-s stream does.
Memory: the change points of one frame plus ``keep_s`` (bounded by the frame, not the recording).
"""

from __future__ import annotations

import numpy as np

from ..core.types import NS_PER_S
from ..features.posture_features import LABEL_DELAY_S


class PostureHistory:
    """Change points of the ``posture_code`` channel from ``keep_s`` seconds before the latest
    frame's first sample.

    The channel at sample t holds the decision of the last tick at or before t, and a tick at t
    describes the body at ``t - LABEL_DELAY_S``: :meth:`fraction` shifts by that delay."""

    def __init__(self, keep_s: float = 60.0) -> None:
        self._keep_ns = int(keep_s * NS_PER_S)
        self._t = np.empty(0, np.int64)  # sample time from which ...
        self._code = np.empty(0, np.int8)  # ... the channel holds this code
        self._end_ns: int | None = None  # last sample seen
        self._delay_ns = int(round(LABEL_DELAY_S * NS_PER_S))

    def add(self, t_ns: np.ndarray, codes: np.ndarray) -> None:
        """The channel's samples of one frame (in stream order)."""
        if not len(t_ns):
            return
        codes = np.asarray(codes, np.int8)
        last = self._code[-1] if len(self._code) else None
        change = np.flatnonzero(codes[1:] != codes[:-1]) + 1
        if last is None or codes[0] != last:
            change = np.concatenate([[0], change])
        self._t = np.concatenate([self._t, np.asarray(t_ns, np.int64)[change]])
        self._code = np.concatenate([self._code, codes[change]])
        self._end_ns = int(t_ns[-1])
        # from the frame's start, not its end: a movement early in a long frame needs the posture before it
        keep = int(np.searchsorted(self._t, int(t_ns[0]) - self._keep_ns, side="right")) - 1
        if keep > 0:  # the change point in force at the horizon stays
            self._t, self._code = self._t[keep:], self._code[keep:]

    def fraction(self, code: int, start_ns: int, end_ns: int, known_ns: int) -> float:
        """Share of the body's time ``start_ns``..``end_ns`` that the channel called ``code``, from
        the samples up to ``known_ns`` only; NaN when none of it was decided by then."""
        a = start_ns + self._delay_ns
        b = min(end_ns + self._delay_ns, known_ns, self._end_ns if self._end_ns is not None else -1)
        if b <= a or not len(self._t) or b <= self._t[0]:
            return float("nan")
        a = max(a, int(self._t[0]))
        edges = np.concatenate([self._t, [np.iinfo(np.int64).max]])
        lo, hi = np.maximum(edges[:-1], a), np.minimum(edges[1:], b)
        dur = np.clip(hi - lo, 0, None)
        total = dur.sum()
        return float(dur[self._code == code].sum() / total) if total > 0 else float("nan")
