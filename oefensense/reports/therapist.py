"""The therapist's report: per session an overview page (who, when, sensors, data quality, key
figures against the previous session), a posture-and-trunk page and a sitting/lifting/events
page; then one progress page over all the patient's sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from matplotlib.figure import Figure

from ..core.events import EVENT_TYPES
from ..record.measures import Measure, measure
from ..record.progress import NONZERO_CODES, WORK_CODES, compare, previous_results, shown_codes, trend
from . import figures, layout
from .data import ReportData, SessionData
from .patient import little_worn
from .text import Words, utc_offset

MAX_EVENT_ROWS = 22
# sitting bouts: shown in their own plot; clock: the session's start, which the overview gives (it
# was listed as "Kloktijd 0,0 s", as if something had happened)
LISTED_EVENTS_SKIP = frozenset({"sitting_bout", "clock"})
WARN_COLOUR = "#b2182b"  # the "worse" red of the key figures: a session whose figures may be incomplete


def _subtitle(data: ReportData, w: Words, s: SessionData | None = None) -> str:
    if s is None:
        return f"{w['patient']} {data.code}"
    when = w.datetime(s.info.start.local)
    if w.session_dates(s.info) != w.date(s.info.start.local):  # several days: until when, too
        when += " – " + w.datetime(_end_to_the_minute(s.info.start, float(s.info.duration_s)))
    return f"{w['patient']} {data.code} · {w['session']} {s.info.id} · {when}"


def _end_to_the_minute(start: Any, duration_s: float) -> datetime:  # noqa: ANN401 - record.results.ClockStart
    """A session's end on the local clock to the nearest minute: a 48-h recording at 100 Hz
    (last sample 0.01 s before 48 h) from 18:00 read "– 17 maart 2026 17:59" beside "Duur 48 uur"
    (the minute was cut off, care walk-through, 5 Dec 2026)."""
    end = start.at(duration_s)
    past = end.second + end.microsecond / 1e6
    return start.at(duration_s + 60.0 - past) if past >= 30.0 else end


def overview_page(data: ReportData, s: SessionData, w: Words) -> Figure:
    fig = layout.new_page()
    info = s.info
    y = layout.header(fig, w["therapist_title"], _subtitle(data, w, s))
    y = layout.table(fig, y, [
        [w["start"], f"{w.datetime(info.start.local)} ({utc_offset(info.start.local)})"],
        [w["duration"], w.minutes(info.duration_s)],
        [w["kind"], w.session_kind(info)],
        [w["assessment"], w.assessment(info.assessment)],
    ], widths=(0.3, 0.7), header_row=False)
    y = layout.heading(fig, y, w["sensors"])
    loss = {q["placement"]: q for q in info.quality.get("sensors", [])}
    rows = [[w["placement"], w["family"], w["device_id"], w["loss"]]]
    for sensor in info.sensors:
        q = loss.get(sensor["placement"], {})
        place = w.placement(sensor["placement"])  # the dashboard's word
        rows.append([place, sensor.get("family") or "?", sensor.get("device") or "–",
                     f"{w.num(q['loss_pct'], 2)} %" if q.get("loss_pct") is not None else "–"])
    y = layout.table(fig, y, rows, widths=(0.22, 0.25, 0.33, 0.2))
    y = layout.heading(fig, y, w["quality"])
    wear = sum(d["wear_s"] or 0.0 for d in info.days)
    q = info.quality
    y = layout.table(fig, y, [
        [w["recorded"], w.minutes(info.duration_s)],
        [w["known_posture"], w.minutes(wear)],
        [w["unknown_posture"], w.minutes(q.get("unknown_s"))],
        [w["gaps"], f"{q.get('gaps', 0)} ({w.minutes(q.get('gap_s', 0.0))})"],
        [w["angle_time"], w.minutes(q.get("valid_angle_s"))],
    ], widths=(0.45, 0.55), header_row=False)
    notes = [w["simulated_note"]] if q.get("source") == "simulated" else []
    warn = [w["incomplete_note"].format(what=why) for why in w.incomplete(info)]
    for note in warn + alignment_warnings(info.summary, w):  # first, and not muted: the figures below may be short or wrong
        y = layout.paragraph(fig, y, note, size=8.5, color=WARN_COLOUR)
    if any(d.get("source") == "timeline" for d in info.days):
        notes.append(w["wear_note"])
    if little_worn(info):
        notes.append(w["worn_little_note"].format(worn=w.minutes(wear), recorded=w.minutes(info.duration_s)))
    notes += [w["overlap_note"].format(time=w.minutes(o["overlap_s"]), session=o["session_id"])
              for o in q.get("overlaps", [])]
    notes += sensor_notes(info.summary, w)
    for note in notes:
        y = layout.paragraph(fig, y, note, size=8, color=layout.MUTED)
    y = layout.heading(fig, y - 0.01, w["key_figures"])
    before = data.previous.get(info.id)
    before_why = w.incomplete(before) if before else []
    # a column whose figures may be short carries the mark, its reason right under the table
    head = [w["key_figures"], _marked(w.short_date(info.start.local), bool(warn), w),
            _marked(w.short_date(before.start.local), bool(before_why), w) if before else "–", w["change"]]
    rows, colours = [head], [[None] * 4]
    for ch in compare(info, before):
        if ch.code in WORK_CODES and ch.now is None and ch.before is None:
            continue  # neither session was analysed with --work-hours
        if ch.code in NONZERO_CODES and not ch.now and not ch.before:
            continue  # no lift of either session had an undetermined technique
        m = measure(ch.code)
        verdict = {True: w["better"], False: w["worse"], None: ""}[ch.improved] if ch.delta else (w["unchanged"] if ch.delta == 0 else "")
        rows.append([m.label(w.language), _figure(w, m, ch.now), _figure(w, m, ch.before),
                     f"{_figure(w, m, ch.delta, sign=True)} {verdict}".strip()])
        colours.append([None, None, None, {True: "#1b7837", False: "#b2182b", None: None}[ch.improved]])
    # the change column holds "+152 uur 57 min slechter" (24 characters; "+2 uur 20 min slech…" was cut)
    y = layout.table(fig, y, rows, widths=(0.485, 0.14, 0.14, 0.235), colours=colours)
    if warn:
        y = layout.paragraph(fig, y, w["incomplete_this"], size=8.5, width=105, color=WARN_COLOUR)
    if before_why:
        y = layout.paragraph(fig, y, w["incomplete_previous"].format(id=before.id, what="; ".join(before_why)),
                             size=8.5, width=105, color=WARN_COLOUR)
    if before is not None and (before.quality or {}).get("source") == "simulated":
        # the change column compares with the movement simulator, not with the patient (the patient's
        # report said so; this one compared without a word until 4 Dec 2026)
        y = layout.paragraph(fig, y, w["simulated_previous"].format(id=before.id), size=8.5, width=105, color=WARN_COLOUR)
    if before is None:
        layout.paragraph(fig, y, w["no_previous"], size=8.5, color=layout.MUTED)
    return fig


def _figure(w: Words, m: Measure, value: float | None, sign: bool = False) -> str:
    """A key figure (or its change, ``sign``) with its unit; minutes over an hour in hours and
    minutes, as the report's durations ("Langste zitperiode 150,0 min" until 4 Dec 2026); a
    share's change in percentage points ("-3,5 %-punt beter"; until 4 Dec 2026 "-3,5 % beter")."""
    if value is None:
        return "–"
    if m.unit == "min":
        return w.minutes_figure(value, m.digits, sign=sign)
    unit = m.change_unit(w.language) if sign else m.unit_in(w.language)
    return f"{'+' if sign and value > 0 else ''}{w.num(value, m.digits)} {unit}".strip()


