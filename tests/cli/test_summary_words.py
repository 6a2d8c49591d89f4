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


def test_every_gap_reason_a_link_can_give_has_words() -> None:
    """A gap's reason comes from the radio (ble ErrorKind), the decoder and file imports; one
    without words printed as its code ("start_refused") in a Dutch report."""
    from oefensense.ble.policy import ErrorKind
    from oefensense.reports.text import Words

    codes = [k.value for k in ErrorKind] + ["out_of_range", "device_clock", "device_time_gap", "missing_rows",
                                            "nonfinite", "storage_damage"]
    for lang in ("en", "nl"):
        words = Words(lang)
        assert [c for c in codes if words.gap_reason(c) == c] == [], lang
