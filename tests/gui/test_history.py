"""The record in the dashboard: Patient → History (table and trend plots), File → Report, and a
recording saved with ``--patient`` registered as a live session."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pytest

from oefensense.gui.app import MainWindow, make_app
from oefensense.gui.history import register_dashboard_recording
from oefensense.live.devices import SimulatedDirectory
from oefensense.record import Record, parse_start
from oefensense.record.register import file_sensors, register_results

from tests.record.test_store import _results_folder


@pytest.fixture()
def record_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P001")
        for i, (day, sitting) in enumerate((("2026-03-02", 1200.0), ("2026-03-09", 600.0))):
            folder = _results_folder(tmp_path / f"r{i}", sitting_s=sitting, lifts=2 + i)
            register_results(rec, "P001", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                             start=parse_start(f"{day}T08:30+01:00"), sensors=file_sensors(["trunk"]))
    return url


def test_history_dialog_shows_figures_per_session(qapp, qtbot, record_url, tmp_path):
    make_app(language="en")
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s",
                     database=record_url, patient="P001")
    qtbot.addWidget(win)
    assert win.view.patient_code.text() == "P001"
    dialog = win.record_hooks.open_history()
    assert dialog is not None and dialog.table.columnCount() == 2
    rows = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    sit = rows.index("Sitting, share of worn time")
    assert dialog.table.item(sit, 0).text() == "33.5 %" and dialog.table.item(sit, 1).text() == "16.8 %"  # 1200 and 600 s of 3580 s worn
    assert len(dialog.plots) == dialog.table.rowCount()
    image = dialog.grab().toImage()
    shot = Path(os.environ.get("OEFENSENSE_SHOTS", tmp_path)) / "history.png"
    image.save(str(shot))
    assert shot.stat().st_size > 10_000
    pdf = win.record_hooks.open_report(tmp_path / "r.pdf", "patient", "nl")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    win.close()


def test_dashboard_recording_is_registered(record_url, tmp_path):
    from oefensense.engine import Engine
    from oefensense.session import SessionWriter
    from oefensense.sinks import RecorderSink
    from oefensense.sources import simulated_device_items
    from oefensense.sources.simulated import bundled_recording

    session = tmp_path / "sessions" / "P001-1"
    items = list(itertools.islice(simulated_device_items(bundled_recording()), 0, 1500))
    Engine(None, [RecorderSink(SessionWriter(session, meta={"patient": {"code": "P001"}}))]).run(items)
    info = register_dashboard_recording(session, "P001", record_url)
    assert info.kind == "live" and (session / "analysis" / "angles.csv").exists()
    assert info.sensors[0]["device"].startswith("dev-") and info.quality["sensors"][0]["loss_pct"] is not None
    with pytest.raises(ValueError, match="unknown patient P404"):
        register_dashboard_recording(session, "P404", record_url)


@pytest.mark.parametrize("language,expected", [("en", "No sessions yet for P002"), ("nl", "Nog geen sessies voor P002")])
def test_history_of_a_patient_without_sessions_says_so(qapp, qtbot, record_url, language, expected):
    # audit 3 Dec 2026: a new patient (or one with test results only) got an empty white window
    from oefensense.gui import i18n
    from oefensense.gui.history import HistoryDialog

    make_app(language=language)
    try:
        with Record(record_url) as rec:
            rec.add_patient("P002")
            dialog = HistoryDialog(rec, "P002")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.empty_note.isVisible() and dialog.empty_note.text().startswith(expected)
        assert "--patient P002" in dialog.empty_note.text() and not dialog.table.isVisible()
        with Record(record_url) as rec:
            full = HistoryDialog(rec, "P001")
        qtbot.addWidget(full)
        full.show()
        assert not full.empty_note.isVisible() and full.table.isVisible()
    finally:
        i18n.set_language("en")


def test_history_marks_a_session_whose_figures_may_be_incomplete(qapp, qtbot, record_url, tmp_path):
    """Audit 3 Dec 2026: `patient show` and the report mark such a session "(!)" and say why; the
    dashboard's history table and plots showed its figures as if complete."""
    import json

    from oefensense.gui import i18n
    from oefensense.gui.history import HistoryDialog
    from tests.record.test_store import _results_folder

    folder = _results_folder(tmp_path / "r2", sitting_s=900.0)
    summary = json.loads((folder / "summary.json").read_text())
    summary["data_quality"] = {"session": {"state": "not_closed"}}
    (folder / "summary.json").write_text(json.dumps(summary))
    with Record(record_url) as rec:
        info = register_results(rec, "P001", folder, kind="imported", source=tmp_path / "y.csv", source_owned=False,
                                start=parse_start("2026-03-16T08:30+01:00"), sensors=file_sensors(["trunk"]))
    make_app(language="nl")
    try:
        with Record(record_url) as rec:
            dialog = HistoryDialog(rec, "P001")
        qtbot.addWidget(dialog)
        dialog.show()
        heads = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
        assert [h.endswith("(!)") for h in heads] == [False, False, True]
        assert dialog.incomplete_note.isVisible()
        note = " ".join(dialog.incomplete_note.text().split())
        assert note.startswith(f"(!) Rode open punten: sessie {info.id} (") and "afgebroken" in note
        # the red open point over the session's blue one, in every plot that has a value for it
        assert all(len(p.getPlotItem().listDataItems()) == 2 for p in dialog.plots)
        dialog.grab().toImage().save(str(tmp_path / "history_incomplete.png"))
    finally:
        i18n.set_language("en")


