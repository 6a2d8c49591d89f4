"""The one seam between the pipeline and its analysis stages.

A stage turns :class:`~oefensense.core.frames.BodyFrame` blocks into timeline segments and
events. It takes its settings (a dataclass) and, when it needs one, a loaded model in
``__init__``; it never reads files, never reads the clock, and gives the same result however
the stream is chunked (``tests/analysis/stage_contract.py`` checks every registered stage).

Each stage class declares what it reads and adds, so the registry
(``oefensense.analysis.registry``) can check the order and the dashboard, ticker and reports
can find the event types it raises:

* ``name``: the key in ``PipelineSettings.stages`` and the session manifest;
* ``reads``: frame channels it uses when present (an earlier stage's ``adds`` must then run
  before it);
* ``adds``: frame channels it writes into ``frame.channels`` for later stages;
* ``emits``: event types it raises (declared once in ``oefensense.core.events``);
* ``reacts_to``: event types of other stages it receives through ``process_events``;
* ``model_kind``: the kind of bundled model it needs (``"posture"``, ``"lifting"``) or ``None``;
* ``holds_frames``: the stage may hold frames back and release them later (the non-wear gate:
  a decision that needs minutes of signal is made before the later stages see those samples).
  Such a stage returns the frames the later stages get next in ``StageOutput.frames`` (the same
  frame objects, in order, each with the stage's channels added); every other stage leaves it
  ``None`` (the frame it was given goes on).

The pipeline sits below ``oefensense.analysis`` and never imports it: it is handed its stages
(``oefensense.analysis.build_pipeline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from .frames import BodyFrame
from .types import Event


@dataclass
class StageOutput:
    """What a stage made final in one ``process``/``finish`` call: timeline segments and events;
    ``frames``: only for a stage that ``holds_frames``, the frames released to the later stages."""

    segments: list = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    frames: list[BodyFrame] | None = None


@runtime_checkable
class Stage(Protocol):
    """What every analysis stage implements (see the module docstring)."""

    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    adds: ClassVar[tuple[str, ...]]
    emits: ClassVar[tuple[str, ...]]
    reacts_to: ClassVar[tuple[str, ...]]
    model_kind: ClassVar[str | None]
    holds_frames: ClassVar[bool]
    settings: Any

    def process(self, frame: BodyFrame) -> StageOutput: ...

    def process_events(self, events: list[Event]) -> list[Event]: ...

    def finish(self) -> StageOutput: ...

    def reset(self) -> None: ...

    def summary(self) -> dict[str, Any]: ...


def collect_stage_output(stages: Sequence[Stage], stage_out: StageOutput, out: StageOutput) -> None:
    """Add one stage's output to ``out``; its events also go to every stage's
    ``process_events`` (feedback rules react to lifts in the same call), and so do the events
    those reactions raise (a cue reacts to a technique alert), until none are new."""
    out.segments += stage_out.segments
    out.events += stage_out.events
    react_to_events(stages, list(stage_out.events), out)


def react_to_events(stages: Sequence[Stage], events: list[Event], out: StageOutput) -> None:
    """Hand ``events`` to every stage's ``process_events``; reactions are added to ``out`` and
    handed on in turn (at most a few rounds: a stage never reacts to its own event type)."""
    for _ in range(8):
        if not events:
            return
        reactions: list[Event] = []
        for stage in stages:
            reactions += stage.process_events(events)
        out.events += reactions
        events = reactions
    raise RuntimeError("analysis stages keep reacting to each other's events (a cycle in reacts_to)")


def process_frame(stages: Sequence[Stage], frame: BodyFrame, out: StageOutput) -> list[BodyFrame]:
    """Run ``stages`` in order over one BodyFrame block (each sees the channels the earlier ones
    added). Returns the frames that went through every stage in this call (``frame`` itself
    unless a stage holds frames back: then what it released, possibly none)."""
    return _run_from(stages, 0, frame, out)


def finish_stages(stages: Sequence[Stage], out: StageOutput) -> list[BodyFrame]:
    """Flush ``stages`` in order at the end of the stream (frames a stage still held go through
    the later stages before those are flushed). Returns the frames that went through every stage."""
    done: list[BodyFrame] = []
    for k, stage in enumerate(stages):
        stage_out = stage.finish()
        collect_stage_output(stages, stage_out, out)
        for released in stage_out.frames or ():
            done += _run_from(stages, k + 1, released, out)
    return done


def _run_from(stages: Sequence[Stage], first: int, frame: BodyFrame, out: StageOutput) -> list[BodyFrame]:
    for k in range(first, len(stages)):
        stage_out = stages[k].process(frame)
        collect_stage_output(stages, stage_out, out)
        if stage_out.frames is not None:  # a holding stage: the later stages get what it released
            done: list[BodyFrame] = []
            for released in stage_out.frames:
                done += _run_from(stages, k + 1, released, out)
            return done
    return [frame]
