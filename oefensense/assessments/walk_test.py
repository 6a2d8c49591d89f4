"""Timed walk test (2 or 6 minutes): steps, walking time, cadence; step length, distance and gait
speed from the inverted-pendulum model when the leg length is given (``gait.py``).

Start = the countdown's "go", else the first step. The walk is scored over ``minutes`` from the
start; stops longer than ``stop_s`` are flagged (the patient may rest; the clock runs on).
"""

from __future__ import annotations

import copy
from typing import ClassVar

import numpy as np

from ..core.frames import BodyFrame
from .base import QT_TR_NOOP, FieldName, AssessmentResult, RunContext, WordedError
from .gait import find_steps
from .signals import body_placement, times_s
from .gaps import gap_fields, overlapping, sensor_gaps
from .transfers import unsettled_start


# how far to trust the gait speed (docs/assessments.md, *Gait speed*): no error measured on
# people here; the simulator's figure (``benchmarks/gait_speed_sim.py``, printed by
# bench_assessments as ``sim_gait_all_given``; a test checks it against a fresh run) is not
# people's: the simulated people walk with the model's own geometry, so the model's error is
# not in it; the model's published validation is healthy adults walking straight; the nearest
# published figure for a single waist sensor in older adults is another method's
GAIT_SPEED_ERROR = {
    "measured_on_people": None,
    "simulator": {
        "label": "simulator, not people",
        "median_abs_pct": 15.3,
        "p95_abs_pct": 65.6,
        "median_signed_pct": 15.3,
        "cases": 48,
        "what": "2-min walks, 0.6-1.7 m/s, plain and 7 gait shapes, random sensor mounting and noise, "
                "leg length given up to 3 cm off; the people walk as the model assumes (K = 1.25), so "
                "the model's own error in people is not in this figure",
        "command": ".venv/bin/python -m benchmarks.bench_assessments (sim_gait_all_given)",
    },
    "method": "inverted pendulum (Zijlstra & Hof, Gait Posture 2003;18:1-10), K = 1.25",
    "validated_for": "healthy adults walking straight (not turns, walking aids, shuffling gait)",
    "comparison_mae_pct": 3.74,
    "comparison": "Lee et al., PLoS ONE 2022;17:e0275612: a regression model from one waist sensor, "
                  "759 healthy older adults vs a GAITRite walkway (another method)",
}


# below this share of the scored time walking, no cadence, distance or gait speed is scored: a
# product rule (the majority of the time; no source, not fitted: docs/assessments.md, *Quality
# flags*), not the protocols' (the ATS and ERS/ATS 6MWT standards score the distance whatever the rests)
MIN_WALKING_SHARE = 0.5


