"""Imported recordings as a source: SampleBlocks of every sensor, interleaved in time order."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..core.clock import RecordingClock
from ..core.types import NS_PER_S, Event, SampleBlock, SensorInfo
from ..io.csv_import import ImportedRecording
from ..io.csv_stream import CsvStream
from ..io.importers import DeviceRecording

#: A one-sensor file's chunks (s; 180 s until #20's seventeenth round). Not larger for now: the
#: transitions stage's walk veto keeps the posture history of a frame's last 60 s only
#: (``analysis.posture_history.PostureHistory``), so a walk detected more than 60 s before its
#: frame's end is not vetoed (with 180 s too: one walk on the generated day that 60-s chunks
#: veto; 600-s chunks lost one more; benchmarks/RESULTS.md, #20's seventeenth round).
ONE_STREAM_CHUNK_S = 360.0


def recording_items(recordings: list[ImportedRecording], chunk_s: float | None = None,
                    clock: RecordingClock | None = None) -> Iterator[SensorInfo | SampleBlock | Event]:
    """The ``clock`` event (when the recording's clock time is known), the SensorInfo of each
    recording, then chunks of ``chunk_s`` seconds from all of them,
    earliest chunk first, so a multi-sensor recording reaches the synchroniser in step (chunks
    must stay well below its ``max_lag_s``). Default: 360 s for one sensor (bigger chunks spread
    each stage's per-call cost over more samples: on a generated day 60 s chunks took 26 % more
    CPU than 180 s, 360 s ones ~5 % less for ~20 MiB more peak RSS, with byte-identical files;
    the look-ahead checks on a 180-s grid of its own, so its seeds do not depend on the chunk),
    0.5 s for several. The holes the import left where it dropped rows come as flagged ``gap``
    events (``ImportReport.gap_events``), each before the chunk it starts in."""
    streams = [iter([*(r.report.gap_events(r.info.sensor_id) if r.report is not None else []), r.block])
               for r in recordings]
    return interleaved_items([r.info for r in recordings], streams, chunk_s, clock)


def csv_stream_items(streams: list[CsvStream], chunk_s: float | None = None,
                     clock: RecordingClock | None = None) -> Iterator[SensorInfo | SampleBlock | Event]:
    """:func:`recording_items` of CSVs read in bounded blocks as the pipeline consumes them (same
    chunks, so the same results; a gap event whose hole spans two parsed blocks comes one chunk
    later, as soon as its end is read)."""
    return interleaved_items([s.info for s in streams], [s.items() for s in streams], chunk_s, clock)


def interleaved_items(infos: list[SensorInfo], streams: list[Iterator[SampleBlock | Event]],
                      chunk_s: float | None = None, clock: RecordingClock | None = None
                      ) -> Iterator[SensorInfo | SampleBlock | Event]:
    """The clock event, the infos, then every stream cut at multiples of ``chunk_s`` (default
    :data:`ONE_STREAM_CHUNK_S` for one stream, 0.5 s for several), earliest chunk first, each
    stream's events that start before a chunk's end just before that chunk."""
    if chunk_s is None:
        chunk_s = ONE_STREAM_CHUNK_S if len(infos) == 1 else 0.5
    if clock is not None:
        yield clock.to_event()
    yield from infos
    chunk_ns = int(chunk_s * NS_PER_S)
    chunkers = [_Chunker(s) for s in streams]
    edge = chunk_ns
    while not all(c.done for c in chunkers):
        for c in chunkers:
            yield from c.until(edge)
        nxt = [c.next_ns for c in chunkers if c.next_ns is not None]
        # skip edges with nothing before them (a long hole in time)
        edge = max(edge + chunk_ns, (min(nxt) // chunk_ns + 1) * chunk_ns) if nxt else edge + chunk_ns
    for c in chunkers:
        yield from c.events


class _Chunker:
    """One sensor's stream of blocks and events, handed out up to a time edge at a time."""

    def __init__(self, items: Iterator[SampleBlock | Event]) -> None:
        self._items = items
        self._block: SampleBlock | None = None
        self._pos = 0
        self.events: list[Event] = []
        self.done = False

    @property
    def next_ns(self) -> int | None:
        """Time of the next sample not handed out yet (None when none is buffered)."""
        if self._block is None or self._pos >= len(self._block):
            return None
        return int(self._block.t_ns[self._pos])

    def until(self, edge_ns: int) -> Iterator[SampleBlock | Event]:
        """Events that start before ``edge_ns``, then one block of the samples before it."""
        parts: list[SampleBlock] = []
        while not self.done:
            if self._block is None or self._pos >= len(self._block):
                item = next(self._items, None)
                if item is None:
                    self.done = True
                elif isinstance(item, Event):
                    self.events.append(item)
                else:
                    self._block, self._pos = item, 0
                continue
            stop = int(np.searchsorted(self._block.t_ns, edge_ns, side="left"))
            if stop > self._pos:
                parts.append(self._block.slice(self._pos, stop))
                self._pos = stop
            if self._pos < len(self._block):
                break  # the rest lies beyond the edge
        due = [e for e in self.events if e.t_ns < edge_ns]
        if due:
            self.events = [e for e in self.events if e.t_ns >= edge_ns]
            yield from due
        if parts:
            yield parts[0] if len(parts) == 1 else SampleBlock.concat(parts)


def device_items(recording: DeviceRecording, clock: RecordingClock | None = None) -> Iterator[SensorInfo | SampleBlock | Event]:
    """A file recording opened by :func:`oefensense.io.importers.open_recording`: the ``clock``
    event (when known), its SensorInfo, then its blocks as the importer streams them (bounded
    pieces; results do not depend on them)."""
    if clock is not None:
        yield clock.to_event()
    yield recording.info
    known = len(recording.gaps)
    yield from recording.gaps[:known]  # flagged holes the reader left (their order among blocks is free)
    yield from recording.blocks()
    yield from recording.gaps[known:]  # holes a streaming reader found while reading
