"""Rich rendering of a summary.json dict (shared by demo, analyze and replay), in the CLI's language."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from .common import console
from .lang import QT_TR_NOOP, cli_language, num, posture_word, sep, tr

PLACEMENT_NAMES = ("trunk", "pelvis", "thigh")

#: summary.json's keys and the keys inside its sections, as the table names them (others: the key)
LABELS = {
    "duration_s": QT_TR_NOOP("duration"), "non_wear": QT_TR_NOOP("not worn"),
    "posture_s": QT_TR_NOOP("time per posture (s)"), "sit_to_stand_count": QT_TR_NOOP("sit-to-stands"),
    "transitions": QT_TR_NOOP("transitions"), "sitting_bouts": QT_TR_NOOP("sitting bouts"), "lifts": QT_TR_NOOP("lifts"),
    "trunk_zones_s": QT_TR_NOOP("trunk zones (s)"), "trunk_exposure": QT_TR_NOOP("trunk exposure"),
    "technique_alerts": QT_TR_NOOP("technique alerts"), "data_quality": QT_TR_NOOP("data quality"),
    "clock": QT_TR_NOOP("clock time"), "cues": QT_TR_NOOP("cues"),
    "periods": QT_TR_NOOP("periods"), "total_s": QT_TR_NOOP("total"), "count": QT_TR_NOOP("number"),
    "longest_s": QT_TR_NOOP("longest"), "prolonged_count": QT_TR_NOOP("prolonged"),
    "outside_bouts_s": QT_TR_NOOP("outside bouts"), "breaks": QT_TR_NOOP("breaks"),
    "prolonged_threshold_s": QT_TR_NOOP("prolonged from"), "angle_source": QT_TR_NOOP("angle from"),
    "valid_s": QT_TR_NOOP("valid"), "unknown_s": QT_TR_NOOP("unknown"), "lying_s": QT_TR_NOOP("lying"),
    "non_wear_s": QT_TR_NOOP("not worn"), "pelvis_seated_s": QT_TR_NOOP("sitting or in transition (pelvis, in no zone)"), "extension_s": QT_TR_NOOP("extension"),
    "pct_time_over_60": QT_TR_NOOP("time over 60°"), "bends": QT_TR_NOOP("bends"),
    "bends_per_hour": QT_TR_NOOP("bends per hour"), "over_60_per_hour": QT_TR_NOOP("over 60° per hour"),
    "static_holds": QT_TR_NOOP("static holds"), "longest_hold_20_60_s": QT_TR_NOOP("longest hold 20-60°"),
    "stoop_over_60": QT_TR_NOOP("lifts with a bent back, trunk over 60°"), "twist_while_flexed": QT_TR_NOOP("twisting while bent"),
    "long_bent_hold": QT_TR_NOOP("long bent hold"), "pelvis_flexion_deg": QT_TR_NOOP("pelvis"),
    "trunk_flexion_deg": QT_TR_NOOP("trunk"), "squats_not_sits": QT_TR_NOOP("squats (not counted as sitting)"),
    "start_utc": QT_TR_NOOP("start (UTC)"), "start_local": QT_TR_NOOP("start (local time)"), "timezone": QT_TR_NOOP("time zone"),
    "posture_sensors_s": QT_TR_NOOP("posture decided by (s)"), "posture_sensor_changes": QT_TR_NOOP("sensor changes"),
    "angle_sources": QT_TR_NOOP("angle sensor changed"),  # then the list: "(pelvis from 0 s, trunk from 39.5 s)"
    "walks_not_transfers": QT_TR_NOOP("walks (not counted as standing up or sitting down)"),
}

# (section, key) pairs the table leaves out: the exposure's lying and not-worn seconds are the same
# ticks as time per posture's lying and not worn ("lying" was printed twice, with the same figure)
SAID_ELSEWHERE = frozenset({("trunk_exposure", "lying_s"), ("trunk_exposure", "non_wear_s")})


def label(key: str) -> str:
    """A summary key in the CLI's language: posture and event names as the reports and the
    event declarations word them, the rest from :data:`LABELS`."""
    from ..core.events import EVENT_TYPES

    lang = cli_language()
    if key in LABELS:
        return tr(LABELS[key])
    if key in EVENT_TYPES:
        return EVENT_TYPES[key].label(lang)
    for decl in EVENT_TYPES.values():  # field values (lift techniques...) as the declarations word them
        if key in decl.values_en:
            return (decl.values_nl if lang == "nl" else decl.values_en).get(key, key)
    word = posture_word(key, lang)
    if word != key:
        return word
    if key and all(p in PLACEMENT_NAMES for p in key.split("+")):  # a posture configuration ("thigh+trunk")
        from ..reports.text import Words

        return Words(lang).configuration(key)
    return key.replace("_", " ")


def print_summary(summary: dict[str, Any], title: str = "summary") -> None:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    for key, value in summary.items():
        if key == "sit_to_stand_count" and value == (summary.get("transitions") or {}).get("sit_to_stand", 0) \
                and "transitions" in summary:
            continue  # the transitions line says it ("sit-to-stands 116" stood above "sit-to-stand 116"; none: "none")
        if key == "data_quality":
            value = data_quality_text(value)
        elif key == "clock" and isinstance(value, dict):
            value = _clock_text(value)
        elif isinstance(value, dict):
            # a section with nothing in it says so: the transitions of a recording without any
            # printed an empty row in the demo's lifting table until 5 Dec 2026
            value = sep().join(_item(key, k, v) for k, v in value.items() if (key, k) not in SAID_ELSEWHERE) or tr("none")
        elif key.endswith("_s") and isinstance(value, (int, float)):
            value = _seconds(value, unit=True)
        table.add_row(label(key), _fmt(value))
    console.print(table)


def _item(section: str, key: str, v: Any) -> str:
    """One item of a section: its label (lower case inside the line: "stand-to-sit 3", not
    "Stand-to-sit 3", as the event declarations word it at a sentence's start) and its value; the
    prolonged-bout threshold in minutes ("prolonged from 30 min", not "prolonged from s 1800.0")."""
    name = label(key)
    if name[:1].isupper() and not name[:2].isupper():
        name = name[0].lower() + name[1:]
    if key == "prolonged_threshold_s" and isinstance(v, (int, float)):
        return f"{name} {num(float(v) / 60.0, trim=True)} min"
    if key.startswith("pct_") and isinstance(v, (int, float)):
        return f"{name} {num(float(v))} %"
    # a figure's unit after it ("longest 19.5 s"): "longest s 19.5" read as a unit before the number;
    # a section whose name carries the unit ("time per posture (s)") lists bare numbers
    return f"{name} {_inner(v, seconds=section.endswith('_s') or key.endswith('_s'), unit=key.endswith('_s'))}"


def _clock_text(clock: dict[str, Any]) -> str:
    """The clock section with the local start first: "2026-03-22T23:00:00.000000Z" alone made a
    recording started on Monday at midnight in Amsterdam read as one started on Sunday."""
    from datetime import datetime

    from ..core.clock import ClockError, zone
    from ..reports.text import utc_offset
    from .patient import SHOWN_DATE

    shown = dict(clock)
    try:
        utc = datetime.fromisoformat(str(clock["start_utc"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):  # not a time: as stored
        return sep().join(f"{label(k)} {_inner(v)}" for k, v in shown.items())
    # dd-mm-yyyy HH:MM as every other view a person reads (patient show, the reports, the
    # dashboard), the label saying its zone; summary.json keeps its ISO start_utc for scripts
    # (printed "2026-03-02 08:30" and "start (UTC) 2026-03-02T07:30:00.000000Z" until 5 Dec 2026)
    shown["start_utc"] = f"{utc.strftime(SHOWN_DATE)} {utc:%H:%M}"
    try:
        # core.clock.zone: a fixed offset too ("--start 2026-03-02T08:30+01:00" without --tz gave
        # zone "+01:00", which ZoneInfo refused: the section showed the UTC start alone)
        local = utc.astimezone(zone(str(clock["timezone"])))
    except (KeyError, ValueError, LookupError, ClockError):  # a zone this machine lacks: the UTC start alone
        pass
    else:
        shown = {"start_local": f"{local.strftime(SHOWN_DATE)} {local:%H:%M} ({utc_offset(local)})", **shown}
    # the zone as named ("America/Port_of_Spain" read "America/Port of Spain")
    return sep().join(f"{label(k)} {v if k.startswith('start_') or k == 'timezone' else _inner(v)}" for k, v in shown.items())


def hours_minutes(seconds: float) -> str:
    """``seconds`` (an hour or more) as a therapist reads a long time: "46 h 11 min" ("46 u 11
    min"), rounded to the minute."""
    minutes = int(round(seconds / 60.0))
    return tr("{h} h {m} min").format(h=minutes // 60, m=minutes % 60)


def _seconds(v: float, unit: bool = False) -> str:
    """A figure in seconds (``unit``: followed by "s"); from an hour on also in hours and minutes:
    a week's sitting printed as "166278.5" alone had to be divided by 3600 to be read."""
    text = f"{num(float(v))} s" if unit else num(float(v))
    return f"{text} ({hours_minutes(float(v))})" if v >= 3600 else text


def _inner(v: Any, seconds: bool = False, unit: bool = False) -> str:
    """A value inside a section: a word as the table words it, a list in brackets (its items are
    joined by the same separator as the section's, so "angle from trunk, angle from, changed
    pelvis from 0 s, trunk from 39.5 s, valid s 200.0" did not say where the list ended);
    ``seconds``: a number in seconds (:func:`_seconds`, ``unit``: with its "s")."""
    if isinstance(v, str):
        return label(v)
    if seconds and isinstance(v, (int, float)) and not isinstance(v, bool):
        return _seconds(v, unit=unit)
    return f"({_fmt(v)})" if isinstance(v, list) else _fmt(v)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return num(v)
    if isinstance(v, list) and all(isinstance(x, (list, tuple)) and len(x) == 2 for x in v):
        # [[from s, what], ...]: a source that changed during the recording (angle_sources)
        return sep().join(tr("{what} from {at} s").format(what=label(str(w)), at=num(float(t), trim=True)) for t, w in v)
    return str(v)


def data_quality_text(dq: dict[str, Any]) -> str:
    """summary.json's ``data_quality`` as short lines per sensor ("none flagged" when clean)."""
    lines = []
    from ..io.csv_checks import ImportReport

    state = (dq.get("session") or {}).get("state")
    if state == "recording":
        lines.append(tr("the session was still being recorded: the results end at its last flush"))
    elif state == "not_closed":
        lines.append(tr("the session was not closed (the recording crashed): the results end at its last flush; "
                        "`oefensense repair` closes it"))

    from ..reports.text import Words

    words = Words(cli_language())  # the sensor's place and a gap's reason as the reports word them ("bekken")
    for sid, imp in (dq.get("import") or {}).items():
        lines.append(tr("{sensor}: import {what}").format(sensor=words.placement(sid),
                                                          what=ImportReport.from_dict(imp).describe(cli_language())))
    for sid, g in (dq.get("gaps") or {}).items():
        reasons = ", ".join(f"{words.gap_reason(r)} {n}" for r, n in g["by_reason"].items())
        dropped = (dq.get("dropped_samples") or {}).get(sid, {})
        extra = tr("; %n samples dropped", None, sum(dropped.values())) if dropped else ""
        lines.append(tr("{sensor}: %n flagged gap(s), {seconds} s ({reasons})", None, g["count"])
                     .format(sensor=words.placement(sid), seconds=num(g['seconds']), reasons=reasons) + extra)
    for sid, a in (dq.get("alignment") or {}).items():
        if "learned_ahead_until_s" in a:
            # not a flaw: a file's still start was not upright, so the first walk decided upright
            lines.append(tr("{sensor}: starts still, {deg}° from upright (lying, or not worn), without a walk: its upright "
                            "direction until {until} s ({span}) was taken from the walk that follows")
                         .format(sensor=words.placement(sid), deg=num(a["still_start_off_deg"], 0),
                                 until=num(a["learned_ahead_until_s"], 0), span=words.minutes(a["learned_ahead_until_s"])))
        if a.get("up_unconfirmed"):
            # no walk at all: a night in bed would read as standing, and nothing else says so
            lines.append(tr("{sensor}: no walking found, so its upright direction is a guess from its most common "
                            "still posture: posture and angles may be wrong (lying may read as standing)")
                         .format(sensor=words.placement(sid)))
        for span in a.get("spans", []):
            # the span ends where walking showed the real upright: everything in it rests on a guess
            lines.append(tr("{sensor}: upright direction corrected by {deg}° at {at} s: "
                            "posture and angles from {since} s until then ({span}) are unreliable")
                         .format(sensor=words.placement(sid), deg=num(span["up_change_deg"], 0), at=num(span["end_s"], 0),
                                 since=num(span["start_s"], 0), span=words.minutes(span["end_s"] - span["start_s"])))
    for sid, c in (dq.get("coverage") or {}).items():
        # no gap event covers data that start late or end early: those stretches rest on the others
        lines.append(tr("{sensor}: data only from {start} to {end} s (the other sensors {first}-{last} s)")
                     .format(sensor=words.placement(sid), start=num(c["start_s"], 0), end=num(c["end_s"], 0),
                             first=num(c["others_start_s"], 0), last=num(c["others_end_s"], 0)))
    starts = dq.get("file_starts")
    if starts:
        firsts = sep().join(f"{words.placement(sid)} {num(t, 1)} s" for sid, t in starts["first_row_s"].items())
        if starts["common_clock"]:
            lines.append(tr("the files' first rows are apart ({firsts}): read as one clock (--common-clock)")
                         .format(firsts=firsts))
        else:
            # the default assumes the sensors started together: wrong when the files share a clock
            lines.append(tr("the files' first rows are apart ({firsts}): each file is taken to start at its first row; "
                            "if their times are one clock, analyse with --common-clock").format(firsts=firsts))
    return "\n".join(lines) or tr("nothing dropped or flagged")
