"""The dashboard's feedback-plan editor (File → Feedback plan…): the plan file's rules, cue,
timing, quiet hours, daily cap and baseline in one small dialog. It edits the same TOML file
``record --feedback`` reads (``oefensense.analysis.feedback_plan``); every change is validated
by the same code, and a problem shows as the same one-line error under the form."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from oefensense.analysis.feedback_plan import MODALITIES, RULES, WHEN, FeedbackPlan, PlanError, load_plan, plan_from_dict, plan_to_toml

from .i18n import tr
from .words import word


class FeedbackPlanEditor(QDialog):
    """Edit a feedback plan; ``plan()`` is the validated plan (PlanError if the form is not)."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None, plan: FeedbackPlan | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Feedback plan"))
        self.path = path
        grid = QGridLayout()
        for c, head in enumerate((tr("Rule"), tr("On"), tr("Threshold"), tr("Cue"), tr("When"))):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, c)
        self.rows: dict[str, tuple[QCheckBox, QDoubleSpinBox, QComboBox, QComboBox]] = {}
        for r, (name, spec) in enumerate(RULES.items(), start=1):
            on, value, cue, when = QCheckBox(), QDoubleSpinBox(), QComboBox(), QComboBox()
            value.setRange(0.0, 86_400.0 if spec.threshold_key.endswith("_s") else 180.0)
            value.setSuffix(" s" if spec.threshold_key.endswith("_s") else "°")
            value.setDecimals(0)  # whole seconds and degrees ("1800 s", not "1800.00 s"); see set_plan
            value.setValue(spec.default)
            for m in MODALITIES:
                cue.addItem(word("plan", m), m)
            for w in WHEN:
                when.addItem(word("plan", w), w)
            for c, widget in enumerate((QLabel(word("plan", name)), on, value, cue, when)):
                grid.addWidget(widget, r, c)
            self.rows[name] = (on, value, cue, when)
        n = len(RULES) + 1
        self.quiet_on, self.quiet_from, self.quiet_to = QCheckBox(tr("Quiet hours")), QTimeEdit(QTime(22, 0)), QTimeEdit(QTime(7, 0))
        grid.addWidget(self.quiet_on, n, 0)
        grid.addWidget(QLabel(tr("from")), n, 1)
        grid.addWidget(self.quiet_from, n, 2)
        grid.addWidget(QLabel(tr("to")), n, 3)
        grid.addWidget(self.quiet_to, n, 4)
        self.cap, self.baseline = QSpinBox(), QDoubleSpinBox()
        self.cap.setRange(0, 1000)
        self.baseline.setRange(0.0, 7 * 24 * 60.0)
        self.baseline.setDecimals(1)  # minutes; a plan's baseline_s in seconds keeps 6-s steps
        grid.addWidget(QLabel(tr("Daily cap (0 = none)")), n + 1, 0, 1, 2)
        grid.addWidget(self.cap, n + 1, 2)
        grid.addWidget(QLabel(tr("Baseline without cues (min)")), n + 2, 0, 1, 2)
        grid.addWidget(self.baseline, n + 2, 2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.use_button = buttons.addButton(tr("Use this plan"), QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.accept)
        self.open_button = buttons.addButton(tr("Open…"), QDialogButtonBox.ActionRole)
        self.save_button = buttons.addButton(tr("Save…"), QDialogButtonBox.ActionRole)
        # methods, not lambdas: a lambda capturing the dialog, held by its own buttons, kept it
        # alive until PySide's exit cleanup (tests/gui/test_widget_lifetime.py)
        self.open_button.clicked.connect(self._open_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for on, value, cue, when in self.rows.values():
            for signal in (on.toggled, value.valueChanged, cue.currentIndexChanged, when.currentIndexChanged):
                signal.connect(self.check)
        for signal in (self.quiet_on.toggled, self.quiet_from.timeChanged, self.quiet_to.timeChanged,
                       self.cap.valueChanged, self.baseline.valueChanged):
            signal.connect(self.check)
        if plan is not None:
            self.set_plan(plan)
        if path is not None and path.exists():
            self.load(path)
        self.check()

    # -- form <-> plan ------------------------------------------------------------------------
    def data(self) -> dict:
        rules = {}
        for name, (on, value, cue, when) in self.rows.items():
            rules[name] = {"enabled": on.isChecked(), RULES[name].threshold_key: value.value(),
                           "cue": cue.currentData(), "when": when.currentData()}
        d: dict = {"rules": rules, "baseline_s": round(self.baseline.value() * 60.0, 1)}
        if self.quiet_on.isChecked():
            d["quiet_hours"] = [self.quiet_from.time().toString("HH:mm"), self.quiet_to.time().toString("HH:mm")]
        if self.cap.value():
            d["daily_cap"] = self.cap.value()
        return d

    def plan(self) -> FeedbackPlan:
        return plan_from_dict(self.data(), source=tr("Feedback plan"))

    def set_plan(self, plan: FeedbackPlan) -> None:
        for name, (on, value, cue, when) in self.rows.items():
            rule = plan.rules.get(name)
            on.setChecked(rule is not None and rule.enabled)
            if rule is not None:
                # a plan file's fractional threshold is shown and kept as it is, not rounded
                value.setDecimals(0 if float(rule.threshold).is_integer() else 2)
                value.setValue(rule.threshold)
                cue.setCurrentIndex(cue.findData(rule.cue))
                when.setCurrentIndex(when.findData(rule.when))
        self.quiet_on.setChecked(plan.quiet_hours is not None)
        if plan.quiet_hours is not None:
            self.quiet_from.setTime(QTime.fromString(plan.quiet_hours[0], "HH:mm"))
            self.quiet_to.setTime(QTime.fromString(plan.quiet_hours[1], "HH:mm"))
        self.cap.setValue(plan.daily_cap or 0)
        self.baseline.setValue(plan.baseline_s / 60.0)

    def check(self) -> bool:
        try:
            self.plan()
        except PlanError as exc:
            self.status.setText(f"<span style='color:#b00020'>{html.escape(exc.text(tr))}</span>")
            self.save_button.setEnabled(False)
            self.use_button.setEnabled(False)
            return False
        self.status.setText(tr("Plan is valid") + (f": {self.path}" if self.path else ""))
        self.save_button.setEnabled(True)
        self.use_button.setEnabled(True)
        return True

    # -- files ------------------------------------------------------------------------------
    def load(self, path: Path) -> None:
        try:
            self.set_plan(load_plan(path))
            self.path = path
        except PlanError as exc:
            self.status.setText(f"<span style='color:#b00020'>{html.escape(exc.text(tr))}</span>")

    def save(self, path: Path) -> Path:
        path.write_text(plan_to_toml(self.plan()), encoding="utf-8")
        self.path = path
        self.check()
        return path

    def _open_clicked(self) -> None:
        self._ask_path(save=False)

    def _save_clicked(self) -> None:
        self._ask_path(save=True)

    def _ask_path(self, save: bool) -> None:
        start = str(self.path or Path.home() / "feedback-plan.toml")
        if save:
            name, _ = QFileDialog.getSaveFileName(self, tr("Save…"), start, "TOML (*.toml)")
            if name:
                self.save(Path(name))
        else:
            name, _ = QFileDialog.getOpenFileName(self, tr("Open…"), start, "TOML (*.toml)")
            if name:
                self.load(Path(name))
