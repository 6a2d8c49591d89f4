"""One rule for writing numbers to a reader: a decimal comma in Dutch (reports, CLI, dashboard)."""

from __future__ import annotations

from oefensense.commands import lang
from oefensense.commands.assess_words import plain_number
from oefensense.reports.text import Words
from oefensense.translations import list_separator, number


def test_dutch_writes_a_decimal_comma_and_english_a_point() -> None:
    assert number(12.84, 1, "nl") == "12,8" and number(12.84, 1, "en") == "12.8"
    assert number(-0.25, 2, "nl", sign=True) == "-0,25" and number(3, 0, "nl", sign=True) == "+3"
    assert list_separator("nl") == "; " and list_separator("en") == ", "


def test_the_cli_and_the_reports_write_a_number_alike() -> None:
    try:
        lang.set_cli_language("nl")
        assert lang.num(21.36) == Words("nl").num(21.36) == "21,4"
        assert plain_number(70.0, lang.num) == "70" and plain_number(12.86, lang.num) == "12,86"
        assert plain_number(5, lang.num) == "5" and plain_number(None, lang.num) == "–"
        lang.set_cli_language("en")
        assert lang.num(21.36) == Words("en").num(21.36) == "21.4" and plain_number(1.5, lang.num) == "1.5"
    finally:
        lang.set_cli_language(None)
