"""The feedback plan file: the issue's minimal plan, the full form, and one-line errors naming the key."""

from __future__ import annotations

import pytest

from oefensense.analysis.feedback_plan import PlanError, load_plan, plan_from_dict
from oefensense.analysis.registry import REGISTRY
from oefensense.pipeline import PipelineSettings

MINIMAL = """
[rules.prolonged_sitting]
enabled = true
after_s = 15
cue = "vibrate"
"""

FULL = """
quiet_hours = ["22:00", "07:30"]
daily_cap = 8
baseline_s = 60
baseline_until = 2026-12-03
neutral_s = 3
wearable = "pelvis"

[rules.prolonged_sitting]
after_s = 1800
repeat_s = 0
cue = "beep"

[rules.stoop_lift]
over_deg = 45
cue = "vibrate"
pattern = "double"
when = "after_neutral"
message_nl = "Door de knieën."

[rules.twist_while_flexed]
enabled = false

[rules.long_static_bend]
after_s = 90
cue = "message"
"""


def _write(tmp_path, text: str):  # noqa: ANN001, ANN202
    p = tmp_path / "plan.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_issues_minimal_plan(tmp_path) -> None:
    plan = load_plan(_write(tmp_path, MINIMAL))
    rule = plan.rules["prolonged_sitting"]
    assert (rule.enabled, rule.threshold, rule.cue, rule.when, rule.pattern) == (True, 15.0, "vibrate", "at_once", "short")
    settings = plan.stage_settings()
    assert settings["sitting"] == {"prolonged_s": 15.0, "repeat_s": 15.0}  # reminders every after_s by default
    assert "feedback" not in settings  # the technique rules keep their shipped thresholds
    REGISTRY.resolve(PipelineSettings(stage_settings=settings))  # valid pipeline settings
    assert plan_from_dict(plan.to_dict()) == plan  # round trip through the manifest form


def test_the_full_form_sets_the_feedback_rules_and_round_trips(tmp_path) -> None:
    plan = load_plan(_write(tmp_path, FULL))
    assert plan.quiet_hours == ("22:00", "07:30") and plan.daily_cap == 8 and plan.baseline_s == 60.0
    assert plan.baseline_until == "2026-12-03" and plan.neutral_s == 3.0 and plan.wearable == "pelvis"
    assert plan.rules["stoop_lift"].message_nl == "Door de knieën."
    assert plan.rules["stoop_lift"].message_en == "Bend your knees when lifting."  # default text
    assert set(plan.active()) == {"prolonged_sitting", "stoop_lift", "long_static_bend"}
    st = plan.stage_settings()
    assert st["sitting"] == {"prolonged_s": 1800.0, "repeat_s": 0.0}
    rules = {r["rule"]: r for r in st["feedback"]["rules"]}
    assert rules["stoop_lift"]["when"] == [["technique", "==", "stoop"], ["peak_trunk_flexion_deg", ">", 45.0]]
    assert rules["twist_while_flexed"]["enabled"] is True  # no cue, but the therapist still sees the alert
    assert rules["long_static_bend"]["when"] == [["duration_s", ">", 90.0]]
    resolved = REGISTRY.resolve(PipelineSettings(stage_settings=st))
    assert plan_from_dict(resolved.stage_settings["cues"]["plan"]) == plan


@pytest.mark.parametrize("text, key", [
    ("[rules.prolonged_sitting]\nafter_s = -5\n", "rules.prolonged_sitting.after_s"),
    ("[rules.prolonged_sitting]\nafter_s = \"15\"\n", "rules.prolonged_sitting.after_s"),
    ("[rules.prolonged_sitting]\ncue = \"shout\"\n", "rules.prolonged_sitting.cue"),
    ("[rules.prolonged_sitting]\nwhen = \"later\"\n", "rules.prolonged_sitting.when"),
    ("[rules.prolonged_sitting]\nenabled = \"yes\"\n", "rules.prolonged_sitting.enabled"),
    ("[rules.prolonged_sitting]\nover_deg = 5\n", "rules.prolonged_sitting.over_deg"),
    ("[rules.stoop_lift]\nrepeat_s = 5\n", "rules.stoop_lift.repeat_s"),
    ("[rules.sleeping]\nafter_s = 5\n", "rules.sleeping"),
    ("quiet_hours = [\"25:00\", \"07:00\"]\n", "quiet_hours"),
    ("quiet_hours = \"22:00\"\n", "quiet_hours"),
    ("daily_cap = 0\n", "daily_cap"),
    ("baseline_s = -1\n", "baseline_s"),
    ("baseline_until = \"next week\"\n", "baseline_until"),
    ("baseline_until = 2026-12-03T08:00:00+01:00\n", "baseline_until"),
    ("cap = 3\n", "cap"),
    ("[rules.stoop_lift]\npattern = \"sos\"\n", "rules.stoop_lift.pattern"),
])
def test_errors_are_one_line_naming_the_file_and_key(tmp_path, text: str, key: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(PlanError) as err:
        load_plan(path)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(f"{path}: {key}: "), msg


def test_unreadable_files_are_one_line(tmp_path) -> None:
    with pytest.raises(PlanError, match="no such feedback plan"):
        load_plan(tmp_path / "missing.toml")
    with pytest.raises(PlanError, match="not valid TOML"):
        load_plan(_write(tmp_path, "[rules.prolonged_sitting\n"))


def test_a_plan_applied_to_recorded_settings_adds_the_cue_stage() -> None:
    from oefensense.analysis.feedback_plan import with_plan

    recorded = REGISTRY.resolve(PipelineSettings(stages=tuple(n for n in REGISTRY.names if n != "cues"),
                                                 stage_settings={"sitting": {"min_bout_s": 7.0}}))
    plan = plan_from_dict({"rules": {"prolonged_sitting": {"after_s": 20, "repeat_s": 0}}})
    s = with_plan(recorded, plan)
    assert s.stages[-1] == "cues" and REGISTRY.resolve(s).stages == s.stages
    assert s.stage_settings["sitting"] == {"min_bout_s": 7.0, "prolonged_s": 20.0, "repeat_s": 0.0}
