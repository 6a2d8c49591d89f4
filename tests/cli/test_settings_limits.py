"""Impossible settings (negative durations or hysteresis, NaN, inf, min above max, angles out of
range, zero rates) are refused when the settings are made: one line naming the setting, its unit
and what is allowed, and through the CLI a non-zero exit, never a hang and never a clamp."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from oefensense.analysis.exposure import ExposureSettings
from oefensense.analysis.lifting import LiftingSettings
from oefensense.analysis.non_wear import NonWearSettings
from oefensense.analysis.posture import PostureSettings
from oefensense.analysis.sit_stand import SitStandSettings
from oefensense.analysis.sitting import SittingSettings
from oefensense.analysis.squat_guard import SquatGuardSettings
from oefensense.analysis.transitions import TransitionSettings
from oefensense.assessments.gait import GaitSettings
from oefensense.assessments.transfers import TransferSettings
from oefensense.io.period_tables import TableSettings
from oefensense.live import LiveSettings
from oefensense.pipeline.synchroniser import SyncSettings
from oefensense.session.info import InfoSettings

from ..reliability.helpers import cli, record_demo_session

NAN, INF = float("nan"), float("inf")

# (class, bad field values, words the one line must hold: the setting, its unit, what is allowed)
BAD = [
    (ExposureSettings, {"bend_hysteresis_deg": -1.0}, ["exposure.bend_hysteresis_deg", "-1", "degrees", "from 0 to 90"]),
    (ExposureSettings, {"bend_deg": NAN}, ["exposure.bend_deg", "nan", "degrees", "finite"]),
    (ExposureSettings, {"hold_min_s": -4.0}, ["exposure.hold_min_s", "seconds", "at least 0"]),
    (ExposureSettings, {"hold_min_s": INF}, ["exposure.hold_min_s", "inf", "finite"]),
    (ExposureSettings, {"zone_limits_deg": (60.0, 20.0)}, ["zone_limits_deg[0]", "60 degrees", "below", "zone_limits_deg[1]"]),
    (ExposureSettings, {"zone_limits_deg": (20.0, 400.0)}, ["zone_limits_deg[1]", "400", "from -180 to 180"]),
    (ExposureSettings, {"long_bend_s": 0.0}, ["exposure.long_bend_s", "seconds", "above 0"]),
    (LiftingSettings, {"held_s": -1.0}, ["lifting.held_s", "seconds", "at least 0"]),
    (LiftingSettings, {"exit_deg": 12.0, "enter_deg": 10.0}, ["lifting.exit_deg", "must not be above", "lifting.enter_deg"]),
    (LiftingSettings, {"min_lift_probability": 1.5}, ["lifting.min_lift_probability", "probability", "from 0 to 1"]),
    (LiftingSettings, {"still_gyr_dps": 0.0}, ["lifting.still_gyr_dps", "degrees per second", "above 0"]),
    (LiftingSettings, {"squat_max_index": 70.0, "stoop_min_index": 60.0}, ["squat_max_index", "stoop_min_index"]),
    (LiftingSettings, {"gate_max_offplane_deg": NAN}, ["gate_max_offplane_deg", "finite number or inf (off)"]),
    (PostureSettings, {"hop_s": 0.0}, ["posture.hop_s", "seconds", "above 0"]),
    (PostureSettings, {"thigh_sit_deg": 200.0}, ["posture.thigh_sit_deg", "degrees", "from 0 to 180"]),
    (PostureSettings, {"stay_static": 1.2}, ["posture.stay_static", "probability", "from 0 to 1"]),
    (SittingSettings, {"prolonged_s": 0.0}, ["sitting.prolonged_s", "seconds", "above 0"]),
    (SittingSettings, {"min_break_s": NAN}, ["sitting.min_break_s", "finite"]),
    (SittingSettings, {"repeat_s": -1.0}, ["sitting.repeat_s", "seconds", "at least 0"]),
    (NonWearSettings, {"max_sd_g": -0.02}, ["non_wear.max_sd_g", "g", "above 0"]),
    (NonWearSettings, {"min_s": INF}, ["non_wear.min_s", "finite"]),
    (NonWearSettings, {"lead_windows": 1.5}, ["non_wear.lead_windows", "whole number"]),
    (SitStandSettings, {"min_move_s": 9.0}, ["sit_stand.min_move_s", "must be below", "sit_stand.max_move_s"]),
    (SitStandSettings, {"min_rise_m": -0.1}, ["sit_stand.min_rise_m", "metres", "at least 0"]),
    (SquatGuardSettings, {"max_bottom_s": -1.0}, ["squat_guard.max_bottom_s", "seconds", "above 0"]),
    (TransitionSettings, {"min_duration_s": 12.0}, ["transitions.min_duration_s", "transitions.max_duration_s"]),
    (TransitionSettings, {"walk_veto": 2.0}, ["transitions.walk_veto", "ratio", "from 0 to 1"]),
    (TableSettings, {"valid_day_min_wear_h": 25.0}, ["valid_day_min_wear_h", "hours", "at most 24"]),
    (GaitSettings, {"min_step_s": 2.0}, ["gait.min_step_s", "must be below", "gait.max_step_s"]),
    (GaitSettings, {"lowpass_hz": 0.0}, ["gait.lowpass_hz", "Hz", "above 0"]),
    (TransferSettings, {"min_s": 10.0}, ["transfers.min_s", "transfers.max_s"]),
    (TransferSettings, {"min_rise_m": NAN}, ["transfers.min_rise_m", "finite"]),
    (SyncSettings, {"rate_hz": 0.0}, ["sync.rate_hz", "Hz", "above 0"]),
    (SyncSettings, {"max_gap_s": -0.25}, ["sync.max_gap_s", "seconds", "above 0"]),
    (LiveSettings, {"sit_prompt_after_s": -60.0}, ["dashboard.sit_prompt_after_s", "seconds", "above 0"]),
    (LiveSettings, {"zone_edges_deg": (60.0, 20.0)}, ["dashboard.zone_edges_deg[0]", "below"]),
    (InfoSettings, {"gap_min_s": -0.1}, ["info.gap_min_s", "seconds", "at least 0"]),
]


@pytest.mark.parametrize("cls, values, words", BAD, ids=[f"{c.__name__}-{'-'.join(v)}" for c, v, _ in BAD])
def test_impossible_values_are_refused_when_made(cls, values, words):
    with pytest.raises(ValueError) as info:
        cls(**values)
    line = str(info.value)
    assert "\n" not in line
    for w in words:
        assert w in line, line


@pytest.mark.parametrize("cls", sorted({c for c, _, _ in BAD}, key=lambda c: c.__name__), ids=lambda c: c.__name__)
def test_defaults_and_off_values_still_pass(cls):
    cls()  # the shipped settings are possible
    if cls is LiftingSettings:  # inf switches a gate off; 0 switches "undetermined" off
        LiftingSettings(gate_max_offplane_deg=INF, ambiguous_below_gyr_dps=0.0, posture_lying_s=0.0)
    if cls is PostureSettings:
        PostureSettings(flip_move_mass=INF, fallback_after_s=INF)


def test_dutch_line_names_the_unit_in_dutch():
    from oefensense.commands.lang import tr
    from oefensense.core.limits import SettingError

    with pytest.raises(SettingError) as info:
        ExposureSettings(bend_hysteresis_deg=-1.0)
    line = info.value.text(lambda text: tr(text, language="nl"))
    assert line == "exposure.bend_hysteresis_deg is -1 (graden): het moet van 0 tot 90 zijn", line


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Path:
    return record_demo_session(tmp_path_factory.mktemp("limits") / "s")


@pytest.mark.parametrize("stage, values, expect", [
    ("exposure", {"bend_hysteresis_deg": -1.0}, "exposure.bend_hysteresis_deg is -1 (degrees): it must be from 0 to 90"),
    ("exposure", {"zone_limits_deg": [60.0, 20.0]}, "exposure.zone_limits_deg[0] (60 degrees) must be below"),
    ("lifting", {"held_s": math.inf}, "lifting.held_s is inf (seconds): it must be a finite number"),
    ("sitting", {"min_bout_s": -5.0}, "sitting.min_bout_s is -5 (seconds): it must be at least 0"),
])
def test_replay_with_impossible_recorded_settings_fails_in_one_line(tmp_path, session, stage, values, expect):
    """End to end: a manifest carrying an impossible stage setting (edited, or written by an older
    version) stops ``replay`` with one line and exit 1, before any result is written."""
    s = tmp_path / "s"
    shutil.copytree(session, s)
    m = json.loads((s / "manifest.json").read_text())
    m["pipeline_settings"]["stage_settings"] = {stage: values}
    m["pipeline_settings"]["stages"] = None
    (s / "manifest.json").write_text(json.dumps(m))  # json writes inf as Infinity, which it reads back
    line = cli("replay", s, "--out", tmp_path / "out").one_error_line()
    assert expect in line, line
    assert not list((tmp_path / "out").rglob("summary.json")) if (tmp_path / "out").exists() else True


def test_replay_error_in_dutch(tmp_path, session):
    s = tmp_path / "s"
    shutil.copytree(session, s)
    m = json.loads((s / "manifest.json").read_text())
    m["pipeline_settings"]["stage_settings"] = {"exposure": {"bend_hysteresis_deg": -1.0}}
    m["pipeline_settings"]["stages"] = None
    (s / "manifest.json").write_text(json.dumps(m))
    r = cli("--language", "nl", "replay", s, "--out", tmp_path / "out")
    assert r.rc == 1 and r.stderr.strip() == "fout: exposure.bend_hysteresis_deg is -1 (graden): het moet van 0 tot 90 zijn", r


@pytest.mark.parametrize("args, expect", [
    (("--gap-min-s", "-1"), "--gap-min-s is -1 (seconds): it must be at least 0"),
    (("--gap-min-periods", "nan"), "--gap-min-periods is nan (sample periods): it must be a finite number"),
    (("--gap-min-periods", "0"), "--gap-min-periods is 0 (sample periods): it must be at least 1"),
])
def test_info_options(session, args, expect):
    assert expect in cli("info", session, *args).one_error_line()


def test_gui_sit_prompt_minutes(tmp_path):
    line = cli("gui", "--sit-prompt-min", "-5", "--screenshot", tmp_path / "shots").one_error_line()
    assert "--sit-prompt-min is -5 (minutes): it must be above 0" in line, line


@pytest.mark.parametrize("args, expect", [
    (("--countdown", "-3"), "--countdown is -3 (seconds): it must be at least 0"),
    (("--countdown", "nan"), "--countdown is nan (seconds): it must be a finite number"),
    (("--speed", "0"), "--speed is 0 (a ratio): it must be above 0"),
    (("--movement-speed", "inf"), "--movement-speed is inf (a ratio): it must be a finite number"),
])
def test_assess_options(args, expect):
    line = cli("assess", "tug", "--simulate", "polar=pelvis", *args).one_error_line()
    assert expect in line, line


def test_trunk_rom_repetitions():
    line = cli("assess", "trunk-rom", "--simulate", "polar=trunk", "--reps", "0").one_error_line()
    assert "--reps is 0 (a count): it must be at least 1" in line, line
    from oefensense.assessments.trunk_rom import TrunkRom

    with pytest.raises(ValueError, match=r"trunk-rom.reps is -1 \(a count\): it must be at least 1"):
        TrunkRom(reps=-1)
