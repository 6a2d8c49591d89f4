"""Shared output type of the analysis stages (minimal; owned by the posture/transitions stages)."""

from __future__ import annotations

from dataclasses import dataclass, field

from oefensense.core.types import Event


@dataclass
class StageOutput:
    """What a stage made final in one ``process``/``finish`` call: timeline segments and events."""

    segments: list = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def run_stages(stages: list, frames: list) -> StageOutput:
    """Run ``stages`` in order over consecutive BodyFrames, then finish them: everything they
    made final (as the Pipeline would, for tests, training and benchmarks)."""
    out = StageOutput()
    for frame in frames:
        for stage in stages:
            o = stage.process(frame)
            out.segments += o.segments
            out.events += o.events
    for stage in stages:
        o = stage.finish()
        out.segments += o.segments
        out.events += o.events
    return out
