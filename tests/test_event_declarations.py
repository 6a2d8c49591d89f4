"""Event types are declared once (``oefensense.core.events``) and everything that shows events
reads the declaration: stages, the CLI ticker, the dashboard's list, sound cues."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from oefensense.analysis.feedback import default_rules
from oefensense.analysis.registry import REGISTRY
from oefensense.commands.ticker import TickerSink
from oefensense.core.events import EVENT_TYPES, EventField, EventType, describe, ticker_types
from oefensense.core.types import Event
from oefensense.live.state import LiveState
from oefensense.pipeline import PipelineOutput

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def test_every_event_a_stage_raises_is_declared() -> None:
    emitted = {t for cls in REGISTRY.classes.values() for t in cls.emits}
    assert emitted <= set(EVENT_TYPES)
    assert {"gap", "marker", "sensor_not_analysed"} <= set(EVENT_TYPES)  # source / pipeline events


def test_dutch_texts_address_patients_formally() -> None:
    texts = [t for d in EVENT_TYPES.values() for t in (d.nl, d.text_nl, *d.values_nl.values(), *(f.nl for f in d.fields))]
    texts += [r["message_nl"] for r in default_rules()]
    assert not [t for t in texts if INFORMAL.search(t)]


def test_a_declaration_with_an_undeclared_field_in_its_text_is_refused() -> None:
    with pytest.raises(ValueError, match="undeclared fields"):
        EventType("x", "x", "x", "info", "lift", (EventField("a", "s", "a", "a"),), text_nl="{b}", text_en="{a}")
    with pytest.raises(ValueError, match="severity"):
        EventType("x", "x", "x", "loud", "lift", (), text_nl="", text_en="")


def test_describe_uses_the_declaration_in_both_languages() -> None:
    lift = Event("lift", 0, 10**9, {"technique": "squat", "peak_trunk_flexion_deg": 41.6, "peak_twist_deg": None})
    assert describe(lift, "nl") == "Tilbeweging (gebogen knieën), romp tot 42° voorover"
    assert describe(lift, "en") == "Lift (bent knees), trunk up to 42° forward"
    assert describe(Event("lift", 0, 0, {"technique": "stoop"}), "en") == "Lift (bent back), trunk up to ?° forward"
    assert describe(Event("not_declared", 0, 0), "nl") == "not_declared"


def test_the_ticker_prints_the_declared_ticker_events() -> None:
    buf = io.StringIO()
    sink = TickerSink(Console(file=buf, width=200), every_s=1000.0)
    events = [Event(name, 10**9, 2 * 10**9, {}) for name in EVENT_TYPES]
    sink.on_output(PipelineOutput(events=events))
    printed = {name for name in EVENT_TYPES if f"[{name}]" in buf.getvalue()}
    assert printed == set(ticker_types()) == {"lift", "technique_alert", "prolonged_sitting", "gap", "cue",
                                                  "alignment_corrected", "alignment_unconfirmed"}


def test_the_dashboard_lists_every_declared_event_with_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new declaration is enough for the dashboard to list the event, in both languages."""
    monkeypatch.setitem(EVENT_TYPES, "step_count", EventType(
        "step_count", "Stappen", "Steps", "info", "gait", (EventField("steps", "count", "stappen", "steps"),),
        text_nl="{steps} stappen gezet", text_en="{steps} steps taken"))
    state = LiveState()
    state.on_output(PipelineOutput(events=[Event("step_count", 0, 5 * 10**9, {"steps": 12}),
                                        Event("static_hold", 6 * 10**9, 70 * 10**9,
                                              {"duration_s": 64.0, "mean_flexion_deg": 31.0, "peak_flexion_deg": 40.0}),
                                        Event("marker", 71 * 10**9, 71 * 10**9, {"note": "start"})]))
    rows = state.snapshot().events
    assert [(r.type, r.severity, r.text_nl, r.text_en) for r in rows] == [
        ("step_count", "info", "12 stappen gezet", "12 steps taken"),
        ("static_hold", "notice", "64 s voorovergebogen (gemiddeld 31°)", "Bent forward for 64 s (mean 31°)"),
    ]  # markers have their own list


def test_the_session_start_reads_as_wall_clock_time_in_its_zone() -> None:
    """The dashboard's event list said "Opname begon 2026-12-03T17:33:36.944862Z UTC (Etc/UTC)",
    then (until 5 Dec 2026) "2026-12-03 18:33:36" where every other view reads dd-mm-yyyy."""
    from oefensense.core.events import describe
    from oefensense.core.types import Event

    fields = {"start_utc": "2026-12-03T17:33:36.944862Z", "timezone": "Europe/Amsterdam"}
    assert describe(Event("clock", 0, 0, fields), "nl") == "Sessie begon 03-12-2026 18:33:36 (Europe/Amsterdam)"
    summer = {"start_utc": "2026-07-01T06:00:00Z", "timezone": "Europe/Amsterdam"}
    assert describe(Event("clock", 0, 0, summer), "en") == "Session started 01-07-2026 08:00:00 (Europe/Amsterdam)"
    no_zone = {"start_utc": "2026-12-03T17:33:36Z", "timezone": None}
    assert describe(Event("clock", 0, 0, no_zone), "en") == "Session started 03-12-2026 17:33:36 UTC (?)"


def test_event_numbers_round_half_up_as_the_dashboard_does() -> None:
    """Audit 3 Dec 2026: a 16.5-s bout read "Sitting bout of 16 s" (Python's half to even) in the
    dashboard's list beside "longest 0:17" and "sitting 0:17" (its durations round half up)."""
    from oefensense.live.viewmodel import format_duration

    for d in (16.5, 47.5, 0.5, 16.49):
        text = describe(Event("sitting_bout", 0, int(d * 1e9), {"duration_s": d}), "en")
        assert text == f"Sitting bout of {round_half_up(d)} s"
        assert format_duration(d).endswith(f"{round_half_up(d):02d}")


def round_half_up(x: float) -> int:
    import math

    return int(math.floor(x + 0.5))
