"""The record's tables (SQLAlchemy 2.x declarative). Alembic migrations in ``migrations/``
create exactly these (a test compares them); change both together.

Times are stored as naive UTC (``UtcDateTime``) and come back timezone-aware, the same on SQLite
and PostgreSQL; a session also keeps the UTC offset of the place it was recorded
(``tz_offset_min``) so reports show local clock time.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator):
    """A timezone-aware datetime stored as naive UTC (portable across SQLite and PostgreSQL)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the record: give a timezone")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class RecordMeta(Base):
    """Settings of this record (``device_salt``: the secret that hashes device identifiers)."""

    __tablename__ = "record_meta"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Patient(Base):
    """A patient, known only by a pseudonymous code (validated; never a name)."""

    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    sessions: Mapped[list["Session"]] = relationship(back_populates="patient", cascade="all, delete-orphan",
                                                     passive_deletes=True)


class Session(Base):
    """One analysed recording of a patient: a live recording, an imported file or a replay.

    ``results_dir`` is the analysis output folder (timeline.csv, events.jsonl, summary.json,
    angles.csv, days.csv when present) and ``results_hash`` their content hash at registration;
    ``source_path`` the session directory or input file(s); ``source_owned`` says whether that
    source is an OefenSense session directory (erased with the patient) or the user's own file.
    """

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # live | imported | replayed
    assessment: Mapped[str] = mapped_column(String(32), nullable=False, default="free")
    start_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    tz_offset_min: Mapped[int] = mapped_column(Integer, nullable=False)
    duration_s: Mapped[float] = mapped_column(Float, nullable=False)
    source_path: Mapped[str] = mapped_column(Text, nullable=False)
    source_owned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    results_dir: Mapped[str] = mapped_column(Text, nullable=False)
    results_hash: Mapped[str] = mapped_column(String(80), nullable=False)
    summary: Mapped[dict] = mapped_column(JSON, nullable=False)
    sensors: Mapped[list] = mapped_column(JSON, nullable=False)  # placement, family, hashed device id
    quality: Mapped[dict] = mapped_column(JSON, nullable=False)  # gaps, unknown time, per-sensor loss
    registered_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    patient: Mapped[Patient] = relationship(back_populates="sessions")
    days: Mapped[list["SessionDay"]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                    order_by="[SessionDay.date, SessionDay.id]")


class SessionDay(Base):
    """One calendar day (local time) of a session; the columns of ``days.csv`` (see
    ``oefensense.record.days``). Figures a source cannot give are NULL."""

    __tablename__ = "session_days"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True, nullable=False)
    date: Mapped[date] = mapped_column(Date, nullable=False)
    # migration 0004: all | work | non_work (days.csv's rows of a --work-hours schedule)
    period: Mapped[str] = mapped_column(String(8), nullable=False, server_default="all")
    source: Mapped[str] = mapped_column(String(16), nullable=False)  # days.csv | timeline
    wear_s: Mapped[float | None] = mapped_column(Float)
    valid_day: Mapped[bool | None] = mapped_column(Boolean)
    sitting_s: Mapped[float | None] = mapped_column(Float)
    standing_s: Mapped[float | None] = mapped_column(Float)
    walking_s: Mapped[float | None] = mapped_column(Float)
    lying_s: Mapped[float | None] = mapped_column(Float)
    unknown_s: Mapped[float | None] = mapped_column(Float)
    sitting_bouts: Mapped[int | None] = mapped_column(Integer)
    sitting_bouts_over_30min: Mapped[int | None] = mapped_column(Integer)
    longest_sitting_bout_s: Mapped[float | None] = mapped_column(Float)
    lifts: Mapped[int | None] = mapped_column(Integer)
    lifts_stoop: Mapped[int | None] = mapped_column(Integer)
    lifts_squat: Mapped[int | None] = mapped_column(Integer)
    lifts_mixed: Mapped[int | None] = mapped_column(Integer)
    trunk_20_60_s: Mapped[float | None] = mapped_column(Float)
    trunk_over_60_s: Mapped[float | None] = mapped_column(Float)
    # migration 0003: the rest of the days.csv columns
    sitting_breaks_per_hour: Mapped[float | None] = mapped_column(Float)
    bends_per_hour: Mapped[float | None] = mapped_column(Float)
    transition_s: Mapped[float | None] = mapped_column(Float)
    non_wear_s: Mapped[float | None] = mapped_column(Float)
    no_data_s: Mapped[float | None] = mapped_column(Float)
    trunk_0_20_s: Mapped[float | None] = mapped_column(Float)
    upright_still_s: Mapped[float | None] = mapped_column(Float)
    bends: Mapped[int | None] = mapped_column(Integer)
    sitting_breaks: Mapped[int | None] = mapped_column(Integer)
    # migration 0005: lifts whose technique is undetermined (a slow lift at the waist; in no technique above)
    lifts_undetermined: Mapped[int | None] = mapped_column(Integer)
    # migration 0006: sit-to-stand / stand-to-sit movements starting in the period ("opstaan per dag")
    sit_to_stand_count: Mapped[int | None] = mapped_column(Integer)
    stand_to_sit_count: Mapped[int | None] = mapped_column(Integer)


class Assessment(Base):
    """A dated assessment of a patient (with or without a recording) and its results."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True, nullable=False)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    performed_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    # a guided test's result as the CLI prints it (phases, flags, settings); NULL for entered scores
    details: Mapped[dict | None] = mapped_column(JSON)
    results: Mapped[list["Result"]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                   order_by="Result.code")


class Result(Base):
    """One measured or scored value of an assessment (``code`` from ``oefensense.record.measures``)."""

    __tablename__ = "results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True, nullable=False)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)


class Goal(Base):
    """A treatment goal agreed with the patient (plain text; never a name)."""

    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True, nullable=False)
    set_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class Document(Base):
    """A file OefenSense wrote about a patient (report, export): erased with the patient."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # report | export
    path: Mapped[str] = mapped_column(Text, nullable=False)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
