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
    labels = sorted(t.get_text() for t in posture_key.get_texts())
    assert labels == sorted(w.posture(p) for p in DAY_ORDER), labels  # all nine (their order: below)
    box = posture_key.get_window_extent(renderer).transformed(to_fig)
    assert box.x0 >= layout.MARGIN - 0.005 and box.x1 <= 1 - layout.MARGIN, (language, box)
    for text in posture_key.get_texts():  # every entry on the page, inside the margins
        tb = text.get_window_extent(renderer).transformed(to_fig)
        assert tb.x1 <= 1 - layout.MARGIN, (language, text.get_text(), tb)
    head = heading.get_window_extent(renderer).transformed(to_fig)
    assert box.y1 <= head.y0, (language, box, head)  # under the heading
    assert box.y0 >= ax.get_position().y1 - 1e-6, (language, box, ax.get_position())  # above the bars


def _reading_order(legend, renderer) -> list[str]:  # noqa: ANN001
    """The legend's entries as a reader takes them: top row first, each row left to right."""
    boxes = [(t.get_window_extent(renderer), t.get_text()) for t in legend.get_texts()]
    rows = sorted({round(b.y0) for b, _ in boxes}, reverse=True)
    return [text for row in rows for b, text in sorted(((b, t) for b, t in boxes if round(b.y0) == row), key=lambda bt: bt[0].x0)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_key_of_two_rows_reads_row_by_row(language: str) -> None:
    """All nine entries in two rows were laid out column by column: the top row read "zitten,
    staan, ..." skipping every other posture, and a reader going left to right met them out of the
    order the bars and the other keys use."""
    w = Words(language)
    fig = layout.new_page()
    y = layout.heading(fig, layout.header(fig, w["therapist_title"], "P001"), w["posture_per_day"])
    ax = layout.axes(fig, y - 0.005, 0.05 + 0.035 * 3, left=0.2)
    posture_per_day(ax, _three_days_of_every_posture(), w)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the entries' places are set when the key is drawn
    renderer = canvas.get_renderer()
    keys = [a for a in [*ax.artists, ax.get_legend()] if isinstance(a, matplotlib.legend.Legend)]
    posture_key = next(k for k in keys if len(k.get_texts()) == len(DAY_ORDER))
    rows = {round(t.get_window_extent(renderer).y0) for t in posture_key.get_texts()}
    assert len(rows) >= 2, rows  # the case that was read down the columns
    assert _reading_order(posture_key, renderer) == [w.posture(p) for p in DAY_ORDER]


def test_row_major_places_each_item_where_a_row_wise_reading_expects_it() -> None:
    from oefensense.reports.figures import row_major

    assert row_major(list("abcdefghi"), 5) == list("afbgchdie")  # columns a/f, b/g, c/h, d/i, e
    assert row_major(list("abcdefg"), 3) == list("adgbecf")
    assert row_major(list("abc"), 3) == list("abc")
