"""Reading one analysis output folder (what ``analyze``, ``replay`` and a live recording write):
its content hash, summary, timeline, events and angles, and the recording's clock start.

The record stores the folder's path and content hash; a report reads the files again and
refuses to use a folder whose content changed since it was registered (``verify``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .errors import QT_TR_NOOP, WordedError

RESULT_FILES = ("timeline.csv", "events.jsonl", "summary.json", "angles.csv", "days.csv")
REQUIRED_FILES = ("timeline.csv", "events.jsonl", "summary.json")


class ResultsError(WordedError):
    """An analysis folder that is missing, incomplete or changed since registration."""


@dataclass(frozen=True, slots=True)
class ClockStart:
    """When a recording started: an aware UTC instant and the local UTC offset in minutes."""

    utc: datetime
    tz_offset_min: int
    zone: str | None = None  # IANA zone of the recording (its summary's clock), when known

    @property
    def local(self) -> datetime:
        return self.utc.astimezone(timezone(timedelta(minutes=self.tz_offset_min)))

    def at(self, seconds: float) -> datetime:
        """Local clock time ``seconds`` after the start: in the recording's zone when known, so a
        week across a daylight-saving change shows 13:00+02:00 after it, as timeline.csv does
        (with the start's fixed offset it showed 12:00+01:00); else at the start's offset."""
        if self.zone:
            from zoneinfo import ZoneInfo

            return (self.utc + timedelta(seconds=float(seconds))).astimezone(ZoneInfo(self.zone))
        return self.local + timedelta(seconds=float(seconds))

    def iso(self) -> str:
        return self.local.isoformat(timespec="seconds")

    @classmethod
    def from_clock(cls, clock: Any) -> "ClockStart":
        """A recording's :class:`~oefensense.core.clock.RecordingClock`: its UTC start and the
        zone's offset then."""
        offset = clock.local(0).utcoffset()
        return cls(clock.start_utc, int(offset.total_seconds() // 60))


def parse_start(text: str) -> ClockStart:
    """``2026-03-02T08:30+01:00`` (ISO 8601 with a UTC offset or ``Z``) -> ClockStart.

    A time without an offset is refused: the record keeps UTC and the offset, never a guess."""
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"--start {text!r}: not an ISO 8601 date-time (e.g. 2026-03-02T08:30+01:00)") from None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"--start {text!r}: give the UTC offset, e.g. 2026-03-02T08:30+01:00")
    return ClockStart(dt.astimezone(timezone.utc), int(dt.utcoffset().total_seconds() // 60))


def start_from_manifest(manifest: dict[str, Any]) -> ClockStart | None:
    """A session's start: its recorded ``clock`` (UTC start and time zone, see
    ``oefensense.core.clock``); for a session recorded before sessions had one, its manifest's
    ``created_utc`` (wall clock when the session was created) with this machine's UTC offset."""
    if manifest.get("clock"):
        from ..core.clock import RecordingClock

        return ClockStart.from_clock(RecordingClock.from_dict(manifest["clock"]))
    created = manifest.get("created_utc")
    if not created:
        return None
    utc = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    if utc.tzinfo is None:
        return None
    local = utc.astimezone()
    return ClockStart(utc.astimezone(timezone.utc), int(local.utcoffset().total_seconds() // 60))


def results_hash(folder: Path) -> str:
    """``sha256:<hex>`` over the result files present (name and content, fixed order)."""
    folder = Path(folder)
    outer = hashlib.sha256()
    for name in RESULT_FILES:
        path = folder / name
        if not path.exists():
            continue
        inner = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                inner.update(chunk)
        outer.update(f"{name}\0{inner.hexdigest()}\n".encode())
    return "sha256:" + outer.hexdigest()


def check_folder(folder: Path) -> None:
    """ResultsError unless ``folder`` holds the required result files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ResultsError(QT_TR_NOOP("{folder}: no such analysis folder"), folder=folder)
    missing = [n for n in REQUIRED_FILES if not (folder / n).exists()]
    if missing:
        raise ResultsError(QT_TR_NOOP("{folder}: not an analysis folder (missing {files})"), folder=folder, files=", ".join(missing))


def verify(folder: Path, expected_hash: str) -> None:
    """ResultsError if the folder is gone or its files changed since registration."""
    check_folder(folder)
    actual = results_hash(folder)
    if actual != expected_hash:
        raise ResultsError(QT_TR_NOOP("{folder}: results changed since they were registered ({before}… -> {now}…); "
                                      "register the new analysis"), folder=folder, before=expected_hash[:19], now=actual[:19])


def read_summary(folder: Path) -> dict[str, Any]:
    with open(Path(folder) / "summary.json") as fh:
        return json.load(fh)


def read_events(folder: Path) -> list[dict[str, Any]]:
    with open(Path(folder) / "events.jsonl") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Posture segments in seconds since the recording's start."""

    start_s: np.ndarray
    end_s: np.ndarray
    posture: np.ndarray  # str


def read_timeline(folder: Path) -> Timeline:
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(Path(folder) / "timeline.csv",
                           convert_options=pacsv.ConvertOptions(column_types={"posture": "string"}))
    return Timeline(table["start_s"].to_numpy().astype(float), table["end_s"].to_numpy().astype(float),
                    np.asarray(table["posture"].to_pylist(), dtype=object))


def read_angles(folder: Path) -> dict[str, np.ndarray] | None:
    """angles.csv as ``{column: array}`` (None when the analysis wrote none)."""
    path = Path(folder) / "angles.csv"
    if not path.exists():
        return None
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(path)
    return {name: table[name].to_numpy(zero_copy_only=False).astype(float) for name in table.column_names
            if name != "time"}  # ``time``: the clock time beside ``time_s`` (text)


def trunk_angle(angles: dict[str, np.ndarray] | None, preferred: str | None = None) -> tuple[str, np.ndarray] | None:
    """The trunk angle the exposure stage used (``preferred``, e.g. the summary's
    ``trunk_exposure.angle_source``), else trunk flexion, else pelvis tilt; None without angles."""
    if not angles:
        return None
    candidates = [preferred, "trunk_flexion_deg", "pelvis_tilt_deg"]
    if preferred == "pelvis_flexion_deg":  # angles.csv calls the pelvis's sagittal angle its tilt
        candidates.insert(1, "pelvis_tilt_deg")
    for name in candidates:
        if name and name in angles:
            return name, angles[name]
    return None
