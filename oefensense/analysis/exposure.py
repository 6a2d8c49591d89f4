"""Trunk posture exposure: time per flexion zone, bends, static holds (``ExposureStage``).

Zones follow ISO 11226 / EN 1005-4 / REBA (neutral 0–20°, moderate 20–60°, awkward > 60° forward
inclination); the limits are settings. The angle is ``trunk_flexion_deg`` when a trunk sensor is
worn, otherwise the pelvis sensor's flexion (a lower bound of trunk flexion: say so in reports,
``angle_source`` in the summary). Extension (< ``extension_deg``, default −5° to stay clear of
sensor noise) counts in the first zone and separately as ``extension_s``.

* ``trunk_zones_s``: seconds in each zone (valid samples only).
* Bends: excursions above ``bend_deg`` (hysteresis ``bend_hysteresis_deg``); per hour of valid time.
* Static holds: the angle stays above ``hold_min_deg`` for longer than ``hold_min_s`` → event
  ``static_hold`` (fields ``duration_s``, ``mean_flexion_deg``, ``peak_flexion_deg``), final
  when the hold ends. Holds within 20–60° also feed ``longest_hold_20_60_s`` (ISO 11226 /
  Miedema: ≤ 1–2 min).

Samples the non-wear stage flags (``non_wear``) count nowhere (``non_wear_s``), like lying.
With the pelvis as the angle source, sitting and transitions count nowhere either
(``pelvis_seated_s``): seated, the pelvis rests tilted whatever the trunk does (the bundled HAPT
recording's waist sensor sat at 25-38°, 38 s in the 20-60° zone and two "static holds" of 11 and
21 s while the person sat still), and a sit-down or lie-down tilts it as a movement, not a bend
(a 74° "hold" during a lie-down). A trunk sensor's angle counts seated as well.

Channels for the day and hour tables: ``trunk_zone`` (int8 per sample: 0, 1, 2 for the zones,
-1 where the sample counts in no zone) and ``trunk_bend`` (bool: a bend starts at this sample),
so per-period figures are the same counts as the summary's.

Chunk-invariant: zone times are sums; bends and holds carry their state between blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit

from oefensense.core.frames import BodyFrame
from oefensense.core.limits import FLEXION, SECONDS, Range, check_pair, check_ranges
from oefensense.core.types import NS_PER_S, Event

from .base import StageBase, StageOutput
from .posture import POSTURES

ZONE_KEYS = ("0-20", "20-60", ">60")
_LYING, _SITTING, _TRANSITION = POSTURES.index("lying"), POSTURES.index("sitting"), POSTURES.index("transition")


@dataclass(frozen=True, slots=True)  # checked once, in __post_init__: change with dataclasses.replace
class ExposureSettings:
    """Angles in degrees, durations in seconds."""

    zone_limits_deg: tuple[float, float] = (20.0, 60.0)
    bend_deg: float = 20.0
    bend_hysteresis_deg: float = 5.0
    hold_min_deg: float = 20.0
    hold_min_s: float = 4.0
    extension_deg: float = -5.0  # below this counts as extension (margin for sensor noise)
    long_bend_s: float | None = None  # an open hold longer than this emits ``long_bend`` at once

    def __post_init__(self) -> None:
        check_pair("exposure", "zone_limits_deg", self.zone_limits_deg, FLEXION)
        check_ranges("exposure", self, _RANGES)


# a negative hysteresis switched a bend on and off at one sample (older code looped for ever)
_RANGES = {"bend_deg": FLEXION, "bend_hysteresis_deg": Range("deg", low=0, high=90),
           "hold_min_deg": FLEXION, "hold_min_s": SECONDS, "extension_deg": FLEXION,
           "long_bend_s": Range("s", low=0, low_open=True, none=True)}


@njit(cache=True, nogil=True)
def _exposure_pass(
    x: np.ndarray, code: np.ndarray, has_code: bool, from_pelvis: np.ndarray, non_wear: np.ndarray,
    lo: float, hi: float, ext_deg: float, bend_on_deg: float, bend_off_deg: float, over_off_deg: float,
    hold_deg: float, bend_on: bool, over_on: bool, hold_open: bool,
    zone: np.ndarray, bend: np.ndarray, xf: np.ndarray, counts: np.ndarray, edges: np.ndarray,
) -> tuple[bool, bool, int]:
    """One pass over a block (#20): what ``process`` did with ~35 numpy calls, element by element
    (comparisons and counts only, no float arithmetic, so the same values).

    ``x`` the masked angle (deg), ``code`` posture codes (read when ``has_code``), ``from_pelvis``
    and ``non_wear`` bools. Fills ``zone`` (-1/0/1/2), ``bend`` (a bend starts here), ``xf`` (x,
    -inf where not ok), ``counts`` += [lying, seated, non_wear, unknown, valid, zone 0, 1, 2,
    extension, bends, over-60 excursions] and ``edges`` with the samples where ``xf > hold_deg``
    changes (against ``hold_open`` before the block). Hysteresis as the numpy form's switch
    points: off where below the off limit, then on where above the on limit (never both at one
    sample for a hysteresis >= 0). Returns (bend_on, over_on, edges used)."""
    n_edges = 0
    above_prev = hold_open
    for i in range(x.shape[0]):
        v = x[i]
        lying = False
        seated = False
        if has_code:
            c = code[i]
            lying = c == _LYING
            seated = from_pelvis[i] and (c == _SITTING or c == _TRANSITION)
        nw = non_wear[i]
        if lying or seated or nw:
            v = np.nan
        if nw:
            counts[2] += 1
        elif lying:
            counts[0] += 1
        elif seated:
            counts[1] += 1
        ok = math.isfinite(v)
        z = -1
        if ok:
            counts[4] += 1
            if v < lo:
                z = 0
            if v >= lo and v <= hi:
                z = 1
            if v > hi:
                z = 2
            if z >= 0:
                counts[5 + z] += 1
            if v < ext_deg:
                counts[8] += 1
            xf[i] = v
        else:
            xf[i] = -np.inf
            if not (nw or lying or seated):
                counts[3] += 1
        zone[i] = z
        f = xf[i]
        if bend_on and f < bend_off_deg:
            bend_on = False
        if not bend_on and f > bend_on_deg:
            bend_on = True
            bend[i] = True
            counts[9] += 1
        if over_on and f < over_off_deg:
            over_on = False
        if not over_on and f > hi:
            over_on = True
            counts[10] += 1
        above = f > hold_deg
        if above != above_prev:
            edges[n_edges] = i
            n_edges += 1
        above_prev = above
    return bend_on, over_on, n_edges


class ExposureStage(StageBase):
    """Streaming trunk exposure; ``summary()`` gives the summary.json part."""

    name = "exposure"
    reads = ("trunk_flexion_deg", "trunk_valid", "pelvis_flexion_deg", "pelvis_valid", "posture_code", "non_wear")
    adds = ("trunk_zone", "trunk_bend")
    emits = ("static_hold", "long_bend")

    def __init__(self, settings: ExposureSettings | None = None) -> None:
        self.settings = settings or ExposureSettings()
        self.reset()

    def reset(self) -> None:
        self._zone_n = np.zeros(3, np.int64)
        self._ext_n = 0
        self._unknown_n = 0
        self._valid_n = 0
        self._rate: float | None = None
        self._source: str | None = None
        self._sources: list[tuple[int, str]] = []  # (from ns, angle channel) as used
        self._first_t: int | None = None
        self._bend_on = False
        self._bends = 0
        self._over60_on = False
        self._over60 = 0
        self._hold: dict[str, Any] | None = None  # open run above hold_min_deg
        self._lying_n = 0
        self._seated_n = 0
        self._non_wear_n = 0
        self._holds = 0
        self._longest_20_60 = 0.0
        self._last_t: int | None = None

    def _angle(self, frame: BodyFrame) -> tuple[np.ndarray, np.ndarray]:
        """(angle per sample, deg; which samples came from the pelvis). A trunk sensor that
        connects after the first frame becomes the source from its first valid sample: the
        trunk is what exposure is about (the pelvis stands in for it)."""
        n = len(frame)
        if self._source is None:
            for name in ("trunk_flexion_deg", "pelvis_flexion_deg"):
                if frame.has(name):
                    self._use(name, int(frame.t_ns[0]))
                    break
            else:  # no trunk or pelvis sensor (e.g. thigh only): exposure is unknown
                return np.full(n, np.nan), np.zeros(n, bool)
        if self._source == "pelvis_flexion_deg" and frame.has("trunk_flexion_deg"):
            trunk = self._masked(frame, "trunk")
            ready = np.flatnonzero(np.isfinite(trunk))
            if len(ready):
                k = int(ready[0])
                self._use("trunk_flexion_deg", int(frame.t_ns[k]))
                from_pelvis = np.arange(n) < k
                return np.where(from_pelvis, self._masked(frame, "pelvis"), trunk), from_pelvis
        placement = self._source.split("_")[0]
        return self._masked(frame, placement), np.full(n, placement == "pelvis")

    def _use(self, source: str, from_ns: int) -> None:
        self._source = source
        self._sources.append((from_ns, source))

    @staticmethod
    def _masked(frame: BodyFrame, placement: str) -> np.ndarray:
        """``placement``'s flexion (deg), NaN where invalid or its forward is not yet known."""
        x = np.asarray(frame[f"{placement}_flexion_deg"], float).copy()
        if frame.has(f"{placement}_valid"):
            x[~np.asarray(frame[f"{placement}_valid"], bool)] = np.nan
        if frame.has(f"{placement}_provisional"):  # forward not yet known: in no zone
            x[np.asarray(frame[f"{placement}_provisional"], bool)] = np.nan
        return x

    def process(self, frame: BodyFrame) -> StageOutput:
        """Accumulate one block; return ``static_hold`` events that ended in it."""
        n = len(frame)
        if n == 0:
            return StageOutput([], [])
        if self._rate is None:
            self._rate = float(frame.rate_hz)
            self._first_t = int(frame.t_ns[0])
        st = self.settings
        x, from_pelvis = self._angle(frame)
        has_code = frame.has("posture_code")
        code = np.asarray(frame["posture_code"], np.int8) if has_code else np.zeros(0, np.int8)
        non_wear = np.asarray(frame["non_wear"], bool) if frame.has("non_wear") else np.zeros(n, bool)
        # lying is rest, not a bent trunk; a seated pelvis says nothing of the trunk; not worn:
        # neither a zone nor lying. Bends and > 60 deg excursions: NaN counts as "below" (a gap
        # ends an excursion). One compiled pass (_exposure_pass); the holds' sums stay numpy's.
        lo, hi = st.zone_limits_deg
        zone = np.empty(n, np.int8)
        bend = np.zeros(n, bool)
        xf = np.empty(n)
        counts = np.zeros(11, np.int64)
        edges = np.empty(n, np.int64)
        self._bend_on, self._over60_on, n_edges = _exposure_pass(
            np.ascontiguousarray(x, np.float64), code, has_code, np.ascontiguousarray(from_pelvis, bool), non_wear,
            float(lo), float(hi), float(st.extension_deg), float(st.bend_deg),
            float(st.bend_deg - st.bend_hysteresis_deg), float(hi - st.bend_hysteresis_deg), float(st.hold_min_deg),
            self._bend_on, self._over60_on, self._hold is not None, zone, bend, xf, counts, edges)
        c = counts.tolist()
        self._lying_n += c[0]
        self._seated_n += c[1]
        self._non_wear_n += c[2]
        self._unknown_n += c[3]
        self._valid_n += c[4]
        self._zone_n += counts[5:8]
        self._ext_n += c[8]
        self._bends += c[9]
        self._over60 += c[10]
        frame.channels["trunk_zone"] = zone
        frame.channels["trunk_bend"] = bend
        events = self._holds_in(frame.t_ns, xf, edges[:n_edges])
        self._last_t = int(frame.t_ns[-1])
        return StageOutput([], events)

    def _holds_in(self, t_ns: np.ndarray, x: np.ndarray, edges: np.ndarray) -> list[Event]:
        """Open, extend and close runs above ``hold_min_deg``; ``edges`` the samples where
        ``x > hold_min_deg`` changes (against whether a run was open before the block)."""
        st = self.settings
        events: list[Event] = []
        pos = 0
        for k in list(edges) + [None]:
            end = x.shape[0] if k is None else int(k)
            if self._hold is not None and end > pos:  # extend the open run with x[pos:end]
                seg = x[pos:end]
                h = self._hold
                events += self._long_bend(h, t_ns, pos, end)
                h["n"] += seg.shape[0]
                h["sum"] += float(seg.sum())
                h["peak"] = max(h["peak"], float(seg.max()))
                h["in_20_60"] &= bool(np.all(seg <= st.zone_limits_deg[1]))
                h["end_ns"] = int(t_ns[end - 1])
            if k is None:
                break
            if self._hold is None:
                self._hold = {"t_ns": int(t_ns[end]), "end_ns": int(t_ns[end]), "n": 0, "sum": 0.0,
                              "peak": -np.inf, "in_20_60": True, "alerted": False}
            else:
                ev = self._close_hold()
                events += ev
            pos = end
        return events

    def _long_bend(self, h: dict[str, Any], t_ns: np.ndarray, pos: int, end: int) -> list[Event]:
        """``long_bend`` once per hold, at the sample where the open hold passes ``long_bend_s``
        (the sample count decides, so the instant does not depend on block boundaries)."""
        limit = self.settings.long_bend_s
        if limit is None or h["alerted"] or self._rate is None:
            return []
        need = int(np.floor(limit * self._rate)) + 1  # duration n / rate > limit
        if h["n"] + (end - pos) < need:
            return []
        h["alerted"] = True
        at = pos + need - h["n"] - 1
        return [Event("long_bend", h["t_ns"], int(t_ns[at]), {"threshold_s": float(limit)})]

    def _close_hold(self) -> list[Event]:
        h, self._hold = self._hold, None
        if h is None or h["n"] == 0:
            return []
        dur = h["n"] / self._rate
        if dur <= self.settings.hold_min_s:
            return []
        self._holds += 1
        if h["in_20_60"]:
            self._longest_20_60 = max(self._longest_20_60, dur)
        return [
            Event(
                "static_hold",
                h["t_ns"],
                h["end_ns"],
                {
                    "duration_s": round(dur, 2),
                    "mean_flexion_deg": round(h["sum"] / h["n"], 1),
                    "peak_flexion_deg": round(h["peak"], 1),
                },
            )
        ]

    def finish(self) -> StageOutput:
        """Close an open hold at the end of the stream."""
        return StageOutput([], self._close_hold() if self._hold is not None else [])

    def summary(self) -> dict[str, Any]:
        """``trunk_zones_s`` {"0-20","20-60",">60"} and ``trunk_exposure`` details (units in names)."""
        r = self._rate or 50.0
        valid_h = self._valid_n / r / 3600.0
        z = self._zone_n / r
        return {
            "trunk_zones_s": {k: round(float(v), 2) for k, v in zip(ZONE_KEYS, z)},
            "trunk_exposure": {
                "angle_source": self._source,
                "valid_s": round(self._valid_n / r, 2),
                "unknown_s": round(self._unknown_n / r, 2),
                "lying_s": round(self._lying_n / r, 2),
                "pelvis_seated_s": round(self._seated_n / r, 2),
                "non_wear_s": round(self._non_wear_n / r, 2),
                "extension_s": round(self._ext_n / r, 2),
                "pct_time_over_60": round(100 * float(z[2]) / max(self._valid_n / r, 1e-9), 2),
                "bends": self._bends,
                "bends_per_hour": round(self._bends / valid_h, 1) if valid_h > 0 else 0.0,
                "over_60_per_hour": round(self._over60 / valid_h, 1) if valid_h > 0 else 0.0,
                "static_holds": self._holds,
                "longest_hold_20_60_s": round(self._longest_20_60, 2),
                **self._sources_summary(),
            },
        }

    def _sources_summary(self) -> dict[str, Any]:
        """``angle_sources`` [[from s, channel], ...] when a trunk sensor that connected late took
        over from the pelvis (absent otherwise)."""
        if len(self._sources) < 2 or self._first_t is None:
            return {}
        return {"angle_sources": [[round((t - self._first_t) / NS_PER_S, 3), name] for t, name in self._sources]}