def _marked(text: str, flagged: bool, w: Words) -> str:
    """A column head with the mark of figures that may be incomplete."""
    return f"{text} {w['incomplete_mark']}" if flagged else text


ZONE_BARS_H = 0.12  # figure fraction: the trunk zones' bars
ZONE_LABELS_H = 0.04  # figure fraction: their tick labels and "minutes" under the axes


def posture_pages(data: ReportData, s: SessionData, w: Words) -> list[Figure]:
    """Posture per day, the trunk angle and the time per trunk zone; the zones go on a page of
    their own when a long recording's days leave no room above the footer (a week's 8 day bars
    pushed them under the footer until 4 Dec 2026)."""
    fig = layout.new_page()
    out = [fig]
    y = layout.header(fig, w["therapist_title"], _subtitle(data, w, s))
    y = layout.heading(fig, y, w["posture_per_day"])
    n_days = max(1, len(s.info.days))
    h = min(0.05 + 0.035 * n_days, 0.3)
    figures.posture_per_day(layout.axes(fig, y - 0.005, h, left=0.2), s, w)
    y -= h + 0.09
    y = layout.heading(fig, y, w["trunk_angle"])
    if figures.trunk_angle(layout.axes(fig, y - 0.005, 0.22), s, w):
        note = w["lying_seated_shaded" if (s.angle_name or "").startswith("pelvis") else "lying_shaded"]
        if s.angle_provisional is not None and s.angle_provisional.any():
            note += " " + w["provisional_grey"]
        below = layout.paragraph(fig, y - 0.275, note, size=8, color=layout.MUTED)
        y = min(y - 0.22 - 0.085, below - 0.004)  # a two-line note pushes the zones down
    else:
        y -= 0.22 + 0.085
    if y - 0.03 - 0.005 - ZONE_BARS_H - ZONE_LABELS_H < layout.BOTTOM:
        fig = layout.new_page()
        out.append(fig)
        y = layout.header(fig, w["therapist_title"], _subtitle(data, w, s))
    y = layout.heading(fig, y, w["trunk_zones"])
    figures.zone_bars(layout.axes(fig, y - 0.005, ZONE_BARS_H, left=0.2, right=0.2), s.info.summary, w)
    return out


