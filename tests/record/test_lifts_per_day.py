"""Lifts per valid day beside the whole session's count: the report and `patient show` gave a
3-day week's lifts as one total ("Tilbewegingen 144") among per-day figures ("Zitten per geldige
dag 7,3 u/dag", "Opstaan per geldige dag 116,0 /dag"; review, 5 Dec 2026). Now
``lifts_per_day`` = the valid day rows' lifts / their number, as sitting per valid day, and the
total is named "Tilbewegingen, hele sessie"."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.io.period_tables import DAY_COLUMNS, FIGURES
from oefensense.record import Record, parse_start
from oefensense.record.progress import session_figures
from oefensense.record.register import file_sensors, register_results
from tests.record.test_progress_change import _session
from tests.record.test_store import _results_folder

# (date, valid day, lifts): the third day was worn too short and is left out, as for sitting
DAYS = [("2026-03-02", "true", 30), ("2026-03-03", "true", 18), ("2026-03-04", "false", 3)]


def test_lifts_per_valid_day_from_the_day_rows() -> None:
    week = _session([{"valid_day": True, "lifts": 30}, {"valid_day": True, "lifts": 18}, {"valid_day": False, "lifts": 3}],
                    3 * 86400.0)
    assert session_figures(week)["lifts_per_day"] == 24.0
    assert session_figures(_session([{"valid_day": None, "lifts": 4}], 600.0))["lifts_per_day"] == 4.0  # no wear rule
    assert session_figures(_session([{"valid_day": True, "lifts": None}], 86400.0))["lifts_per_day"] is None  # unknown, not 0
    assert session_figures(_session([{"valid_day": False, "lifts": 4}], 600.0))["lifts_per_day"] is None


def _record(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    folder = _results_folder(tmp_path / "week", lifts=51, duration_s=3 * 86400.0)
    rows = []
    for day, valid, lifts in DAYS:
        values = {c: "0" for c in FIGURES} | {"wear_s": "50000", "sitting_s": "20000", "valid_day": valid, "lifts": str(lifts)}
        rows.append(",".join({"date": day, "period": "all", **values}[c] for c in DAY_COLUMNS))
    (folder / "days.csv").write_text(",".join(DAY_COLUMNS) + "\n" + "\n".join(rows) + "\n")
    with Record(url) as rec:
        rec.add_patient("P001")
        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "w.csv", source_owned=False,
                         start=parse_start("2026-03-02T00:00+01:00"), sensors=file_sensors(["pelvis"]))
    return url


def test_patient_show_gives_lifts_per_valid_day_and_names_the_total(tmp_path: Path) -> None:
    url = _record(tmp_path)
    for lang, per_day, total in (("nl", ("Tilbewegingen per geldige dag (/dag)", "24,0"), ("Tilbewegingen, hele sessie", "51")),
                                 ("en", ("Lifts per valid day (/d)", "24.0"), ("Lifts, whole session", "51"))):
        res = CliRunner().invoke(app, ["--language", lang, "patient", "show", "P001", "--database", url], env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        rows = {ln.split("│")[1].strip(): ln.split("│")[2].strip() for ln in res.output.splitlines() if ln.count("│") == 4}
        assert rows.get(per_day[0]) == per_day[1] and rows.get(total[0]) == total[1], res.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_report_key_figures_give_lifts_per_valid_day(tmp_path: Path) -> None:
    from oefensense.reports import write_report

    url = _record(tmp_path)
    with Record(url) as rec:
        for lang, per_day, total in (("nl", "Tilbewegingen per geldige dag 24,0 /dag", "Tilbewegingen, hele sessie 51"),
                                     ("en", "Lifts per valid day 24.0 /d", "Lifts, whole session 51")):
            pdf = tmp_path / f"{lang}.pdf"
            write_report(rec, "P001", pdf, audience="therapist", language=lang)
            pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split("\f")
            first = " ".join(pages[0].split())
            assert per_day in first and total in first, first
            assert not re.search(r"Tilbewegingen \d", first), first  # no bare total among the per-day figures
