"""`patient show`'s sessions table at 80 columns: each session's start read "29-12-2025 / 08:30 /
(UTC+01:00)", one piece per line (rich narrowed every column evenly); the date and time now stay
on one line, the offset whole, under them when it does not fit beside them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app


def _record(tmp_path: Path) -> str:
    from oefensense.record.results import parse_start
    from oefensense.record import Record
    from oefensense.record.register import file_sensors, register_results
    from tests.record.test_store import _results_folder

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, start in enumerate(("2025-12-29T08:30+01:00", "2026-01-05T09:15+01:00", "2026-04-07T16:45+02:00")):
            register_results(rec, "P001", _results_folder(tmp_path / str(i)), kind="imported", source=tmp_path / f"{i}.csv",
                             source_owned=False, start=parse_start(start), sensors=file_sensors(["trunk", "thigh", "pelvis"]),
                             assessment="sit_to_stand")
    return url


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("columns", [80, 100])
def test_a_sessions_date_and_time_stay_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str,
                                                   columns: int) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    url = _record(tmp_path)
    res = CliRunner().invoke(app, ["--language", language, "patient", "show", "P001", "--database", url],
                             env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert all(len(line) <= columns for line in lines), res.output
    for when, offset in (("29-12-2025 08:30", "(UTC+01:00)"), ("05-01-2026 09:15", "(UTC+01:00)"),
                         ("07-04-2026 16:45", "(UTC+02:00)")):
        at = next((i for i, line in enumerate(lines) if when in line), None)
        assert at is not None, f"{when!r} not on one line:\n{res.output}"
        # the offset beside it or straight under it, whole
        assert offset in lines[at] or offset in lines[at + 1], res.output
    # every column is there: the sensors and the assessment of each session
    assert len(re.findall("bovenbeen" if language == "nl" else "thigh", res.output)) >= 3, res.output
