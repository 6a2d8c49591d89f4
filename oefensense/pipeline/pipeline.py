"""The one pipeline every source runs through (live BLE, simulated device, replay, file import).

Pure and synchronous: ``feed(item)`` returns what became final; no I/O, no clock. The same
items in the same order give the same outputs however they are chunked, which is what makes a
replayed session reproduce its live events exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.frames import BodyFrame
from ..core.stage import Stage, StageOutput, finish_stages, process_frame, react_to_events
from ..core.types import NS_PER_S, Event, SampleBlock, SensorInfo
from .front import CLOCK, FRAME, FrontOutput, PipelineFront, SourceItem
from .synchroniser import SyncSettings


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """Everything that changes the pipeline's results (recorded in the session manifest)."""

    sync: SyncSettings = field(default_factory=SyncSettings)
    # Decoded samples are gathered per sensor until they span this long (s) before the chain
    # runs: one-sample BLE packets would otherwise cost a full pass each. Adds at most this much
    # latency; results are the same (the steps are chunk-invariant).
    min_block_s: float = 0.1
    # Analysis stages by name, in order; None = every stage of the registry in its order
    # (``oefensense.analysis.registry``, the one place that lists them). A session records the
    # resolved names.
    stages: tuple[str, ...] | None = None
    stage_settings: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(slots=True)
class PipelineOutput:
    """What one ``feed`` made final: decoded samples, body frames as they leave the synchroniser
    (``frames``: live angles, angles.csv), the frames every analysis stage has run over, with the
    stages' channels (``analysed``: later than ``frames`` while a stage holds frames back, see
    ``core.stage``), timeline pieces, events."""

    samples: list[SampleBlock] = field(default_factory=list)
    frames: list[BodyFrame] = field(default_factory=list)
    segments: list[Any] = field(default_factory=list)  # analysis.posture.PostureSegment
    events: list[Event] = field(default_factory=list)
    analysed: list[BodyFrame] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.samples or self.frames or self.segments or self.events or self.analysed)

    def extend(self, other: "PipelineOutput") -> None:
        self.samples += other.samples
        self.frames += other.frames
        self.segments += other.segments
        self.events += other.events
        self.analysed += other.analysed


class Pipeline:
    """Source items in, :class:`PipelineOutput` out. See ``docs/architecture.md``.

    The pipeline is handed its analysis ``stages`` (objects implementing
    :class:`~oefensense.core.stage.Stage`); it sits below ``oefensense.analysis`` and never
    imports it. ``oefensense.analysis.build_pipeline(settings)`` builds both from the registry.
    Without ``stages`` it runs none, which ``settings.stages`` must then say (``()``).

    It is two parts: the :class:`~.front.PipelineFront` (decoders, orientation chains,
    synchroniser) and the stages. ``feed`` runs both on one item; a file's analysis runs the
    front a few items ahead in a second thread (``Engine.run(..., ahead=True)``): ``apply`` the
    front's outputs in order and the results are the same.
    """

    def __init__(self, settings: PipelineSettings | None = None, stages: Sequence[Stage] | None = None) -> None:
        settings = settings or PipelineSettings()
        if stages is None and settings.stages is None:
            raise ValueError("a Pipeline is handed its analysis stages: build it with "
                             "oefensense.analysis.build_pipeline(settings), or say stages=() for none")
        self._stages: list[Stage] = list(stages or [])
        names = tuple(stage.name for stage in self._stages)
        if settings.stages is None:
            settings = dataclasses.replace(settings, stages=names)
        elif tuple(settings.stages) != names:
            raise ValueError(f"PipelineSettings.stages {tuple(settings.stages)} but the pipeline was handed {names}: "
                             "build it with oefensense.analysis.build_pipeline(settings)")
        self.settings = settings
        self.front = PipelineFront(settings)

    def seed_alignments(self, seeds: dict[str, Any]) -> None:
        """Start these sensors' chains from an alignment learned ahead
        (:func:`oefensense.orientation.lookahead.learn_alignment_ahead`; files only: live
        there is nothing ahead). Before the first item."""
        self.front.seed_alignments(seeds)

    @property
    def sensors(self) -> dict[str, SensorInfo]:
        return self.front.sensors

    # -- feeding ---------------------------------------------------------------------------
    def feed(self, item: SourceItem) -> PipelineOutput:
        return self.apply(self.front.feed(item))

    def apply(self, front: FrontOutput) -> PipelineOutput:
        """Run the stages over what the front made final, in the order it arose."""
        out = PipelineOutput(samples=front.samples)
        for kind, value in front.steps:
            if kind == FRAME:
                out.frames.append(value)
                self._collect(out, process_frame, value)
            else:
                out.events.append(value)
                if kind == CLOCK and self._stages:  # a stage may need clock time (cue quiet hours)
                    react_to_events(self._stages, [value], StageOutput(out.segments, out.events))
        return out

    def finish(self) -> PipelineOutput:
        """Flush every step at the end of the stream."""
        out = self.apply(self.front.finish())
        self._collect(out, finish_stages)
        return out

    # -- results ---------------------------------------------------------------------------
    @property
    def duration_s(self) -> float:
        first, last = self.front.t_first, self.front.t_last
        if first is None or last is None:
            return 0.0
        return (last - first) / NS_PER_S

    def summary(self) -> dict[str, Any]:
        """The ``summary.json`` content: duration plus every stage's own summary."""
        summary: dict[str, Any] = {"duration_s": round(self.duration_s, 3)}
        for stage in self._stages:
            summary.update(stage.summary())
        return summary

    def decoder_stats(self) -> dict[str, Any]:
        return self.front.decoder_stats()

    def link_delay_ns(self, sensor_id: str) -> tuple[int, int] | None:
        """(how many so far, ns): arrival of ``sensor_id``'s last data packet minus the session
        time of the newest sample it carried; None before its first."""
        return self.front.link_delay_ns(sensor_id)

    # -- internals -------------------------------------------------------------------------
    def _collect(self, out: PipelineOutput, run: Any, *args: Any) -> None:
        """Run the stages (``core.stage.process_frame`` or ``finish_stages``) into ``out``."""
        if self._stages:
            stage_out = StageOutput(out.segments, out.events)  # the same lists: appended in place
            out.analysed += run(self._stages, *args, stage_out)
        elif args:
            out.analysed += args
