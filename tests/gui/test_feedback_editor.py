"""The dashboard's feedback-plan editor writes the TOML file ``record --feedback`` reads, shows
the plan's own one-line errors, and loads a plan back."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefensense.analysis.feedback_plan import load_plan

pytest.importorskip("PySide6")


def test_editor_saves_loads_and_validates(qtbot, tmp_path: Path) -> None:
    from oefensense.gui.feedback_editor import FeedbackPlanEditor

    ed = FeedbackPlanEditor()
    qtbot.addWidget(ed)
    on, value, cue, when = ed.rows["prolonged_sitting"]
    on.setChecked(True)
    value.setValue(15.0)
    cue.setCurrentIndex(cue.findData("vibrate"))
    on2, value2, cue2, when2 = ed.rows["stoop_lift"]
    on2.setChecked(True)
    value2.setValue(45.0)
    cue2.setCurrentIndex(cue2.findData("beep"))
    when2.setCurrentIndex(when2.findData("after_neutral"))
    ed.quiet_on.setChecked(True)
    ed.cap.setValue(6)
    ed.baseline.setValue(60)
    assert ed.check() and ed.save_button.isEnabled()
    path = ed.save(tmp_path / "plan.toml")
    plan = load_plan(path)
    assert set(plan.active()) == {"prolonged_sitting", "stoop_lift"}
    assert plan.rules["prolonged_sitting"].threshold == 15.0 and plan.rules["stoop_lift"].when == "after_neutral"
    assert plan.quiet_hours == ("22:00", "07:00") and plan.daily_cap == 6 and plan.baseline_s == 3600.0

    value.setValue(0.0)  # an enabled rule with no threshold: the plan's own error, no saving
    assert not ed.check() and not ed.save_button.isEnabled()
    assert "rules.prolonged_sitting.after_s" in ed.status.text()

    again = FeedbackPlanEditor(path=path)
    qtbot.addWidget(again)
    assert again.plan() == plan
    shot = tmp_path / "editor.png"
    again.grab().save(str(shot))
    assert shot.stat().st_size > 1000


def test_the_edited_plan_is_used_by_the_dashboard(qtbot) -> None:
    """"Use this plan" runs the edited plan: the pipeline settings carry it, the cue stage runs
    it, and the chimes the plan now gives itself are no longer sounded twice."""
    from oefensense.analysis.feedback_plan import plan_from_dict
    from oefensense.gui.app import MainWindow
    from oefensense.gui.feedback_editor import FeedbackPlanEditor
    from oefensense.live.viewmodel import LIFT_CUE, STAND_UP_CUE

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.controller.feedback_plan is None and win.cues.skip == set()
    plan = plan_from_dict({"rules": {"prolonged_sitting": {"after_s": 600}}})
    ed = FeedbackPlanEditor(plan=plan)
    qtbot.addWidget(ed)
    assert ed.plan().active() == plan.active() and ed.use_button.isEnabled()  # shows the running plan
    ed.rows["prolonged_sitting"][1].setValue(900.0)
    win.use_feedback_plan(ed.plan())
    settings = win.controller.pipeline_settings.stage_settings
    assert settings["sitting"]["prolonged_s"] == 900.0
    assert settings["cues"]["plan"]["rules"]["prolonged_sitting"]["after_s"] == 900.0
    assert win.controller.recorder.pipeline_settings is win.controller.pipeline_settings
    assert win.controller.cue_delivery is not None and win.cues.skip == {STAND_UP_CUE}
    win.use_feedback_plan(None)
    assert win.controller.cue_delivery is None and win.controller.pipeline_settings is None  # the defaults
    assert win.cues.skip == set() and LIFT_CUE not in win.cues.skip


def test_thresholds_show_whole_units_and_keep_a_fractional_plan_value(qtbot, tmp_path: Path) -> None:
    """The editor showed "1800.00 s" and "60.00°"; a plan file's 2.5 s must survive a load and save."""
    from oefensense.analysis.feedback_plan import plan_from_dict
    from oefensense.gui.feedback_editor import FeedbackPlanEditor

    ed = FeedbackPlanEditor()
    qtbot.addWidget(ed)
    assert ed.rows["prolonged_sitting"][1].text() == "1800 s"
    assert ed.rows["stoop_lift"][1].text() == "60°"
    plan = plan_from_dict({"rules": {"prolonged_sitting": {"enabled": True, "after_s": 2.5, "cue": "beep"}}})
    again = FeedbackPlanEditor(plan=plan)
    qtbot.addWidget(again)
    assert again.rows["prolonged_sitting"][1].value() == 2.5
    assert again.plan().rules["prolonged_sitting"].threshold == 2.5


def test_dutch_thresholds_carry_a_decimal_comma_as_the_reports_do(qtbot) -> None:
    """Qt's spin boxes wrote "2.50 s" in a Dutch dashboard whose reports write "2,5"."""
    from oefensense.analysis.feedback_plan import plan_from_dict
    from oefensense.gui import i18n
    from oefensense.gui.feedback_editor import FeedbackPlanEditor

    plan = plan_from_dict({"rules": {"prolonged_sitting": {"enabled": True, "after_s": 2.5, "cue": "beep"}}})
    try:
        i18n.set_language("nl")
        ed = FeedbackPlanEditor(plan=plan)
        qtbot.addWidget(ed)
        assert ed.rows["prolonged_sitting"][1].text() == "2,50 s"
        assert ed.plan().rules["prolonged_sitting"].threshold == 2.5
        assert i18n.num(12.84) == "12,8" and i18n.sep() == "; "
    finally:
        i18n.set_language("en")
    ed = FeedbackPlanEditor(plan=plan)
    qtbot.addWidget(ed)
    assert ed.rows["prolonged_sitting"][1].text() == "2.50 s" and i18n.num(12.84) == "12.8"
