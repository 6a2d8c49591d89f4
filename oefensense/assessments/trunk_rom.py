"""Trunk range of motion, standing: flexion, extension, lateral bend left/right (trunk sensor)
and axial rotation left/right (trunk relative to pelvis: trunk + pelvis sensors).

Angles are the trunk's inclination from vertical in the sagittal (flexion + forward) and frontal
(lateral + to the right) plane, relative to the upright standing posture at the start (the
median of the first still ``baseline_s``), and the trunk's twist relative to the pelvis. Each
repetition is an excursion of at least ``min_rep_deg`` away from the baseline and back; the
score per direction is the best of the repetitions. A repetition whose other plane moved more
than ``combined_deg`` at its peak is flagged. Hip flexion is not trunk flexion: with a pelvis
sensor the pelvis' share of a forward bend is reported too (``pelvis_flexion_deg``).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from scipy.signal import find_peaks

from ..core.limits import INCLINATION, POS_SECONDS, Range, check_value
from ..core.frames import TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST, BodyFrame, provisional_angle_mask
from .base import QT_TR_NOOP, AssessmentResult, Phase, RunContext, Words
from .signals import bridged, fill_invalid, lowpass, times_s, valid_mask
from .chair_common import is_bridged
from .gaps import gap_fields, overlapping, sensor_gaps

DIRECTIONS = ("flexion", "extension", "lateral_left", "lateral_right", "rotation_left", "rotation_right")
# each direction in a flag's detail (the record's measure names without "(best)"): words, so the
# Dutch detail says "romp zijwaarts links", not "lateral left"
DIRECTION_WORDS = {
    "flexion": QT_TR_NOOP("trunk flexion"),
    "extension": QT_TR_NOOP("trunk extension"),
    "lateral_left": QT_TR_NOOP("trunk lateral bend left"),
    "lateral_right": QT_TR_NOOP("trunk lateral bend right"),
    "rotation_left": QT_TR_NOOP("trunk rotation left"),
    "rotation_right": QT_TR_NOOP("trunk rotation right"),
}
# direction -> (channel, sign that makes it positive, the other plane's channel)
_DIR = {
    "flexion": (TRUNK_FLEXION, 1.0, TRUNK_LATERAL),
    "extension": (TRUNK_FLEXION, -1.0, TRUNK_LATERAL),
    "lateral_left": (TRUNK_LATERAL, -1.0, TRUNK_FLEXION),
    "lateral_right": (TRUNK_LATERAL, 1.0, TRUNK_FLEXION),
    "rotation_left": (TRUNK_TWIST, 1.0, TRUNK_FLEXION),
    "rotation_right": (TRUNK_TWIST, -1.0, TRUNK_FLEXION),
}


# 0 repetitions ended the test at once ("done" with nothing measured)
_RANGES = {"reps": Range("count", low=1, whole=True), "min_rep_deg": INCLINATION, "combined_deg": INCLINATION,
           "baseline_s": POS_SECONDS, "rest_window_s": POS_SECONDS}


class TrunkRom:
    name: ClassVar[str] = "trunk-rom"
    kind: ClassVar[str] = "rom"
    placements: ClassVar[tuple[str, ...]] = ("trunk", "pelvis")
    duration_s: ClassVar[float | None] = None
    auto_start: ClassVar[bool] = True

    def __init__(self, reps: int = 3, min_rep_deg: float = 8.0, combined_deg: float = 15.0,
                 baseline_s: float = 1.0, rest_window_s: float = 5.0) -> None:
        self.reps, self.min_rep_deg, self.combined_deg, self.baseline_s = reps, min_rep_deg, combined_deg, baseline_s
        self.rest_window_s = rest_window_s

    def __setattr__(self, name: str, value: object) -> None:
        # each setting is checked whenever it is set, in __init__ or later (a later 0 was never checked)
        if name in _RANGES:
            check_value("trunk-rom", name, value, _RANGES[name])
        super().__setattr__(name, value)

    def analyse(self, frame: BodyFrame, ctx: RunContext) -> AssessmentResult:
        res = AssessmentResult(self.name, placement="trunk")
        if not frame.has(TRUNK_FLEXION) or not frame.has("trunk_acc_g"):
            res.flag("missing_sensor", QT_TR_NOOP("trunk range of motion needs a trunk (sternum) sensor"))
            return res
        rate = float(frame.rate_hz)
        t = times_s(frame)
        valid = valid_mask(frame, "trunk")
        start_i = int(np.searchsorted(t, ctx.go_s)) if ctx.go_s is not None else int(np.argmax(valid))
        res.start_s = float(t[min(start_i, len(t) - 1)])
        nb = max(1, int(self.baseline_s * rate))
        # a drop-out too long to bridge (``signals.bridged``) may hide a repetition's peak: a
        # repetition with one inside it is not scored (a short gap is interpolated and flagged)
        unseen = ~bridged(valid, rate)[start_i:]
        unseen[: int(np.argmax(valid[start_i:])) if valid[start_i:].any() else len(unseen)] = False
        sig = {}
        for ch in (TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST):
            if frame.has(ch):
                x = lowpass(fill_invalid(frame[ch], valid), rate, 2.0)
                sig[ch] = x - float(np.median(x[start_i : start_i + nb]))
        # where the chain had not yet found the sensor's forward direction, flexion may be a side
        # bend or backward: a repetition peaking there is scored but flagged
        guessed = {ch: provisional_angle_mask(frame, ch, len(t))[start_i:] for ch in sig}
        guessed_dirs: list[str] = []
        best: dict[str, float | None] = {}
        all_reps: dict[str, list[float]] = {}
        for d in DIRECTIONS:
            ch, sign, other = _DIR[d]
            if ch not in sig:
                best[d] = None
                continue
            x = sign * sig[ch][start_i:]
            peaks, _ = find_peaks(x, height=self.min_rep_deg, prominence=self.min_rep_deg,
                                      distance=max(1, int(1.0 * rate)))
            # one repetition = out and back: peaks without a return below half-way are one
            merged: list[int] = []
            for p in peaks:
                if merged and np.min(x[merged[-1] : p + 1]) > 0.5 * min(x[merged[-1]], x[p]):
                    merged[-1] = p if x[p] > x[merged[-1]] else merged[-1]
                else:
                    merged.append(int(p))
            vals = []
            for p in merged:
                if ch == TRUNK_FLEXION or ch == TRUNK_LATERAL:
                    # a flexion that is really a side bend (or the reverse) belongs to the other direction
                    if abs(sig[other][start_i + p]) > abs(sig[ch][start_i + p]):
                        continue
                    if abs(sig[other][start_i + p]) > self.combined_deg:
                        res.flag("combined_movement", QT_TR_NOOP("{direction} at {at:.1f} s also moved {deg:.0f}° in the other plane"),
                                 direction=Words(DIRECTION_WORDS[d]), at=float(t[start_i + p] - res.start_s),
                                 deg=float(abs(sig[other][start_i + p])))
                # relative to the neutral posture just before and after (gyro-integrated
                # twist drifts over a minute; a bend is measured from where it started)
                w = int(self.rest_window_s * rate)
                left, right = x[max(0, p - w) : p + 1], x[p : p + w + 1]
                lo, hi = max(0, p - w) + int(np.argmin(left)), p + int(np.argmin(right))
                # the excursion: where the angle is above half its peak around the peak
                half = x[lo : hi + 1] < 0.5 * x[p]
                e0 = lo + (int(np.flatnonzero(half[: p - lo])[-1]) if half[: p - lo].any() else 0)
                e1 = p + (int(np.flatnonzero(half[p - lo :])[0]) if half[p - lo :].any() else hi - p)
                if unseen[e0 : e1 + 1].any():
                    res.flag("sensor_gap", QT_TR_NOOP("{direction} at {at:.1f} s not scored: the sensor data was missing "
                                                      "during the repetition"),
                             direction=Words(DIRECTION_WORDS[d]), at=float(t[start_i + p] - res.start_s))
                    continue
                res.phases.append(Phase(f"{d}_{len(vals) + 1}", t[start_i + lo] - res.start_s, t[start_i + hi] - res.start_s))
                if guessed[ch][p] and d not in guessed_dirs:
                    guessed_dirs.append(d)
                vals.append(round(float(x[p] - max(x[lo], x[hi])), 1))
            all_reps[d] = vals
            best[d] = max(vals) if vals else None
        res.values["rom_deg"] = best
        res.values["repetitions_deg"] = all_reps
        for d in DIRECTIONS:
            if best.get(d) is not None:
                res.measures[f"trunk_{d}_deg"] = float(best[d])
        res.reps = min((len(v) for v in all_reps.values()), default=0)
        res.done = all(len(all_reps.get(d, [])) >= self.reps for d in DIRECTIONS if d in all_reps)
        if ctx.final:
            if TRUNK_TWIST not in sig:
                res.flag("missing_sensor", QT_TR_NOOP("axial rotation needs a pelvis sensor as well as the trunk sensor"))
            for d, v in all_reps.items():
                if len(v) < self.reps:
                    res.flag("too_few_reps", QT_TR_NOOP("{direction}: {n} of {reps} repetitions"), direction=Words(DIRECTION_WORDS[d]),
                             n=len(v), reps=self.reps)
            if guessed_dirs:
                res.flag("forward_uncertain", QT_TR_NOOP("measured while the sensor's forward direction was not known (calibrate, "
                                                         "or walk a few steps first): {directions}"),
                         directions=Words(*(DIRECTION_WORDS[d] for d in guessed_dirs)))
            end = float(t[-1])
            # each stretch without usable trunk data once (gaps.py; a hole another sensor reported is not the trunk's)
            for g in overlapping(sensor_gaps(frame, ctx, "trunk"), res.start_s, end):
                if is_bridged(g.start_s, g.end_s, end):
                    template = QT_TR_NOOP("trunk sensor data missing {start:.1f}-{end:.1f} s ({dur:.1f} s): bridged, "
                                          "the movement taken to go on through it")
                elif g.invalid_before(float(frame.rate_hz)) and g.settles_after(float(frame.rate_hz)):
                    #: {start}-{missing_start}: invalid samples (saturation) just before the hole, seconds from the
                    #: test's start; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the
                    #: sensor's orientation settled until {end} s; {dur}: the whole stretch (s)
                    template = QT_TR_NOOP("trunk sensor data invalid {start:.1f}-{missing_start:.1f} s and missing "
                                          "{missing_start:.1f}-{missing_end:.1f} s ({missing:.1f} s), then not yet usable "
                                          "until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)")
                elif g.settles_after(float(frame.rate_hz)):  # the hole and the sensor's settling after it, both named
                    #: {start}-{missing_end}: the hole, seconds from the test's start; {missing}: its length (s); then
                    #: the sensor's orientation settled until {end} s; {dur}: the whole stretch (s)
                    template = QT_TR_NOOP("trunk sensor data missing {start:.1f}-{missing_end:.1f} s ({missing:.1f} s), then "
                                          "not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s "
                                          "without usable data)")
                else:
                    template = QT_TR_NOOP("trunk sensor data missing {start:.1f}-{end:.1f} s")
                res.flag("sensor_gap", template, **gap_fields(g, res.start_s))
        return res