def test_history_marks_a_session_of_simulated_sensors(qapp, qtbot, record_url, tmp_path, monkeypatch):
    """`patient show`, exports and the reports' first pages say a record --simulate session was
    simulated; the history's table and plots showed its figures like measured ones. Now its column
    carries "(sim.)", its points are open and grey, and a grey note says which sessions."""
    from oefensense.gui import i18n
    from oefensense.gui.history import SIMULATED_COLOUR, HistoryDialog
    from oefensense.record import register
    from tests.record.test_store import _results_folder

    monkeypatch.setattr(register, "recording_source", lambda manifest: "simulated")  # as record --simulate stores it
    folder = _results_folder(tmp_path / "r2", sitting_s=900.0)
    with Record(record_url) as rec:
        info = register_results(rec, "P001", folder, kind="live", source=tmp_path / "s", source_owned=True,
                                start=parse_start("2026-03-16T08:30+01:00"), sensors=file_sensors(["trunk"]))
    assert info.quality["source"] == "simulated"
    for language, note in (("nl", f"(sim.) Grijze open punten: sessie {info.id} (16 maart 2026), van gesimuleerde "
                                  "sensoren (bewegingssimulator), niet bij de patiënt gemeten; de lijn verbindt alleen "
                                  "de gemeten sessies."),
                           ("en", f"(sim.) Grey open points: session {info.id} (16 March 2026), from simulated "
                                  "sensors (movement simulator), not measured on the patient; the line joins the "
                                  "measured sessions only.")):
        make_app(language=language)
        try:
            with Record(record_url) as rec:
                dialog = HistoryDialog(rec, "P001")
            qtbot.addWidget(dialog)
            dialog.show()
            heads = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
            assert [h.endswith("(sim.)") for h in heads] == [False, False, True], heads
            assert dialog.simulated_note.isVisible() and " ".join(dialog.simulated_note.text().split()) == note
            assert not dialog.incomplete_note.isVisible()
            for plot in dialog.plots:  # the grey open point over the session's blue one
                line, sim = plot.getPlotItem().listDataItems()
                assert list(sim.getData()[0]) == [2]
                assert list(line.getData()[0]) == [0, 1]  # the line joins the measured sessions only
                assert sim.opts["symbolPen"].color().name() == SIMULATED_COLOUR
            dialog.grab().toImage().save(str(tmp_path / f"history_simulated_{language}.png"))
        finally:
            i18n.set_language("en")


