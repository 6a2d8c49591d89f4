"""Non-wear stage: a sensor that lies still at device-noise level is not worn.

Runs first (before posture), so every later stage sees the decision: the ``non_wear`` channel
(bool per sample) is True where a sensor was not worn, and those samples count as neither
sitting nor anything else (the posture timeline says ``non_wear``). Evidence and the comparison
with GGIR, SKDH and Acti4/ActiPASS: ``docs/non_wear.md``.

Per worn sensor, on its acceleration in its own axes (``P_acc_sensor_g``: a re-estimated body
alignment would otherwise look like a movement):

1. 1-s epochs (session-clock aligned): mean and SD per axis.
2. 16-s windows of 16 epochs. A window is at *device-noise level* when every epoch's SD is at most
   ``max_sd_g`` (20 mg: no movement; above GGIR/SKDH's 13 mg bench noise of a GENEActiv and the
   ~11 mg a SisFall ADXL345 shows at rest, far below the >= 50 mg of moving) **and** on every axis
   the 1-s means wander no more than white noise would make them (SD of the means <=
   ``max_wander_ratio`` x the epoch SD / sqrt(samples per epoch), or <= ``wander_floor_g``). A
   worn sensor, however still the person, follows breathing and postural sway, so its 1-s means
   wander (measured on HAPT, SisFall and MobiFall in ``benchmarks/bench_non_wear.py``).
3. A *still run* is consecutive noise-level windows whose mean stays within ``max_move_g`` (50 mg,
   GGIR's range criterion) of its first window. Its first ``lead_windows`` windows are passed on as
   worn (so nothing waits while a worn sensor is briefly that still). When it has lasted ``min_s``
   (10 min, ActiPASS's short rule) beyond them, the wander pooled over the whole run (per axis,
   sqrt(sum of squared wander / sum of squared white-noise expectation)) decides: at most
   ``max_run_ratio`` (1.15, set from white noise alone: over a 10-min run its pooled ratio is
   1.00 with an SD of 0.03, so 1.15 is 5 SD above) and it is non-wear from its third window until a window is not at noise level or the sensor
   moved (end exact to the 1-s epoch that moved); more, and the run is worn (a person that still:
   a single 16-s window of real stillness looked white in 3 % of windows, a run never did).

The decision needs ``min_s`` of signal, so the stage *holds frames* (``holds_frames``) while a
still run could still become non-wear, and releases them with the channel set: the later stages
then see final flags, whatever the chunking. Held: at most ``min_s`` of frames (bounded memory),
and only while a sensor lies at device-noise level, which a worn sensor rarely does for more than
a window or two; otherwise frames pass at once.

Events: ``non_wear`` (t_ns = start, end_ns = end; fields ``duration_s``, ``placement``) when a
period ends (or at the end of data). Summary: ``non_wear {periods, total_s}``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
import math
from typing import Any

import numpy as np
from numba import njit

from ..core.frames import BodyFrame
from ..core.limits import POS_SECONDS, Range, check_ranges
from ..core.types import NS_PER_S, Event
# numba caches a kernel keyed on its own file: when these leaves change, edit this file too
from ..features._posture_kernels import MAX_PAIRWISE_N, _pairwise
from .base import StageBase, StageOutput

PLACEMENTS = ("pelvis", "thigh", "trunk")


@dataclass(frozen=True, slots=True)
class NonWearSettings:
    """Durations in seconds, accelerations in g; see the module doc for each rule."""

    epoch_s: float = 1.0
    window_s: float = 16.0
    max_sd_g: float = 0.020
    max_wander_ratio: float = 2.0
    max_run_ratio: float = 1.15
    wander_floor_g: float = 0.0003
    max_move_g: float = 0.05
    lead_windows: int = 2
    min_s: float = 600.0

    def __post_init__(self) -> None:
        check_ranges("non_wear", self, _NON_WEAR_RANGES)
        if self.epoch_s <= 0 or self.window_s < 4 * self.epoch_s or self.min_s <= 0 or self.lead_windows < 0:
            raise ValueError("non-wear: epoch_s > 0, window_s >= 4 epochs, min_s > 0, lead_windows >= 0")
        if abs(self.window_s / self.epoch_s - round(self.window_s / self.epoch_s)) > 1e-9:
            raise ValueError("non-wear: window_s must be a whole number of epochs")


_G = Range("g", low=0, low_open=True)
_NON_WEAR_RANGES = {"epoch_s": POS_SECONDS, "window_s": POS_SECONDS, "max_sd_g": _G,
                    "max_wander_ratio": Range("ratio", low=0, low_open=True), "max_run_ratio": Range("ratio", low=1),
                    "wander_floor_g": Range("g", low=0), "max_move_g": _G,
                    "lead_windows": Range("count", low=0, whole=True), "min_s": POS_SECONDS}


@dataclass(slots=True)
class _Sensor:
    """One sensor's detector state (epoch and window being filled, the open still run)."""

    epoch: int | None = None  # index of the epoch being filled
    n: int = 0  # ticks of the epoch being filled ...
    m: int = 0  # ... and raw samples among them
    s: np.ndarray = field(default_factory=lambda: np.zeros(3))
    ss: np.ndarray = field(default_factory=lambda: np.zeros(3))
    bad: bool = False
    window: int | None = None  # index of the window being filled
    means: list[np.ndarray] = field(default_factory=list)  # complete epochs of that window (arrays)
    variances: list[np.ndarray] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)
    moving_from: int | None = None  # first epoch of that window that moved (or lacked data)
    run_start: int | None = None  # first window of the open still run
    run_last: int = -1
    anchor: np.ndarray | None = None
    wander2: np.ndarray = field(default_factory=lambda: np.zeros(3))  # the run's summed squared wander ...
    white2: np.ndarray = field(default_factory=lambda: np.zeros(3))  # ... and white-noise expectation
    rejected: bool = False  # the run lasted min_s but wandered more than device noise: worn
    decided_from_ns: int | None = None  # start of the open non-wear period
    periods: deque = field(default_factory=deque)  # (start_ns, end_ns) closed periods not yet released
    last_t_ns: int | None = None


