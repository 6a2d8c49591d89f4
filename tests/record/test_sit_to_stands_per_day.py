"""Stand-ups per valid day as a figure of the record (``sit_to_stands_per_day``, "Opstaan per
geldige dag"): the valid day rows' ``sit_to_stand_count`` over their number, in `patient show`,
the therapist's key figures and trend plots, and the exports; a session stored before migration
0006 (no counts) reads "–", never 0."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.export.fhir import bundle
from oefensense.export.tables import tables
from oefensense.record import Record
from oefensense.record.progress import compare, session_figures
from tests.record.test_progress_change import _session
from tests.record.test_transitions_per_day import _folder, stored_before_0006


def test_stand_ups_per_valid_day_from_the_day_rows() -> None:
    week = _session([{"valid_day": True, "sit_to_stand_count": 40}, {"valid_day": True, "sit_to_stand_count": 30},
                     {"valid_day": False, "sit_to_stand_count": 3}], 3 * 86400.0)
    assert session_figures(week)["sit_to_stands_per_day"] == 35.0  # the short day is left out
    lab = _session([{"valid_day": None, "sit_to_stand_count": 5}], 600.0)
    assert session_figures(lab)["sit_to_stands_per_day"] == 5.0  # no wear rule: every day counts
    old = _session([{"valid_day": True, "sit_to_stand_count": None}, {"valid_day": True, "sit_to_stand_count": None}], 2 * 86400.0)
    assert session_figures(old)["sit_to_stands_per_day"] is None  # stored before 0006: unknown, not 0
    none_valid = _session([{"valid_day": False, "sit_to_stand_count": 4}], 600.0)
    assert session_figures(none_valid)["sit_to_stands_per_day"] is None
    change = {c.code: c for c in compare(week, _session([{"valid_day": True, "sit_to_stand_count": 25}], 86400.0))}
    assert change["sit_to_stands_per_day"].delta == 10.0 and change["sit_to_stands_per_day"].improved is True
    assert change["sit_to_stands_per_day"].delta is not None and compare(week, old)[0].code == "sitting_h_per_day"
    assert {c.code: c for c in compare(week, old)}["sit_to_stands_per_day"].delta is None


def _record(tmp_path: Path) -> str:
    """Session 1 stored before migration 0006 (its day rows without counts), session 2 from a
    days.csv: 7 stand-ups on its valid day, 2 on a day worn too short."""
    from oefensense.io.period_tables import DAY_COLUMNS, FIGURES

    url = stored_before_0006(tmp_path)
    folder = _folder(tmp_path / "b")
    rows = []
    for day, valid, stands in (("2026-03-09", "true", "7"), ("2026-03-10", "false", "2")):
        values = {c: "0" for c in FIGURES} | {"wear_s": "50000", "sitting_s": "20000", "valid_day": valid,
                                              "sit_to_stand_count": stands, "stand_to_sit_count": stands}
        row = {"date": day, "period": "all", **values}
        rows.append(",".join(row[c] for c in DAY_COLUMNS))
    (folder / "days.csv").write_text(",".join(DAY_COLUMNS) + "\n" + "\n".join(rows) + "\n")
    with Record(url) as rec:  # upgraded on open; session 1 keeps NULL counts
        from oefensense.record import parse_start
        from oefensense.record.register import file_sensors, register_results

        register_results(rec, "P001", folder, kind="imported", source=tmp_path / "y.csv", source_owned=False,
                         start=parse_start("2026-03-09T08:00+01:00"), sensors=file_sensors(["pelvis"]))
        assert [session_figures(s)["sit_to_stands_per_day"] for s in rec.sessions("P001")] == [None, 7.0]
    return url


def test_patient_show_and_exports_carry_stand_ups_per_day(tmp_path: Path) -> None:
    url = _record(tmp_path)
    for lang, label in (("nl", "Opstaan per geldige dag (/dag)"), ("en", "Sit-to-stands per valid day (/d)")):
        res = CliRunner().invoke(app, ["--language", lang, "patient", "show", "P001", "--database", url], env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        line = next(x for x in res.output.splitlines() if label in x)
        assert [c.strip() for c in line.split("│")[2:-1]] == ["–", {"nl": "7,0", "en": "7.0"}[lang], "–"], line
    with Record(url) as rec:
        sessions = tables(rec, "P001")["sessions"].to_pydict()
        fhir = bundle(rec, "P001")
    assert sessions["sit_to_stands_per_day"] == [None, 7.0]  # null, not 0, for the session from before
    found = [e["resource"] for e in fhir["entry"] if e["resource"]["resourceType"] == "Observation"
             and e["resource"]["code"]["coding"][0]["code"] == "sit_to_stands_per_day"]
    assert [(o["code"]["coding"][0]["system"], o["valueQuantity"]["value"], o["valueQuantity"]["code"]) for o in found] == [
        ("urn:oefensense:measure", 7.0, "/d")]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_therapist_report_shows_stand_ups_per_day_in_key_figures_and_trend(tmp_path: Path) -> None:
    from oefensense.reports import write_report

    url = _record(tmp_path)
    with Record(url) as rec:
        for lang, key in (("nl", "Opstaan per geldige dag 7,0 /dag – –"), ("en", "Sit-to-stands per valid day 7.0 /d – –")):
            pdf = tmp_path / f"t-{lang}.pdf"
            write_report(rec, "P001", pdf, audience="therapist", language=lang)
            pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split("\f")
            first = " ".join(pages[0].split())
            assert key in first, first
            assert "Opstaan per geldige dag 0,0" not in first and "Sit-to-stands per valid day 0.0" not in first
            progress = next(" ".join(p.split()) for p in pages if ("Verloop over de sessies" if lang == "nl" else "Progress over the sessions") in p)
            assert key.split(" 7")[0] in progress, progress  # its trend plot
