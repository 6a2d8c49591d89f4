"""A recorded session as a source: its sensors, raw packets and source events, in recorded order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.types import Event, RawPacket, SensorInfo
from ..io.outputs import SOURCE_EVENT_TYPES


def replay_items(session: str | Path, batch: int = 4096) -> Iterator[SensorInfo | RawPacket | Event]:
    """Everything the live source gave the pipeline, in exactly the recorded order, for a
    bit-identical re-run. Analysis events and the decoder's flagged gaps in the session are
    skipped: they are recomputed from the raw packets."""
    from ..session import SessionReader

    for item in SessionReader(session).iter_recorded(batch=batch):
        if isinstance(item, Event) and (item.type not in SOURCE_EVENT_TYPES or item.fields.get("origin") == "decoder"):
            continue
        yield item
