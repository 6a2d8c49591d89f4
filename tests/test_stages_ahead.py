"""The first stages run in the front's thread for a file (``Pipeline.feed_ahead``, issue #20):
their outputs are collected later, in the stages' thread (``core.stage.apply_head``), in the
order ``process_frame`` gives, and the other stages get the frames they passed on, also when a
stage holds frames back and releases several at once. A stage that reacts to events never runs
ahead (the later stages' events would reach it late). The whole pipeline's identity (every
frame, segment, event, channel) is tests/test_front_ahead.py.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import numpy as np

from oefensense.analysis.base import StageBase, StageOutput
from oefensense.analysis.registry import build_pipeline
from oefensense.core.frames import BodyFrame
from oefensense.core.stage import apply_head, process_frame, run_head
from oefensense.core.types import Event, Placement
from oefensense.engine import AHEAD_STAGES, Engine
from oefensense.pipeline import Pipeline, PipelineSettings


class Holder(StageBase):
    """Holds every frame whose first sample is odd and releases the held ones with the next
    even one (the later first); adds ``held``, emits one event per frame it sees."""

    name = "holder"
    holds_frames = True

    def __init__(self) -> None:
        self.settings = None
        self.held: list[BodyFrame] = []

    def process(self, frame: BodyFrame) -> StageOutput:
        frame.channels["held"] = np.full(len(frame), bool(self.held))
        out = StageOutput([], [Event("seen", int(frame.t_ns[0]), int(frame.t_ns[-1]), {"by": self.name})], frames=[])
        if int(frame.t_ns[0]) % 2:
            self.held.append(frame)
            return out
        out.frames = [frame, *reversed(self.held)]
        self.held = []
        return out


class Adder(StageBase):
    """Adds ``rank``: how many frames it has seen; a segment per frame."""

    name = "adder"

    def __init__(self) -> None:
        self.settings = None
        self.seen = 0

    def process(self, frame: BodyFrame) -> StageOutput:
        self.seen += 1
        frame.channels["rank"] = np.full(len(frame), self.seen)
        return StageOutput([f"segment {self.seen} at {int(frame.t_ns[0])}"], [])


class Reactor(StageBase):
    """Reacts to ``seen`` events with its own; records what it was given, in order."""

    name = "reactor"
    reacts_to: ClassVar[tuple[str, ...]] = ("seen",)

    def __init__(self) -> None:
        self.settings = None
        self.log: list[Any] = []

    def process(self, frame: BodyFrame) -> StageOutput:
        self.log.append(("frame", int(frame.t_ns[0]), int(frame.channels["rank"][0])))
        return StageOutput([], [Event("reactor_frame", int(frame.t_ns[0]), int(frame.t_ns[0]), {})])

    def process_events(self, events: list[Event]) -> list[Event]:
        self.log += [("event", e.t_ns) for e in events if e.type == "seen"]
        return [Event("reacted", e.t_ns, e.t_ns, {}) for e in events if e.type == "seen"]


def _frames() -> list[BodyFrame]:
    starts = [0, 3, 5, 6, 8, 9, 11, 13, 14, 17, 18]
    return [BodyFrame(np.arange(s, s + 2, dtype=np.int64), 1e9, (Placement.PELVIS,), {"valid": np.ones(2, bool)})
            for s in starts]


def _run(ahead: bool) -> tuple[list, list, list, list]:
    stages = [Holder(), Adder(), Reactor()]
    out = StageOutput()
    done: list[BodyFrame] = []
    for frame in _frames():
        if ahead:
            done += apply_head(stages, 2, run_head(stages, 2, frame), out)
        else:
            done += process_frame(stages, frame, out)
    events = [(e.type, e.t_ns) for e in out.events]
    frames = [(int(f.t_ns[0]), sorted(f.channels), int(f.channels["rank"][0])) for f in done]
    return events, out.segments, frames, stages[2].log


def test_the_first_stages_traced_ahead_give_the_outputs_of_process_frame_in_its_order() -> None:
    one, two = _run(ahead=False), _run(ahead=True)
    assert one == two
    events, segments, frames, log = two
    assert len(frames) == len(_frames()) and [f[0] for f in frames][:4] == [0, 6, 5, 3]  # released together, late
    assert ("seen", 3) in events and ("reacted", 3) in events and len(segments) == len(frames)
    assert log[0] == ("event", 0) and ("frame", 3, 4) in log  # the reaction and the frame in process_frame's order


def test_a_stage_that_reacts_to_events_does_not_run_ahead() -> None:
    stages = [Holder(), Reactor(), Adder()]
    pipeline = Pipeline(PipelineSettings(stages=("holder", "reactor", "adder")), stages=stages)
    assert pipeline.ahead_stages(3) == 1
    assert pipeline.ahead_stages(0) == 0


def test_a_file_runs_the_non_wear_gate_and_posture_in_the_front_thread() -> None:
    pipeline = build_pipeline()
    assert [s.name for s in pipeline._stages[: pipeline.ahead_stages(AHEAD_STAGES)]] == ["non_wear", "posture"]
    threads: dict[str, set[str]] = {}

    def spy(stage: Any) -> None:
        process = stage.process

        def wrapped(frame: BodyFrame) -> StageOutput:
            threads.setdefault(stage.name, set()).add(threading.current_thread().name)
            return process(frame)
        stage.process = wrapped

    for stage in pipeline._stages:
        spy(stage)
    from tests.test_front_ahead import _items

    Engine(pipeline=pipeline).run(iter(_items()), ahead=True)
    # (the frames of the end of the stream go through every stage in the caller's thread)
    assert "oefensense-front" in threads["non_wear"] and "oefensense-front" in threads["posture"]
    assert threads["transitions"] == threads["lifting"] == {threading.current_thread().name}
