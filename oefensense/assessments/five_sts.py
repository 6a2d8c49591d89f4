"""Five times sit-to-stand (Csuka & McCarty 1985; reference values Bohannon 2006).

Time = from the start (the countdown's "go", else the start of the first stand-up) to the end
of the fifth stand-up, i.e. standing for the fifth time (the protocol's end when the patient
reaches standing; the time to seated after the fifth stand is given as ``time_to_fifth_sit_s``
when the sit-down was recorded whole: the sensor at rest after it). Each repetition's stand-up
and sit-down times are phases.
"""

from __future__ import annotations

from typing import ClassVar

from ..core.frames import BodyFrame
from .base import QT_TR_NOOP, AssessmentResult, Phase, RunContext
from .chair_common import (ChairTest, chair_transfers, data_gaps, flag_moving_at_end, flag_quality, in_gap,
                           is_bridged, unbridged_gaps)
from .gaps import gap_fields
from .signals import times_s
from .transfers import rest_after

REPS = 5


class FiveTimesSitToStand(ChairTest):
    name: ClassVar[str] = "five-times-sit-to-stand"
    kind: ClassVar[str] = "timed"
    duration_s: ClassVar[float | None] = None

    def analyse(self, frame: BodyFrame, ctx: RunContext) -> AssessmentResult:
        res, inside = chair_transfers(self.name, frame, ctx, self.settings)
        if res.start_s is None:
            return res
        start = res.start_s
        ups = [x for x in inside if x.kind == "stand_up"]
        downs = [x for x in inside if x.kind == "sit_down"]
        if len(ups) >= REPS and in_gap(ups[REPS - 1].end_s, unbridged_gaps(frame, ctx, res.placement), frame):
            # the fifth stand-up found ending in or at the start of a gap too long to bridge: its
            # end, the test's end, was not seen; it is not counted, the gap flagged as hiding it
            ups = ups[: REPS - 1]
        res.reps = min(len(ups), REPS)
        rep_rows = []
        for k, up in enumerate(ups[:REPS], 1):
            res.phases.append(Phase(f"stand_up_{k}", up.start_s - start, up.end_s - start))
            down = next((d for d in downs if d.start_s >= up.end_s - 0.1), None)
            nxt = ups[k] if k < len(ups) else None
            if down is not None and (nxt is None or down.start_s < nxt.start_s):
                res.phases.append(Phase(f"sit_down_{k}", down.start_s - start, down.end_s - start))
            else:
                down = None
            rep_rows.append({"rep": k, "stand_up_s": round(up.duration_s, 2),
                             "sit_down_s": None if down is None else round(down.duration_s, 2)})
        res.values["repetitions"] = rep_rows
        data_end = float(times_s(frame)[-1]) if len(frame) else start
        if len(ups) >= REPS:
            fifth = ups[REPS - 1]
            res.time_s = fifth.end_s - start
            res.measures["five_sts_time_s"] = round(res.time_s, 2)
            last_down = next((d for d in downs if d.start_s >= fifth.end_s - 0.1), None)
            # measured only when the sensor came to rest after it: data that ends in the
            # sit-down (a run stopped, a recording cut) would time it to where the data ends
            if last_down is not None and rest_after(frame, last_down.end_s, self.settings, res.placement) is not None:
                res.values["time_to_fifth_sit_s"] = last_down.end_s - start
            res.done = True
            end = fifth.end_s
        else:
            end = data_end
        if ctx.final:
            if len(ups) < REPS:
                res.flag("too_few_reps", QT_TR_NOOP("{n} of {reps} stand-ups found: no time scored"), n=len(ups), reps=REPS)
                # a gap is not the recording's end: stand-ups are not counted across one too long
                # to bridge, and one bridged can throw the transfers around it (a 0.42-s gap 4 s
                # into a simulated 5xSTS: 3 of 5 found). From the first data on, as flag_quality:
                # the gap may have hidden the first stand-up, and the start found is then later
                gaps = data_gaps(frame, ctx, res.placement, 0.0, data_end)
                # a stretch includes the chain's 2.0-s orientation settling after a hole
                # (gaps.py): deliberate, its angles are off. Both are named when the hole is known
                for g in gaps:
                    g0, g1 = g.start_s, g.end_s
                    if is_bridged(g0, g1, data_end):
                        #: {start}-{end}: seconds into the recording; {dur}: the gap's length in s.
                        #: Bridged: the signals were interpolated across the gap, the data goes on
                        template = QT_TR_NOOP("sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s, "
                                              "bridged) and the recording goes on after it: the missing stand-ups may "
                                              "be hidden in or around the gap")
                    elif g.invalid_before(float(frame.rate_hz)) and g.settles_after(float(frame.rate_hz)):
                        #: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into
                        #: the recording; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the
                        #: sensor's orientation settled until {end} s; {dur}: the whole stretch (s)
                        template = QT_TR_NOOP("the test was interrupted: sensor data invalid {start:.1f}-{missing_start:.1f} s "
                                              "and missing {missing_start:.1f}-{missing_end:.1f} s into the recording "
                                              "({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor "
                                              "settled again ({dur:.1f} s without usable data): the missing stand-ups may "
                                              "be hidden in it, none is counted across it")
                    elif g.invalid_before(float(frame.rate_hz)):
                        #: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into
                        #: the recording; {missing_start}-{end}: the hole; {missing}: its length (s)
                        template = QT_TR_NOOP("the test was interrupted: sensor data invalid {start:.1f}-{missing_start:.1f} s "
                                              "and missing {missing_start:.1f}-{end:.1f} s into the recording ({missing:.1f} s): "
                                              "the missing stand-ups may be hidden in it, none is counted across it")
                    elif g.settles_after(float(frame.rate_hz)):
                        #: {start}-{missing_end}: the hole, seconds into the recording; {missing}: its length (s);
                        #: then the sensor's orientation settled until {end} s; {dur}: the whole stretch (s)
                        template = QT_TR_NOOP("the test was interrupted: sensor data missing {start:.1f}-{missing_end:.1f} s "
                                              "into the recording ({missing:.1f} s), then not yet usable until {end:.1f} s "
                                              "while the sensor settled again ({dur:.1f} s without usable data): the missing "
                                              "stand-ups may be hidden in it, none is counted across it")
                    elif g.missing_s is not None:
                        #: {start}-{end}: seconds into the recording; {dur}: the hole's length in s
                        template = QT_TR_NOOP("the test was interrupted: sensor data missing {start:.1f}-{end:.1f} s "
                                              "into the recording ({dur:.1f} s): the missing stand-ups may be hidden in it, "
                                              "none is counted across it")
                    else:
                        #: {start}-{end}: seconds into the recording; {dur}: the stretch's length in s. "Missing or
                        #: invalid": no hole was reported there, the samples were flagged invalid (saturation, or the
                        #: sensor settling after a hole its source did not report)
                        template = QT_TR_NOOP("the test was interrupted: sensor data missing or invalid {start:.1f}-{end:.1f} s "
                                              "into the recording ({dur:.1f} s): the missing stand-ups may be hidden in it, "
                                              "none is counted across it")
                    res.flag("interrupted", template, **gap_fields(g))
                if not gaps and ups:  # no gap anywhere: the data itself ends short of the fifth
                    res.flag("interrupted", QT_TR_NOOP("the recording ends before the fifth stand-up"))
            if len(ups) > REPS:
                # words that hold whether or not a time is scored: a time outside the plausible
                # range is refused (not scored), and the flag read "timed to the fifth" beside it
                #: {n}: stand-ups found; the test ends at the fifth (standing), the rest do not count
                res.flag("too_many_reps", QT_TR_NOOP("{n} stand-ups found: the test ends at the fifth"), n=len(ups))
            for k, up in enumerate(ups[:REPS]):
                nxt = ups[k + 1] if k + 1 < len(ups) else None
                if nxt is not None and not any(up.end_s - 0.1 <= d.start_s < nxt.start_s for d in downs):
                    res.flag("incomplete_stand", QT_TR_NOOP("no sit-down found between stand-ups {a} and {b}"), a=k + 1, b=k + 2)
            flag_quality(res, frame, ctx, inside, end)
            flag_moving_at_end(res, frame, self.settings)
        return res
