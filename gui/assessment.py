"""Patient → Tests…: the guided standard tests in the dashboard (docs/assessments.md).

The therapist picks a test and a source (real sensors by address, or simulated wearables doing
the simulator's scripted test), reads the instructions to the patient, starts the countdown and
watches the live count; the result appears with its phases, flags, the previous result of the
same test and the published reference, and is stored for the patient typed in the dashboard.
All scoring and storing is ``oefensense.commands.assess_run`` (the CLI's own code); this module
only draws.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from oefensense.assessments import TESTS, AssessmentResult
from oefensense.assessments.instructions import COUNTDOWN, instructions
from oefensense.commands import assess_words
from oefensense.record.measures import measure

from . import i18n
from .i18n import tr

WORDS = {
    'title': QT_TR_NOOP("Tests"),
    'menu': QT_TR_NOOP("Tests…"),
    'test': QT_TR_NOOP("Test"),
    'source': QT_TR_NOOP("Sensors"),
    'simulated': QT_TR_NOOP("simulated (scripted test)"),
    'devices': QT_TR_NOOP("real sensors: ADDRESS=placement, …"),
    'age': QT_TR_NOOP("Age"),
    'sex': QT_TR_NOOP("Sex"),
    'start': QT_TR_NOOP("Start test"),
    'stop': QT_TR_NOOP("Stop"),
    'measure': QT_TR_NOOP("Measure"),
    'now': QT_TR_NOOP("Now"),
    'previous': QT_TR_NOOP("Previous"),
    'reference': QT_TR_NOOP("Reference"),
    'phases': QT_TR_NOOP("Phases"),
    'flags': QT_TR_NOOP("Flags"),
    'no_flags': QT_TR_NOOP("no flags"),
    'waiting': QT_TR_NOOP("waiting for the first movement…"),
    'connecting': QT_TR_NOOP("connecting…"),
    'stands': QT_TR_NOOP("stands"),
    'steps': QT_TR_NOOP("steps"),
    'stored': QT_TR_NOOP("Stored for %1 (assessment %2)"),
    'not_stored': QT_TR_NOOP("Not stored: %1"),
    'no_patient': QT_TR_NOOP("No patient code: the result is not stored."),
    'cannot': QT_TR_NOOP("Not detectable from these sensors: use of the arms, chair height, a walking aid, the 3 m line. Watch for them."),
    'truth': QT_TR_NOOP("simulator truth"),
    'female': QT_TR_NOOP("female"),
    'male': QT_TR_NOOP("male"),
    'walk_minutes': QT_TR_NOOP("Walk test"),
    'leg_m': QT_TR_NOOP("Leg length (m)"),
    'unknown': QT_TR_NOOP("–"),
    'failed': QT_TR_NOOP("The test could not run: %1"),
    'not_scored': QT_TR_NOOP("not scored"),
}
DEFAULT_SIMULATION = {"trunk-rom": "polar=trunk, movesense=pelvis"}


def w(key: str) -> str:
    return tr(WORDS[key])


def said(exc: BaseException) -> str:
    """Why a test could not start, be scored or be stored, in the dashboard's language: a worded
    error's own sentence (sensors given wrong, a sensor not found, no data, a leg length out of
    range, nothing measured); anything else after "The test could not run:" (it showed ``str()``,
    English, in the Dutch panel)."""
    from oefensense.assessments.base import WordedError
    from oefensense.ble.source import SensorUnavailableError
    from oefensense.commands.assess_run import RunInputError

    if isinstance(exc, WordedError):
        return exc.text(tr, i18n.current_language())
    if isinstance(exc, (SensorUnavailableError, RunInputError)):
        return exc.text(tr)
    return w("failed").replace("%1", str(exc))


def phase_name(name: str) -> str:
    """``stand_up_3`` -> "stand up 3" / "opstaan 3"."""
    return assess_words.phase_name(name, tr)


def test_name(test: str) -> str:
    return assess_words.test_name(test, tr)


class AssessmentDialog(QDialog):
    """One guided test at a time: choose, instruct, count down, count live, show the result."""

    def __init__(self, parent: Any = None, patient: str | None = None, database: str | None = None,
                 speed: float = 1.0) -> None:
        super().__init__(parent)
        self.patient, self.database, self.speed = patient, database, speed
        self.run: Any = None
        self.result: AssessmentResult | None = None
        self.previous: Any = None
        self.reference: Any = None
        self.store_message = ""
        self.setWindowTitle(f"OefenSense – {w('title')}" + (f" – {patient}" if patient else ""))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.test = QComboBox()
        for name in TESTS:
            self.test.addItem(test_name(name), name)
        self.test.currentIndexChanged.connect(self._test_changed)
        self.source = QComboBox()
        self.source.addItem(w("simulated"), "simulated")
        self.source.addItem(w("devices"), "devices")
        self.sensors = QLineEdit("polar=pelvis")
        self.minutes = QComboBox()
        self.minutes.addItem("2 min", 2.0)
        self.minutes.addItem("6 min", 6.0)
        self.age = QSpinBox()
        self.age.setRange(0, 110)
        self.age.setSpecialValueText(w("unknown"))
        self.sex = QComboBox()
        for label, value in ((w("unknown"), None), (w("female"), "f"), (w("male"), "m")):
            self.sex.addItem(label, value)
        self.leg = QDoubleSpinBox()
        self.leg.setRange(0.0, 1.3)
        self.leg.setSingleStep(0.01)
        self.leg.setSpecialValueText(w("unknown"))
        form.addRow(w("test"), self.test)
        form.addRow(w("source"), self.source)
        form.addRow("", self.sensors)
        row = QHBoxLayout()
        for label, widget in ((w("age"), self.age), (w("sex"), self.sex), (w("walk_minutes"), self.minutes),
                              (w("leg_m"), self.leg)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow("", holder)
        layout.addLayout(form)
        self.instructions = QLabel()
        self.instructions.setWordWrap(True)
        layout.addWidget(self.instructions)
        self.big = QLabel("")
        self.big.setStyleSheet("font-size: 30pt; font-weight: bold; padding: 6px;")
        self.big.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.big)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(w("start"), clicked=self.start)
        self.stop_button = QPushButton(w("stop"), clicked=self.stop)
        self.stop_button.setEnabled(False)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([w("measure"), w("now"), w("previous"), w("reference")])
        # the figures take their width, the measure's name the rest and wraps (a long name such as
        # the 5×STS's "..., until standing the 5th time" cut the reference to "above the …")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(230)
        layout.addWidget(self.table)
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.RichText)
        layout.addWidget(self.details)
        note = QLabel(w("cannot"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        self.timer = QTimer(self, interval=500, timeout=self._tick)
        self._countdown: list[str] = []
        self._connecting = False
        self._test_changed()
        self.resize(720, 720)

    # ------------------------------------------------------------------ choices
    def _test_changed(self) -> None:
        name = self.test.currentData()
        self.instructions.setText("\n".join(instructions(name, i18n.current_language())))
        if self.source.currentData() == "simulated":
            self.sensors.setText(DEFAULT_SIMULATION.get(name, "polar=pelvis"))

    def options(self) -> dict[str, Any]:
        from oefensense.commands.assess_run import test_options

        leg = self.leg.value() or None
        return test_options(self.test.currentData(), self.minutes.currentData(), leg)

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        from oefensense.commands.assess_run import GuidedRun

        specs = [s.strip() for s in self.sensors.text().split(",") if s.strip()]
        simulated = self.source.currentData() == "simulated"
        try:
            self.run = GuidedRun(self.test.currentData(), self.options(), simulate=specs if simulated else [],
                                 devices=[] if simulated else specs, speed=self.speed).start()
        except ValueError as exc:  # sensors given wrong, an option out of range: in the dashboard's language
            self.details.setText(said(exc))
            return
        self.result = None
        self.table.setRowCount(0)
        self.details.setText("")
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        # no countdown before the sensors stream: a sensor not found fails during "connecting…"
        self._countdown = []
        self._connecting = True
        self.big.setText(w("connecting"))
        self.timer.start()

    def stop(self) -> None:
        if self.run is not None:
            self._finish()

    def _tick(self) -> None:
        ended = self.run.engine is not None and not self.run.engine.running
        failed = ended and self.run.engine.error is not None
        if self._connecting:
            if ended:
                self._finish()  # a sensor not found, no adapter: said in place of a countdown
                return
            if not self.run.streaming:
                return
            self._connecting = False
            self._countdown = list(COUNTDOWN[i18n.current_language()])
        if self._countdown:
            if failed:
                self._finish()  # a sensor that stopped: no "go" when nothing is measured
                return
            self.big.setText(self._countdown.pop(0))
            if not self._countdown:
                self.run.go()
            return
        res = self.run.poll()
        if res is not None:
            self.big.setText(self._live_text(res))
        if self.run.finished:
            self._finish()

    def _live_text(self, res: AssessmentResult) -> str:
        if res.start_s is None:
            return w("waiting")
        if res.test in ("chair-stand-30s", "five-times-sit-to-stand"):
            return f"{res.reps or 0} {w('stands')}"
        if res.test == "walk-test":
            return f"{res.values.get('steps', 0)} {w('steps')}"
        if res.test == "trunk-rom":  # the direction being measured (protocol order) and its best so far
            done = [(k, v) for k, v in (res.values.get("rom_deg") or {}).items() if v]
            return f"{assess_words.direction_name(done[-1][0], tr)} {done[-1][1]:.0f}°" if done else w("waiting")
        return phase_name(res.phases[-1].name) if res.phases else w("waiting")

    def _finish(self) -> None:
        self.timer.stop()
        self._connecting = False
        run, self.run = self.run, None
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        try:
            result = run.finish()
        except Exception as exc:  # shown, never raised into Qt's loop
            self.big.setText("")
            # a sensor or adapter that is not there says what to do, in the dashboard's language
            self.details.setText(said(exc))
            return
        self.show_result(result, run.source)

    # ------------------------------------------------------------------ the result
    def show_result(self, result: AssessmentResult, source: str = "simulated") -> None:
        """Show (and store, with a patient) a finished result. One with a figure outside the
        record's plausible range is shown as `oefensense assess` shows it: "not scored", its
        phases and flags, why (and not stored). The panel showed such a figure as the result
        (a whole recording's "329,8 s" TUG, with its reference verdict) and only its store line,
        with a patient, said it was refused."""
        from oefensense.commands.assess_run import implausible, reference, score, store_result, without_figures
        from oefensense.record.register import performed_at

        self.result = result
        problems = implausible(result)
        if problems:
            self.previous, self.reference = None, None
            # in the flags' colour: the reason there is no figure (rich text: the sentence escaped)
            self.store_message = (f"<span style='color:#b35900'>"
                                  f"{html.escape(w('not_stored').replace('%1', said(problems[0])))}</span>")
            self.big.setText(w("not_scored"))
            self._fill_table(result, scored=False)
            self._fill_details(without_figures(result))
            return
        age = self.age.value() or None
        sex = self.sex.currentData()
        self.previous, self.reference = None, reference(result.test, age, sex, score(result))
        if self.patient:
            try:
                stored, self.previous, self.reference = store_result(self.database, self.patient, result,
                                                                     performed_at(None), age, sex, source)
                self.store_message = w("stored").replace("%1", self.patient).replace("%2", str(stored.id))
            except ValueError as exc:
                self.store_message = w("not_stored").replace("%1", said(exc))
        else:
            self.store_message = w("no_patient")
        self.big.setText(self._headline(result))
        self._fill_table(result)
        self._fill_details(result)

    def _headline(self, res: AssessmentResult) -> str:
        if res.test == "chair-stand-30s" and res.reps is not None:
            return f"{res.reps} {w('stands')}"
        if res.time_s is not None and res.test != "walk-test":
            return f"{i18n.num(res.time_s)} s"
        if res.test == "walk-test":
            return f"{res.values.get('steps', 0)} {w('steps')}"
        return test_name(res.test)

    def _fill_table(self, res: AssessmentResult, scored: bool = True) -> None:
        """A row per measured figure: now, the previous result, the reference; ``scored=False``
        (an implausible figure): each figure's row says "not scored" instead of its value."""
        lang = i18n.current_language()
        rows = list(res.measures.items())
        self.table.setRowCount(len(rows))
        prev = self.previous.results if self.previous is not None else {}
        for r, (code, value) in enumerate(rows):
            m = measure(code)
            now = f"{i18n.num(value, m.digits)} {m.display_unit}".replace(" °", "°").strip() if scored else w("not_scored")
            # a stored figure outside the plausible range (a record written before it was checked)
            # is no result to compare with: "not scored", as a new one is in the Now cell
            if code not in prev:
                before = "–"
            elif m.allows(prev[code]):
                before = f"{i18n.num(prev[code], m.digits)} {m.display_unit}".replace(" °", "°").strip()
            else:
                before = w("not_scored")
            cells = [m.label(lang), now, before]
            if self.previous is not None and code in prev:
                cells[2] += f"  ({self.previous.performed.astimezone().strftime('%d-%m-%Y %H:%M')})"
            ref = self.reference
            is_score = code in ("chair_stand_30s_reps", "five_sts_time_s", "tug_time_s")
            if ref is None or not is_score:
                cells.append("–")
            else:
                low, high = (assess_words.plain_number(v, i18n.num) for v in (ref.low, ref.high))
                span = f"≤ {high}" if ref.low is None else f"{low}–{high}"
                cells.append(f"{span} {assess_words.unit_text(ref.unit, tr)}: {assess_words.verdict_text(ref.verdict, tr)}")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _fill_details(self, res: AssessmentResult) -> None:
        # a flag that asks for a value names this panel's field, not the CLI option
        field_names = {"leg_length_m": f"“{w('leg_m')}”"}
        parts = []
        if res.phases and res.test != "trunk-rom":
            parts.append(f"<b>{w('phases')}</b>: " + i18n.sep().join(
                f"{phase_name(p.name)} {i18n.num(p.start_s)}–{i18n.num(p.end_s)} s" for p in res.phases))
        if res.values.get("time_to_fifth_sit_s") is not None:  # 5×STS: for protocols that stop seated
            label = tr(assess_words.FIFTH_SIT)
            parts.append(f"<b>{label[:1].upper() + label[1:]}</b>: {i18n.num(res.values['time_to_fifth_sit_s'])} s")
        flags = "; ".join(f"<span style='color:#b35900'>{assess_words.flag_text(f.code, tr)}</span>"
                          f" <span style='color:#666'>({f.text(tr, i18n.current_language(), field_names)})</span>"
                          for f in res.flags)
        parts.append(f"<b>{w('flags')}</b>: " + (flags or w("no_flags")))
        truth = res.values.get("simulated_truth")
        if truth:
            parts.append(f"<i>{w('truth')}</i>: " + i18n.sep().join(
                f"{assess_words.truth_name(k, tr)} {assess_words.plain_number(v, i18n.num)}" for k, v in truth.items()))
        err = res.values.get("gait_speed_error")
        if err:  # the same sentences as `oefensense assess` prints
            from oefensense.commands.gait_speed_text import gait_speed_sentences

            parts += [f"<small>{line}</small>" for line in gait_speed_sentences(err, tr, i18n.num)]
        if self.reference is not None:
            parts.append(f"<small>{w('reference')}: {self.reference.source_text(i18n.current_language())}</small>")
        parts.append(self.store_message)
        self.details.setText("<br>".join(parts))
