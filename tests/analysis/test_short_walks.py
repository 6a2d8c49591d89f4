"""A short walk between two still stands is not a sit-to-stand.

The sit/stand detector integrates any movement of 0.6-8 s between two still periods; a walk of
3-8 s integrates to a 0.1-0.33 m "rise" (velocity drift over the gait) and came out as a
sit-to-stand, every time, on the simulator (36 of 42 walks of 2-8 s, with random mountings; 4
Dec 2026): a working day of walks to the printer would have been a day of stand-ups. The
posture stage calls those stretches walking, and a movement it called walking for at least half
its time is now a walk (summary ``walks_not_transfers``), not a transfer.
"""

from __future__ import annotations

import pytest

from oefensense.analysis.registry import build_pipeline
from oefensense.core.types import NS_PER_S, Placement
from oefensense.pipeline import PipelineSettings
from oefensense.sim import Sit, Stand, Walk, simulate

from .live_pieces import live_items, run_items

TRANSFERS = ("sit_to_stand", "stand_to_sit")


def _run(script: list, seed: int, step_s: float = 0.5, settings: PipelineSettings | None = None,
         placement: Placement = Placement.PELVIS) -> tuple[list, dict]:
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=seed, placements=(placement,))
    events, _, summary = run_items(build_pipeline(settings), live_items(sim, step_s))
    return [(e.type, round(e.t_ns / NS_PER_S, 1)) for e in events if e.type in TRANSFERS], summary


def _walks(walk_s: float) -> list:
    return [Stand(5.0), Walk(walk_s), Stand(5.0), Walk(walk_s, turn_deg=180.0), Stand(5.0)]


@pytest.mark.parametrize("walk_s", [3.0, 5.0, 7.9])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_short_walk_between_still_stands_is_no_transfer(walk_s: float, seed: int) -> None:
    moves, summary = _run(_walks(walk_s), seed)
    assert moves == []
    assert summary["walks_not_transfers"] == 2


@pytest.mark.parametrize("seed", [1, 2])
def test_nor_with_a_trunk_sensor_alone(seed: int) -> None:
    """The trunk's detector took the walks for stand-ups too, and its sitting-time estimate
    counted them as evidence of standing up."""
    moves, summary = _run(_walks(5.0), seed, placement=Placement.TRUNK)
    assert moves == []
    assert summary["walks_not_transfers"] == 2


def test_without_the_veto_the_walks_are_stand_ups() -> None:
    """What the veto removes (so the test above can fail)."""
    off = PipelineSettings(stage_settings={"transitions": {"walk_veto": None}})
    moves, summary = _run(_walks(5.0), 1, settings=off)
    assert [m[0] for m in moves] == ["sit_to_stand", "sit_to_stand"]
    assert "walks_not_transfers" not in summary


def test_a_walk_to_a_chair_and_sitting_down_are_still_found() -> None:
    script = [Stand(3.0), Walk(5.0), Stand(2.0), Sit(15.0), Stand(3.0), Walk(5.0), Stand(3.0)]
    moves, summary = _run(script, 3)
    assert [m[0] for m in moves] == ["stand_to_sit", "sit_to_stand"]
    assert summary["walks_not_transfers"] == 2


def test_the_same_events_however_the_stream_is_cut() -> None:
    script = _walks(4.0) + [Sit(12.0), Stand(3.0)]
    assert _run(script, 2, step_s=0.5) == _run(script, 2, step_s=3.7)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_sit_down_out_of_a_walk_and_a_stand_up_into_one_are_found(seed: int) -> None:
    """The detector needs a still period on both sides of a transfer: walking to a chair and
    sitting down, or getting up and walking off, gave no event at all (0 of 6 on the simulator).
    The pelvis model's own movement gives them now (``source: "posture"``)."""
    sim = simulate([Stand(3.0), Walk(10.0), Sit(8.0), Walk(10.0), Stand(3.0)], rate_hz=50.0, mounting="random",
                   seed=seed, placements=(Placement.PELVIS,))
    events, _, _ = run_items(build_pipeline(), live_items(sim, 0.5))
    moves = [(e.type, e.t_ns / NS_PER_S, e.fields.get("source")) for e in events if e.type in TRANSFERS]
    assert [(m[0], m[2]) for m in moves] == [("stand_to_sit", "posture"), ("sit_to_stand", "posture")]
    assert 12.0 < moves[0][1] < 16.0 and 19.0 < moves[1][1] < 25.0  # sat down at 13 s, up at ~19.5 s
    off = PipelineSettings(stage_settings={"transitions": {"walking_transfers": False}})
    events, _, _ = run_items(build_pipeline(off), live_items(sim, 0.5))
    assert [e for e in events if e.type in TRANSFERS] == []


def test_a_moments_sitting_between_two_walks_is_no_transfer() -> None:
    """A sit-down out of a walk is raised only once the sitting has lasted a sitting bout (5 s):
    on HAPT the pelvis model calls the turn between two flights of stairs sitting for 0.5-4 s."""
    script = [Stand(3.0), Walk(10.0), Sit(3.0), Walk(10.0), Stand(3.0)]
    moves, _ = _run(script, 1)
    assert moves == []


@pytest.mark.parametrize("seed", [1, 2])
def test_the_veto_does_not_depend_on_the_frame_size(seed: int) -> None:
    """The walks are decided ~10-25 s into the stream and a long stand follows, so in frames of
    180 s and more they lie more than the history's 60 s before their frame's end. The history
    was kept from the frame's end: there they found none and came out as stand-ups (the
    generated day lost a veto at 180-s chunks, both at 600 s), unlike a 0.5-s (live) stream."""
    script = _walks(5.0) + [Stand(80.0), Sit(10.0), Stand(5.0)]
    live = _run(script, seed, step_s=0.5)
    assert live[0] == [("stand_to_sit", live[0][0][1]), ("sit_to_stand", live[0][1][1])]
    assert live[1]["walks_not_transfers"] == 2
    for step_s in (60.0, 180.0, 360.0, 600.0):
        assert _run(script, seed, step_s=step_s) == live, step_s
