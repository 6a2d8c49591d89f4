"""Behaviour before and after the cues were switched on: the cue stage's ``effect`` summary, and
the therapist report's feedback page from a recording made with a plan (real CLI, SQLite, PDF)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from oefensense.analysis.cue_effect import BeforeAfter
from oefensense.cli import app
from oefensense.core.types import NS_PER_S, Event

S = NS_PER_S


def bout(t0: float, dur: float) -> Event:
    return Event("sitting_bout", int(t0 * S), int((t0 + dur) * S), {"duration_s": dur})


def test_bouts_and_lifts_count_where_they_started() -> None:
    ba = BeforeAfter()
    ba.span(0, 3600 * S)
    for ev in (bout(0, 1200), bout(1300, 900), Event("lift", 100 * S, 102 * S, {"technique": "stoop"})):
        ba.event(ev)
    ba.cue(Event("cue", 1500 * S, 1500 * S, {"withheld": "baseline"}))  # still the baseline: not on
    ba.cue(Event("cue", 1800 * S, 1800 * S, {"withheld": ""}))
    ba.cue(Event("cue", 2000 * S, 2000 * S, {"withheld": ""}))
    for ev in (bout(2400, 300), bout(3000, 500), Event("lift", 2500 * S, 2502 * S, {"technique": "squat"})):
        ba.event(ev)
    out = ba.summary()
    assert out["on_from_s"] == 1800.0
    assert out["before"] == {"recorded_s": 1800.0, "sitting_bouts": 2, "sitting_bout_mean_s": 1050.0,
                             "sitting_bout_longest_s": 1200.0, "lifts": 1, "stoop_lifts": 1, "stoop_lifts_per_h": 2.0}
    assert out["after"] == {"recorded_s": 1800.0, "sitting_bouts": 2, "sitting_bout_mean_s": 400.0,
                            "sitting_bout_longest_s": 500.0, "lifts": 1, "stoop_lifts": 0, "stoop_lifts_per_h": 0.0}


def test_without_a_cue_outside_the_baseline_there_is_no_after() -> None:
    ba = BeforeAfter()
    ba.span(0, 600 * S)
    ba.cue(Event("cue", 100 * S, 100 * S, {"withheld": "baseline"}))
    out = ba.summary()
    assert out["on_from_s"] is None and "after" not in out and out["before"]["recorded_s"] == 600.0


PLAN = """
baseline_s = 40
[rules.prolonged_sitting]
after_s = 8
cue = "vibrate"
"""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_recording_with_a_plan_gets_a_feedback_page_and_record_figures(tmp_path) -> None:
    import subprocess

    from oefensense.record import Record
    from oefensense.record.progress import session_figures

    db = f"sqlite:///{tmp_path / 'r.db'}"
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN)
    run = CliRunner().invoke
    assert run(app, ["patient", "add", "P001", "--database", db]).exit_code == 0
    from tests.feedback.test_record_cues import HAPT  # a real recording with clear sitting

    res = run(app, ["record", "--simulate", f"oefensense:{HAPT}=pelvis", "--feedback", str(plan), "--duration", "120",
                    "--speed", "10", "--out", str(tmp_path / "s"), "--patient", "P001", "--database", db])
    assert res.exit_code == 0, res.output
    with Record(db) as rec:
        [s] = rec.sessions("P001")
        cues = s.summary["cues"]
        figures = session_figures(s)
    assert cues["rules"] == ["prolonged_sitting"] and cues["withheld"].get("baseline", 0) >= 1
    assert figures["cues_given"] == sum(cues["given"].values())
    assert figures["mean_sitting_bout_min"] is not None
    pdf = tmp_path / "r.pdf"
    res = run(app, ["report", "P001", "--out", str(pdf), "--language", "en", "--database", db])
    assert res.exit_code == 0, res.output
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Feedback cues" in text and "prolonged sitting" in text and "baseline" in text
    if cues["effect"]["on_from_s"] is not None:
        assert "Before" in text and "After" in text and "Mean sitting bout" in text
    given = sum(cues["given"].values())
    res = run(app, ["report", "P001", "--for", "patient", "--out", str(pdf), "--language", "nl", "--database", db])
    assert res.exit_code == 0, res.output
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    # the patient's page names the signals the sensor gave, in the patient's words
    assert (f"Uw sensor gaf u een signaal: lang zitten {given}×" in text) == (given > 0)
