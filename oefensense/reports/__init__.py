"""Reports a therapist hands over: PDF (matplotlib, Agg), Dutch or English, for the therapist or
the patient, read from the record and the registered result files (never recomputed)."""

from .build import AUDIENCES, write_report

__all__ = ["AUDIENCES", "write_report"]
