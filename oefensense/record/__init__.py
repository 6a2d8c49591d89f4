"""The patient's record: patients (pseudonymous codes), their sessions, day figures,
assessments, goals and the documents written about them, in SQLite or PostgreSQL.

The pipeline knows no patients; this package alone maps a code to results folders.
"""

from .location import DATA_DIR_ENV, DATABASE_ENV, data_dir, database_url
from .results import ClockStart, ResultsError, parse_start
from .store import AssessmentInfo, Erasure, GoalInfo, PatientInfo, Record, RecordError, SessionInfo

__all__ = [
    "AssessmentInfo", "ClockStart", "DATABASE_ENV", "DATA_DIR_ENV", "Erasure", "GoalInfo", "PatientInfo",
    "Record", "RecordError", "ResultsError", "SessionInfo", "data_dir", "database_url", "parse_start",
]
