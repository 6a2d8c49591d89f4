"""Start times for a batch's inputs (``oefensense batch --starts starts.csv``).

A plain CSV states no clock time, so in a batch it had no day tables (``days.csv``): only
``oefensense analyze FILE --start`` could give one, one file at a time. A cohort keeps its start
times in a table beside the data; ``--starts`` reads it: columns ``file`` (an input, as a path
relative to the working directory, as the inputs are named, or absolute) and ``start`` (ISO 8601,
``2026-03-02T08:30+01:00``; without an offset it is local time in ``--tz``, as ``analyze
--start``). Every row must name an input of the batch and every start must parse: a typo would
otherwise leave a participant without day tables while the batch reports success. A listed start
wins over a device file's own start time, as ``analyze --start`` does.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from ..core.clock import ClockError, RecordingClock, machine_zone_name
from ..io.worded import QT_TR_NOOP, WordedFileError
from .discover import BatchInput

COLUMNS = ("file", "start")

CANNOT_READ_STARTS = QT_TR_NOOP("--starts {path}: cannot read ({reason})")
STARTS_COLUMNS = QT_TR_NOOP("--starts {path}: the first line must name the columns file,start (found {found})")
STARTS_NOT_AN_INPUT = QT_TR_NOOP("--starts {path} line {line}: {file} is not an input of this batch")
STARTS_TWICE = QT_TR_NOOP("--starts {path} line {line}: {file} has a start already (line {first})")
STARTS_BAD_TIME = QT_TR_NOOP("--starts {path} line {line}: {reason}")
STARTS_EMPTY_FIELD = QT_TR_NOOP("--starts {path} line {line}: empty file or start")


class StartsError(WordedFileError):
    """The ``--starts`` table cannot be used (one line; the batch does not run)."""


def _key(path: str | Path) -> str:
    """A path compared as written (absolute, normalised; symbolic links not followed, as input ids)."""
    return os.path.normpath(os.path.abspath(os.path.expanduser(str(path))))


def read_starts(path: Path, inputs: list[BatchInput], tz: str | None) -> dict[str, RecordingClock]:
    """Input id -> its clock, from the ``--starts`` table at ``path`` (see the module doc)."""
    by_path = {_key(item.path): item.id for item in inputs}
    by_id = {item.id: item.id for item in inputs}
    machine = machine_zone_name()
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise StartsError(CANNOT_READ_STARTS, path=path, reason=str(exc) or type(exc).__name__) from None
    header = [c.strip().lower() for c in rows[0]] if rows else []
    if tuple(header) != COLUMNS:
        raise StartsError(STARTS_COLUMNS, path=path, found=",".join(rows[0]) if rows else "")
    clocks: dict[str, RecordingClock] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue  # a blank line
        file, start = (row + ["", ""])[:2]
        file, start = file.strip(), start.strip()
        if not file or not start:
            raise StartsError(STARTS_EMPTY_FIELD, path=path, line=line)
        input_id = by_id.get(file) or by_path.get(_key(file))
        if input_id is None:
            raise StartsError(STARTS_NOT_AN_INPUT, path=path, line=line, file=file)
        if input_id in clocks:
            raise StartsError(STARTS_TWICE, path=path, line=line, file=file, first=first_line[input_id])
        try:
            clocks[input_id] = RecordingClock.parse_start(start, tz, machine)
        except ClockError as exc:
            raise StartsError(STARTS_BAD_TIME, path=path, line=line, reason=exc) from None
        first_line[input_id] = line
    return clocks
