"""Clock time at the edges: a recording's UTC start and local time zone.

Inside OefenSense time is int64 ns on the session clock (0 = the recording's start) and never
jumps. A :class:`RecordingClock` maps that clock to wall-clock time for outputs, day and hour
tables and reports: ``start_utc_ns`` is the UTC instant of session time 0 (ns since the Unix
epoch) and ``timezone`` an IANA name (``Europe/Amsterdam``), so daylight-saving changes fall out
of the zone's rules (a local day can last 23 or 25 hours; both 02:00 hours of the October change
are kept apart by their UTC offsets).

The clock travels in-band as a source event (``Event("clock", 0, 0, {"start_utc", "timezone"})``,
:meth:`RecordingClock.to_event`), like ``gap`` and ``marker``: the recorder stores it, a replay
gives it again, and every sink sees it before the first sample.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from .types import NS_PER_S, Event
from .worded import QT_TR_NOOP, WordedValueError

CLOCK_EVENT = "clock"
_FIXED = re.compile(r"([+-])(\d{2}):(\d{2})")
_NS_PER_MIN = 60 * NS_PER_S
_NS_PER_DAY = 24 * 3600 * NS_PER_S


class ClockError(WordedValueError):
    """A start time or time zone that cannot be used; the message says what to give instead (in
    the CLI's language: ``text(tr)``)."""


def zone(name: str) -> tzinfo:
    """The IANA time zone ``name`` (or a fixed UTC offset written ``+01:00``, which knows no
    daylight saving); a :class:`ClockError` naming it when it is unknown."""
    m = _FIXED.fullmatch(name)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ClockError(QT_TR_NOOP("unknown time zone {name!r}: give an IANA name such as Europe/Amsterdam or UTC"),
                         name=name) from exc


@dataclass(frozen=True, slots=True)
class RecordingClock:
    """Session time (ns since the recording's start) to clock time; see the module doc."""

    start_utc_ns: int
    timezone: str

    def __post_init__(self) -> None:
        zone(self.timezone)  # refuse an unknown zone at once

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def parse_start(cls, text: str, tz: str | None = None, machine_zone: str | None = None) -> "RecordingClock":
        """``--start`` text (ISO 8601, e.g. ``2026-03-02T08:30+01:00`` or ``...Z``) and ``--tz``.

        With an offset in the text and no ``tz``, ``machine_zone`` (this machine's zone, see
        :func:`machine_zone_name`) is taken when it has that offset at that
        instant, else that fixed offset (no daylight-saving changes: give ``tz`` for them); a
        text without offset needs ``tz``. With both, they must agree."""
        try:
            dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ClockError(QT_TR_NOOP("--start {text!r}: not an ISO 8601 date-time (e.g. 2026-03-02T08:30+01:00)"),
                             text=text) from None
        if dt.tzinfo is None:
            if tz is None:
                raise ClockError(QT_TR_NOOP("--start {text!r} has no UTC offset: add it (e.g. +01:00) or give --tz"), text=text)
            return cls.from_utc(_local_start(dt, text, tz), tz)
        expected = dt.utcoffset()
        if tz is None:
            machine = machine_zone
            if machine is not None and cls.from_utc(dt, machine).local(0).utcoffset() == expected:
                return cls.from_utc(dt, machine)
            return cls.from_utc(dt, _offset_text(expected))
        name = tz
        clock = cls.from_utc(dt, name)
        actual = clock.local(0).utcoffset()
        if expected != actual:
            raise ClockError(QT_TR_NOOP("--start {text!r} has UTC offset {offset}, but time zone {name} is at {actual} then: "
                                        "give the zone the recording was made in with --tz"),
                             text=text, offset=_offset_text(expected), name=name, actual=_offset_text(actual))
        return clock

    @classmethod
    def from_utc(cls, instant: datetime, tz: str) -> "RecordingClock":
        """Session time 0 = the aware ``instant``."""
        if instant.tzinfo is None:
            raise ClockError(QT_TR_NOOP("a clock start needs an aware date-time (with a UTC offset)"))
        return cls(_utc_ns(instant), tz)

    @classmethod
    def from_event(cls, event: Event) -> "RecordingClock":
        """The clock a ``clock`` source event announces (its ``t_ns`` is the session time of
        ``start_utc``)."""
        start = datetime.fromisoformat(str(event.fields["start_utc"]).replace("Z", "+00:00"))
        return cls(_utc_ns(start) - int(event.t_ns), str(event.fields["timezone"]))

    def to_event(self) -> Event:
        """The in-band ``clock`` source event (see the module doc)."""
        return Event(CLOCK_EVENT, 0, 0, self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """Manifest / event form: ``start_utc`` (ISO 8601, µs, ``Z``) and ``timezone``."""
        return {"start_utc": self.start_utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "timezone": self.timezone}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "RecordingClock":
        return cls.from_event(Event(CLOCK_EVENT, 0, 0, d))

    # -- mapping ---------------------------------------------------------------------------
    @property
    def zone(self) -> tzinfo:
        return zone(self.timezone)  # ZoneInfo keeps one instance per name

    @property
    def start_utc(self) -> datetime:
        return datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=self.start_utc_ns // 1000)

    def local(self, t_ns: int) -> datetime:
        """Aware local date-time at session time ``t_ns`` (µs resolution)."""
        us = (self.start_utc_ns + int(t_ns)) // 1000
        return (datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=us)).astimezone(self.zone)

    def session_ns(self, instant: datetime) -> int:
        """Session time of an aware date-time."""
        return _utc_ns(instant) - self.start_utc_ns

    def offsets_s(self, t_ns: np.ndarray) -> np.ndarray:
        """UTC offset (s) at each session time, vectorised: per UTC day the zone is asked at the
        day's ends and bisected where they differ (cached: DST changes are months apart)."""
        u = self.start_utc_ns + np.asarray(t_ns, np.int64)
        out = np.empty(u.shape, np.int64)
        days = u // _NS_PER_DAY
        for day in np.unique(days).tolist():
            sel = days == day
            for a, b, off in _day_runs(self.timezone, int(day)):
                out[sel & (u >= a) & (u <= b)] = off
        return out

    def iso(self, t_ns: np.ndarray, unit: str = "ms") -> np.ndarray:
        """ISO 8601 local clock time with UTC offset at each session time, e.g.
        ``2026-03-02T08:30:00.000+01:00`` (``unit``: numpy datetime unit of the fraction)."""
        t = np.asarray(t_ns, np.int64)
        if t.size == 0:
            return np.empty(0, dtype=str)
        off = self.offsets_s(t)
        local = (self.start_utc_ns + t + off * NS_PER_S).astype("datetime64[ns]")
        text = np.datetime_as_string(local, unit=unit)
        suffixes = {int(o): _offset_text(timedelta(seconds=int(o))) for o in np.unique(off)}
        suffix = np.array([suffixes[int(o)] for o in off]) if len(suffixes) > 1 else next(iter(suffixes.values()))
        return np.char.add(text, suffix)

    def local_dates(self, t_ns: np.ndarray) -> np.ndarray:
        """Local calendar date (numpy ``datetime64[D]``) at each session time."""
        t = np.asarray(t_ns, np.int64)
        local = (self.start_utc_ns + t + self.offsets_s(t) * NS_PER_S).astype("datetime64[ns]")
        return local.astype("datetime64[D]")

    def boundaries(self, t0_ns: int, t1_ns: int, every: str) -> np.ndarray:
        """Session times of local ``"day"`` (midnight) or ``"hour"`` starts in ``(t0_ns, t1_ns]``,
        ascending. Found on the UTC quarter-hour grid (every zone's offset is a multiple of 15
        minutes), so 23- and 25-hour days and repeated hours come out right."""
        if every not in ("day", "hour"):
            raise ValueError("every: 'day' or 'hour'")
        q = 15 * _NS_PER_MIN
        u0, u1 = self.start_utc_ns + int(t0_ns), self.start_utc_ns + int(t1_ns)
        grid = np.arange((u0 // q + 1) * q, u1 + 1, q, dtype=np.int64)
        if grid.size == 0:
            return grid
        t = grid - self.start_utc_ns
        local_min = ((grid // NS_PER_S + self.offsets_s(t)) // 60) % (24 * 60)
        keep = local_min == 0 if every == "day" else local_min % 60 == 0
        return t[keep]


@lru_cache(maxsize=4096)
def _day_runs(tz: str, day: int) -> tuple[tuple[int, int, int], ...]:
    """(first, last UTC ns, offset s) runs covering one UTC day in zone ``tz``."""
    a, b = day * _NS_PER_DAY, (day + 1) * _NS_PER_DAY - 1
    off_a, off_b = _offset_at_utc(tz, a), _offset_at_utc(tz, b)
    if off_a == off_b:
        return ((a, b, off_a),)
    lo, hi = a, b  # offset(lo) == off_a, offset(hi) == off_b: find the change
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset_at_utc(tz, mid) == off_a:
            lo = mid
        else:
            hi = mid
    return ((a, lo, off_a), (hi, b, off_b))


def _local_start(dt: datetime, text: str, tz: str) -> datetime:
    """A naive ``--start`` in zone ``tz``; a ClockError when a DST change skips it (it was read an
    hour later) or repeats it (it was read as the first of the two): say the offset instead."""
    first, second = dt.replace(tzinfo=zone(tz), fold=0), dt.replace(tzinfo=zone(tz), fold=1)
    if first.astimezone(timezone.utc).astimezone(first.tzinfo).replace(tzinfo=None) != dt:
        raise ClockError(QT_TR_NOOP("--start {text!r} does not exist in {zone}: the clocks were put forward then; "
                                    "write it with its UTC offset (e.g. {example})"),
                         text=text, zone=tz, example=dt.isoformat(timespec="minutes") + _offset_text(first.utcoffset()))
    if first.utcoffset() != second.utcoffset():
        raise ClockError(QT_TR_NOOP("--start {text!r} happens twice in {zone} (the clocks were put back): write it with "
                                    "its UTC offset, {first} or {second}"),
                         text=text, zone=tz, first=_offset_text(first.utcoffset()), second=_offset_text(second.utcoffset()))
    return first


def _offset_at_utc(tz: str, utc_ns: int) -> int:
    instant = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=utc_ns // 1000)
    off = instant.astimezone(zone(tz)).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


def _utc_ns(instant: datetime) -> int:
    delta = instant.astimezone(timezone.utc) - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86400 + delta.seconds) * NS_PER_S + delta.microseconds * 1000


def _offset_text(off: timedelta | None) -> str:
    total = int((off or timedelta(0)).total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 3600:02d}:{total % 3600 // 60:02d}"


def machine_zone_name() -> str | None:
    """This machine's IANA time zone (``TZ``, ``/etc/timezone`` or the ``/etc/localtime`` link),
    None when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None
