"""`patient show` reads as one screen: a change is the difference of the numbers beside it, the
assessment a session was analysed for is named as in the sessions table, and every date has
one form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def test_a_change_is_the_difference_of_the_values_as_shown() -> None:
    """9.36 % then 9.44 % show as "9,4" and "9,4"; the change read "+0,1 %-punt" beside them."""
    from oefensense.commands.lang import set_cli_language
    from oefensense.commands.patient import _change_cell
    from oefensense.record.progress import Change

    ch = Change("sitting_pct", now=9.44, before=9.36)
    assert ch.delta == 0.0 and ch.improved is None
    assert Change("sitting_pct", now=9.46, before=9.34).delta == 0.2  # 9,5 - 9,3, not round(0.12) = 0,1
    set_cli_language("nl")
    try:
        assert _change_cell([9.36, 9.44], False, "%-punt") == "0,0 %-punt"
        assert _change_cell([9.34, 9.46], False, "%-punt") == "[red]+0,2 %-punt[/]"
    finally:
        set_cli_language(None)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_assessments_and_goals_use_the_dates_and_names_of_the_rest_of_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                                  language: str) -> None:
    from tests.record.test_flow import run

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    run("patient", "add", "P001", *db)
    run("patient", "assess", "P001", "--result", "nprs=4", "--kind", "sit_to_stand", "--date", "2026-03-09T10:00+01:00", *db)
    run("patient", "goal", "P001", "Elk half uur even opstaan", *db)
    shown = run("--language", language, "patient", "show", "P001", *db)
    assert "sit_to_stand" not in shown, shown
    assert ("opstaan uit zit" if language == "nl" else "sit to stand") in shown, shown
    assert "09-03-2026" in shown and not re.search(r"\b20\d\d-\d\d-\d\d\b", shown), shown
