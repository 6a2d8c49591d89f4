"""The pipeline's front: source items to body frames (decoders, one orientation chain per sensor,
the synchroniser), before any analysis stage.

It owns everything that depends only on the items in their order, so it can run a few items
ahead of the stages in a second thread for a file (:meth:`Pipeline.ahead
<oefensense.pipeline.Pipeline.ahead>`; the chains' and the synchroniser's numba kernels release
the GIL) and the results stay those of one thread. Its output keeps the order in which events
and frames arose, because the stages' events are interleaved with the front's in that order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Union

from ..core.clock import CLOCK_EVENT
from ..core.frames import BodyFrame
from ..core.types import NS_PER_S, Event, RawPacket, SampleBlock, SensorInfo
from .synchroniser import Synchroniser

SourceItem = Union[SensorInfo, RawPacket, SampleBlock, Event]

# What a FrontOutput's ``steps`` hold, in the order they arose (see Pipeline.apply).
EVENT = 0  # an event to pass on
FRAME = 1  # a body frame for the stages
CLOCK = 2  # a clock event: passed on, and handed to the stages (a stage may need clock time)


@dataclass(slots=True)
class FrontOutput:
    """What one item made final before the stages: decoded ``samples`` and the ordered ``steps``
    (kind, Event | BodyFrame)."""

    samples: list[SampleBlock] = field(default_factory=list)
    steps: list[tuple[int, Any]] = field(default_factory=list)

    def event(self, event: Event) -> None:
        self.steps.append((EVENT, event))

    def frames(self, frames: list[BodyFrame]) -> None:
        self.steps += [(FRAME, f) for f in frames]


class PipelineFront:
    """Source items in, :class:`FrontOutput` out. Settings: :class:`~.pipeline.PipelineSettings`
    (``sync``, ``min_block_s``)."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._sync = Synchroniser(settings.sync)
        self._chains: dict[str, Any] = {}
        self._corrections_seen: dict[str, int] = {}  # up-direction corrections already raised, per sensor
        self._fed_t: dict[str, int] = {}  # the last sample time fed per sensor (ns)
        self._seeds: dict[str, Any] = {}  # sensor id -> orientation.AlignmentSeed (a file's alignment learned ahead)
        self._decoders: dict[str, Any] = {}
        self.sensors: dict[str, SensorInfo] = {}
        self.t_first: int | None = None
        self.t_last: int | None = None
        self._pending: dict[str, list[SampleBlock]] = {}
        self._extra: set[str] = set()  # sensors beyond one per placement: decoded, not analysed
        self._min_block_ns = int(settings.min_block_s * NS_PER_S)

    def seed_alignments(self, seeds: dict[str, Any]) -> None:
        if self.sensors:
            raise RuntimeError("seed_alignments must come before the first item")
        self._seeds = dict(seeds)

    # -- feeding ---------------------------------------------------------------------------
    def feed(self, item: SourceItem) -> FrontOutput:
        out = FrontOutput()
        if isinstance(item, RawPacket):
            decoder = self._decoders.get(item.sensor_id)
            if decoder is None:
                raise KeyError(f"packet from unknown sensor {item.sensor_id!r}: send its SensorInfo first")
            block = decoder.process(item)
            self._decoder_events(decoder, out)
            if block is not None:
                self._samples(block, out)
        elif isinstance(item, SampleBlock):
            self._samples(item, out)
        elif isinstance(item, SensorInfo):
            self._add_sensor(item, out)
        elif isinstance(item, Event):
            # gaps and markers from the source pass straight through (a gap moved back over the
            # samples the decoder discarded with the old connection: SensorDecoder.cover)
            decoder = self._decoders.get(item.sensor_id) if item.type == "gap" else None
            block = decoder.link_lost() if decoder is not None else None  # what it still held of the old connection
            if decoder is not None:
                item = decoder.cover(item)
            out.steps.append((CLOCK if item.type == CLOCK_EVENT else EVENT, item))
            if decoder is not None:
                self._decoder_events(decoder, out)
                if block is not None:
                    self._samples(block, out)
        else:
            raise TypeError(f"not a source item: {type(item).__name__}")
        return out

    def finish(self) -> FrontOutput:
        """Flush the decoders, chains and synchroniser at the end of the stream."""
        out = FrontOutput()
        for decoder in self._decoders.values():  # samples a decoder held back, last flagged gaps
            block = decoder.finish()
            self._decoder_events(decoder, out)
            if block is not None:
                self._samples(block, out)
        for sensor_id in list(self._pending):
            self._run_chain(sensor_id, out)
        for sensor_id, chain in self._chains.items():
            tail = chain.finish()
            self._up_correction_events(sensor_id, chain, out)  # its last re-estimate, over the samples since its last checkpoint
            self._unconfirmed_event(sensor_id, chain, out)
            if tail is not None and len(tail):
                out.frames(self._sync.push(tail))
        out.frames(self._sync.finish())
        return out

    # -- results ---------------------------------------------------------------------------
    def decoder_stats(self) -> dict[str, Any]:
        return {sid: d.decoder_stats for sid, d in self._decoders.items()}

    def link_delay_ns(self, sensor_id: str) -> tuple[int, int] | None:
        decoder = self._decoders.get(sensor_id)
        if decoder is None or decoder.link_delay_ns is None:
            return None
        return decoder.link_delays, decoder.link_delay_ns

    # -- internals -------------------------------------------------------------------------
    @staticmethod
    def _decoder_events(decoder: Any, out: FrontOutput) -> None:
        for event in decoder.pop_gap_events():
            out.event(event)

    def _add_sensor(self, info: SensorInfo, out: FrontOutput) -> None:
        if info.sensor_id in self.sensors:
            return  # a reconnecting sensor announces itself again: same chain, same clock
        from ..orientation import ChainSettings, SensorChain  # deferred: heavy import, optional for decoding tests

        self.sensors[info.sensor_id] = info
        if info.placement in self._sync.placements:
            # One sensor per body segment is analysed; an extra one (e.g. the other thigh) is
            # still decoded, recorded and shown, and the event says why it has no body angles.
            self._extra.add(info.sensor_id)
            out.event(Event("sensor_not_analysed", 0, 0, {
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

    def _samples(self, block: SampleBlock, out: FrontOutput) -> None:
        if block.sensor_id not in self.sensors:
            raise KeyError(f"samples from unknown sensor {block.sensor_id!r}: send its SensorInfo first")
        if not len(block):
            return
        out.samples.append(block)
        if block.sensor_id in self._extra:
            return
        t0, t1 = int(block.t_ns[0]), int(block.t_ns[-1])
        self.t_first = t0 if self.t_first is None else min(self.t_first, t0)
        self.t_last = t1 if self.t_last is None else max(self.t_last, t1)
        self._sync.note_input(block.sensor_id, t1)
        self._fed_t[block.sensor_id] = max(t1, self._fed_t.get(block.sensor_id, t1))
        pending = self._pending.setdefault(block.sensor_id, [])
        pending.append(block)
        if t1 - int(pending[0].t_ns[0]) >= self._min_block_ns:
            self._run_chain(block.sensor_id, out)
        self._release_stalled(t1, out)

    def _release_stalled(self, leader_ns: int, out: FrontOutput) -> None:
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
                out.frames(self._sync.push(seg))

    def _run_chain(self, sensor_id: str, out: FrontOutput) -> None:
        blocks = self._pending.pop(sensor_id, [])
        if not blocks:
            return
        block = blocks[0] if len(blocks) == 1 else SampleBlock.concat(blocks)
        chain = self._chains[sensor_id]
        seg = chain.process(block)
        self._up_correction_events(sensor_id, chain, out)
        out.frames(self._sync.push(seg))

    def _unconfirmed_event(self, sensor_id: str, chain: Any, out: FrontOutput) -> None:
        """An ``alignment_unconfirmed`` event over a sensor's whole stream when, at its end, its
        upright still rests on a still posture (no walk ever confirmed it): a walk-free file
        that starts in bed reads lying as standing, and no correction flags it."""
        first = chain.first_sample_ns
        if chain.up_confirmed or first is None:
            return
        out.event(Event("alignment_unconfirmed", first, self._fed_t.get(sensor_id, first), {
            "placement": chain.info.placement.value, "method": chain.alignment.method}, sensor_id=sensor_id))

    def _up_correction_events(self, sensor_id: str, chain: Any, out: FrontOutput) -> None:
        """An ``alignment_corrected`` event for each up-direction correction the chain made since
        the last call: the span before it is flagged, since it cannot be redone live."""
        done = self._corrections_seen.get(sensor_id, 0)
        for since, until, change, method in chain.up_corrections[done:]:
            out.event(Event("alignment_corrected", since, until, {
                "placement": chain.info.placement.value, "up_change_deg": round(change, 1), "method": method},
                sensor_id=sensor_id))
        self._corrections_seen[sensor_id] = len(chain.up_corrections)
