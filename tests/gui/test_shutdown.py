"""The dashboard shuts down deterministically: a closed window removes its event filter and is
deleted (with its children and the patient window) while the QApplication lives, then collected.

Before, three lambdas capturing the window were held by its own menu actions, so it lived until
the interpreter exited and PySide's exit cleanup destroyed it with its wrappers already invalid:
a pyqtgraph ``resizeEvent`` override then ran on a dead object (tests/conftest.py tells how that
crashed the test runner)."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QResizeEvent
from rich.console import Console
from shiboken6 import isValid

from oefensense.demo import run_demo
from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, make_app
from oefensense.gui.run import delete_closed
from oefensense.live.devices import SimulatedDirectory

# Run in the subprocess as `python -c`: the real CLI (`python -m oefensense ...`), plus an exit
# probe registered after PySide's own exit cleanup, so it runs before it (atexit is LIFO).
PROBE = """
import atexit, gc, runpy, sys
import PySide6.QtWidgets
from shiboken6 import isValid

def live_windows():
    from oefensense.gui.app import MainWindow
    from oefensense.gui.patient import PatientView
    alive = [o for o in gc.get_objects() if isinstance(o, (MainWindow, PatientView)) and isValid(o)]
    print(f"live windows at exit: {len(alive)}", file=sys.stderr, flush=True)

atexit.register(live_windows)
sys.argv = ["oefensense"] + sys.argv[1:]
runpy.run_module("oefensense", run_name="__main__")
"""


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """The demo's real recording (one waist sensor), as a session directory to replay."""
    path = tmp_path_factory.mktemp("shutdown") / "real"
    run_demo(speed=None, out=path, console=Console(file=open(os.devnull, "w")), lifting=False, language="en")
    return path


def test_a_closed_window_is_deleted_and_collected(qapp, tmp_path):
    make_app(language="en")
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s")
    win.show()
    win.patient_action.setChecked(True)
    window, view, patient = weakref.ref(win), weakref.ref(win.view), weakref.ref(win.patient)
    viewport = win.view.lifts.viewport()
    calls: list[int] = []
    win.view._share_lifts_width = lambda: calls.append(1)  # what the view's eventFilter calls on a resize
    QCoreApplication.sendEvent(viewport, QResizeEvent(QSize(300, 200), QSize(200, 200)))
    assert calls == [1]  # the filter is installed while the window is open

    win.close()
    QCoreApplication.sendEvent(viewport, QResizeEvent(QSize(310, 200), QSize(300, 200)))
    assert calls == [1]  # closed: the filter is gone before anything is torn down
    delete_closed(win)  # what `oefensense gui` does once its window closed
    assert not isValid(win) and not isValid(viewport) and not isValid(win.patient)  # C++ deleted, app alive
    assert win.exit_code == 0  # what run() returns after the loop: Python state, still readable
    del win, viewport
    gc.collect()
    assert window() is None and view() is None and patient() is None


def test_menu_actions_work_without_lambdas(qapp, tmp_path):
    """The actions that held lambdas (full screen, sound, language) now call methods."""
    make_app(language="en")
    win = MainWindow(directory=SimulatedDirectory(1, 100.0, duration_s=5.0), sessions_dir=tmp_path / "s")
    try:
        win.sound_action.setChecked(False)
        assert win.sound.enabled is False
        win.lang_actions["nl"].trigger()
        assert i18n.current_language() == "nl" and win.lang_actions["nl"].isChecked()
        win.lang_actions["en"].trigger()
        assert i18n.current_language() == "en"
        win.fullscreen_action.trigger()
        assert win.patient_action.isChecked() and win.patient.isVisible()
    finally:
        i18n.set_language("en")
        win.close()
        delete_closed(win)


@pytest.mark.parametrize("run", range(3))
def test_gui_replay_screenshot_exits_cleanly(session, tmp_path, run):
    """``oefensense gui --replay S --screenshot D`` as a user runs it: exit 0, the PNGs, nothing
    on stderr about an override or a traceback, and no window left for PySide's exit cleanup."""
    shots = tmp_path / "shots"
    p = subprocess.run([sys.executable, "-c", PROBE, "--language", "en", "gui", "--replay", str(session), "--screenshot", str(shots)],
                       capture_output=True, text=True, timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert p.returncode == 0, p.stderr
    assert "Error calling Python override" not in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert "live windows at exit: 0" in p.stderr, p.stderr
    assert sorted(x.name for x in shots.iterdir()) == ["patient.png", "therapist.png"]


def test_gui_demo_screenshot_exits_cleanly(tmp_path):
    """The live path (``--demo``: simulated wearables over the fake radio, engine thread running)."""
    p = subprocess.run([sys.executable, "-c", PROBE, "--language", "en", "gui", "--demo", "--screenshot", str(tmp_path)],
                       capture_output=True, text=True, timeout=240, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert p.returncode == 0, p.stderr
    assert "Error calling Python override" not in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert "live windows at exit: 0" in p.stderr, p.stderr
    assert (tmp_path / "therapist.png").stat().st_size > 10_000


def test_gui_demo_ended_by_sigterm_exits_cleanly(tmp_path):
    """The event-loop path: the live dashboard, closed by SIGTERM like its close button."""
    p = subprocess.Popen([sys.executable, "-c", PROBE, "--language", "en", "gui", "--demo", "--sessions-dir", str(tmp_path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        time.sleep(10.0)  # the window is up and the simulated wearables stream
        assert p.poll() is None, p.communicate()
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, err
    assert "SIGTERM" in out, out
    assert "Error calling Python override" not in err and "Traceback" not in err, err
    assert "live windows at exit: 0" in err, err
