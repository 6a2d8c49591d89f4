"""The patient's history in the dashboard (Patient → History…), File → Report…, and registering
recordings saved in the dashboard for the patient given with ``oefensense gui --patient``.

All record work goes through ``oefensense.record`` / ``oefensense.reports`` (Qt-free); this
module only draws and asks. Texts: the reports' Dutch/English words plus a few menu strings.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from shiboken6 import isValid
from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QTextOption
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QLabel,
                               QLineEdit, QMessageBox, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from oefensense.record import Record
from oefensense.record.store import RecordError
from oefensense.record.measures import measure
from oefensense.record.progress import shown_codes, trend
from oefensense.reports.figures import TICK_GAP_PT, label_step, year_marked_labels
from oefensense.reports.text import Words

from . import i18n
from .i18n import tr


def assessment_words(key: str) -> str:
    from .assessment import w

    return w(key)

MENU = {
    'patient_menu': QT_TR_NOOP("&Patient"),
    'history': QT_TR_NOOP("History…"),
    'report': QT_TR_NOOP("Report…"),
    'history_title': QT_TR_NOOP("History of %1"),
    'no_patient': QT_TR_NOOP("Type a patient code first."),
    'audience': QT_TR_NOOP("For"),
    'language': QT_TR_NOOP("Language"),
    'therapist': QT_TR_NOOP("therapist"),
    'patient': QT_TR_NOOP("patient"),
    'registered': QT_TR_NOOP("Registered session %1 of %2"),
    'not_registered': QT_TR_NOOP("Recording saved, not registered: %1"),
    'report_written': QT_TR_NOOP("Report written: %1"),
    'no_sessions': QT_TR_NOOP("No sessions yet for %1. A recording made with `oefensense gui --patient %1`, or "
                              "`oefensense analyze FILE --out OUT --patient %1 --start …`, adds one. "
                              "Test results are under Patient → Tests…"),
}


INCOMPLETE_COLOUR = "#b2182b"  # the reports' red for figures that may be incomplete
SIMULATED_COLOUR = "#777777"  # the reports' grey for a simulated session's points


def t(key: str) -> str:
    return tr(MENU[key])


PLOT_COLUMNS = 3  # trend plots per row (at 900 px wide each is about 280 px)
TITLE_POINTS = 9.0  # the plots' title size
TITLE_MARGIN_PX = 12  # room left and right of a plot's title


class TrendPlot(pg.PlotWidget):
    """One figure's trend over the sessions. As it is resized, its title wraps to its width (a
    long Dutch title ran past the plot at 900 px: "Zitperiodes van 30 min of langer per d") and
    its date ticks are thinned by the reports' rule (:func:`label_step`; at 12 sessions the labels
    of a 280 px plot ran into each other), each labelled one "dd-mm" with the year by
    :func:`year_marked_labels`."""

    def __init__(self, title: str, dates: list) -> None:
        super().__init__()
        self.setBackground("w")
        self.title_text = title
        self.dates = dates
        item = self.getPlotItem()
        item.setTitle(self.title_text, size=f"{TITLE_POINTS:g}pt")
        self._title_width = -1.0
        self.labels: list[str] = []
        self.step = 0
        axis = self.getAxis("bottom")
        if dates:  # the first label always carries its year
            # room for a year under the date from the first paint: pyqtgraph grows the axis only
            # after a paint, and drops the labels that do not fit in that paint
            axis.setStyle(autoExpandTextSpace=False, tickTextHeight=2 * QFontMetrics(self.font()).lineSpacing())
        # a label may reach half its width past the axis' ends (pyqtgraph hid the first session's
        # label, centred on the axis' first tick, when the labelled ticks were close together)
        axis.setStyle(hideOverlappingLabels=QFontMetrics(self.font()).horizontalAdvance("00-00") // 2 + 2)
        item.getViewBox().sigResized.connect(self._fit_ticks)
        self._fit_ticks()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if hasattr(self, "dates"):  # pyqtgraph resizes the view in its own __init__
            # the title stands over the plot area only: the left axis is beside it
            self._fit_title(self.width() - self.getAxis("left").width() - 2 * TITLE_MARGIN_PX)

    def _fit_title(self, width: float) -> None:
        """Wrap the title at ``width`` px (centred lines) when it is wider, and give its row the
        lines' height (pyqtgraph keeps a title's row 30 px high, one line)."""
        label = self.getPlotItem().titleLabel
        text = label.item
        text.setTextWidth(-1)
        wrap = text.boundingRect().width() > width > 0
        width = float(width) if wrap else -1.0
        if width == self._title_width:
            text.setTextWidth(width)
            return
        self._title_width = width
        option = QTextOption(Qt.AlignHCenter)
        option.setWrapMode(QTextOption.WordWrap)
        text.document().setDefaultTextOption(option)
        text.setTextWidth(width)
        label.updateMin()  # its minimum size: the wrapped text's
        label.resizeEvent(None)  # centred in its row
        height = max(30, int(text.boundingRect().height()) + 4)
        label.setMaximumHeight(height)
        self.getPlotItem().layout.setRowFixedHeight(0, height)

    def _fit_ticks(self) -> None:
        """Label every k-th session so the labels fit the axis' width (every session keeps its tick
        and point), by the rule of the report's trend plots."""
        axis = self.getAxis("bottom")
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        per_label = metrics.horizontalAdvance("00-00") + TICK_GAP_PT * self.logicalDpiX() / 72.0
        width = self.getPlotItem().getViewBox().width()
        step = label_step(len(self.dates), per_label, width) if width > 0 else max(1, len(self.dates))
        if step == self.step:
            return
        self.step = step
        self.labels = year_marked_labels(self.dates, step)
        axis.setTicks([list(enumerate(self.labels))])


