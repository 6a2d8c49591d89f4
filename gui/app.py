"""The dashboard window: wires the therapist and patient views to a live run or a replay.

The engine runs on its own thread (:class:`~oefensense.live.controller.LiveController`); this
window only draws. A ~30 fps ``QTimer`` pulls one snapshot and hands it to both views. Closing
the window stops the stream, which finalises a running recording.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QMessageBox

from oefensense.core.types import Placement
from oefensense.live import LiveSettings, LiveSnapshot
from oefensense.live.calibration import CalibrationRun
from oefensense.live.controller import LiveController, SessionMeta, new_session_path
from oefensense.live.devices import BleDirectory, DeviceDirectory
from oefensense.live.replay import ReplayModel
from oefensense.live.viewmodel import CueTracker, format_clock
from oefensense.session import SessionError

from . import i18n, theme
from .collector import collect_on_gui_thread
from .i18n import tr
from .patient import PatientView
from .feedback_editor import FeedbackPlanEditor  # (also adds its Dutch texts)
from .sound import SoundCue
from .platform_check import check_display_libraries
from .therapist import TherapistView

FRAME_MS = 30  # ~33 fps, so that timer jitter still leaves >= 30 drawn frames per second
FRAME_TIMES_KEPT = 4096  # drawn-frame times kept for the benchmark (~2 min at 33 fps)


def default_sessions_dir() -> Path:
    return Path.home() / "OefenSense" / "sessions"


class MainWindow(QMainWindow):
    """Therapist window (+ patient window). Either ``controller`` (live) or ``replay`` drives it."""

    def __init__(
        self,
        directory: DeviceDirectory | None = None,
        settings: LiveSettings | None = None,
        sessions_dir: Path | None = None,
        pipeline_settings: Any = None,
        posture_names: Any = None,
        pipeline_factory: Any = None,
        database: str | None = None,
        patient: str | None = None,
        feedback_plan: Any = None,
    ) -> None:
        super().__init__()
        self.pipeline_factory = pipeline_factory
        self.live_settings = settings or LiveSettings()
        self.directory = directory or BleDirectory()
        self.sessions_dir = Path(sessions_dir) if sessions_dir else default_sessions_dir()
        self.controller = LiveController(self.live_settings, pipeline_settings, posture_names=posture_names,
                                         pipeline_factory=pipeline_factory, feedback_plan=feedback_plan)
        self.calibration = CalibrationRun()
        self.controller.extra_sinks.append(self.calibration)
        self.wizard = None
        self.replay: ReplayModel | None = None
        self.view = TherapistView(self.live_settings.window_s)
        self.setCentralWidget(self.view)
        self.patient = PatientView()
        self.sound = SoundCue(enabled=True)
        self.cues = CueTracker(feedback_plan)
        # perf_counter of the last drawn frames (benchmark); a list grew by 33 a second for as
        # long as the window was open (~30 MB in an 8-hour workplace session)
        self.frame_times: deque[float] = deque(maxlen=FRAME_TIMES_KEPT)
        self.problems: list[str] = []  # what could not be done (stopping, closing a recording)
        self.on_draw = None  # optional callback(snapshot) after each draw
        self._last_tick = time.perf_counter()
        self._connect()
        self._menus()
        from .history import RecordHooks  # the patient's record: menus, registering recordings

        self.record_hooks = RecordHooks(self, database, patient)
        self.resize(1440, 860)
        self._set_can_record(False)  # nothing to record until a sensor streams
        self._preparing = False  # the status bar says the kernels are being compiled
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate()

    # ----------------------------------------------------------------- wiring
    def _connect(self) -> None:
        v = self.view
        v.sensors.scanRequested.connect(self.scan)
        v.sensors.connectRequested.connect(self.connect_sensors)
        v.sensors.disconnectRequested.connect(self.disconnect_sensors)
        v.sensors.calibrateRequested.connect(self.open_calibration)
        v.recordToggled.connect(self._record)
        v.markerRequested.connect(self.add_marker)
        v.replay_bar.playToggled.connect(self._play)
        v.replay_bar.speedChanged.connect(self._speed)
        v.replay_bar.seekRequested.connect(self._seek)

    def _menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.open_action = QAction(self, triggered=self._open_dialog)
        self.quit_action = QAction(self, triggered=self.close)
        self.feedback_action = QAction(self, triggered=self.edit_feedback_plan)
        self.file_menu.addActions([self.open_action, self.feedback_action, self.quit_action])
        self.view_menu = mb.addMenu("")
        self.patient_action = QAction(self, checkable=True, toggled=self._toggle_patient)
        # bound methods, not lambdas: a lambda capturing self, held by the window's own action,
        # kept the window alive until PySide's exit cleanup destroyed it on invalid wrappers
        self.fullscreen_action = QAction(self, triggered=self._patient_full_screen)
        self.sound_action = QAction(self, checkable=True, checked=True, toggled=self._sound_toggled)
        self.view_menu.addActions([self.patient_action, self.fullscreen_action, self.sound_action])
        self.lang_menu = mb.addMenu("")
        group = QActionGroup(self)
        group.triggered.connect(self._language_chosen)
        self.lang_actions = {}
        for code, name in (("en", "English"), ("nl", "Nederlands")):
            act = QAction(name, self, checkable=True)
            act.setData(code)
            act.setChecked(i18n.current_language() == code)
            group.addAction(act)
            self.lang_menu.addAction(act)
            self.lang_actions[code] = act

    def _patient_full_screen(self) -> None:
        self.patient.showFullScreen()
        self.patient_action.setChecked(True)

    def _sound_toggled(self, on: bool) -> None:
        self.sound.enabled = on

    def _language_chosen(self, action: QAction) -> None:
        self.set_language(str(action.data()))

    def edit_feedback_plan(self) -> None:
        """The feedback-plan editor (its own file: ``feedback_editor.py``), showing the running
        plan; "Use this plan" runs the edited plan (at once, or from the next start while live)."""
        editor = FeedbackPlanEditor(self, plan=self.controller.feedback_plan)
        try:
            if editor.exec() == QDialog.Accepted:
                self.use_feedback_plan(editor.plan())
        finally:
            editor.deleteLater()  # a child of the window: each use left a hidden editor until it closed

    def use_feedback_plan(self, plan: Any) -> None:
        now = self.controller.set_feedback_plan(plan)
        if now:
            self.cues.set_plan(plan)
        self.statusBar().showMessage(tr("Feedback plan in use") if now else tr("The feedback plan applies from the next start"))

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("OefenSense — therapist"))
        self.file_menu.setTitle(tr("&File"))
        self.open_action.setText(tr("Open session…"))
        self.feedback_action.setText(tr("Feedback plan…"))
        self.quit_action.setText(tr("Quit"))
        self.view_menu.setTitle(tr("&View"))
        self.patient_action.setText(tr("Patient view"))
        self.fullscreen_action.setText(tr("Patient view full screen"))
        self.sound_action.setText(tr("Sound cues"))
        self.lang_menu.setTitle(tr("&Language"))
        if hasattr(self, "record_hooks"):
            self.record_hooks.retranslate()

    def set_language(self, code: str) -> None:
        i18n.set_language(code)
        QSettings("OefenSense", "dashboard").setValue("language", code)
        self.lang_actions[code].setChecked(True)

    def _toggle_patient(self, on: bool) -> None:
        if on and not self.patient.isVisible() and not self.patient.isFullScreen():
            self.place_patient_window()
        self.patient.setVisible(on)

    def place_patient_window(self) -> None:
        """The patient window on a second screen when there is one, else beside the therapist
        window (narrowing it if needed): without a window manager both would open at 0,0."""
        screens = QApplication.screens()
        here = self.screen() or QApplication.primaryScreen()
        other = next((sc for sc in screens if sc is not here), None)
        if other is not None:
            self.patient.setGeometry(other.availableGeometry())
            return
        main, patient = side_by_side(here.availableGeometry(), self.frameGeometry(), self.patient.minimumSize())
        self.setGeometry(main)
        self.patient.setGeometry(patient)

    def _set_can_record(self, on: bool) -> None:
        """Record works only while sensors stream (and never in replay); the tooltip says why not."""
        btn = self.view.record_btn
        btn.setEnabled(on or btn.isChecked())
        btn.setToolTip("" if on else tr("Connect a sensor first"))

    # ----------------------------------------------------------------- live
    def scan(self) -> None:
        """Fill the sensor panel; a radio scan runs on a helper thread so the window keeps drawing."""
        self.statusBar().showMessage(tr("Scanning…"))
        if not getattr(self.directory, "scan_is_slow", False):
            self._scanned(self.directory.scan())
            return
        self.view.sensors.scan_btn.setEnabled(False)
        result: list = []

        def work() -> None:
            try:
                result.append(self.directory.scan())
            except Exception as exc:  # no adapter, BlueZ down...: shown, not raised
                result.append(exc)

        th = threading.Thread(target=work, name="oefensense-scan", daemon=True)
        th.start()

        def poll() -> None:
            if th.is_alive():
                QTimer.singleShot(100, poll)
                return
            self.view.sensors.scan_btn.setEnabled(True)
            if isinstance(result[0], Exception):
                self.statusBar().showMessage(scan_error_text(result[0]))
            else:
                self._scanned(result[0])

        QTimer.singleShot(100, poll)

    def _scanned(self, found: list) -> None:
        self.view.sensors.set_found(found)
        self.statusBar().showMessage(tr("%n sensor(s) found", None, len(found)))

    def connect_sensors(self, selection: list | None = None) -> None:
        """Start streaming the selected sensors (all scanned ones by default)."""
        self.stop_replay()
        if selection is None:
            selection = self.view.sensors.selection()
        try:
            factory = self.directory.source_factory(selection)
            self.controller.cue_language = i18n.current_language()  # a plan's notifications
            self.controller.start(factory, runtime=bool(getattr(self.directory, "is_async", False)))
            self.cues.set_plan(self.controller.feedback_plan)  # a plan set while live applies now
        except Exception as exc:  # a bad selection must not take the window down
            QMessageBox.warning(self, "OefenSense", error_text(exc))
            return
        self.cues.reset()
        self.view.sensors.set_connected(True)
        self._set_can_record(True)
        self.statusBar().showMessage(tr("Streaming"))

    def open_calibration(self) -> None:
        """The guided calibration over the streaming sensors (non-modal; the plots keep drawing)."""
        from .calibration import CalibrationWizard

        try:
            self.wizard = CalibrationWizard(self.calibration, self.sessions_dir.parent / "calibration", self)
        except RuntimeError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.wizard.show()

    def disconnect_sensors(self) -> None:
        if self.view.record_btn.isChecked():
            self.view.record_btn.setChecked(False)
        problems = self.controller.stop()
        self.view.sensors.set_connected(False)
        self._set_can_record(False)
        self._show_closed_recordings()
        if problems:
            self._report_problem("; ".join(problems))
        else:
            self.statusBar().showMessage(tr("Stopped"))

    def _record(self, on: bool) -> None:
        if on:
            code = self.view.patient_code.text().strip()
            try:
                meta = SessionMeta(code, self.view.assessment.currentData(),
                                   source=getattr(self.directory, "source_kind", ""))
                meta.to_dict()  # validates the patient code
                path = new_session_path(self.sessions_dir, code, datetime.now().strftime("%Y%m%d-%H%M%S"))
                path = self.controller.start_recording(path, meta)
            except (ValueError, OSError, RuntimeError) as exc:  # invalid code, unwritable folder
                self._report_problem(error_text(exc))
                self.view.record_btn.blockSignals(True)
                self.view.record_btn.setChecked(False)
                self.view.record_btn.blockSignals(False)
                self.view._record_toggled(False)
                return
            self.view.record_status.setText(tr("Recording to %1").replace("%1", str(path)))
        else:
            path = self.controller.stop_recording()
            if path is not None:
                self.view.record_status.setText(tr("Saving recording: %1").replace("%1", str(path)))
                self.record_hooks.recording_saved(path, list(self.controller.recorder._closers))

    def _show_closed_recordings(self) -> None:
        """Say when a recording has been closed and compacted, or that it could not be."""
        for closed in self.controller.recorder.finished():
            if closed.ok:
                self.view.record_status.setText(tr("Recording saved: %1").replace("%1", str(closed.path)))
            else:
                self._report_problem(closed.message())

    def _report_problem(self, message: str) -> None:
        """Shown in the status bar and the recording panel, and on stderr; the window exits 1."""
        import sys

        self.problems.append(message)
        self.statusBar().showMessage(message)
        self.view.record_status.setText(message)
        print(f"error: {message}", file=sys.stderr, flush=True)

    def add_marker(self, note: str) -> None:
        if self.replay is not None:
            self.replay.add_marker(note)
        else:
            self.controller.add_marker(note)

    # ----------------------------------------------------------------- replay
    def open_replay(self, replay: ReplayModel) -> None:
        """Show a replay (see :func:`load_session_replay`)."""
        if self.controller.running:
            self.disconnect_sensors()
        self.replay = replay
        self.cues.reset()
        self.view.replay_bar.show()
        warnings = list(getattr(replay, "warnings", []))
        self.view.replay_bar.show_warnings(warnings)
        if warnings:
            self.statusBar().showMessage(warnings[0])
        from oefensense.core.types import SensorInfo
        from oefensense.live.devices import FoundDevice

        patient = replay.meta.get("patient") or {}  # the reader dropped an invalid code (and said so)
        self.view.patient_code.setText(str(patient.get("code", "")) if isinstance(patient, dict) else "")
        idx = self.view.assessment.findData(replay.meta.get("assessment", "free"))
        self.view.assessment.setCurrentIndex(max(idx, 0))
        self.view.patient_code.setEnabled(False)
        self.view.assessment.setEnabled(False)
        infos = [i for i in replay.inputs if isinstance(i, SensorInfo)]
        self.view.sensors.set_found([FoundDevice(i.address or i.sensor_id, i.sensor_id, i.family, i.placement) for i in infos])
        self.view.sensors.setEnabled(False)
        self.view.record_btn.setEnabled(False)
        self.setWindowTitle(tr("OefenSense — therapist") + " — " + tr("Replay"))

    def stop_replay(self) -> None:
        if self.replay is not None:
            self.replay = None
            self.view.replay_bar.show_warnings([])
            self.view.replay_bar.hide()
            self.view.patient_code.setEnabled(True)
            self.view.assessment.setEnabled(True)
            self.view.sensors.setEnabled(True)
            self._set_can_record(self.controller.running)

    def _open_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Open session…"), str(self.sessions_dir))
        if path:
            try:
                model = load_session_replay(Path(path), self.live_settings)
            except (SessionError, OSError, ValueError, KeyError) as exc:
                QMessageBox.warning(self, "OefenSense", replay_error_text(Path(path), exc))
                return
            self.open_replay(model)

    def _play(self, on: bool) -> None:
        if self.replay is not None:
            self.replay.playing = on

    def _speed(self, speed: float) -> None:
        if self.replay is not None:
            self.replay.speed = speed

    def _seek(self, fraction: float) -> None:
        if self.replay is not None:
            self.replay.seek_fraction(fraction)
            self.tick()

    # ----------------------------------------------------------------- drawing
    def current_snapshot(self) -> LiveSnapshot:
        return self.replay.snapshot() if self.replay is not None else self.controller.snapshot()

    def tick(self) -> None:
        """One frame: advance a replay, pull a snapshot, draw both views, play due cues."""
        now = time.perf_counter()
        dt, self._last_tick = now - self._last_tick, now
        if self.replay is not None:
            self.replay.tick(min(dt, 0.25))
            if not self.replay.playing and self.view.replay_bar.play_btn.isChecked():
                self.view.replay_bar.play_btn.setChecked(False)
        snap = self.current_snapshot()
        self.view.update_from(snap)
        if self.patient.isVisible() or self.replay is None:
            self.patient.update_from(snap)
        for cue in self.cues.update(snap):
            self.sound.play(cue)
        if self.replay is not None:
            self.view.replay_bar.show_position(self.replay.fraction, format_clock((self.replay.position_ns - self.replay.start_ns) / 1e9) + " / " + format_clock(self.replay.duration_s))
        self.frame_times.append(now)
        if self.on_draw is not None:
            self.on_draw(snap)
        self._show_closed_recordings()
        self._show_preparing()
        if self.controller.error is not None:
            err, self.controller.error = self.controller.error, None
            self.view.sensors.set_connected(False)
            self._set_can_record(False)
            self.statusBar().showMessage(stopped_text(err))

    def _show_preparing(self) -> None:
        """While the analysis' kernels compile before a live run (a cold numba cache: ~45 s in
        which nothing streams), the status bar says so; "Streaming" again once they are ready.
        Until 5 Dec 2026 only a log line said it."""
        from oefensense.core.jit import compiling

        now = compiling()
        if now == self._preparing:
            return
        self._preparing = now
        self.statusBar().showMessage(tr("Preparing the analysis for first use (about a minute)…") if now
                                     else tr("Streaming"))

    @property
    def exit_code(self) -> int:
        """1 when something could not be stopped or closed (see ``problems``), else 0."""
        return 1 if self.problems else 0

    def closeEvent(self, event) -> None:  # noqa: N802
        """Stop streaming first: the engine closes its sinks, which finalises a recording. What
        could not be closed is reported (stderr, ``problems``) and makes ``exit_code`` 1."""
        self.timer.stop()
        for problem in self.controller.stop():
            self._report_problem(problem)
        self._show_closed_recordings()
        self.patient.close()
        super().closeEvent(event)
        if event.isAccepted():
            self.view.release()  # closed: no Python filter for Qt to call while it is torn down

    def release(self) -> None:
        """Deterministic teardown of a closed window: the patient window and this window (with all
        children) are queued for deletion, to run while the QApplication lives
        (:func:`~oefensense.gui.run.delete_closed`). Left to PySide's exit cleanup, the widget
        tree was destroyed with its Python wrappers already invalid and a pyqtgraph override
        (``resizeEvent``) ran on a dead object. The entry points call this once the window closed."""
        self.view.release()
        self.patient.deleteLater()
        self.deleteLater()


def load_session_replay(path: Path, settings: LiveSettings | None = None, pipeline_settings: Any = None,
                        posture_names: Any = None, pipeline: Any = None) -> ReplayModel:
    """Run a recorded session through the pipeline once (as fast as possible) for replay."""
    from oefensense.engine import Engine
    from oefensense.live.replay import CollectSink
    from oefensense.sources import replay_items

    from oefensense.session import SessionReader

    reader = SessionReader(path)
    sink = CollectSink()
    # A damaged session is shown with what it lost (the CLI refuses it until `repair`).
    Engine(pipeline_settings, [sink], pipeline=pipeline).run(replay_items(path, reader=reader, allow_losses=True))
    model = ReplayModel(sink.outputs, sink.inputs, settings, posture_names)
    model.meta = dict(reader.manifest)
    model.warnings = session_warnings(reader)
    if not sink.outputs.has_samples:
        # an empty session (the sensors never streamed before it stopped) showed empty plots
        # and "0:00 / 0:00" without a word
        model.warnings.append(tr("This session holds no samples: the sensors sent no data before the recording stopped."))
    return model


def session_warnings(reader: Any) -> list[str]:
    """What the dashboard must say about a replayed session: the reader's warnings (crash
    recovery, torn tails, data lost and not repaired) and the losses a repair recorded."""
    from oefensense.session import Loss

    out = [w for w in reader.warnings]
    if reader.losses:
        out.insert(0, tr("Damaged session: run `oefensense repair` to keep the intact data and flag the rest as gaps"))
    out += [tr("Lost (repaired, flagged as a gap): %1").replace("%1", Loss.from_dict(d).worded().text(tr))
            for d in reader.manifest.get("losses", []) if reader.repaired]
    return out


def error_text(exc: BaseException) -> str:
    """An engine or link error in the dashboard's language: a sensor that could not be found or
    started (``SensorUnavailableError``: its sentence and advice are catalogue texts) is
    translated; it was shown as ``str()``, English in a Dutch dashboard. Others as they are."""
    from oefensense.ble.source import SensorUnavailableError
    from oefensense.core.patient import InvalidPatientCode
    from oefensense.core.worded import WordedError

    if isinstance(exc, (SensorUnavailableError, InvalidPatientCode)):
        return exc.text(tr)
    errors = sys.modules.get("oefensense.record.errors")  # the record's sentences ("unknown patient P404 ...")
    if errors is not None and isinstance(exc, errors.WordedError):
        return " ".join(exc.text(tr).split())
    if isinstance(exc, WordedError) and type(exc).text is WordedError.text:
        # the core's wording (an input file's, a session's, a feedback plan's problem), with the
        # language's decimals; a session's was English in Dutch until 5 Dec 2026
        return " ".join(exc.text(tr, decimal_comma=i18n.current_language() == "nl").split())
    return " ".join(str(exc).split()) or type(exc).__name__


def stopped_text(exc: BaseException) -> str:
    """The status bar's sentence when the stream stopped on ``exc``: a sensor error that carries
    its own advice ("move it closer, ...") is not followed by a second ("Check the sensors"),
    only by the way back (press Connect)."""
    from oefensense.ble.source import SensorUnavailableError

    if isinstance(exc, SensorUnavailableError) and exc.kind is not None:
        return tr("The stream stopped: %1. Then press Connect again.").replace("%1", error_text(exc))
    return tr("The stream stopped: %1. Check the sensors and press Connect again.").replace("%1", error_text(exc))


def scan_error_text(exc: BaseException) -> str:
    """One translated sentence that says what to do when a Bluetooth scan fails.

    BlueZ absent (no D-Bus socket: ``FileNotFoundError``) or no adapter (Bleak's "No Bluetooth
    adapters found") is the common case on a laptop without Bluetooth or with it switched off."""
    text = str(exc).lower()
    if isinstance(exc, FileNotFoundError) or "adapter" in text or "bluez" in text or "org.bluez" in text:
        return tr("No Bluetooth adapter found: switch Bluetooth on or plug in an adapter, then press Scan again.")
    if isinstance(exc, PermissionError) or "not authorized" in text or "permission" in text:
        return tr("No permission to use Bluetooth: ask your administrator to allow it, then press Scan again.")
    return tr("Scanning failed (%1): check that Bluetooth is on, then press Scan again.").replace("%1", " ".join(str(exc).split()) or type(exc).__name__)


def replay_error_text(path: Path, exc: BaseException) -> str:
    """One translated sentence when a session cannot be opened for replay."""
    reason = " ".join(str(exc.args[0]).split()) if isinstance(exc, KeyError) and exc.args else error_text(exc)
    return tr("Cannot open %1 for replay (%2): choose a session folder recorded by OefenSense, or run `oefensense repair` on it.") \
        .replace("%1", str(path)).replace("%2", reason)


def side_by_side(screen: "QRect", main: "QRect", patient_min: "QSize") -> tuple["QRect", "QRect"]:
    """Therapist and patient windows next to each other on one screen: the patient window at its
    minimum size at the right edge, the therapist window in the rest (pure geometry, for tests)."""
    from PySide6.QtCore import QRect

    pw = min(patient_min.width(), screen.width())
    ph = min(max(patient_min.height(), screen.height() // 2), screen.height())
    patient = QRect(screen.right() - pw + 1, screen.top(), pw, ph)
    mw = min(main.width(), screen.width() - pw)
    return QRect(screen.left(), screen.top(), mw, min(main.height(), screen.height())), patient


def make_app(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with theme and language (setting, else the system locale).

    Raises :class:`~oefensense.gui.platform_check.DisplayLibrariesMissing` (a message naming the
    packages) instead of letting Qt abort the process when X11 libraries are missing. From here
    on cyclic garbage is collected on this (the GUI) thread only (:mod:`.collector`): the engine
    and helper threads would otherwise finalise Qt objects off their thread and crash the process."""
    if QApplication.instance() is None:
        check_display_libraries()
    app = QApplication.instance() or QApplication(argv or ["oefensense"])
    collect_on_gui_thread(app)
    app.setApplicationName("OefenSense")
    theme.apply(app)
    lang = language or QSettings("OefenSense", "dashboard").value("language") or i18n.system_language()
    i18n.set_language(str(lang) if str(lang) in i18n.LANGUAGES else "en")
    return app


def placements_all(directory: DeviceDirectory) -> list:
    """Every scanned device at its suggested placement (for ``demo --gui``)."""
    return [(d, d.placement) for d in directory.scan()]


__all__ = ["MainWindow", "load_session_replay", "make_app", "placements_all", "Placement"]
