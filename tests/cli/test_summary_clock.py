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


@pytest.mark.parametrize("zone,local", [("Europe/Amsterdam", "start (local time) 02-03-2026 08:30 (UTC+01:00), "),
                                        ("Mars/Olympus_Mons", "")])  # a zone this machine lacks: the UTC start alone
def test_the_utc_start_reads_dd_mm_yyyy_as_every_printed_view(capsys: pytest.CaptureFixture[str], zone: str,
                                                              local: str) -> None:
    """Care audit 5 Dec 2026: beside "02-03-2026 08:30 (UTC+01:00)" the section printed "start (UTC)
    2026-03-02T07:30:00.000000Z", the only ISO time left in a printed view."""
    from oefensense.commands.summary_view import print_summary

    print_summary({"duration_s": 60.0, "clock": {"start_utc": "2026-03-02T07:30:00.000000Z", "timezone": zone}})
    text = re.sub(r"\s+", " ", re.sub(r"\s*│\s*", " ", capsys.readouterr().out))
    assert f"clock time {local}start (UTC) 02-03-2026 07:30, time zone" in text, text
    assert "2026-03-02" not in text


def test_patient_list_dates_read_dd_mm_yyyy(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """`patient list`'s "added (UTC)" read "2026-12-05 03:20" beside `patient show`'s "05-12-2026"."""
    from typer.testing import CliRunner

    from oefensense.cli import app

    db = ("--database", f"sqlite:///{tmp_path / 'r.sqlite'}")
    runner = CliRunner()
    assert runner.invoke(app, ["patient", "add", "P001", *db]).exit_code == 0
    res = runner.invoke(app, ["patient", "list", *db], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert re.search(r"P001 +│ +0 +│ +\d\d-\d\d-20\d\d \d\d:\d\d", res.output), res.output


@pytest.mark.parametrize("language,none", [("en", "none"), ("nl", "geen")])
def test_a_recording_without_transitions_says_none(capsys: pytest.CaptureFixture[str], language: str, none: str) -> None:
    """The demo's simulated lifting table printed an empty "transitions" row above "sit-to-stands 0"."""
    from oefensense.commands.lang import set_cli_language
    from oefensense.commands.summary_view import print_summary

    try:
        set_cli_language(language)
        print_summary({"duration_s": 60.0, "sit_to_stand_count": 0, "transitions": {}})
    finally:
        set_cli_language("en")
    rows = [re.sub(r"\s+", " ", r).strip(" │") for r in capsys.readouterr().out.splitlines() if "│" in r]
    transitions = [r for r in rows if r.split("│")[0].strip() in ("transitions", "overgangen")]
    assert len(transitions) == 1 and transitions[0].split("│")[1].strip() == none, rows
    assert len(rows) == 2, rows  # duration and transitions: the count of none is not said twice
