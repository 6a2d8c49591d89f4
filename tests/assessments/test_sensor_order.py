"""A two-sensor recording gives the same body frame whichever sensor is listed first: the trunk
range of motion of a simulated pelvis + trunk test lost its first forward bend (and flagged
too_few_reps) when the pelvis came first, because the trunk's first ~17 s were marked invalid."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.assessments import make_test
from oefensense.assessments.base import RunContext
from oefensense.commands.assess_run import frames_of_recordings, simulate_test


@pytest.fixture(scope="module")
def sim():
    s = simulate_test("trunk-rom", ["pelvis", "trunk"], seed=0)
    yield s
    s.cleanup()


@pytest.mark.parametrize("order", [("pelvis", "trunk"), ("trunk", "pelvis")])
def test_every_sensor_is_valid_from_the_start_and_every_bend_is_found(sim, order) -> None:
    frame = frames_of_recordings({p: str(sim.files[p]) for p in order})
    assert np.asarray(frame["trunk_valid"], bool).all() and np.asarray(frame["pelvis_valid"], bool).all()
    res = make_test("trunk-rom").analyse(frame, RunContext(go_s=None, final=True))
    assert "too_few_reps" not in {f.code for f in res.flags}
    assert [len(v) for v in res.values["repetitions_deg"].values()] == [3] * 6
    for direction, best in res.values["rom_deg"].items():
        assert abs(best - max(sim.truth.rom_deg[direction])) <= 3.0, direction  # the 3°
