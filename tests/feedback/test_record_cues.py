"""The issue's Done-when, through the real CLI: ``record --simulate oefensense=pelvis --feedback
plan.toml`` gives delivered vibrate cues, and the simulated device's own log (written by its
firmware when the VIBRATE command arrived over the fake Bleak backend's GATT write) has a vibrate
at each; ``info`` shows both; ``replay`` shows the same cues, not delivered."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import oefensense.data

from oefensense.cli import app
from oefensense.session import SessionReader

PLAN = """
[rules.prolonged_sitting]
enabled = true
after_s = 15
cue = "vibrate"
"""
HAPT = str(Path(oefensense.data.__file__).parent / "hapt_user01_exp0_0-240s.waist.csv.gz")


def test_record_with_a_plan_vibrates_the_simulated_wearable(tmp_path) -> None:
    """The Done-when command as written: a waist sensor alone with no CSV plays the bundled real
    recording (HAPT excerpt, CC BY 4.0: sitting bouts of 15.5 and 19 s)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN)
    out = tmp_path / "s"
    res = CliRunner().invoke(app, ["record", "--simulate", "oefensense=pelvis", "--feedback", str(plan),
                                   "--duration", "240", "--speed", "10", "--out", str(out), "--status-every", "60"])
    assert res.exit_code == 0, res.output
    r = SessionReader(out)
    cues = [e for e in r.events() if e.type == "cue"]
    sitting = [e for e in r.events() if e.type == "prolonged_sitting"]
    assert cues and len(cues) == len(sitting)  # one cue per (repeated) prolonged-sitting alert
    for c, s in zip(cues, sitting):
        assert c.t_ns == s.end_ns
        assert (c.fields["modality"], c.fields["delivered"], c.fields["device"], c.fields["error"]) == \
            ("vibrate", True, "pelvis", "")
        assert 0 <= c.fields["latency_s"] < 30  # the first waits for the chain's alignment window
    log = r.manifest["simulated_devices"]["pelvis"]
    vibrations = [x for x in log["received"] if x["command"] == "vibrate"]
    assert len(vibrations) == len(cues) and log["refused"] == []
    for c, v in zip(cues, vibrations):  # device clock = session clock within its drift (40 ppm)
        sent_s = c.t_ns / 1e9 + c.fields["latency_s"]
        assert abs(v["device_t_s"] - sent_s) < 1.5, (v, sent_s)
        assert v["detail"] == "intensity 204/255, 200 ms"
    assert r.manifest["feedback_plan"]["rules"]["prolonged_sitting"]["after_s"] == 15.0

    info = CliRunner().invoke(app, ["info", str(out)])
    assert info.exit_code == 0, info.output
    assert f"cues: {len(cues)} given, {len(cues)} delivered" in info.output
    assert f"vibrate x{len(cues)}" in info.output and "delivered via pelvis" in info.output

    rep = CliRunner().invoke(app, ["replay", str(out), "--out", str(tmp_path / "r")])
    assert rep.exit_code == 0, rep.output
    replayed = [json.loads(line) for line in (tmp_path / "r" / "s" / "events.jsonl").read_text().splitlines()]
    again = [e for e in replayed if e["type"] == "cue"]
    assert [round(e["t_s"], 3) for e in again] == [round(c.t_ns / 1e9, 3) for c in cues]
    assert all(e["delivered"] is False and e["withheld"] == "" for e in again)  # would have been given
    # a replay with a plan is deterministic: twice, byte for byte
    rep2 = CliRunner().invoke(app, ["replay", str(out), "--out", str(tmp_path / "r2")])
    assert rep2.exit_code == 0, rep2.output
    for name in ("events.jsonl", "timeline.csv", "summary.json"):
        assert (tmp_path / "r" / "s" / name).read_bytes() == (tmp_path / "r2" / "s" / name).read_bytes(), name