class WalkTest:
    name: ClassVar[str] = "walk-test"
    kind: ClassVar[str] = "walk"
    placements: ClassVar[tuple[str, ...]] = ("pelvis", "trunk", "thigh")
    duration_s: ClassVar[float | None] = 120.0
    auto_start: ClassVar[bool] = True

    @staticmethod
    def flag_leg_length(res: AssessmentResult) -> None:
        """``needs_leg_length``, naming the field as each front-end calls it (``FieldName``)."""
        res.flag("needs_leg_length", QT_TR_NOOP("no gait speed or distance: give the leg length ({field})"),
                 field=FieldName("leg_length_m", "--leg-length-m"))

    def __init__(self, minutes: float = 2.0, leg_length_m: float | None = None, stop_s: float = 5.0) -> None:
        if minutes not in (2.0, 6.0):
            raise WordedError(QT_TR_NOOP("walk-test: a timed walk lasts 2 or 6 minutes, not {minutes:.1f}"),
                              minutes=float(minutes))
        if leg_length_m is not None and not 0.5 <= leg_length_m <= 1.3:
            raise WordedError(QT_TR_NOOP("leg length {leg:.2f} m: expected 0.5-1.3 m (floor to the sensor on the lower "
                                         "back)"), leg=float(leg_length_m))
        self.minutes, self.leg_length_m, self.stop_s = minutes, leg_length_m, stop_s
        self.duration_s = 60.0 * minutes  # type: ignore[misc]  # per instance: 2 or 6 minutes

    def analyse(self, frame: BodyFrame, ctx: RunContext) -> AssessmentResult:
        res = AssessmentResult(self.name, placement=body_placement(frame) or "thigh")
        t = times_s(frame)
        first = find_steps(frame, leg_length_m=None)
        start = ctx.go_s if ctx.go_s is not None else (float(first.step_s[0]) if first.steps else None)
        if start is None:
            if ctx.final:
                res.flag("not_started", QT_TR_NOOP("no walking found"))
            return res
        res.start_s = start
        end = start + 60.0 * self.minutes
        data_end = float(t[-1])
        gait = find_steps(frame, leg_length_m=self.leg_length_m, start_s=start, end_s=min(end, data_end))
        res.reps = None
        res.time_s = min(end, data_end) - start
        res.done = data_end >= end
        res.values.update(minutes=self.minutes, steps=gait.steps, walking_s=round(gait.walking_s, 1),
                          cadence_spm=None if gait.cadence_spm is None else round(gait.cadence_spm, 1))
        res.measures.update(walk_steps=float(gait.steps), walk_time_s=round(gait.walking_s, 1))
        if gait.cadence_spm is not None:
            res.measures["walk_cadence_spm"] = round(gait.cadence_spm, 1)
        if len(gait.step_length_m):
            mean_len = float(np.mean(gait.step_length_m))
            distance = mean_len * gait.steps
            res.values.update(step_length_m=round(mean_len, 2), distance_m=round(distance, 1),
                              gait_speed_ms=round(distance / gait.walking_s, 2) if gait.walking_s else None,
                              gait_speed_error=copy.deepcopy(GAIT_SPEED_ERROR))
            res.measures["walk_distance_m"] = round(distance, 1)
            if gait.walking_s:
                res.measures["gait_speed_ms"] = round(distance / gait.walking_s, 2)
        if ctx.final:
            if not res.done:
                res.flag("interrupted", QT_TR_NOOP("the recording ends {after:.0f} s after the start (< {minutes:.0f} min)"),
                         after=float(data_end - start), minutes=float(self.minutes))
            if self.leg_length_m is None and res.placement != "thigh":
                self.flag_leg_length(res)
            # the chair tests' and the TUG's rule: a walk started on a sensor still starting up or
            # moving since its first sample, or (with a "go") with the patient already walking
            why = unsettled_start(frame, start, ctx.go_s is None, placement=res.placement, guided=ctx.guided)
            if why is not None:
                res.flag("unsettled_start", why[0], **why[1])
            # each stretch without usable data once (gaps.py: a reported hole and the invalid run
            # around it were two gaps, two flags)
            stretches = overlapping(sensor_gaps(frame, ctx, res.placement), start, min(end, data_end))
            gaps = [(g.start_s, g.end_s) for g in stretches]
            for (a0, a1), (b0, _) in zip(gait.bouts, gait.bouts[1:]):
                # a stop is time the sensor saw without walking: a gap between two bouts is not one
                # (a 6-s gap mid-walk read "stopped 6 s" beside the gap's own flag)
                rest = seen_s(a1, b0, gaps)
                if rest > self.stop_s:
                    res.flag("pause", QT_TR_NOOP("stopped {rest:.0f} s after {at:.0f} s"), rest=rest, at=float(a1 - start))
            scored = min(end, data_end) - start
            if gait.bouts and (tail := seen_s(gait.bouts[-1][1], min(end, data_end), gaps)) > self.stop_s:
                # the same stop rule after the last walk: a walk that ends for good before the
                # protocol's time was a stop with no flag (a whole HAPT recording: 1.6 s walked)
                # {rest}: seconds without walking from {at} s (since the start) to the end of the test's time
                res.flag("pause", QT_TR_NOOP("stopped {rest:.0f} s after {at:.0f} s, to the end of the test's time"),
                         rest=tail, at=float(gait.bouts[-1][1] - start))
            if scored > 0 and gait.walking_s < MIN_WALKING_SHARE * scored:
                # more of the test's time stopped than walked (stops are the stop rule's above): what
                # was walked is no figure of this test's walk
                res.flag("pause", QT_TR_NOOP("walking {walk:.1f} s of the {time:.0f} s scored (less than "
                                                          "half): no cadence, distance or gait speed scored"),
                         walk=float(gait.walking_s), time=float(scored))
                for key in ("walk_cadence_spm", "walk_distance_m", "gait_speed_ms"):
                    res.measures.pop(key, None)
                for key in ("cadence_spm", "step_length_m", "distance_m", "gait_speed_ms", "gait_speed_error"):
                    if key in res.values:
                        res.values[key] = None
            for g in stretches:
                if g.invalid_before(float(frame.rate_hz)) and g.settles_after(float(frame.rate_hz)):
                    #: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the
                    #: walk; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor's
                    #: orientation settled until {end} s into the walk
                    template = QT_TR_NOOP("sensor data invalid {start:.1f}-{missing_start:.1f} s and missing "
                                          "{missing_start:.1f}-{missing_end:.1f} s into the walk ({missing:.1f} s), then "
                                          "not yet usable until {end:.1f} s while the sensor settled again: steps and "
                                          "walking time in it are not counted")
                elif g.settles_after(float(frame.rate_hz)):  # the hole and the sensor's settling after it, both named
                    #: {start}-{missing_end}: the hole, seconds into the walk; {missing}: its length (s); then the
                    #: sensor's orientation settled until {end} s into the walk
                    template = QT_TR_NOOP("sensor data missing {start:.1f}-{missing_end:.1f} s into the walk ({missing:.1f} s), "
                                          "then not yet usable until {end:.1f} s while the sensor settled again: steps and "
                                          "walking time in it are not counted")
                else:
                    template = QT_TR_NOOP("sensor data missing {start:.1f}-{end:.1f} s into the walk: steps and "
                                          "walking time in it are not counted")
                res.flag("sensor_gap", template, **gap_fields(g, start))
        return res


def seen_s(a: float, b: float, gaps: list[tuple[float, float]]) -> float:
    """Seconds of ``a``..``b`` (s) outside ``gaps`` (each (start, end) s; they may overlap)."""
    missing, edge = 0.0, a
    for g0, g1 in sorted(gaps):
        lo, hi = max(g0, edge), min(g1, b)
        if hi > lo:
            missing += hi - lo
            edge = hi
    return float(b - a - missing)
