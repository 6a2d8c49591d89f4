"""Lift / bend detection and squat-vs-stoop technique rating (``LiftingStage``).

Input: :class:`~oefensense.core.frames.BodyFrame` with a pelvis or trunk sensor (pelvis preferred
for detection: it carries the hip motion), optionally ``trunk_flexion_deg``, ``trunk_twist_deg``,
``thigh_inclination_deg`` and the posture stage's ``posture_code``.

Method (measured on SisFall, see ``docs/lifting.md``):

1. *Excursions*: the segment's inclination, measured from the latest quiet upright stance
   (a standing reference, robust to a chain alignment that is off by 5-20°), rises above
   ``enter_deg`` and falls back below ``exit_deg``; each excursion is widened to the nearest
   still moment (gyro quiet, ≤ ``still_search_s``).
2. *Vertical displacement* of the hips over each excursion: vertical acceleration
   (accelerometer · up-vector from the segment angles) integrated twice with zero velocity at
   the ends and in still runs of at least ``zupt_min_s`` (ZUPT), which removes a constant
   accelerometer offset exactly; a brief pause mid-movement is not taken as rest.
3. *Episodes*: an excursion that ends ``down_m`` lower opens a "low" phase (squat, or sitting
   down); the next excursion that does not go further down closes it. Otherwise one excursion is one episode.
4. *Rating*: gradient-boosted trees (``models/lifting/lift_waist_hgb.onnx``, run with
   onnxruntime; trained by ``models/training/train_lifting.py``) map episode features to
   not-a-lift / squat / stoop, the episodes that end in one block in one call at its end.
   ``stoop_squat_index`` = 100·P(stoop | lift). When a thigh sensor
   is worn the index comes from the angles instead (Schmid 2022 Stoop-Squat-Index idea):
   100 · trunk flexion / (trunk flexion + thigh inclination) at peak trunk flexion.
5. *Posture guard* (``use_posture``, on; needs ``posture_code``): lying for more than
   ``posture_lying_s`` inside the episode → no lift; optionally sitting in the low phase.

Events (``type="lift"``, fields): ``technique`` squat|stoop|mixed|undetermined (a slow lift at
the waist whose hip drop cannot be measured, ``ambiguous_below_gyr_dps``), ``technique_ambiguous``,
``technique_guess`` (the call before that rule), ``stoop_squat_index`` 0..100,
``peak_trunk_flexion_deg``, ``held_trunk_flexion_deg`` (the flexion kept for ``held_s``), ``peak_twist_deg`` (None without a twist channel), ``duration_s``.
The lift ends at the first still moment after the segment is back under ``exit_deg`` (or
``still_search_s`` later if the person keeps moving); the event is final at that very sample, so
it leaves the stage within one sample of ``end_s``. Chunk-invariant: all state advances sample
by sample; features are computed on buffered samples only.

Where the parts live (split the way posture is): the buffered per-sample signals (standing
reference, vertical acceleration, still flag, hip displacement) in
``features/lifting_signals.py``, the episode features in ``features/lifting_features.py``, the
model wrappers in ``lifting_model.py`` (loaded by ``models.py``); this module keeps the
settings and the episode detection.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from oefensense.core.frames import BodyFrame
from oefensense.core.limits import FLEXION, INCLINATION, POS_SECONDS, SECONDS, Range, check_order, check_ranges
from oefensense.core.types import NS_PER_S, Event, Placement

from ..features.lifting_features import HORIZONTAL_DEGS, Excursion, episode_features, episode_gate, held_max
from ..features.lifting_signals import LiftSignals
from .base import StageBase, StageOutput
from .lifting_model import LiftClassifier

_STEP_SPAN = 64  # samples left in a block below which the stage steps instead of looking ahead
MAX_CANDIDATES = 200  # diagnostics kept per stream (each ~6 KB: 2000 held 13 MB after ~7 h)
POSTURE_LYING = 0  # indices into the posture stage's posture_code labels
POSTURE_SITTING = 1


@dataclass(frozen=True, slots=True)  # checked once, in __post_init__: change with dataclasses.replace
class LiftingSettings:
    """Thresholds in degrees, metres, seconds. ``model_path``: the bundled episode model ("" =
    ``lifting/lift_waist_hgb.onnx``; only files inside ``oefensense.models``, see
    ``analysis/models.py``)."""

    held_s: float = 1.0  # held_trunk_flexion_deg: flexion kept for at least this long (s)
    enter_deg: float = 10.0  # inclination that starts an excursion
    exit_deg: float = 6.0  # inclination that ends it
    min_peak_deg: float = 10.0
    still_gyr_dps: float = 8.0  # mean |gyro| over still_window_s below this = still
    still_window_s: float = 0.2
    still_acc_std_g: float = 0.02  # and std of |acc| over the window below this
    still_search_s: float = 2.5  # widen excursions to a still moment at most this far (s)
    down_m: float = 0.12  # an excursion ending this much lower opens a "low" phase
    up_m: float = 0.2  # while low, a movement (no tilt needed) rising this much is the way up
    max_down_s: float = 3.5  # only a short excursion can be "going down" (longer = whole lift)
    max_low_s: float = 15.0  # a low phase longer than this is not part of a lift
    zupt_min_s: float = 0.3  # zero-velocity updates only in rest runs at least this long (s)
    # optional stricter zero velocity (issue #16, slow lifts; measured and not adopted, off):
    # "at rest" = still and, within zupt_rest_half_s either side, every |gyro| <
    # zupt_rest_gyr_dps and the vertical acceleration within zupt_rest_acc_g peak to peak; a
    # still run is zeroed only from its first to its last sample at rest, and the hip height is
    # integrated from the latest rest at most zupt_back_s before an episode's start (a slow
    # descent passes the still flag; docs/lifting.md). inf / 0 = off (the shipped ZUPT)
    zupt_rest_gyr_dps: float = float("inf")
    zupt_rest_acc_g: float = 0.01
    zupt_rest_half_s: float = 0.1
    zupt_back_s: float = 0.0
    end_state_s: float = 0.25  # end_vs_start features: rest posture over this much at each end (s)
    plateau_m: float = 0.08  # "low plateau" feature: hips within this of their lowest point (m)
    max_excursion_s: float = 20.0  # longer excursions are not lifts (e.g. sustained bending)
    squat_max_index: float = 40.0  # index ≤ this → squat
    stoop_min_index: float = 60.0  # index ≥ this → stoop; between → mixed
    # P(lift) below this → no event. The shipped set (this, posture_lying_s, the plane gate's limits
    # and ambiguous_below_gyr_dps) is exactly what the selection rule picks in one pass over all
    # SisFall development subjects (``train_lifting --choose``, ``CHOSEN_ON_ALL``; until 4 Dec 2026
    # 0.6, which the rule no longer picked: docs/lifting.md)
    min_lift_probability: float = 0.5
    model_path: str = ""
    twist_flexed_deg: float = 20.0  # peak_twist_deg is taken where trunk flexion ≥ this
    # posture guard (needs the posture stage's posture_code; without it nothing changes). Measured
    # in docs/lifting.md: lying > 3 s drops brief-lying false lifts at no cost on the lift trials;
    # the sitting rule is off because the posture model calls squats "sitting" as often as sit-downs.
    use_posture: bool = True
    posture_lying_s: float = 3.0  # lying for more than this (s) in the episode → no lift
    # upright gate (issue #16: no lifts from lying down, rolling over, car transfers; needs no
    # posture stage): a lift starts and ends upright on the feet and turns little about gravity.
    # No lift when the recording cut the episode off while still tilted (``gate_cut_off``), when it
    # turns more than ``gate_max_turn_deg`` about gravity, or rests still at >= ``gate_horizontal_deg``
    # from the standing reference for more than ``gate_max_horizontal_s`` (inf = off). Off by
    # default: measured (``train_lifting --gate-tradeoff``, docs/lifting.md), no setting reaches
    # <= 3 lying/car lifts per 10 min without losing 12+ points of lifts found.
    gate_cut_off: bool = False
    gate_max_turn_deg: float = float("inf")
    gate_horizontal_deg: float = 60.0
    gate_max_horizontal_s: float = float("inf")
    # the plane gate (issue #16): a lift tilts the pelvis forward and back in one plane, so the
    # accelerometer's direction stays on one great circle; lying down, rolling over and car
    # transfers leave it (``episode_gate``'s ``offplane_deg``, the 90th percentile of the
    # distance from that circle). No lift when that distance is above ``gate_max_offplane_deg``,
    # or above ``gate_max_offplane_tilted_deg`` in an episode tilting >= ``gate_tilted_deg`` from
    # the standing reference (deep stoops stay tightly in plane; lying down is near horizontal).
    # On since 4 Dec 2026 with the limits the selection rule picks on all subjects: chosen inside
    # the evaluation folds it removed 92 % of the lying/car lifts (23.8 -> 1.8 per 10 min) for one
    # squat trial of 230 (docs/lifting.md "The plane gate, measured"); inf = off.
    gate_max_offplane_deg: float = 6.0
    gate_max_offplane_tilted_deg: float = 3.0
    gate_tilted_deg: float = 70.0
    # technique undetermined (issue #16, older adults' slow lifts): the waist tells a squat from a
    # stoop by the hip drop, integrated between still moments (|gyro| < still_gyr_dps). When even
    # the pelvis's fastest turn in the episode (``peak_gyr_dps``) stays below this, the start and
    # end of the descent pass as still, the integration zeroes the velocity while the hips move and
    # the drop is lost (simulated 0.38 m squat: 0.33 m at normal speed, 0.12 m at 2x slower): a
    # squat then looks like a stoop. So a waist-model call of stoop or mixed on such an episode
    # becomes technique "undetermined" (``technique_ambiguous``; the model's call stays in
    # ``technique_guess``). A squat call is kept: slowness only loses a drop, it does not make
    # one. Chosen inside the evaluation folds (docs/lifting.md "Slow lifts: technique
    # undetermined"); 0 = off. Not applied when a thigh sensor gives the index from angles.
    ambiguous_below_gyr_dps: float = 28.0
    posture_guard_sitting: bool = False  # sitting in a two-part episode's low phase → no lift
    posture_sit_low_s: float = 0.0  # ... for more than this (s)
    # standing reference: inclination is measured from the up-vector of the latest still, upright
    # stance instead of the chain's absolute upright, whose automatic alignment can be off by
    # 5-20° on short recordings (SisFall: the still cluster it aligns on may be the bent posture)
    relative_to_standing: bool = True
    ref_window_s: float = 0.5  # the reference is updated at the end of each such window (absolute grid)
    ref_tau_s: float = 3.0  # ... as an exponential average with this time constant (s)
    ref_dev_deg: float = 3.0  # ... from still windows within this of the reference or of absolute upright
    ref_init_deg: float = 30.0  # first reference: a quiet window with absolute inclination below this
    ref_gyr_dps: float = 15.0  # quiet window: mean |gyro| below this (standing sway passes) ...
    ref_steady_deg: float = 2.0  # ... and the inclination changes less than this (a settling filter does not)

    def __post_init__(self) -> None:
        check_ranges("lifting", self, _LIFTING_RANGES)
        check_order("lifting", "exit_deg", self.exit_deg, "enter_deg", self.enter_deg, "deg", strict=False)
        check_order("lifting", "squat_max_index", self.squat_max_index, "stoop_min_index", self.stoop_min_index,
                    "index", strict=False)
        if self.gate_horizontal_deg not in HORIZONTAL_DEGS:
            raise ValueError(f"gate_horizontal_deg must be one of {HORIZONTAL_DEGS}, got {self.gate_horizontal_deg}")


_BIG = float(np.finfo(np.float64).max)  # np.nan_to_num's stand-in for +inf
_DPS = Range("dps", low=0, low_open=True)
_M = Range("m", low=0, low_open=True)
_OFF_DEG = Range("deg", low=0, inf=True)  # inf: the gate is off
_INDEX = Range("index", low=0, high=100)
_LIFTING_RANGES = {
    "held_s": SECONDS, "enter_deg": INCLINATION, "exit_deg": INCLINATION, "min_peak_deg": INCLINATION,
    "still_gyr_dps": _DPS, "still_window_s": POS_SECONDS, "still_acc_std_g": Range("g", low=0, low_open=True),
    "still_search_s": SECONDS, "down_m": _M, "up_m": _M, "max_down_s": POS_SECONDS, "max_low_s": POS_SECONDS,
    "zupt_min_s": SECONDS, "zupt_rest_gyr_dps": Range("dps", low=0, low_open=True, inf=True),
    "zupt_rest_acc_g": Range("g", low=0, inf=True), "zupt_rest_half_s": SECONDS, "zupt_back_s": SECONDS,
    "end_state_s": SECONDS, "plateau_m": Range("m", low=0), "max_excursion_s": Range("s", low=0, low_open=True, inf=True),
    "squat_max_index": _INDEX, "stoop_min_index": _INDEX, "min_lift_probability": Range("probability", low=0, high=1),
    "twist_flexed_deg": FLEXION, "posture_lying_s": Range("s", low=0, inf=True),
    "gate_max_turn_deg": _OFF_DEG, "gate_max_horizontal_s": Range("s", low=0, inf=True),
    "gate_max_offplane_deg": _OFF_DEG, "gate_max_offplane_tilted_deg": _OFF_DEG, "gate_tilted_deg": INCLINATION,
    "ambiguous_below_gyr_dps": Range("dps", low=0), "posture_sit_low_s": SECONDS, "ref_window_s": POS_SECONDS,
    "ref_tau_s": POS_SECONDS, "ref_dev_deg": Range("deg", low=0), "ref_init_deg": INCLINATION, "ref_gyr_dps": _DPS,
    "ref_steady_deg": Range("deg", low=0),
}


def _first(x: np.ndarray, level: float, below: bool, window: int = 256) -> int:
    """Index of the first value of ``x`` below (else above) ``level``; ``len(x)`` if none. Looks
    in doubling windows: the next crossing is usually near, and a long block is searched many
    times per block (once per crossing), so scanning all of it each time grew with its length."""
    a, n = 0, x.shape[0]
    while a < n:
        part = x[a : a + window]
        hit = part < level if below else part > level
        k = int(hit.argmax())  # the first True (0 when there is none: checked below)
        if hit[k]:
            return a + k
        a += window
        window *= 2
    return n


def _first_true(x: np.ndarray) -> int:
    """Index of the first True of ``x``; ``len(x)`` if none."""
    if not x.shape[0]:
        return 0
    k = int(x.argmax())  # the first True (0 when there is none)
    return k if x[k] else x.shape[0]


@dataclass
class _Episode:
    """An episode waiting for the model: everything but the class probabilities (``p``), which
    one model call per ``process`` block fills in for all of them (``LiftingStage._flush``)."""

    feats: dict[str, float]
    x: np.ndarray | None  # the model's input row; None without a model
    sat: bool  # the posture guard rejected it
    t0: int
    t1: int
    lying_s: float
    sitting_s: float
    peak_flex: float
    held_flex: float | None
    thigh_index: float | None  # the angle-based index when a thigh sensor is worn
    peak_twist: float | None
    gate: dict[str, Any]  # lifting_features.episode_gate values (+ end_of_data)
    gated: bool  # the upright gate rejected it
    p: np.ndarray | None = field(default=None)


class LiftingStage(StageBase):
    """Streaming lift detector; see the module docstring.

    ``model``: the episode classifier (``analysis.models.load_model("lifting",
    settings.model_path)``; the registry passes it). It must be given: ``model=None`` is the
    explicit model-free mode of training, where every episode is offered as a lift."""

    name = "lifting"
    reads = ("pelvis_acc_g", "pelvis_gyr_dps", "pelvis_inclination_deg", "pelvis_flexion_deg",
             "pelvis_lateral_deg", "pelvis_valid", "trunk_acc_g", "trunk_gyr_dps", "trunk_inclination_deg",
             "trunk_flexion_deg", "trunk_lateral_deg", "trunk_valid", "trunk_twist_deg",
             "thigh_inclination_deg", "posture_code")
    emits = ("lift",)
    model_kind = "lifting"

    def __init__(self, settings: LiftingSettings | None = None, *, model: LiftClassifier | None) -> None:
        self.settings = settings or LiftingSettings()
        self.model = model
        # the latest episodes with their features (diagnostics, training); bounded for week-long streams
        self.candidates: deque[dict[str, Any]] = deque(maxlen=MAX_CANDIDATES)
        self.reset()

    # ------------------------------------------------------------------ state
    def reset(self) -> None:
        self._rate: float | None = None
        self._placement: str | None = None
        self._sig: LiftSignals | None = None  # the buffered signals (from the first frame on)
        self._n = 0  # absolute index of the next sample to process
        self._in_exc = False
        self._exc_start = 0
        self._exc_end = -1  # absolute index where inclination fell below exit (pending close)
        self._low: Excursion | None = None
        self._move_start = -1  # start of a movement while low (absolute index), -1 = none
        self._pending_down: Excursion | None = None  # rejected excursion that may be a descent
        self._sustained = False  # a too-long excursion was dropped; wait for upright
        self._at_end = False  # finish() is closing an excursion the data cut off mid-bend
        self._queue: list[_Episode] = []  # episodes of this block, rated together at its end
        self._down_job: _Episode | None = None  # the queued rating that decides _pending_down
        self._counts = {"squat": 0, "stoop": 0, "mixed": 0, "undetermined": 0}
        self.candidates = deque(maxlen=MAX_CANDIDATES)

    # ------------------------------------------------------------------ input
    def _source(self, frame: BodyFrame) -> str | None:
        """The sensor lifts are read from (pelvis, else trunk); None when neither is worn."""
        for p in (Placement.PELVIS.value, Placement.TRUNK.value):
            if frame.has(f"{p}_inclination_deg") and frame.has(f"{p}_acc_g"):
                return p
        return None

    def _trim(self) -> None:
        """Drop buffered samples no open excursion/low phase/still search can still need."""
        keep_from = self._n - int((self.settings.max_excursion_s + 2 * self.settings.still_search_s) * self._rate)
        back = int(self.settings.zupt_back_s * self._rate) + 1  # displacement looks back for a rest
        if self._in_exc:
            keep_from = min(keep_from, self._exc_start - int(2 * self.settings.still_search_s * self._rate) - back)
        if self._low is not None:
            keep_from = min(keep_from, self._low.s - back)
        if self._pending_down is not None:
            keep_from = min(keep_from, self._pending_down.s - back)
        self._sig.drop_before(keep_from)

    # ------------------------------------------------------------------ processing
    def process(self, frame: BodyFrame) -> StageOutput:
        """Consume one BodyFrame block; return lift events that became final in it."""
        if len(frame) == 0:
            return StageOutput([], [])
        if self._rate is None:
            self._rate = float(frame.rate_hz)
            self._placement = self._source(frame)
            if self._placement is not None:
                self._sig = LiftSignals(self.settings, self._placement, self._rate)
        elif abs(frame.rate_hz - self._rate) > 1e-9:
            raise ValueError(f"BodyFrame rate changed from {self._rate} to {frame.rate_hz} Hz")
        if self._placement is None:  # e.g. a thigh-only recording: no trunk/pelvis, no lifts
            return StageOutput([], [])
        sig = self._sig
        assert sig is not None
        sig.append(frame)
        events: list[Event] = []
        st = self.settings
        end = sig.off + sig.buf["t_ns"].shape[0]
        inc = sig.buf["inc"]
        search = int(st.still_search_s * self._rate)
        max_exc = int(st.max_excursion_s * self._rate)
        max_low = int(st.max_low_s * self._rate)
        while self._n < end:
            i = self._n
            # Fast-forward over samples where nothing can change (quiet standing, the middle
            # of an excursion): same result as stepping, far fewer Python iterations.
            jump = self._next_interesting(i, end, inc, max_exc)
            if jump > i:
                self._n = jump
                if self._pending_down is not None and jump - 1 - self._pending_down.e > max_low:
                    self._pending_down = self._down_job = None
                if self._low is not None and jump - 1 - self._low.e > max_low:
                    self._low = None
                continue
            x = inc[i - sig.off]
            if self._sustained:  # after a too-long excursion: wait until upright again
                if x < st.exit_deg:
                    self._sustained = False
            elif not self._in_exc:
                if self._exc_end >= 0:
                    # an ended excursion waits for a still moment (≤ still_search_s)
                    if sig.still(i) or i - self._exc_end >= search:
                        events += self._close_excursion(self._exc_start, i)
                        self._exc_end = -1
                    elif x > st.enter_deg:  # re-entry before settling: one excursion
                        self._in_exc = True
                        self._exc_end = -1
                elif x > st.enter_deg:
                    self._in_exc = True
                    self._move_start = -1
                    self._exc_start = self._start_of(i)
            else:
                if x < st.exit_deg:
                    self._in_exc = False
                    self._exc_end = i
                elif i - self._exc_start > max_exc:  # sustained bend: not a lift; drop it
                    self._in_exc = False
                    self._low = None
                    self._sustained = True
            if self._pending_down is not None and i - self._pending_down.e > max_low:
                self._pending_down = self._down_job = None
            if self._low is not None:
                if i - self._low.e > max_low:
                    self._low = None  # stayed low (sat down): not a lift
                elif not self._in_exc and self._exc_end < 0 and i > self._low.e:
                    events += self._track_rise(i)
            self._n += 1
        events += self._flush()
        self._pending()  # settled before _trim reads it
        self._trim()
        return StageOutput([], events)

    def _next_interesting(self, i: int, end: int, inc: np.ndarray, max_exc: int) -> int:
        """First absolute index ≥ i where the per-sample state machine may act (i itself when
        unsure): while idle the next inclination above enter_deg; inside an excursion the next
        one below exit_deg or the max_excursion_s limit; after an excursion the next still
        sample, re-entry or the end of the still search; while low (tracking the rise) the next
        sample where a movement starts or stops. Samples in between only age the low phase and
        the pending descent, which the caller applies at the jump."""
        if (self._exc_end >= 0 or self._low is not None) and end - i < _STEP_SPAN:
            return i  # a live-sized block: stepping costs less than looking ahead
        st = self.settings
        off = self._sig.off
        seg = inc[i - off : end - off]
        if self._sustained or self._in_exc:
            stop = i + _first(seg, st.exit_deg, below=True)
            if self._in_exc:
                stop = min(stop, max(i, self._exc_start + max_exc + 1))
            return stop
        enter = i + _first(seg, st.enter_deg, below=False)
        if self._exc_end >= 0:  # a still moment, re-entry, or the search limit
            still = self._sig.buf["still"][i - off : enter - off]
            return min(enter, i + _first_true(still), max(i, self._exc_end + int(st.still_search_s * self._rate)))
        if self._low is None:
            return enter
        # low: _track_rise acts where a movement starts (still → moving) or, once one started,
        # at the next still sample; the low phase ends max_low_s after it
        stop = min(enter, max(i, self._low.e + int(st.max_low_s * self._rate) + 1))
        a = max(i, self._low.e + 1)  # _track_rise runs only after the low excursion's end
        if a >= stop:
            return min(a, stop) if a > i else i
        still = self._sig.buf["still"][a - 1 - off : stop - off]  # from the sample before a
        if self._move_start >= 0:
            return a + _first_true(still[1:])
        return a + _first_true(~still[1:] & still[:-1])

    def _track_rise(self, i: int) -> list[Event]:
        """While low: a movement between two still moments that lifts the hips ``up_m`` is the
        way up even when the segment barely tilts (getting up from a squat with a straight back)."""
        still = self._sig.still(i)
        if self._move_start < 0:
            if not still and self._sig.still(i - 1):
                self._move_start = i - 1
            return []
        if not still:
            return []
        s = self._move_start
        if i - s < 3:
            self._move_start = -1
            return []
        disp = self._sig.displacement(s, i)
        if disp[-1] < self.settings.up_m:
            # a brief pause mid-rise is not the end of the movement: give up only after a
            # still run of zupt_min_s
            m = max(1, int(round(self.settings.zupt_min_s * self._rate)))
            if i - m + 1 <= s or self._sig.buf["still"][i - m + 1 - self._sig.off : i + 1 - self._sig.off].all():
                self._move_start = -1
            return []
        self._move_start = -1
        rise = Excursion(s, i, float(np.max(self._sig.seg("inc", s, i))), float(disp[-1]), float(disp.min()))
        first, self._low = self._low, None
        return self._episode(first, rise)

    def _start_of(self, i: int) -> int:
        """Excursion start: back to where inclination was below exit, then to a still moment."""
        st = self.settings
        inc = self._sig.buf["inc"]
        j = i
        while j > self._sig.off and inc[j - self._sig.off] > st.exit_deg:
            j -= 1
        search = int(st.still_search_s * self._rate)
        k = j
        while k > self._sig.off and j - k < search and not self._sig.still(k):
            k -= 1
        return k

    def _close_excursion(self, s: int, e: int) -> list[Event]:
        st = self.settings
        if e - s < 2:
            return []
        disp = self._sig.displacement(s, e)
        exc = Excursion(s, e, float(np.max(self._sig.seg("inc", s, e))), float(disp[-1]), float(disp.min()))
        if exc.peak_inc < st.min_peak_deg:
            return []
        if self._low is None:
            if exc.net_m <= -st.down_m and (e - s) <= st.max_down_s * self._rate:
                self._low = exc  # went down and stayed: wait for the way up
                return []
            down = self._pending_down  # (its rating is asked only when it matters)
            if (down is not None and exc.net_m >= st.up_m and exc.s - down.e <= st.max_low_s * self._rate
                    and self._pending() is not None):
                # a rise after a rejected, somewhat-down excursion: the two halves of one squat
                # whose descent the double integration under-measured
                self._pending_down = None
                return self._episode(down, exc)
            self._episode(exc, None)
            # kept only if rejected (model-free training runs offer both): known once rated
            if exc.net_m < 0 and (e - s) <= st.max_down_s * self._rate:
                self._pending_down, self._down_job = exc, self._queue[-1]
            else:
                self._pending_down = self._down_job = None
            return []
        first = self._low
        if exc.net_m <= -st.down_m and (e - s) <= st.max_down_s * self._rate:  # further down: restart the low phase here
            self._low = exc
            return []
        # the next excursion after going down is the way up (it need not measure up_m: a
        # short ZUPT-integrated rise is often underestimated)
        self._low = None
        return self._episode(first, exc)

    def _pending(self) -> Excursion | None:
        """``_pending_down`` once its own episode's rating is known (rated alone if that has to
        happen before the block's batch): a descent whose episode became a lift is not kept."""
        job, self._down_job = self._down_job, None
        if job is not None and not self._rejected(job):
            self._pending_down = None
        return self._pending_down

    def _rate_now(self, job: _Episode) -> None:
        if job.p is None and job.x is not None:
            job.p = self.model.proba(job.x[None, :])[0]

    def _p_lift(self, job: _Episode) -> tuple[float, float]:
        """(P(lift), model index) of a rated episode."""
        if self.model is None:  # no model: every episode is a lift, index from peak inclination alone
            return 1.0, float(np.clip((job.feats["peak_inc_deg"] - 20.0) / 40.0 * 100.0, 0, 100))
        self._rate_now(job)
        pr = dict(zip(self.model.classes, job.p))
        p_lift = pr["squat"] + pr["stoop"]
        return p_lift, 100.0 * pr["stoop"] / max(p_lift, 1e-12)

    def _rejected(self, job: _Episode) -> bool:
        """Whether the episode gives no lift event (always, for the model-free training runs)."""
        return (self.model is None or job.sat or job.gated
                or self._p_lift(job)[0] < self.settings.min_lift_probability)

    def _episode(self, a: Excursion, b: Excursion | None) -> list[Event]:
        """Queue one episode for rating at the end of the block (``_flush``); returns []."""
        st = self.settings
        s, e = a.s, (b.e if b is not None else a.e)
        feats = episode_features(self._sig, a, b, self.settings)
        posture = self._sig.seg("posture", s, e)
        # posture stage's word (when asked): lying anywhere, or sitting in the low phase → no lift
        lying_s = float(np.count_nonzero(posture == POSTURE_LYING)) / self._rate
        sit_low_s = (float(np.count_nonzero(posture[a.e - s : b.s - s + 1] == POSTURE_SITTING)) / self._rate
                     if b is not None else 0.0)
        sat = st.use_posture and (
            lying_s > st.posture_lying_s
            or (st.posture_guard_sitting and b is not None and sit_low_s > st.posture_sit_low_s)
        )
        gate = episode_gate(self._sig, s, e, st.end_state_s)
        # the gate values are also model inputs (gate_*; a model uses those its feature list names)
        feats.update({f"gate_{k}": float(v) for k, v in gate.items()})
        gate["end_of_data"] = self._at_end
        x = None
        if self.model is not None:
            x = np.array([feats[k] for k in self.model.features])
            x = np.where(np.isfinite(x), x, self.model.mean)  # unknown feature → neutral value
        flex = self._sig.seg("flex", s, e)
        i_pk = int(np.nanargmax(flex)) if np.any(np.isfinite(flex)) else int(np.argmax(self._sig.seg("inc", s, e)))
        peak_flex = float(flex[i_pk]) if np.isfinite(flex[i_pk]) else feats["peak_inc_deg"]
        held_flex = held_max(flex, int(round(st.held_s * self._rate)))
        thigh = self._sig.seg("thigh", s, e)
        thigh_index = None
        if np.isfinite(thigh[i_pk]):
            th = max(0.0, float(thigh[i_pk]))
            thigh_index = 100.0 * max(peak_flex, 0.0) / max(max(peak_flex, 0.0) + th, 1e-6)
        twist = self._sig.seg("twist", s, e)
        # twist counts while flexed (≥ twist_flexed_deg): the loaded, risky part of the lift
        flexed = flexed_mask(flex, st.twist_flexed_deg)
        tw = np.abs(twist[flexed]) if flexed.any() else np.abs(twist)
        peak_twist = float(np.nanmax(tw)) if np.any(np.isfinite(tw)) else None
        self._queue.append(_Episode(
            feats, x, sat, int(self._sig.seg("t_ns", s, s)[0]), int(self._sig.seg("t_ns", e, e)[0]), lying_s,
            float(np.count_nonzero(posture == POSTURE_SITTING)) / self._rate, peak_flex, held_flex, thigh_index,
            peak_twist, gate, not upright_gate(gate, st)))
        return []

    def _flush(self) -> list[Event]:
        """Rate the queued episodes in one model call (rows are rated independently: the same
        probabilities as one call each) and turn them into candidates and events, in order."""
        queue, self._queue = self._queue, []
        todo = [job for job in queue if job.p is None and job.x is not None]
        if todo:
            for job, p in zip(todo, self.model.proba(np.stack([job.x for job in todo]))):
                job.p = p
        events: list[Event] = []
        for job in queue:
            events += self._lift_event(job)
        return events

    def _lift_event(self, job: _Episode) -> list[Event]:
        st = self.settings
        p_lift, index_model = self._p_lift(job)
        if job.thigh_index is not None:
            index, source = job.thigh_index, "thigh"
        else:
            index, source = index_model, "waist_model" if self.model is not None else "peak_angle"
        cand = {"t_ns": job.t0, "end_ns": job.t1, "features": job.feats, "p_lift": float(p_lift),
                "index": float(index), "sat": job.sat, "gate": job.gate, "posture_sitting_s": job.sitting_s,
                "posture_lying_s": job.lying_s, "gated": job.gated}
        self.candidates.append(cand)
        if job.sat or job.gated or p_lift < st.min_lift_probability:
            return []
        guess = technique_of(index, st)
        ambiguous = source == "waist_model" and technique_ambiguous(guess, job.feats["peak_gyr_dps"], st)
        tech = "undetermined" if ambiguous else guess
        self._counts[tech] += 1
        t0, t1 = job.t0, job.t1
        return [
            Event(
                "lift",
                t0,
                t1,
                {
                    "technique": tech,
                    "technique_ambiguous": ambiguous,
                    "technique_guess": guess,
                    "stoop_squat_index": round(float(index), 1),
                    "peak_trunk_flexion_deg": round(job.peak_flex, 1),
                    "held_trunk_flexion_deg": None if job.held_flex is None else round(job.held_flex, 1),
                    "peak_twist_deg": None if job.peak_twist is None else round(job.peak_twist, 1),
                    "duration_s": round((t1 - t0) / NS_PER_S, 2),
                    "index_source": source,
                },
            )
        ]

    def finish(self) -> StageOutput:
        """Flush at the end of the stream: a pending or still-open excursion is closed at the
        last sample (a recording that stops before the segment is back under ``exit_deg``)."""
        events: list[Event] = []
        if (self._exc_end >= 0 or self._in_exc) and self._sig is not None and self._sig.buf:
            last = self._sig.off + self._sig.buf["t_ns"].shape[0] - 1
            self._at_end = self._in_exc  # cut off while still tilted (not yet back under exit_deg)
            events = self._close_excursion(self._exc_start, last)
            self._at_end = False
        self._exc_end = -1
        self._in_exc = False
        events += self._flush()
        self._pending()
        return StageOutput([], events)

    def summary(self) -> dict[str, Any]:
        """``{"lifts": {"count", "squat", "stoop", "mixed", "undetermined"}}`` for summary.json."""
        c = self._counts
        return {"lifts": {"count": sum(c.values()), **c}}


