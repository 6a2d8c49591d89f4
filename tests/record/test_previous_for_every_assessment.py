"""Every assessment result beside the previous one of the same kind, in the therapist report and in
`patient show`, as `assess --patient` compares them. The report gave the previous value only
for guided tests (those stored with ``details``): a score typed in with `patient assess` (pain)
and a session analysed as an assessment (sit-to-stand from a file) had none, and `patient show`
gave none at all."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report
from tests.record.test_store import _results_folder


def _record(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, start in enumerate(("2026-11-02T08:30+01:00", "2026-11-09T08:30+01:00")):
            register_results(rec, "P001", _results_folder(tmp_path / f"s{i}"), kind="imported", source=tmp_path / f"{i}.csv",
                             source_owned=False, start=parse_start(start), sensors=file_sensors(["trunk", "thigh", "pelvis"]))
        rec.add_assessment("P001", "intake", datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc), {"nprs": 7.0})
        rec.add_assessment("P001", "tug", datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc), {"tug_time_s": 14.2},
                           details={"flags": []})  # a guided test
        rec.add_assessment("P001", "intake", datetime(2026, 11, 9, 9, 0, tzinfo=timezone.utc), {"nprs": 5.0})
        rec.add_assessment("P001", "tug", datetime(2026, 11, 9, 9, 30, tzinfo=timezone.utc), {"tug_time_s": 12.4},
                           details={"flags": []})
    return url


def test_previous_results_rule():
    from oefensense.record.progress import previous_results
    from oefensense.record.store import AssessmentInfo

    def a(kind: str, value: float, details: dict | None = None) -> AssessmentInfo:
        return AssessmentInfo(0, "P001", kind, datetime(2026, 1, 1, tzinfo=timezone.utc), None, {"x": value}, details)

    got = previous_results([a("intake", 1), a("tug", 2, {"flags": []}), a("intake", 3), a("tug", 4)])
    assert got == [{}, {}, {"x": 1}, {"x": 2}]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
@pytest.mark.parametrize("language, pain, tug", [
    ("en", "Pain, numeric rating 0-10: 5 (previous 7)", "Timed Up and Go: 12.4 s (previous 14.2 s)"),
    ("nl", "Pijn, numerieke schaal 0-10: 5 (vorige 7)", "Timed Up and Go: 12,4 s (vorige 14,2 s)")])
def test_report_gives_the_previous_value_of_every_kind(tmp_path: Path, language: str, pain: str, tug: str) -> None:
    url = _record(tmp_path)
    pdf = tmp_path / f"report-{language}.pdf"
    with Record(url) as rec:
        write_report(rec, "P001", pdf, audience="therapist", language=language)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert pain in text and tug in text, text
    first_pain = "Pain, numeric rating 0-10: 7" if language == "en" else "Pijn, numerieke schaal 0-10: 7"
    assert first_pain + " (" not in text, text  # the first of its kind has nothing to compare with


@pytest.mark.parametrize("language, pain, tug", [
    ("en", "Pain, numeric rating 0-10: 5 (previous 7)", "Timed Up and Go: 12.4 s (previous 14.2 s)"),
    ("nl", "Pijn, numerieke schaal 0-10: 5 (vorige 7)", "Timed Up and Go: 12,4 s (vorige 14,2 s)")])
def test_patient_show_gives_the_previous_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str,
                                               pain: str, tug: str) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    url = _record(tmp_path)
    res = CliRunner().invoke(app, ["--language", language, "patient", "show", "P001", "--database", url],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert pain in res.output and tug in res.output, res.output
