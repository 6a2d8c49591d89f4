"""What the dashboard shows when sensors misbehave: one that is never found, one that drops out
and comes back (fresh-eyes audit of 3 Dec 2026). Real Qt offscreen, the simulated radio."""

from __future__ import annotations

import pytest

from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, make_app
from oefensense.live.devices import SimulatedBleDirectory


@pytest.fixture()
def app(qapp):
    make_app(language="en")
    yield qapp
    i18n.set_language("en")


def test_a_sensor_that_is_never_found_stops_the_stream_and_says_so(app, qtbot, tmp_path):
    # the pelvis sensor is out of range from the start: the BLE source gives up after its scan.
    # The window said "Streaming" for ever, with Record enabled and empty plots.
    directory = SimulatedBleDirectory(("polar=trunk", "metawear=pelvis"), speed=20.0, dropouts=["metawear:0:1000"])
    win = MainWindow(directory=directory, sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: not win.controller.running, timeout=20000)
    win.tick()
    message = win.statusBar().currentMessage()
    assert message.startswith("The stream stopped:") and "not found" in message
    assert not win.view.record_btn.isEnabled()
    assert win.view.sensors.connect_btn.isEnabled() and not win.view.sensors.disconnect_btn.isEnabled()
    win.close()
