"""The patient record: one data-access layer over SQLite (default) or PostgreSQL.

``Record(url)`` opens the database (see ``location.database_url``), upgrades its schema with the
Alembic migrations shipped in ``migrations/`` and offers the verbs the CLI, the dashboard, the
reports and the exports use. Rows come back as frozen dataclasses (``PatientInfo``,
``SessionInfo``...), never as live ORM objects, so callers cannot change the database by
accident. Every patient code goes through ``validate_patient_code``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload, sessionmaker

from ..core.patient import validate_patient_code
from . import location, models
from .errors import QT_TR_NOOP, WordedError
from .days import DAY_COLUMNS
from .measures import check_value
from .migrate import upgrade
from .results import ClockStart

SESSION_KINDS = ("live", "imported", "replayed")


class RecordError(WordedError):
    """A record operation that cannot be done (unknown patient, duplicate code...): an English
    ``str()``, and :meth:`~.errors.WordedError.text` for the CLI's language."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True, slots=True)
class PatientInfo:
    code: str
    created_utc: datetime
    sessions: int


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A registered session with its day rows (see ``models.Session``)."""

    id: int
    patient: str
    kind: str
    assessment: str
    start: ClockStart
    duration_s: float
    source_path: str
    source_owned: bool
    results_dir: Path
    results_hash: str
    summary: dict[str, Any]
    sensors: list[dict[str, Any]]
    quality: dict[str, Any]
    registered_utc: datetime
    days: list[dict[str, Any]] = field(default_factory=list)
    # the work / non_work rows of a --work-hours schedule (``period``), beside ``days`` (the whole days)
    work_days: list[dict[str, Any]] = field(default_factory=list)


def flag_overlaps(quality: dict[str, Any], start_utc: datetime, duration_s: float,
                  others: Iterable[tuple[int, datetime, float]]) -> dict[str, Any]:
    """``quality`` plus the patient's other sessions this one shares clock time with (the same
    hours recorded twice, or two files of one week that overlap): ``overlaps`` lists them with
    the shared seconds and ``warnings`` says so, so nobody adds both sessions' figures up
    unknowingly. Each session keeps its own figures; nothing is merged or dropped."""
    end = start_utc + timedelta(seconds=duration_s)
    overlaps = []
    for sid, other_start, other_s in others:
        shared = (min(end, other_start + timedelta(seconds=float(other_s))) - max(start_utc, other_start)).total_seconds()
        if shared > 0:
            overlaps.append({"session_id": int(sid), "overlap_s": round(shared, 1)})
    if not overlaps:
        return quality
    warnings = [*quality.get("warnings", []), *(
        f"shares {o['overlap_s']:g} s of clock time with session {o['session_id']} of the same patient "
        "(recorded twice, or overlapping files): do not add their figures up" for o in overlaps)]
    return {**quality, "overlaps": overlaps, "warnings": warnings}


@dataclass(frozen=True, slots=True)
class AssessmentInfo:
    id: int
    patient: str
    kind: str
    performed: datetime  # aware UTC
    session_id: int | None
    results: dict[str, float]
    details: dict[str, Any] | None = None  # a guided test's phases, flags and settings


@dataclass(frozen=True, slots=True)
class GoalInfo:
    id: int
    set_utc: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Erasure:
    """What ``erase`` removed (rows per table, paths) and what it left (with the reason)."""

    code: str
    rows: dict[str, int]
    removed: list[str]
    kept: list[tuple[str, str]]


class Record:
    """The patient record at ``url`` (None: ``--database``/environment/default SQLite)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = location.database_url(url)
        file = location.sqlite_file(self.url)
        if file is not None and not file.exists():
            if not file.parent.exists():
                location.private_dir(file.parent)
            os.close(os.open(file, os.O_CREAT | os.O_RDWR, location.FILE_MODE))
        self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_foreign_keys)
            event.listen(self.engine, "handle_error", _sqlite_refusal)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __enter__(self) -> "Record":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def device_id(self, identifier: str) -> str:
        """A device address or serial as ``dev-<hash>``: HMAC-SHA256 with this record's secret
        salt (made once, kept in the database), so exports and reports never carry the address
        and the same device gets the same id in every session of the practice."""
        import hashlib
        import hmac
        import secrets

        with self._sessions.begin() as db:
            row = db.get(models.RecordMeta, "device_salt")
            if row is None:
                row = models.RecordMeta(key="device_salt", value=secrets.token_hex(32))
                db.add(row)
            salt = row.value
        return "dev-" + hmac.new(bytes.fromhex(salt), identifier.encode(), hashlib.sha256).hexdigest()[:16]

    def check_writable(self) -> None:
        """RecordError now when the record cannot take a change (read-only, locked by another
        program), so a command that registers its result at the end (``analyze --patient``, a
        guided test) stops before its work instead of after it. Changes nothing."""
        from sqlalchemy import text

        with self.engine.connect() as conn:
            conn.execute(text("UPDATE patients SET code = code WHERE 1 = 0"))  # takes the write lock, writes nothing
            conn.rollback()

    @property
    def display_url(self) -> str:
        return location.redact(self.url)

    # ------------------------------------------------------------------ patients
    def add_patient(self, code: str) -> PatientInfo:
        code = validate_patient_code(code)
        with self._sessions.begin() as db:
            if db.scalar(select(models.Patient).where(models.Patient.code == code)) is not None:
                raise RecordError(QT_TR_NOOP("patient {code} already exists"), code=code)
            p = models.Patient(code=code, created_utc=_now())
            db.add(p)
        return PatientInfo(code, p.created_utc, 0)

    def patients(self) -> list[PatientInfo]:
        with self._sessions() as db:
            rows = db.scalars(select(models.Patient).options(selectinload(models.Patient.sessions))
                              .order_by(models.Patient.code)).all()
            return [PatientInfo(p.code, p.created_utc, len(p.sessions)) for p in rows]

    def has_patient(self, code: str) -> bool:
        code = validate_patient_code(code)
        with self._sessions() as db:
            return db.scalar(select(models.Patient.id).where(models.Patient.code == code)) is not None

    def _patient(self, db: OrmSession, code: str) -> models.Patient:
        code = validate_patient_code(code)
        p = db.scalar(select(models.Patient).where(models.Patient.code == code))
        if p is None:
            raise RecordError(QT_TR_NOOP("unknown patient {code}: add it first with `oefensense patient add {code}`"), code=code)
        return p

    # ------------------------------------------------------------------ sessions
    def register_session(
        self,
        code: str,
        *,
        kind: str,
        start: ClockStart,
        duration_s: float,
        source_path: str,
        source_owned: bool,
        results_dir: Path,
        results_hash: str,
        summary: dict[str, Any],
        sensors: list[dict[str, Any]],
        quality: dict[str, Any],
        days: list[dict[str, Any]],
        assessment: str = "free",
    ) -> SessionInfo:
        if kind not in SESSION_KINDS:
            raise RecordError(QT_TR_NOOP("session kind {kind!r}: one of {kinds}"), kind=kind, kinds=", ".join(SESSION_KINDS))
        with self._sessions.begin() as db:
            p = self._patient(db, code)
            others = db.execute(select(models.Session.id, models.Session.start_utc, models.Session.duration_s)
                                .where(models.Session.patient_id == p.id)).all()
            quality = flag_overlaps(quality, start.utc, float(duration_s), others)
            s = models.Session(
                patient=p, kind=kind, assessment=assessment, start_utc=start.utc, tz_offset_min=start.tz_offset_min,
                duration_s=float(duration_s), source_path=str(source_path), source_owned=bool(source_owned),
                results_dir=str(Path(results_dir).resolve()), results_hash=results_hash, summary=summary,
                sensors=sensors, quality=quality, registered_utc=_now(),
            )
            s.days = [models.SessionDay(**{k: v for k, v in d.items()}) for d in days]
            db.add(s)
            db.flush()
            sid = s.id
        return self.session(sid)

    def session(self, session_id: int) -> SessionInfo:
        with self._sessions() as db:
            s = db.get(models.Session, int(session_id), options=[selectinload(models.Session.days),
                                                                 selectinload(models.Session.patient)])
            if s is None:
                raise RecordError(QT_TR_NOOP("no session {id} in the record"), id=session_id)
            return _session_info(s)

    def session_for_results(self, folder: Path) -> SessionInfo | None:
        """The session whose results live in ``folder`` (None if no session uses it)."""
        with self._sessions() as db:
            s = db.scalar(select(models.Session).where(models.Session.results_dir == str(Path(folder).resolve()))
                          .options(selectinload(models.Session.days), selectinload(models.Session.patient)))
            return None if s is None else _session_info(s)

    def sessions_from_source(self, source: Path | str) -> list[SessionInfo]:
        """Every registered session (any patient) made from the recording at ``source`` (a
        session directory or input file, compared as the absolute path it was registered with)."""
        path = str(Path(source).resolve())
        with self._sessions() as db:
            rows = db.scalars(select(models.Session).where(models.Session.source_path == path)
                              .options(selectinload(models.Session.days), selectinload(models.Session.patient))
                              .order_by(models.Session.id)).all()
            return [_session_info(s) for s in rows]

    def sessions(self, code: str, start: date | None = None, end: date | None = None) -> list[SessionInfo]:
        """The patient's sessions in time order; ``start``/``end`` (local dates, inclusive) filter."""
        with self._sessions() as db:
            p = self._patient(db, code)
            rows = db.scalars(select(models.Session).where(models.Session.patient_id == p.id)
                              .options(selectinload(models.Session.days))
                              .order_by(models.Session.start_utc, models.Session.id)).all()
            out = [_session_info(s, p.code) for s in rows]
        return [s for s in out if (start is None or s.start.local.date() >= start)
                and (end is None or s.start.local.date() <= end)]

    # ------------------------------------------------------------------ assessments, goals
    def add_assessment(self, code: str, kind: str, performed: datetime, results: dict[str, float],
                       session_id: int | None = None, details: dict[str, Any] | None = None) -> AssessmentInfo:
        if not results:
            raise RecordError(QT_TR_NOOP("an assessment needs at least one result (--result CODE=VALUE)"))
        checked = {k: check_value(k, v) for k, v in results.items()}
        with self._sessions.begin() as db:
            p = self._patient(db, code)
            if session_id is not None:
                s = db.get(models.Session, session_id)
                if s is None or s.patient_id != p.id:
                    raise RecordError(QT_TR_NOOP("session {id} is not a session of {code}"), id=session_id, code=code)
            a = models.Assessment(patient_id=p.id, session_id=session_id, kind=kind, performed_utc=performed,
                                  details=details,
                                  results=[models.Result(code=k, value=v) for k, v in checked.items()])
            db.add(a)
            db.flush()
            aid = a.id
        return AssessmentInfo(aid, code, kind, performed.astimezone(timezone.utc), session_id, checked, details)

    def assessments(self, code: str) -> list[AssessmentInfo]:
        with self._sessions() as db:
            p = self._patient(db, code)
            rows = db.scalars(select(models.Assessment).where(models.Assessment.patient_id == p.id)
                              .options(selectinload(models.Assessment.results))
                              .order_by(models.Assessment.performed_utc, models.Assessment.id)).all()
            return [AssessmentInfo(a.id, p.code, a.kind, a.performed_utc, a.session_id,
                                   {r.code: r.value for r in a.results}, a.details) for a in rows]

    def add_goal(self, code: str, text: str) -> GoalInfo:
        text = " ".join(text.split())
        if not text:
            raise RecordError(QT_TR_NOOP("a goal needs a text"))
        with self._sessions.begin() as db:
            p = self._patient(db, code)
            g = models.Goal(patient_id=p.id, set_utc=_now(), text=text)
            db.add(g)
            db.flush()
            return GoalInfo(g.id, g.set_utc, g.text)

    def goals(self, code: str) -> list[GoalInfo]:
        with self._sessions() as db:
            p = self._patient(db, code)
            rows = db.scalars(select(models.Goal).where(models.Goal.patient_id == p.id)
                              .order_by(models.Goal.set_utc, models.Goal.id)).all()
            return [GoalInfo(g.id, g.set_utc, g.text) for g in rows]

    def add_document(self, code: str, kind: str, path: Path) -> None:
        """Remember a file about to be written about the patient (report, export) so erasure
        removes it. Called before the file is written: a record that cannot take the row (read-
        only, locked) then stops the command before any patient file exists that erasure would
        not know of. A path already remembered for the patient is not added twice.

        A file that is another patient's document is not overwritten (RecordError: erasing either
        patient would remove or list the other's file); when that file is gone, its registration
        moves to this patient."""
        resolved = str(Path(path).resolve())
        with self._sessions.begin() as db:
            p = self._patient(db, code)
            others = db.execute(select(models.Document, models.Patient.code).join(models.Patient).where(
                models.Document.path == resolved, models.Document.patient_id != p.id)).all()
            if others and Path(resolved).exists():
                doc, other = others[0]
                template = (QT_TR_NOOP("{path} is a report of patient {other}: not overwritten with one of {code}; write "
                                       "it to another file") if doc.kind == "report" else
                            QT_TR_NOOP("{path} is an export of patient {other}: not overwritten with one of {code}; write "
                                       "it to another file"))
                raise RecordError(template, path=path, other=other, code=code)
            for doc, _ in others:  # the file is gone: it is nobody's any more
                db.delete(doc)
            known = db.scalar(select(models.Document.id).where(models.Document.patient_id == p.id,
                                                               models.Document.path == resolved).limit(1))
            if known is None:
                db.add(models.Document(patient_id=p.id, kind=kind, path=resolved, created_utc=_now()))

    # ------------------------------------------------------------------ erasure
    def erase(self, code: str) -> Erasure:
        """Remove the patient, every row about them and every file OefenSense made for them:
        analysis folders, recorded session directories, reports and exports. Files the user
        brought (an imported CSV) are not OefenSense's to delete: they are listed in ``kept``."""
        removed: list[str] = []
        kept: list[tuple[str, str]] = []
        with self._sessions.begin() as db:
            p = self._patient(db, code)
            sessions = db.scalars(select(models.Session).where(models.Session.patient_id == p.id)).all()
            docs = db.scalars(select(models.Document).where(models.Document.patient_id == p.id)).all()
            paths: list[Path] = []
            for d in docs:  # a file also registered for another patient (records before 4 Dec 2026) stays
                if db.scalar(select(models.Document.id).where(models.Document.path == d.path,
                                                              models.Document.patient_id != p.id).limit(1)):
                    kept.append((d.path, "also a document of another patient: not removed"))
                else:
                    paths.append(Path(d.path))
            for s in sessions:
                paths.append(Path(s.results_dir))
                # a recording another patient's session was also made from is not removed with
                # this patient (registration refuses that since 3 Dec 2026; older records may hold it)
                shared = s.source_owned and db.scalar(select(models.Session.id).where(
                    models.Session.source_path == s.source_path, models.Session.patient_id != p.id).limit(1))
                if shared:
                    kept.append((s.source_path, "also the recording of another patient's session: not removed"))
                elif s.source_owned:
                    paths.append(Path(s.source_path))
                else:
                    kept.append((s.source_path, "imported file (yours, not made by OefenSense): delete it yourself"))
            rows = {
                "sessions": len(sessions),
                "session_days": sum(len(s.days) for s in sessions),
                "assessments": len(db.scalars(select(models.Assessment.id).where(models.Assessment.patient_id == p.id)).all()),
                "goals": len(db.scalars(select(models.Goal.id).where(models.Goal.patient_id == p.id)).all()),
                "documents": len(docs),
                "patients": 1,
            }
            for model in (models.Document, models.Goal, models.Assessment):
                for row in db.scalars(select(model).where(model.patient_id == p.id)).all():
                    db.delete(row)
            db.delete(p)  # sessions and their days by cascade
            # Files go inside the transaction: if one cannot be removed the rows stay and a second
            # `erase` finishes the job (paths already gone are skipped).
            for path in dict.fromkeys(paths):
                if path.is_dir():
                    shutil.rmtree(path)
                    removed.append(str(path))
                elif path.exists():
                    path.unlink()
                    removed.append(str(path))
        return Erasure(code, rows, removed, kept)


