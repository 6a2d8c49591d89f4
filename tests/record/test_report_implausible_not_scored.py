"""The therapist report shows a stored assessment figure outside the plausible range as "not
scored" (issue care-21), as `patient show`, `assess --patient` and the dashboard's panel do since
care-20: a TUG of 329.76 s in a record written without the range check was listed as
"Timed Up and Go: 329,8 s", and as the previous value of the next TUG ("(vorige 329,8 s)")."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from oefensense.record import Record, parse_start
from oefensense.record import store
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report
from tests.record.test_store import _results_folder


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
@pytest.mark.parametrize("language, now, previous, pain", [
    ("en", "Timed Up and Go: not scored", "Timed Up and Go: 12.4 s (previous not scored)",
     "Pain, numeric rating 0-10: 6"),
    ("nl", "Timed Up and Go: niet gescoord", "Timed Up and Go: 12,4 s (vorige niet gescoord)",
     "Pijn, numerieke schaal 0-10: 6")])
def test_a_stored_implausible_figure_reads_not_scored_now_and_as_previous(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         language: str, now: str, previous: str,
                                                                         pain: str) -> None:
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", _results_folder(tmp_path / "s0"), kind="imported", source=tmp_path / "0.csv",
                         source_owned=False, start=parse_start("2026-11-02T08:30+01:00"), sensors=file_sensors(["trunk"]))
        with monkeypatch.context() as m:  # a record written before the range check: 329.76 s > 300 s
            m.setattr(store, "check_value", lambda code, value: float(value))
            rec.add_assessment("P001", "tug", datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc), {"tug_time_s": 329.76},
                               details={"flags": []})
        rec.add_assessment("P001", "intake", datetime(2026, 11, 3, 9, 0, tzinfo=timezone.utc), {"nprs": 6.0})
        rec.add_assessment("P001", "tug", datetime(2026, 11, 4, 9, 0, tzinfo=timezone.utc), {"tug_time_s": 12.4},
                           details={"flags": []})
        assert [a.results for a in rec.assessments("P001")][0] == {"tug_time_s": 329.76}
        pdf = tmp_path / f"report-{language}.pdf"
        write_report(rec, "P001", pdf, audience="therapist", language=language)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert now in text and previous in text, text
    assert "329" not in text, text
    assert pain in text, text  # a plausible figure is shown as before
