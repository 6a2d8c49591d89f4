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
