"""The dashboard on Qt's offscreen platform (pytest-qt): live simulated sensors, replay, markers,
the patient prompt, language switch and the screenshot command."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from oefensense.core.types import Event
from oefensense.engine import Engine
from oefensense.gui import i18n, words
from oefensense.gui.app import MainWindow, load_session_replay, make_app
from oefensense.live import LiveSettings
from oefensense.live.devices import SimulatedDirectory
from oefensense.live.replay import ReplayModel
from oefensense.live.synthetic import synthetic_outputs, synthetic_sensors
from oefensense.pipeline import Pipeline
from oefensense.session import SessionReader, SessionWriter
from oefensense.sinks import RecorderSink
from oefensense.sources import simulated_device_items
from oefensense.sources.simulated import bundled_recording

NAMES = ("unknown", "lying", "sitting", "standing", "walking")


def make_pipeline() -> Pipeline:
    """The real pipeline spine (decode, timebase, sensor chain, synchroniser) without analysis
    stages: these tests are about the dashboard; lifts and postures come from synthetic outputs."""
    return Pipeline(stages=[])


def full_pipeline_runs(session: Path) -> str:
    """'' when the default pipeline (all analysis stages and their models) runs on ``session``."""
    from oefensense.sources import replay_items

    try:
        Engine(None, []).run(itertools.islice(replay_items(session), 0, 400))
    except (ImportError, FileNotFoundError) as exc:
        return f"the default pipeline cannot run here yet: {exc}"
    return ""


@pytest.fixture()
def app(qapp):
    make_app(language="en")
    yield qapp
    i18n.set_language("en")


@pytest.fixture()
def window(app, qtbot, tmp_path):
    win = MainWindow(directory=SimulatedDirectory(3, 200.0, duration_s=60.0), sessions_dir=tmp_path / "sessions",
                     settings=LiveSettings(), pipeline_factory=make_pipeline)
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Path:
    """20 s of the bundled recording through the simulated Polar wearable, with one marker."""
    path = tmp_path_factory.mktemp("sess") / "s1"
    items = list(itertools.islice(simulated_device_items(bundled_recording()), 0, 300))
    marker = Event("marker", 5_000_000_000, 5_000_000_000, {"note": "start lifting task"})
    items.insert(len(items) // 3, marker)
    meta = {"patient": {"code": "P-042"}, "assessment": "lifting"}
    Engine(None, [RecorderSink(SessionWriter(path, meta=meta))], pipeline=make_pipeline()).run(items)
    return path


def test_connect_to_simulated_sensors_streams_into_the_panel(window, qtbot):
    window.scan()
    assert len(window.view.sensors.found) == 3 and window.view.sensors.table.rowCount() == 6
    window.connect_sensors()
    assert window.controller.running
    def streaming() -> bool:
        snap = window.current_snapshot()
        return len(snap.sensors) == 3 and all(s.samples > 100 for s in snap.sensors)

    qtbot.waitUntil(streaming, timeout=8000)
    window.tick()
    snap = window.current_snapshot()
    assert {s.sensor_id for s in snap.sensors} == {"trunk", "pelvis", "thigh"}
    assert all(window.view.sensors.cell(i, "Rate").text().endswith("Hz") for i in range(3))
    assert window.view.plots.draws > 0
    window.disconnect_sensors()
    assert not window.controller.running


def test_simulated_wearables_over_bleak_facades_show_link_figures(app, qtbot, tmp_path):
    from oefensense.live.devices import SimulatedBleDirectory

    win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk", "metawear=pelvis")), pipeline_factory=make_pipeline,
                     sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.scan()
    assert [win.view.sensors.cell(i, "Sensor").text() for i in range(2)] == ["polar (sim)", "metawear (sim)"]
    win.connect_sensors()

    def streaming() -> bool:
        snap = win.current_snapshot()
        return len(snap.sensors) == 2 and all(s.samples > 200 for s in snap.sensors)

    qtbot.waitUntil(streaming, timeout=10000)
    win.tick()
    snap = win.current_snapshot()
    assert all(abs(s.rate_hz - s.nominal_rate_hz) < 0.05 * s.nominal_rate_hz for s in snap.sensors)
    assert all(s.loss_pct >= 0 for s in snap.sensors)
    polar = next(s for s in snap.sensors if s.family == "polar")
    assert win.view.sensors.cell(0, "Battery").text() == f"{polar.battery_pct:.0f} %"  # battery read over GATT
    win.view.record_btn.setChecked(True)
    win.add_marker("over BLE")
    qtbot.waitUntil(lambda: win.view.markers.count() == 1, timeout=5000)
    win.close()  # mid-recording: the runtime's ordered shutdown finalises the session
    assert not win.controller.running and win.controller.error is None
    reader = SessionReader(win.controller.recorder.last_path)
    assert [e.fields.get("note") for e in reader.events() if e.type == "marker"] == ["over BLE"]
    assert {s.family for s in reader.sensors} == {"polar", "metawear"}


def test_markers_are_saved_into_the_session(window, qtbot, tmp_path):
    window.scan()
    window.connect_sensors()
    window.view.patient_code.setText("P-017")
    window.view.record_btn.setChecked(True)
    qtbot.waitUntil(lambda: window.current_snapshot().now_ns > 300_000_000, timeout=8000)
    window.view.marker_note.setText("pain 3/10 at lift")
    window.view.marker_btn.click()
    qtbot.waitUntil(lambda: window.view.markers.count() == 1, timeout=5000)
    assert "pain 3/10 at lift" in window.view.markers.item(0).text()
    window.view.record_btn.setChecked(False)
    window.controller.recorder.join(10)
    path = window.controller.recorder.last_path
    window.disconnect_sensors()
    reader = SessionReader(path)
    markers = [e for e in reader.events() if e.type == "marker"]
    assert [m.fields.get("note") for m in markers] == ["pain 3/10 at lift"]
    assert reader.manifest["patient"]["code"] == "P-017"
    # simulated sensors: the record marks the session simulated, as `record --simulate` does
    from oefensense.record.register import recording_source

    assert reader.manifest["source"] == "simulated" and recording_source(reader.manifest) == "simulated"


def test_closing_mid_recording_finalises_the_session(app, qtbot, tmp_path):
    win = MainWindow(directory=SimulatedDirectory(2, 200.0, duration_s=60.0), sessions_dir=tmp_path, pipeline_factory=make_pipeline)
    win.scan()
    win.connect_sensors()
    win.view.record_btn.setChecked(True)
    qtbot.waitUntil(lambda: win.current_snapshot().now_ns > 500_000_000, timeout=8000)
    win.close()
    path = win.controller.recorder.last_path
    assert path is not None
    reader = SessionReader(path)
    assert reader.closed if hasattr(reader, "closed") else True
    assert reader.packets_table().num_rows + reader.samples_table().num_rows > 0


def test_replayed_session_updates_plots_and_lists(window, qtbot, session):
    replay = load_session_replay(session, window.live_settings, pipeline=make_pipeline())
    window.open_replay(replay)
    assert window.view.patient_code.text() == "P-042" and window.view.assessment.currentData() == "lifting"
    window.view.replay_bar.speed.setCurrentIndex(2)  # max
    window.view.replay_bar.play_btn.setChecked(True)
    qtbot.waitUntil(lambda: replay.finished, timeout=8000)
    window.tick()
    acc = [c for k, c in window.view.plots.curves.items() if k.startswith("acc_norm_g:")]
    assert acc and len(acc[0].getData()[0]) > 100
    assert window.view.markers.count() == 1 and "start lifting task" in window.view.markers.item(0).text()
    lifts = sum(1 for o in replay.outputs for e in o.events if e.type == "lift")
    assert window.view.lifts.rowCount() == lifts
    # scrub back to the start: the marker list empties again
    window.view.replay_bar.seekRequested.emit(0.0)
    assert window.view.markers.count() == 0


def test_patient_prompt_fires_after_a_shortened_sitting_bout(window, qtbot):
    settings = LiveSettings(sit_prompt_after_s=8.0, break_min_s=5.0)
    sens = synthetic_sensors(3)
    window.open_replay(ReplayModel(list(synthetic_outputs(60, sens, chunk_s=0.5)), sens, settings, NAMES))
    window.patient.show()
    window.replay.seek(int(25e9))  # 3 s into the sitting bout (it starts at 22 s)
    window.tick()
    assert window.patient.state.posture == "sitting" and not window.patient.prompt.isVisible()
    window.replay.seek(int(31e9))
    window.tick()
    assert window.patient.prompt.isVisible()
    assert window.sound.played == ["lift", "stand_up"]  # the stoop lift at 16 s, then the prompt
    window.sound_action.setChecked(False)
    window.replay.seek(int(0))
    window.tick()
    window.replay.seek(int(31e9))
    window.tick()
    assert window.sound.played == ["lift", "stand_up"]  # switched off: no new cue


def test_language_switch_translates_every_visible_text(window, qtbot):
    sens = synthetic_sensors(3)
    window.open_replay(ReplayModel(list(synthetic_outputs(40, sens, chunk_s=0.5)), sens, LiveSettings(sit_prompt_after_s=5.0), NAMES))
    window.replay.seek(int(35e9))
    window.patient.show()
    window.scan()
    window.tick()
    assert window.view.lifts.rowCount() == 1 and window.view.lifts.item(0, 1).text() == "bent back"
    assert window.view.record_btn.text() == "Record"
    window.set_language("nl")
    tr = i18n.translator()
    qtbot.waitUntil(lambda: window.view.record_btn.text() == "Opnemen", timeout=3000)  # LanguageChange is posted
    window.tick()
    assert window.view.sensors.scan_btn.text() == "Zoeken"
    assert window.patient.posture.text() == "U zit"
    assert window.patient.prompt.text().startswith("Tijd om")
    assert window.view.lifts.item(0, 1).text() == "gebogen rug"
    assert window.patient.lift.text() == "buig uw knieën"
    assert tr.misses == set(), f"untranslated: {sorted(tr.misses)}"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.view.record_btn.text() == "Record", timeout=3000)


def test_screenshot_command_renders_both_views(app, session, tmp_path):
    from typer.testing import CliRunner

    reason = full_pipeline_runs(session)
    if reason:
        pytest.skip(reason)

    from oefensense.cli import app as cli

    res = CliRunner().invoke(cli, ["gui", "--replay", str(session), "--screenshot", str(tmp_path / "shots")])
    assert res.exit_code == 0, res.output
    for name in ("therapist.png", "patient.png"):
        assert (tmp_path / "shots" / name).stat().st_size > 10_000


def test_qt_own_strings_come_from_the_qtbase_catalogue(app, qtbot):
    from PySide6.QtCore import QCoreApplication

    i18n.set_language("nl")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
        assert i18n.tr("Record") == "Opnemen"
        assert i18n.tr("a text nobody translated") == "a text nobody translated"
    finally:
        i18n.set_language("en")
    assert words.word("cue", "cue_bend_knees") == "bend your knees"


def test_calibration_wizard_walks_through_the_guided_procedure(window, qtbot, tmp_path):
    from oefensense.pipeline import PipelineOutput
    from oefensense.sim import Lift, Sit, Stand, simulate

    sim = simulate([Stand(4.0), Lift("stoop", trunk_flexion_deg=60.0, hold_s=2.0, rest_s=2.5), Sit(3.0)],
                   rate_hz=100.0, mounting="random", seed=3)
    run = window.calibration
    for info in sim.infos.values():
        run.on_input(info)
    window.open_calibration()
    wiz = window.wizard
    assert wiz.prompt.text().startswith("Stand upright")
    assert not wiz.done_btn.isEnabled()
    n = len(sim.t_ns)
    for i in range(0, n, 5):  # what the engine thread does with each output
        run.on_output(PipelineOutput(samples=[b.slice(i, i + 5) for b in sim.blocks.values()]))
    wiz.poll()
    assert wiz.prompt.text() == "Calibration finished", wiz.prompt.text()
    assert wiz.done_btn.isEnabled() and wiz.overall_bar.value() == 100
    ids = {i.sensor_id for i in sim.infos.values()}
    assert set(wiz.profiles) == ids
    assert all(p.quality["alignment_quality"] > 0.5 for p in wiz.profiles.values())
    saved = list((window.sessions_dir.parent / "calibration").glob("*.json"))
    assert len(saved) == len(ids)
    assert window.view.sensors.calibrated == ids


def test_sound_cues_are_gentle_chimes(tmp_path):
    import wave

    from oefensense.gui.sound import RATE_HZ, SoundCue

    cue = SoundCue()
    with wave.open(str(cue.wav("stand_up"))) as w:
        assert w.getframerate() == RATE_HZ and w.getnchannels() == 1
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    assert 0.4 < frames.size / RATE_HZ < 0.7
    assert np.abs(frames).max() < 0.3 * 32767  # soft
    assert abs(int(frames[0])) < 200 and abs(int(frames[-1])) < 200  # faded in and out: no click


def test_pyside_keeps_none_references(app):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and aborts a
    long-running dashboard (ecosystem notes §0 #1); the pin (<6.12 on 3.11) must hold."""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    w, t = QWidget(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(3000):
        w.update()
        t.start(1000)
        app.processEvents()
    t.stop()
    assert sys.getrefcount(None) - before > -100


def test_a_recording_started_after_connecting_keeps_the_sessions_clock(app, qtbot, tmp_path):
    """The usual way: connect, look, then press Record. The source sends its clock event once, at
    the session's start; the recording started later had no clock time (no days.csv, and
    `analyze --patient` asked for --start)."""
    from oefensense.live.devices import SimulatedBleDirectory

    win = MainWindow(directory=SimulatedBleDirectory(("polar=trunk",), speed=4.0), sessions_dir=tmp_path,
                     settings=LiveSettings())
    qtbot.addWidget(win)
    win.scan()
    win.connect_sensors()
    qtbot.waitUntil(lambda: win.current_snapshot().elapsed_s > 8.0, timeout=30000)
    win.view.record_btn.setChecked(True)
    qtbot.waitUntil(lambda: win.current_snapshot().elapsed_s > 14.0, timeout=30000)
    win.view.record_btn.setChecked(False)
    win.controller.recorder.join(10)
    path = win.controller.recorder.last_path
    win.disconnect_sensors()
    win.close()
    reader = SessionReader(path)
    clock = reader.manifest.get("clock")
    assert clock is not None and clock["start_utc"] and clock["timezone"]
    assert [e.type for e in reader.events()][:1] == ["clock"]
