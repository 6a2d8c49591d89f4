"""The therapist's event list shows its newest event (Dutch texts wrap onto two lines)."""

from __future__ import annotations

import os

from rich.console import Console

from oefensense.demo import run_demo
from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, load_session_replay, make_app


def test_newest_event_is_visible_when_rows_wrap(qapp, qtbot, tmp_path):
    """Scrolled to the bottom before the wrapped rows were laid out, the list stopped about two
    rows short: the newest lift and its cue were below the visible part (Dutch lifting replay)."""
    run_demo(speed=None, out=tmp_path / "real", lifting_out=tmp_path / "lifting",
             console=Console(file=open(os.devnull, "w")), language="en")
    make_app(language="nl")
    try:
        win = MainWindow(sessions_dir=tmp_path / "rec")
        qtbot.addWidget(win)
        win.open_replay(load_session_replay(tmp_path / "lifting", win.live_settings))
        win.replay.seek_fraction(0.95)  # at 0.5 the list, taller since 4 Dec 2026, held every row
        win.resize(1440, 860)
        win.show()
        win.tick()
        events = win.view.events
        assert events.verticalScrollBar().maximum() > 0  # more rows than fit: the case at hand
        newest = events.visualItemRect(events.item(events.count() - 1))
        assert events.viewport().rect().contains(newest), (newest, events.viewport().rect())
        win.close()
    finally:
        i18n.set_language("en")


def test_a_gap_names_its_sensor(qapp, qtbot, tmp_path):
    """Audit 3 Dec 2026: with three sensors the list said "0:19 No data from the sensor (link_lost)"
    without saying which sensor had dropped out."""
    import numpy as np

    from oefensense.core.types import Event, Placement, SampleBlock, SensorInfo
    from oefensense.live.replay import ReplayModel
    from oefensense.pipeline import PipelineOutput

    infos = [SensorInfo(p.value, p, family="metawear", nominal_rate_hz=100.0) for p in (Placement.TRUNK, Placement.PELVIS)]
    t = np.arange(0, 3000, dtype=np.int64) * 10_000_000
    outs = [PipelineOutput(samples=[SampleBlock(i.sensor_id, t, np.tile([0.0, 0.0, 1.0], (t.size, 1))) for i in infos]),
            PipelineOutput(events=[Event("gap", 19_980_000_000, 25_000_000_000, {"reason": "link_lost", "recovered": True},
                                         sensor_id="pelvis")])]
    for language, expected in (("en", "0:19  pelvis: No data from the sensor (connection lost)"),
                               ("nl", "0:19  bekken: Geen gegevens van de sensor (verbinding verbroken)")):
        make_app(language=language)
        try:
            win = MainWindow(sessions_dir=tmp_path / "rec")
            qtbot.addWidget(win)
            model = ReplayModel(outs, infos)
            win.open_replay(model)
            model.seek_fraction(1.0)
            win.tick()
            texts = [win.view.events.item(k).text() for k in range(win.view.events.count())]
            assert expected in texts, texts
            win.close()
        finally:
            i18n.set_language("en")


def test_a_live_view_that_records_nothing_does_not_say_recording_started(qapp, qtbot, tmp_path):
    """Audit 3 Dec 2026: connected to sensors without pressing Record, the list's first row was
    '0:00  Recording started 2026-12-04 00:40:49 (Etc/UTC)': the session clock's event, which
    every source gives, was worded as a recording's."""
    from oefensense.live.devices import SimulatedBleDirectory

    make_app(language="en")
    try:
        win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk",), speed=4.0), sessions_dir=tmp_path / "rec")
        qtbot.addWidget(win)
        win.scan()
        win.connect_sensors()
        win.show()

        def clock_listed() -> bool:
            win.tick()
            return any(e.type == "clock" for e in win.current_snapshot().events)

        qtbot.waitUntil(clock_listed, timeout=20000)
        assert not win.view.record_btn.isChecked() and not win.controller.recorder.recording
        rows = {"en": [win.view.events.item(i).text() for i in range(win.view.events.count())]}
        assert not any("Recording" in r for r in rows["en"]), rows
        assert "Session started" in rows["en"][0], rows
        i18n.set_language("nl")
        qtbot.waitUntil(lambda: win.view.events.count() and "Sessie begon" in win.view.events.item(0).text(), timeout=3000)
        rows["nl"] = [win.view.events.item(i).text() for i in range(win.view.events.count())]
        assert not any("Opname" in r for r in rows["nl"]), rows
        win.close()
    finally:
        i18n.set_language("en")