class HistoryDialog(QDialog):
    """Sessions of one patient as a table (figures per session) and one trend plot per figure."""

    def __init__(self, record: Record, code: str, parent: Any = None) -> None:
        super().__init__(parent)
        w = Words(i18n.current_language())
        sessions = record.sessions(code)
        self.setWindowTitle(t("history_title").replace("%1", code))
        layout = QVBoxLayout(self)
        values = trend(sessions)
        codes = [c for c in shown_codes(values) if any(v is not None for v in values[c])]
        # a session whose figures may be incomplete is marked as in `patient show` and the report:
        # "(!)" on its column, its point open and red, and why under the table
        why = [w.incomplete(s) for s in sessions]
        # a record --simulate session likewise: "(sim.)" on its column, its point open and grey
        simulated = [w.simulated(s) for s in sessions]
        self.table = QTableWidget(len(codes), len(sessions))
        # two sessions on one day: which is which, "#id" as `patient show` heads them (both
        # columns read "2 maart 2026" until 5 Dec 2026)
        days = [w.date(s.start.local) for s in sessions]
        self.table.setHorizontalHeaderLabels([" ".join([day] + [f"#{s.id}"] * (days.count(day) > 1)
                                                       + [w["incomplete_mark"]] * bool(y) + [w["simulated_mark"]] * sim)
                                              for day, s, y, sim in zip(days, sessions, why, simulated)])
        self.table.setVerticalHeaderLabels([measure(c).label(w.language) for c in codes])
        for r, c in enumerate(codes):
            m = measure(c)
            for col, v in enumerate(values[c]):
                self.table.setItem(r, col, QTableWidgetItem(f"{w.num(v, m.digits)} {m.unit_in(w.language)}".strip() if v is not None else "–"))
        self.table.resizeColumnsToContents()
        # every row in sight, also over the scroll bar that many sessions bring (it hid the last row)
        self.rows_height = (self.table.horizontalHeader().height() + 4
                            + sum(self.table.rowHeight(r) for r in range(self.table.rowCount())))
        self.table.setMinimumHeight(self.rows_height)
        self.table.horizontalScrollBar().rangeChanged.connect(self._table_scrolls)
        layout.addWidget(self.table)
        # a patient without sessions got an empty white window (the CLI's `patient show` says why)
        self.empty_note = QLabel(t("no_sessions").replace("%1", code))
        self.empty_note.setWordWrap(True)
        layout.addWidget(self.empty_note)
        self.empty_note.setVisible(not sessions)
        self.incomplete_notes = [w["incomplete_trend"].format(id=s.id, date=w.date(s.start.local), what="; ".join(y))
                                 for s, y in zip(sessions, why) if y]
        self.incomplete_note = QLabel("\n".join(self.incomplete_notes))
        self.incomplete_note.setWordWrap(True)
        self.incomplete_note.setStyleSheet(f"color: {INCOMPLETE_COLOUR}")
        self.incomplete_note.setVisible(bool(self.incomplete_notes))
        layout.addWidget(self.incomplete_note)
        self.simulated_note = QLabel(w.simulated_trend(sessions))
        self.simulated_note.setWordWrap(True)
        self.simulated_note.setStyleSheet(f"color: {SIMULATED_COLOUR}")
        self.simulated_note.setVisible(any(simulated))
        layout.addWidget(self.simulated_note)
        self.table.setVisible(bool(sessions))
        # the plots scroll under the table: ten plots in rows of three did not fit a laptop's height
        # (the dialog could not be made lower than 977 px)
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        self.plots: list[TrendPlot] = []
        xs = list(range(len(sessions)))
        dates = [s.start.local for s in sessions]
        for i, c in enumerate(codes):
            m = measure(c)
            plot = TrendPlot(m.label(w.language), dates)
            plot.getAxis("left").enableAutoSIPrefix(False)
            pts = [(x, v) for x, v in zip(xs, values[c]) if v is not None]
            # the line joins the measured sessions only, as in the report (a simulated point is not the patient's)
            measured = [p for p in pts if not simulated[p[0]]]
            plot.plot([p[0] for p in measured], [p[1] for p in measured], pen=pg.mkPen("#0072B2", width=2), symbol="o",
                      symbolBrush="#0072B2", symbolSize=7)
            sim_pts = [p for p in pts if simulated[p[0]] and not why[p[0]]]  # red wins when both, as in the report
            if sim_pts:
                plot.plot([p[0] for p in sim_pts], [p[1] for p in sim_pts], pen=None, symbol="o", symbolSize=10,
                          symbolBrush="w", symbolPen=pg.mkPen(SIMULATED_COLOUR, width=2))
            open_pts = [p for p in pts if why[p[0]]]
            if open_pts:  # drawn over the blue ones, as the report draws them
                plot.plot([p[0] for p in open_pts], [p[1] for p in open_pts], pen=None, symbol="o", symbolSize=10,
                          symbolBrush="w", symbolPen=pg.mkPen(INCOMPLETE_COLOUR, width=2))
            plot.setLabel("left", m.unit_in(w.language))
            plot.setXRange(-0.5, max(len(sessions) - 0.5, 0.5))
            top = max((p[1] for p in pts), default=0.0)
            plot.setYRange(0, top * 1.2 if top > 0 else 1.0)  # from zero: a small change looks small
            plot.setMinimumHeight(150)
            grid.addWidget(plot, i // PLOT_COLUMNS, i % PLOT_COLUMNS)
            self.plots.append(plot)
        for col in range(PLOT_COLUMNS):  # equal columns, also in a last row with fewer plots
            grid.setColumnStretch(col, 1)
        self.plot_area = QScrollArea()
        self.plot_area.setWidgetResizable(True)
        self.plot_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.plot_area.setFrameShape(QScrollArea.NoFrame)
        self.plot_area.setWidget(holder)
        self.plot_area.setVisible(bool(codes))
        layout.addWidget(self.plot_area, 1)
        screen = self.screen().availableGeometry()  # no taller than a laptop's screen
        self.resize(min(1200, screen.width()), min(980, screen.height()))


    def _table_scrolls(self, _low: int, high: int) -> None:
        """The table's height: its rows, and the scroll bar's when the columns do not fit."""
        bar = self.table.horizontalScrollBar()
        self.table.setMinimumHeight(self.rows_height + (bar.sizeHint().height() if high > 0 else 0))


class ReportDialog(QDialog):
    """Choose audience, language and file, then write the PDF (oefensense.reports)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("report").rstrip("…"))
        form = QFormLayout(self)
        self.audience = QComboBox()
        self.audience.addItem(t("therapist"), "therapist")
        self.audience.addItem(t("patient"), "patient")
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if i18n.current_language() == "nl" else 1)
        self.path = QLineEdit()
        form.addRow(t("audience"), self.audience)
        form.addRow(t("language"), self.language)
        form.addRow("PDF", self.path)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RecordHooks:
    """The record in the dashboard: menus, and registering saved recordings for the patient."""

    def __init__(self, window: Any, database: str | None = None, patient: str | None = None) -> None:
        self.window = window
        self.database = database
        self.register_recordings = patient is not None  # only with `oefensense gui --patient`
        self.dialogs: list[QDialog] = []  # the dialogs it opened that are still open (or still testing)
        if patient:
            window.view.patient_code.setText(patient)
        self.patient_menu = window.menuBar().addMenu(t("patient_menu"))
        self.history_action = QAction(t("history"), window, triggered=self.open_history)
        self.patient_menu.addAction(self.history_action)
        self.tests_action = QAction(assessment_words("menu"), window, triggered=self.open_tests)
        self.patient_menu.addAction(self.tests_action)
        self.report_action = QAction(t("report"), window, triggered=self.open_report)
        window.file_menu.insertAction(window.quit_action, self.report_action)

    def retranslate(self) -> None:
        self.patient_menu.setTitle(t("patient_menu"))
        self.history_action.setText(t("history"))
        self.tests_action.setText(assessment_words("menu"))
        self.report_action.setText(t("report"))

    def code(self) -> str | None:
        code = self.window.view.patient_code.text().strip()
        if not code:
            QMessageBox.information(self.window, "OefenSense", t("no_patient"))
            return None
        return code

    def open_history(self) -> HistoryDialog | None:
        code = self.code()
        if code is None:
            return None
        try:
            with Record(self.database) as rec:
                dialog = HistoryDialog(rec, code, self.window)
        except ValueError as exc:
            QMessageBox.warning(self.window, "OefenSense", _error_text(exc))
            return None
        self._keep(dialog)
        dialog.show()
        return dialog

    def open_tests(self) -> Any:
        """Patient → Tests…: the guided tests for the patient typed in (stored when one is)."""
        from .assessment import AssessmentDialog

        code = self.window.view.patient_code.text().strip() or None
        dialog = AssessmentDialog(self.window, patient=code, database=self.database)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, dialog: QDialog) -> None:
        """Hold a dialog while it is open; once closed it is deleted. Each was kept, closed ones
        too, as a child of the window (Qt's) and in this list (Python's), until the window went:
        every History… or Tests… opened one more, its plots and tables included."""
        self._drop_closed()
        self.dialogs.append(dialog)
        dialog.finished.connect(self._closed)  # a bound method: a lambda capturing the dialog would keep it

    def _closed(self, _result: int) -> None:
        self._drop_closed()

    def _drop_closed(self) -> None:
        """Delete the closed dialogs (their C++ side at the next event loop turn; nothing else
        holds their Python side). A guided test closed while it runs is kept until it has
        finished (its result is still stored): dropped at a later open or close."""
        keep = []
        for dialog in self.dialogs:
            if not isValid(dialog):
                continue
            if dialog.isVisible() or getattr(dialog, "run", None) is not None:
                keep.append(dialog)
            else:
                dialog.deleteLater()
        self.dialogs = keep

    def open_report(self, path: Path | None = None, audience: str | None = None, language: str | None = None) -> Path | None:
        """Ask (unless given) and write the report; errors are shown, never raised."""
        from oefensense.reports import write_report

        code = self.code()
        if code is None:
            return None
        if path is None:
            dialog = ReportDialog(self.window)
            suggested, _ = QFileDialog.getSaveFileName(self.window, t("report"), f"{code}-report.pdf", "PDF (*.pdf)")
            if not suggested:
                return None
            dialog.path.setText(suggested)
            if dialog.exec() != QDialog.Accepted:
                return None
            path, audience, language = Path(dialog.path.text()), dialog.audience.currentData(), dialog.language.currentData()
        try:
            with Record(self.database) as rec:
                write_report(rec, code, path, language=language or i18n.current_language(), audience=audience or "therapist")
        except ValueError as exc:
            QMessageBox.warning(self.window, "OefenSense", _error_text(exc))
            return None
        self.window.statusBar().showMessage(t("report_written").replace("%1", str(path)))
        return path

    def recording_saved(self, path: Path | None, closers: list[threading.Thread]) -> threading.Thread | None:
        """After a recording is closed: analyse it (angles included) into SESSION/analysis and
        register it as a live session of the patient typed in, on a helper thread."""
        code = self.window.view.patient_code.text().strip()
        if path is None or not code or not self.register_recordings:
            return None
        result: list[Any] = []

        def work() -> None:
            try:
                for closer in closers:
                    closer.join()
                result.append(register_dashboard_recording(Path(path), code, self.database))
            except Exception as exc:  # shown in the status bar: the recording itself is saved
                result.append(exc)

        th = threading.Thread(target=work, name="oefensense-register", daemon=True)
        th.start()

        def poll() -> None:
            if th.is_alive():
                QTimer.singleShot(200, poll)
                return
            r = result[0]
            msg = (t("not_registered").replace("%1", _error_text(r)) if isinstance(r, Exception)
                   else t("registered").replace("%1", str(r.id)).replace("%2", code))
            self.window.statusBar().showMessage(msg)

        QTimer.singleShot(200, poll)
        return th


def _error_text(exc: BaseException) -> str:
    """An error of the record or a report in the dashboard's language (it showed ``str()``, English
    in a Dutch dashboard: "unknown patient P404: ...")."""
    from .app import error_text

    return error_text(exc)


def register_dashboard_recording(session: Path, code: str, database: str | None):  # noqa: ANN201
    """Replay a closed session into ``SESSION/analysis`` and register it (kind ``live``)."""
    from oefensense.api import _recorded_settings, run_items
    from oefensense.demo import LIVE_ANALYSIS_DIR
    from oefensense.record.register import register_results, session_sensors
    from oefensense.session import SessionReader
    from oefensense.sources import replay_items

    with Record(database) as rec:
        if not rec.has_patient(code):  # the record's own sentence, translated where shown
            raise RecordError(QT_TR_NOOP("unknown patient {code}: add it first with `oefensense patient add {code}`"), code=code)
        folder = session / LIVE_ANALYSIS_DIR
        run_items(replay_items(session), folder, angles=True, settings=_recorded_settings(session))
        return register_results(rec, code, folder, kind="live", source=session.resolve(), source_owned=True,
                                start=None, sensors=session_sensors(rec, SessionReader(session).manifest),
                                session_dir=session)