def test_record_errors_in_the_dashboards_language(qapp, qtbot, record_url, tmp_path, monkeypatch):
    """Care audit: the history, the report and the registration of a recording showed the record's
    errors as raised, English in a Dutch dashboard ("unknown patient P404: add it first ...")."""
    from PySide6.QtWidgets import QMessageBox

    from oefensense.gui import i18n
    from oefensense.gui.history import _error_text

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    make_app(language="nl")
    try:
        win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s",
                         database=record_url)
        qtbot.addWidget(win)
        win.view.patient_code.setText("P404")
        assert win.record_hooks.open_history() is None
        assert win.record_hooks.open_report(tmp_path / "r.pdf", "therapist", "nl") is None
        win.view.patient_code.setText("Jan Jansen")
        assert win.record_hooks.open_history() is None
        assert shown[0] == shown[1] == ("onbekende patiënt P404: voeg deze eerst toe met "
                                        "`oefensense patient add P404`"), shown
        assert shown[2].startswith("ongeldige patiëntcode 'Jan Jansen': gebruik 2-32 letters"), shown
        with pytest.raises(ValueError) as caught:
            register_dashboard_recording(tmp_path / "none", "P404", record_url)
        assert _error_text(caught.value).startswith("onbekende patiënt P404")
        win.close()
    finally:
        i18n.set_language("en")


def test_closed_record_dialogs_are_freed(qapp, record_url, tmp_path):
    """Patient → History… and Patient → Tests… kept every dialog they opened, closed ones too: a
    child of the window and in ``RecordHooks.dialogs``, so each use left one more hidden dialog
    (its plots and tables) until the window went. Now a closed one is deleted; an open one kept."""
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    from oefensense.gui.assessment import AssessmentDialog
    from oefensense.gui.history import HistoryDialog
    from oefensense.gui.run import delete_closed

    make_app(language="en")
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s",
                     database=record_url, patient="P001")
    try:
        hooks = win.record_hooks
        refs = []
        for _ in range(2):
            for open_dialog in (hooks.open_history, hooks.open_tests):
                dialog = open_dialog()
                assert dialog is not None and dialog.isVisible()
                refs.append(weakref.ref(dialog))
                dialog.close()  # the title bar's close button: finished(Rejected)
                del dialog
        kept = hooks.open_history()  # an open one stays
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        assert hooks.dialogs == [kept]
        assert win.findChildren(HistoryDialog) == [kept] and win.findChildren(AssessmentDialog) == []
        assert [r() for r in refs] == [None] * 4
        kept.reject()  # Esc
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert hooks.dialogs == [] and win.findChildren(HistoryDialog) == []
    finally:
        win.close()
        delete_closed(win)


def test_history_ticks_carry_the_year(qapp, qtbot, tmp_path):
    """The trend plots' ticks follow the reports' rule: "dd-mm" with the year under the first label
    and at each new year (they read "02-11 09-12 04-01", no year, until 5 Dec 2026)."""
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P002")
        for i, day in enumerate(("2026-11-02", "2026-12-09", "2027-01-04")):
            folder = _results_folder(tmp_path / f"r{i}", sitting_s=900.0 + 100 * i, lifts=2 + i)
            register_results(rec, "P002", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                             start=parse_start(f"{day}T08:30+01:00"), sensors=file_sensors(["trunk"]))
    make_app(language="nl")
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s",
                     database=url, patient="P002")
    qtbot.addWidget(win)
    dialog = win.record_hooks.open_history()
    assert dialog is not None and dialog.plots
    for plot in dialog.plots:
        assert plot.getAxis("bottom")._tickLevels == [[(0, "02-11\n2026"), (1, "09-12"), (2, "04-01\n2027")]]
    dialog.resize(900, 700)
    shot = Path(os.environ.get("OEFENSENSE_SHOTS", tmp_path)) / "history-new-year.png"
    dialog.grab().toImage().save(str(shot))
    assert shot.stat().st_size > 10_000
    win.close()


