"""The summary's clock section gives the local start for a fixed UTC offset too."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("zone", ["+01:00", "Europe/Amsterdam"])
def test_a_start_given_with_an_offset_is_shown_in_local_time(capsys: pytest.CaptureFixture[str], zone: str) -> None:
    """`analyze --start 2026-03-02T08:30+01:00` without --tz stores the zone "+01:00"; the section
    showed only "start (UTC) 2026-03-02T07:30:00.000000Z", which a therapist has to convert."""
    from oefensense.commands.summary_view import print_summary

    print_summary({"duration_s": 60.0, "clock": {"start_utc": "2026-03-02T07:30:00.000000Z", "timezone": zone}})
    text = re.sub(r"\s+", " ", re.sub(r"\s*│\s*", " ", capsys.readouterr().out))
    assert "start (local time) 02-03-2026 08:30 (UTC+01:00)" in text, text
