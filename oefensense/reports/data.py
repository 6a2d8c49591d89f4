"""What a report shows, gathered from the record and the registered result files.

A report reads results, never recomputes them: ``load_session`` checks the folder's content hash
against the one registered (a changed or missing folder is an error naming the session) and
reads timeline, events and angles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from ..core.frames import provisional_angle_mask
from ..record import Record, RecordError, SessionInfo
from ..record.errors import QT_TR_NOOP
from ..record.results import Timeline, read_angles, read_events, read_timeline, trunk_angle, verify
from ..record.store import AssessmentInfo, GoalInfo


@dataclass(frozen=True)
class SessionData:
    info: SessionInfo
    timeline: Timeline
    events: list[dict[str, Any]]
    angle_name: str | None
    angle_t_s: np.ndarray | None
    angle_deg: np.ndarray | None
    angle_provisional: np.ndarray | None = None  # True where the angle's forward direction was not yet known


def load_session(info: SessionInfo) -> SessionData:
    try:
        verify(info.results_dir, info.results_hash)
    except ValueError as exc:
        raise RecordError(QT_TR_NOOP("session {id} of {code}: {error}"), id=info.id, code=info.patient, error=exc) from None
    angles = read_angles(info.results_dir)
    picked = trunk_angle(angles, (info.summary.get("trunk_exposure") or {}).get("angle_source"))
    return SessionData(
        info, read_timeline(info.results_dir), read_events(info.results_dir),
        picked[0] if picked else None,
        angles["time_s"] if picked else None,
        picked[1] if picked else None,
        provisional_angle_mask(angles, picked[0], len(picked[1])) if picked else None,
    )


@dataclass(frozen=True)
class ReportData:
    """Everything one report needs: the sessions shown in detail (with the one before each),
    all sessions of the patient (for the progress page), assessments and goals."""

    code: str
    shown: list[SessionData]
    previous: dict[int, SessionInfo | None]
    all_sessions: list[SessionInfo]
    assessments: list[AssessmentInfo]
    goals: list[GoalInfo]


def gather(record: Record, code: str, session_id: int | None = None, start: date | None = None,
           end: date | None = None) -> ReportData:
    """The report's data. Default: the newest session; ``session_id`` one session; ``start``/
    ``end`` (local dates, inclusive) every session in that period. No session: RecordError."""
    sessions = record.sessions(code)
    if session_id is not None:
        chosen = [s for s in sessions if s.id == session_id]
        if not chosen:
            raise RecordError(QT_TR_NOOP("session {id} is not a session of {code}"), id=session_id, code=code)
    elif start is not None or end is not None:
        chosen = [s for s in sessions if (start is None or s.start.local.date() >= start)
                  and (end is None or s.start.local.date() <= end)]
        if not chosen:
            raise RecordError(QT_TR_NOOP("{code} has no session between {start} and {end}"), code=code, start=start or "…",
                              end=end or "…")
    else:
        if not sessions:
            raise RecordError(QT_TR_NOOP("{code} has no sessions yet: register one with `oefensense analyze ... --patient {code}`"),
                              code=code)
        chosen = sessions[-1:]
    index = {s.id: i for i, s in enumerate(sessions)}
    previous = {s.id: (sessions[index[s.id] - 1] if index[s.id] > 0 else None) for s in chosen}
    return ReportData(code, [load_session(s) for s in chosen], previous, sessions,
                      record.assessments(code), record.goals(code))
