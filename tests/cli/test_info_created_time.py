"""`info` printed a session's creation time as the manifest's raw ISO text,
"aangemaakt 2026-12-05T10:07:11+00:00", where every other printed time reads "05-12-2026 10:07"
(care walk-through, 5 Dec 2026)."""

from __future__ import annotations

from oefensense.commands.info import _created_text


def test_the_creation_time_reads_as_every_other_printed_time() -> None:
    assert _created_text("2026-12-05T10:07:11+00:00") == "05-12-2026 10:07:11 (UTC+00:00)"
    assert _created_text("2026-03-02T08:30:00.000000Z") == "02-03-2026 08:30:00 (UTC+00:00)"
    assert _created_text(None) == "?"
    assert _created_text("not a time") == "not a time"
