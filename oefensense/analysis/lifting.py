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
   not-a-lift / squat / stoop. ``stoop_squat_index`` = 100·P(stoop | lift). When a thigh sensor
   is worn the index comes from the angles instead (Schmid 2022 Stoop-Squat-Index idea):
   100 · trunk flexion / (trunk flexion + thigh inclination) at peak trunk flexion.
5. *Posture guard* (``use_posture``, on; needs ``posture_code``): lying for more than
   ``posture_lying_s`` inside the episode → no lift; optionally sitting in the low phase.

Events (``type="lift"``, fields): ``technique`` squat|stoop|mixed, ``stoop_squat_index`` 0..100,
``peak_trunk_flexion_deg``, ``held_trunk_flexion_deg`` (the flexion kept for ``held_s``), ``peak_twist_deg`` (None without a twist channel), ``duration_s``.
The lift ends at the first still moment after the segment is back under ``exit_deg`` (or
``still_search_s`` later if the person keeps moving); the event is final at that very sample, so
it leaves the stage within one sample of ``end_s``. Chunk-invariant: all state advances sample
by sample; features are computed on buffered samples only.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Event, Placement

from .base import StageBase, StageOutput
from .lifting_model import CLASSES, LiftClassifier  # noqa: F401 - CLASSES: the model's class names

G_MS2 = 9.80665
SHAPE_POINTS = 12  # episode time courses resampled to this many points (shape features)
SHAPE_SIGNALS = ("inc", "av", "gyr", "flex")
HAND_FEATURES = (
    "peak_inc_deg",
    "depth_m",
    "first_net_m",
    "duration_s",
    "hold_s",
    "two_part",
    "peak_gyr_dps",
    "hold_gyr_dps",
    "max_av_g",
    "min_av_g",
    "hold_inc_deg",
    "inc_per_depth",
    "total_net_m",
    "hold_av_std_g",
    "first_max_av_g",
    "first_min_av_g",
    "end_inc_deg",
    "quiet_gyr_dps",
    "quiet_acc_std_g",
    "quiet_inc_deg",
    "min_flex_deg",
    "quiet_flex_deg",
    "low_plateau_gyr_dps",
    "low_min_flex_deg",
    "down_max_av_g",
    "up_max_av_g",
)
# Bottom-of-movement, end-vs-start and log-scale features (inputs of the gradient-boosted model
# since it replaced the logistic one; docs/lifting.md has what each one measured).
EXTRA_FEATURES = ("low_plateau_s", "low_inc_deg", "low_max_inc_deg", "low_flex_deg", "down_min_av_g",
                  "up_min_av_g", "low_min_m", "rise_m", "t_low_frac", "end_start_tilt_deg",
                  "end_start_flex_deg", "abs_net_m", "log_quiet_gyr", "log_low_gyr")
FEATURE_NAMES = HAND_FEATURES + EXTRA_FEATURES + tuple(
    f"shape_{sig}_{k:02d}" for sig in SHAPE_SIGNALS + ("disp",) for k in range(SHAPE_POINTS)
)
MAX_CANDIDATES = 200  # diagnostics kept per stream (each ~6 KB: 2000 held 13 MB after ~7 h)
POSTURE_LYING = 0  # indices into the posture stage's posture_code labels
POSTURE_SITTING = 1


@dataclass
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
    zupt_min_s: float = 0.3  # zero-velocity updates only in still runs at least this long (s)
    end_state_s: float = 0.25  # end_vs_start features: rest posture over this much at each end (s)
    plateau_m: float = 0.08  # "low plateau" feature: hips within this of their lowest point (m)
    max_excursion_s: float = 20.0  # longer excursions are not lifts (e.g. sustained bending)
    squat_max_index: float = 40.0  # index ≤ this → squat
    stoop_min_index: float = 60.0  # index ≥ this → stoop; between → mixed
    min_lift_probability: float = 0.6  # P(lift) below this → no event (chosen on SisFall, docs/lifting.md)
    model_path: str = ""
    twist_flexed_deg: float = 20.0  # peak_twist_deg is taken where trunk flexion ≥ this
    # posture guard (needs the posture stage's posture_code; without it nothing changes). Measured
    # in docs/lifting.md: lying > 3 s drops brief-lying false lifts at no cost on the lift trials;
    # the sitting rule is off because the posture model calls squats "sitting" as often as sit-downs.
    use_posture: bool = True
    posture_lying_s: float = 3.0  # lying for more than this (s) in the episode → no lift
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