def flexed_mask(flex: np.ndarray, flexed_deg: float) -> np.ndarray:
    """``np.nan_to_num(flex, nan=-np.inf) >= flexed_deg`` (samples flexed at least that far; NaN:
    not flexed). For a threshold within ±the largest float the comparison alone gives the same
    mask (NaN compares False as nan_to_num's -inf did, ±inf as its ±largest float did) without
    nan_to_num's copies and masks (~30 us an episode, #20)."""
    if -_BIG < flexed_deg <= _BIG:
        return flex >= flexed_deg
    return np.nan_to_num(flex, nan=-np.inf) >= flexed_deg


def technique_of(index: float, st: LiftingSettings) -> str:
    """squat / stoop / mixed from a stoop-squat index (0 = full squat, 100 = full stoop)."""
    return "squat" if index <= st.squat_max_index else "stoop" if index >= st.stoop_min_index else "mixed"


def technique_ambiguous(technique: str, peak_gyr_dps: float, st: LiftingSettings) -> bool:
    """Whether a waist-model technique call cannot be trusted (``ambiguous_below_gyr_dps``): a
    stoop or mixed call on an episode whose pelvis never turned faster than that (deg/s), where
    a squat's hip drop is lost before the model sees it."""
    return technique != "squat" and peak_gyr_dps < st.ambiguous_below_gyr_dps


def upright_gate(gate: dict[str, Any], st: LiftingSettings) -> bool:
    """True when an episode's gate values (``lifting_features.episode_gate``) allow a lift under
    ``st``'s upright gate (see :class:`LiftingSettings`)."""
    if st.gate_cut_off and gate["end_of_data"]:
        return False
    if gate["turn_deg"] > st.gate_max_turn_deg:
        return False
    # NaN (too short to fit a plane) compares False: not gated
    if gate["offplane_deg"] > st.gate_max_offplane_deg:
        return False
    if gate["peak_tilt_deg"] >= st.gate_tilted_deg and gate["offplane_deg"] > st.gate_max_offplane_tilted_deg:
        return False
    return gate[f"horizontal_still_s_{st.gate_horizontal_deg:g}"] <= st.gate_max_horizontal_s
