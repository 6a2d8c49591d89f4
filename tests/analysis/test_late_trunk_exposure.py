"""Trunk exposure from a trunk sensor that connects after the analysis has started.

The exposure stage chose its angle once, from its first frame: with the pelvis there first, a
trunk sensor connecting later was never used, and the trunk's flexion was read from the pelvis
(a lower bound: of three simulated 80° stoops the pelvis gave 1 bend and 0 s over 60°). Now the trunk
takes over from its first valid sample with a known forward direction, and the summary says
when (``angle_sources``).
"""

from __future__ import annotations

import pytest

from oefensense.analysis.registry import build_pipeline
from oefensense.core.types import Placement
from oefensense.sim import Lift, Stand, Walk, simulate

from .live_pieces import live_items, run_items

TRUNK_FROM_S = 28.0  # after the first frame (the pelvis holds its first 20 s for its alignment)


def _summary(trunk_from_s: float | None) -> dict:
    script = [Stand(3.0), Walk(12.0), Stand(20.0), Lift("stoop"), Lift("stoop"), Lift("stoop"), Stand(5.0), Walk(8.0)]
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=5, placements=(Placement.TRUNK, Placement.PELVIS))
    absent = (lambda pl, a: pl == Placement.TRUNK and a < trunk_from_s) if trunk_from_s is not None else (lambda pl, a: False)
    return run_items(build_pipeline(), live_items(sim, absent=absent))[2]


@pytest.fixture(scope="module")
def both() -> tuple[dict, dict]:
    return _summary(TRUNK_FROM_S), _summary(None)


def test_a_trunk_that_connects_late_becomes_the_angle_source(both) -> None:
    late, whole = both
    exposure = late["trunk_exposure"]
    assert exposure["angle_source"] == "trunk_flexion_deg"
    (t0, first), (t1, then) = exposure["angle_sources"]
    assert (t0, first, then) == (0.0, "pelvis_flexion_deg", "trunk_flexion_deg")
    # its first valid sample with a known forward: learned from the first stoop (35-39 s)
    assert TRUNK_FROM_S <= t1 < 42.0
    # the three 80-degree stoops after the trunk joined: the first read from the pelvis (its forward
    # was learned from it), the others from the trunk (before: > 60 deg 0 s, 1 bend of 3)
    assert whole["trunk_zones_s"][">60"] > 5.0
    assert late["trunk_zones_s"][">60"] > 0.6 * whole["trunk_zones_s"][">60"]
    assert exposure["bends"] == whole["trunk_exposure"]["bends"] == 3


def test_sensors_there_from_the_start_keep_one_angle_source(both) -> None:
    assert "angle_sources" not in both[1]["trunk_exposure"]
