"""A sensor that drops out, or connects, while the others stream: its automatic alignment window
(20 s, held back until it is full) must not make its data arrive too late for the analysis grid.

The dashboard audit (3 Dec 2026): in a 3-sensor recording the pelvis streamed 2-20 s, dropped
out and came back at 35 s; its samples of 2-20 s were held for the window, released at 35 s
and dropped by the synchroniser as too late, unflagged (only the 15-s gap was). A sensor that
connected after the others had started lost its first ~17 s the same way.
"""

from __future__ import annotations

import numpy as np

from oefensense.analysis.registry import build_pipeline
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement, SampleBlock
from oefensense.pipeline import PipelineSettings
from oefensense.sim import Stand, Walk, simulate

RATE = 50.0
STEP_S = 0.1  # live-like: every sensor's samples arrive in small pieces, in time order


def _sim():
    script = [Stand(3.0), Walk(12.0), Stand(5.0), Walk(12.0, turn_deg=180.0), Stand(10.0), Walk(10.0), Stand(8.0)]
    return simulate(script, rate_hz=RATE, mounting="random", seed=7, placements=(Placement.TRUNK, Placement.PELVIS))


def _feed(sim, keep: dict[Placement, tuple[float, float] | list[tuple[float, float]]]) -> BodyFrame:
    """Feed each sensor's samples within its kept spans (s), all sensors interleaved in time
    order in STEP_S pieces; a sensor's SensorInfo comes just before its first samples."""
    p = build_pipeline(PipelineSettings(stages=()))
    frames: list[BodyFrame] = []
    announced: set[Placement] = set()
    end = sim.t_ns[-1] / NS_PER_S
    for k in range(int(end / STEP_S) + 1):
        a, b = k * STEP_S, (k + 1) * STEP_S
        for pl, block in sim.blocks.items():
            spans = keep[pl] if isinstance(keep[pl], list) else [keep[pl]]
            t = block.t_ns / NS_PER_S
            m = (t >= a) & (t < b) & np.any([(t >= s0) & (t < s1) for s0, s1 in spans], axis=0)
            if not m.any():
                continue
            if pl not in announced:
                frames += p.feed(sim.infos[pl]).frames
                announced.add(pl)
            idx = np.flatnonzero(m)
            frames += p.feed(block.slice(int(idx[0]), int(idx[-1]) + 1)).frames
    frames += p.finish().frames
    return BodyFrame.concat(frames)


def _valid_share(frame: BodyFrame, placement: str, s0: float, s1: float) -> float:
    t = frame.t_ns / NS_PER_S
    m = (t >= s0) & (t < s1)
    return float(np.mean(frame[f"{placement}_valid"][m] & np.isfinite(frame[f"{placement}_inclination_deg"][m])))


def test_a_sensor_that_drops_out_inside_its_alignment_window_keeps_its_data() -> None:
    sim = _sim()
    frame = _feed(sim, {Placement.TRUNK: (0.0, 60.0), Placement.PELVIS: [(2.0, 18.0), (33.0, 60.0)]})
    # the pelvis before its dropout is analysed (the start-up second after 2 s aside) ...
    assert _valid_share(frame, "pelvis", 3.5, 18.0) > 0.95
    # ... the dropout itself is not (a gap is missing data, never stillness) ...
    assert _valid_share(frame, "pelvis", 18.5, 33.0) == 0.0
    # ... and after it comes back the pelvis is analysed again
    assert _valid_share(frame, "pelvis", 36.0, 59.0) > 0.95
    assert _valid_share(frame, "trunk", 1.0, 59.0) > 0.95


def test_a_sensor_that_connects_after_the_others_started_is_analysed_from_soon_after() -> None:
    sim = _sim()
    frame = _feed(sim, {Placement.TRUNK: (0.0, 60.0), Placement.PELVIS: (30.0, 60.0)})
    assert _valid_share(frame, "pelvis", 34.0, 59.0) > 0.95
    assert _valid_share(frame, "trunk", 1.0, 59.0) > 0.95
