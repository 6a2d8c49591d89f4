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

from dataclasses import dataclass
from typing import Any

import numpy as np

from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Event

from .base import StageBase, StageOutput
from .posture import POSTURES

ZONE_KEYS = ("0-20", "20-60", ">60")


@dataclass
class ExposureSettings:
    """Angles in degrees, durations in seconds."""

    zone_limits_deg: tuple[float, float] = (20.0, 60.0)
    bend_deg: float = 20.0
    bend_hysteresis_deg: float = 5.0
    hold_min_deg: float = 20.0
    hold_min_s: float = 4.0
    extension_deg: float = -5.0  # below this counts as extension (margin for sensor noise)
    long_bend_s: float | None = None  # an open hold longer than this emits ``long_bend`` at once


def _toggles(hi: np.ndarray, lo: np.ndarray, state: bool) -> tuple[list[tuple[int, bool]], bool]:
    """Hysteresis switch points: (index, new_state); on at ``hi``, off at ``lo``. Walks only the
    switch points (searchsorted), not every sample."""
    on_idx, off_idx = np.flatnonzero(hi), np.flatnonzero(lo)
    out: list[tuple[int, bool]] = []
    pos = 0
    while True:
        arr = off_idx if state else on_idx
        k = int(np.searchsorted(arr, pos))
        if k >= arr.shape[0]:
            return out, state
        pos = int(arr[k])
        state = not state
        out.append((pos, state))


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
        seated = np.zeros(n, bool)
        if frame.has("posture_code"):
            # Lying is rest, not a bent trunk: its ticks count in neither zone (lying_s).
            code = np.asarray(frame["posture_code"])
            lying = code == POSTURES.index("lying")
            x[lying] = np.nan
            if from_pelvis.any():  # a seated pelvis says nothing of the trunk
                seated = from_pelvis & ((code == POSTURES.index("sitting")) | (code == POSTURES.index("transition")))
                x[seated] = np.nan
        else:
            lying = np.zeros(n, bool)
        if frame.has("non_wear"):  # not worn: neither a zone nor lying
            non_wear = np.asarray(frame["non_wear"], bool)
            self._non_wear_n += int(non_wear.sum())
            lying &= ~non_wear
            seated &= ~non_wear
            x[non_wear] = np.nan
        else:
            non_wear = np.zeros(n, bool)
        self._lying_n += int(lying.sum())
        self._seated_n += int(seated.sum())
        ok = np.isfinite(x)
        self._unknown_n += int(n - ok.sum() - lying.sum() - seated.sum() - non_wear.sum())
        self._valid_n += int(ok.sum())
        lo, hi = st.zone_limits_deg
        zone = np.full(n, -1, np.int8)
        zone[ok & (x < lo)] = 0
        zone[ok & (x >= lo) & (x <= hi)] = 1
        zone[ok & (x > hi)] = 2
        self._zone_n += np.bincount(zone[ok], minlength=3)[:3]
        self._ext_n += int((x[ok] < st.extension_deg).sum())
        # bends and > 60° excursions (NaN counts as "below": a gap ends an excursion)
        xf = np.where(ok, x, -np.inf)
        tg, self._bend_on = _toggles(xf > st.bend_deg, xf < st.bend_deg - st.bend_hysteresis_deg, self._bend_on)
        self._bends += sum(1 for _, on in tg if on)
        bend = np.zeros(n, bool)
        bend[[i for i, on in tg if on]] = True
        frame.channels["trunk_zone"] = zone
        frame.channels["trunk_bend"] = bend
        tg, self._over60_on = _toggles(xf > hi, xf < hi - st.bend_hysteresis_deg, self._over60_on)
        self._over60 += sum(1 for _, on in tg if on)
        events = self._holds_in(frame.t_ns, xf)
        self._last_t = int(frame.t_ns[-1])
        return StageOutput([], events)

    def _holds_in(self, t_ns: np.ndarray, x: np.ndarray) -> list[Event]:
        st = self.settings
        above = x > st.hold_min_deg
        events: list[Event] = []
        edges = np.flatnonzero(np.diff(np.concatenate([[self._hold is not None], above]).astype(np.int8)))
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
