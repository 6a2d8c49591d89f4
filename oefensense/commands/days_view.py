"""The day table under ``analyze``'s summary: a recording's ``days.csv`` as a therapist reads it.

The summary gives the whole recording; a week of wear is talked about day by day (was the sensor
worn, how long was the patient sitting, at work too, how many long sitting bouts, how often they
stood up from sitting, lifts). Times in
hours:minutes, in the CLI's language; the figures are the ``days.csv`` rows as written.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.text import Text

from .common import console
from .fit_table import Col, FitTable
from .lang import QT_TR_NOOP, num, tr

if TYPE_CHECKING:
    from ..core.schedule import WorkSchedule

WEEKDAYS = (QT_TR_NOOP("Mon"), QT_TR_NOOP("Tue"), QT_TR_NOOP("Wed"), QT_TR_NOOP("Thu"), QT_TR_NOOP("Fri"),
            QT_TR_NOOP("Sat"), QT_TR_NOOP("Sun"))


def clock_hours(seconds: float) -> str:
    """``seconds`` as hours:minutes ("21:47", "0:44"), rounded to the minute."""
    minutes = int(round(seconds / 60.0))
    return f"{minutes // 60}:{minutes % 60:02d}"


def _clock(minute: int) -> str:
    """Minutes after midnight as HH:MM (1440: "24:00", the end of a whole day)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def work_hours_line(schedule: WorkSchedule) -> str:
    """The schedule as read, in the CLI's language, each part that runs past midnight said so
    ("at work: Mon-Fri 22:00-06:00 (across midnight)"): ``09:00-08:00`` is read as a 23-hour
    night shift, which the day table's "at work" lines alone did not show."""
    parts = []
    for first, last, start, end in schedule.parts:
        days = tr(WEEKDAYS[first]) + ("" if first == last else "-" + tr(WEEKDAYS[last]))
        across = end > 24 * 60
        parts.append(f"{days} {_clock(start)}-{_clock(end - 24 * 60 if across else end)}"
                     + (" " + tr("(across midnight)") if across else ""))
    #: the key to the day table's "at work" lines; {hours} is e.g. "Mon-Fri 08:30-17:00; Sat 09:00-12:00"
    return tr("at work: {hours}").format(hours="; ".join(parts))


def day_table(days_csv: Path, valid_day_hours: float, schedule: WorkSchedule | None = None) -> Group | None:
    """``days.csv`` as a table: one line per day (``all``) and, on a day with work hours in its
    data, one for them (``work``), under a short title ("Per day (hours:minutes)") and above the
    key to its words ("long bouts: ...; valid: worn at least 10 h"), which wraps at the terminal's
    width; None when the file has no rows. The key was part of the title until 4 Dec 2026, which
    rich wraps at the table's width: "... worn at least 10 / h)" at any terminal width, and a Dutch
    title at 80 columns lost its "10 uur". With ``schedule`` (``--work-hours``) a last line says
    the work hours as read (:func:`work_hours_line`)."""
    with open(days_csv, newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return None
    gaps = any(float(r["no_data_s"]) > 0 for r in rows)  # a column only when the sensor's data had gaps
    heads = [tr("day"), tr("worn"), tr("not worn"), *([tr("no data")] if gaps else []), tr("sitting"),
             tr("long bouts"), tr("longest"), tr("stand-ups"), tr("lifts"), tr("valid")]
    # a head may wrap between words, never be cut ("gedrag…" said nothing); the day is one line
    columns = [Col(head, justify="left", no_wrap=True) if i == 0 else Col(head) for i, head in enumerate(heads)]
    # the year when the days span more than one ("do 31-12, vr 01-01" read as one year's days); within
    # one year the summary above gives it and the 80-column table keeps its room
    day_format = "%d-%m" if len({r["date"][:4] for r in rows}) == 1 else "%d-%m-%Y"
    cells: list[list[str]] = []
    for row in rows:
        period = row["period"]
        if period == "non_work":
            continue  # = whole day - work hours: one line fewer per day
        if period == "work" and float(row["wear_s"]) + float(row["non_wear_s"]) + float(row["no_data_s"]) == 0:
            continue  # no work hours in this day's data (a weekend, the recording's last hour)
        day = date.fromisoformat(row["date"])
        first = tr(WEEKDAYS[day.weekday()]) + f" {day.strftime(day_format)}" if period == "all" else "  " + tr("at work")
        # the valid-day rule is the whole day's: the work line does not repeat it
        valid = (tr("yes") if row["valid_day"] == "true" else tr("no")) if period == "all" else ""
        cells.append([first, clock_hours(float(row["wear_s"])), clock_hours(float(row["non_wear_s"])),
                      *([clock_hours(float(row["no_data_s"]))] if gaps else []), clock_hours(float(row["sitting_s"])),
                      row["sitting_bouts_over_30min"],
                      clock_hours(float(row["longest_sitting_bout_s"])) if row["sitting_bouts"] != "0" else "–",
                      row.get("sit_to_stand_count") or "–",  # a days.csv written before 4 Dec 2026 has no count
                      row["lifts"], valid])
    # every column at any width (fit_table): rich dropped the Dutch "geldig" at 80 columns
    table = FitTable(columns, cells, keep=1, continued=tr("Per day (continued)"), title=tr("Per day (hours:minutes)"),
                     title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
                     collapse_padding=True)
    key = tr("long bouts: sitting 30 min or more; valid: worn at least {hours} h").format(hours=num(valid_day_hours, 1, trim=True))
    return Group(table, Text(key), *([Text(work_hours_line(schedule))] if schedule is not None else []))


def print_days(out_dir: Path, valid_day_hours: float, schedule: WorkSchedule | None = None) -> None:
    """Print the day table of one analysis folder (nothing without ``days.csv``)."""
    path = Path(out_dir) / "days.csv"
    if not path.exists():
        return
    table = day_table(path, valid_day_hours, schedule)
    if table is not None:
        console.print(table)
