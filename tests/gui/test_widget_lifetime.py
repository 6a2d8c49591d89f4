"""The dashboard's widgets are freed when nothing holds them, not kept to PySide's exit cleanup.

A lambda (or a ``functools.partial``) that captures a widget, connected to a signal of the widget's
own child, is held by that connection in C++: a reference cycle the garbage collector cannot see,
so the widget lived until the interpreter exited, where PySide's cleanup destroys what is left
with its wrappers already invalid (the path that crashed the test runner, tests/conftest.py).
A bound method is held weakly. Measured before the change (each widget made without a parent,
its connected signals fired, dropped, ``gc.collect()``): ReplayBar, SensorPanel and
FeedbackPlanEditor were all still alive and valid."""

from __future__ import annotations

import ast
import gc
import weakref
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

GUI = Path(__file__).resolve().parents[2] / "gui"


def _replay_bar():
    from oefensense.gui.therapist import ReplayBar

    bar = ReplayBar()
    got: list = []
    bar.speedChanged.connect(got.append)
    bar.seekRequested.connect(got.append)
    bar.play_btn.setChecked(True)
    assert bar.play_btn.text() == "Pause"  # the play button's own slot ran
    bar.speed.setCurrentIndex(1)
    bar.slider.sliderMoved.emit(250)
    assert got == [float(bar.speed.itemData(1)), 0.25]
    return bar


def _sensor_panel():
    from oefensense.gui.sensors import SensorPanel
    from oefensense.live.devices import SimulatedDirectory

    panel = SensorPanel()
    panel.set_found(SimulatedDirectory(2, 100.0, duration_s=5.0).scan())
    got: list = []
    panel.connectRequested.connect(got.append)
    panel.connect_btn.click()
    assert got == [panel.selection()] and len(got[0]) == 2
    return panel


def _feedback_editor(monkeypatch):
    from oefensense.gui import feedback_editor
    from oefensense.gui.feedback_editor import FeedbackPlanEditor

    asked: list[str] = []
    monkeypatch.setattr(feedback_editor.QFileDialog, "getOpenFileName", lambda *a: asked.append("open") or ("", ""))
    monkeypatch.setattr(feedback_editor.QFileDialog, "getSaveFileName", lambda *a: asked.append("save") or ("", ""))
    editor = FeedbackPlanEditor()
    editor.open_button.click()
    editor.save_button.click()
    assert asked == ["open", "save"]  # each button asks for its own kind of file
    return editor


@pytest.mark.parametrize("make", ["replay_bar", "sensor_panel", "feedback_editor"])
def test_a_dropped_widget_is_collected(qapp, monkeypatch, make):
    from shiboken6 import isValid

    from oefensense.gui.app import make_app

    make_app(language="en")
    widget = {"replay_bar": _replay_bar, "sensor_panel": _sensor_panel,
              "feedback_editor": lambda: _feedback_editor(monkeypatch)}[make]()
    ref = weakref.ref(widget)
    del widget
    gc.collect()
    alive = ref()
    assert alive is None, f"{type(alive).__name__} still alive (C++ valid: {isValid(alive)})"


def test_the_feedback_plan_editor_is_deleted_once_used(qapp, tmp_path, monkeypatch):
    """File → Feedback plan… made a dialog, a child of the window, on every use and left it: three
    uses, three hidden editors until the window was deleted."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    from oefensense.gui.app import MainWindow, make_app
    from oefensense.gui.feedback_editor import FeedbackPlanEditor
    from oefensense.gui.run import delete_closed
    from oefensense.live.devices import SimulatedDirectory

    make_app(language="en")
    monkeypatch.setattr(FeedbackPlanEditor, "exec", lambda self: QDialog.Rejected)  # closed at once
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s")
    try:
        for _ in range(3):
            win.edit_feedback_plan()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert win.findChildren(FeedbackPlanEditor) == []
    finally:
        win.close()
        delete_closed(win)


def _captures(node: ast.AST) -> bool:
    """A lambda, or a ``functools.partial(...)`` call: what a connection would hold strongly."""
    if isinstance(node, ast.Lambda):
        return True
    if isinstance(node, ast.Call):
        f = node.func
        return (isinstance(f, ast.Name) and f.id == "partial") or (isinstance(f, ast.Attribute) and f.attr == "partial")
    return False


def test_no_slot_in_the_dashboard_is_a_lambda_or_a_partial():
    """Every ``.connect(...)`` and every signal keyword (``triggered=``, ``clicked=``, ...) in
    gui/ names a method or a signal. A lambda passed to ``QTimer.singleShot`` is not held past
    its one call and is not looked at."""
    found = []
    for path in sorted(GUI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            args = []
            if isinstance(node.func, ast.Attribute) and node.func.attr == "connect":
                args = node.args
            args += [k.value for k in node.keywords if k.arg in {"triggered", "toggled", "clicked", "timeout", "changed"}]
            found += [f"{path.name}:{a.lineno}" for a in args if _captures(a)]
    assert found == []