def activity_page(data: ReportData, s: SessionData, w: Words) -> Figure:
    fig = layout.new_page()
    y = layout.header(fig, w["therapist_title"], _subtitle(data, w, s))
    # nothing to draw: the sentence under the heading, not in an empty plot's height (a session
    # without lifts left a blank 0.14 page high around "Geen tilbewegingen gevonden.", indented)
    y = layout.heading(fig, y, w["sitting_bouts"])
    if any(e["type"] == "sitting_bout" for e in s.events):
        figures.sitting_bouts(layout.axes(fig, y - 0.005, 0.14), s, w,
                              float((s.info.summary.get("sitting_bouts") or {}).get("prolonged_threshold_s", 1800.0)))
        y -= 0.14 + 0.065
    else:
        y = layout.paragraph(fig, y, w["no_sitting"]) - 0.02
    y = layout.heading(fig, y, w["lifts"])
    if any(e["type"] == "lift" for e in s.events):
        figures.lifts(layout.axes(fig, y - 0.005, 0.14, right=0.3), s, w)
        y -= 0.14 + 0.065
    else:
        y = layout.paragraph(fig, y, w["no_lifts"]) - 0.02
    y = layout.heading(fig, y, w["events"])
    listed = [e for e in s.events if e["type"] not in LISTED_EVENTS_SKIP]
    if not listed:
        layout.paragraph(fig, y, w["no_events"])
        return fig
    rows = [[w["time"], w["type"], w["details"]]]
    # as many as fit above the footer with the "… and N more" line (22 ran into the footer)
    fit = min(MAX_EVENT_ROWS, int((y - layout.BOTTOM - 0.03) / layout.table_line_h(8)) - 1)
    if len(listed) > fit:  # not all fit: what the therapist acts on first (a week listed 20 transitions)
        y = layout.paragraph(fig, y, w["events_ranked"], size=8, color=layout.MUTED)
        fit = min(MAX_EVENT_ROWS, int((y - layout.BOTTOM - 0.03) / layout.table_line_h(8)) - 1)
        listed = _ranked(listed, fit)
    # a session over more than one day gives the date too (a week's events all read "00:00:00"-like)
    days = s.info.start.local.date() != s.info.start.at(s.info.duration_s).date()
    bouts = [e for e in s.events if e["type"] == "sitting_bout"]
    for e in listed[:fit]:
        at = s.info.start.at(e["t_s"])
        rows.append([f"{w.day_month(at)} {at:%H:%M:%S}" if days else f"{at:%H:%M:%S}", w.event(e["type"]),
                     _prolonged_details(e, bouts, w) if e["type"] == "prolonged_sitting" else _details(e, w)])
    y = layout.table(fig, y, rows, widths=(0.15, 0.25, 0.6) if days else (0.12, 0.26, 0.62), size=8)  # room for an alert
    if len(listed) > fit:
        transitions = sum(_event_rank(e["type"]) == RANK_TRANSITION for e in listed[fit:])
        more = (w["more_events_transitions"].format(n=len(listed) - fit, transitions=transitions) if transitions
                else w["more_events"].format(n=len(listed) - fit))
        layout.paragraph(fig, y, more, size=8, color=layout.MUTED)
    return fig


