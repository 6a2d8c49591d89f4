"""Sharing the record: a FHIR R4 Bundle (JSON) for the GP or occupational physician, and CSV or
Parquet tables (sessions, days, assessments) for research and the registry."""

from .fhir import bundle, code_table
from .tables import FORMATS, tables, write_tables

__all__ = ["FORMATS", "bundle", "code_table", "tables", "write_tables"]
