"""The therapist report's events table of a session over more than one day dates each event with
its month in words: "02-03 23:59:10" reads as 3 February to an English reader."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.reports.text import Words

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

BUNDLED = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def test_day_month_has_the_month_in_words() -> None:
    from datetime import date

    assert Words("en").day_month(date(2026, 3, 2)) == "2 Mar"
    assert Words("nl").day_month(date(2026, 3, 2)) == "2 mrt"
    assert Words("nl").day_month(date(2026, 10, 30)) == "30 okt"


def test_events_of_a_session_across_midnight_are_dated_with_the_month_in_words(tmp_path: Path) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'r.sqlite'}"]

    def run(*args: str) -> None:
        res = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "LANG": "C.UTF-8"})
        assert res.exit_code == 0, res.output

    run("patient", "add", "P001", *db)
    # 240 s from 23:58 on 2 March: events on 2 and on 3 March
    run("analyze", str(BUNDLED), "--out", str(tmp_path / "o"), "--start", "2026-03-02T23:58+01:00", "--tz",
        "Europe/Amsterdam", "--patient", "P001", *db)
    for lang, (mar2, mar3) in (("en", ("2 Mar", "3 Mar")), ("nl", ("2 mrt", "3 mrt"))):
        pdf = tmp_path / f"r_{lang}.pdf"
        run("report", "P001", "--out", str(pdf), "--language", lang, *db)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert not re.search(r"\b0[23]-03 \d\d:\d\d:\d\d\b", text), text  # "02-03 23:59:10": 3 February?
        stamps = re.findall(r"\b(\d{1,2} \w{3}) \d\d:\d\d:\d\d\b", text)
        assert mar2 in stamps and mar3 in stamps, (lang, stamps, text)
