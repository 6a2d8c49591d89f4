"""The posture-per-day bar of a day of many short segments shows what filled the time: drawn piece
by piece, whichever posture was drawn last covered the rest (a generated day's hours of mixed
activity read as an hour of "transition", 15 % of that time)."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from oefensense.record import parse_start  # noqa: E402
from oefensense.reports.figures import POSTURE_COLOURS, posture_per_day  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


def _drawn_hours(ax) -> dict[str, float]:  # noqa: ANN001
    colour_of = {tuple(np.round(matplotlib.colors.to_rgba(c), 3)): p for p, c in POSTURE_COLOURS.items()}
    out: dict[str, float] = {}
    for coll in ax.collections:
        name = colour_of[tuple(np.round(coll.get_facecolor()[0], 3))]
        for path in coll.get_paths():
            xs = path.vertices[:, 0]
            out[name] = out.get(name, 0.0) + float(xs.max() - xs.min())
    return out


def test_a_day_of_short_segments_is_drawn_by_what_filled_its_time() -> None:
    # a whole day: lying to 08:00; 08:00-10:00 30 s sitting, 10 s transition, over and over (180
    # pairs); 10:00-10:30 walking; lying to midnight (a 24-h axis: bins of 2 minutes)
    starts, ends, postures = [0.0], [8 * 3600.0], ["lying"]
    t = 8 * 3600.0
    for _ in range(180):
        starts += [t, t + 30.0]
        ends += [t + 30.0, t + 40.0]
        postures += ["sitting", "transition"]
        t += 40.0
    starts.append(t)
    ends.append(t + 1800.0)
    postures.append("walking")
    starts.append(t + 1800.0)
    ends.append(86400.0)
    postures.append("lying")
    timeline = SimpleNamespace(start_s=np.array(starts), end_s=np.array(ends), posture=np.array(postures))
    info = SimpleNamespace(start=parse_start("2026-03-02T00:00+01:00"))
    fig, ax = plt.subplots()
    posture_per_day(ax, SimpleNamespace(info=info, timeline=timeline), Words("en"))
    drawn = _drawn_hours(ax)
    plt.close(fig)
    assert "transition" not in drawn  # a quarter of every minute: never what filled a bin
    assert abs(drawn["sitting"] - 2.0) < 0.04 and abs(drawn["walking"] - 0.5) < 0.04  # to a bin
    assert abs(sum(drawn.values()) - 24.0) < 1e-6


def _ticks(start: str, seconds: float) -> list[tuple[float, str]]:
    timeline = SimpleNamespace(start_s=np.array([0.0, seconds / 2]), end_s=np.array([seconds / 2, seconds]),
                               posture=np.array(["standing", "walking"]))
    fig, ax = plt.subplots(figsize=(7.0, 1.6))
    posture_per_day(ax, SimpleNamespace(info=SimpleNamespace(start=parse_start(start)), timeline=timeline), Words("nl"))
    fig.canvas.draw()
    lo, hi = ax.get_xlim()
    out = [(float(x), t.get_text()) for x, t in zip(ax.get_xticks(), ax.get_xticklabels()) if lo - 1e-9 <= x <= hi + 1e-9]
    plt.close(fig)
    return out


def test_clock_ticks_are_whole_minutes_labelled_with_their_own_time() -> None:
    """Care audit 5 Dec 2026: a 7-min session from 08:30 had matplotlib's decimal-hour ticks
    (every 0.02 h) labelled to the minute: evenly spaced ticks read "08:30 08:31 08:32 08:34 ...
    08:38 08:40", and the bar's end at 08:37 stood left of the tick labelled "08:37"."""
    for start, seconds in (("2026-03-05T08:30+01:00", 420.0), ("2026-03-05T08:30+01:00", 95 * 60.0),
                           ("2026-03-05T13:07+01:00", 3 * 3600.0), ("2026-03-05T00:00+01:00", 86400.0)):
        ticks = _ticks(start, seconds)
        assert len(ticks) >= 3, (start, seconds, ticks)
        minutes = [x * 60.0 for x, _ in ticks]
        assert all(abs(m - round(m)) < 1e-6 for m in minutes), ticks  # on whole minutes
        steps = {round(b - a) for a, b in zip(minutes, minutes[1:])}
        assert len(steps) == 1 and steps <= {1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360}, ticks
        for m, label in zip(minutes, (label for _, label in ticks)):
            m = int(round(m))
            assert label == ("24:00" if m == 1440 else f"{m // 60 % 24:02d}:{m % 60:02d}"), ticks
    assert [label for _, label in _ticks("2026-03-05T08:30+01:00", 420.0)][:2] == ["08:30", "08:32"]
    assert _ticks("2026-03-05T00:00+01:00", 86400.0)[-1][1] == "24:00"  # the day's end, not "00:00"
