"""A replay's clocks agree: the summary's elapsed time is the bar's position, and at the end the
recording's length (it read 2:27 beside the bar's 2:28: the newest output ends a block before
the cursor)."""

from __future__ import annotations

import os

import pytest
from rich.console import Console

from oefensense.demo import run_demo
from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, load_session_replay, make_app


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clock")
    run_demo(speed=None, out=tmp / "real", console=Console(file=open(os.devnull, "w")), language="en")
    return tmp / "real"


def test_elapsed_is_the_bar_position(qapp, qtbot, tmp_path, session):
    make_app(language="en")
    i18n.set_language("en")
    win = MainWindow(sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.open_replay(load_session_replay(session, win.live_settings))
    for fraction in (0.62, 1.0):
        win.replay.seek_fraction(fraction)
        win.tick()
        position, total = win.view.replay_bar.position.text().split(" / ")
        assert win.view.elapsed.text() == position, fraction
        assert abs(win.current_snapshot().elapsed_s - (win.replay.position_ns - win.replay.start_ns) / 1e9) < 1e-6
    assert position == total
    win.close()


def test_the_timeline_and_the_overview_agree_with_the_bar(qapp, qtbot, tmp_path, session):
    """At the demo replay's 0.62 the timeline's end read 2:27 beside the bar's 2:28 (drawn to the
    analysis's newest output), and the whole-session plot's rotated 'Bekken (°)' was longer than
    the plot is tall (cut to 'Bekken (°'): the angle's name is in the box title now."""
    make_app(language="nl")
    i18n.set_language("nl")
    try:
        win = MainWindow(sessions_dir=tmp_path)
        qtbot.addWidget(win)
        win.open_replay(load_session_replay(session, win.live_settings))
        win.replay.seek_fraction(0.62)
        win.tick()
        position = win.view.replay_bar.position.text().split(" / ")[0]
        assert win.view.timeline.end_text() == position == "2:28"
        overview = win.view.overview
        assert overview.getPlotItem().getAxis("left").labelText == ""
        assert win.view.overview_box.title() == "Hele sessie · Bekken (°)"
        win.close()
    finally:
        i18n.set_language("en")
