"""The session reader's notes (``SessionReader.notes``/``warnings``): their English templates,
in one place, so that a stored note can be said in another language.

Notes are stored as English text (the manifest's ``recovery_warnings``, the record's
``quality.warnings``), older ones included; :func:`parse_note` finds a text's template and
fields again, and the reports (``reports.text.Words.note``) word it in the reader's language.
"""

from __future__ import annotations

import re

NOT_CLOSED = "session was not closed (the recording crashed); data up to the last flush was recovered"
STILL_RECORDING = "session is still being recorded; data up to the last flush is shown"
TORN = ("segment {name} ends in a torn batch (killed mid-write); {rows} rows before it recovered, "
        "the last {bytes} bytes unreadable")
TORN_OLD = "segment {name} ends in a torn batch (killed mid-write); {rows} rows before it recovered"  # stored before 12-2026
CHECKSUM_VERIFIED = "{name} differs from its checksum, but every batch in it verified"
TRUNCATED = "segment {name} is truncated ({size} of {bytes} bytes); its tail is lost"
INVALID_PATIENT = "the manifest's patient code is not a valid pseudonymous code; it is ignored"
MANIFEST_REBUILT = "manifest.json was rebuilt from {source}"

TEMPLATES = (NOT_CLOSED, STILL_RECORDING, TORN, TORN_OLD, CHECKSUM_VERIFIED, TRUNCATED, INVALID_PATIENT,
             MANIFEST_REBUILT)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)  # text, field, text, field, ..., text
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


_PATTERNS = [(t, _pattern(t)) for t in TEMPLATES]


def parse_note(text: str) -> tuple[str, dict[str, str]] | None:
    """``(template, fields)`` of a reader note, None for any other text."""
    for template, pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m is not None:
            return template, m.groupdict()
    return None
