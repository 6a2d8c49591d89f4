"""What the analysis stages share: their output type, defaults for the ``Stage`` protocol, and
one way to run a list of stages over frames outside the Pipeline (tests, training, benchmarks)."""

from __future__ import annotations

from typing import Any, ClassVar

from oefensense.core.frames import BodyFrame
from oefensense.core.stage import Stage, StageOutput, finish_stages, process_frame
from oefensense.core.types import Event

__all__ = ["Stage", "StageBase", "StageOutput", "run_stages"]


class StageBase:
    """Defaults for the optional parts of :class:`~oefensense.core.stage.Stage`: no declared
    channels or events, no reaction to other stages' events, nothing to flush, no summary.
    A stage subclasses it and overrides what it has."""

    name: ClassVar[str] = ""
    reads: ClassVar[tuple[str, ...]] = ()
    adds: ClassVar[tuple[str, ...]] = ()
    emits: ClassVar[tuple[str, ...]] = ()
    reacts_to: ClassVar[tuple[str, ...]] = ()
    model_kind: ClassVar[str | None] = None
    holds_frames: ClassVar[bool] = False

    def process_events(self, events: list[Event]) -> list[Event]:  # noqa: ARG002 - default: none
        return []

    def finish(self) -> StageOutput:
        return StageOutput([], [])

    def summary(self) -> dict[str, Any]:
        return {}


def run_stages(stages: list[Stage], frames: list[BodyFrame]) -> StageOutput:
    """Run ``stages`` in order over consecutive BodyFrames, then finish them: everything they
    made final, exactly as the Pipeline does (same order, same ``process_events`` calls)."""
    out = StageOutput()
    for frame in frames:
        process_frame(stages, frame, out)
    finish_stages(stages, out)
    return out
