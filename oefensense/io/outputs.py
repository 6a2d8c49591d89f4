"""Writes the analysis results of one recording: timeline.csv, events.jsonl, summary.json and,
optionally, angles.csv (decimated body angles). A :class:`~oefensense.engine.Sink`.
"""

from __future__ import annotations

import contextlib
import csv
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..core.frames import ANGLE_CHANNELS, BodyFrame
from ..core.types import NS_PER_S, Event

SOURCE_EVENT_TYPES = frozenset({"gap", "marker"})  # events that come from the source, not analysis


RESULT_FILES = ("timeline.csv", "events.jsonl", "summary.json", "angles.csv")


def event_sort_key(e: Event) -> tuple:
    return (e.t_ns, e.end_ns, e.type, e.sensor_id, json.dumps(e.fields, sort_keys=True, default=str))


class AnalysisWriter:
    """Sink writing the four result files into ``out_dir`` (created).

    Events are kept (they are few) and written sorted by time at close, so their order never
    depends on when a stage made them final; angles stream to disk as frames arrive.
    ``angles_rate_hz``: rate of angles.csv rows (the analysis grid is decimated to it).
    """

    def __init__(self, out_dir: str | Path, *, angles: bool = False, angles_rate_hz: float = 10.0) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.events: list[Event] = []
        self.segments: list[Any] = []
        self._angles_rate = angles_rate_hz
        self._angles_file = open(self.out_dir / "angles.csv", "w", newline="") if angles else None
        self._angle_cols: list[str] | None = None

    def on_input(self, item: Any) -> None:
        pass

    def on_output(self, out: Any) -> None:
        self.events += out.events
        self.segments += out.segments
        if self._angles_file is not None:
            for frame in out.frames:
                self._write_angles(frame)

    def _write_angles(self, frame: BodyFrame) -> None:
        if self._angle_cols is None:
            self._angle_cols = [c for c in ANGLE_CHANNELS if frame.has(c)]
            self._angles_file.write(",".join(["time_s", *self._angle_cols]) + "\n")
        step_ns = int(round(NS_PER_S / self._angles_rate))
        pick = (frame.t_ns % step_ns) < int(round(NS_PER_S / frame.rate_hz))
        if not pick.any():
            return
        cols = [frame.t_ns[pick] / NS_PER_S] + [frame[c][pick] for c in self._angle_cols]
        table = np.column_stack(cols)
        fmt = ["%.3f"] + ["%.2f"] * len(self._angle_cols)
        np.savetxt(self._angles_file, table, fmt=fmt, delimiter=",")

    def close(self, pipeline: Any) -> None:
        if self._angles_file is not None:
            self._angles_file.close()
        with open(self.out_dir / "timeline.csv", "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["start_s", "end_s", "posture", "confidence"])
            for s in sorted(self.segments, key=lambda s: s.start_ns):
                w.writerow([f"{s.start_ns / NS_PER_S:.2f}", f"{s.end_ns / NS_PER_S:.2f}", s.posture, f"{s.confidence:.2f}"])
        with open(self.out_dir / "events.jsonl", "w") as fh:
            for e in sorted(self.events, key=event_sort_key):
                fh.write(json.dumps(e.to_json_dict(), default=_json_default) + "\n")
        with open(self.out_dir / "summary.json", "w") as fh:
            json.dump(pipeline.summary(), fh, indent=2, default=_json_default)
            fh.write("\n")


    def discard(self) -> None:
        """Remove the result files (the analysis failed: nothing may look like a result), and
        ``out_dir`` when that leaves it empty."""
        if self._angles_file is not None:
            self._angles_file.close()
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
