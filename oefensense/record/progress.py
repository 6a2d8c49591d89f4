"""Progress: the figures that matter per session, and their change from one session to the next.

Each figure is defined once here (codes and units in ``measures``) from what the record stores:
the session's summary and its day rows. A figure a session cannot give is None (for example the
squat share without lifts, or the trunk zones without an angle source), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .measures import Measure, measure
from .store import AssessmentInfo, SessionInfo

PROGRESS_CODES = (
    "sitting_h_per_day", "sitting_pct", "long_sitting_bouts_per_day", "longest_sitting_bout_min", "sit_to_stands_per_day", "lifts",
    "lifts_per_day", "lifts_undetermined", "lifts_squat_pct", "lifts_stoop_pct", "trunk_20_60_pct", "trunk_over_60_pct",
    "work_sitting_pct", "work_long_sitting_bouts_per_day",
)  # trunk_over_20_pct (their sum) is for the patient's report
# figures only a session analysed with --work-hours has: views leave them out when no session has one
WORK_CODES = ("work_sitting_pct", "work_long_sitting_bouts_per_day")
# figures listed only when a session has one above 0: the lifts whose technique is undetermined,
# beside the squat share that leaves them out (most sessions have none)
NONZERO_CODES = ("lifts_undetermined",)


def _ratio(num: float | None, den: float | None, scale: float = 1.0) -> float | None:
    if num is None or not den:
        return None
    return round(scale * float(num) / float(den), 2)


def known_technique_lifts(lifts: dict[str, Any]) -> int | None:
    """Lifts whose technique is known: the count less the ``undetermined`` ones (a slow lift at
    the waist, docs/lifting.md), the denominator of the squat and stoop shares (they counted
    in it, so every undetermined lift lowered the squat share). None without a count; a summary
    from before the rule has no ``undetermined`` key: every lift had a technique."""
    n = lifts.get("count")
    return None if n is None else int(n) - int(lifts.get("undetermined") or 0)


def session_figures(s: SessionInfo) -> dict[str, float | None]:
    """The SESSION_MEASURES of one session (see measures.py for names and units)."""
    summary = s.summary
    days = s.days
    wear = [d["wear_s"] for d in days if d.get("wear_s") is not None]
    sitting_all = [d["sitting_s"] for d in days if d.get("sitting_s") is not None]
    # per-day figures over the valid days (worn >= --valid-day-hours, the rule accelerometry uses):
    # over every recorded day a 4-min clinic session read 0.05 h/d and showed a week's 8.4 h/d
    # beside it as "8.4 h/d better". Days with no wear rule (a recording without clock time:
    # valid_day None throughout) keep counting all.
    per_day = [d for d in days if d.get("valid_day")] if any(d.get("valid_day") is not None for d in days) else days
    n_days = len(per_day) or None
    sitting = [d["sitting_s"] for d in per_day if d.get("sitting_s") is not None]
    long_bouts = [d["sitting_bouts_over_30min"] for d in per_day if d.get("sitting_bouts_over_30min") is not None]
    # a day row stored before migration 0006 (or from a days.csv written before it) has no count:
    # the figure is then unknown ("–"), never 0 stand-ups a day
    stands = [d.get("sit_to_stand_count") for d in per_day]
    day_lifts = [d.get("lifts") for d in per_day]
    lifts = summary.get("lifts") or {}
    n_lifts = lifts.get("count")
    zones = summary.get("trunk_zones_s") or {}
    valid = (summary.get("trunk_exposure") or {}).get("valid_s")
    bouts = summary.get("sitting_bouts") or {}
    fig: dict[str, float | None] = {
        "recorded_h": round(s.duration_s / 3600.0, 2),
        "sitting_h_per_day": _ratio(sum(sitting), n_days, 1 / 3600.0) if sitting else None,
        "sitting_pct": _ratio(sum(sitting_all), sum(wear), 100.0) if sitting_all and wear else None,
        "long_sitting_bouts_per_day": _ratio(sum(long_bouts), n_days) if long_bouts else None,
        "sit_to_stands_per_day": (_ratio(sum(stands), n_days)
                                  if stands and all(v is not None for v in stands) else None),
        "longest_sitting_bout_min": _minutes(bouts["longest_s"]) if bouts.get("longest_s") is not None else None,
        "mean_sitting_bout_min": (_minutes(float(bouts["total_s"]) / bouts["count"])
                                  if bouts.get("count") and bouts.get("total_s") is not None else None),
        "cues_given": float(sum((summary["cues"].get("given") or {}).values())) if summary.get("cues") else None,
        "lifts": float(n_lifts) if n_lifts is not None else None,
        # over the valid days as sitting; unknown ("–") when a day row has no count
        "lifts_per_day": (_ratio(sum(day_lifts), n_days)
                          if day_lifts and all(v is not None for v in day_lifts) else None),
        "lifts_undetermined": float(lifts.get("undetermined") or 0) if n_lifts is not None else None,
        # shares of the lifts whose technique is known (None when there is none)
        "lifts_squat_pct": _ratio(lifts.get("squat"), known_technique_lifts(lifts), 100.0),
        "lifts_stoop_pct": _ratio(lifts.get("stoop"), known_technique_lifts(lifts), 100.0),
        "trunk_over_20_pct": (_ratio(float(zones["20-60"]) + float(zones[">60"]), valid, 100.0)
                              if "20-60" in zones and ">60" in zones else None),
        "trunk_20_60_pct": _ratio(zones.get("20-60"), valid, 100.0),
        "trunk_over_60_pct": _ratio(zones.get(">60"), valid, 100.0),
        "trunk_20_60_min": _minutes(zones["20-60"]) if "20-60" in zones else None,
        "trunk_over_60_min": _minutes(zones[">60"]) if ">60" in zones else None,
        **_work_figures(s),
    }
    return fig


def _minutes(seconds: float) -> float:
    """A duration figure in minutes, to 0.001 min (0.06 s): under a minute it reads in whole
    seconds, and 0.1 min (6 s) showed a 33-s bout as "36 seconden" beside "33 seconden"."""
    return round(float(seconds) / 60.0, 3)


def _work_figures(s: SessionInfo) -> dict[str, float | None]:
    """Sitting at work (``period = work`` day rows) as a share of the worn work time, and long
    bouts per work day: a day whose work row was worn, over the valid days as ``sitting_h_per_day``
    (a day without a wear rule counts). None without a schedule."""
    if not s.work_days:
        return {"work_sitting_pct": None, "work_long_sitting_bouts_per_day": None}
    valid = {d["date"] for d in s.days if d.get("valid_day") is not False}
    work = [d for d in s.work_days if d["period"] == "work" and d["date"] in valid and (d.get("wear_s") or 0) > 0]
    wear = sum(float(d["wear_s"]) for d in work)
    sitting = [d["sitting_s"] for d in work if d.get("sitting_s") is not None]
    bouts = [d["sitting_bouts_over_30min"] for d in work if d.get("sitting_bouts_over_30min") is not None]
    return {"work_sitting_pct": _ratio(sum(sitting), wear, 100.0) if sitting else None,
            "work_long_sitting_bouts_per_day": _ratio(sum(bouts), len(work)) if bouts else None}


def shown_codes(values: dict[str, list[float | None]], codes: tuple[str, ...] = PROGRESS_CODES) -> list[str]:
    """The progress codes a view lists: every figure, but a work figure only when a session has
    it and the undetermined lifts only when a session has any."""
    return [c for c in codes if (c not in WORK_CODES or any(v is not None for v in values.get(c, [])))
            and (c not in NONZERO_CODES or any(v for v in values.get(c, [])))]


# figures over the valid days: unknown throughout when no session has a valid day
PER_VALID_DAY_CODES = ("sitting_h_per_day", "long_sitting_bouts_per_day", "sit_to_stands_per_day", "lifts_per_day")


def _session_unknown_reason(s: SessionInfo, code: str) -> str | None:
    """Why one session has no ``code``: "no_valid_day" (day rows with a wear rule, none valid),
    "not_counted" (valid days stored before migration 0006, without stand-up counts), "no_lifts"
    and "technique_undetermined" (a technique share without a lift, or without one whose technique
    is known), None when the data does not say."""
    days = s.days
    if code in PER_VALID_DAY_CODES and any(d.get("valid_day") is not None for d in days) and not any(d.get("valid_day") for d in days):
        return "no_valid_day"
    if code == "sit_to_stands_per_day" and days and any(d.get("sit_to_stand_count") is None for d in days):
        return "not_counted"
    if code in ("lifts_squat_pct", "lifts_stoop_pct"):  # a share of no lift: `patient show` named it bare
        lifts = (s.summary or {}).get("lifts") or {}
        if lifts.get("count") == 0:
            return "no_lifts"
        if lifts.get("count") and known_technique_lifts(lifts) == 0:
            return "technique_undetermined"
    return None


def unknown_reason(sessions: list[SessionInfo], code: str) -> str | None:
    """Why no session has a value for ``code``: a reason every session shares (see
    ``_session_unknown_reason``), else None (the views then only name the figure)."""
    reasons = {_session_unknown_reason(s, code) for s in sessions}
    return reasons.pop() if len(reasons) == 1 else None


def shown_change(now: float, before: float, digits: int) -> float:
    """The change between two figures as they are shown, each rounded to ``digits``: "9,4 → 9,4"
    is a change of 0,0 (it read "+0,1 %-punt" beside two equal numbers: 9.36 → 9.44), and a
    -0.04 h/d change is "0,0, unchanged", not "-0,0 better". + 0.0 turns -0.0 into 0.0."""
    return round(round(now, digits) - round(before, digits), digits) + 0.0


@dataclass(frozen=True, slots=True)
class Change:
    """A figure now and before, and whether the change is an improvement (None: can't say)."""

    code: str
    now: float | None
    before: float | None

    @property
    def delta(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return shown_change(self.now, self.before, measure(self.code).digits)

    @property
    def improved(self) -> bool | None:
        m: Measure = measure(self.code)
        d = self.delta
        if d is None or d == 0 or m.higher_is_better is None:
            return None
        return (d > 0) == m.higher_is_better


def compare(now: SessionInfo, before: SessionInfo | None, codes: tuple[str, ...] = PROGRESS_CODES) -> list[Change]:
    a = session_figures(now)
    b = session_figures(before) if before is not None else {}
    return [Change(c, a.get(c), b.get(c)) for c in codes]


def previous_of(sessions: list[SessionInfo], s: SessionInfo) -> SessionInfo | None:
    """The session before ``s`` in the patient's time-ordered list (None for the first)."""
    ids = [x.id for x in sessions]
    i = ids.index(s.id)
    return sessions[i - 1] if i > 0 else None


def previous_results(assessments: list[AssessmentInfo]) -> list[dict[str, float]]:
    """For each assessment (the record's time order), the results of the latest earlier one of
    the same kind ({} for the first): what ``assess --patient`` compares a new result with, and
    what ``patient show`` and the therapist report put beside each result. Every kind alike: a
    guided test, a session analysed as an assessment, a score the therapist typed in."""
    last: dict[str, dict[str, float]] = {}
    out = []
    for a in assessments:
        out.append(last.get(a.kind, {}))
        last[a.kind] = a.results
    return out


def trend(sessions: list[SessionInfo], codes: tuple[str, ...] = PROGRESS_CODES) -> dict[str, list[float | None]]:
    """Per figure, its value in each session (time order)."""
    figs = [session_figures(s) for s in sessions]
    return {c: [f[c] for f in figs] for c in codes}


def assessment_trend(assessments: list[AssessmentInfo]) -> dict[str, list[tuple[Any, float]]]:
    """Per result code, (performed, value) in time order."""
    out: dict[str, list[tuple[Any, float]]] = {}
    for a in assessments:
        for code, value in a.results.items():
            out.setdefault(code, []).append((a.performed, value))
    return out
