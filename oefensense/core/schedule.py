"""A work schedule in local clock time: ``Mon-Fri 08:30-17:00; Sat 09:00-12:00``.

Day and hour tables split every figure into work and non-work time with it
(``oefensense.io.period_tables``). Days are English (``Mon`` … ``Sun``) or Dutch (``ma`` … ``zo``)
abbreviations, single or as a range; times are ``HH:MM`` local time (an end may be ``24:00``); an
end before the start runs past midnight (a night shift ``Mon-Fri 22:00-06:00`` ends the next
morning, and ``analyze`` says "across midnight" under its day table). An end equal to the start
is refused: ``Mon 08:00-08:00`` was read as 24 hours, silently, and is far more likely a typo; a
whole day is written ``00:00-24:00``. A time that a
daylight-saving change skips or repeats is taken as the zone's rules give it (Python's
``fold=0``: the first of two, the later side of a gap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .clock import RecordingClock
from .worded import QT_TR_NOOP, WordedValueError

DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
        "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}  # fmt: skip
_SPEC = re.compile(r"^\s*([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class ScheduleError(WordedValueError):
    """A work-hours text that cannot be read; the message shows the expected form (in the CLI's
    language: ``text(tr)``)."""


@dataclass(frozen=True, slots=True)
class WorkSchedule:
    """Work spans per weekday: (weekday 0 = Monday, start minute, end minute after local
    midnight of that day; the end may pass 24:00). ``parts``: the text's parts as read (first
    weekday, last weekday, start minute, end minute; the end above 1440 when it runs past
    midnight), in the text's order, to say them back (``commands/days_view.py``)."""

    spans: tuple[tuple[int, int, int], ...]
    text: str = ""
    parts: tuple[tuple[int, int, int, int], ...] = ()

    @classmethod
    def parse(cls, text: str) -> "WorkSchedule":
        """``"Mon-Fri 08:30-17:00"``; several parts separated by ``;``."""
        spans: list[tuple[int, int, int]] = []
        parts: list[tuple[int, int, int, int]] = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            m = _SPEC.match(part)
            if not m:
                raise ScheduleError(QT_TR_NOOP("work hours {part!r}: write e.g. 'Mon-Fri 08:30-17:00' (parts separated by ';')"),
                                    part=part)
            first, last = _day(m.group(1)), _day(m.group(2) or m.group(1))
            if first is None or last is None:
                raise ScheduleError(QT_TR_NOOP("work hours {part!r}: days are Mon..Sun (or ma..zo)"), part=part)
            h0, m0, h1, m1 = (int(m.group(i)) for i in range(3, 7))
            if h0 > 23 or h1 > 24 or m0 > 59 or m1 > 59 or (h1 == 24 and m1 > 0):  # 24:30 was read as 00:30
                raise ScheduleError(QT_TR_NOOP("work hours {part!r}: times are HH:MM"), part=part)
            start, end = h0 * 60 + m0, h1 * 60 + m1
            if end == start:  # 08:00-08:00 was read as 24 hours; a whole day is 00:00-24:00
                raise ScheduleError(QT_TR_NOOP("work hours {part!r}: it starts and ends at the same time (0 or 24 hours?); "
                                               "a whole day is 00:00-24:00"), part=part)
            if end < start:
                end += 24 * 60  # past midnight
            parts.append((first, last, start, end))
            d, stop = first, last
            while True:
                spans.append((d, start, end))
                if d == stop:
                    break
                d = (d + 1) % 7
        if not spans:
            raise ScheduleError(QT_TR_NOOP("work hours: empty; write e.g. 'Mon-Fri 08:30-17:00'"))
        return cls(tuple(sorted(spans)), text.strip(), tuple(parts))

    def intervals(self, clock: RecordingClock, t0_ns: int, t1_ns: int) -> list[tuple[int, int]]:
        """Work intervals (session ns, merged, ascending) that overlap ``[t0_ns, t1_ns)``."""
        tz = clock.zone
        first = clock.local(t0_ns).date() - timedelta(days=1)  # a night shift of the day before
        last = clock.local(t1_ns).date()
        out: list[tuple[int, int]] = []
        day = first
        while day <= last:
            for weekday, start, end in self.spans:
                if weekday != day.weekday():
                    continue
                a = clock.session_ns(_local(day, start, tz))
                b = clock.session_ns(_local(day, end, tz))
                if b > t0_ns and a < t1_ns:
                    out.append((a, b))
            day += timedelta(days=1)
        out.sort()
        merged: list[tuple[int, int]] = []
        for a, b in out:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged


def _day(name: str) -> int | None:
    n = name.lower()
    return DAYS.get(n[:3], DAYS.get(n[:2])) if len(n) <= 9 else None


def _local(day, minute: int, tz) -> datetime:  # noqa: ANN001 - date, tzinfo
    days, rest = divmod(minute, 24 * 60)
    return datetime.combine(day + timedelta(days=days), time(rest // 60, rest % 60), tzinfo=tz)
