"""The dashboard never reports a recording saved that was not closed, and a patient code cannot
write outside the sessions folder (issue 15)."""

from __future__ import annotations

import pytest

from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, make_app
from oefensense.live import LiveSettings
from oefensense.live.controller import new_session_path
from oefensense.live.devices import SimulatedDirectory
from oefensense.pipeline import Pipeline
from oefensense.session import SessionReader


@pytest.fixture()
def win(qapp, qtbot, tmp_path):
    make_app(language="en")
    w = MainWindow(directory=SimulatedDirectory(2, 200.0, duration_s=60.0), sessions_dir=tmp_path / "sessions",
                   settings=LiveSettings(), pipeline_factory=lambda: Pipeline(stages=[]))
    qtbot.addWidget(w)
    yield w
    w.close()
    i18n.set_language("en")


@pytest.mark.parametrize("code", ["../../escaped", "..", "a/b", "/tmp/x", "Jan Jansen", "x"])
def test_hostile_patient_code_is_refused_and_nothing_is_written(win, tmp_path, code):
    win.scan()
    win.connect_sensors()
    win.view.patient_code.setText(code)
    win.view.record_btn.setChecked(True)
    assert not win.view.record_btn.isChecked() and not win.controller.recorder.recording
    assert "invalid patient code" in win.statusBar().currentMessage()
    assert win.view.patient_code.isEnabled()  # the therapist can correct it
    written = [p for p in tmp_path.rglob("*") if p.name == "manifest.json"]
    assert written == []


def test_valid_code_records_inside_the_sessions_folder(win, qtbot, tmp_path):
    win.scan()
    win.connect_sensors()
    win.view.patient_code.setText("P-017")
    win.view.record_btn.setChecked(True)
    qtbot.waitUntil(lambda: win.current_snapshot().now_ns > 300_000_000, timeout=8000)
    win.view.record_btn.setChecked(False)
    qtbot.waitUntil(lambda: "Recording saved" in win.view.record_status.text(), timeout=10000)
    path = win.controller.recorder.last_path
    assert path.parent == (tmp_path / "sessions").resolve() and path.name.startswith("P-017-")
    r = SessionReader(path)
    assert r.closed and r.compacted and r.manifest["patient"] == {"code": "P-017"}


def test_a_recording_that_cannot_be_closed_is_reported_and_exits_1(win, qtbot, monkeypatch):
    from oefensense.sinks import RecorderSink

    def broken_close(self, pipeline):  # noqa: ANN001 - e.g. the disk filled up while compacting
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RecorderSink, "close", broken_close)
    win.scan()
    win.connect_sensors()
    win.view.record_btn.setChecked(True)
    qtbot.waitUntil(lambda: win.current_snapshot().now_ns > 300_000_000, timeout=8000)
    win.close()
    assert win.exit_code == 1
    assert any("could NOT be closed" in p and "No space left" in p for p in win.problems)
    assert "could NOT be closed" in win.view.record_status.text()


def test_session_path_stays_inside(tmp_path):
    assert new_session_path(tmp_path, "P001", "20260101-0900").parent == tmp_path.resolve()
    assert new_session_path(tmp_path, "", "20260101-0900").name == "session-20260101-0900"
    for code in ("../x", "a/../../b", ".hidden"):
        with pytest.raises(ValueError):
            new_session_path(tmp_path, code, "20260101-0900")
    with pytest.raises(ValueError):
        new_session_path(tmp_path, "P001", "../../x")


def test_replay_shows_the_session_readers_warnings(win, tmp_path):
    """A crashed session with a deleted segment: the dashboard replays what is intact and says
    what was lost; after `repair` it says what the repair flagged."""
    from oefensense.gui.app import load_session_replay
    from oefensense.session import repair_session
    from tests.reliability.helpers import record_demo_session

    s = record_demo_session(tmp_path / "crashed", close=False)
    (s / "segments" / "000003-packets.arrows").unlink()
    win.open_replay(load_session_replay(s, win.live_settings, pipeline=Pipeline(stages=[])))
    text = win.view.replay_bar.warning.text()
    assert win.view.replay_bar.warning.isVisibleTo(win)
    assert "Damaged session" in text and "000003-packets.arrows is missing" in text and "crashed" in text
    assert "Damaged session" in win.statusBar().currentMessage()
    win.stop_replay()
    assert not win.view.replay_bar.warning.isVisibleTo(win)
    repair_session(s)
    win.open_replay(load_session_replay(s, win.live_settings, pipeline=Pipeline(stages=[])))
    text = win.view.replay_bar.warning.text()
    assert "Lost (repaired, flagged as a gap)" in text and "Damaged" not in text


def test_replay_of_a_session_without_samples_says_so(win, tmp_path):
    """Audit 3 Dec 2026: `record --duration 1` with a simulated Polar wrote a session with 0
    samples; its replay showed empty plots and 0:00 / 0:00 without a word."""
    from oefensense.core.types import Placement, RawPacket, SensorInfo
    from oefensense.gui.app import load_session_replay
    from oefensense.session import SessionWriter

    # the Polar's control answers arrived, its data did not (what a 1-s recording held)
    writer = SessionWriter(tmp_path / "empty")
    writer.add_sensor(SensorInfo("trunk", Placement.TRUNK, family="polar", nominal_rate_hz=52.0))
    writer.write_packets([RawPacket("trunk", 400_000_000 + k, "fb005c81-02e7-f387-1cad-8acd2d8df0c8", b"\xf0\x02\x02\x00\x00")
                          for k in range(3)])
    writer.close()
    win.open_replay(load_session_replay(tmp_path / "empty", win.live_settings, pipeline=Pipeline(stages=[])))
    assert win.view.replay_bar.warning.isVisibleTo(win)
    assert "This session holds no samples" in win.view.replay_bar.warning.text()
    win.stop_replay()


def test_a_refused_patient_code_is_said_in_dutch(win):
    # care audit: the Dutch dashboard's status bar said "invalid patient code 'Jan Jansen': use ..."
    i18n.set_language("nl")
    win.scan()
    win.connect_sensors()
    win.view.patient_code.setText("Jan Jansen")
    win.view.record_btn.setChecked(True)
    assert not win.controller.recorder.recording
    assert "ongeldige patiëntcode 'Jan Jansen': gebruik 2-32 letters" in win.statusBar().currentMessage()