@pytest.mark.parametrize("width,language", [(900, "nl"), (1280, "nl"), (900, "en")])
def test_history_fits_its_width(qapp, qtbot, tmp_path, width, language):
    """Care audit 5 Dec 2026: at 900 px the third plot column was cut off (a Dutch title such as
    "Zitperiodes van 30 min of langer per dag" held each plot wider than its place), every session
    was labelled (twelve weekly sessions' dates ran into each other) and the dialog could not be
    made lower than 977 px. Now each plot fits its place with its title wrapped over it, the
    labelled dates are at least a label's width apart (the reports' rule), and the plots scroll."""
    from PySide6.QtGui import QFontMetrics

    from oefensense.gui import i18n
    from oefensense.gui.history import HistoryDialog

    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    with Record(url) as rec:
        rec.add_patient("P003")
        for i in range(12):
            day = (np.datetime64("2026-11-02") + np.timedelta64(7 * i, "D")).item()
            folder = _results_folder(tmp_path / f"r{i}", sitting_s=900.0 + 37 * i, lifts=2 + i % 3)
            register_results(rec, "P003", folder, kind="imported", source=tmp_path / "x.csv", source_owned=False,
                             start=parse_start(f"{day}T08:30+01:00"), sensors=file_sensors(["trunk"]))
    make_app(language=language)
    try:
        with Record(url) as rec:
            dialog = HistoryDialog(rec, "P003")
        qtbot.addWidget(dialog)
        dialog.resize(width, 700)
        dialog.show()
        qtbot.waitExposed(dialog)
        qapp.processEvents()
        assert dialog.height() <= 700  # a laptop's screen: the plots scroll under the table
        titles = []
        for plot in dialog.plots:
            item = plot.getPlotItem()
            # the plot's contents fit the widget (on main: 311 px of contents in 289 px)
            assert item.minimumWidth() <= plot.width(), (item.titleLabel.text, item.minimumWidth(), plot.width())
            title = item.titleLabel
            assert title.itemRect().width() <= item.getViewBox().width() + 1  # over the plot area
            assert title.itemRect().height() <= title.height() + 1  # its lines inside its row
            titles.append(title.item.toPlainText())
            axis = plot.getAxis("bottom")
            (levels,) = axis._tickLevels
            labels = [label for _, label in levels]
            assert labels[0].startswith("02-11\n2026") and len(labels) == 12  # every session keeps its tick
            shown = [x for x, label in levels if label]
            per_session = item.getViewBox().width() / 12  # x from -0.5 to 11.5
            gap = min(b - a for a, b in zip(shown, shown[1:])) * per_session
            assert gap >= QFontMetrics(plot.font()).horizontalAdvance("00-00"), (labels, gap)
            assert any("\n2027" in label for label in labels)  # the year still marked at New Year
        # no title shortened: each says all its words
        from oefensense.record.measures import measure
        from oefensense.record.progress import shown_codes, trend
        with Record(url) as rec:
            values = trend(rec.sessions("P003"))
        expected = [measure(c).label(language) for c in shown_codes(values) if any(v is not None for v in values[c])]
        assert [" ".join(t.split()) for t in titles] == expected
        shot = Path(os.environ.get("OEFENSENSE_SHOTS", tmp_path)) / f"history-{width}-{language}.png"
        dialog.grab().toImage().save(str(shot))
    finally:
        i18n.set_language("en")


def test_two_sessions_on_one_day_are_told_apart(qapp, qtbot, record_url, tmp_path):
    """`patient show` heads two sessions of one day "02-03-2026 #1", "02-03-2026 #2"; the
    history's table read "2 March 2026" twice (care audit 5 Dec 2026, a day of HAPT imports)."""
    from oefensense.gui.history import HistoryDialog

    with Record(record_url) as rec:
        folder = _results_folder(tmp_path / "r2", sitting_s=900.0)
        second = register_results(rec, "P001", folder, kind="imported", source=tmp_path / "z.csv", source_owned=False,
                                  start=parse_start("2026-03-09T14:00+01:00"), sensors=file_sensors(["trunk"]))
        first_id = rec.sessions("P001")[1].id
    make_app(language="en")
    with Record(record_url) as rec:
        dialog = HistoryDialog(rec, "P001")
    qtbot.addWidget(dialog)
    heads = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert heads == ["2 March 2026", f"9 March 2026 #{first_id}", f"9 March 2026 #{second.id}"], heads
