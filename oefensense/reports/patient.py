"""The patient's report: plain words (formal "u" in Dutch), a few figures with the change since
last time, one picture of how the time was spent, and the goals."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..io.period_tables import NOT_WORN
from ..record.progress import Change, compare, known_technique_lifts
from . import figures, layout
from .cues import cue_counts
from .data import ReportData, SessionData
from .text import P_LIFT_HOW, Words

PATIENT_CODES = ("sitting_pct", "longest_sitting_bout_min", "trunk_over_20_pct", "lifts_squat_pct")


def _one_lift(lifts: dict, w: Words) -> str | None:
    """How the one lift whose technique is known was made ("with a bent back"), from the
    summary's technique counts; None when they do not name it (a summary without them)."""
    made = [t for t in P_LIFT_HOW if int(lifts.get(t) or 0) == 1]
    return w.lift_how(made[0]) if len(made) == 1 else None


def _pct(w: Words, v: float | None) -> str:
    """A share in whole percent; one that rounds to 0 or 100 without being so says "less than
    1%" / "more than 99%" (a back bent 0.3 % of a week read "0%")."""
    if v is None:
        return "–"
    whole = w.num(v, 0)
    if v > 0.0 and whole == "0":
        return w["pct_under_1"]
    if v < 100.0 and whole == "100":
        return w["pct_over_99"]
    return f"{whole}%"


def _verdict(ch: Change, w: Words) -> str:
    if ch.before is None or ch.now is None:
        return ""
    if ch.improved is None:
        return w["p_same"]
    return w["p_better"] if ch.improved else w["p_worse"]


#: below this share of the recorded time worn, the reports say the figures are about that time only
LITTLE_WORN = 0.5


def worn_s(s) -> float:  # noqa: ANN001 - SessionInfo
    """Seconds the sensor was worn: the day rows' ``wear_s`` (the denominator of the shares)."""
    return float(sum(d.get("wear_s") or 0.0 for d in s.days))


def little_worn(s) -> bool:  # noqa: ANN001 - SessionInfo
    """True when less than LITTLE_WORN of the recording was worn."""
    return s.duration_s > 0 and worn_s(s) < LITTLE_WORN * s.duration_s


def _shares(s) -> dict[str, float]:  # noqa: ANN001 - SessionInfo
    """Posture shares (%) of the worn time, the denominator of "you sat N % of the measured
    time" (``sitting_pct``: the day rows' ``wear_s``), so the chart and the sentence agree. Time
    the sensor was not worn or sent nothing is left out (it was counted in, so the bars stopped
    short and sitting read 34 % beside "you sat 37 %"); days counted from the timeline (no
    days.csv) also leave out unknown posture, as their ``wear_s`` does."""
    from ..record.days import NOT_WORN_OR_UNKNOWN

    left_out = NOT_WORN_OR_UNKNOWN if any(d.get("source") == "timeline" for d in s.days) else frozenset(NOT_WORN)
    posture = {k: float(v) for k, v in (s.summary.get("posture_s") or {}).items() if k not in left_out}
    total = sum(posture.values()) or 1.0
    return {k: 100.0 * v / total for k, v in posture.items()}


