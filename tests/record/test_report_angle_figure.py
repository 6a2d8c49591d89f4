"""The trunk-angle figure greys out lying and not-worn time. A mask over every angle sample per
left-out span took 3 of a week's report's 4 minutes (15 600 spans x 6 M samples, care audit
4 Dec); the samples in the spans are now found by index ranges, with the same result."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from oefensense.reports.figures import _inside, trunk_angle  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


def _brute(t: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    out = np.zeros(len(t), dtype=bool)
    for t0, t1 in spans:
        out |= (t >= t0) & (t < t1)
    return out


def test_samples_inside_spans_are_found_by_index_ranges() -> None:
    rng = np.random.default_rng(1)
    t = np.round(np.arange(0, 600.0, 0.1), 1)
    starts = np.sort(rng.choice(t, 80))
    spans = [(float(a), float(a + d)) for a, d in zip(starts, rng.choice([0.0, 0.1, 0.35, 4.0, 30.0], 80))]
    spans += [(10.0, 20.0), (15.0, 25.0), (599.95, 700.0), (-5.0, 0.0)]  # overlapping, past the end, before it
    assert np.array_equal(_inside(t, spans), _brute(t, spans))
    assert not _inside(t, []).any()


def test_the_figure_greys_the_samples_of_lying_and_not_worn_time() -> None:
    t = np.arange(0, 3600.0, 0.1)
    deg = 30.0 + 10.0 * np.sin(t / 60.0)
    timeline = SimpleNamespace(start_s=np.array([0.0, 600.0, 900.0, 1200.0, 1800.0]),
                               end_s=np.array([600.0, 900.0, 1200.0, 1800.0, 3600.0]),
                               posture=np.array(["standing", "lying", "non_wear", "walking", "lying"]))
    data = SimpleNamespace(angle_deg=deg, angle_t_s=t, angle_name="trunk_flexion_deg", angle_provisional=None,
                           timeline=timeline)
    fig, ax = plt.subplots()
    assert trunk_angle(ax, data, Words("en"))
    grey, black = (np.asarray(line.get_ydata(), float) for line in ax.lines[:2])
    plt.close(fig)
    left_out = _brute(t, [(600.0, 900.0), (900.0, 1200.0), (1800.0, 3600.0)])
    assert np.array_equal(np.isnan(black), left_out) and np.array_equal(~np.isnan(grey), left_out)


def test_long_durations_read_in_hours_and_minutes() -> None:
    """The week's report said "153,0 uur" and "17,2 uur" (care audit, 4 Dec); over an hour in hours
    and minutes (from 1.5 h until 4 Dec 2026: 5399 s read "90,0 min")."""
    nl, en = Words("nl"), Words("en")
    assert [nl.minutes(s) for s in (40, 1770, 3600, 5399, 5400, 604800, 550800 + 720, 61920)] == [
        "40 seconden", "29,5 min", "60,0 min", "1 uur 30 min", "1 uur 30 min", "168 uur", "153 uur 12 min", "17 uur 12 min"]
    assert en.minutes(61920) == "17 h 12 min" and en.minutes(7200) == "2 h"


def test_the_events_table_leaves_out_the_clock_and_a_moment_has_no_duration() -> None:
    """"Kloktijd 0,0 s" was a row of the week's events table: the clock event is the session's start."""
    from oefensense.reports.therapist import LISTED_EVENTS_SKIP, _details

    assert "clock" in LISTED_EVENTS_SKIP
    w = Words("nl")
    assert _details({"type": "marker", "t_s": 5.0, "end_s": 5.0, "note": "pijn"}, w) == "pijn"
    assert _details({"type": "non_wear", "t_s": 0.0, "end_s": 1770.0}, w) == "29,5 min"
