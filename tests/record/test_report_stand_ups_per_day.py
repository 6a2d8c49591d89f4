"""Stand-ups in the therapist report's posture-per-day bars: sit_to_stands_per_day ("Opstaan per
geldige dag") was in the record, the key figures and the day table, but drawn nowhere in the
day, where sitting, lying and non-wear are drawn at their clock time. Each stand-up is now a tick
above its day's bar at its clock time, counted in the legend."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402

from oefensense.record import parse_start  # noqa: E402
from oefensense.reports.figures import DAY_ORDER  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402

DAY_S = 86400.0


def _two_days(postures: tuple[str, ...] = ("lying", "sitting", "standing")) -> SimpleNamespace:
    """Mon 2 and Tue 3 March 2026 (Amsterdam), 10-minute segments cycling through ``postures``;
    stand-ups on Monday at 09:15 and 14:30, on Tuesday at 16:45 (a sit-to-walk and a lift too)."""
    t = np.arange(0.0, 2 * DAY_S, 600.0)
    timeline = SimpleNamespace(start_s=t, end_s=t + 600.0, posture=np.array([postures[i % len(postures)] for i in range(len(t))]))
    events = [{"type": "sit_to_stand", "t_s": s, "end_s": s + 2.0} for s in (9.25 * 3600, 14.5 * 3600, DAY_S + 16.75 * 3600)]
    events += [{"type": "stand_to_sit", "t_s": 10 * 3600.0, "end_s": 10 * 3600.0 + 2.0},
               {"type": "lift", "t_s": 11 * 3600.0, "end_s": 11 * 3600.0 + 2.0, "technique": "squat"}]
    info = SimpleNamespace(id=1, start=parse_start("2026-03-02T00:00+01:00"), duration_s=2 * DAY_S, days=[{}, {}],
                           summary={"trunk_zones_s": {"0-20": 600.0}})
    return SimpleNamespace(info=info, timeline=timeline, events=events, angle_t_s=None, angle_deg=None,
                           angle_provisional=None, angle_name=None)


def _day_axes(fig):  # noqa: ANN001, ANN202
    return next(ax for ax in fig.axes if ax.get_legend() is not None and any("2026" in t.get_text() for t in ax.get_yticklabels()))


def _keys(ax) -> list[Legend]:  # noqa: ANN001
    """The day bars' legends: the postures' row, then the stand-ups' key when there is one."""
    return [a for a in ax.artists if isinstance(a, Legend)] + [ax.get_legend()]


def test_each_stand_up_is_a_tick_above_its_days_bar_at_its_clock_time() -> None:
    from oefensense.reports.therapist import posture_pages

    for lang, word in (("en", "stand-ups (3)"), ("nl", "opstaan (3)")):
        fig = posture_pages(SimpleNamespace(code="W001"), _two_days(), Words(lang))[0]
        ax = _day_axes(fig)
        ticks = [seg for c in ax.collections if isinstance(c, LineCollection) for seg in c.get_segments()]
        # (hour of the day, row of the day): Monday is row 0, Tuesday row 1; the bar spans row ± 0.38
        got = sorted((round(float(s[0, 0]), 3), round(float(s[:, 1].mean()))) for s in ticks)
        assert got == [(9.25, 0), (14.5, 0), (16.75, 1)], got
        assert all(s[:, 1].max() <= round(float(s[:, 1].mean())) - 0.38 for s in ticks), ticks  # above the bar, not on it
        keys = _keys(ax)
        assert len(keys) == 2 and [t.get_text() for t in keys[1].get_texts()] == [word], keys


def test_no_stand_up_no_tick_and_no_legend_entry() -> None:
    from oefensense.reports.therapist import posture_pages

    data = _two_days()
    data = SimpleNamespace(**{**vars(data), "events": [e for e in data.events if e["type"] != "sit_to_stand"]})
    ax = _day_axes(posture_pages(SimpleNamespace(code="W001"), data, Words("en"))[0])
    assert not [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(_keys(ax)) == 1 and not [t for t in ax.get_legend().get_texts() if "stand-up" in t.get_text()]


def test_the_stand_ups_key_stays_on_the_page_beside_every_posture() -> None:
    """Nine posture entries fill the row above the bars (Dutch words are the longer): the stand-ups
    have their own key under the bars' right end (in that row it ran off the page)."""
    from oefensense.reports.therapist import posture_pages

    for lang in ("nl", "en"):
        fig = posture_pages(SimpleNamespace(code="W001"), _two_days(DAY_ORDER), Words(lang))[0]
        ax = _day_axes(fig)
        renderer = FigureCanvasAgg(fig).get_renderer()
        postures, stand_ups = _keys(ax)
        assert len(postures.get_texts()) == len(DAY_ORDER) and len(stand_ups.get_texts()) == 1
        # the stand-ups' key within the axes' width, under the tick labels, clear of the axis label
        box = stand_ups.get_window_extent(renderer)
        axes = ax.get_window_extent(renderer)
        assert axes.x0 < box.x0 and box.x1 <= axes.x1 + 1 and box.y1 < axes.y0, (lang, box, axes)
        ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        assert not [t for t in ticks + [ax.xaxis.label.get_window_extent(renderer)] if t.overlaps(box)], (lang, box, ticks)
        assert postures.get_window_extent(renderer).x1 <= fig.bbox.width, lang  # the posture row as before: on the page
