"""Per calendar day figures of one recording, in the columns of ``days.csv``.

When the analysis folder holds a ``days.csv`` (the day tables of issue #17: clock time, non-wear,
valid days), its rows are taken as they are (``source = "days.csv"``). Until then the rows are
computed here from the outputs that exist (``source = "timeline"``), split at local midnight:

* posture seconds from ``timeline.csv`` segments (cut at midnight);
* ``wear_s`` = the recorded seconds with a known posture (the timeline's ``non_wear`` and
  ``no_data`` are not worn); no valid-day rule (``valid_day`` None: reports say so);
* sitting bouts, lifts and sit-to-stand / stand-to-sit movements from ``events.jsonl``, each
  counted on the day it starts;
* trunk zone seconds only when the whole recording lies within one day (then they are the
  summary's exact figures); otherwise NULL, never an estimate from the 10 Hz angles;
* bends and sitting breaks (counts and per hour) NULL: the analysis counts them in its frames.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..io.period_tables import NOT_WORN
from .results import ClockStart, read_events, read_summary, read_timeline

# every figure of a ``days.csv`` row (``io.period_tables.FIGURES``): the first 16 since the
# record began, the rest since migration 0003 (before, they were dropped on registration),
# lifts_undetermined since 0005, sit_to_stand_count and stand_to_sit_count since 0006 (None for
# a days.csv written before them)
DAY_COLUMNS = (
    "wear_s", "valid_day", "sitting_s", "standing_s", "walking_s", "lying_s", "unknown_s",
    "sitting_bouts", "sitting_bouts_over_30min", "longest_sitting_bout_s", "lifts", "lifts_stoop",
    "lifts_squat", "lifts_mixed", "trunk_20_60_s", "trunk_over_60_s",
    "sitting_breaks_per_hour", "bends_per_hour", "transition_s", "non_wear_s", "no_data_s", "trunk_0_20_s",
    "bends", "sitting_breaks", "upright_still_s", "lifts_undetermined", "sit_to_stand_count", "stand_to_sit_count",
)
POSTURE_COLUMNS = {"sitting": "sitting_s", "standing": "standing_s", "walking": "walking_s",
                   "lying": "lying_s", "unknown": "unknown_s", "transition": "transition_s", "non_wear": "non_wear_s",
                   "no_data": "no_data_s", "upright_still": "upright_still_s"}
# figures the timeline and events cannot give (bends and breaks are counted in the analysis' frames)
NOT_FROM_TIMELINE = ("sitting_breaks_per_hour", "bends_per_hour", "bends", "sitting_breaks")
# timeline postures that are not worn time (the non-wear stage runs with or without clock time)
NOT_WORN_OR_UNKNOWN = frozenset({"unknown", *NOT_WORN})
INT_COLUMNS = frozenset({"sitting_bouts", "sitting_bouts_over_30min", "lifts", "lifts_stoop", "lifts_squat", "lifts_mixed",
                         "lifts_undetermined", "bends", "sitting_breaks", "sit_to_stand_count", "stand_to_sit_count"})
TRANSITION_COLUMNS = {"sit_to_stand": "sit_to_stand_count", "stand_to_sit": "stand_to_sit_count"}


PERIODS = ("all", "work", "non_work")  # days.csv's ``period``: a --work-hours schedule adds work / non_work


def day_rows(folder: Path, start: ClockStart) -> list[dict[str, Any]]:
    """One dict per local calendar day and period: ``date``, ``period`` (``all``; with a work
    schedule also ``work`` and ``non_work``), ``source`` and the DAY_COLUMNS (None = unknown)."""
    folder = Path(folder)
    if (folder / "days.csv").exists():
        return _read_days_csv(folder / "days.csv")
    return _days_from_outputs(folder, start)


def _read_days_csv(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, newline="") as fh:
        for raw in csv.DictReader(fh):
            period = raw.get("period") or "all"  # io.period_tables writes only PERIODS
            row: dict[str, Any] = {"date": date.fromisoformat(raw["date"]), "period": period, "source": "days.csv"}
            for col in DAY_COLUMNS:
                value = raw.get(col)
                if value in (None, ""):
                    row[col] = None
                elif col == "valid_day":
                    row[col] = value.strip().lower() in ("1", "true", "yes")
                else:
                    row[col] = int(float(value)) if col in INT_COLUMNS else float(value)
            rows.append(row)
    return rows


def _split_by_day(start: ClockStart, t0: float, t1: float) -> list[tuple[date, float]]:
    """Seconds of [t0, t1) (seconds since start) on each local calendar day."""
    out = []
    a = start.at(t0)
    b = start.at(t1)
    while a < b:
        midnight = datetime.combine(a.date() + timedelta(days=1), datetime.min.time(), tzinfo=a.tzinfo)
        cut = min(b, midnight)
        out.append((a.date(), (cut - a).total_seconds()))
        a = cut
    return out


def _days_from_outputs(folder: Path, start: ClockStart) -> list[dict[str, Any]]:
    timeline = read_timeline(folder)
    events = read_events(folder)
    summary = read_summary(folder)
    days: dict[date, dict[str, Any]] = defaultdict(lambda: {c: 0 for c in DAY_COLUMNS})
    for t0, t1, posture in zip(timeline.start_s, timeline.end_s, timeline.posture):
        column = POSTURE_COLUMNS.get(str(posture))
        for day, seconds in _split_by_day(start, t0, t1):
            row = days[day]
            if column:
                row[column] += seconds
            if posture not in NOT_WORN_OR_UNKNOWN:  # the timeline's non-wear is not worn time
                row["wear_s"] += seconds
    long_s = float(summary.get("sitting_bouts", {}).get("prolonged_threshold_s", 1800.0))
    for e in events:
        day = start.at(e["t_s"]).date()
        if e["type"] == "sitting_bout":
            row = days[day]
            dur = float(e.get("duration_s", e["end_s"] - e["t_s"]))
            row["sitting_bouts"] += 1
            row["sitting_bouts_over_30min"] += int(dur >= long_s)
            row["longest_sitting_bout_s"] = max(row["longest_sitting_bout_s"], dur)
        elif e["type"] == "lift":
            row = days[day]
            row["lifts"] += 1
            tech = str(e.get("technique", ""))
            if tech in ("stoop", "squat", "mixed", "undetermined"):
                row[f"lifts_{tech}"] += 1
        elif e["type"] in TRANSITION_COLUMNS:
            days[day][TRANSITION_COLUMNS[e["type"]]] += 1
    zones = summary.get("trunk_zones_s") or {}
    single_day = len(days) == 1
    rows = []
    for day in sorted(days):
        row = {"date": day, "period": "all", "source": "timeline", **days[day]}
        row["valid_day"] = None  # no wear rule without non-wear detection
        row["trunk_20_60_s"] = float(zones["20-60"]) if single_day and "20-60" in zones else None
        row["trunk_over_60_s"] = float(zones[">60"]) if single_day and ">60" in zones else None
        row["trunk_0_20_s"] = float(zones["0-20"]) if single_day and "0-20" in zones else None
        for col in NOT_FROM_TIMELINE:
            row[col] = None
        for col in DAY_COLUMNS:
            if isinstance(row[col], float):
                row[col] = round(row[col], 2)
        rows.append(row)
    return rows
