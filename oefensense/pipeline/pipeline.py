"""The one pipeline every source runs through (live BLE, simulated device, replay, file import).

Pure and synchronous: ``feed(item)`` returns what became final; no I/O, no clock. The same
items in the same order give the same outputs however they are chunked, which is what makes a
replayed session reproduce its live events exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from ..core.clock import CLOCK_EVENT
from ..core.frames import BodyFrame
from ..core.stage import Stage, StageOutput, finish_stages, process_frame, react_to_events
from ..core.types import NS_PER_S, Event, RawPacket, SampleBlock, SensorInfo
from .synchroniser import Synchroniser, SyncSettings

SourceItem = Union[SensorInfo, RawPacket, SampleBlock, Event]


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
        self._sync = Synchroniser(self.settings.sync)
        self._chains: dict[str, Any] = {}
        self._corrections_seen: dict[str, int] = {}  # up-direction corrections already raised, per sensor
        self._fed_t: dict[str, int] = {}  # the last sample time fed per sensor (ns)
        self._seeds: dict[str, Any] = {}  # sensor id -> orientation.AlignmentSeed (a file's alignment learned ahead)
        self._decoders: dict[str, Any] = {}
        self.sensors: dict[str, SensorInfo] = {}
        self._t_first: int | None = None
        self._t_last: int | None = None
        self._pending: dict[str, list[SampleBlock]] = {}
        self._extra: set[str] = set()  # sensors beyond one per placement: decoded, not analysed
        self._min_block_ns = int(self.settings.min_block_s * NS_PER_S)

    def seed_alignments(self, seeds: dict[str, Any]) -> None:
        """Start these sensors' chains from an alignment learned ahead
        (:func:`oefensense.orientation.lookahead.learn_alignment_ahead`; files only: live
        there is nothing ahead). Before the first item."""
        if self.sensors:
            raise RuntimeError("seed_alignments must come before the first item")
        self._seeds = dict(seeds)

    # -- feeding ---------------------------------------------------------------------------
    def feed(self, item: SourceItem) -> PipelineOutput:
        out = PipelineOutput()
        if isinstance(item, RawPacket):
            decoder = self._decoders.get(item.sensor_id)
            if decoder is None:
                raise KeyError(f"packet from unknown sensor {item.sensor_id!r}: send its SensorInfo first")
            block = decoder.process(item)
            out.events += decoder.pop_gap_events()
            if block is not None:
                self._samples(block, out)
        elif isinstance(item, SampleBlock):
            self._samples(item, out)
        elif isinstance(item, SensorInfo):
            self._add_sensor(item, out)
        elif isinstance(item, Event):
            out.events.append(item)  # gaps and markers from the source pass straight through
            if self._stages and item.type == CLOCK_EVENT:  # a stage may need clock time (cue quiet hours)
                react_to_events(self._stages, [item], StageOutput(out.segments, out.events))
            if item.type == "gap" and item.sensor_id in self._decoders:
                decoder = self._decoders[item.sensor_id]
                block = decoder.link_lost()  # what it still held of the old connection
                out.events += decoder.pop_gap_events()
                if block is not None:
                    self._samples(block, out)
        else:
            raise TypeError(f"not a source item: {type(item).__name__}")
        return out

    def finish(self) -> PipelineOutput:
        """Flush every step at the end of the stream."""
        out = PipelineOutput()
        for decoder in self._decoders.values():  # samples a decoder held back, last flagged gaps
            block = decoder.finish()
            out.events += decoder.pop_gap_events()
            if block is not None:
                self._samples(block, out)
        for sensor_id in list(self._pending):
            self._run_chain(sensor_id, out)
        for sensor_id, chain in self._chains.items():
            tail = chain.finish()
            if tail is not None and len(tail):
                for frame in self._sync.push(tail):
                    self._analyse(frame, out)
        for frame in self._sync.finish():
            self._analyse(frame, out)
        self._collect(out, finish_stages)
        return out

    # -- results ---------------------------------------------------------------------------
    @property
    def duration_s(self) -> float:
        if self._t_first is None or self._t_last is None:
            return 0.0
        return (self._t_last - self._t_first) / NS_PER_S

    def summary(self) -> dict[str, Any]:
        """The ``summary.json`` content: duration plus every stage's own summary."""
        summary: dict[str, Any] = {"duration_s": round(self.duration_s, 3)}
        for stage in self._stages:
            summary.update(stage.summary())
        return summary

    def decoder_stats(self) -> dict[str, Any]:
        return {sid: d.decoder_stats for sid, d in self._decoders.items()}

    def link_delay_ns(self, sensor_id: str) -> tuple[int, int] | None:
        """(how many so far, ns): arrival of ``sensor_id``'s last data packet minus the session
        time of the newest sample it carried; None before its first."""
        decoder = self._decoders.get(sensor_id)
        if decoder is None or decoder.link_delay_ns is None:
            return None
        return decoder.link_delays, decoder.link_delay_ns

    # -- internals -------------------------------------------------------------------------
    def _add_sensor(self, info: SensorInfo, out: PipelineOutput) -> None:
        if info.sensor_id in self.sensors:
            return  # a reconnecting sensor announces itself again: same chain, same clock
        from ..orientation import ChainSettings, SensorChain  # deferred: heavy import, optional for decoding tests

        self.sensors[info.sensor_id] = info
        if info.placement in self._sync.placements:
            # One sensor per body segment is analysed; an extra one (e.g. the other thigh) is
            # still decoded, recorded and shown, and the event says why it has no body angles.
            self._extra.add(info.sensor_id)
            out.events.append(Event("sensor_not_analysed", 0, 0, {
                "reason": f"a sensor at placement {info.placement.value} is already analysed"},
                sensor_id=info.sensor_id))
        else:
            settings = None
            if self._sync.started:
                # the grid runs already and waits at most max_lag_s for a sensor: a 20-s window
                # would come too late (a sensor connecting late lost its first ~17 s); align on
                # the first seconds, refined at the chain's checkpoints as always
                settings = dataclasses.replace(ChainSettings(), align_window_s=self.settings.sync.max_lag_s / 2)
            self._chains[info.sensor_id] = SensorChain(info, settings, seed=self._seeds.get(info.sensor_id))
            self._sync.add_sensor(info)
        if info.family not in ("file", "simulated"):
            from .decoding import SensorDecoder

            self._decoders[info.sensor_id] = SensorDecoder(info)

    def _samples(self, block: SampleBlock, out: PipelineOutput) -> None:
        if block.sensor_id not in self.sensors:
            raise KeyError(f"samples from unknown sensor {block.sensor_id!r}: send its SensorInfo first")
        if not len(block):
            return
        out.samples.append(block)
        if block.sensor_id in self._extra:
            return
        t0, t1 = int(block.t_ns[0]), int(block.t_ns[-1])
        self._t_first = t0 if self._t_first is None else min(self._t_first, t0)
        self._t_last = t1 if self._t_last is None else max(self._t_last, t1)
        self._sync.note_input(block.sensor_id, t1)
        self._fed_t[block.sensor_id] = max(t1, self._fed_t.get(block.sensor_id, t1))
        pending = self._pending.setdefault(block.sensor_id, [])
        pending.append(block)
        if t1 - int(pending[0].t_ns[0]) >= self._min_block_ns:
            self._run_chain(block.sensor_id, out)
        self._release_stalled(t1, out)

    def _release_stalled(self, leader_ns: int, out: PipelineOutput) -> None:
        """A chain still holding its alignment window whose sensor stopped (dropped out inside
        it) gives out what it holds before the grid moves on without it: released later, when
        the sensor is back, those samples came too late and were lost unflagged. Decided on
        sample times at half the synchroniser's ``max_lag_s``, so a replay decides the same."""
        lag = int(self.settings.sync.max_lag_s * NS_PER_S) // 2
        for sid, chain in self._chains.items():
            fed = self._fed_t.get(sid)
            if fed is None or leader_ns - fed <= lag:
                continue
            self._run_chain(sid, out)  # its samples gathered for the chain first
            if chain.aligning:
                seg = chain.release()
                self._up_correction_events(sid, chain, out)
                for frame in self._sync.push(seg):
                    self._analyse(frame, out)

    def _run_chain(self, sensor_id: str, out: PipelineOutput) -> None:
        blocks = self._pending.pop(sensor_id, [])
        if not blocks:
            return
        block = blocks[0] if len(blocks) == 1 else SampleBlock.concat(blocks)
        chain = self._chains[sensor_id]
        seg = chain.process(block)
        self._up_correction_events(sensor_id, chain, out)
        for frame in self._sync.push(seg):
            self._analyse(frame, out)

    def _up_correction_events(self, sensor_id: str, chain: Any, out: PipelineOutput) -> None:
        """An ``alignment_corrected`` event for each up-direction correction the chain made since
        the last call: the span before it is flagged, since it cannot be redone live."""
        done = self._corrections_seen.get(sensor_id, 0)
        for since, until, change, method in chain.up_corrections[done:]:
            out.events.append(Event("alignment_corrected", since, until, {
                "placement": chain.info.placement.value, "up_change_deg": round(change, 1), "method": method},
                sensor_id=sensor_id))
        self._corrections_seen[sensor_id] = len(chain.up_corrections)

    def _analyse(self, frame: BodyFrame, out: PipelineOutput) -> None:
        out.frames.append(frame)
        self._collect(out, process_frame, frame)

    def _collect(self, out: PipelineOutput, run: Any, *args: Any) -> None:
        """Run the stages (``core.stage.process_frame`` or ``finish_stages``) into ``out``."""
        if self._stages:
            stage_out = StageOutput(out.segments, out.events)  # the same lists: appended in place
            out.analysed += run(self._stages, *args, stage_out)
        elif args:
            out.analysed += args