def wander_ratio(means: np.ndarray, variances: np.ndarray, samples_per_epoch: float) -> float:
    """How much more the 1-s means of a window wander than white noise would make them: the
    largest over the axes of SD(epoch means) / (epoch SD / sqrt(samples per epoch)). About 1 for
    a device on a desk, several for a worn sensor (breathing, sway); the stage's test is this
    against ``max_wander_ratio``."""
    wander = np.asarray(means).std(axis=0, ddof=1)
    white = np.sqrt(np.asarray(variances).mean(axis=0) / samples_per_epoch)
    return float(np.max(wander / np.maximum(white, 1e-12)))


def _numpy_epoch_sums(t: np.ndarray, acc: np.ndarray, new: np.ndarray | None, epoch_ns: int) -> tuple[np.ndarray, ...]:
    """:meth:`NonWearStage._block_sums` in numpy (the form before the compiled pass, and what the
    compiled pass must reproduce bit for bit): epochs ``t // epoch_ns`` (ns)."""
    epochs = t // epoch_ns
    starts = np.flatnonzero(np.concatenate([[True], epochs[1:] != epochs[:-1]]))
    finite = np.isfinite(acc[:, 0]) & np.isfinite(acc[:, 1]) & np.isfinite(acc[:, 2])  # = all(axis=1), faster
    use = finite if new is None else finite & new
    # every tick used: the samples as they are, not a masked copy (the same values in the same
    # C-contiguous layout, so reduceat sums them in the same order)
    a = acc if acc.flags.c_contiguous and use.all() else np.where(use[:, None], acc, 0.0)
    idx = epochs[starts]
    sums = np.add.reduceat(a, starts, axis=0)
    sumsq = np.add.reduceat(a * a, starts, axis=0)
    counts = np.diff(np.append(starts, len(t)))
    samples = counts.copy() if new is None else np.add.reduceat(use.astype(np.int64), starts)
    bad = np.add.reduceat((~finite).astype(np.int64), starts) > 0
    return idx, sums, sumsq, counts, samples, bad


