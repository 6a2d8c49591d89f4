"""Real-time pacing of a recorded or simulated source (I/O side: reads the monotonic clock)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ..core.types import NS_PER_S, RawPacket, SampleBlock

T = TypeVar("T")


def item_time_ns(item: object) -> int | None:
    """Session time at which an item became available (packet arrival / last sample)."""
    if isinstance(item, RawPacket):
        return item.host_t_ns
    if isinstance(item, SampleBlock) and len(item):
        return int(item.t_ns[-1])
    return None


def parse_speed(text: str | float | None) -> float | None:
    """``"1"``, ``"10"``, ``"max"`` -> 1.0, 10.0, None (as fast as possible)."""
    if text is None or str(text).lower() in ("max", "0", "inf"):
        return None
    try:
        speed = float(text)
    except ValueError:
        speed = float("nan")
    if not (speed > 0 and math.isfinite(speed)):
        raise ValueError(f"speed must be a positive multiple of real time (1, 10) or 'max', got {text!r}")
    return speed


def paced(items: Iterable[T], speed: float | None) -> Iterator[T]:
    """Yield items no faster than ``speed`` × real time (``None``: no waiting)."""
    if speed is None:
        yield from items
        return
    start = time.monotonic()
    t0: int | None = None
    for item in items:
        t = item_time_ns(item)
        if t is not None:
            t0 = t if t0 is None else t0
            due = start + (t - t0) / NS_PER_S / speed
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        yield item
