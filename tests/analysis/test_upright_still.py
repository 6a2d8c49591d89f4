"""Trunk-only sitting estimate: upright_still time split by the sit/stand movements (issue #16)."""

from __future__ import annotations

import pytest

from oefensense.analysis.upright_still import UprightStillTally

S = 1_000_000_000


def _tally(settle_s: float = 60.0) -> UprightStillTally:
    t = UprightStillTally(settle_s=settle_s)
    t.posture("walking", 0)
    t.posture("upright_still", 10 * S)  # stands after the walk: 10-30 s standing
    t.move("stand_to_sit", 31 * S)  # sits down inside the upright_still run
    t.move("sit_to_stand", 91 * S)  # 31-91 s sitting, then stands: 91-100 s standing
    t.posture("lying", 100 * S)
    t.posture("upright_still", 130 * S)  # after lying: sitting or standing? undetermined
    return t


def test_upright_still_time_is_split_by_the_latest_evidence():
    t = _tally()
    t.advance(150 * S)
    s = t.summary()
    assert s["sitting_s"] == pytest.approx(60.0)
    assert s["standing_s"] == pytest.approx(21.0 + 9.0)
    assert s["undetermined_s"] == pytest.approx(20.0)
    assert s["upright_still_s"] == pytest.approx(110.0)
    assert s["sitting_range_s"] == [60.0, 80.0]
    assert "sitting versus standing" in s["can_tell"]


def test_an_ambiguous_move_leaves_the_time_after_it_undetermined():
    t = UprightStillTally()
    t.posture("walking", 0)
    t.posture("upright_still", 10 * S)
    t.move("stand_to_sit", 20 * S, ambiguous=True)
    t.advance(40 * S)
    s = t.summary()
    assert (s["standing_s"], s["undetermined_s"], s["sitting_s"]) == (10.0, 20.0, 0.0)


def test_settled_runs_are_forgotten_and_the_split_does_not_change():
    """Streaming: runs older than settle_s are assigned and dropped (bounded memory); the figures
    equal those of one pass at the end."""
    a, b = _tally(settle_s=5.0), _tally(settle_s=5.0)
    for now in range(100, 151, 10):
        a.advance(now * S)
    b.advance(150 * S)
    assert a.summary() == b.summary()
    assert len(a._runs) == 1 and not a._moves  # only the open run is kept


def test_trunk_sensor_alone_through_the_pipeline_estimates_sitting_from_the_movements():
    """Simulated trunk sensor alone (random mounting): the timeline says upright_still, never
    sitting or standing; the sit-downs and stand-ups come from the detector on the trunk and
    split that time; the summary states what the placement can tell."""
    import numpy as np

    from oefensense.core.types import Placement
    from oefensense.sim import Sit, Stand, Walk, simulate

    from .test_squats import _run  # the Pipeline fed in 1-s blocks, as live

    script = [Stand(5.0), Walk(12.0), Stand(10.0), Sit(60.0), Stand(15.0), Walk(8.0), Stand(5.0), Sit(30.0), Stand(10.0)]
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=3, placements=(Placement.TRUNK,))
    events, segments, summary = _run(sim)
    postures = {s.posture for s in segments if hasattr(s, "posture")}
    assert "upright_still" in postures and not postures & {"sitting", "standing"}
    moves = [e for e in events if e.type in ("stand_to_sit", "sit_to_stand")]
    assert {e.fields["source"] for e in moves} == {"sit_stand_trunk"}
    downs = [e.end_ns / 1e9 for e in moves if e.type == "stand_to_sit"]
    sits = np.flatnonzero(np.diff(np.concatenate([[0], (sim.posture == "sit").astype(int)])) == 1) / sim.rate_hz
    assert len(downs) == 2 and np.all(np.abs(np.array(downs) - sits) < 2.0), (downs, sits)
    est = summary["upright_still"]
    truth = np.count_nonzero(sim.posture == "sit") / sim.rate_hz
    assert abs(est["sitting_s"] - truth) < 8.0, (est, truth)
    lo, hi = est["sitting_range_s"]
    assert lo == est["sitting_s"] and hi >= lo
    assert "sitting versus standing is not" in est["can_tell"]


def test_state_at_a_moment_follows_the_same_evidence():
    t = _tally()
    assert [t.state_at(x * S) for x in (20, 50, 95, 140)] == ["standing", "sitting", "standing", "undetermined"]