class NonWearStage(StageBase):
    """BodyFrames -> the same frames with ``non_wear`` set, held while undecided; see module doc."""

    name = "non_wear"
    reads = tuple(f"{p}_acc_sensor_g" for p in PLACEMENTS) + tuple(f"{p}_acc_sensor_new" for p in PLACEMENTS)
    adds = ("non_wear",)
    emits = ("non_wear",)
    holds_frames = True

    def __init__(self, settings: NonWearSettings | None = None) -> None:
        self.settings = settings or NonWearSettings()
        st = self.settings
        self._epoch_ns = int(round(st.epoch_s * NS_PER_S))
        self._per_window = int(round(st.window_s / st.epoch_s))
        self._window_ns = self._epoch_ns * self._per_window
        self.reset()

    def reset(self) -> None:
        self._sensors: dict[str, _Sensor] = {}
        self._held: deque[BodyFrame] = deque()
        self._rate: float | None = None
        self._periods = 0
        self._total_ns = 0

    # -- Stage protocol --------------------------------------------------------------------
    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput(frames=[])
        if len(frame) == 0:
            out.frames.append(self._flag(frame))  # nothing to hold
            return out
        self._rate = float(frame.rate_hz)
        for p in PLACEMENTS:
            if frame.has(f"{p}_acc_sensor_g"):
                new = frame[f"{p}_acc_sensor_new"] if frame.has(f"{p}_acc_sensor_new") else None
                self._feed(p, frame.t_ns, np.asarray(frame[f"{p}_acc_sensor_g"], np.float64), out, new)
        self._held.append(frame)
        self._release(self._hold_from_ns(), out)
        return out

    def finish(self) -> StageOutput:
        out = StageOutput(frames=[])
        for p, sensor in self._sensors.items():
            self._close_epoch(p, sensor, out)
            self._judge_window(p, sensor, out, final=True)
            self._end_run(p, sensor, self._run_end_ns(sensor), out)
        self._release(None, out)
        return out

    def summary(self) -> dict[str, Any]:
        return {"non_wear": {"periods": self._periods, "total_s": round(self._total_ns / NS_PER_S, 1)}}

    # -- epochs and windows ----------------------------------------------------------------
    def _feed(self, p: str, t: np.ndarray, acc: np.ndarray, out: StageOutput, new: np.ndarray | None = None) -> None:
        """Add ticks: the epochs they complete go to their windows (vectorised: the stage costs
        little per sample; Python runs once per epoch group of a window, not per epoch). ``new``
        (bool per tick, the frame's ``P_acc_sensor_new``; None: every tick): the means and SDs are
        of the raw samples, each once, and the white-noise expectation counts samples, not ticks
        (a sensor slower than the grid repeats each sample); a complete epoch is one of ticks."""
        sensor = self._sensors.setdefault(p, _Sensor())
        sensor.last_t_ns = int(t[-1]) + int(round(NS_PER_S / self._rate))  # type: ignore[operator]
        idx, sums, sumsq, counts, samples, bad = self._block_sums(t, acc, new)
        if sensor.epoch is not None:  # the epoch carried over from the previous frame
            if int(idx[0]) == sensor.epoch:
                sums[0] += sensor.s
                sumsq[0] += sensor.ss
                counts[0] += sensor.n
                samples[0] += sensor.m
                bad[0] |= sensor.bad
            else:
                idx = np.concatenate([[sensor.epoch], idx])
                sums, sumsq = np.vstack([sensor.s, sums]), np.vstack([sensor.ss, sumsq])
                counts, bad = np.concatenate([[sensor.n], counts]), np.concatenate([[sensor.bad], bad])
                samples = np.concatenate([[sensor.m], samples])
        # the last epoch may go on in the next frame: carry it; the others are complete
        sensor.epoch, sensor.s, sensor.ss = int(idx[-1]), sums[-1].copy(), sumsq[-1].copy()
        sensor.n, sensor.m, sensor.bad = int(counts[-1]), int(samples[-1]), bool(bad[-1])
        self._close_epochs(p, sensor, idx[:-1], sums[:-1], sumsq[:-1], counts[:-1], samples[:-1], bad[:-1], out)

    def _block_sums(self, t: np.ndarray, acc: np.ndarray, new: np.ndarray | None) -> tuple[np.ndarray, ...]:
        """A block's 1-s epochs: (epoch index, sums and sums of squares of the used samples (g,
        g^2), ticks, samples used, any non-finite tick). The usual block in one compiled pass that
        gives the numpy form's bits (#20, fifteenth round); anything else the numpy form."""
        flags = None if new is None else np.asarray(new)
        if t.dtype == np.int64 and acc.ndim == 2 and acc.shape[1] == 3 and (flags is None or flags.dtype == np.bool_):
            done, *sums = _epoch_sums(t, acc, _NO_FLAGS if flags is None else flags, flags is not None, self._epoch_ns)
            if done:
                return tuple(sums)
        return _numpy_epoch_sums(t, acc, new, self._epoch_ns)

    def _close_epochs(self, p: str, sensor: _Sensor, idx: np.ndarray, sums: np.ndarray, sumsq: np.ndarray,
                      counts: np.ndarray, samples: np.ndarray, bad: np.ndarray, out: StageOutput) -> None:
        """Complete epochs (ascending) into their windows; a window is judged when its last epoch
        is complete or a later window's epoch arrives. ``counts`` ticks, ``samples`` raw samples
        per epoch (what the sums are of)."""
        if not len(idx):
            return
        expected = self._rate * self.settings.epoch_s  # type: ignore[operator]
        st = self.settings
        per = self._per_window
        # per epoch its flags, means and variances, per window its tests: one compiled pass
        ok, mean, var, quiet, cut, whole, moved_at, tested, noise, stats = _epoch_windows(
            np.ascontiguousarray(idx, np.int64), np.ascontiguousarray(sums, np.float64),
            np.ascontiguousarray(sumsq, np.float64), np.ascontiguousarray(counts, np.int64),
            np.ascontiguousarray(samples, np.int64), np.ascontiguousarray(bad, np.bool_), 0.9 * expected,
            float(st.max_sd_g), per, float(st.wander_floor_g), float(st.max_wander_ratio))
        for g, (a, b) in enumerate(zip(cut[:-1].tolist(), cut[1:].tolist())):
            w = int(idx[a]) // per
            if sensor.window is not None and w != sensor.window:
                self._judge_window(p, sensor, out)
            if sensor.window is None and whole[g]:
                # a whole window's epochs at once (the usual case: 16 distinct epochs of one
                # window, so its last one too): judged from the compiled pass's tests, not
                # from lists of pieces (the same values; #20)
                sensor.window = w
                sensor.moving_from = None if moved_at[g] < 0 else int(moved_at[g])
                level = ((bool(noise[g]), stats[g, 0], stats[g, 1], stats[g, 2]) if tested[g]
                         else (False, None, _ZERO3, _ZERO3))
                self._judge_window(p, sensor, out, level=level)
                continue
            if sensor.window is None:
                sensor.window, sensor.means, sensor.variances, sensor.counts = w, [], [], []
                sensor.moving_from = None
            keep = ok[a:b]
            sensor.means.append(mean[a:b][keep])
            sensor.variances.append(var[a:b][keep])
            sensor.counts.append(samples[a:b][keep])
            moved = np.flatnonzero(~quiet[a:b])
            if len(moved) and sensor.moving_from is None:
                sensor.moving_from = int(idx[a + moved[0]])
            if int(idx[b - 1]) % self._per_window == self._per_window - 1:
                self._judge_window(p, sensor, out)  # judged now, before any sample of the next window is passed on

    def _close_epoch(self, p: str, sensor: _Sensor, out: StageOutput) -> None:
        """Close the carried epoch (the data ended)."""
        if sensor.epoch is None:
            return
        idx, sensor.epoch = np.array([sensor.epoch]), None
        self._close_epochs(p, sensor, idx, sensor.s[None, :], sensor.ss[None, :], np.array([sensor.n]),
                           np.array([sensor.m]), np.array([sensor.bad]), out)

    def _judge_window(self, p: str, sensor: _Sensor, out: StageOutput, final: bool = False,
                      level: tuple[bool, np.ndarray | None, np.ndarray, np.ndarray] | None = None) -> None:
        """The window being filled is complete (or the data ended): extend, start or end the still
        run. ``level``: the window's :meth:`_noise_level`, when known (a whole window's, from
        ``_epoch_windows``; then ``sensor``'s lists are not read)."""
        w = sensor.window
        if w is None:
            return
        sensor.window = None
        need = 4 if final else self._per_window  # a last, partial window is judged on what it has
        if level is None:
            parts = _joined(sensor.means, 3), _joined(sensor.variances, 3), _joined(sensor.counts, 0)
            level = self._noise_level(*parts, need)
        noise, mean, wander2, white2 = level
        st = self.settings
        moved = sensor.anchor is not None and mean is not None and float(np.max(np.abs(mean - sensor.anchor))) > st.max_move_g
        if noise and sensor.run_start is not None and w == sensor.run_last + 1 and not moved:
            sensor.run_last = w
        else:
            end = (sensor.run_last + 1) * self._window_ns
            if w == sensor.run_last + 1 and sensor.moving_from is not None:  # still until it moved
                end = max(end, sensor.moving_from * self._epoch_ns)
            self._end_run(p, sensor, end, out)
            if noise:
                sensor.run_start, sensor.run_last, sensor.anchor = w, w, mean
        if noise and sensor.run_start is not None:
            sensor.wander2 += wander2
            sensor.white2 += white2
        if sensor.run_start is not None and sensor.decided_from_ns is None and not sensor.rejected:
            nonwear_windows = sensor.run_last - sensor.run_start + 1 - st.lead_windows
            if nonwear_windows * st.window_s >= st.min_s:
                # over the whole run, the means must wander as white noise does (a window alone
                # can look white by chance: real stillness did, in 3 % of 16-s windows)
                pooled = float(np.max(np.sqrt(sensor.wander2 / np.maximum(sensor.white2, 1e-24))))
                if pooled <= st.max_run_ratio or float(np.max(np.sqrt(sensor.wander2 / (sensor.run_last - sensor.run_start + 1)))) <= st.wander_floor_g:
                    sensor.decided_from_ns = (sensor.run_start + st.lead_windows) * self._window_ns
                else:
                    sensor.rejected = True

    def _noise_level(self, m: np.ndarray, variances: np.ndarray, counts: np.ndarray,
                     need: int) -> tuple[bool, np.ndarray | None, np.ndarray, np.ndarray]:
        """(at device-noise level, mean acc, squared wander per axis, squared white expectation)
        of a window's kept epochs: ``m``, ``variances`` (k, 3), ``counts`` (k,) samples."""
        zero = np.zeros(3)
        if len(m) < need:
            return False, None, zero, zero
        st = self.settings
        stats = np.empty((3, 3))
        moving, noise = _noise_stats(m, variances, counts.astype(np.int64, copy=False),
                                     float(st.max_sd_g), float(st.wander_floor_g), float(st.max_wander_ratio), stats)
        if moving:
            return False, stats[0], zero, zero
        return noise, stats[0], stats[1], stats[2]

    def _run_end_ns(self, sensor: _Sensor) -> int:
        end = (sensor.run_last + 1) * self._window_ns
        return end if sensor.last_t_ns is None else min(end, sensor.last_t_ns)

    def _end_run(self, p: str, sensor: _Sensor, end_ns: int, out: StageOutput) -> None:
        if sensor.decided_from_ns is not None and end_ns > sensor.decided_from_ns:
            start = sensor.decided_from_ns
            sensor.periods.append((start, end_ns))
            self._periods += 1
            self._total_ns += end_ns - start
            out.events.append(Event("non_wear", start, end_ns,
                                    {"duration_s": round((end_ns - start) / NS_PER_S, 1), "placement": p}))
        sensor.run_start, sensor.run_last, sensor.anchor, sensor.decided_from_ns = None, -1, None, None
        sensor.wander2, sensor.white2, sensor.rejected = np.zeros(3), np.zeros(3), False

    # -- holding and releasing frames --------------------------------------------------------
    def _hold_from_ns(self) -> int | None:
        """Earliest session time whose flag is not final yet (None: everything so far is)."""
        lead = self.settings.lead_windows
        points = []
        for sensor in self._sensors.values():
            if sensor.run_start is None or sensor.rejected:
                continue
            if sensor.decided_from_ns is not None:  # the window being filled may extend the period
                points.append((sensor.run_last + 1) * self._window_ns)
            elif sensor.run_last - sensor.run_start + 1 >= lead:
                points.append((sensor.run_start + lead) * self._window_ns)
        return min(points) if points else None

    def _release(self, hold_from_ns: int | None, out: StageOutput) -> None:
        while self._held and (hold_from_ns is None or int(self._held[0].t_ns[-1]) < hold_from_ns):
            out.frames.append(self._flag(self._held.popleft()))  # type: ignore[union-attr]

    def _flag(self, frame: BodyFrame) -> BodyFrame:
        """Set ``non_wear`` on a frame whose samples are all decided."""
        flag = np.zeros(len(frame), bool)
        if len(frame):
            t = frame.t_ns
            for sensor in self._sensors.values():
                while sensor.periods and sensor.periods[0][1] <= int(t[0]):
                    sensor.periods.popleft()  # ended before this frame: every later frame too
                for a, b in sensor.periods:
                    flag |= (t >= a) & (t < b)
                if sensor.decided_from_ns is not None:
                    flag |= t >= sensor.decided_from_ns
        frame.channels["non_wear"] = flag
        return frame


