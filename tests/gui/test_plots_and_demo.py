"""Plots that show their data (issue #25): scaled to it, absent sensors hidden, labelled zone
edges, trunk zones for a pelvis-only recording, the whole-session overview; and ``gui --demo``
showing sitting, standing up, walking, lifts and a cue within its first minute."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from rich.console import Console

from oefensense.demo import run_demo
from oefensense.gui import i18n
from oefensense.gui.app import MainWindow, load_session_replay, make_app, placements_all
from oefensense.gui.screens import empty_plots
from oefensense.live import LiveSettings
from oefensense.live.devices import SimulatedBleDirectory


@pytest.fixture()
def app(qapp):
    make_app(language="en")
    yield qapp
    i18n.set_language("en")


@pytest.fixture(scope="module")
def pelvis_session(tmp_path_factory):
    """The demo's real recording: one waist (pelvis) sensor, lying with the pelvis at ~100°."""
    path = tmp_path_factory.mktemp("plots") / "real"
    run_demo(speed=None, out=path, console=Console(file=open(os.devnull, "w")), lifting=False, language="en")
    return path


def test_pelvis_only_replay_scales_hides_and_labels(app, qtbot, pelvis_session):
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_replay(load_session_replay(pelvis_session, win.live_settings))
    win.replay.seek_fraction(0.6)  # lying, then standing up: the pelvis above 100°
    win.show()
    win.tick()
    plots = win.view.plots
    snap = win.current_snapshot()
    top = float(np.nanmax(snap.traces["pelvis_tilt_deg"].y[snap.traces["pelvis_tilt_deg"].t_s >= snap.now_ns / 1e9 - 30]))
    assert top > 90.0  # the case the fixed -30…90° range clipped
    lo, hi = plots.trunk.getViewBox().viewRange()[1]
    assert hi >= top and lo <= -30.0
    assert plots.thigh not in plots.ci.items  # no thigh sensor: no empty thigh plot
    assert [line.label.format for line in plots.zone_lines] == ["20°", "60°"]
    # the axis names the sensor worn: a pelvis-only recording is not labelled "Trunk"
    assert plots.trunk.name_label.text == "Pelvis (°)"
    assert win.view._sum_heads[3].text() == "Pelvis zones"  # the zones are the pelvis's too
    i18n.set_language("nl")
    qtbot.waitUntil(lambda: plots.trunk.name_label.text == "Bekken (°)", timeout=3000)
    assert win.view._sum_heads[3].text() == "Bekkenzones"
    assert [text.text for _, text in plots.acc_legend.items] == ["bekken"]
    i18n.set_language("en")
    assert [line.label.format for line in win.view.overview.zone_lines] == ["20°", "60°"]
    assert win.view.zone_summary.text() != "–"  # the exposure stage's zones (pelvis), as the CLI summary
    summary_zones = snap.summary.zone_s
    # upright time only (4-26 s and 47-67 s stood, less start-up and transitions): a seated or
    # lying pelvis counts in no zone (its 56 s of sitting did until 4 Dec 2026)
    assert len(summary_zones) == 3 and 15.0 < sum(summary_zones) < 45.0
    ov = snap.overview
    assert ov is not None and ov.channel in ("pelvis_flexion_deg", "pelvis_tilt_deg")
    assert ov.t_s[0] - snap.start_ns / 1e9 < 5.0 and ov.t_s[-1] >= snap.frames_end_ns / 1e9 - 2.0  # from the start
    assert empty_plots(win) == []
    win.close()


def test_gui_demo_shows_the_product_within_its_first_minute(app, qtbot, tmp_path):
    speed = 4.0
    win = MainWindow(directory=SimulatedBleDirectory.body_demo(speed=speed), settings=LiveSettings(sit_prompt_after_s=30.0),
                     sessions_dir=tmp_path)
    qtbot.addWidget(win)
    win.scan()
    win.connect_sensors(placements_all(win.directory))
    cues: list[str] = []
    deadline = time.monotonic() + 60.0 / speed + 90.0
    while win.current_snapshot().elapsed_s < 60.0 and time.monotonic() < deadline:
        app.processEvents()
        win.tick()
        cues += win.sound.played[len(cues):] if hasattr(win.sound, "played") else []
        time.sleep(0.05)
    snap = win.current_snapshot()
    assert snap.elapsed_s >= 60.0, "the demo stream did not reach its first minute"
    postures = {p.posture for p in snap.timeline}
    assert {"sitting", "standing", "walking"} <= postures, postures
    assert "sit_to_stand" in {e.type for e in snap.events}  # standing up
    assert len(snap.lifts) >= 2 and any(l.rating == "poor" for l in snap.lifts)  # a lift that calls for a cue
    assert win.view.plots.trunk.name_label.text == "Trunk and pelvis (°)"
    assert win.view._sum_heads[3].text() == "Trunk zones"  # trunk angles and pelvis tilt
    acc = [v for k, v in snap.traces.items() if k.startswith("acc_norm_g:")]
    assert acc and max(float(np.ptp(t.y)) for t in acc) > 0.3  # not a flat 1 g
    assert empty_plots(win) == []
    win.close()


