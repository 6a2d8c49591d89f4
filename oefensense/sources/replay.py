"""A recorded session as a source: its sensors, raw packets and source events, in recorded order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.types import Event, RawPacket, SensorInfo
from ..io.outputs import SOURCE_EVENT_TYPES


def replay_items(session: str | Path, batch: int = 4096) -> Iterator[SensorInfo | RawPacket | Event]:
    """Everything the live source gave the pipeline, for a bit-identical re-run.

    Source events (gaps, markers) are re-inserted before the first packet that arrived after
    them; analysis events are not replayed, they are recomputed.
    """
    from ..session import SessionReader

    reader = SessionReader(session)
    yield from reader.sensors
    pending = sorted((e for e in reader.events() if e.type in SOURCE_EVENT_TYPES), key=lambda e: e.end_ns)
    for packets in reader.iter_packets(batch=batch):
        for p in packets:
            while pending and pending[0].end_ns <= p.host_t_ns:
                yield pending.pop(0)
            yield p
    yield from pending
