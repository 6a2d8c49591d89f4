"""Posture while one of several sensors is gone: the others decide until it is back.

With trunk, pelvis and thigh worn, the posture stage decides from thigh + trunk; when the thigh
dropped out for 50 s, posture was ``unknown`` for all of it (53 s) although the trunk and pelvis
streamed on. Now, once the thigh has had no data for ``fallback_after_s`` (5 s), the best
configuration the others allow (the pelvis model) decides, and thigh + trunk again from the
thigh's first sample back; the summary says how long each decided.
"""

from __future__ import annotations

import dataclasses

import pytest

from oefensense.analysis.posture import PostureSettings
from oefensense.analysis.registry import build_pipeline
from oefensense.core.types import NS_PER_S, Event, Placement
from oefensense.pipeline import PipelineSettings
from oefensense.sim import Sit, Stand, Walk, simulate

from .live_pieces import live_items, run_items

GONE = (70.0, 120.0)  # the thigh's dropout (s): walking, then sitting from 87.5 s


def _run(fallback_after_s: float | None = None) -> tuple[list, dict]:
    script = [Stand(3.0), Walk(12.0), Stand(10.0), Sit(30.0), Stand(5.0), Walk(20.0), Sit(40.0), Stand(5.0), Walk(8.0)]
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=5,
                   placements=(Placement.TRUNK, Placement.PELVIS, Placement.THIGH))
    settings = None
    if fallback_after_s is not None:
        settings = PipelineSettings(stage_settings={"posture": dataclasses.asdict(
            PostureSettings(fallback_after_s=fallback_after_s))})
    thigh = sim.infos[Placement.THIGH].sensor_id
    gap = Event("gap", int(GONE[0] * NS_PER_S), int(GONE[1] * NS_PER_S), {"reason": "link_lost"}, sensor_id=thigh)
    items = live_items(sim, absent=lambda pl, a: pl == Placement.THIGH and GONE[0] <= a < GONE[1],
                       extra=lambda a: [gap] if a == GONE[1] else [])
    _, segments, summary = run_items(build_pipeline(settings), items)
    return segments, summary


def _seconds(segments: list, posture: str, a: float, b: float) -> float:
    return sum(max(0.0, min(s.end_ns / NS_PER_S, b) - max(s.start_ns / NS_PER_S, a)) for s in segments if s.posture == posture)


@pytest.fixture(scope="module")
def fallback():
    return _run()


def test_the_other_sensors_decide_while_one_is_gone(fallback) -> None:
    segments, summary = fallback
    assert _seconds(segments, "unknown", *GONE) < 15.0  # 50 s unknown without the fallback
    assert _seconds(segments, "walking", 75.0, 85.0) > 5.0
    assert _seconds(segments, "sitting", 90.0, 105.0) > 12.0
    assert summary["posture_sensor_changes"] == 2  # to the pelvis, and back
    by = summary["posture_sensors_s"]
    assert set(by) == {"thigh+trunk", "pelvis"}
    assert 44.0 <= by["pelvis"] <= 46.0  # from 5 s into the dropout until the thigh's first sample back
    assert _seconds(segments, "sitting", 123.0, 127.0) > 3.5  # thigh + trunk again


def test_fallback_can_be_switched_off() -> None:
    segments, summary = _run(fallback_after_s=float("inf"))
    assert _seconds(segments, "unknown", *GONE) > 45.0
    assert "posture_sensors_s" not in summary
