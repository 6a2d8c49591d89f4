"""A change is judged as it is shown: rounded to the figure's digits."""

from oefensense.record.measures import measure
from oefensense.record.progress import Change


def test_a_change_below_the_shown_digits_is_unchanged_not_minus_zero():
    digits = measure("sitting_h_per_day").digits
    tiny = 0.4 * 10 ** -digits
    ch = Change("sitting_h_per_day", now=2.0, before=2.0 + tiny)
    assert ch.delta == 0.0 and str(ch.delta) == "0.0" and ch.improved is None
    real = Change("sitting_h_per_day", now=2.0, before=3.0)
    assert real.delta == -1.0 and real.improved is True  # less sitting is better


def _session(days: list[dict], duration_s: float):  # noqa: ANN202
    from datetime import datetime, timezone
    from pathlib import Path

    from oefensense.record.results import ClockStart
    from oefensense.record.store import SessionInfo

    return SessionInfo(1, "P001", "free", "", ClockStart(datetime(2026, 3, 2, tzinfo=timezone.utc), 60), duration_s, "x",
                       False, Path("x"), "h", {}, [], {}, datetime(2026, 3, 2, tzinfo=timezone.utc), days)


def test_per_day_figures_count_valid_days_only_so_a_short_session_is_not_compared_per_day() -> None:
    """A 4-min clinic session read 0.05 h/d sitting "per recorded day", and a 2-day week's 8.4 h/d
    beside it showed as "8.4 h/d better". Per-day figures now average the valid days (worn >=
    --valid-day-hours); without one there is no per-day figure; without a wear rule all days count."""
    from oefensense.record.progress import compare, session_figures

    clinic = _session([{"valid_day": False, "wear_s": 240.0, "sitting_s": 180.0, "sitting_bouts_over_30min": 0}], 240.0)
    week = _session([{"valid_day": True, "wear_s": 50400.0, "sitting_s": 30240.0, "sitting_bouts_over_30min": 3},
                     {"valid_day": True, "wear_s": 50400.0, "sitting_s": 30240.0, "sitting_bouts_over_30min": 1},
                     {"valid_day": False, "wear_s": 3600.0, "sitting_s": 3600.0, "sitting_bouts_over_30min": 1}], 3 * 86400.0)
    assert session_figures(clinic)["sitting_h_per_day"] is None
    assert session_figures(clinic)["long_sitting_bouts_per_day"] is None
    assert session_figures(clinic)["sitting_pct"] == 75.0  # a share needs no whole day
    fig = session_figures(week)
    assert fig["sitting_h_per_day"] == 8.4 and fig["long_sitting_bouts_per_day"] == 2.0
    assert fig["sitting_pct"] == round(100 * 64080 / 104400, 2)  # a share of all worn time
    change = {c.code: c for c in compare(clinic, week)}["sitting_h_per_day"]
    assert change.delta is None and change.improved is None  # no "8.4 h/d better"
    lab = _session([{"valid_day": None, "wear_s": 600.0, "sitting_s": 360.0, "sitting_bouts_over_30min": 0}], 600.0)
    assert session_figures(lab)["sitting_h_per_day"] == 0.1  # no wear rule: every day counts, as before


def test_patient_show_judges_a_change_as_shown_too() -> None:
    """`patient show` printed "-0,0 h/d" (in green or red) where the report said "0,0 … gelijk":
    it took the sign of the unrounded change."""
    from oefensense.commands.lang import set_cli_language
    from oefensense.commands.patient import _change_cell

    set_cli_language("nl")
    try:
        assert _change_cell([2.04, 2.0], False, "h/d") == "0,0 h/d"
        assert _change_cell([2.0, 2.04], False, "h/d") == "0,0 h/d"
        assert _change_cell([2.0, 2.6], False, "h/d") == "[red]+0,6 h/d[/]"
        assert _change_cell([3.0, 2.0], False, "h/d") == "[green]-1,0 h/d[/]"
    finally:
        set_cli_language(None)


def test_patient_show_changes_from_the_session_before_the_newest_as_the_report_does() -> None:
    """Two 24-h days then a 2-min simulated session without a valid day: `patient show` printed
    "–" for the newest beside "0,0 h/d", the change between the two days before it, where the
    report's key figures (newest against the one before) said "–" (care walk-through, 5 Dec 2026)."""
    from oefensense.commands.lang import set_cli_language
    from oefensense.commands.patient import _change_cell

    set_cli_language("nl")
    try:
        assert _change_cell([7.34, 7.34, None], False, "h/d") == "–"
        assert _change_cell([7.34, None, 5.0], False, "h/d") == "–"  # no value the session before
        assert _change_cell([None, 7.34, 5.0], False, "h/d") == "[green]-2,3 h/d[/]"
        assert _change_cell([5.0], False, "h/d") == "–"
    finally:
        set_cli_language(None)
