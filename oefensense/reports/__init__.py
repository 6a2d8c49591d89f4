"""Reports a therapist hands over: PDF (matplotlib, Agg), Dutch or English, for the therapist or
the patient, read from the record and the registered result files (never recomputed).

``write_report`` and ``AUDIENCES`` load matplotlib on first use only, so the report's words
(``reports.text``) cost a command that prints them (``patient show``, ``analyze --patient``)
no plotting library.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AUDIENCES", "write_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
