"""Durations in the reports' words (reports/text.py ``Words.minutes``)."""

from __future__ import annotations

import pytest

from oefensense.reports.text import Words


@pytest.mark.parametrize(("language", "seconds", "said"), [
    ("nl", 1.0, "1 seconde"), ("en", 1.2, "1 second"), ("nl", 40.0, "40 seconden"), ("en", 2.0, "2 seconds"),
    ("nl", 0.4, "0 seconden"), ("nl", 1770.0, "29,5 min"), ("en", 9000.0, "2 h 30 min"), ("nl", 604800.0, "168 uur"),
])
def test_a_duration_is_said_in_words_with_the_right_number(language, seconds, said) -> None:  # noqa: ANN001
    """The overlap note said "Deelt 1 seconden kloktijd" / "Shares 1 seconds of clock time"."""
    assert Words(language).minutes(seconds) == said
