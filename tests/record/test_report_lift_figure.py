"""The therapist report's lift figure never draws a lift without a trunk angle at 0°."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from oefensense.reports.figures import lifts  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


def test_a_lift_without_a_trunk_angle_is_left_out_and_said() -> None:
    events = [{"type": "lift", "t_s": 60.0, "technique": "squat", "peak_trunk_flexion_deg": 42.0},
              {"type": "lift", "t_s": 120.0, "technique": "stoop"}]  # no angle (an imported file)
    data = SimpleNamespace(events=events, info=SimpleNamespace(duration_s=600.0))
    fig, ax = plt.subplots()
    assert lifts(ax, data, Words("en"))
    drawn = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    assert 42.0 in drawn and 0.0 not in drawn  # was drawn at 0°
    assert any("1 of the lifts had no trunk angle" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_trunk_angle_greys_not_worn_time_and_a_long_session_is_in_hours() -> None:
    """Not-worn time (left out of the zones, like lying) was drawn in black as if counted, and a
    3-day week ran along a 0-4300 minutes axis."""
    from oefensense.reports.figures import trunk_angle

    t = np.arange(0, 3 * 86400.0, 60.0)
    timeline = SimpleNamespace(start_s=np.array([0.0, 3600.0, 7200.0]), end_s=np.array([3600.0, 7200.0, t[-1] + 60]),
                               posture=np.array(["standing", "non_wear", "sitting"]))
    data = SimpleNamespace(angle_t_s=t, angle_deg=np.full(len(t), 30.0), angle_provisional=None, timeline=timeline,
                           angle_name="trunk_flexion_deg")
    for language, label in (("en", "hours since the start"), ("nl", "uren sinds het begin")):
        fig, ax = plt.subplots()
        assert trunk_angle(ax, data, Words(language))
        grey, black = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
        off = (t >= 3600) & (t < 7200)
        assert np.isnan(black[off]).all() and not np.isnan(grey[off]).any()
        assert not np.isnan(black[~off]).any()
        assert ax.get_xlabel() == label and ax.get_xlim()[1] < 80  # hours, not 4320 minutes
        plt.close(fig)
    # from a pelvis sensor the seated time is left out of the zones too (analysis/exposure): grey
    fig, ax = plt.subplots()
    assert trunk_angle(ax, SimpleNamespace(**{**vars(data), "angle_name": "pelvis_tilt_deg"}), Words("en"))
    grey, black = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert np.isnan(black[t >= 3600]).all() and not np.isnan(black[t < 3600]).any()
    plt.close(fig)


def test_events_of_a_session_over_several_days_carry_their_date() -> None:
    from oefensense.record.results import parse_start
    from oefensense.reports.therapist import activity_page

    info = SimpleNamespace(id=1, start=parse_start("2026-03-02T00:00+01:00"), duration_s=3 * 86400.0,
                           summary={}, days=[])
    events = [{"type": "marker", "t_s": 86400.0 + 9 * 3600, "note": "koffie"}]
    data = SimpleNamespace(code="P001")
    s = SimpleNamespace(info=info, events=events, timeline=None, angle_deg=None)
    texts = [t.get_text() for t in activity_page(data, s, Words("nl")).texts]
    assert "3 mrt 09:00:00" in texts, texts  # Words.day_month since 13b3710 (it read "03-03 09:00:00")


def test_an_undetermined_lift_is_drawn_and_worded_in_english_and_dutch() -> None:
    """Issue #16: a slow lift at the waist whose technique cannot be told (``technique``
    "undetermined") is drawn and named as such, not left out of the figure (it was: only squat,
    mixed and stoop had a colour) nor called a stoop."""
    from oefensense.core.events import EVENT_TYPES

    events = [{"type": "lift", "t_s": 60.0, "technique": "undetermined", "technique_ambiguous": True,
               "technique_guess": "stoop", "peak_trunk_flexion_deg": 24.0}]
    data = SimpleNamespace(events=events, info=SimpleNamespace(duration_s=600.0))
    for language, word in (("en", "undetermined (slow lift, waist only)"), ("nl", "onbepaald (trage til, alleen bekken)")):
        fig, ax = plt.subplots()
        assert lifts(ax, data, Words(language))
        drawn = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
        assert list(drawn) == [24.0]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"{word} (1)"]
        plt.close(fig)
    lift = EVENT_TYPES["lift"]
    assert lift.values_en["undetermined"] == "undetermined" and lift.values_nl["undetermined"] == "onbepaald"


def test_a_day_without_lifts_says_so_under_a_several_day_figure() -> None:
    """A week's lift figure left the weekend an empty stretch (care audit, 4 Dec: no lifts were
    made those days, but the page did not say so): each day without a lift says "none" ("geen"),
    or "not worn" when the sensor was off all day."""
    from datetime import date

    from oefensense.record import parse_start

    events = [{"type": "lift", "t_s": 36000.0, "technique": "squat", "peak_trunk_flexion_deg": 30.0}]
    days = [{"date": date(2026, 3, 6), "lifts": 1, "wear_s": 80000.0}, {"date": date(2026, 3, 7), "lifts": 0, "wear_s": 80000.0},
            {"date": date(2026, 3, 8), "lifts": 0, "wear_s": 0.0}]
    info = SimpleNamespace(duration_s=3 * 86400.0, start=parse_start("2026-03-06T00:00+01:00"), days=days)
    for language, none, off in (("en", "none", "not worn"), ("nl", "geen", "niet gedragen")):
        fig, ax = plt.subplots()
        assert lifts(ax, SimpleNamespace(events=events, info=info), Words(language))
        said = {t.get_text(): t.get_position()[0] for t in ax.texts}
        plt.close(fig)
        assert said.get(none) == 36.0 and said.get(off) == 60.0, said  # the middle of Saturday and Sunday, in hours


def test_the_angle_axis_spans_upright_to_at_least_90_degrees() -> None:
    """One lift at 81° got an axis of 78-84°, as if the lifts varied widely: the axis now runs from
    0° to at least 90° (further when a peak is beyond it), the same scale in every session."""
    for peaks, want in (([81.0], (0.0, 90.0)), ([30.0, 35.0], (0.0, 90.0)), ([40.0, 110.0], (0.0, 115.0)),
                        ([-12.0], (-17.0, 90.0)), ([None], (0.0, 90.0))):
        events = [{"type": "lift", "t_s": 60.0 * (i + 1), "technique": "stoop", "peak_trunk_flexion_deg": p}
                  for i, p in enumerate(peaks)]
        fig, ax = plt.subplots()
        assert lifts(ax, SimpleNamespace(events=events, info=SimpleNamespace(duration_s=600.0)), Words("nl"))
        assert ax.get_ylim() == want, (peaks, ax.get_ylim())
        plt.close(fig)


def test_a_zone_under_a_minute_is_labelled_in_seconds() -> None:
    """A zone of 0.7 s read "0.0 min" beside a key figure of 0.3 % of the time, and an empty zone
    "0,0 min" beside "33 seconden" (therapist review, 5 Dec 2026): one rule, seconds under a minute."""
    from oefensense.reports.figures import zone_bars

    for language, want in (("en", ["2.0 min", "1 second", "0 seconds"]), ("nl", ["2,0 min", "33 seconden", "0 seconden"])):
        fig, ax = plt.subplots()
        zone_bars(ax, {"trunk_zones_s": {"0-20": 120.0, "20-60": 0.7 if language == "en" else 33.0, ">60": 0.0}},
                  Words(language))
        assert [t.get_text().strip() for t in ax.texts] == want
        plt.close(fig)


def test_a_key_figure_or_change_under_a_minute_reads_in_seconds_as_the_durations() -> None:
    """The same rule in the key figures and their change column: "0,0 min" read as a figure in
    minutes beside the data quality table's "49 seconden"."""
    nl, en = Words("nl"), Words("en")
    assert [nl.minutes_figure(v) for v in (0.0, 0.55, 1.0, 29.5)] == ["0 seconden", "33 seconden", "1,0 min", "29,5 min"]
    assert [en.minutes_figure(v, sign=True) for v in (-0.5, 0.0, 0.25, 1.5)] == ["-30 seconds", "0 seconds", "+15 seconds", "+1.5 min"]
