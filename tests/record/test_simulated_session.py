"""A session recorded from simulated sensors says so wherever its figures go: it was stored as a
plain live recording (``record --simulate --patient``), while a simulated guided test already
carried ``source: simulated`` into FHIR notes and the CSV ``source`` column."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from oefensense.cli import app
from oefensense.record import Record


def _cli(*args: str) -> str:
    res = CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_a_simulated_recording_is_marked_everywhere(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    _cli("patient", "add", "P001", "--database", db)
    said = _cli("record", "--simulate", "polar=trunk", "--duration", "8", "--speed", "8", "--status-every", "100",
                "--out", tmp_path / "s", "--patient", "P001", "--database", db)
    assert "live recording, simulated" in said
    with Record(db) as rec:
        (s,) = rec.sessions("P001")
    assert s.quality["source"] == "simulated"
    shown = _cli("patient", "show", "P001", "--database", db)
    assert "live recording, simulated" in shown
    # the progress table's column too, as the report's trend points and the dashboard's history
    assert f"{s.start.local.strftime('%d-%m-%Y')} (sim.)" in shown, shown
    _cli("export", "P001", "--format", "fhir", "--out", tmp_path / "b.json", "--database", db)
    doc = json.loads((tmp_path / "b.json").read_text())
    sessions = [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert sessions and all(any("simulated sensors" in n["text"] for n in r["note"]) for r in sessions)
    _cli("export", "P001", "--format", "parquet", "--out", tmp_path / "t", "--database", db)
    assert pq.read_table(tmp_path / "t" / "P001-sessions.parquet").column("source").to_pylist() == ["simulated"]
    # the day table read alone says so too: its `source` is the row's origin (days.csv), not the data's
    days = pq.read_table(tmp_path / "t" / "P001-days.parquet")
    assert days.num_rows and days.column("simulated").to_pylist() == [True] * days.num_rows
    assert days.schema.field("simulated").type == pa.bool_()
    _cli("export", "P001", "--format", "csv", "--out", tmp_path / "c", "--database", db)
    with open(tmp_path / "c" / "P001-days.csv", newline="") as f:
        assert {r["simulated"] for r in csv.DictReader(f)} == {"true"}
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed: the report's words are not checked")
    _cli("report", "P001", "--out", tmp_path / "r.pdf", "--database", db, "--language", "nl")
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "live opname, gesimuleerd" in text and "niet bij de patiënt gemeten" in text


@pytest.fixture(scope="module")
def two_simulated(tmp_path_factory) -> tuple:
    """A record with two simulated sessions of P001, and a function giving a report's words."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed: the report's words are not checked")
    tmp_path = tmp_path_factory.mktemp("sim")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    _cli("patient", "add", "P001", "--database", db)
    for i in (1, 2):
        _cli("record", "--simulate", "polar=trunk", "--duration", "8", "--speed", "8", "--status-every", "100",
             "--out", tmp_path / f"s{i}", "--patient", "P001", "--database", db)

    def words(who: str, language: str, *session: str) -> str:
        out = tmp_path / f"{who}{language}{''.join(session)}.pdf"
        _cli("report", "P001", "--for", who, "--out", out, "--database", db, "--language", language, *session)
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        return " ".join(text.split())

    return db, words


def test_the_patient_report_says_its_figures_are_simulated(two_simulated) -> None:
    """The therapist's report said so; the patient's report, handed to the patient, read as their
    own measurement ("U zat 0 % van de gemeten tijd.") with no word of the simulator."""
    _, report = two_simulated

    def words(language: str, *session: str) -> str:
        return report("patient", language, *session)

    nl, en = words("nl"), words("en")
    assert "Deze cijfers komen van gesimuleerde sensoren (een computermodel van bewegen), niet van een meting bij u." in nl
    assert "De vorige meting kwam van gesimuleerde sensoren" in nl  # the session it is compared with too
    assert "These figures come from simulated sensors (a computer model of movement), not from a measurement on you." in en
    assert "The previous measurement came from simulated sensors" in en
    first = words("en", "--session", "1")
    assert "These figures come from simulated sensors" in first and "previous measurement came" not in first


