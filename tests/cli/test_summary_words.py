"""The summary table in Dutch words: it read 'kloktijd start utc ...; timezone Europe/Amsterdam' and
'gegevenskwaliteit pelvis: ...', 'trunk: 1 gemarkeerd gat ... (link_lost 1)'."""

from __future__ import annotations

from oefensense.commands.lang import set_cli_language
from oefensense.commands.summary_view import data_quality_text, label


def test_clock_and_data_quality_are_worded() -> None:
    set_cli_language("nl")
    try:
        assert (label("start_utc"), label("timezone")) == ("begin (UTC)", "tijdzone")
        text = data_quality_text({"gaps": {"trunk": {"count": 1, "seconds": 10.5, "by_reason": {"link_lost": 1}}}})
        assert text.startswith("romp: ") and "verbinding verbroken 1" in text and "link_lost" not in text, text
    finally:
        set_cli_language(None)