RANK_TRANSITION = 4


def _ranked(events: list[dict], fit: int) -> list[dict]:
    """``events`` with the ``fit`` to list first: the earliest of every kind in turn, posture
    transitions only when room is left (29 prolonged sittings left no row for non-wear), those
    ordered by rank and time; the rest after them."""
    by_kind: dict[str, list[dict]] = {}
    for e in sorted(events, key=lambda e: e["t_s"]):
        by_kind.setdefault(e["type"], []).append(e)
    kinds = sorted(by_kind, key=lambda k: (_event_rank(k), by_kind[k][0]["t_s"]))
    chosen: list[dict] = []
    for transitions in (False, True):
        queues = [list(by_kind[k]) for k in kinds if (_event_rank(k) == RANK_TRANSITION) == transitions]
        while len(chosen) < fit and any(queues):
            for q in queues:
                if q and len(chosen) < fit:
                    chosen.append(q.pop(0))
    first = sorted(chosen, key=lambda e: (_event_rank(e["type"]), e["t_s"]))
    taken = {id(e) for e in chosen}
    return first + [e for e in events if id(e) not in taken]


def _event_rank(name: str) -> int:
    """The order of the events table when not all fit: warnings (prolonged sitting, alerts, long
    bends) 0, notices and undeclared events such as markers and gaps (non-wear, static holds) 1,
    lifts 2, other information 3, posture transitions RANK_TRANSITION."""
    kind = EVENT_TYPES.get(name)
    if kind is None:
        return 1
    if kind.group == "transition":
        return RANK_TRANSITION
    if kind.group == "lift":
        return 2
    return {"warning": 0, "notice": 1}.get(kind.severity, 3)


def _prolonged_details(e: dict, bouts: list[dict], w: Words) -> str:
    """A prolonged-sitting alert's detail: the whole sitting bout it belongs to and when the alert
    came, "1 uur 15 min zitten (melding na 30,0 min)". The event runs from the bout's start to the
    alert (``duration_s``: the threshold, or a reminder's later time), so its length alone said
    "30,0 min" for every bout, beside the sitting-bouts plot's 75 min (care walk-through, 5 Dec
    2026). Without its bout (a live session stopped mid-bout): "melding na 30,0 min"."""
    alert = w["prolonged_alert"].format(after=w.minutes(_length_s(e)))
    bout = next((b for b in bouts if b["t_s"] <= e["t_s"] <= b.get("end_s", b["t_s"])), None)
    if bout is None:
        return alert
    return w["prolonged_bout"].format(length=w.minutes(_length_s(bout)), alert=alert)


def _length_s(e: dict) -> float:
    """An event's length (s): its ``duration_s``, else ``end_s - t_s`` (0 for an instant or a
    ``duration_s`` of None)."""
    length = e.get("duration_s", e.get("end_s", e["t_s"]) - e["t_s"])
    return 0.0 if length is None else float(length)


def _details(e: dict, w: Words) -> str:
    parts = []
    dur = _length_s(e)
    if dur:  # a moment (a marker: end = start) has no duration to say ("0,0 s")
        # a minute or more in minutes or hours (a week's non-wear read "1768,0 s")
        parts.append(f"{w.num(dur)} s" if dur < 60 else w.minutes(dur))
    if e["type"] == "lift":
        parts.append(w.technique(str(e.get("technique", ""))))
        if e.get("peak_trunk_flexion_deg") is not None:
            parts.append(f"{w.num(e['peak_trunk_flexion_deg'], 0)}°")
    message = e.get(f"message_{w.language}")  # a technique alert or cue says it in words ("stoop_over_60" did)
    for key in ("note", "reason", "rule", "mean_flexion_deg"):
        if e.get(key) in (None, "") or (key == "rule" and message):
            continue
        if key == "mean_flexion_deg":
            parts.append(f"{w.num(e[key], 0)}°")
        elif key == "reason" and e["type"] == "gap":
            parts.append(w.gap_reason(str(e[key])))
        else:
            parts.append(f"{e[key]}")
    if message:
        parts.append(str(message))
    return ", ".join(parts)


