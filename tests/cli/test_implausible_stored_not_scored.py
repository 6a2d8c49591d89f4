"""A stored assessment figure outside the plausible range is "not scored" wherever it is read
(issue care-20): `oefensense assess` and the dashboard refuse such a figure now (care-18/19), but
a record written without that check (an older database, a range narrowed since) still holds
one, and `patient show` listed "Timed Up and Go: 329,8 s" and `assess --patient` put it in the
"previous" column as a result to compare with."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record
from oefensense.record import store

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def implausible_record(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """P001 with a TUG of 329.76 s (a whole recording, outside 0-300 s) and a pain score of 6,
    written through the record's API with its range check off, as a record without it did."""
    with Record(url) as rec:
        rec.add_patient("P001")
        with monkeypatch.context() as m:
            m.setattr(store, "check_value", lambda code, value: float(value))
            rec.add_assessment("P001", "tug", datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc), {"tug_time_s": 329.76})
        rec.add_assessment("P001", "intake", datetime(2026, 11, 3, 9, 0, tzinfo=timezone.utc), {"nprs": 6.0})
        assert [a.results for a in rec.assessments("P001")] == [{"tug_time_s": 329.76}, {"nprs": 6.0}]


@pytest.mark.parametrize("language, not_scored, figure, pain", [
    ("en", "Timed Up and Go: not scored", "329.8", "Pain, numeric rating 0-10: 6"),
    ("nl", "Timed Up and Go: niet gescoord", "329,8", "Pijn, numerieke schaal 0-10: 6")])
def test_patient_show_says_not_scored_for_a_stored_implausible_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     language: str, not_scored: str, figure: str,
                                                                     pain: str) -> None:
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    implausible_record(url, monkeypatch)
    monkeypatch.setenv("COLUMNS", "80")
    r = CliRunner().invoke(app, ["--language", language, "patient", "show", "P001", "--database", url])
    assert r.exit_code == 0, r.output
    assert not_scored in r.output and figure not in r.output, r.output
    assert pain in r.output, r.output  # a plausible figure is shown as before


@pytest.mark.parametrize("language, not_scored", [("en", "not scored"), ("nl", "niet gescoord")])
def test_assess_for_a_patient_does_not_compare_with_a_stored_implausible_figure(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch,
                                                                               language: str, not_scored: str) -> None:
    from oefensense.assessments import AssessmentResult, TESTS

    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    implausible_record(url, monkeypatch)

    def a_tug(self, frame, ctx):  # noqa: ANN001, ANN202 - a plausible TUG, whatever the recording
        return AssessmentResult("tug", start_s=0.0, time_s=12.4, done=True, measures={"tug_time_s": 12.4})

    monkeypatch.setattr(TESTS["tug"], "analyse", a_tug)
    monkeypatch.setenv("COLUMNS", "100")
    r = CliRunner().invoke(app, ["--language", language, "assess", "tug", str(BUNDLED), "--patient", "P001",
                                 "--database", url])
    assert r.exit_code == 0, r.output
    row = next(line for line in r.output.splitlines() if line.startswith("│ Timed Up and Go"))  # the table's row
    assert not_scored in row and "329" not in r.output, r.output


@pytest.mark.parametrize("language, previous", [("en", "previous"), ("nl", "vorige")])
def test_assess_for_a_patient_says_when_the_previous_result_was_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     language: str, previous: str) -> None:
    """The panel's Previous cell says when ("niet gescoord  (02-11-2026 09:00)"); the terminal's
    "previous" column said only "not scored". The date is under the table, which stays within 80
    columns with the longest label (the 5xSTS's)."""
    from oefensense.assessments import AssessmentResult, TESTS

    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    performed = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    with Record(url) as rec:
        rec.add_patient("P001")
        with monkeypatch.context() as m:
            m.setattr(store, "check_value", lambda code, value: float(value))
            rec.add_assessment("P001", "five-times-sit-to-stand", performed, {"five_sts_time_s": 329.76})

    def a_five_sts(self, frame, ctx):  # noqa: ANN001, ANN202 - a plausible 5xSTS, whatever the recording
        return AssessmentResult("five-times-sit-to-stand", start_s=0.0, time_s=12.4, done=True,
                                measures={"five_sts_time_s": 12.4})

    monkeypatch.setattr(TESTS["five-times-sit-to-stand"], "analyse", a_five_sts)
    monkeypatch.setenv("COLUMNS", "80")
    r = CliRunner().invoke(app, ["--language", language, "assess", "five-times-sit-to-stand", str(BUNDLED),
                                 "--patient", "P001", "--database", url])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert f"{previous}: {performed.astimezone().strftime('%d-%m-%Y %H:%M')}" in r.output, r.output
    assert all(len(line.rstrip()) <= 80 for line in lines), r.output
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == 1 and "329" not in r.output, r.output  # one row: the label did not wrap