_NO_FLAGS = np.zeros(0, np.bool_)  # no ``P_acc_sensor_new`` channel: every tick is a new sample
_ZERO3 = np.zeros(3)  # no squared wander / white expectation (read only, never changed in place)
_ZERO3.flags.writeable = False


def _joined(pieces: list[np.ndarray], width: int) -> np.ndarray:
    """The pieces one after the other (rows of ``width`` values; 0: a 1-D array)."""
    if pieces:
        return np.concatenate(pieces)
    return np.empty((0, width)) if width else np.empty(0, np.int64)


@njit(cache=True, nogil=True, error_model="numpy")
def _noise_stats(m: np.ndarray, v: np.ndarray, counts: np.ndarray, max_sd_g: float, wander_floor_g: float,
                 max_wander_ratio: float, out: np.ndarray) -> tuple[bool, bool]:
    """One window's noise test (#20: one compiled call instead of ~15 small numpy ones a
    window), the same bits as the numpy form it replaced::

        moving = float(np.sqrt(v.max())) > max_sd_g                  # any epoch SD (g) too large
        mean = m.mean(axis=0)                                         # out[0]
        wander = m.std(axis=0, ddof=1)
        white = np.sqrt(v.mean(axis=0) / float(np.mean(counts)))
        noise = bool(np.all(wander <= np.maximum(wander_floor_g, max_wander_ratio * white)))
        out[1], out[2] = wander**2, white**2

    ``m``, ``v`` (k, 3) C-contiguous epoch means (g) and variances (g²), ``counts`` (k,) samples
    per epoch. numpy reduces axis 0 of a C-contiguous (k, 3) array row after row from 0.0
    (sequential sums, not pairwise); ``mean(counts)`` of integers is exact. NaN propagates as in numpy
    (``max``, ``maximum``); k >= 2 (the caller asks for at least 4 epochs). Tested against the
    numpy form (``tests/analysis/test_stage_kernels_speed.py``)."""
    k = m.shape[0]
    vmax = v[0, 0]
    for i in range(k):
        for j in range(3):
            x = v[i, j]
            if math.isnan(x):  # ndarray.max: NaN wins
                vmax = x
                break
            if x > vmax:
                vmax = x
        if math.isnan(vmax):
            break
    moving = math.sqrt(vmax) > max_sd_g
    csum = 0.0
    for i in range(k):
        csum += float(counts[i])  # integers: exact in any order
    cmean = csum / k
    noise = True
    for j in range(3):  # as numpy: from 0.0, the rows added in order (so -0.0 sums to +0.0)
        sm = 0.0
        sv = 0.0
        for i in range(k):
            sm += m[i, j]
            sv += v[i, j]
        mu = sm / k
        sq = 0.0
        for i in range(k):
            d = m[i, j] - mu
            sq += d * d
        wander = math.sqrt(sq / (k - 1))
        white = math.sqrt((sv / k) / cmean)
        lim = max_wander_ratio * white
        if not math.isnan(lim) and lim < wander_floor_g:  # np.maximum(floor, lim): NaN stays NaN
            lim = wander_floor_g
        out[0, j] = mu
        out[1, j] = wander * wander
        out[2, j] = white * white
        if not wander <= lim:
            noise = False
    return moving, noise