def progress_pages(data: ReportData, w: Words) -> list[Figure]:
    """Progress over all sessions (a trend plot per figure that has a value), then every
    assessment result and the goals, flowing onto further pages as needed (until 3 Dec 2026 one
    page: the ninth figure was left out, only the newest 12 assessments were listed, and a long
    table ran under the footer and off the page with the goals)."""
    flow = layout.Flow(w["therapist_title"], _subtitle(data, w))
    flow.heading(w["progress"])
    sessions = data.all_sessions
    dates = [s.start.local for s in sessions]
    values = trend(sessions)
    codes = [c for c in shown_codes(values) if any(v is not None for v in values[c])]
    flagged = [bool(w.incomplete(s)) for s in sessions]
    for s, flag in zip(sessions, flagged):  # beside the plots their points are in
        if flag:
            flow.paragraph(w["incomplete_trend"].format(id=s.id, date=w.date(s.start.local), what="; ".join(w.incomplete(s))),
                           size=8, width=115, color=WARN_COLOUR)
    simulated = [w.simulated(s) for s in sessions]
    if any(simulated):  # record --simulate sessions were drawn like measured ones
        flow.paragraph(w.simulated_trend(sessions), size=8, width=115, color=figures.SIMULATED_COLOUR)
    cols, rows_n = 2, (len(codes) + 1) // 2
    cell_h = min(0.15, 0.62 / max(rows_n, 1))
    flow.room(rows_n * cell_h)  # the notes above may have taken the plots' room
    y = flow.y
    for i, code in enumerate(codes):
        m = measure(code)
        r, c = divmod(i, cols)
        ax = flow.fig.add_axes((0.1 + c * 0.46, y - (r + 1) * cell_h + 0.035, 0.36, cell_h - 0.07))
        figures.trend(ax, dates, values[code], m.label(w.language), w, m.unit_in(w.language), flagged=flagged,
                      simulated=simulated, counts=m.digits == 0)
    flow.y = y - rows_n * cell_h - 0.02
    flow.heading(w["assessments"])
    if data.assessments:
        groups = []
        # dates on this machine's clock, as the test was done (stored in UTC: a test at 00:30 in
        # Amsterdam showed the day before)
        # how far to trust gait speed: once, under the newest walk test that carries it
        trust_at = max((i for i, a in enumerate(data.assessments) if (a.details or {}).get("gait_speed_error")), default=-1)
        earlier = previous_results(data.assessments)
        for i, a in enumerate(data.assessments):
            # every result beside the previous one of the same kind, as `patient show` and
            # `assess --patient` give it (it was there for guided tests only: a score typed in
            # or a session analysed as an assessment had none), and a guided test's flags
            prev = earlier[i]
            # "name: value", as `assess` prints it: "Pain, numeric rating 0-10 6" read as a range
            parts = [f"{measure(k).label(w.language)}: {_value(w, k, v)}"
                     + (f" ({w['previous_value']} {_value(w, k, prev[k])})" if k in prev else "")
                     for k, v in a.results.items()]
            if i == trust_at:
                parts += gait_speed_lines(a.details, w)
            flags = len((a.details or {}).get("flags") or [])
            if flags:
                parts.append(f"{flags} {w['flag_1'] if flags == 1 else w['flags_n']}")
            if a.details:  # a guided test: one line per figure (ROM has six)
                groups.append([[w.date(a.performed.astimezone()) if j == 0 else "", w.assessment(a.kind) if j == 0 else "", p]
                               for j, p in enumerate(parts)])
            else:
                groups.append([[w.date(a.performed.astimezone()), w.assessment(a.kind), ", ".join(parts)]])
        flow.table([w["date"], w["assessment"], w["details"]], groups, widths=(0.2, 0.18, 0.62), size=8)
    else:
        flow.paragraph("–")
    flow.heading(w["goals"])
    if not data.goals:
        flow.paragraph(w["no_goals"])
    for g in data.goals:
        flow.paragraph(f"• {g.text} ({w.date(g.set_utc.astimezone())})")
    return flow.pages


