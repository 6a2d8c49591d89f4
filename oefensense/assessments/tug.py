"""Timed Up and Go (Podsiadlo & Richardson 1991; reference values Bohannon 2006).

Stand up from a chair, walk 3 m, turn, walk back, turn and sit down. Time = from the start
(the countdown's "go", else the start of the stand-up) to the end of the sit-down. Phases:
stand_up and sit_down from the chair transfers; turn and turn_2 from the rate of turning about
the vertical (gyro, low-passed at ``turn_lowpass_hz``; a turn is a stretch above
``turn_rate_dps`` that turns at least ``min_turn_deg``); walk and walk_back are the stretches
between them. Needs a pelvis or trunk sensor with a gyroscope.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from ..core.frames import BodyFrame
from .base import AssessmentResult, Phase, TestContext
from .chair_common import flag_quality
from .signals import body_placement, lowpass, merge_runs, runs, times_s, yaw_rate_dps
from .transfers import TransferSettings, find_transfers


def find_turns(frame: BodyFrame, placement: str, rate_dps: float = 20.0, min_turn_deg: float = 60.0,
               lowpass_hz: float = 1.0) -> list[tuple[float, float, float]]:
    """(start_s, end_s, degrees turned, + = left) of every turn; the edges are where the smoothed
    turning rate falls below a quarter of ``rate_dps``."""
    rate = float(frame.rate_hz)
    w = lowpass(yaw_rate_dps(frame, placement), rate, lowpass_hz)
    t = times_s(frame)
    out = []
    for a, b in merge_runs(runs(np.abs(w) >= rate_dps), int(0.3 * rate)):
        lo, hi = a, b
        while lo > 0 and abs(w[lo - 1]) >= rate_dps / 4 and np.sign(w[lo - 1]) == np.sign(w[a]):
            lo -= 1
        while hi < len(w) and abs(w[hi]) >= rate_dps / 4 and np.sign(w[hi]) == np.sign(w[b - 1]):
            hi += 1
        angle = float(np.sum(w[lo:hi]) / rate)
        if abs(angle) >= min_turn_deg:
            out.append((float(t[lo]), float(t[min(hi, len(t) - 1)]), angle))
    return out


class TimedUpAndGo:
    name: ClassVar[str] = "tug"
    kind: ClassVar[str] = "timed"
    placements: ClassVar[tuple[str, ...]] = ("pelvis", "trunk")
    duration_s: ClassVar[float | None] = None
    auto_start: ClassVar[bool] = True

    def __init__(self, settings: TransferSettings | None = None) -> None:
        self.settings = settings

    def analyse(self, frame: BodyFrame, ctx: TestContext) -> AssessmentResult:
        placement = body_placement(frame)
        res = AssessmentResult(self.name, placement=placement)
        if placement is None or not frame.has(f"{placement}_gyr_dps"):
            res.flag("missing_sensor", "the TUG needs a pelvis or trunk sensor with a gyroscope")
            return res
        transfers = find_transfers(frame, self.settings)
        go = ctx.go_s
        up = next((x for x in transfers if x.kind == "stand_up" and (go is None or x.end_s > go)), None)
        if up is None:
            if ctx.final:
                res.flag("not_started", "no stand-up found")
            return res
        start = go if go is not None else up.start_s
        res.start_s = start
        down = next((x for x in transfers if x.kind == "sit_down" and x.start_s > up.end_s), None)
        res.phases.append(Phase("stand_up", up.start_s - start, up.end_s - start))
        end = down.end_s if down is not None else float(times_s(frame)[-1])
        turns = [x for x in find_turns(frame, placement) if x[1] > up.end_s - 0.5 and x[0] < end]
        walk_end = down.start_s if down is not None else end
        if turns:
            t1 = turns[0]
            res.phases.append(Phase("walk", up.end_s - start, t1[0] - start))
            res.phases.append(Phase("turn", t1[0] - start, t1[1] - start))
            if len(turns) >= 2:
                t2 = turns[-1]
                res.phases.append(Phase("walk_back", t1[1] - start, t2[0] - start))
                res.phases.append(Phase("turn_2", t2[0] - start, t2[1] - start))
            else:
                res.phases.append(Phase("walk_back", t1[1] - start, walk_end - start))
            res.values["turn_deg"] = [round(abs(x[2]), 0) for x in turns]
        if down is not None:
            res.phases.append(Phase("sit_down", down.start_s - start, down.end_s - start))
            res.time_s = down.end_s - start
            res.measures["tug_time_s"] = round(res.time_s, 2)
            res.done = True
        if ctx.final:
            if down is None:
                res.flag("interrupted", "no sit-down after the walk: no time scored")
            if not turns:
                res.flag("missing_phase", "no turn found (turn about 180° at the mark)")
            elif len(turns) < 2 and down is not None:
                res.flag("missing_phase", "the turn before sitting down was not found")
            flag_quality(res, frame, ctx, [x for x in (up, down) if x is not None], end, pauses=False)
        return res
