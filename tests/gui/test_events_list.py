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
        win.replay.seek_fraction(0.5)
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
