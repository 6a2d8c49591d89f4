"""Day and hour tables of one recording: ``days.csv`` / ``hours.csv`` (and the same as Parquet).

One row per local calendar day (``days``) and per local clock hour (``hours``) from the first to
the last hour with data, in the recording's time zone (``core.clock``: a DST day has 23 or 25
hours; the repeated October hour is two rows, told apart by their UTC offset). With a work
schedule (``core.schedule``) a period also has a ``work`` and a ``non_work`` row (work + non_work
= all for every count and every second), each only when the recording covers some of its time: a
weekend day has no ``work`` row, an hour inside work hours no ``non_work`` row (an absent row is
zero in the sums); without a schedule, only ``all``.

Everything comes from the same outputs as the timeline, events and summary, so they add up:

* seconds per posture from the timeline segments, cut exactly at hour, midnight and schedule
  boundaries; ``wear_s`` = every timeline second except ``non_wear`` and ``no_data``;
* ``trunk_20_60_s``, ``trunk_over_60_s`` (and ``trunk_0_20_s``) from the exposure stage's
  per-sample ``trunk_zone``; ``bends_per_hour`` = bends (``trunk_bend`` starts) per hour of
  valid trunk angle, as in the summary;
* events count once, in the period where they start: sitting bouts (``sitting_bouts``,
  ``sitting_bouts_over_30min``: lasting >= 30 min, ``longest_sitting_bout_s``: the whole bout,
  also when it runs past the period's end), lifts by technique (``lifts_undetermined``: a slow
  lift at the waist whose technique cannot be told, in no technique), the transition stage's
  ``sit_to_stand`` and ``stand_to_sit`` events (``sit_to_stand_count``, ``stand_to_sit_count``:
  they add up to the summary's ``transitions``); a sitting break is counted where it starts (the
  end of the bout it ends); ``sitting_breaks_per_hour`` = breaks per hour of sitting in the period;
* ``valid_day``: the day's ``wear_s`` >= ``valid_day_min_wear_h`` (default 10 h: Troiano et al.
  2008, Med Sci Sports Exerc 40:181-188, the NHANES accelerometer rule most studies follow); an
  hour row carries its day's value.

Memory: one small accumulator per (hour, work/non-work), whatever the sampling rate.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..core.clock import RecordingClock
from ..core.limits import Range, check_value
from ..core.schedule import WorkSchedule
from ..core.types import NS_PER_S, Event

POSTURE_ORDER = ("lying", "sitting", "standing", "walking", "transition", "unknown", "non_wear", "no_data", "upright_still")
NOT_WORN = ("non_wear", "no_data")
#: the issue's columns, in its order, then the ones that make the sums checkable
FIGURES = (
    "wear_s", "valid_day", "sitting_s", "standing_s", "walking_s", "lying_s", "unknown_s",
    "sitting_bouts", "sitting_bouts_over_30min", "longest_sitting_bout_s", "sitting_breaks_per_hour",
    "lifts", "lifts_stoop", "lifts_squat", "lifts_mixed", "bends_per_hour", "trunk_20_60_s", "trunk_over_60_s",
    "transition_s", "non_wear_s", "no_data_s", "trunk_0_20_s", "bends", "sitting_breaks", "upright_still_s",
    "lifts_undetermined", "sit_to_stand_count", "stand_to_sit_count",
)  # fmt: skip
DAY_COLUMNS = ("date", "period", *FIGURES)
HOUR_COLUMNS = ("date", "hour", "period", *FIGURES)
INT_FIGURES = frozenset({"sitting_bouts", "sitting_bouts_over_30min", "lifts", "lifts_stoop", "lifts_squat",
                         "lifts_mixed", "lifts_undetermined", "bends", "sitting_breaks", "sit_to_stand_count",
                         "stand_to_sit_count"})
#: transition events counted per period ("opstaan per dag"), by event type
TRANSITIONS = ("sit_to_stand", "stand_to_sit")
LONG_BOUT_S = 1800.0  # sitting_bouts_over_30min
TABLE_FILES = ("days.csv", "hours.csv", "days.parquet", "hours.parquet")


@dataclass(frozen=True, slots=True)
class TableSettings:
    """``schedule``: work hours (None: no work split); ``valid_day_min_wear_h``: the valid-day rule."""

    schedule: WorkSchedule | None = None
    valid_day_min_wear_h: float = 10.0

    def __post_init__(self) -> None:
        check_value("tables", "valid_day_min_wear_h", self.valid_day_min_wear_h, Range("h", low=0, high=24, low_open=True))


@dataclass(slots=True)
class _Slice:
    """What one (hour, work or not) holds: ns per posture, samples per trunk zone, counts."""

    posture_ns: np.ndarray = field(default_factory=lambda: np.zeros(len(POSTURE_ORDER), np.int64))
    zones: np.ndarray = field(default_factory=lambda: np.zeros(3, np.int64))
    bends: int = 0
    bouts: list[float] = field(default_factory=list)
    breaks: int = 0
    # by technique; "undetermined" (a slow lift at the waist) is in no technique
    lifts: dict[str, int] = field(default_factory=lambda: {"count": 0, "stoop": 0, "squat": 0, "mixed": 0, "undetermined": 0})
    transitions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TRANSITIONS, 0))

    def add(self, other: "_Slice") -> None:
        self.posture_ns += other.posture_ns
        self.zones += other.zones
        self.bends += other.bends
        self.bouts += other.bouts
        self.breaks += other.breaks
        for k, v in other.lifts.items():
            self.lifts[k] += v
        for k, v in other.transitions.items():
            self.transitions[k] += v

    def holds_time(self) -> bool:
        """Whether the recording covers any of this slice (timeline seconds, angle samples or events)."""
        return bool(self.posture_ns.any() or self.zones.any() or self.bouts or self.breaks or self.lifts["count"]
                    or any(self.transitions.values()))


class PeriodTables:
    """Accumulates the analysis outputs per (hour, work) and writes the day and hour tables."""

    def __init__(self, clock: RecordingClock, settings: TableSettings | None = None) -> None:
        self.clock = clock
        self.settings = settings or TableSettings()
        self._slices: dict[tuple[int, bool], _Slice] = {}
        self._hours = np.empty(0, np.int64)  # session ns of local hour starts, ascending
        self._work_edges = np.empty(0, np.int64)  # start, end, start, end, ... of work intervals
        # the same as Python ints: one time is looked up by bisect (~0.2 µs) rather than
        # np.searchsorted (~2 µs a call; ~10 k calls a day); the same indices (exact integers)
        self._hour_list: list[int] = []
        self._work_list: list[int] = []
        self._covered = (0, 0)
        self._rate: float | None = None
        self._first: int | None = None
        self._last: int | None = None

    # -- input ---------------------------------------------------------------------------------
    def add_segments(self, segments: list[Any]) -> None:
        for s in segments:
            a, b = int(s.start_ns), int(s.end_ns)
            if b <= a:
                continue
            self._span(a, b)
            k = POSTURE_ORDER.index(s.posture)
            # the hour starts and work edges strictly inside (a, b): both arrays ascend, so a
            # slice each (not a mask over every hour); most segments lie within one hour
            hours, work = self._hour_list, self._work_list
            in_hours = self._hours[bisect_right(hours, a):bisect_left(hours, b)]
            in_work = self._work_edges[bisect_right(work, a):bisect_left(work, b)]
            if not len(in_hours) and not len(in_work):
                self._slice(a).posture_ns[k] += b - a
                continue
            edges = [a, *np.union1d(in_hours, in_work).tolist(), b]
            for x, y in zip(edges[:-1], edges[1:]):
                self._slice(x).posture_ns[k] += y - x

    def add_frames(self, frames: list[Any]) -> None:
        for f in frames:
            if not len(f) or not f.has("trunk_zone"):
                continue
            self._rate = float(f.rate_hz)
            t = f.t_ns
            self._span(int(t[0]), int(t[-1]) + 1)
            zone = np.asarray(f["trunk_zone"])
            bend = np.asarray(f["trunk_bend"], bool)
            if self._one_slice(int(t.min()), int(t.max())):
                # the whole block in one (hour, work) slice, as most are: skip the per-sample
                # keys and np.unique (~0.36 ms a 180-s block, over half the writer's time)
                self._add_zones(self._slice(int(t[0])), zone, bend)
                continue
            hour = self._hours[np.searchsorted(self._hours, t, side="right") - 1]
            work = self._is_work(t)
            key = hour * 2 + work
            for k in np.unique(key).tolist():
                sel = key == k
                self._add_zones(self._slices.setdefault((k // 2, bool(k % 2)), _Slice()), zone[sel], bend[sel])

    def add_events(self, events: list[Event]) -> None:
        for e in events:
            if e.type == "sitting_bout":
                self._span(int(e.t_ns), int(e.end_ns) + 1)
                self._slice(int(e.t_ns)).bouts.append(float(e.fields.get("duration_s", (e.end_ns - e.t_ns) / NS_PER_S)))
                if e.fields.get("ended_by", "break") == "break":
                    self._slice(int(e.end_ns)).breaks += 1
            elif e.type == "lift":
                self._span(int(e.t_ns), int(e.t_ns) + 1)
                lifts = self._slice(int(e.t_ns)).lifts
                lifts["count"] += 1
                tech = str(e.fields.get("technique", ""))
                if tech in lifts:
                    lifts[tech] += 1
            elif e.type in TRANSITIONS:  # counted where the movement starts, as the summary counts it
                self._span(int(e.t_ns), int(e.t_ns) + 1)
                self._slice(int(e.t_ns)).transitions[e.type] += 1

    # -- output --------------------------------------------------------------------------------
    def rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(day rows, hour rows) with the :data:`DAY_COLUMNS` / :data:`HOUR_COLUMNS`."""
        if self._first is None or self._last is None:
            return [], []
        periods = ("all", "work", "non_work") if self.settings.schedule is not None else ("all",)
        first_hour = int(self._hours[np.searchsorted(self._hours, self._first, side="right") - 1])
        hours = self._hours[(self._hours >= first_hour) & (self._hours < self._last)].tolist()
        dates = [d.date() for d in (self.clock.local(h) for h in hours)]
        by_day: dict[date, dict[str, _Slice]] = {}
        hour_rows = []
        for h, d in zip(hours, dates):
            parts = {"work": self._slices.get((h, True), _Slice()), "non_work": self._slices.get((h, False), _Slice())}
            parts["all"] = _sum(parts.values())
            day = by_day.setdefault(d, {p: _Slice() for p in ("all", "work", "non_work")})
            for p, sl in parts.items():
                day[p].add(sl)
            label = self.clock.local(h).isoformat(timespec="minutes")
            hour_rows += [{"date": d, "hour": label, "period": p, **self._figures(parts[p])} for p in periods
                          if p == "all" or parts[p].holds_time()]
        day_rows = []
        valid: dict[date, bool] = {}
        for d, parts in by_day.items():
            valid[d] = bool(self._figures(parts["all"])["wear_s"] >= self.settings.valid_day_min_wear_h * 3600 - 1e-6)
            # a weekend day has no work period: no work row (a valid day of zeros misled), and
            # likewise no non_work row for an hour that is work time throughout
            day_rows += [{"date": d, "period": p, **self._figures(parts[p])} for p in periods
                         if p == "all" or parts[p].holds_time()]
        for row in day_rows + hour_rows:
            row["valid_day"] = valid[row["date"]]
        return day_rows, hour_rows

    def write(self, out_dir: Path) -> list[str]:
        """Write the four table files into ``out_dir``; returns their names."""
        days, hours = self.rows()
        _write_csv(out_dir / "days.csv", DAY_COLUMNS, days)
        _write_csv(out_dir / "hours.csv", HOUR_COLUMNS, hours)
        _write_parquet(out_dir / "days.parquet", DAY_COLUMNS, days)
        _write_parquet(out_dir / "hours.parquet", HOUR_COLUMNS, hours)
        return list(TABLE_FILES)

    # -- internals -----------------------------------------------------------------------------
    def _figures(self, sl: _Slice) -> dict[str, Any]:
        sec = {p: sl.posture_ns[i] / NS_PER_S for i, p in enumerate(POSTURE_ORDER)}
        rate = self._rate or 50.0
        zones = sl.zones / rate
        valid_angle_h = float(sl.zones.sum()) / rate / 3600.0
        sitting_h = sec["sitting"] / 3600.0
        out: dict[str, Any] = {
            "wear_s": sum(v for p, v in sec.items() if p not in NOT_WORN),
            "valid_day": None,
            **{f"{p}_s": sec[p] for p in ("sitting", "standing", "walking", "lying", "unknown")},
            "sitting_bouts": len(sl.bouts),
            "sitting_bouts_over_30min": sum(b >= LONG_BOUT_S for b in sl.bouts),
            "longest_sitting_bout_s": max(sl.bouts, default=0.0),
            "sitting_breaks_per_hour": sl.breaks / sitting_h if sitting_h > 0 else None,
            "lifts": sl.lifts["count"],
            "lifts_stoop": sl.lifts["stoop"],
            "lifts_squat": sl.lifts["squat"],
            "lifts_mixed": sl.lifts["mixed"],
            "lifts_undetermined": sl.lifts["undetermined"],
            "bends_per_hour": sl.bends / valid_angle_h if valid_angle_h > 0 else None,
            "trunk_20_60_s": float(zones[1]),
            "trunk_over_60_s": float(zones[2]),
            "transition_s": sec["transition"],
            "non_wear_s": sec["non_wear"],
            "no_data_s": sec["no_data"],
            "trunk_0_20_s": float(zones[0]),
            "bends": sl.bends,
            "sitting_breaks": sl.breaks,
            "upright_still_s": sec["upright_still"],  # trunk alone: sitting or standing (analysis/upright_still.py)
            "sit_to_stand_count": sl.transitions["sit_to_stand"],
            "stand_to_sit_count": sl.transitions["stand_to_sit"],
        }
        return out

    def _one_slice(self, lo: int, hi: int) -> bool:
        """Whether every time in [lo, hi] (ns) has the same hour and work key: no hour start and
        no work edge in (lo, hi] (the keys count starts and edges <= t, see :meth:`_slice`)."""
        hours, work = self._hour_list, self._work_list
        return bisect_right(hours, lo) == bisect_right(hours, hi) and bisect_right(work, lo) == bisect_right(work, hi)

    @staticmethod
    def _add_zones(sl: _Slice, zone: np.ndarray, bend: np.ndarray) -> None:
        """Add samples per trunk zone (a negative zone: no valid angle) and bend samples to ``sl``."""
        sl.zones += np.bincount(zone[zone >= 0], minlength=3)[:3]
        sl.bends += int(bend.sum())

    def _slice(self, t_ns: int) -> _Slice:
        hour = self._hour_list[bisect_right(self._hour_list, t_ns) - 1]
        key = (hour, bool(bisect_right(self._work_list, t_ns) % 2))  # as _is_work of one time
        sl = self._slices.get(key)
        if sl is None:  # not setdefault: that built a _Slice (three arrays) on every call
            sl = self._slices[key] = _Slice()
        return sl

    def _is_work(self, t: np.ndarray | int) -> np.ndarray:
        """1 where ``t`` (ns; an array, or one time: a 0-d result) is inside work hours, else 0."""
        if not len(self._work_edges):
            return np.zeros(np.shape(t), np.int64)
        return np.searchsorted(self._work_edges, t, side="right") % 2

    def _span(self, a: int, b: int) -> None:
        """Note data in [a, b) and make the hour starts and work edges cover it."""
        self._first = a if self._first is None else min(self._first, a)
        self._last = b if self._last is None else max(self._last, b)
        lo, hi = self._covered
        if len(self._hours) and lo <= a and b <= hi:
            return
        day = 24 * 3600 * NS_PER_S
        if not len(self._hours):
            lo, hi = a - day, b + day
        else:
            lo, hi = (min(lo, a - day) if a < lo else lo), (max(hi, b + day) if b > hi else hi)
        self._hours = self.clock.boundaries(lo - 1, hi, "hour")
        if self.settings.schedule is not None:
            spans = self.settings.schedule.intervals(self.clock, lo, hi)
            self._work_edges = np.array([x for ab in spans for x in ab], np.int64)
        self._hour_list, self._work_list = self._hours.tolist(), self._work_edges.tolist()
        self._covered = (int(self._hours[0]), hi)


def _sum(slices: Any) -> _Slice:
    total = _Slice()
    for sl in slices:
        total.add(sl)
    return total


def _text(value: Any, column: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in INT_FIGURES:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with open(path, "w") as fh:
        fh.write(",".join(columns) + "\n")
        for row in rows:
            fh.write(",".join(_text(row[c], c) for c in columns) + "\n")


def _write_parquet(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .arrow_plain import array  # pa.array would import pandas (~35 MiB RSS) at the end of an analysis

    types = {"date": pa.date32(), "hour": pa.string(), "period": pa.string(), "valid_day": pa.bool_()}
    arrays = []
    for c in columns:
        typ = types.get(c, pa.int64() if c in INT_FIGURES else pa.float64())
        values = [row[c] for row in rows]
        if typ == pa.float64():
            values = [None if v is None else round(float(v), 2) for v in values]
        arrays.append(array(values, typ))
    pq.write_table(pa.Table.from_arrays(arrays, names=list(columns)), path)
