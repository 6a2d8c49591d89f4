"""A figure's unit in the language of the view: "h/d" and "/d" stood in Dutch reports and in
`patient show` ("Zitten per geldige dag (h/d)", review 5 Dec 2026); the Dutch catalogue says
"u/dag" and "/dag". The UCUM code the exports share stays "h/d"."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record
from oefensense.record.measures import SESSION_MEASURES, measure
from tests.record.test_sit_to_stands_per_day import _record

ENGLISH_UNIT = re.compile(r"(?<![\w/])(h/d|/d)(?![\w/])")


def test_units_per_day_read_in_dutch() -> None:
    assert [measure(c).unit_in("nl") for c in ("sitting_h_per_day", "long_sitting_bouts_per_day", "sitting_pct",
                                               "longest_sitting_bout_min")] == ["u/dag", "/dag", "%", "min"]
    assert [measure(c).unit_in("en") for c in ("sitting_h_per_day", "long_sitting_bouts_per_day")] == ["h/d", "/d"]
    assert measure("sitting_h_per_day").unit == "h/d"  # UCUM, for the exports
    assert not [m.code for m in SESSION_MEASURES if ENGLISH_UNIT.search(m.unit_in("nl"))]


def test_patient_show_in_dutch_says_u_per_dag(tmp_path: Path) -> None:
    url = _record(tmp_path)
    res = CliRunner().invoke(app, ["--language", "nl", "patient", "show", "P001", "--database", url], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Zitten per geldige dag (u/dag)" in res.output, res.output
    assert "Opstaan per geldige dag (/dag)" in res.output, res.output
    assert not ENGLISH_UNIT.search(res.output), res.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_dutch_therapist_report_says_u_per_dag(tmp_path: Path) -> None:
    from oefensense.reports import write_report

    url = _record(tmp_path)
    pdf = tmp_path / "t.pdf"
    with Record(url) as rec:
        write_report(rec, "P001", pdf, audience="therapist", language="nl")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert re.search(r"Zitten per geldige dag [\d,]+ u/dag", text), text
    assert not ENGLISH_UNIT.search(text), text
