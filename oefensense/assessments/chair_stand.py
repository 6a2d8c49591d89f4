"""30-second chair stand test (Rikli & Jones 1999): full stands in 30 s, arms crossed.

Count = stand-ups whose half-way point falls within 30 s of the start (the protocol counts a
stand that is more than half-way up at 30 s). Start = the countdown's "go" when guided live,
else the start of the first stand-up.
"""

from __future__ import annotations

from typing import ClassVar

from ..core.frames import BodyFrame
from .base import QT_TR_NOOP, AssessmentResult, Phase, RunContext
from .chair_common import ChairTest, chair_transfers, flag_moving_at_end, flag_quality
from .signals import times_s


class ChairStand30s(ChairTest):
    name: ClassVar[str] = "chair-stand-30s"
    kind: ClassVar[str] = "count"
    duration_s: ClassVar[float | None] = 30.0

    def analyse(self, frame: BodyFrame, ctx: RunContext) -> AssessmentResult:
        res, inside = chair_transfers(self.name, frame, ctx, self.settings)
        if res.start_s is None:
            return res
        start = res.start_s
        end = start + 30.0
        data_end = float(times_s(frame)[-1]) if len(frame) else start
        stands = [x for x in inside if x.kind == "stand_up" and x.mid_s <= end]
        res.reps = len(stands)
        res.time_s = 30.0
        res.done = data_end >= end
        for k, x in enumerate(stands, 1):
            res.phases.append(Phase(f"stand_up_{k}", x.start_s - start, x.end_s - start))
            down = next((y for y in inside if y.kind == "sit_down" and y.start_s >= x.end_s - 0.1), None)
            if down is not None and down.start_s < end:
                res.phases.append(Phase(f"sit_down_{k}", down.start_s - start, down.end_s - start))
        res.values["stand_times_s"] = [round(x.mid_s - start, 2) for x in stands]
        res.measures["chair_stand_30s_reps"] = float(res.reps)
        if ctx.final and not res.done:
            res.flag("interrupted", QT_TR_NOOP("the recording ends {after:.1f} s after the start (< 30 s)"),
                     after=float(data_end - start))
        if ctx.final:
            flag_quality(res, frame, ctx, inside, min(end, data_end), rest_to_end=True)
            flag_moving_at_end(res, frame, self.settings)
            if res.reps == 0:
                res.flag("not_started", QT_TR_NOOP("no full stand within 30 s"))
        return res
