"""A recorded session as a source: its sensors, raw packets and source events, in recorded order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.types import Event, RawPacket, SensorInfo
from ..io.outputs import SOURCE_EVENT_TYPES


def replay_items(session: str | Path, batch: int = 4096, *, reader: Any = None,
                 allow_losses: bool = False) -> Iterator[SensorInfo | RawPacket | Event]:
    """Everything the live source gave the pipeline, in exactly the recorded order, for a
    bit-identical re-run. Analysis events and the decoder's flagged gaps in the session are
    skipped: they are recomputed from the raw packets.

    The raw packets and events are verified first: a damaged session (a segment missing or
    failing its checksum) raises SessionError naming ``oefensense repair`` unless
    ``allow_losses`` (the dashboard, which shows the losses); a repaired session replays with its
    losses as ``gap`` events. A session without raw packets raises SessionError (nothing to
    replay, never an empty result)."""
    from ..session import SessionError, SessionReader, words
    from ..session.compact import damaged

    reader = reader if reader is not None else SessionReader(session)
    if reader.verify(("packets", "events")) and not allow_losses:
        raise damaged(Path(session), reader)
    packets = 0
    for item in reader.iter_recorded(batch=batch):
        if isinstance(item, Event) and (item.type not in SOURCE_EVENT_TYPES or item.fields.get("origin") == "decoder"):
            continue
        packets += isinstance(item, RawPacket)
        yield item
    if packets == 0:
        raise SessionError(words.NO_RAW_PACKETS, path=session)
