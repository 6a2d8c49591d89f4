"""The calibration wizard: large prompt, step and overall progress, driven by the guided
``AlignmentProcedure`` through :class:`~oefensense.live.calibration.CalibrationRun`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from oefensense.live.calibration import CalibrationRun

from . import i18n
from .i18n import tr


class CalibrationWizard(QDialog):
    """Polls the run every 100 ms; on success saves the profiles into ``store_dir``."""

    def __init__(self, run: CalibrationRun, store_dir: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.run = run
        self.store_dir = store_dir
        self.profiles: dict = {}
        self.setWindowTitle(tr("Calibration wizard"))
        self.setMinimumWidth(520)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignCenter)
        self.prompt.setStyleSheet("font-size: 16pt; font-weight: 600; padding: 12px;")
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setAlignment(Qt.AlignCenter)
        self.step_bar = QProgressBar()
        self.step_bar.setTextVisible(False)
        self.overall_bar = QProgressBar()
        self.cancel_btn = QPushButton(tr("Cancel"))
        self.done_btn = QPushButton(tr("Done"))
        self.done_btn.setObjectName("primary")
        self.done_btn.setEnabled(False)
        self.cancel_btn.clicked.connect(self.reject)
        self.done_btn.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_btn)
        buttons.addWidget(self.done_btn)
        lay = QVBoxLayout(self)
        for w in (self.prompt, self.hint, self.step_bar, self.overall_bar):
            lay.addWidget(w)
        lay.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.poll)
        run.start()
        self.poll()
        self.timer.start()

    def poll(self) -> None:
        st = self.run.status()
        if st is None:
            return
        lang = i18n.current_language()
        self.step_bar.setValue(int(100 * st.step_progress))
        self.overall_bar.setValue(int(100 * st.overall_progress))
        # the procedure's hints are English keys (the CLI's calibrate lists them for the catalogue):
        # the Dutch wizard said "bend further forward" under a Dutch prompt
        self.hint.setText(tr(st.hint) if st.hint else "")
        if st.step.value == "failed":
            self.timer.stop()
            self.prompt.setText(tr("Calibration failed: %1").replace("%1", st.error))
        elif st.step.value == "done":
            self.timer.stop()
            self.profiles = self.run.finish(self.store_dir)
            panel = getattr(self.parent(), "view", None)
            if panel is not None:  # mark them calibrated in the sensor panel
                panel.sensors.calibrated = set(panel.sensors.calibrated) | set(self.profiles)
            self.prompt.setText(tr("Calibration finished"))
            self.done_btn.setEnabled(True)
        else:
            self.prompt.setText(st.prompt(lang))

    def reject(self) -> None:
        self.timer.stop()
        if self.run.active:
            self.run.cancel()
        super().reject()
