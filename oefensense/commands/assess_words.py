"""The guided tests' names, phases, flags and simulator-truth keys in words, for the terminal
(``oefensense assess``) and the dashboard's test panel alike: both pass their own ``tr`` (the
CLI's catalogue reader or Qt's), so the two say the same thing in Dutch and English."""

from __future__ import annotations

from collections.abc import Callable

from .lang import QT_TR_NOOP

TEST_NAMES = {
    "chair-stand-30s": QT_TR_NOOP("30-second chair stand"),
    "five-times-sit-to-stand": QT_TR_NOOP("Five times sit-to-stand"),
    "tug": QT_TR_NOOP("Timed Up and Go"),
    "trunk-rom": QT_TR_NOOP("Trunk range of motion"),
    "walk-test": QT_TR_NOOP("Walk test (2 or 6 min)"),
}
TRUTH = {  # the simulator's truth (assess_run.truth_summary): reps, time_s, steps, best ROM per direction
    "reps": QT_TR_NOOP("repetitions"),
    "time_s": QT_TR_NOOP("time (s)"),
    "steps": QT_TR_NOOP("steps"),
    "flexion": QT_TR_NOOP("flexion (°)"),
    "extension": QT_TR_NOOP("extension (°)"),
    "lateral_left": QT_TR_NOOP("side bend left (°)"),
    "lateral_right": QT_TR_NOOP("side bend right (°)"),
    "rotation_left": QT_TR_NOOP("rotation left (°)"),
    "rotation_right": QT_TR_NOOP("rotation right (°)"),
}
FLAGS = {  # oefensense.assessments.base.FLAG_CODES; the detail after it is the scorer's own (English)
    "interrupted": QT_TR_NOOP("Interrupted: the data ended, or had a gap, before the test was done"),
    "not_started": QT_TR_NOOP("No test movement found"),
    "sensor_gap": QT_TR_NOOP("Sensor data missing during the test"),
    "too_few_reps": QT_TR_NOOP("Fewer repetitions than the protocol asks"),
    # not "scored on the first ones": the detail says what counted, and a result may have no score
    "too_many_reps": QT_TR_NOOP("More repetitions than asked"),
    "incomplete_stand": QT_TR_NOOP("A stand-up without a full sit-down (or the reverse)"),
    "pause": QT_TR_NOOP("A rest inside a test meant to be continuous"),
    "missing_phase": QT_TR_NOOP("A phase of the test was not found"),
    "missing_sensor": QT_TR_NOOP("A measure needs a sensor that is not worn"),
    "combined_movement": QT_TR_NOOP("The trunk also moved in a second plane at the peak"),
    "forward_uncertain": QT_TR_NOOP("Measured while the sensor did not know which way is forward"),
    "needs_leg_length": QT_TR_NOOP("Gait speed needs the leg length"),
    "unsettled_start": QT_TR_NOOP("The sensor was still settling or moving when the test began"),
    "moving_at_end": QT_TR_NOOP("The patient was still moving when the data ended: the last movement may be cut"),
}
# the five times sit-to-stand's second time (``time_to_fifth_sit_s``), for protocols that stop seated
FIFTH_SIT = QT_TR_NOOP("until seated after the 5th stand")
VERDICTS = {  # norms.Reference.verdict: where the result falls against the published range
    "below": QT_TR_NOOP("below the range"), "within": QT_TR_NOOP("within the range"), "above": QT_TR_NOOP("above the range"),
}
UNITS = {"stands": QT_TR_NOOP("stands")}  # norms.Reference.unit besides "s"
SEXES = {"f": QT_TR_NOOP("female"), "m": QT_TR_NOOP("male")}  # norms.Reference.sex
PHASES = {
    "stand_up": QT_TR_NOOP("stand up"),
    "sit_down": QT_TR_NOOP("sit down"),
    "walk": QT_TR_NOOP("walk"),
    "turn": QT_TR_NOOP("turn"),
    "walk_back": QT_TR_NOOP("walk back"),
    "turn_2": QT_TR_NOOP("turn 2"),
}


def test_name(test: str, tr: Callable[[str], str]) -> str:
    """``tug`` -> "Timed Up and Go"; an unknown code as it is."""
    return tr(TEST_NAMES[test]) if test in TEST_NAMES else test


def phase_name(name: str, tr: Callable[[str], str]) -> str:
    """``stand_up_3`` -> "stand up 3" / "opstaan 3"; ``turn_2`` is a phase of its own."""
    base, _, k = name.rpartition("_") if name[-1:].isdigit() and name not in PHASES else (name, "", "")
    words = tr(PHASES[base]) if base in PHASES else base.replace("_", " ")
    return f"{words} {k}".strip()


def direction_name(direction: str, tr: Callable[[str], str]) -> str:
    """A ROM direction (``lateral_left``) in words without its unit: "side bend left" / "zijwaarts buigen links"."""
    return truth_name(direction, tr).removesuffix(" (°)")


def flag_text(code: str, tr: Callable[[str], str]) -> str:
    """A quality flag's sentence; an unknown code as it is."""
    return tr(FLAGS[code]) if code in FLAGS else code


def truth_name(key: str, tr: Callable[[str], str]) -> str:
    """A simulator-truth key (``assess_run.truth_summary``) in words."""
    return tr(TRUTH[key]) if key in TRUTH else key


def reference_span(low: float | None, high: float | None, num: Callable[..., str]) -> str:
    """A reference range: "10-15", "≤ 12,6" (only an upper bound: Bohannon's 5×STS cut-off; it
    read "-12,6", a negative number), "≥ 1,1" (only a lower bound)."""
    if low is None and high is not None:
        return f"≤ {plain_number(high, num)}"
    if high is None and low is not None:
        return f"≥ {plain_number(low, num)}"
    return f"{plain_number(low, num)}-{plain_number(high, num)}"


def plain_number(value: object, num: Callable[..., str]) -> str:
    """A value as given (a simulator truth, a reference bound): counts whole, seconds and
    degrees with at most two decimals, no trailing zeros and the language's decimal sign
    (``num``: the CLI's or the dashboard's; "70", "12,86", "1,5"), "–" when there is none."""
    if value is None:
        return "–"
    return num(value, 2, trim=True) if isinstance(value, float) else str(value)


def verdict_text(verdict: str | None, tr: Callable[[str], str]) -> str:
    """A reference verdict ("above") in words ("above the range" / "boven het bereik")."""
    return tr(VERDICTS[verdict]) if verdict in VERDICTS else (verdict or "–")


def unit_text(unit: str, tr: Callable[[str], str]) -> str:
    """A reference's unit in words ("stands" / "keer opgestaan"; "s" stays)."""
    return tr(UNITS[unit]) if unit in UNITS else unit