@njit(cache=True, nogil=True)
def _epoch_sums(t: np.ndarray, acc: np.ndarray, new: np.ndarray, has_new: bool, epoch_ns: int) -> tuple:
    """A block's ticks grouped into epochs (``t // epoch_ns``, session ns): per epoch (index,
    sums and sums of squares per axis of the used ticks (unused: 0.0), ticks, used ticks, any
    non-finite tick), after a first value that is False when an epoch is longer than
    ``MAX_PAIRWISE_N`` + 1 ticks (over 1929 Hz on the grid: the caller sums with numpy then). The numpy form it replaced (#20, fifteenth round)::

        epochs = t // epoch_ns
        starts = np.flatnonzero(np.concatenate([[True], epochs[1:] != epochs[:-1]]))
        finite = np.isfinite(acc).all(axis=1)
        use = finite if new is None else finite & new
        a = np.where(use[:, None], acc, 0.0)
        idx, sums, sumsq = epochs[starts], np.add.reduceat(a, starts, axis=0), np.add.reduceat(a * a, starts, axis=0)
        counts = np.diff(np.append(starts, len(t)))
        samples = counts if new is None else np.add.reduceat(use.astype(np.int64), starts)
        bad = np.add.reduceat((~finite).astype(np.int64), starts) > 0

    ``np.add.reduceat`` over axis 0 starts from an epoch's first row and adds the others' pairwise
    sum (numpy's, per column: :func:`_pairwise`), so the same bits (tested against it)."""
    n = t.shape[0]
    starts_all = np.empty(n + 1, np.int64)
    idx_all = np.empty(n, np.int64)
    k = 0
    lo = hi = 0  # the current epoch's [lo, hi) (ns): a tick inside it needs no division
    e = 0
    big = np.iinfo(np.int64).max - epoch_ns
    for i in range(n):
        ti = t[i]
        if i == 0 or not (lo <= ti < hi):
            f = ti // epoch_ns
            if i == 0 or f != e:
                starts_all[k] = i
                idx_all[k] = f
                k += 1
            e = f
            lo = f * epoch_ns
            hi = lo + epoch_ns if lo <= big else lo  # (at the int64 limit: divide every tick)
    starts_all[k] = n
    starts = starts_all[: k + 1]
    idx = idx_all[:k].copy()
    sums = np.empty((k, 3))
    sumsq = np.empty((k, 3))
    counts = np.empty(k, np.int64)
    samples = np.empty(k, np.int64)
    bad = np.zeros(k, np.bool_)
    for q in range(k):
        if starts[q + 1] - starts[q] - 1 > MAX_PAIRWISE_N:
            return False, idx, sums, sumsq, counts, samples, bad
    use = np.empty(n, np.bool_)
    for q in range(k):
        m = 0
        for i in range(starts[q], starts[q + 1]):
            f = math.isfinite(acc[i, 0]) and math.isfinite(acc[i, 1]) and math.isfinite(acc[i, 2])
            if not f:
                bad[q] = True
            u = f and (new[i] if has_new else True)
            use[i] = u
            if u:
                m += 1
        counts[q] = starts[q + 1] - starts[q]
        samples[q] = m if has_new else counts[q]
    # the used values of an axis (row 0; unused ticks 0.0) and their squares (row 1): one call
    # site of _pairwise (each one inlines its whole tree: compile time after an install)
    vals = np.empty((2, n))
    for c in range(3):
        for i in range(n):
            x = acc[i, c] if use[i] else 0.0
            vals[0, i] = x
            vals[1, i] = x * x
        for r in range(2):
            row = vals[r]
            out = sums if r == 0 else sumsq
            for q in range(k):
                a, b = starts[q], starts[q + 1]
                out[q, c] = row[a] + _pairwise(row, a + 1, b - a - 1) if b - a > 1 else row[a]
    return True, idx, sums, sumsq, counts, samples, bad