def test_summary_rounds_lifts_say_none_and_legends_leave_the_data_free(app, qtbot, pelvis_session):
    """docs/screenshots showed 'walking 0:00' for under a second of walking (a truncated clock
    beside a 0.5 s listing threshold), an empty Lifts table without a word, and the legends in the
    view box over the first seconds of the curves (#25)."""
    from dataclasses import replace

    from oefensense.live.viewmodel import format_duration

    assert [format_duration(s) for s in (0.0, 0.49, 0.5, 0.7, 59.5, 61.2)] == ["0:00", "0:00", "0:01", "0:01", "1:00", "1:01"]
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_replay(load_session_replay(pelvis_session, win.live_settings))
    win.replay.seek_fraction(0.6)
    win.show()
    win.tick()
    snap = win.current_snapshot()
    assert not snap.lifts  # the real recording has no lifts
    assert win.view.no_lifts.isVisible() and win.view.no_lifts.text() == "No lifts yet" and not win.view.lifts.isVisible()
    i18n.set_language("nl")
    qtbot.waitUntil(lambda: win.view.no_lifts.text() == "Nog geen tilbewegingen", timeout=3000)
    i18n.set_language("en")
    summary = replace(snap.summary, posture_s={"sitting": 30.2, "walking": 0.7, "lying": 0.3})
    win.view.update_from(replace(snap, summary=summary, seq=snap.seq + 1))
    text = win.view.posture_summary.text()
    assert ">walking<" in text and ">0:01<" in text and ">0:30<" in text and ">0:00<" not in text, text
    assert ">lying<" not in text, text  # 0.3 s rounds to no second: not listed as present
    plots = win.view.plots
    for plot, legend in ((plots.trunk, plots.trunk_legend), (plots.acc, plots.acc_legend)):
        assert legend.items, "legend has entries"
        box = plot.getViewBox().sceneBoundingRect()
        assert not legend.sceneBoundingRect().intersects(box), (legend.sceneBoundingRect(), box)
    win.close()


def test_angles_whose_forward_direction_is_unknown_are_faded_and_explained(app, qtbot, pelvis_session):
    # the demo's recording stands for its first ~30 s: the pelvis's forward direction is a guess
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_replay(load_session_replay(pelvis_session, win.live_settings))
    win.show()
    plots = win.view.plots
    win.replay.seek_fraction(0.1)  # 24 s in (the first body frames reach the view after ~20 s)
    win.tick()
    assert win.current_snapshot().provisional == ("pelvis",)
    assert plots.provisional_note.toPlainText().startswith("forward not known yet")
    assert plots.curves["pelvis_tilt_deg"].opacity() < 0.5
    overview = win.view.overview  # the whole-session view draws the guess grey, not in the angle's colour
    assert np.isfinite(overview.provisional.yData).any() and not np.isfinite(overview.mean.yData).any()
    i18n.set_language("nl")
    qtbot.waitUntil(lambda: plots.provisional_note.toPlainText().startswith("voorwaarts nog onbekend"), timeout=3000)
    i18n.set_language("en")
    win.replay.seek_fraction(0.6)  # after the first walk: known
    win.tick()
    assert win.current_snapshot().provisional == ()
    assert plots.provisional_note.toPlainText() == "" and plots.curves["pelvis_tilt_deg"].opacity() == 1.0
    win.close()


def test_acceleration_lines_keep_distinct_colours_when_sensors_start_at_different_times(app, qtbot):
    """Two of three sensors were drawn in the same colour when the third one started streaming
    later and sorted between them (the demo's trunk and thigh)."""
    from oefensense.gui.plots import ACC_TRACE_PREFIX, LivePlots
    from oefensense.live.snapshot import LiveSnapshot, Trace

    plots = LivePlots()
    qtbot.addWidget(plots)
    t = np.linspace(0.0, 5.0, 50)
    trace = Trace(t_s=t, y=np.ones_like(t))
    first = {ACC_TRACE_PREFIX + sid: trace for sid in ("a", "c")}
    plots.update_from(LiveSnapshot(seq=1, now_ns=5_000_000_000, traces=first))
    plots.update_from(LiveSnapshot(seq=2, now_ns=5_000_000_000, traces={**first, ACC_TRACE_PREFIX + "b": trace}))
    colours = [plots.curves[ACC_TRACE_PREFIX + sid].opts["pen"].color().name() for sid in ("a", "b", "c")]
    assert len(set(colours)) == 3, colours


def test_angle_legend_keeps_its_order_when_angles_come_and_go(app, qtbot):
    """The legend read "twist, pelvis tilt, flexion, lateral bend" in the lifting replay: entries
    removed and added again landed in the legend grid's emptied columns."""
    from oefensense.gui.plots import ANGLE_LINES, LivePlots
    from oefensense.live.snapshot import LiveSnapshot, Trace

    plots = LivePlots()
    qtbot.addWidget(plots)
    plots.resize(600, 500)
    plots.show()
    t = np.linspace(0.0, 5.0, 50)
    trace = Trace(t_s=t, y=np.zeros_like(t))
    every = [key for key, _ in ANGLE_LINES]
    for seq, keys in enumerate((every, every[2:], every, every[:1], every), start=1):
        plots.update_from(LiveSnapshot(seq=seq, now_ns=5_000_000_000, traces={k: trace for k in keys}))
        qtbot.wait(20)
        shown = sorted(plots.trunk_legend.items, key=lambda item: item[1].mapToScene(0, 0).x())
        assert [label.text for _, label in shown] == [label for key, label in ANGLE_LINES if key in keys]


def test_an_empty_whole_session_plot_shows_both_zone_labels(qapp):
    # audit 3 Dec 2026: before the first trunk angle the plot's y axis ran 0-60 and the 60° line's
    # label was cut off at the top (a sensor still aligning, an empty replay)
    from oefensense.gui.overview import SessionOverview
    from oefensense.gui.plots import TRUNK_RANGE
    from oefensense.live import LiveSnapshot

    ov = SessionOverview()
    ov.update_from(LiveSnapshot(seq=1, start_ns=0, now_ns=20_000_000_000))
    lo, hi = ov.getPlotItem().getViewBox().viewRange()[1]
    assert (lo, hi) == TRUNK_RANGE
