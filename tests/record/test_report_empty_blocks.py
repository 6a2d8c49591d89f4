"""The therapist's report says "No sitting bouts." / "No lifts detected." under its heading, not in
the middle of an empty plot's height (care audit 5 Dec 2026: a session without lifts left a blank
block around an indented sentence on the activity page)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results
from oefensense.reports import write_report
from tests.record.test_report_undetermined_lifts import _folder

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def _lines(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines()]


@pytest.mark.parametrize("language, bouts, none_bouts, lifts, none_lifts, events", [
    ("en", "Sitting bouts", "No sitting bouts.", "Lifts and their technique", "No lifts detected.", "Events and markers"),
    ("nl", "Zitperiodes", "Geen zitperiodes.", "Tilbewegingen en hun techniek", "Geen tilbewegingen gevonden.",
     "Gebeurtenissen en markeringen")])
def test_an_empty_block_is_one_sentence_under_its_heading(tmp_path, language, bouts, none_bouts, lifts, none_lifts,
                                                          events) -> None:  # noqa: ANN001
    folder = _folder(tmp_path / "a", [])  # an hour standing: no sitting bout, no lift
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                         start=parse_start("2026-03-02T08:30+01:00"), sensors=file_sensors(["pelvis"]))
        write_report(rec, "P001", tmp_path / "t.pdf", language=language)
    lines = _lines(tmp_path / "t.pdf")
    at = {text: lines.index(text) for text in (bouts, none_bouts, lifts, none_lifts, events)}
    # each sentence on the line (or the one after a blank) under its heading, the next heading soon after
    assert at[none_bouts] - at[bouts] <= 2 and at[lifts] - at[none_bouts] <= 4, lines[at[bouts]:at[events] + 1]
    assert at[none_lifts] - at[lifts] <= 2 and at[events] - at[none_lifts] <= 4, lines[at[bouts]:at[events] + 1]