@njit(cache=True, nogil=True, error_model="numpy")
def _epoch_windows(idx: np.ndarray, sums: np.ndarray, sumsq: np.ndarray, counts: np.ndarray, samples: np.ndarray,
                   bad: np.ndarray, min_count: float, max_sd_g: float, per_window: int, wander_floor_g: float,
                   max_wander_ratio: float) -> tuple:
    """Complete epochs (ascending ``idx``) to their windows' tests, in one pass (#20, fifteenth
    round; the numpy form it replaced in ``NonWearStage._close_epochs``)::

        ok = ~bad & (counts >= min_count) & (samples >= 2)
        n = np.maximum(samples, 1)[:, None]
        mean = sums / n
        var = np.maximum(sumsq / n - mean * mean, 0.0)
        quiet = ok & (np.sqrt(var.max(axis=1)) <= max_sd_g)
        win = idx // per_window
        cut = np.flatnonzero(np.r_[True, win[1:] != win[:-1], True])

    and per group of epochs of one window (``cut[g]:cut[g + 1]``): ``whole`` (all the window's
    epochs), the first epoch that moved (-1: none), and for a whole window whose epochs are all
    ``ok`` the :func:`_noise_stats` of them (``tested``; ``noise``, ``stats[g]``: mean, squared
    wander and squared white expectation, zero when moving), as ``_noise_level`` gave them.
    ``np.maximum`` returns +0.0 for -0.0 and NaN for NaN, as here."""
    k = idx.shape[0]
    ok = np.empty(k, np.bool_)
    mean = np.empty((k, 3))
    var = np.empty((k, 3))
    quiet = np.empty(k, np.bool_)
    for q in range(k):
        ok[q] = (not bad[q]) and float(counts[q]) >= min_count and samples[q] >= 2
        nq = float(max(samples[q], 1))
        vmax = 0.0
        has_nan = False
        for c in range(3):
            m = sums[q, c] / nq
            d = sumsq[q, c] / nq - m * m
            v = d if (d > 0.0 or math.isnan(d)) else 0.0
            mean[q, c] = m
            var[q, c] = v
            if math.isnan(v):
                has_nan = True
            elif c == 0 or v > vmax:
                vmax = v
        quiet[q] = ok[q] and not has_nan and math.sqrt(vmax) <= max_sd_g
    g = 0
    for q in range(k):
        if q == 0 or idx[q] // per_window != idx[q - 1] // per_window:
            g += 1
    cut = np.empty(g + 1, np.int64)
    j = 0
    for q in range(k):
        if q == 0 or idx[q] // per_window != idx[q - 1] // per_window:
            cut[j] = q
            j += 1
    cut[g] = k
    whole = np.zeros(g, np.bool_)
    moved = np.full(g, -1, np.int64)
    tested = np.zeros(g, np.bool_)
    noise = np.zeros(g, np.bool_)
    stats = np.zeros((g, 3, 3))
    one = np.empty((3, 3))
    for r in range(g):
        a, b = cut[r], cut[r + 1]
        for q in range(a, b):
            if not quiet[q]:
                moved[r] = idx[q]
                break
        whole[r] = b - a == per_window and idx[b - 1] - idx[a] == per_window - 1
        if not whole[r]:
            continue
        all_ok = True
        for q in range(a, b):
            if not ok[q]:
                all_ok = False
        if not all_ok:  # fewer kept epochs than the window has: not at noise level, no mean
            continue
        tested[r] = True
        mv, nz = _noise_stats(mean[a:b], var[a:b], samples[a:b], max_sd_g, wander_floor_g, max_wander_ratio, one)
        for c in range(3):
            stats[r, 0, c] = one[0, c]
        if not mv:
            noise[r] = nz
            for c in range(3):
                stats[r, 1, c] = one[1, c]
                stats[r, 2, c] = one[2, c]
    return ok, mean, var, quiet, cut, whole, moved, tested, noise, stats
