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


def _pelvis_never_found(qtbot, tmp_path):  # noqa: ANN001, ANN202
    """The dashboard connected to a trunk and a pelvis sensor whose pelvis is out of range from
    the start: (window, its status message once the stream has stopped)."""
    directory = SimulatedBleDirectory(("polar=trunk", "metawear=pelvis"), speed=20.0, dropouts=["metawear:0:1000"])
    win = MainWindow(directory=directory, sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: not win.controller.running, timeout=20000)
    win.tick()
    return win, win.statusBar().currentMessage()


def test_a_sensor_that_is_never_found_stops_the_stream_and_says_so(app, qtbot, tmp_path):
    # the pelvis sensor is out of range from the start: the BLE source gives up after its scan.
    # The window said "Streaming" for ever, with Record enabled and empty plots.
    win, message = _pelvis_never_found(qtbot, tmp_path)
    assert message.startswith("The stream stopped:") and "not found" in message
    assert not win.view.record_btn.isEnabled()
    assert win.view.sensors.connect_btn.isEnabled() and not win.view.sensors.disconnect_btn.isEnabled()
    win.close()


def test_the_stopped_stream_is_explained_in_dutch(app, qtbot, tmp_path):
    """The reason and advice were str() of the error: English ("not found while scanning for
    ... s: pelvis; sensor not found: check it is switched on ...") in a Dutch dashboard."""
    i18n.set_language("nl")
    win, message = _pelvis_never_found(qtbot, tmp_path)
    assert message.startswith("De meting is gestopt: niet gevonden na "), message
    assert "not found" not in message and "check it is" not in message
    # the error's advice ("controleer of hij aan staat, ...") is the advice: no second one after it
    assert "Controleer de sensoren" not in message, message
    assert message.endswith(". Klik daarna opnieuw op Verbinden."), message
    win.close()


def _rate_cell(win: MainWindow, placement: str):
    index = next(i for i, (_, p) in enumerate(win.view.sensors.selection()) if p.value == placement)
    return win.view.sensors.cell(index, "Rate")


def test_a_sensor_that_drops_out_says_no_data_and_streams_again_after(app, qtbot, tmp_path):
    # the thigh sensor is out of range from 8 to 28 s: its row showed its last rate (208 Hz),
    # 0,0 % loss and its latency throughout, as if it still streamed
    directory = SimulatedBleDirectory(("polar=trunk", "movesense=thigh"), speed=8.0, dropouts=["movesense:8:20"])
    win = MainWindow(directory=directory, sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: _rate_cell(win, "thigh").text().endswith("Hz"), timeout=20000)
    qtbot.waitUntil(lambda: _rate_cell(win, "thigh").text() == "lost", timeout=20000)
    snap = win.current_snapshot()
    thigh = next(s for s in snap.sensors if s.placement == "thigh")
    # session time (the drop-out's clock), not elapsed_s: that counts from the first sample, which
    # a loaded machine delivered 2.1 s into the session (lost at 9.5 s read as 7.35 s elapsed)
    assert not thigh.receiving and 7.5 < snap.now_ns / 1e9 < 31.0
    assert _rate_cell(win, "trunk").text().endswith("Hz")  # the other sensor streams on
    assert "out of range" in _rate_cell(win, "thigh").toolTip()
    qtbot.waitUntil(lambda: _rate_cell(win, "thigh").text().endswith("Hz"), timeout=30000)
    assert win.current_snapshot().now_ns / 1e9 > 28.0
    win.close()


def test_low_battery_is_shown_in_the_alert_colour_with_what_to_do(app, qtbot):
    from oefensense.core.types import Placement
    from oefensense.gui import theme
    from oefensense.gui.sensors import SensorPanel
    from oefensense.live import LiveSnapshot, SensorStatus
    from oefensense.live.devices import FoundDevice

    panel = SensorPanel()
    qtbot.addWidget(panel)
    panel.set_found([FoundDevice("A", "polar", "polar", Placement.TRUNK), FoundDevice("B", "dot", "dot", Placement.THIGH)])
    panel.update_from(LiveSnapshot(sensors=(SensorStatus("trunk", "trunk", battery_pct=8.0, rate_hz=104.0),
                                            SensorStatus("thigh", "thigh", battery_pct=80.0, rate_hz=60.0))))
    low, ok = panel.cell(0, "Battery"), panel.cell(1, "Battery")
    assert low.text() == "8 %" and low.foreground().color().name().lower() == theme.ALERT.lower()
    assert "charge" in low.toolTip()
    assert ok.text() == "80 %" and ok.toolTip() == ""
    i18n.set_language("nl")
    panel.update_from(LiveSnapshot(seq=1, sensors=(SensorStatus("trunk", "trunk", battery_pct=8.0, receiving=False),
                                                   SensorStatus("thigh", "thigh", battery_pct=80.0, rate_hz=60.0))))
    assert panel.cell(0, "Rate").text() == "weg"
    assert "laad de sensor op" in panel.cell(0, "Battery").toolTip()


def test_a_long_open_window_keeps_bounded_frame_times(app, qtbot, tmp_path):
    # audit 3 Dec 2026: MainWindow.frame_times grew by one float per drawn frame for as long as
    # the window was open (33 a second: ~950,000 in an 8-hour session)
    from oefensense.gui.app import FRAME_TIMES_KEPT

    win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk",)), sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.timer.stop()
    for _ in range(FRAME_TIMES_KEPT + 500):
        win.tick()
    assert len(win.frame_times) == FRAME_TIMES_KEPT
    win.close()


def test_a_negative_latency_is_shown_as_measured(app, qtbot):
    """A negative latency (the timebase still matching the sensor's clock: ~18 s of a simulated
    Polar at --speed 5) read "–", as if there were no figure."""
    from oefensense.core.types import Placement
    from oefensense.gui.sensors import SensorPanel
    from oefensense.live import LiveSnapshot, SensorStatus
    from oefensense.live.devices import FoundDevice

    panel = SensorPanel()
    qtbot.addWidget(panel)
    panel.set_found([FoundDevice("A", "polar", "polar", Placement.TRUNK), FoundDevice("B", "dot", "dot", Placement.THIGH)])
    i18n.set_language("nl")
    panel.update_from(LiveSnapshot(sensors=(SensorStatus("trunk", "trunk", rate_hz=104.0, latency_ms=-138.5),
                                            SensorStatus("thigh", "thigh", rate_hz=60.0, latency_ms=12.0))))
    neg, pos = panel.cell(0, "Latency"), panel.cell(1, "Latency")
    assert neg.text() == "-138 ms" or neg.text() == "−138 ms", neg.text()
    assert "klok van de sensor" in neg.toolTip()
    assert pos.text() == "12 ms" and pos.toolTip() == ""
