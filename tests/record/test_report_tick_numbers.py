"""The report's axes in its language: a Dutch report said "3,8 min" in its text and "0.25",
"0.75" on the trend axes beside it, and a count (lifts) had ticks at 0.25 lifts."""

from __future__ import annotations

from datetime import date

from oefensense.reports import figures, layout
from oefensense.reports.text import Words


def _ticks(language: str, values: list, counts: bool) -> list[str]:
    fig = layout.new_page()
    ax = fig.add_axes((0.1, 0.1, 0.4, 0.2))
    w = Words(language)
    figures.trend(ax, [date(2026, 11, 2), date(2026, 11, 16)], values, "t", w, counts=counts)
    layout.local_numbers(fig, language)
    fig.canvas.draw()
    return [t.get_text() for t in ax.get_yticklabels()]


def test_dutch_axes_have_decimal_commas_and_english_points() -> None:
    nl, en = _ticks("nl", [0.67, 0.4], False), _ticks("en", [0.67, 0.4], False)
    assert any("," in t for t in nl) and not any("." in t for t in nl), nl
    assert any("." in t for t in en) and not any("," in t for t in en), en


def test_a_count_has_whole_ticks() -> None:
    for values in ([0, 0], [3, 1], [1, 2]):
        ticks = _ticks("nl", values, True)
        assert ticks and all(t.lstrip("−-").isdigit() for t in ticks), (values, ticks)