@dataclass
class _Excursion:
    s: int  # absolute sample index, inclusive (widened start)
    e: int  # absolute sample index, inclusive (widened end)
    peak_inc: float
    net_m: float
    min_m: float


def _trailing_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Mean of the last ≤ w samples at each index (causal)."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(1, x.shape[0] + 1)
    lo = np.maximum(i - w, 0)
    return (c[i] - c[lo]) / (i - lo)


def _trailing_std(x: np.ndarray, w: int) -> np.ndarray:
    """Standard deviation of the last ≤ w samples at each index (causal)."""
    m = _trailing_mean(x, w)
    m2 = _trailing_mean(x * x, w)
    return np.sqrt(np.maximum(m2 - m * m, 0.0))


def _finite_mean(x: np.ndarray) -> float:
    """Mean of the finite values, 0.0 when there are none."""
    f = x[np.isfinite(x)]
    return float(f.mean()) if f.size else 0.0


def _channel(frame: BodyFrame, *names: str) -> np.ndarray | None:
    for n in names:
        if frame.has(n):
            return np.asarray(frame[n])
    return None


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
        self._buf: dict[str, np.ndarray] = {}
        self._off = 0  # absolute index of _buf[...][0]
        self._n = 0  # absolute index of the next sample to process
        self._in_exc = False
        self._exc_start = 0
        self._exc_end = -1  # absolute index where inclination fell below exit (pending close)
        self._low: _Excursion | None = None
        self._move_start = -1  # start of a movement while low (absolute index), -1 = none
        self._pending_down: _Excursion | None = None  # rejected excursion that may be a descent
        self._sustained = False  # a too-long excursion was dropped; wait for upright
        self._counts = {"squat": 0, "stoop": 0, "mixed": 0}
        self._ref: np.ndarray | None = None  # standing up-vector (segment axes), see LiftingSettings
        self.candidates = deque(maxlen=MAX_CANDIDATES)

    # ------------------------------------------------------------------ input
    def _source(self, frame: BodyFrame) -> str | None:
        """The sensor lifts are read from (pelvis, else trunk); None when neither is worn."""
        for p in (Placement.PELVIS.value, Placement.TRUNK.value):
            if frame.has(f"{p}_inclination_deg") and frame.has(f"{p}_acc_g"):
                return p
        return None

    def _append(self, frame: BodyFrame) -> None:
        p = self._placement
        n = len(frame)
        acc = np.asarray(frame[f"{p}_acc_g"], float)
        fl = np.radians(np.asarray(frame[f"{p}_flexion_deg"], float)) if frame.has(f"{p}_flexion_deg") else None
        la = np.radians(np.asarray(frame[f"{p}_lateral_deg"], float)) if frame.has(f"{p}_lateral_deg") else None
        inc = np.asarray(frame[f"{p}_inclination_deg"], float)
        if fl is not None and la is not None:
            # up vector in segment axes: tilt direction from flexion/lateral, size from
            # inclination (stays finite past 90°, unlike tan-based forms)
            h = np.stack([-np.sin(fl), np.sin(la)], axis=1)
            hn = np.linalg.norm(h, axis=1, keepdims=True)
            h = np.divide(h, hn, out=np.zeros_like(h), where=hn > 1e-9)
            ri = np.radians(inc)
            up = np.column_stack([h * np.sin(ri)[:, None], np.cos(ri)])
            av = np.einsum("ij,ij->i", acc, up) - 1.0
        else:  # rotation-invariant fallback: |acc| − 1 ≈ vertical specific force
            av = np.linalg.norm(acc, axis=1) - 1.0
            up = None
        gyr = _channel(frame, f"{p}_gyr_dps")
        gnorm = np.linalg.norm(gyr, axis=1) if gyr is not None else np.full(n, np.nan)
        flex_src = _channel(frame, "trunk_flexion_deg", f"{p}_flexion_deg")
        flex = np.asarray(flex_src, float) if flex_src is not None else inc
        valid = _channel(frame, f"{p}_valid", "valid")
        valid = np.ones(n, bool) if valid is None else np.asarray(valid, bool)
        nan = np.full(n, np.nan)
        twist = _channel(frame, "trunk_twist_deg")
        thigh = _channel(frame, "thigh_inclination_deg")
        posture = _channel(frame, "posture_code")
        inc = np.where(valid & np.isfinite(inc), inc, 0.0)
        up = np.where(valid[:, None], up, np.nan) if up is not None else None  # NaN: no reference update
        new = {
            "t_ns": np.asarray(frame.t_ns, np.int64),
            "inc_abs": inc,
            "inc": inc.copy(),  # replaced by the angle to the standing reference (_relative_inclination)
            "av": np.where(valid & np.isfinite(av), av, 0.0),
            "gyr": np.where(valid, gnorm, 0.0),
            "flex": np.where(valid, flex, np.nan),
            "twist": nan if twist is None else np.asarray(twist, float),
            "thigh": nan if thigh is None else np.asarray(thigh, float),
            "posture": np.full(n, -1, np.int8) if posture is None else np.asarray(posture, np.int8),
        }
        # causal still flag over the last still_window_s: mean |gyro| low and |acc| steady
        # (a pure vertical hip movement barely rotates the pelvis, so gyro alone is not enough)
        w = max(1, int(round(self.settings.still_window_s * self._rate)))
        an = np.where(valid, np.linalg.norm(acc, axis=1), 1.0)  # invalid samples: nothing known, "still"
        if self._buf and w > 1:
            prev_g, prev_a = self._buf["gyr"][-(w - 1):], self._buf["anorm"][-(w - 1):]
        else:
            prev_g = prev_a = np.zeros(0)
        g = np.nan_to_num(np.concatenate([prev_g, new["gyr"]]), nan=1e3)
        a_ = np.concatenate([prev_a, an])
        k = prev_g.shape[0]
        new["anorm"] = an
        new["still"] = (
            (_trailing_mean(g, w) < self.settings.still_gyr_dps)
            & (_trailing_std(a_, w) < self.settings.still_acc_std_g)
        )[k:]
        if up is not None:  # standing reference and end-vs-start features
            new["up"] = up
        if not self._buf:
            self._buf = new
        else:
            self._buf = {k: np.concatenate([self._buf[k], v]) for k, v in new.items() if k in self._buf}
        if "up" in self._buf and self.settings.relative_to_standing:
            self._relative_inclination(n)

    def _relative_inclination(self, n: int) -> None:
        """Replace the last ``n`` buffered inclinations by the angle (deg) to the standing
        reference. The reference is updated only at the end of each ``ref_window_s`` window of
        the absolute sample grid (chunk-invariant), from a quiet window (low |gyro|, steady
        inclination) within ``ref_dev_deg`` of the reference or of absolute upright; it applies
        from the next sample on. Before the first reference the inclination reads 0 (no lifts
        before the first quiet upright stance of the stream)."""
        st = self.settings
        g = max(1, int(round(st.ref_window_s * self._rate)))
        alpha = min(1.0, st.ref_window_s / max(st.ref_tau_s, 1e-9))
        off = self._off
        end = off + self._buf["t_ns"].shape[0]  # absolute index after the last sample
        i0 = end - n
        up, gyr, absinc = self._buf["up"], self._buf["gyr"], self._buf["inc_abs"]
        # the windows of the absolute grid that end inside this block: their statistics at once
        lasts = np.arange((i0 // g + 1) * g - 1, end, g)
        idx = np.clip(lasts[:, None] - g + 1 - off + np.arange(g), 0, None)  # (windows, g)
        uw, ai = up[idx], absinc[idx]
        quiet = ((lasts - g + 1 >= off) & np.isfinite(uw).all(axis=(1, 2))
                 & (gyr[idx].mean(axis=1) < st.ref_gyr_dps) & (np.ptp(ai, axis=1) < st.ref_steady_deg))
        mu = uw.mean(axis=1)
        mu /= np.maximum(np.linalg.norm(mu, axis=1, keepdims=True), 1e-12)
        am = ai.mean(axis=1)
        # the recursion itself: a few scalar steps per quiet window; refs[k + 1] is in force
        # after window k (refs[0] from the block start), NaN = no reference yet
        ref = self._ref
        refs = np.full((lasts.shape[0] + 1, 3), np.nan)
        if ref is not None:
            refs[0] = ref
        set_at = np.zeros(lasts.shape[0] + 1, bool)
        set_at[0] = True
        for k in np.flatnonzero(quiet):
            m = mu[k]
            if ref is None:
                if am[k] >= st.ref_init_deg:
                    continue
                ref = m.copy()
            elif am[k] < st.ref_dev_deg or np.degrees(np.arccos(np.clip(m @ ref, -1.0, 1.0))) < st.ref_dev_deg:
                r = ref + alpha * (m - ref)
                ref = r / np.linalg.norm(r)
            else:
                continue
            refs[k + 1] = ref
            set_at[k + 1] = True
        self._ref = ref
        refs = refs[np.maximum.accumulate(np.where(set_at, np.arange(set_at.shape[0]), 0))]  # forward fill
        # per sample: the reference in force (from the sample after a window's end)
        bounds = np.concatenate([[i0], lasts + 1, [end]])
        per = np.repeat(refs, np.diff(bounds), axis=0)
        c = np.clip(np.einsum("ij,ij->i", up[i0 - off :], per), -1.0, 1.0)
        # no reference yet (stream start, filter settling) or an invalid sample: 0, no lifts
        self._buf["inc"][i0 - off :] = np.nan_to_num(np.degrees(np.arccos(c)), nan=0.0)

    def _trim(self) -> None:
        """Drop buffered samples no open excursion/low phase/still search can still need."""
        keep_from = self._n - int((self.settings.max_excursion_s + 2 * self.settings.still_search_s) * self._rate)
        if self._in_exc:
            keep_from = min(keep_from, self._exc_start - int(2 * self.settings.still_search_s * self._rate))
        if self._low is not None:
            keep_from = min(keep_from, self._low.s)
        if self._pending_down is not None:
            keep_from = min(keep_from, self._pending_down.s)
        cut = keep_from - self._off
        if cut > 0:
            self._buf = {k: v[cut:] for k, v in self._buf.items()}
            self._off += cut

    # ------------------------------------------------------------------ helpers
    def _still(self, i: int) -> bool:
        """Causal still flag at absolute index i (mean |gyro| over the last still_window_s)."""
        return bool(self._buf["still"][i - self._off])

    def _displacement(self, s: int, e: int) -> np.ndarray:
        """Vertical hip displacement (m) over absolute [s, e].

        Velocity is zero at every still sample (ZUPT) and at both ends; each moving run is
        integrated on its own with a linear velocity correction, which removes a constant
        accelerometer offset and keeps drift to the length of one movement.
        """
        a = self._seg("av", s, e) * G_MS2
        still = self._seg("still", s, e).copy()
        # zero velocity only in still runs of at least zupt_min_s: at the fastest point of a rise
        # the acceleration and rotation can pause for a moment without the hips being at rest
        m = int(round(self.settings.zupt_min_s * self._rate))
        if m > 1 and still.any():
            edges = np.flatnonzero(np.diff(np.concatenate([[0], still.astype(np.int8), [0]])))
            for r0, r1 in zip(edges[::2], edges[1::2]):
                if r1 - r0 < m:
                    still[r0:r1] = False
        still[0] = still[-1] = True
        dt = 1.0 / self._rate
        v = np.zeros_like(a)
        idx = np.flatnonzero(still)
        for k0, k1 in zip(idx[:-1], idx[1:]):
            if k1 - k0 > 1:
                seg = np.cumsum(a[k0 + 1 : k1 + 1]) * dt
                seg -= np.linspace(seg[0] / (k1 - k0), seg[-1], seg.shape[0])
                v[k0 + 1 : k1 + 1] = seg
        return np.cumsum(v) * dt

    def _seg(self, key: str, s: int, e: int) -> np.ndarray:
        return self._buf[key][s - self._off : e - self._off + 1]

    # ------------------------------------------------------------------ processing
    def process(self, frame: BodyFrame) -> StageOutput:
        """Consume one BodyFrame block; return lift events that became final in it."""
        if len(frame) == 0:
            return StageOutput([], [])
        if self._rate is None:
            self._rate = float(frame.rate_hz)
            self._placement = self._source(frame)
        elif abs(frame.rate_hz - self._rate) > 1e-9:
            raise ValueError(f"BodyFrame rate changed from {self._rate} to {frame.rate_hz} Hz")
        if self._placement is None:  # e.g. a thigh-only recording: no trunk/pelvis, no lifts
            return StageOutput([], [])
        self._append(frame)
        events: list[Event] = []
        st = self.settings
        end = self._off + self._buf["t_ns"].shape[0]
        inc = self._buf["inc"]
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
                    self._pending_down = None
                if self._low is not None and jump - 1 - self._low.e > max_low:
                    self._low = None
                continue
            x = inc[i - self._off]
            if self._sustained:  # after a too-long excursion: wait until upright again
                if x < st.exit_deg:
                    self._sustained = False
            elif not self._in_exc:
                if self._exc_end >= 0:
                    # an ended excursion waits for a still moment (≤ still_search_s)
                    if self._still(i) or i - self._exc_end >= search:
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
                self._pending_down = None
            if self._low is not None:
                if i - self._low.e > max_low:
                    self._low = None  # stayed low (sat down): not a lift
                elif not self._in_exc and self._exc_end < 0 and i > self._low.e:
                    events += self._track_rise(i)
            self._n += 1
        self._trim()
        return StageOutput([], events)

    def _next_interesting(self, i: int, end: int, inc: np.ndarray, max_exc: int) -> int:
        """First absolute index ≥ i where the per-sample state machine may act (i itself when
        unsure): while idle the next inclination above enter_deg; inside an excursion the next
        one below exit_deg or the max_excursion_s limit."""
        if self._exc_end >= 0 or self._low is not None:
            return i  # waiting for a still moment / tracking the rise: step sample by sample
        st = self.settings
        seg = inc[i - self._off : end - self._off]
        if self._sustained or self._in_exc:
            hit = np.flatnonzero(seg < st.exit_deg)
            stop = i + (int(hit[0]) if hit.size else seg.shape[0])
            if self._in_exc:
                stop = min(stop, max(i, self._exc_start + max_exc + 1))
            return stop
        hit = np.flatnonzero(seg > st.enter_deg)
        return i + (int(hit[0]) if hit.size else seg.shape[0])

    def _track_rise(self, i: int) -> list[Event]:
        """While low: a movement between two still moments that lifts the hips ``up_m`` is the
        way up even when the segment barely tilts (getting up from a squat with a straight back)."""
        still = self._still(i)
        if self._move_start < 0:
            if not still and self._still(i - 1):
                self._move_start = i - 1
            return []
        if not still:
            return []
        s = self._move_start
        if i - s < 3:
            self._move_start = -1
            return []
        disp = self._displacement(s, i)
        if disp[-1] < self.settings.up_m:
            # a brief pause mid-rise is not the end of the movement: give up only after a
            # still run of zupt_min_s
            m = max(1, int(round(self.settings.zupt_min_s * self._rate)))
            if i - m + 1 <= s or self._buf["still"][i - m + 1 - self._off : i + 1 - self._off].all():
                self._move_start = -1
            return []
        self._move_start = -1
        rise = _Excursion(s, i, float(np.max(self._seg("inc", s, i))), float(disp[-1]), float(disp.min()))
        first, self._low = self._low, None
        return self._episode(first, rise)

    def _start_of(self, i: int) -> int:
        """Excursion start: back to where inclination was below exit, then to a still moment."""
        st = self.settings
        inc = self._buf["inc"]
        j = i
        while j > self._off and inc[j - self._off] > st.exit_deg:
            j -= 1
        search = int(st.still_search_s * self._rate)
        k = j
        while k > self._off and j - k < search and not self._still(k):
            k -= 1
        return k

    def _close_excursion(self, s: int, e: int) -> list[Event]:
        st = self.settings
        if e - s < 2:
            return []
        disp = self._displacement(s, e)
        exc = _Excursion(s, e, float(np.max(self._seg("inc", s, e))), float(disp[-1]), float(disp.min()))
        if exc.peak_inc < st.min_peak_deg:
            return []
        if self._low is None:
            if exc.net_m <= -st.down_m and (e - s) <= st.max_down_s * self._rate:
                self._low = exc  # went down and stayed: wait for the way up
                return []
            down = self._pending_down
            if down is not None and exc.net_m >= st.up_m and exc.s - down.e <= st.max_low_s * self._rate:
                # a rise after a rejected, somewhat-down excursion: the two halves of one squat
                # whose descent the double integration under-measured
                self._pending_down = None
                return self._episode(down, exc)
            events = self._episode(exc, None)
            rejected = not events or self.model is None  # model-free (training) runs offer both
            self._pending_down = exc if rejected and exc.net_m < 0 and (e - s) <= st.max_down_s * self._rate else None
            return events
        first = self._low
        if exc.net_m <= -st.down_m and (e - s) <= st.max_down_s * self._rate:  # further down: restart the low phase here
            self._low = exc
            return []
        # the next excursion after going down is the way up (it need not measure up_m: a
        # short ZUPT-integrated rise is often underestimated)
        self._low = None
        return self._episode(first, exc)

    def features(self, a: _Excursion, b: _Excursion | None) -> dict[str, float]:
        """Episode features (units in the names) from one or two excursions."""
        s, e = a.s, (b.e if b is not None else a.e)
        inc = self._seg("inc", s, e)
        gyr = self._seg("gyr", s, e)
        av = self._seg("av", s, e)
        fa = self._seg("av", a.s, a.e)
        hold_av_std = 0.0
        if b is not None:
            hold = slice(a.e - s, b.s - s + 1)
            hold_av_std = float(np.std(av[hold])) if b.s > a.e else 0.0
            hold_s = (b.s - a.e) / self._rate
            hold_gyr = float(np.nanmean(gyr[hold])) if b.s > a.e else 0.0
            hold_inc = float(np.mean(inc[hold])) if b.s > a.e else float(inc[a.e - s])
            depth = a.min_m
        else:
            hold_s, hold_gyr, hold_inc, depth = 0.0, 0.0, 0.0, a.min_m
        peak = float(np.max(inc))
        f = {
            "peak_inc_deg": peak,
            "depth_m": depth,
            "first_net_m": a.net_m,
            "duration_s": (e - s) / self._rate,
            "hold_s": hold_s,
            "two_part": float(b is not None),
            "peak_gyr_dps": float(np.nanmax(gyr)) if np.any(np.isfinite(gyr)) else 0.0,
            "hold_gyr_dps": hold_gyr,
            "max_av_g": float(np.max(av)),
            "min_av_g": float(np.min(av)),
            "hold_inc_deg": hold_inc,
            "inc_per_depth": peak / max(0.05, -depth),
            "total_net_m": a.net_m + (b.net_m if b is not None else 0.0),
            "hold_av_std_g": hold_av_std,
            "first_max_av_g": float(np.max(fa)),
            "first_min_av_g": float(np.min(fa)),
            "end_inc_deg": float(inc[-1]),
            **self._quiet(s, e),
            **self._low_plateau(s, e),
            **self._end_vs_start(s, e),
            "min_flex_deg": float(np.nanmin(self._seg("flex", s, e))) if np.any(np.isfinite(self._seg("flex", s, e))) else 0.0,
            **self._shape(s, e),
        }
        # nonlinear views a linear model cannot form itself: hips ending far from where they
        # started (either way), and stillness on a log scale (a seat is stiller than a squat)
        f["abs_net_m"] = abs(f["total_net_m"])
        f["log_quiet_gyr"] = float(np.log(max(f["quiet_gyr_dps"], 0.1)))
        f["log_low_gyr"] = float(np.log(max(f["low_plateau_gyr_dps"], 0.1)))
        return f

    def _end_vs_start(self, s: int, e: int) -> dict[str, float]:
        """How the rest posture after the episode differs from the one before it: the angle
        between the segment's mean up-vectors (deg) over the first and last ``end_state_s`` of
        the episode (both ends are widened to still moments), and the change in flexion (deg).
        A lift starts and ends standing; sitting down or getting up from a chair does not."""
        k = max(1, int(round(self.settings.end_state_s * self._rate)))
        k = min(k, max(1, (e - s + 1) // 3))
        flex = self._seg("flex", s, e)
        d_flex = _finite_mean(flex[-k:]) - _finite_mean(flex[:k])
        tilt = float("nan")
        if "up" in self._buf:
            up = self._seg("up", s, e)
            a, b = np.nanmean(up[:k], axis=0), np.nanmean(up[-k:], axis=0)
            na, nb = np.linalg.norm(a), np.linalg.norm(b)
            if np.isfinite(na) and np.isfinite(nb) and na > 1e-9 and nb > 1e-9:
                tilt = float(np.degrees(np.arccos(np.clip(a @ b / (na * nb), -1.0, 1.0))))
        return {"end_start_tilt_deg": tilt, "end_start_flex_deg": d_flex}

    def _low_plateau(self, s: int, e: int) -> dict[str, float]:
        """How long the hips stay near their lowest point (s), the |gyro| there (deg/s), and the
        hip-height time course (m, SHAPE_POINTS points). A sit-down rests low and still on the
        seat for seconds; a squat turns round at the bottom."""
        disp = self._displacement(s, e)
        low = disp <= disp.min() + self.settings.plateau_m
        g = np.nan_to_num(self._seg("gyr", s, e), nan=0.0)
        xi = np.interp(np.linspace(0, disp.shape[0] - 1, SHAPE_POINTS), np.arange(disp.shape[0]), disp)
        inc = self._seg("inc", s, e)
        flex = np.nan_to_num(self._seg("flex", s, e), nan=0.0)
        av = self._seg("av", s, e)
        k = int(np.argmin(disp))
        return {"low_plateau_s": float(np.count_nonzero(low)) / self._rate,
                "low_plateau_gyr_dps": float(np.mean(g[low])),
                "low_inc_deg": float(np.mean(inc[low])),
                "low_max_inc_deg": float(np.max(inc[low])),
                "low_flex_deg": float(np.mean(flex[low])),
                "low_min_flex_deg": float(np.min(flex[low])),
                "down_max_av_g": float(np.max(av[: k + 1])),
                "up_max_av_g": float(np.max(av[k:])),
                "down_min_av_g": float(np.min(av[: k + 1])),
                "up_min_av_g": float(np.min(av[k:])),
                "low_min_m": float(disp[k]),
                "rise_m": float(disp[-1] - disp[k]),
                "t_low_frac": k / max(1, disp.shape[0] - 1),
                **{f"shape_disp_{k:02d}": float(v) for k, v in enumerate(xi)}}

    def _shape(self, s: int, e: int) -> dict[str, float]:
        """Inclination (deg), vertical acceleration (g) and |gyro| (deg/s) over the episode,
        resampled to SHAPE_POINTS points: the time course separates squat, stoop, sitting."""
        out: dict[str, float] = {}
        for sig in SHAPE_SIGNALS:
            x = np.nan_to_num(self._seg(sig, s, e))
            xi = np.interp(np.linspace(0, x.shape[0] - 1, SHAPE_POINTS), np.arange(x.shape[0]), x)
            out.update({f"shape_{sig}_{k:02d}": float(v) for k, v in enumerate(xi)})
        return out

    def _quiet(self, s: int, e: int) -> dict[str, float]:
        """The quietest second inside the episode (a supported seat is stiller than a squat):
        its mean |gyro| (deg/s), std of |acc| (g) and mean inclination (deg)."""
        w = int(self._rate)
        g = self._seg("gyr", s, e)
        n = g.shape[0]
        if n < w + 2:
            return {"quiet_gyr_dps": float(np.nanmean(g)), "quiet_acc_std_g": float(np.std(self._seg("anorm", s, e))),
                    "quiet_inc_deg": float(np.mean(self._seg("inc", s, e))),
                    "quiet_flex_deg": _finite_mean(self._seg("flex", s, e))}
        gm = np.convolve(np.nan_to_num(g, nan=1e3), np.ones(w) / w, mode="valid")
        a = self._seg("anorm", s, e)
        am = np.convolve(a, np.ones(w) / w, mode="valid")
        a2 = np.convolve(a * a, np.ones(w) / w, mode="valid")
        astd = np.sqrt(np.maximum(a2 - am * am, 0.0))
        k = int(np.argmin(gm))
        return {"quiet_gyr_dps": float(gm[k]), "quiet_acc_std_g": float(astd.min()),
                "quiet_inc_deg": float(np.mean(self._seg("inc", s + k, s + k + w - 1))),
                "quiet_flex_deg": _finite_mean(self._seg("flex", s + k, s + k + w - 1))}

    def _episode(self, a: _Excursion, b: _Excursion | None) -> list[Event]:
        st = self.settings
        s, e = a.s, (b.e if b is not None else a.e)
        feats = self.features(a, b)
        posture = self._seg("posture", s, e)
        # posture stage's word (when asked): lying anywhere, or sitting in the low phase → no lift
        lying_s = float(np.count_nonzero(posture == POSTURE_LYING)) / self._rate
        sit_low_s = (float(np.count_nonzero(posture[a.e - s : b.s - s + 1] == POSTURE_SITTING)) / self._rate
                     if b is not None else 0.0)
        sat = st.use_posture and (
            lying_s > st.posture_lying_s
            or (st.posture_guard_sitting and b is not None and sit_low_s > st.posture_sit_low_s)
        )
        if self.model is not None:
            x = np.array([[feats[k] for k in self.model.features]])
            x = np.where(np.isfinite(x), x, self.model.mean)  # unknown feature → neutral value
            p = self.model.proba(x)[0]
            pr = dict(zip(self.model.classes, p))
            p_lift = pr["squat"] + pr["stoop"]
            index_model = 100.0 * pr["stoop"] / max(p_lift, 1e-12)
        else:  # no model: every episode is a lift, index from peak inclination alone
            p_lift = 1.0
            index_model = float(np.clip((feats["peak_inc_deg"] - 20.0) / 40.0 * 100.0, 0, 100))
        flex = self._seg("flex", s, e)
        i_pk = int(np.nanargmax(flex)) if np.any(np.isfinite(flex)) else int(np.argmax(self._seg("inc", s, e)))
        peak_flex = float(flex[i_pk]) if np.isfinite(flex[i_pk]) else feats["peak_inc_deg"]
        held_flex = _held_max(flex, int(round(st.held_s * self._rate)))
        thigh = self._seg("thigh", s, e)
        if np.isfinite(thigh[i_pk]):
            th = max(0.0, float(thigh[i_pk]))
            index = 100.0 * max(peak_flex, 0.0) / max(max(peak_flex, 0.0) + th, 1e-6)
            source = "thigh"
        else:
            index, source = index_model, "waist_model" if self.model is not None else "peak_angle"
        twist = self._seg("twist", s, e)
        # twist counts while flexed (≥ twist_flexed_deg): the loaded, risky part of the lift
        flexed = np.nan_to_num(flex, nan=-np.inf) >= st.twist_flexed_deg
        tw = np.abs(twist[flexed]) if flexed.any() else np.abs(twist)
        peak_twist = float(np.nanmax(tw)) if np.any(np.isfinite(tw)) else None
        cand = {"t_ns": int(self._seg("t_ns", s, s)[0]), "end_ns": int(self._seg("t_ns", e, e)[0]),
                "features": feats, "p_lift": float(p_lift), "index": float(index), "sat": sat,
                "posture_sitting_s": float(np.count_nonzero(posture == POSTURE_SITTING)) / self._rate,
                "posture_lying_s": lying_s}
        self.candidates.append(cand)
        if sat or p_lift < st.min_lift_probability:
            return []
        tech = "squat" if index <= st.squat_max_index else "stoop" if index >= st.stoop_min_index else "mixed"
        self._counts[tech] += 1
        t0, t1 = cand["t_ns"], cand["end_ns"]
        return [
            Event(
                "lift",
                t0,
                t1,
                {
                    "technique": tech,
                    "stoop_squat_index": round(float(index), 1),
                    "peak_trunk_flexion_deg": round(peak_flex, 1),
                    "held_trunk_flexion_deg": None if held_flex is None else round(held_flex, 1),
                    "peak_twist_deg": None if peak_twist is None else round(peak_twist, 1),
                    "duration_s": round((t1 - t0) / NS_PER_S, 2),
                    "index_source": source,
                },
            )
        ]

    def finish(self) -> StageOutput:
        """Flush at the end of the stream: a pending or still-open excursion is closed at the
        last sample (a recording that stops before the segment is back under ``exit_deg``)."""
        events: list[Event] = []
        if (self._exc_end >= 0 or self._in_exc) and self._buf:
            last = self._off + self._buf["t_ns"].shape[0] - 1
            events = self._close_excursion(self._exc_start, last)
        self._exc_end = -1
        self._in_exc = False
        return StageOutput([], events)

    def summary(self) -> dict[str, Any]:
        """``{"lifts": {"count", "squat", "stoop", "mixed"}}`` for summary.json."""
        c = self._counts
        return {"lifts": {"count": c["squat"] + c["stoop"] + c["mixed"], **c}}


def _held_max(x: np.ndarray, n: int) -> float | None:
    """The largest level (deg) that ``x`` stayed at or above for ``n`` consecutive samples: the
    flexion of the bend itself, not of a brief lean on the way down or up (a squat's pelvis
    leans forward only for a moment)."""
    if n < 1 or x.shape[0] < n or not np.all(np.isfinite(x)):
        return None
    windows = np.lib.stride_tricks.sliding_window_view(x, n)
    return float(windows.min(axis=1).max())
