"""The therapist report's feedback page: which cues the plan gave (delivered or not), which it
withheld and why, and behaviour before and after the cues were switched on (the cue stage's
``effect`` summary). Only for a session that ran a feedback plan."""

from __future__ import annotations

from matplotlib.figure import Figure

from . import layout
from .data import ReportData, SessionData
from .text import Words


def cue_counts(events: list[dict]) -> dict[str, dict[str, int]]:
    """Per rule: ``given``, ``delivered``, ``withheld`` counts of the session's cue events."""
    out: dict[str, dict[str, int]] = {}
    for e in events:
        if e.get("type") != "cue":
            continue
        row = out.setdefault(str(e.get("rule")), {"given": 0, "delivered": 0, "withheld": 0})
        if e.get("withheld"):
            row["withheld"] += 1
        else:
            row["given"] += 1
            row["delivered"] += bool(e.get("delivered"))
    return out


def withheld_reasons(events: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in events:
        if e.get("type") == "cue" and e.get("withheld"):
            out[e["withheld"]] = out.get(e["withheld"], 0) + 1
    return out


def feedback_page(data: ReportData, s: SessionData, w: Words, subtitle: str) -> Figure | None:
    """The page, or None when the session ran no feedback plan."""
    cues = s.info.summary.get("cues")
    if not cues:
        return None
    fig = layout.new_page()
    y = layout.header(fig, w["therapist_title"], subtitle)
    y = layout.heading(fig, y, w["cues"])
    counts = cue_counts(s.events)
    rows = [[w["cue_rule"], w["cue_given"], w["cue_delivered"], w["cue_withheld"]]]
    for rule in cues.get("rules", []):
        c = counts.get(rule, {"given": 0, "delivered": 0, "withheld": 0})
        rows.append([w.cue_rule(rule), str(c["given"]), str(c["delivered"]), str(c["withheld"])])
    y = layout.table(fig, y, rows, widths=(0.4, 0.2, 0.2, 0.2))
    reasons = withheld_reasons(s.events)
    if reasons:
        y = layout.paragraph(fig, y, w["cue_withheld_why"] + " " + ", ".join(
            f"{w.cue_reason(k)} {n}" for k, n in sorted(reasons.items())), size=8.5, color=layout.MUTED)
    if any(c["given"] > c["delivered"] for c in counts.values()):
        y = layout.paragraph(fig, y, w["cue_not_delivered"], size=8.5, color=layout.MUTED)
    effect = cues.get("effect") or {}
    y = layout.heading(fig, y - 0.01, w["cue_effect"])
    if effect.get("on_from_s") is None:
        layout.paragraph(fig, y, w["cue_never_on"])
        return fig
    y = layout.paragraph(fig, y, w["cue_on_from"].format(t=s.info.start.at(effect["on_from_s"]).strftime("%H:%M:%S")))
    before, after = effect["before"], effect["after"]
    rows = [["", w["cue_before"], w["cue_after"]]]
    for key, label, fmt in (("recorded_s", "recorded", w.minutes), ("sitting_bouts", "sitting_bouts", str),
                            ("sitting_bout_mean_s", "cue_mean_bout", w.minutes),
                            ("sitting_bout_longest_s", "cue_longest_bout", w.minutes),
                            ("stoop_lifts", "cue_stoop_lifts", str), ("stoop_lifts_per_h", "cue_stoop_per_h", w.num)):
        rows.append([w[label], _cell(before.get(key), fmt), _cell(after.get(key), fmt)])
    y = layout.table(fig, y, rows, widths=(0.4, 0.3, 0.3))
    layout.paragraph(fig, y, w["cue_effect_note"], size=8, color=layout.MUTED)
    return fig


def _cell(value: object, fmt) -> str:  # noqa: ANN001
    return "–" if value is None else fmt(value)