def test_a_bad_plan_is_one_line_and_no_session(tmp_path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("[rules.prolonged_sitting]\nafter_s = 0\n")
    out = tmp_path / "s"
    res = CliRunner().invoke(app, ["record", "--simulate", "oefensense=pelvis", "--feedback", str(plan),
                                   "--duration", "5", "--out", str(out)])
    assert res.exit_code != 0
    assert "rules.prolonged_sitting.after_s" in res.output and not out.exists()


def _record(tmp_path, family: str, plan_text: str, duration: str = "90"):  # noqa: ANN001, ANN202
    plan = tmp_path / "plan.toml"
    plan.write_text(plan_text)
    out = tmp_path / "s"
    res = CliRunner().invoke(app, ["record", "--simulate", f"{family}:{HAPT}=pelvis", "--feedback", str(plan),
                                   "--duration", duration, "--speed", "10", "--out", str(out), "--status-every", "30"])
    assert res.exit_code == 0, res.output
    r = SessionReader(out)
    return [e for e in r.events() if e.type == "cue"], r.manifest["simulated_devices"]["pelvis"]


def test_a_thingy_beeps_through_its_speaker(tmp_path) -> None:
    cues, log = _record(tmp_path, "thingy52", PLAN.replace('"vibrate"', '"beep"'))
    assert cues and all(c.fields["delivered"] and c.fields["device"] == "pelvis" for c in cues)
    beeps = [x for x in log["received"] if x["command"] == "beep"]
    assert len(beeps) == len(cues) and all(b["detail"] == "880 Hz, 200 ms, volume 60%" for b in beeps)


def test_without_an_actuator_the_computer_cues(tmp_path, monkeypatch) -> None:
    """A Polar has no motor: the computer's chime and notification, run as real processes
    (``true`` stands in for the player and notifier, which this machine may lack)."""
    import oefensense.live.computer_cue as cc

    monkeypatch.setattr(cc, "player", lambda: ["true"])
    monkeypatch.setattr(cc, "notifier", lambda: ["true"])
    cues, log = _record(tmp_path, "polar", PLAN)
    assert cues and all(c.fields["delivered"] and c.fields["device"] == "computer" for c in cues)
    assert not [x for x in log["received"] if x["command"] == "vibrate"]


def test_the_computer_says_when_it_cannot_cue(monkeypatch) -> None:
    import oefensense.live.computer_cue as cc
    from oefensense.core.types import Event

    monkeypatch.setattr(cc, "player", lambda: None)
    monkeypatch.setattr(cc, "notifier", lambda: None)
    ev = Event("cue", 0, 0, {"rule": "prolonged_sitting", "modality": "beep", "message_nl": "Sta op."})
    assert "no sound player" in cc.ComputerCue()(ev)


def test_the_computers_notification_is_in_the_commands_language(tmp_path, monkeypatch) -> None:
    """Audit 3 Dec 2026: ComputerCue defaulted to Dutch, so `--language en record` (and the English
    dashboard) sent the plan's Dutch message to the desktop notification."""
    import oefensense.live.computer_cue as cc

    made: list[str] = []

    class Spy(cc.ComputerCue):
        def __init__(self, lang: str = "nl") -> None:
            super().__init__(lang)
            made.append(lang)

    monkeypatch.setattr(cc, "ComputerCue", Spy)
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN)
    res = CliRunner().invoke(app, ["--language", "en", "record", "--simulate", f"polar:{HAPT}=pelvis", "--feedback", str(plan),
                                   "--duration", "5", "--speed", "10", "--out", str(tmp_path / "s"), "--status-every", "30"])
    assert res.exit_code == 0, res.output
    assert made == ["en"]


def test_the_dashboards_notifications_follow_its_language(qapp, qtbot, tmp_path) -> None:
    from oefensense.analysis.feedback_plan import plan_from_dict
    from oefensense.gui import i18n
    from oefensense.gui.app import MainWindow, make_app
    from oefensense.live.devices import SimulatedDirectory

    make_app(language="en")
    try:
        win = MainWindow(directory=SimulatedDirectory(1, 50.0, duration_s=5.0), sessions_dir=tmp_path,
                         feedback_plan=plan_from_dict({"rules": {"prolonged_sitting": {"after_s": 8}}}))
        qtbot.addWidget(win)
        win.scan()
        win.connect_sensors()
        assert win.controller.cue_delivery.fallback.lang == "en"
        win.disconnect_sensors()
        win.set_language("nl")
        win.connect_sensors()
        assert win.controller.cue_delivery.fallback.lang == "nl"
        win.close()
    finally:
        i18n.set_language("en")
