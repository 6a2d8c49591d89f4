"""The report's plots, each drawn into a given matplotlib axes (Agg; no Qt)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from ..core.palette import POSTURE_COLOURS, ZONE_COLOURS
from .data import SessionData
from .layout import MARGIN
from .text import Words

POSTURE_ORDER = ("sitting", "standing", "upright_still", "walking", "lying", "transition", "unknown")
#: the day bars also show where the sensor was not worn or sent nothing (each in the legend)
DAY_ORDER = POSTURE_ORDER + ("non_wear", "no_data")
SIMULATED_COLOUR = "#777777"  # a simulated session's trend points and note: grey, not a measured colour
TECHNIQUE_COLOURS = {"squat": "#009E73", "mixed": "#E69F00", "stoop": "#D55E00", "undetermined": "#999999"}


#: a session longer than this is drawn in hours since its start (0-4300 minutes for a 3-day week was unreadable)
HOURS_FROM_S = 3 * 3600.0
#: timeline periods the zones leave out, drawn grey in the trunk-angle plot
LEFT_OUT = ("lying", "non_wear", "no_data")
PELVIS_LEFT_OUT = LEFT_OUT + ("sitting", "transition")  # a seated pelvis says nothing of the trunk


def left_out_postures(angle_name: str | None) -> tuple[str, ...]:
    """The postures the exposure stage counts in no zone for this angle (see analysis/exposure)."""
    return PELVIS_LEFT_OUT if (angle_name or "").startswith("pelvis") else LEFT_OUT


def _time_scale(duration_s: float, w: Words) -> tuple[float, str]:
    """(seconds per x unit, axis label): minutes, or hours for a long session."""
    return (3600.0, w["hours"]) if duration_s > HOURS_FROM_S else (60.0, w["minutes"])


def _style(ax) -> None:  # noqa: ANN001
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


def posture_per_day(ax, data: SessionData, w: Words) -> None:  # noqa: ANN001
    """One bar per local calendar day, coloured by posture, at clock time (hours)."""
    start = data.info.start
    per_day: dict = defaultdict(list)  # date -> (hour of the day, hours, posture, lane)
    for t0, t1, posture in zip(data.timeline.start_s, data.timeline.end_s, data.timeline.posture):
        a, b = start.at(t0), start.at(t1)
        # compared and subtracted in UTC: in one zone Python compares wall clocks (a DST change)
        while _utc(a) < _utc(b):
            midnight = datetime.combine(a.date() + timedelta(days=1), datetime.min.time(), tzinfo=a.tzinfo)
            cut = min([b, midnight, *_repeat_edges(a, b)], key=_utc)
            h0 = a.hour + a.minute / 60 + a.second / 3600 + a.microsecond / 3.6e9
            per_day[a.date()].append((h0, (_utc(cut) - _utc(a)).total_seconds() / 3600.0, str(posture), _lane(a)))
            a = cut.astimezone(a.tzinfo)
    days = sorted(per_day)
    # the hour repeated when the clocks go back (25-hour October day) is drawn twice at its wall
    # clock place: its first pass in the bar's upper half, its second in the lower (both passes at
    # full height drew one over the other and an hour of the day vanished)
    lanes = {0: (-0.38, 0.76), 1: (-0.38, 0.38), 2: (0.0, 0.38)}
    lo = min(h for d in days for h, _, _, _ in per_day[d]) if days else 0.0
    hi = max(h + d for day in days for h, d, _, _ in per_day[day]) if days else 24.0
    if hi - lo < 23:  # zoom to the hours recorded (at least ten minutes), else the whole day
        pad = max(0.03 * (hi - lo), 0.5 / 60)
        x0, x1 = max(0.0, lo - pad), min(24.0, max(hi + pad, lo + 1 / 6))
    else:
        x0, x1 = 0.0, 24.0
    for i, day in enumerate(days):
        for lane, (dy, height) in lanes.items():
            pieces = [(h, d, p) for h, d, p, k in per_day[day] if k == lane]
            if len(pieces) > DENSE_PIECES:
                pieces = _majority(pieces, x0, x1)
            for posture in DAY_ORDER + tuple({p for _, _, p in pieces} - set(DAY_ORDER)):
                spans = [(h, d) for h, d, p in pieces if p == posture]
                if spans:
                    ax.broken_barh(spans, (i + dy, height), facecolors=POSTURE_COLOURS.get(posture, "#BBBBBB"))
    stand_ups = _stand_ups(ax, data, days)
    ax.set_yticks(range(len(days)), [w.date(d) for d in days])
    ax.invert_yaxis()
    ax.set_xlim(x0, x1)
    ax.xaxis.set_major_locator(_clock_locator(x0, x1))
    ax.xaxis.set_major_formatter(_clock_formatter())
    # a 23- or 25-hour day on a 24-hour axis: say where and how the clock changed
    notes = [w["clock_" + c[0]].format(date=w.date(day), start=c[1], end=c[2])
             for day in days if (c := _clock_change(day, start.at(0.0).tzinfo)) is not None]
    ax.set_xlabel("\n".join([w["hours_of_day"], *notes]), fontsize=8)
    present = [p for p in DAY_ORDER if any(p == q for d in days for _, _, q, _ in per_day[d])]
    handles = [Patch(facecolor=POSTURE_COLOURS.get(p, "#BBBBBB"), edgecolor="#999999" if p in ("non_wear", "no_data") else "none",
                     linewidth=0.5, label=w.posture(p)) for p in present]
    postures = _posture_key(ax, handles)
    if stand_ups:
        # its own key at the right, on the line of the axis label: the posture row has no room left
        # for it when all nine entries are there (it ran off the page)
        ax.add_artist(postures)
        tick = Line2D([], [], color=STAND_UP_COLOUR, marker="|", linestyle="none", markersize=7,
                      label=f"{w['stand_ups']} ({stand_ups})")
        ax.legend(handles=[tick], fontsize=7, loc="upper right", frameon=False, handlelength=1.2, borderaxespad=0.0,
                  borderpad=0.0, bbox_to_anchor=(1.0, ax.get_position().y0 - STAND_UP_KEY_BELOW),
                  bbox_transform=blended_transform_factory(ax.transAxes, ax.figure.transFigure))
    _style(ax)


def _posture_key(ax, handles: list) -> Legend:  # noqa: ANN001
    """The key above the day bars, between the page's margins (:data:`layout.MARGIN`): one row when
    it fits, else the fewest rows that do. The bars give up the height of the extra rows (their
    axes' top comes down), so the key stays under the heading; all nine entries in one row ran
    past the right margin (Dutch: off the page) until 4 Dec 2026."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig).get_renderer()
    to_fig = fig.transFigure.inverted()
    pos = ax.get_position()

    def key(ncol: int, top: float) -> Legend:
        # no pad around the entries: the first patch starts at the left margin, as the heading
        return ax.legend(handles=row_major(handles, ncol), fontsize=7, ncol=ncol, loc="lower left", frameon=False, handlelength=1.2,
                         columnspacing=1.0, borderpad=0.0, borderaxespad=0.0, bbox_to_anchor=(MARGIN, top + KEY_GAP),
                         bbox_transform=fig.transFigure)

    one_row = key(len(handles), pos.y1).get_window_extent(renderer).transformed(to_fig).height
    for rows in range(1, len(handles) + 1):
        legend = key(-(-len(handles) // rows), pos.y1)
        box = legend.get_window_extent(renderer).transformed(to_fig)
        if box.x1 <= 1 - MARGIN:
            break
    extra = box.height - one_row
    if extra > 0:  # the bars come down by the rows added; their bottom (and what is under it) stays
        ax.set_position((pos.x0, pos.y0, pos.width, pos.height - extra))
        legend = key(-(-len(handles) // rows), pos.y1 - extra)
    return legend


KEY_GAP = 0.004  # figure fraction between the key and the bars under it


def row_major(items: list, ncol: int) -> list:
    """``items`` in the order that makes a legend of ``ncol`` columns read row by row (left to
    right, then the next row): matplotlib fills a legend column by column, so a key of nine in two
    rows read "zitten, liggen, staan, ..." down the columns (until 5 Dec 2026). The fuller columns
    come first in both orders, so each entry lands where the row-wise reading puts it."""
    rows = -(-len(items) // max(ncol, 1))
    return [items[r * ncol + c] for c in range(ncol) for r in range(rows) if r * ncol + c < len(items)]

STAND_UP_COLOUR = "#222222"  # the page's ink: a mark, not a posture
STAND_UP_BAND = (-0.52, -0.40)
STAND_UP_KEY_BELOW = 0.019  # figure fraction under the axes: below the tick labels, on the axis label's line  # y offsets (bar units) of a stand-up's tick: just above its day's bar (-0.38)


def _stand_ups(ax, data: SessionData, days: list) -> int:  # noqa: ANN001
    """Each stand-up (``sit_to_stand`` event) as a short tick above its day's bar at its clock time
    (hours): when in the day the patient stood up from sitting, beside the sitting it broke.
    Until 4 Dec 2026 stand-ups were counted per day (day table, record, key figures) but drawn
    nowhere in the day. Returns how many were drawn."""
    start = data.info.start
    row = {d: i for i, d in enumerate(days)}
    xs, y0s, y1s = [], [], []
    for e in getattr(data, "events", None) or []:
        if e.get("type") != "sit_to_stand":
            continue
        a = start.at(float(e["t_s"]))
        if a.date() not in row:
            continue
        xs.append(a.hour + a.minute / 60 + a.second / 3600 + a.microsecond / 3.6e9)
        y0s.append(row[a.date()] + STAND_UP_BAND[0])
        y1s.append(row[a.date()] + STAND_UP_BAND[1])
    if xs:
        ax.vlines(xs, y0s, y1s, colors=STAND_UP_COLOUR, linewidth=0.5)
    return len(xs)


DENSE_PIECES = 200  # more pieces than this in a day's bar: drawn as the majority posture per bin
BINS = 720  # bins across the axis for that (a 24-h axis: 2 minutes, about a pixel of the page)


def _majority(pieces: list[tuple[float, float, str]], x0: float, x1: float) -> list[tuple[float, float, str]]:
    """The posture that fills most of each of :data:`BINS` bins between ``x0`` and ``x1``
    (hours), runs of one posture merged. A day of thousands of short segments drawn piece by
    piece showed whichever posture was drawn last: a generated day's hours of mixed activity read
    as an hour of "transition" (its 15 % of that time)."""
    names = sorted({p for _, _, p in pieces})
    edges = np.linspace(x0, x1, BINS + 1)
    cover = np.zeros((BINS, len(names)))
    for k, name in enumerate(names):
        s = np.array([h for h, _, p in pieces if p == name])
        e = s + np.array([d for _, d, p in pieces if p == name])
        # time of this posture before each edge, then per bin
        before = np.clip(edges[:, None] - s[None, :], 0.0, (e - s)[None, :]).sum(axis=1)
        cover[:, k] = np.diff(before)
    best = np.argmax(cover, axis=1)
    filled = cover.max(axis=1) > 0
    out: list[tuple[float, float, str]] = []
    for j in np.flatnonzero(filled):
        name = names[int(best[j])]
        if out and out[-1][2] == name and abs(out[-1][0] + out[-1][1] - edges[j]) < 1e-9:
            out[-1] = (out[-1][0], out[-1][1] + edges[j + 1] - edges[j], name)
        else:
            out.append((float(edges[j]), float(edges[j + 1] - edges[j]), name))
    return out


def _utc(d: datetime) -> datetime:
    return d.astimezone(timezone.utc)


def _lane(a: datetime) -> int:
    """0 for an ordinary wall-clock time; 1 / 2 for the first / second pass of an hour the clocks
    repeat (``a`` is a zone-aware local time; ``fold`` marks the second pass)."""
    if a.replace(fold=0).utcoffset() == a.replace(fold=1).utcoffset():
        return 0
    return 2 if a.fold else 1


def _repeat_edges(a: datetime, b: datetime) -> list[datetime]:
    """Where the zone's offset changes after ``a`` and up to ``b`` (local times of one zone), as
    cuts: clocks going back give where the repeated hour starts, the change and where it ends (each
    piece then lies in one lane); clocks going forward give the change (a piece across it was drawn
    as one, its real length from its start: a sit from 00:30 to 03:30 in March ended at 02:30)."""
    # from 2 h before ``a``: a piece that starts inside the second pass must still end with it
    lo, hi = int(_utc(a).timestamp()) - 7200, int(np.ceil(_utc(b).timestamp()))
    oa, ob = datetime.fromtimestamp(lo, a.tzinfo).utcoffset(), b.astimezone(a.tzinfo).utcoffset()
    if oa is None or ob is None or ob == oa:
        return []
    # bisect whole seconds for the first with the later offset: zones change on the second
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, a.tzinfo).utcoffset() == oa:
            lo = mid
        else:
            hi = mid
    back = int((oa - ob).total_seconds())
    times = (hi - back, hi, hi + back) if back > 0 else (hi,)
    edges = [datetime.fromtimestamp(t, a.tzinfo) for t in times]
    return [e for e in edges if _utc(a) < _utc(e) < _utc(b)]


def _clock_change(day, tzinfo) -> tuple[str, str, str] | None:  # noqa: ANN001
    """On a local calendar ``day`` with a daylight-saving change in ``tzinfo``: ("back" or
    "forward", first, last wall-clock time "HH:MM" of the hour repeated or skipped); else None."""
    m0 = datetime.combine(day, datetime.min.time(), tzinfo=tzinfo)
    m1 = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tzinfo)
    edges = _repeat_edges(m0, m1)
    if not edges:
        return None
    changes = [e for e in edges if (e - timedelta(seconds=1)).utcoffset() != e.utcoffset()]
    if not changes:
        return None
    change = changes[0]  # the instant of the change (clocks going back also cut its hour's edges)
    before, after = (change - timedelta(seconds=1)).utcoffset(), change.utcoffset()
    if before is None or after is None:
        return None
    t_after = change.strftime("%H:%M")  # wall clock just after the change
    t_before = (change.replace(tzinfo=None) + (before - after)).strftime("%H:%M")  # ... as the old offset read it
    return ("back", t_after, t_before) if after < before else ("forward", t_before, t_after)


#: tick steps of a clock-time axis (minutes): whole minutes and hours a person counts in
CLOCK_STEPS_MIN = (1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360)
CLOCK_TICKS_MOST = 9  # at most this many ticks across the axis


def clock_ticks(x0: float, x1: float) -> list[float]:
    """Ticks (hours of the day) between ``x0`` and ``x1`` (hours) at whole multiples of the
    smallest step of :data:`CLOCK_STEPS_MIN` that gives at most :data:`CLOCK_TICKS_MOST`. The
    axis had matplotlib's decimal ticks (every 0.02 h, 1.2 min) labelled to the minute: evenly
    spaced ticks read "08:30 08:31 08:32 08:34 ... 08:38 08:40" on a 7-min session (until 5 Dec
    2026)."""
    span = (x1 - x0) * 60.0
    step = next((m for m in CLOCK_STEPS_MIN if span / m <= CLOCK_TICKS_MOST), CLOCK_STEPS_MIN[-1])
    first = int(np.ceil(round(x0 * 60.0, 6) / step))
    last = int(np.floor(round(x1 * 60.0, 6) / step))
    return [k * step / 60.0 for k in range(first, last + 1)]


def _clock_locator(x0: float, x1: float):  # noqa: ANN202
    from matplotlib.ticker import FixedLocator

    return FixedLocator(clock_ticks(x0, x1))


def _clock_formatter():  # noqa: ANN202
    from matplotlib.ticker import FuncFormatter

    def label(h: float, _pos: int) -> str:
        minutes = int(round(h * 60.0))
        # the day's end is "24:00" (it read "00:00", the day's start, at the right end)
        return "24:00" if minutes == 1440 else f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"

    return FuncFormatter(label)


def _inside(t: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """Where ``t`` (s, ascending: angles.csv is in time order) lies in any [t0, t1) of ``spans``.
    By index ranges: a mask over every sample per span took 3 of the 4 minutes a week's report
    took (15 600 lying/not-worn spans x 6 M angle samples)."""
    if not spans:
        return np.zeros(len(t), dtype=bool)
    edges = np.asarray(spans, dtype=float)
    depth = np.zeros(len(t) + 1, dtype=np.int64)
    np.add.at(depth, np.searchsorted(t, edges[:, 0], side="left"), 1)
    np.add.at(depth, np.searchsorted(t, edges[:, 1], side="left"), -1)
    return np.cumsum(depth[:-1]) > 0


def trunk_angle(ax, data: SessionData, w: Words, zones: tuple[float, float] = (20.0, 60.0)) -> bool:  # noqa: ANN001
    """The trunk angle over the session (minutes) with the zone bands; False without angles."""
    if data.angle_deg is None or len(data.angle_deg) == 0:
        ax.axis("off")
        ax.text(0.0, 0.5, w["no_angles"], fontsize=9, transform=ax.transAxes)
        return False
    per, xlabel = _time_scale(float(data.angle_t_s[-1]), w)
    t_min = data.angle_t_s / per
    lo = min(-10.0, float(np.nanmin(data.angle_deg)) - 5)
    hi = max(90.0, float(np.nanmax(data.angle_deg)) + 5)
    bands = ((lo, zones[0]), (zones[0], zones[1]), (zones[1], hi))
    for (a, b), colour in zip(bands, ZONE_COLOURS):
        ax.axhspan(a, b, color=colour, alpha=0.12, lw=0)
    # the exposure stage leaves lying and not-worn time out of the zones (not-worn was drawn black,
    # as if counted)
    spans = [(t0, t1) for t0, t1, posture in zip(data.timeline.start_s, data.timeline.end_s, data.timeline.posture)
             if posture in left_out_postures(data.angle_name)]
    for t0, t1 in spans:
        ax.axvspan(t0 / per, t1 / per, color="#dddddd", lw=0, zorder=1)
    lying = _inside(data.angle_t_s, spans)
    # lying and a forward direction not yet known (provisional angles) stay out of the zones: grey
    left_out = lying | (data.angle_provisional if data.angle_provisional is not None else False)
    shown = np.where(left_out, np.nan, data.angle_deg)
    ax.plot(t_min, np.where(left_out, data.angle_deg, np.nan), lw=0.6, color="#aaaaaa", zorder=2)
    ax.plot(t_min, shown, lw=0.6, color="#333333", zorder=3)
    ax.set_ylim(lo, hi)
    ax.set_xlim(0, max(float(t_min[-1]), 1e-3))
    ax.set_ylabel(w["angle_deg"], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    _style(ax)
    return True


def zone_bars(ax, summary: dict, w: Words) -> None:  # noqa: ANN001
    zones = summary.get("trunk_zones_s") or {}
    keys = ("0-20", "20-60", ">60")
    values = [float(zones.get(k, 0.0)) / 60.0 for k in keys]
    labels = [w["zone_neutral"], w["zone_moderate"], w["zone_severe"]]
    bars = ax.barh(labels, values, color=ZONE_COLOURS)
    for bar, v in zip(bars, values):
        # the report's rule for durations (Words.minutes_figure): over an hour in hours and minutes
        # (a week's bar read "1512,3 min"), under a minute in seconds, an empty zone too (it read
        # "0,0 min" beside "33 seconden" and the data quality table's "0 (0 seconden)")
        label = w.minutes_figure(v)
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {label}", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(values + [1e-3]) * 1.35)
    ax.set_xlabel(w["minutes"], fontsize=8)
    _style(ax)


def sitting_bouts(ax, data: SessionData, w: Words, long_s: float = 1800.0) -> bool:  # noqa: ANN001
    """Each sitting bout as a bar at its start (minutes into the session) of its length."""
    bouts = [e for e in data.events if e["type"] == "sitting_bout"]
    if not bouts:
        ax.axis("off")
        ax.text(0.0, 0.5, w["no_sitting"], fontsize=9, transform=ax.transAxes)
        return False
    per, xlabel = _time_scale(float(data.info.duration_s), w)
    starts = np.array([e["t_s"] for e in bouts]) / per
    lengths = np.array([e.get("duration_s", e["end_s"] - e["t_s"]) for e in bouts]) / 60.0
    colours = ["#D55E00" if L * 60 >= long_s else POSTURE_COLOURS["sitting"] for L in lengths]
    width = max(float(data.info.duration_s) / per / 150.0, 0.05 * 60.0 / per)
    ax.bar(starts, lengths, width=width, align="edge", color=colours)
    if lengths.max() * 60 >= 0.5 * long_s:  # the prolonged-sitting line only when bouts come near it
        ax.axhline(long_s / 60.0, color="#D55E00", lw=0.8, ls="--")
    ax.set_xlim(0, max(float(data.info.duration_s) / per, 1e-3))
    ax.set_ylabel(w["bout_minutes"], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    _style(ax)
    return True


def lifts(ax, data: SessionData, w: Words) -> bool:  # noqa: ANN001
    """Lifts at their time (minutes) and peak trunk flexion, coloured by technique."""
    found = [e for e in data.events if e["type"] == "lift"]
    if not found:
        ax.axis("off")
        ax.text(0.0, 0.5, w["no_lifts"], fontsize=9, transform=ax.transAxes)
        return False
    def peak(e: dict) -> float:  # a lift without a trunk angle is not drawn (never at 0°)
        v = e.get("peak_trunk_flexion_deg")
        return float("nan") if v is None else float(v)

    per, xlabel = _time_scale(float(data.info.duration_s), w)
    for tech, colour in TECHNIQUE_COLOURS.items():
        sel = [e for e in found if e.get("technique") == tech]
        if sel:
            ax.scatter([e["t_s"] / per for e in sel], [peak(e) for e in sel],
                       color=colour, s=18, label=f"{w.technique(tech)} ({len(sel)})")
    _empty_days(ax, data, per, w)
    missing = sum(e.get("peak_trunk_flexion_deg") is None for e in found)
    if missing:
        ax.text(0.0, -0.32, w["lifts_no_angle"].format(n=missing), fontsize=7.5, transform=ax.transAxes)
    # the angle axis from 0° (upright) to at least 90°: fitted to the peaks, one lift at 81° read as
    # a 78-84° range, as if the lifts varied; the same scale in every session compares them
    peaks = [v for v in map(peak, found) if np.isfinite(v)]
    ax.set_ylim(min([0.0, *(v - 5.0 for v in peaks)]), max([90.0, *(v + 5.0 for v in peaks)]))
    ax.set_xlim(0, max(float(data.info.duration_s) / per, 1e-3))
    ax.set_ylabel(w["peak_flexion"], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _style(ax)
    return True


def _empty_days(ax, data: SessionData, per: float, w: Words) -> None:  # noqa: ANN001
    """Under each day of a several-day session without a lift: "none", or "not worn" when the
    sensor was not worn that day (``days`` of the record; a week's weekend was an empty stretch
    that could have been a drawing fault)."""
    from datetime import datetime, time, timedelta, timezone
    from zoneinfo import ZoneInfo

    days = getattr(data.info, "days", None) or []
    if len(days) < 2:
        return
    start = data.info.start
    zone = ZoneInfo(start.zone) if start.zone else timezone(timedelta(minutes=start.tz_offset_min))
    duration = float(data.info.duration_s)
    for day in days:
        if day.get("lifts") != 0:  # lifts drawn, or unknown
            continue
        midnight = datetime.combine(day["date"], time(), tzinfo=zone)
        a = max(0.0, (midnight - start.utc).total_seconds())
        b = min(duration, (datetime.combine(day["date"] + timedelta(days=1), time(), tzinfo=zone) - start.utc).total_seconds())
        if b <= a:
            continue
        text = w["lifts_day_not_worn"] if not day.get("wear_s") else w["lifts_day_none"]
        ax.text((a + b) / 2.0 / per, 0.04, text, transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=7, color="#777777")


def trend(ax, dates: list, values: list, title: str, w: Words, unit: str = "",  # noqa: ANN001
          flagged: list[bool] | None = None, simulated: list[bool] | None = None, counts: bool = False) -> None:
    """One figure across sessions (missing values left out); a ``flagged`` session's figures may be
    incomplete: its point is drawn open, in red, with the mark the page explains. A ``simulated``
    session's point (record --simulate) is drawn open and grey with its mark (red wins when both:
    the stronger warning), and the line joins the measured sessions only: a simulated point is
    not the patient's, so no trend runs through it (until 4 Dec 2026 one line joined them all).
    ``counts``: whole numbers on the axis (lifts: "0.25" lifts was a tick)."""
    pts = [(i, v) for i, v in enumerate(values) if v is not None]
    ax.set_title(title, fontsize=8.5, loc="left")
    if pts:
        xs = list(range(len(dates)))
        measured = [(i, v) for i, v in pts if not (simulated and simulated[i])]
        if measured:
            ax.plot([i for i, _ in measured], [v for _, v in measured], marker="o", color="#0072B2", lw=1.2, ms=4)
        for i, v in pts:
            bad, sim = bool(flagged and flagged[i]), bool(simulated and simulated[i])
            if bad or sim:
                colour = "#b2182b" if bad else SIMULATED_COLOUR
                ax.plot([i], [v], marker="o", ms=6.5, mfc="white", mec=colour, mew=1.4, ls="none", zorder=3)
                marks = [w["incomplete_mark"]] * bad + [w["simulated_mark"]] * sim
                ax.annotate(" ".join(marks), (i, v), xytext=(0, 5), textcoords="offset points", ha="center",
                            fontsize=7, color=colour)
        ax.set_xticks(xs, session_ticks(dates, ax), fontsize=7)
        ax.set_xlim(-0.5, len(dates) - 0.5)
        top = max(v for _, v in pts)
        ax.set_ylim(0, top * 1.25 if top > 0 else 1.0)
        if counts:
            from matplotlib.ticker import MaxNLocator

            # as many ticks as the axis' height holds ("auto"): ten on a plot 0.2 inch high ran
            # into each other ("6 5 4 3 2 1 0")
            ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    else:
        ax.set_xticks([])
    if unit:
        ax.set_ylabel(unit, fontsize=7.5)
    _style(ax)


TICK_GAP_PT = 4.0  # room between two tick labels (points)


def session_ticks(dates: list, ax) -> list[str]:  # noqa: ANN001
    """The trend plots' tick labels, one per session: "02-03" with the year on a line under the
    first label and under each label whose year differs from the label before ("02-11 / 2026",
    ..., "04-01 / 2027"). Until 5 Dec 2026 the year was left out within one year and added as
    "02-11-26" across New Year, where eight sessions' labels ran into each other ("02-11-2612-11-26").
    When the labels do not all fit the axis' width, every k-th session is labelled (each keeps its
    tick and point)."""
    from matplotlib.textpath import TextPath

    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72.0
    per_label = TextPath((0, 0), "00-00", size=7).get_extents().width + TICK_GAP_PT  # "dd-mm"; its year is narrower
    return year_marked_labels(dates, label_step(len(dates), per_label, width_pt))


def label_step(count: int, per_label: float, width: float) -> int:
    """Label every k-th of ``count`` evenly spaced ticks: the smallest k at which the labels, each
    ``per_label`` wide (a "dd-mm" and the gap to the next), fit an axis ``width`` wide (any one
    unit: points in the report, pixels in the dashboard). The rule of :func:`session_ticks` and of
    the dashboard's history plots."""
    if count <= 0 or width <= 0:
        return 1
    return max(1, int(-(-count * per_label // width)))


def year_marked_labels(dates: list, step: int = 1) -> list[str]:
    """"dd-mm" for every ``step``-th date ("" for the others), with the year on a line under the
    first label and under each label whose year differs from the labelled one before. The rule of
    the report's trend plots (:func:`session_ticks`), the CLI's and the dashboard's history plot."""
    labels, year = [], None
    for i, d in enumerate(dates):
        if i % step:
            labels.append("")
            continue
        labels.append(d.strftime("%d-%m") + (f"\n{d.year}" if d.year != year else ""))
        year = d.year
    return labels


def posture_share(ax, labels: list[str], shares: list[dict[str, float]], w: Words) -> None:  # noqa: ANN001
    """Horizontal stacked bars of posture shares (%), one per session (patient report)."""
    for i, share in enumerate(shares):
        left = 0.0
        for p in POSTURE_ORDER:
            v = share.get(p, 0.0)
            if v > 0:
                ax.barh(i, v, left=left, color=POSTURE_COLOURS.get(p, "#BBBBBB"), height=0.6,
                        label=w.posture(p))  # every drawn posture: the legend keeps one of each
                if v >= 8:
                    ax.text(left + v / 2, i, f"{w.num(v, 0)}%", ha="center", va="center", fontsize=8, color="white")
                left += v
    ax.set_yticks(range(len(labels)), labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("%", fontsize=8)
    handles, names = ax.get_legend_handles_labels()
    order = {w.posture(p): k for k, p in enumerate(POSTURE_ORDER)}  # as the bars stack
    seen = dict(sorted(dict(zip(names, handles)).items(), key=lambda kv: order.get(kv[0], len(order))))
    ncol = min(len(seen), 5)  # more than five postures: two rows, read row by row
    ax.legend(row_major(list(seen.values()), ncol), row_major(list(seen.keys()), ncol), fontsize=8, ncol=ncol, loc="upper center",
              bbox_to_anchor=(0.5, -0.35), frameon=False)
    _style(ax)