def _sqlite_refusal(context: Any) -> RecordError | None:
    """A SQLite file that cannot be written (read-only, locked by another program) as one
    RecordError saying so, instead of the driver's error with the SQL statement and its values."""
    text = str(context.original_exception)
    url = context.engine.url if context.engine is not None else None
    where = f" ({url.database})" if url is not None and url.database else ""
    if "readonly database" in text or "read-only" in text:
        return RecordError(QT_TR_NOOP("the record database{where} is read-only: nothing was changed (check the file's "
                                      "permissions, or use a writable copy with --database)"), where=where)
    if "database is locked" in text:
        return RecordError(QT_TR_NOOP("the record database{where} is locked by another program (another OefenSense?): "
                                      "nothing was changed; try again when it has finished"), where=where)
    return None


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _zone(summary: dict[str, Any] | None) -> str | None:
    """The IANA zone of a session's clock (``summary.json`` ``clock.timezone``) if it is one."""
    name = ((summary or {}).get("clock") or {}).get("timezone")
    if not isinstance(name, str):
        return None
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None
    return name


def _session_info(s: models.Session, code: str | None = None) -> SessionInfo:
    rows = [{c: getattr(d, c) for c in ("date", "period", "source", *DAY_COLUMNS)} for d in s.days]
    days = [d for d in rows if d["period"] == "all"]
    return SessionInfo(
        id=s.id, patient=code or s.patient.code, kind=s.kind, assessment=s.assessment,
        start=ClockStart(s.start_utc, s.tz_offset_min, _zone(s.summary)), duration_s=s.duration_s, source_path=s.source_path,
        source_owned=s.source_owned, results_dir=Path(s.results_dir), results_hash=s.results_hash,
        summary=s.summary, sensors=s.sensors, quality=s.quality, registered_utc=s.registered_utc, days=days,
        work_days=[d for d in rows if d["period"] != "all"],
    )

