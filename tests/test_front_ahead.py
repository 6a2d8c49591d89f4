"""A file's analysis runs the pipeline's front (decoders, orientation chains, synchroniser) a
few items ahead of the stages in a second thread (``Engine.run(..., ahead=True)``, issue #20).
The outputs must be those of one thread, in the same order: frames, segments and every event
(the front's alignment and gap events interleaved with the stages' as they arose), for several
sensors, a dropout inside an alignment window, a sensor connecting late and a clock event the
cue stage needs. An error the front raises ends the run after the items before it, as without.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from oefensense.analysis.registry import build_pipeline
from oefensense.core.clock import RecordingClock
from oefensense.core.types import NS_PER_S, Event, Placement, SampleBlock
from oefensense.engine import Engine
from oefensense.sim import Lift, Sit, Stand, Walk, simulate

RATE = 50.0
STEP_S = 0.5


class Collect:
    """Every input and output, in order, in comparable form."""

    def __init__(self) -> None:
        self.inputs: list[str] = []
        self.events: list[tuple] = []
        self.segments: list[str] = []
        self.frames: list[np.ndarray] = []
        self.analysed: list[dict[str, np.ndarray]] = []
        self.samples = 0
        self.summary: dict | None = None

    def on_input(self, item) -> None:
        self.inputs.append(type(item).__name__)

    def on_output(self, out) -> None:
        self.samples += sum(len(b) for b in out.samples)
        self.events += [(e.type, e.t_ns, e.end_ns, e.sensor_id, repr(sorted(e.fields.items()))) for e in out.events]
        self.segments += [repr(s) for s in out.segments]
        self.frames += [f.t_ns for f in out.frames]
        self.analysed += [dict(f.channels) for f in out.analysed]

    def close(self, pipeline) -> None:
        self.summary = pipeline.summary()


def _items() -> list:
    """Trunk from the start, pelvis dropping out inside its alignment window, thigh connecting
    late; the clock first; pieces of STEP_S in time order as a multi-sensor file gives them."""
    script = [Stand(3.0), Walk(10.0), Sit(20.0), Stand(3.0), Lift("stoop"), Lift("squat"), Lift("stoop"), Stand(5.0),
              Walk(10.0, turn_deg=180.0), Sit(95.0), Stand(5.0), Walk(8.0)]
    sim = simulate(script, rate_hz=RATE, mounting="random", seed=11,
                   placements=(Placement.TRUNK, Placement.PELVIS, Placement.THIGH))
    keep = {Placement.TRUNK: [(0.0, 1e9)], Placement.PELVIS: [(1.0, 9.0), (30.0, 1e9)], Placement.THIGH: [(25.0, 1e9)]}
    clock = RecordingClock(int(dt.datetime(2026, 3, 2, 8, tzinfo=dt.timezone.utc).timestamp()) * NS_PER_S, "Europe/Amsterdam")
    items: list = [clock.to_event()]
    announced: set[Placement] = set()
    end = sim.t_ns[-1] / NS_PER_S
    for k in range(int(end / STEP_S) + 1):
        a, b = k * STEP_S, (k + 1) * STEP_S
        for pl, block in sim.blocks.items():
            t = block.t_ns / NS_PER_S
            m = (t >= a) & (t < b) & np.any([(t >= s0) & (t < s1) for s0, s1 in keep[pl]], axis=0)
            if not m.any():
                continue
            if pl not in announced:
                items.append(sim.infos[pl])
                announced.add(pl)
            idx = np.flatnonzero(m)
            items.append(block.slice(int(idx[0]), int(idx[-1]) + 1))
            if pl == Placement.PELVIS and a < 9.0 <= b:  # the source flags the dropout as it ends
                items.append(Event("gap", int(9.0 * NS_PER_S), int(30.0 * NS_PER_S), {"reason": "link_lost"},
                                   sensor_id=sim.infos[pl].sensor_id))
            if pl == Placement.THIGH and a == 60.0:  # a second thigh sensor: decoded, not analysed
                items.append(dataclasses.replace(sim.infos[pl], sensor_id="thigh-2"))
                items.append(dataclasses.replace(block.slice(int(idx[0]), int(idx[-1]) + 1), sensor_id="thigh-2"))
    return items


def _run(items: list, ahead: bool) -> Collect:
    sink = Collect()
    Engine(sinks=[sink], pipeline=build_pipeline()).run(iter(items), ahead=ahead)
    return sink


def test_the_front_run_ahead_gives_the_same_outputs_in_the_same_order() -> None:
    items = _items()
    one, two = _run(items, ahead=False), _run(items, ahead=True)
    assert one.samples == two.samples > 0
    assert one.inputs == two.inputs
    assert len(one.frames) == len(two.frames) > 10
    assert all(np.array_equal(a, b) for a, b in zip(one.frames, two.frames))
    assert one.segments == two.segments and len(one.segments) > 3
    assert one.events == two.events
    kinds = {e[0] for e in one.events}
    assert {"clock", "gap", "sensor_not_analysed", "lift", "sit_to_stand"} <= kinds  # the front's and the stages' both
    assert len(one.analysed) == len(two.analysed)
    for a, b in zip(one.analysed, two.analysed):
        assert a.keys() == b.keys()
        for name in a:
            np.testing.assert_array_equal(a[name], b[name], err_msg=name)
    assert one.summary == two.summary


def test_an_error_in_the_front_ends_the_run_after_the_items_before_it() -> None:
    items = _items()[:40]
    stranger = SampleBlock("nobody", np.arange(3, dtype=np.int64), np.zeros((3, 3)), None, None)
    sink = Collect()
    with pytest.raises(KeyError, match="unknown sensor 'nobody'"):
        Engine(sinks=[sink], pipeline=build_pipeline()).run(iter(items + [stranger, Event("marker", 0, 0, {})]),
                                                             ahead=True)
    assert len(sink.inputs) == len(items)  # every item before it went through; none after
    assert sink.summary is not None  # the sinks were closed (a recording is finalised)
