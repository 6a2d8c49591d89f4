"""A sensor that connects after the analysis has started takes part in the posture decision.

The posture stage chose its sensor configuration once, from the sensors of its first frame: a
thigh sensor that connected 39 s into a trunk + pelvis recording was aligned, streamed and
shown, yet ignored for posture for the whole recording. The pelvis alone then read a 95-s sit as
standing and a squat as a sit-down (found on the simulator, 4 Dec 2026). Now the stage moves to
the better configuration from the new sensor's first sample in the frames, at the same sample
however the frames are cut, and the summary says how long each configuration decided
(``posture_sensors_s``).
"""

from __future__ import annotations

import pytest

from oefensense.analysis.registry import build_pipeline
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement
from oefensense.pipeline import PipelineSettings
from oefensense.pipeline.offline import frames_of
from oefensense.sim import Lift, Sit, Stand, Walk, simulate

from .live_pieces import live_items, run_items

THIGH_FROM_S = 39.0  # standing between the first sit and the lifts


def _items(thigh_from_s: float | None = THIGH_FROM_S, step_s: float = 0.5) -> list:
    """Trunk and pelvis from the start, the thigh's SensorInfo and samples from ``thigh_from_s``;
    every sensor's samples in ``step_s`` pieces in time order, as they arrive live."""
    script = [Stand(3.0), Walk(10.0), Sit(20.0), Stand(3.0), Lift("stoop"), Lift("squat"), Lift("stoop"),
              Stand(5.0), Walk(10.0, turn_deg=180.0), Sit(95.0), Stand(5.0), Walk(8.0)]
    sim = simulate(script, rate_hz=50.0, mounting="random", seed=11,
                   placements=(Placement.TRUNK, Placement.PELVIS, Placement.THIGH))
    return live_items(sim, step_s, absent=lambda pl, a: pl == Placement.THIGH and thigh_from_s is not None and a < thigh_from_s)


def _run(thigh_from_s: float | None = THIGH_FROM_S):
    return run_items(build_pipeline(), _items(thigh_from_s))


@pytest.fixture(scope="module")
def late():
    return _run()


def test_a_thigh_sensor_that_connects_late_decides_posture_from_its_first_sample(late) -> None:
    events, segments, summary = late
    seated = sum((s.end_ns - s.start_ns) / NS_PER_S for s in segments
                 if s.posture == "sitting" and s.start_ns >= 70 * NS_PER_S)
    assert seated > 90.0  # the 95-s sit (the pelvis alone read it as standing: 0 s)
    moves = [(e.type, e.t_ns / NS_PER_S) for e in events if e.type in ("stand_to_sit", "sit_to_stand")]
    assert [m for m in moves if 40.0 < m[1] < 60.0] == []  # the squat is a lift, not a sit-down
    assert any(m[0] == "stand_to_sit" and 72.0 < m[1] < 78.0 for m in moves)
    assert [e.fields["technique"] for e in events if e.type == "lift"] == ["stoop", "squat", "stoop"]
    assert summary["posture_sensor_changes"] == 1
    by = summary["posture_sensors_s"]
    assert set(by) == {"pelvis", "thigh+trunk"}
    assert THIGH_FROM_S <= by["pelvis"] < THIGH_FROM_S + 3.0  # until its first sample after its start-up


def test_the_switch_does_not_depend_on_how_the_frames_are_cut() -> None:
    frames = frames_of(_items())
    assert "thigh" not in {p.value for p in frames[0].placements}  # it did connect late

    def posture(ticks: int | None):
        stage = build_pipeline(PipelineSettings(stages=("posture",)))._stages[0]
        segments = []
        for frame in frames:
            cuts = range(0, len(frame), ticks or len(frame))
            for a in cuts:
                part = BodyFrame(frame.t_ns[a:a + (ticks or len(frame))], frame.rate_hz, frame.placements,
                                 {k: v[a:a + (ticks or len(frame))] for k, v in frame.channels.items()})
                segments += stage.process(part).segments
        segments += stage.finish().segments
        return [repr(s) for s in segments], stage.summary()

    whole, summary = posture(None)
    assert summary["posture_sensor_changes"] == 1
    for ticks in (7, 64):
        assert posture(ticks) == (whole, summary)


def test_sensors_there_from_the_start_keep_one_configuration() -> None:
    _, _, summary = _run(thigh_from_s=None)
    assert "posture_sensors_s" not in summary and "posture_sensor_changes" not in summary
