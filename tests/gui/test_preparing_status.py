"""The dashboard's status bar says the analysis is being prepared while its kernels compile before
a live run (a cold numba cache, ~45 s in which nothing streams), and "Streaming" once they are
ready; until 5 Dec 2026 only a log line said it. The compile is replaced by a 2-s wait (the test
machine's cache is warm); the rest is the real window on simulated wearables."""

from __future__ import annotations

import os
import time

import pytest

from oefensense.ble import source as ble_source
from oefensense.core import jit
from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, make_app
from oefensense.live import LiveSettings
from oefensense.live.devices import SimulatedBleDirectory

NL = "De analyse wordt voorbereid voor het eerste gebruik (ongeveer een minuut)…"


@pytest.fixture()
def app_nl(qapp):
    make_app(language="nl")
    yield qapp
    i18n.set_language("en")


def test_status_bar_says_it_while_the_kernels_compile(app_nl, qtbot, tmp_path, monkeypatch):
    def compile_kernels(placements=None, seconds=240.0) -> float:  # noqa: ANN001
        time.sleep(2.0)
        return 2.0

    monkeypatch.setattr(jit, "ready_kernels", lambda: (0, 12))
    monkeypatch.setattr(ble_source, "compile_kernels", compile_kernels)
    win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk",), speed=4.0), sessions_dir=tmp_path,
                     settings=LiveSettings())
    qtbot.addWidget(win)
    win.show()
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == NL, timeout=10000)
    shots = os.environ.get("OEFENSENSE_SHOTS")  # a picture to look at: OEFENSENSE_SHOTS=dir
    if shots:
        win.grab().save(os.path.join(shots, "preparing-nl.png"))
    qtbot.waitUntil(lambda: not jit.compiling(), timeout=10000)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == i18n.tr("Streaming"), timeout=5000)
    win.disconnect_sensors()
    win.close()


def test_nothing_said_with_a_warm_cache(app_nl, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(jit, "ready_kernels", lambda: (12, 12))
    messages: list[str] = []
    win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk",), speed=4.0), sessions_dir=tmp_path,
                     settings=LiveSettings())
    qtbot.addWidget(win)
    win.statusBar().messageChanged.connect(messages.append)
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: win.current_snapshot().elapsed_s > 2.0, timeout=30000)
    assert NL not in messages, messages
    win.disconnect_sensors()
    win.close()
