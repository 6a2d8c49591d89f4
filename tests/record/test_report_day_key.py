"""The key above the therapist report's day bars stays inside the page's margins.

With all nine entries (seven postures, not worn, no data) the key was one row from the left
margin and, in Dutch ("rechtop, stil (zitten of staan)", "niet gedragen", "geen gegevens"), ran
past the right margin off the page. Now it takes as many rows as it needs, and the bars give up
the height of the extra rows so the key never reaches the heading above it."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from oefensense.record import parse_start  # noqa: E402
from oefensense.reports import layout  # noqa: E402
from oefensense.reports.figures import DAY_ORDER, posture_per_day  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


def _three_days_of_every_posture() -> SimpleNamespace:
    """Three days; each hour of the day its posture in DAY_ORDER's turn (all nine every day)."""
    starts = np.arange(0, 3 * 86400, 3600, dtype=float)
    postures = np.array([DAY_ORDER[i % len(DAY_ORDER)] for i in range(len(starts))])
    timeline = SimpleNamespace(start_s=starts, end_s=starts + 3600.0, posture=postures)
    info = SimpleNamespace(start=parse_start("2026-03-02T00:00+01:00"), days=[0, 1, 2])
    return SimpleNamespace(info=info, timeline=timeline, events=[{"type": "sit_to_stand", "t_s": 9 * 3600.0}])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_key_of_all_nine_postures_stays_within_the_margins_and_under_the_heading(language: str) -> None:
    w = Words(language)
    fig = layout.new_page()
    y = layout.header(fig, w["therapist_title"], "P001")
    y = layout.heading(fig, y, w["posture_per_day"])
    heading = fig.texts[-1]
    h = 0.05 + 0.035 * 3  # as therapist.posture_pages sizes three days
    ax = layout.axes(fig, y - 0.005, h, left=0.2)
    posture_per_day(ax, _three_days_of_every_posture(), w)
    renderer = FigureCanvasAgg(fig).get_renderer()
    to_fig = fig.transFigure.inverted()
    keys = [a for a in [*ax.artists, ax.get_legend()] if isinstance(a, matplotlib.legend.Legend)]
    posture_key = next(k for k in keys if len(k.get_texts()) == len(DAY_ORDER))
    labels = [t.get_text() for t in posture_key.get_texts()]
    assert labels == [w.posture(p) for p in DAY_ORDER], labels  # all nine, in order
    box = posture_key.get_window_extent(renderer).transformed(to_fig)
    assert box.x0 >= layout.MARGIN - 0.005 and box.x1 <= 1 - layout.MARGIN, (language, box)
    for text in posture_key.get_texts():  # every entry on the page, inside the margins
        tb = text.get_window_extent(renderer).transformed(to_fig)
        assert tb.x1 <= 1 - layout.MARGIN, (language, text.get_text(), tb)
    head = heading.get_window_extent(renderer).transformed(to_fig)
    assert box.y1 <= head.y0, (language, box, head)  # under the heading
    assert box.y0 >= ax.get_position().y1 - 1e-6, (language, box, ax.get_position())  # above the bars
