"""Writes the analysis results of one recording: timeline.csv, events.jsonl, summary.json and,
optionally, angles.csv (decimated body angles). A :class:`~oefensense.engine.Sink`.

Nothing grows with the recording's length: timeline rows and angles stream to disk as they
become final (the posture stage closes its segments in time order), and events, which stages
make final out of order, are sorted through :class:`~oefensense.io.spill.SortedSpill`.

With a clock (the source's ``clock`` event, see :mod:`oefensense.core.clock`) every file also
carries local clock time, ISO 8601 with UTC offset, beside the seconds: ``start_time``/``end_time``
in timeline.csv, ``time``/``end_time`` in events.jsonl, ``time`` in angles.csv.

angles.csv carries, beside the angles, ``trunk_provisional`` / ``pelvis_provisional`` (0/1) for
each worn sensor an angle's forward direction comes from: 1 while that direction is not yet
known, where flexion, lateral bend, twist and pelvis tilt are guesses (zones, lifts and reports
leave them out; see ``core.frames.SegmentBlock``).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..core.clock import CLOCK_EVENT, RecordingClock
from ..core.frames import ANGLE_CHANNELS, ANGLE_FORWARD_FROM, BodyFrame, provisional_column
from ..core.types import NS_PER_S, Event
from .data_quality import DataQuality
from .period_tables import TABLE_FILES, PeriodTables, TableSettings
from .spill import SortedSpill

#: events that come from the source, not analysis (replayed from a session, never recomputed)
SOURCE_EVENT_TYPES = frozenset({"gap", "marker", CLOCK_EVENT})


RESULT_FILES = ("timeline.csv", "events.jsonl", "summary.json", "angles.csv", *TABLE_FILES)


def event_sort_key(e: Event) -> tuple:
    return (e.t_ns, e.end_ns, e.type, e.sensor_id, json.dumps(e.fields, sort_keys=True, default=str))


class AnalysisWriter:
    """Sink writing the result files into ``out_dir`` (created); see the module doc.

    ``angles_rate_hz``: rate of angles.csv rows (the analysis grid is decimated to it);
    ``spill_events``: events kept in memory before a sorted run goes to disk; ``tables``: the
    day and hour tables' settings (written when the recording has a clock)."""

    def __init__(self, out_dir: str | Path, *, angles: bool = False, angles_rate_hz: float = 10.0,
                 spill_events: int = 20_000, tables: TableSettings | None = None,
                 imports: dict[str, Any] | None = None, session: dict[str, str] | None = None,
                 ahead: dict[str, dict[str, Any]] | None = None, file_starts: dict[str, Any] | None = None) -> None:
        self.out_dir = Path(out_dir)
        # summary.json's data_quality (imports: sensor id -> ImportReport; session: an unclosed
        # one's state; ahead: a file's upright learned ahead; file_starts: a file set's first rows
        # far apart; see DataQuality)
        self.quality = DataQuality(imports, session, ahead, file_starts)
        self.summary: dict[str, Any] = {}  # what summary.json holds, after close
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.clock: RecordingClock | None = None
        self.table_settings = tables or TableSettings()
        self.tables: PeriodTables | None = None
        self._events = SortedSpill(self._encode_event, run_size=spill_events)
        self._timeline = open(self.out_dir / "timeline.csv", "w", newline="")
        self._timeline_started = False
        self._timeline_end_ns: int | None = None
        self._angles_rate = angles_rate_hz
        self._angles_file = open(self.out_dir / "angles.csv", "w", newline="") if angles else None
        self._angle_cols: list[str] | None = None
        self._flag_cols: list[str] = []

    def on_input(self, item: Any) -> None:
        pass

    def on_output(self, out: Any) -> None:
        for e in out.events:
            if e.type == CLOCK_EVENT:
                self._set_clock(RecordingClock.from_event(e))
        self._events.add_encoded(self._encode_events(out.events))
        self.quality.add(out.events)
        self.quality.add_samples(out.samples)
        if out.segments:
            self._write_segments(out.segments)
        if self.tables is not None:
            self.tables.add_segments(out.segments)
            self.tables.add_events(out.events)
            self.tables.add_frames(out.analysed)
        if self._angles_file is not None:
            for frame in out.frames:
                self._write_angles(frame)

    def _set_clock(self, clock: RecordingClock) -> None:
        if self._timeline_started or self._angle_cols is not None:
            raise ValueError("the clock event must come before the first data (a source announces it first)")
        self.clock = clock
        self.tables = PeriodTables(clock, self.table_settings)

    # -- timeline.csv (rows in time order, as the posture stage closes them) -----------------
    def _write_segments(self, segments: list[Any]) -> None:
        if not self._timeline_started:
            self._timeline.write("start_s,end_s,posture,confidence" + (",start_time,end_time" if self.clock else "") + "\n")
            self._timeline_started = True
        starts = np.array([s.start_ns for s in segments], np.int64)
        ends = np.array([s.end_ns for s in segments], np.int64)
        if (self._timeline_end_ns is not None and starts[0] < self._timeline_end_ns) or np.any(starts[1:] < ends[:-1]):
            raise ValueError("timeline segments arrived out of time order")
        self._timeline_end_ns = int(ends[-1])
        clock = self._clock_columns(starts, ends)
        for i, s in enumerate(segments):
            row = f"{s.start_ns / NS_PER_S:.2f},{s.end_ns / NS_PER_S:.2f},{s.posture},{s.confidence:.2f}"
            self._timeline.write(row + (clock[i] if clock is not None else "") + "\n")

    def _clock_columns(self, starts: np.ndarray, ends: np.ndarray) -> list[str] | None:
        if self.clock is None:
            return None
        both = self.clock.iso(np.concatenate((starts, ends))).tolist()  # one call: its cost is mostly per call
        n = len(starts)
        return ["," + x + "," + y for x, y in zip(both[:n], both[n:])]

    # -- events.jsonl ------------------------------------------------------------------------
    def _encode_event(self, e: Event, times: tuple[str, str] | None = None) -> tuple[list, str]:
        """(sort key, JSON line) of one event; ``times``: its clock times if already formatted."""
        key = list(event_sort_key(e))
        d = e.to_json_dict()
        if self.clock is not None:
            if times is None:
                t = self.clock.iso(np.array([e.t_ns, e.end_ns], np.int64))
                times = (str(t[0]), str(t[1]))
            d = {"type": d["type"], "t_s": d["t_s"], "end_s": d["end_s"], "time": times[0], "end_time": times[1],
                 **{k: v for k, v in d.items() if k not in ("type", "t_s", "end_s")}}
        return key, json.dumps(d, default=_json_default)

    def _encode_events(self, events: list[Event]) -> list[tuple[list, str]]:
        """:meth:`_encode_event` of a block's events, their clock times formatted in one call
        (element by element the same text)."""
        if self.clock is None or len(events) < 2:
            return [self._encode_event(e) for e in events]
        t = self.clock.iso(np.array([x for e in events for x in (e.t_ns, e.end_ns)], np.int64)).tolist()
        return [self._encode_event(e, (str(t[2 * i]), str(t[2 * i + 1]))) for i, e in enumerate(events)]

    # -- angles.csv ----------------------------------------------------------------------------
    def _write_angles(self, frame: BodyFrame) -> None:
        if self._angle_cols is None:
            self._angle_cols = [c for c in ANGLE_CHANNELS if frame.has(c)]
            # one 0/1 flag per placement whose forward direction an angle rests on, from the
            # first row on (the flag channel itself appears only once a sensor was provisional)
            needs = {p for c in self._angle_cols for p in ANGLE_FORWARD_FROM[c]}
            self._flag_cols = [provisional_column(p.value) for p in frame.placements if p.value in needs]
            header = ["time_s", *self._angle_cols, *self._flag_cols, *(["time"] if self.clock else [])]
            self._angles_file.write(",".join(header) + "\n")
        step_ns = int(round(NS_PER_S / self._angles_rate))
        pick = (frame.t_ns % step_ns) < int(round(NS_PER_S / frame.rate_hz))
        if not pick.any():
            return
        t = frame.t_ns[pick]
        cols = [t / NS_PER_S] + [frame[c][pick] for c in self._angle_cols]
        flags = [np.asarray(frame[c][pick], bool) if frame.has(c) else np.zeros(len(t), bool) for c in self._flag_cols]
        lines = [",".join(row) for row in zip(*([f"{x:.3f}" for x in cols[0]],
                                                *[[f"{x:.2f}" for x in c] for c in cols[1:]],
                                                *[np.where(f, "1", "0").tolist() for f in flags]))]
        if self.clock is not None:
            lines = [a + "," + b for a, b in zip(lines, self.clock.iso(t).tolist())]
        self._angles_file.write("\n".join(lines) + "\n")

    # -- end -----------------------------------------------------------------------------------
    def close(self, pipeline: Any) -> None:
        try:
            if self._angles_file is not None:
                self._angles_file.close()
            if not self._timeline_started:
                self._timeline.write("start_s,end_s,posture,confidence" + (",start_time,end_time" if self.clock else "") + "\n")
            self._timeline.close()
            with open(self.out_dir / "events.jsonl", "w") as fh:
                for line in self._events.sorted_lines():
                    fh.write(line + "\n")
            if self.tables is not None:
                self.tables.write(self.out_dir)
            with open(self.out_dir / "summary.json", "w") as fh:
                summary = pipeline.summary()
                if self.clock is not None:
                    summary = {**summary, "clock": self.clock.to_dict()}
                self.summary = {**summary, "data_quality": self.quality.to_dict()}
                json.dump(self.summary, fh, indent=2, default=_json_default)
                fh.write("\n")
        finally:
            self._events.close()

    def discard(self) -> None:
        """Remove the result files (the analysis failed: nothing may look like a result), and
        ``out_dir`` when that leaves it empty."""
        for fh in (self._angles_file, self._timeline):
            if fh is not None:
                fh.close()
        self._events.close()
        for name in RESULT_FILES:
            (self.out_dir / name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.out_dir.rmdir()


def _json_default(o: Any) -> Any:
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return None if not np.isfinite(o) else round(float(o), 3)
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")