def gait_speed_lines(details: dict | None, w: Words) -> list[str]:
    """How far to trust a walk test's gait speed (its ``gait_speed_error``), in short lines for
    the assessment table: not measured on people, the simulator's figure (labelled not people's)
    when the result carries it, another method's published figure. Empty for other tests."""
    err = (details or {}).get("gait_speed_error")
    if not err:
        return []
    lines = [w["gait_speed_estimated"]]
    sim = err.get("simulator")
    if sim:
        lines.append(w["gait_speed_simulator"].format(med=w.num(sim["median_abs_pct"]), p95=w.num(sim["p95_abs_pct"])))
    if err.get("comparison_mae_pct") is not None:
        lines.append(w["gait_speed_comparison"].format(pct=w.num(err["comparison_mae_pct"], 2)))
    return lines


def _value(w: Words, code: str, value: float) -> str:
    """A stored assessment figure in the report's words, with its display unit."""
    m = measure(code)
    # a stored figure outside the plausible range (a record written before it was checked) is no
    # result to compare with: "not scored", as `assess`, the panel and `patient show` say it
    if not m.allows(value):
        return w["not_scored"]
    return f"{w.num(value, m.digits_for(value))} {m.unit_in(w.language)}".strip().replace(" °", "°")


def pages(data: ReportData, w: Words) -> list[Figure]:
    out: list[Figure] = []
    from .cues import feedback_page

    for s in data.shown:
        out += [overview_page(data, s, w), *posture_pages(data, s, w), activity_page(data, s, w)]
        cue_page = feedback_page(data, s, w, _subtitle(data, w, s))
        if cue_page is not None:
            out.append(cue_page)
    out += progress_pages(data, w)
    return out


def alignment_warnings(summary: dict | None, w: Words) -> list[str]:
    """Posture and angles that rest on a wrong or unconfirmed upright (summary.json
    ``data_quality.alignment``): a span corrected once walking showed the upright, and a sensor
    no walk ever confirmed (a recording that starts in bed reads lying as standing)."""
    out = []
    for sid, a in (((summary or {}).get("data_quality") or {}).get("alignment") or {}).items():
        sensor = w.placement(sid).capitalize()
        for span in a.get("spans", []):
            out.append(w["up_corrected_note"].format(sensor=sensor, deg=f"{span['up_change_deg']:.0f}",
                                                     start=w.minutes(span["start_s"]), end=w.minutes(span["end_s"])))
        if a.get("up_unconfirmed"):
            out.append(w["up_unconfirmed_note"].format(sensor=sensor))
    return out


def sensor_notes(summary: dict, w: Words) -> list[str]:
    """What the sensors could tell: the trunk angle from the pelvis, and which sensors decided
    posture and exposure when one connected late or dropped out (``posture_sensors_s``,
    ``trunk_exposure.angle_sources``: the figures of such stretches rest on fewer sensors)."""
    notes = []
    exposure = summary.get("trunk_exposure") or {}
    if exposure.get("angle_source") == "pelvis_flexion_deg":
        notes.append(w["angle_source_pelvis"])
    sources = exposure.get("angle_sources") or []
    if len(sources) > 1 and sources[-1][1] == "trunk_flexion_deg":
        notes.append(w["angle_sources_note"].format(time=w.minutes(sources[-1][0])))
    for sid, c in ((summary.get("data_quality") or {}).get("coverage") or {}).items():
        notes.append(w["coverage_note"].format(sensor=w.placement(sid).capitalize(), start=w.minutes(c["start_s"]),
                                               end=w.minutes(c["end_s"]), first=w.minutes(c["others_start_s"]),
                                               last=w.minutes(c["others_end_s"])))
    decided = summary.get("posture_sensors_s") or {}
    if len(decided) > 1:
        parts = "; ".join(f"{w.configuration(c)} {w.minutes(s)}" for c, s in decided.items())
        notes.append(w["posture_sensors_note"].format(parts=parts))
    return notes
