"""The patient view: large, plain feedback — posture, sitting time, stand-up prompt, last lift."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from oefensense.live import LiveSnapshot
from oefensense.live.viewmodel import PatientState, format_clock, patient_state
from oefensense.live.vocab import posture_colour

from .i18n import current_language, tr
from .words import word

RATING_COLOURS = {"good": "#047857", "fair": "#B45309", "poor": "#B45309", "not_rated": "#6B7280"}  # not rated: muted grey


def _label(size_pt: int, weight: int = 400) -> QLabel:
    lab = QLabel()
    lab.setAlignment(Qt.AlignCenter)
    lab.setWordWrap(True)
    lab.setStyleSheet(f"font-size: {size_pt}pt; font-weight: {weight};")
    return lab


class PatientView(QWidget):
    """Second window (or full screen). ``state`` holds what it shows, for tests."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("patient")
        self.setMinimumSize(720, 540)
        self.caption = _label(18)
        self.caption.setStyleSheet("font-size: 18pt; color: #6B7280;")
        self.posture = _label(48, 600)
        self.sitting = _label(26)
        self.prompt = _label(26, 600)
        self.prompt.setStyleSheet("font-size: 26pt; font-weight: 600; color: #7C2D12; background: #FDE7C8; border-radius: 16px; padding: 18px;")
        self.prompt.hide()
        # a feedback plan's screen message (cue = "message"), in the patient's language
        self.message = _label(24, 600)
        self.message.setStyleSheet("font-size: 24pt; font-weight: 600; color: #1E3A8A; background: #DBEAFE; border-radius: 16px; padding: 16px;")
        self.message.hide()
        self.lift_caption = _label(16)
        self.lift_caption.setStyleSheet("font-size: 16pt; color: #6B7280;")
        self.lift = _label(30, 600)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setStyleSheet("color: #D9DEE5;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 36, 48, 36)
        lay.addStretch(1)
        for w in (self.caption, self.posture, self.sitting, self.prompt, self.message):
            lay.addWidget(w)
        lay.addSpacing(24)
        lay.addWidget(line)
        lay.addSpacing(12)
        lay.addWidget(self.lift_caption)
        lay.addWidget(self.lift)
        lay.addStretch(1)
        self.state: PatientState | None = None
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("OefenSense — patient"))
        self.caption.setText(tr("Now"))
        self.prompt.setText(tr("Time to stand up and move a little"))
        self.lift_caption.setText(tr("Last lift"))
        if self.state is not None:
            self._show(self.state)

    def update_from(self, snap: LiveSnapshot) -> None:
        state = patient_state(snap)
        if state != self.state:
            self.state = state
            self._show(state)

    def _show(self, s: PatientState) -> None:
        known = s.posture != "unknown"
        self.caption.setVisible(known)
        self.posture.setText(word("patient_posture", s.posture) if known else "–")
        self.posture.setStyleSheet(f"font-size: 48pt; font-weight: 600; color: {posture_colour(s.posture) if s.posture != 'unknown' else '#6B7280'};")
        # the therapist's clock (format_clock of the same sitting_s): both views show one figure
        self.sitting.setText(tr("Sitting for %1 without a break").replace("%1", format_clock(s.sitting_s)) if s.sitting_s > 0 else "")
        message = s.message_nl if current_language() == "nl" else s.message_en
        # the plan's own words to stand up replace the dashboard's (one prompt, not two alike)
        self.prompt.setVisible(s.prompt and not (message and s.message_rule == "prolonged_sitting"))
        self.message.setText(message)
        self.message.setVisible(bool(message))
        if s.lift_cue is None:
            self.lift.setText(tr("No lifts yet"))
            self.lift.setStyleSheet("font-size: 30pt; font-weight: 600; color: #6B7280;")
        else:
            self.lift.setText(word("cue", s.lift_cue))
            self.lift.setStyleSheet(f"font-size: 30pt; font-weight: 600; color: {RATING_COLOURS.get(s.lift_rating or '', '#1F2933')};")
