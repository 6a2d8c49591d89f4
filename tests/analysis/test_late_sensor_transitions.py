"""Sit/stand events follow the sensors that decide posture when a pelvis sensor connects late.

The transitions stage chose its detector once, from the sensors of its first frame: a trunk
sensor that streamed alone for the first seconds (the pelvis connecting a little later, as
sensors do) kept the trunk's detector for the whole recording, without the squat guard, so every
squat after the pelvis had joined came out as a sit-down and a stand-up (found in review, 4 Dec
2026). Now the stage runs the detector of the configuration the posture stage used for each
sample (``posture_config``): the trunk's while the trunk is alone, the pelvis's with its squat
guard from the pelvis's first sample on.
"""

from __future__ import annotations

import pytest

from oefensense.analysis.registry import build_pipeline
from oefensense.core.types import NS_PER_S, Placement
from oefensense.sim import Lift, Sit, Stand, Walk, simulate

from .live_pieces import live_items, run_items

PELVIS_FROM_S = 45.0  # after the first sit and stand-up, before the squats


def _run(pelvis_from_s: float | None) -> tuple[list, list, dict]:
    # walks of 10 s: a walk of 3-8 s between still stands is a false sit-to-stand of its own
    # (docs/posture.md), which this test is not about
    script = [Stand(3.0), Walk(10.0), Stand(2.0), Sit(20.0), Stand(4.0), Walk(10.0),  # trunk alone (until 45 s)
              Stand(5.0), Lift("squat"), Stand(4.0), Lift("squat"), Stand(4.0), Lift("squat"),
              Stand(5.0), Walk(10.0), Stand(2.0), Sit(30.0), Stand(5.0), Walk(10.0)]
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=5, placements=(Placement.TRUNK, Placement.PELVIS))
    items = live_items(sim, 0.5, absent=lambda pl, a: pl == Placement.PELVIS and pelvis_from_s is not None and a < pelvis_from_s)
    return run_items(build_pipeline(), items)


@pytest.fixture(scope="module")
def late():
    return _run(PELVIS_FROM_S)


def _moves(events: list) -> list[tuple[str, float, str, bool]]:
    """(type, start s, source, ambiguous) of the sit/stand events."""
    return [(e.type, round(e.t_ns / NS_PER_S, 1), e.fields["source"], bool(e.fields.get("ambiguous")))
            for e in events if e.type in ("stand_to_sit", "sit_to_stand")]


PAIR = ["stand_to_sit", "sit_to_stand"]


def _after_the_pelvis_joined(moves: list) -> None:
    """The three squats at the waist: each a pair the squat guard marks ambiguous (a squat or a
    brief sit: docs/posture.md); the 30-s sit: a pair it does not; all from the pelvis."""
    assert [m[0] for m in moves] == PAIR * 4, moves
    assert [m[3] for m in moves] == [True] * 6 + [False] * 2
    assert {m[2] for m in moves} == {"sit_stand"}
    assert 98.0 < moves[6][1] < 103.0  # the sit-down at 100.4 s


def test_the_trunk_detects_while_alone_and_the_pelvis_with_its_guard_once_it_is_there(late) -> None:
    events, _, summary = late
    moves = _moves(events)
    before = [m for m in moves if m[1] < PELVIS_FROM_S]
    assert [(m[0], m[2]) for m in before] == [("stand_to_sit", "sit_stand_trunk"), ("sit_to_stand", "sit_stand_trunk")]
    _after_the_pelvis_joined([m for m in moves if m[1] >= PELVIS_FROM_S])  # nothing at the switch itself
    assert "upright_still" in summary and "squats_not_sits" in summary
    assert summary["posture_sensors_s"]["trunk"] >= PELVIS_FROM_S


def test_with_the_pelvis_from_the_start_the_same_events_after_45_s() -> None:
    events, _, summary = _run(None)
    moves = _moves(events)
    assert [m[0] for m in moves if m[1] < PELVIS_FROM_S] == PAIR
    _after_the_pelvis_joined([m for m in moves if m[1] >= PELVIS_FROM_S])
    assert "upright_still" not in summary


@pytest.mark.parametrize("pelvis_from_s", [45.0, 45.5, 46.0])
def test_a_movement_open_when_the_pelvis_joins_is_not_an_end_of_data_transfer(pelvis_from_s: float) -> None:
    """The pelvis joining mid-walk (the walk from ~43.6 s) switches the detector; the trunk's
    movement still open then is not a transfer ended by the data's end (the sensors stream on):
    the switch decided it with ``end_of_data`` and a false trunk sit_to_stand/stand_to_sit at
    44.3 s came out (joins at 45.0-46.0 s; 45.5 s on linear acceleration too)."""
    events, _, _ = _run(pelvis_from_s)
    before = [m for m in _moves(events) if m[1] < pelvis_from_s]
    assert [(m[0], m[1]) for m in before] == [("stand_to_sit", 15.1), ("sit_to_stand", 37.7)], before
    assert not any(e.fields.get("end_of_data") for e in events if e.type in PAIR)