def page(data: ReportData, s: SessionData, w: Words) -> Figure:
    fig = layout.new_page()
    info = s.info
    before = data.previous.get(info.id)
    # a recording over several days by its dates (a week of wear read "the measurement of 23 March")
    dates = w.session_dates(info)
    y = layout.header(fig, w["patient_title"], f"{w['patient']} {data.code} · {dates}")
    y = layout.paragraph(fig, y, w["p_intro"].format(date=dates), size=11, width=80)
    y = layout.paragraph(fig, y, w["p_compare"].format(date=w.date(before.start.local)) if before else w["p_first"],
                         size=11, width=80)
    from .therapist import WARN_COLOUR  # here: therapist imports this module

    # figures of the movement simulator (record --simulate --patient) must not read as the patient's own
    for key, session in (("p_simulated", info), ("p_simulated_before", before)):
        if session is not None and (session.quality or {}).get("source") == "simulated":
            y = layout.paragraph(fig, y, w[key], size=11, width=80, color=WARN_COLOUR)
    # the worn time the percentages are of (a week the sensor lay on a desk read "you sat 0 %")
    worn = worn_s(info)
    worn_text = w["p_worn"].format(worn=w.minutes(worn), recorded=w.minutes(info.duration_s))
    if little_worn(info):
        worn_text += " " + w["p_worn_little"]
    y = layout.paragraph(fig, y, worn_text, size=11, width=80)
    y = layout.heading(fig, y - 0.01, w["p_key"])
    changes = {c.code: c for c in compare(info, before, PATIENT_CODES)}
    fig_sit = changes["sitting_pct"]
    lines = [(w["p_sitting"].format(now=_pct(w, fig_sit.now)), fig_sit, _pct)]
    longest = changes["longest_sitting_bout_min"]
    minutes = lambda w_, v: w_.minutes(None if v is None else v * 60)  # noqa: E731
    if longest.now is not None:
        lines.append((w["p_longest"].format(now=minutes(w, longest.now)), longest, minutes))
    elif fig_sit.now == 0:  # "Your longest time sitting without a break was –." (HAPT walk-through)
        lines.append((w["p_no_sitting"], longest, minutes))
    bent = changes["trunk_over_20_pct"]
    if bent.now is not None:
        lines.append((w["p_bent"].format(now=_pct(w, bent.now)), bent, _pct))
    lifts = info.summary.get("lifts") or {}
    if lifts.get("count"):
        squat = changes["lifts_squat_pct"]  # of the lifts whose technique is known
        known = known_technique_lifts(lifts) or 0
        u = int(lifts["count"]) - known  # technique undetermined (slow lifts at the waist)
        times = w.times(int(lifts["count"]))
        slow = w.counted(u, ("slow lift", "trage tilbeweging"), ("slow lifts", "trage tilbewegingen"))
        if known == 1 and (how := _one_lift(lifts, w)):  # its technique, not "0% of those"
            text = w["p_lift_one"].format(how=how) if not u else \
                w["p_lifts_one_known"].format(times=times, how=how, slow_lifts=slow)
        elif not known and u == 1:
            text = w["p_lift_one_undetermined"]
        elif not u:
            text = w["p_lifts"].format(times=times, squat=_pct(w, squat.now))
        elif known:
            text = w["p_lifts_undetermined"].format(
                times=times, known=known, squat=_pct(w, squat.now), known_lifts=w.counted(known, ("lift", ""), ("lifts", "")),
                slow_lifts=slow)
        else:
            text = w["p_lifts_all_undetermined"].format(times=times)
        lines.append((text, squat, _pct))
    else:
        lines.append((w["p_no_lifts"], None, None))
    given = {rule: c["given"] for rule, c in cue_counts(s.events).items() if c["given"]}
    if given:  # the cues of the therapist's feedback plan, in the patient's words
        lines.append((w["p_cues"].format(rules=", ".join(f"{w.cue_rule(r).lower()} {n}×" for r, n in given.items())),
                      None, None))
    for text, ch, fmt in lines:
        y = layout.paragraph(fig, y, "• " + text, size=11, width=78)
        if ch is not None and ch.before is not None:
            y = layout.paragraph(fig, y + 0.004, "   " + w["p_before"].format(before=fmt(w, ch.before)) + " " + _verdict(ch, w),
                                 size=10, width=82, color=layout.MUTED)
    # "now and last time" only when there is a last time (a first session said it too)
    y = layout.heading(fig, y - 0.01, w["p_chart"] if before is not None else w["p_chart_first"])
    labels = [f"{w['now']} ({dates})"]
    shares = [_shares(info)]
    if before is not None:
        labels.append(f"{w['last_time']} ({w.session_dates(before)})")
        shares.append(_shares(before))
    h = 0.05 + 0.04 * len(shares)
    figures.posture_share(layout.axes(fig, y - 0.005, h, left=0.33), labels, shares, w)
    y -= h + 0.1
    y = layout.heading(fig, y, w["p_goals"])
    if not data.goals:
        y = layout.paragraph(fig, y, w["no_goals"], size=11)
    for g in data.goals:
        y = layout.paragraph(fig, y, "• " + g.text, size=11, width=78)
    layout.paragraph(fig, max(y - 0.02, 0.08), w["p_questions"], size=10, color=layout.MUTED)
    return fig


def pages(data: ReportData, w: Words) -> list[Figure]:
    return [page(data, s, w) for s in data.shown]
