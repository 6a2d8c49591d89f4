"""Imported recordings as a source: SampleBlocks of every sensor, interleaved in time order."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..core.clock import RecordingClock
from ..core.types import NS_PER_S, Event, SampleBlock, SensorInfo
from ..io.csv_import import ImportedRecording
from ..io.importers import DeviceRecording


def recording_items(recordings: list[ImportedRecording], chunk_s: float | None = None,
                    clock: RecordingClock | None = None) -> Iterator[SensorInfo | SampleBlock | Event]:
    """The ``clock`` event (when the recording's clock time is known), the SensorInfo of each
    recording, then chunks of ``chunk_s`` seconds from all of them,
    earliest chunk first, so a multi-sensor recording reaches the synchroniser in step (chunks
    must stay well below its ``max_lag_s``). Default: 60 s for one sensor (the results do not
    depend on the chunking; bigger chunks spread each stage's per-call cost over more samples),
    0.5 s for several. The holes the import left where it dropped rows come as flagged ``gap``
    events (``ImportReport.gap_events``), each before the chunk it starts in."""
    if chunk_s is None:
        chunk_s = 60.0 if len(recordings) == 1 else 0.5
    if clock is not None:
        yield clock.to_event()
    for rec in recordings:
        yield rec.info
    chunk_ns = int(chunk_s * NS_PER_S)
    gaps = [list(r.report.gap_events(r.info.sensor_id)) if r.report is not None else [] for r in recordings]
    cursors = [0] * len(recordings)
    t_end = max((int(r.block.t_ns[-1]) for r in recordings if len(r.block)), default=0)
    edge = chunk_ns
    while any(c < len(r.block) for c, r in zip(cursors, recordings)):
        for i, rec in enumerate(recordings):
            while gaps[i] and gaps[i][0].t_ns < edge:
                yield gaps[i].pop(0)
            stop = int(np.searchsorted(rec.block.t_ns, edge, side="left"))
            if stop > cursors[i]:
                yield rec.block.slice(cursors[i], stop)
                cursors[i] = stop
        edge += chunk_ns
        if edge > t_end + chunk_ns:
            break
    for pending in gaps:
        yield from pending


def device_items(recording: DeviceRecording, clock: RecordingClock | None = None) -> Iterator[SensorInfo | SampleBlock | Event]:
    """A file recording opened by :func:`oefensense.io.importers.open_recording`: the ``clock``
    event (when known), its SensorInfo, then its blocks as the importer streams them (bounded
    pieces; results do not depend on them)."""
    if clock is not None:
        yield clock.to_event()
    yield recording.info
    yield from recording.gaps  # flagged holes the reader left (their order among blocks is free)
    yield from recording.blocks()