def test_the_therapist_report_says_the_session_it_compares_with_was_simulated(two_simulated) -> None:
    """The key figures' change column compared with a simulated session's figures without a word
    (the patient's report already said "De vorige meting kwam van gesimuleerde sensoren")."""
    _, report = two_simulated
    nl, en = report("therapist", "nl"), report("therapist", "en")
    assert ("De vorige sessie (sessie 1) kwam van gesimuleerde sensoren (bewegingssimulator), niet van een meting "
            "bij de patiënt: de verandering is ten opzichte van gesimuleerde cijfers.") in nl
    assert ("The previous session (session 1) came from simulated sensors (movement simulator), not from a "
            "measurement on the patient: the change is against simulated figures.") in en
    first = report("therapist", "en", "--session", "1")
    assert "previous session (session" not in first and "Simulated sensors (movement simulator)" in first


def test_a_day_row_says_when_its_session_does_not_say_where_its_data_came_from() -> None:
    """Sessions registered before 4 Dec 2026 have no ``source`` (a simulated recording was stored
    as a plain live one): their day rows' ``simulated`` is empty, not False."""
    from types import SimpleNamespace

    from oefensense.export.tables import simulated_session

    assert simulated_session(SimpleNamespace(quality={"source": "simulated"})) is True
    assert simulated_session(SimpleNamespace(quality={"source": "live"})) is False
    assert simulated_session(SimpleNamespace(quality={"source": "recording"})) is False
    assert simulated_session(SimpleNamespace(quality={})) is None


def test_the_progress_page_says_which_trend_points_are_simulated(two_simulated) -> None:
    """The therapist report's trend plots drew a record --simulate session's points like measured
    ones (an incomplete session's were already open and red, with a note): now a grey note names
    the simulated sessions above the plots."""
    _, report = two_simulated
    nl, en = report("therapist", "nl"), report("therapist", "en")
    assert "(sim.) Grijze open punten: sessie 1 (" in nl and "sessie 2 (" in nl
    assert "van gesimuleerde sensoren (bewegingssimulator), niet bij de patiënt gemeten" in nl
    assert "(sim.) Grey open points: session 1 (" in en and "from simulated sensors (movement simulator), not measured on the patient" in en
    # the note is the plots' legend: it says what the line joins
    assert "de lijn verbindt alleen de gemeten sessies." in nl and "the line joins the measured sessions only." in en


def test_the_trend_line_joins_the_measured_sessions_only() -> None:
    """figures.trend drew one line through a simulated session's point and the measured ones, as
    if the movement simulator's figure were a step in the patient's trend."""
    from datetime import datetime

    from matplotlib.figure import Figure

    from oefensense.reports import figures
    from oefensense.reports.text import Words

    dates = [datetime(2026, 3, d) for d in (2, 9, 16, 23)]

    def lines(simulated: list[bool], flagged: list[bool] | None = None) -> list[tuple]:
        ax = Figure().add_subplot()
        figures.trend(ax, dates, [1.0, 5.0, 2.0, None], "x", Words("nl"), flagged=flagged, simulated=simulated)
        return [tuple(line.get_xdata()) for line in ax.get_lines() if line.get_linestyle() == "-"]

    assert lines([False, True, False, False]) == [(0, 2)]  # over the simulated point at 1, not through it
    assert lines([False, False, False, False]) == [(0, 1, 2)]
    assert lines([True, True, True, True]) == []  # simulated only: points, no trend
    assert lines([False, False, False, False], flagged=[False, True, False, False]) == [(0, 1, 2)]  # incomplete: still measured


def test_a_simulated_sessions_trend_point_is_open_and_grey() -> None:
    """figures.trend: the simulated session's point open (white face) and grey with "(sim.)" over it;
    red and "(!) (sim.)" when its figures may also be incomplete; a measured point gets neither."""
    from datetime import datetime

    from matplotlib.figure import Figure

    from oefensense.reports import figures
    from oefensense.reports.text import Words

    ax = Figure().add_subplot()
    dates = [datetime(2026, 3, d) for d in (2, 9, 16)]
    figures.trend(ax, dates, [1.0, 2.0, 3.0], "x", Words("en"), flagged=[False, False, True], simulated=[True, False, True])
    open_points = {(tuple(line.get_xdata()), line.get_markeredgecolor()) for line in ax.get_lines()
                   if line.get_markerfacecolor() == "white"}
    assert open_points == {((0,), figures.SIMULATED_COLOUR), ((2,), "#b2182b")}
    assert sorted(t.get_text() for t in ax.texts) == ["(!) (sim.)", "(sim.)"]
