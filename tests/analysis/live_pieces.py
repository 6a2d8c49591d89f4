"""Source items of a simulated multi-sensor recording as they arrive live: every sensor's
samples in ``step_s`` pieces in time order, a sensor's SensorInfo just before its first piece,
sensors absent where ``absent(placement, piece start s)`` says so (a late connection, a
dropout), and items of ``extra(piece start s)`` after that piece (a source's gap event)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from oefensense.core.types import NS_PER_S, Placement


def live_items(sim: Any, step_s: float = 0.5, absent: Callable[[Placement, float], bool] = lambda pl, a: False,
               extra: Callable[[float], list] = lambda a: []) -> list:
    items: list = []
    announced: set[Placement] = set()
    for k in range(int(sim.t_ns[-1] / NS_PER_S / step_s) + 1):
        a, b = k * step_s, (k + 1) * step_s
        for pl, block in sim.blocks.items():
            if absent(pl, a):
                continue
            t = block.t_ns / NS_PER_S
            idx = np.flatnonzero((t >= a) & (t < b))
            if not len(idx):
                continue
            if pl not in announced:
                items.append(sim.infos[pl])
                announced.add(pl)
            items.append(block.slice(int(idx[0]), int(idx[-1]) + 1))
        items += extra(a)
    return items


def run_items(pipe: Any, items: list) -> tuple[list, list, dict]:
    """(events, segments, summary) of ``items`` through ``pipe``."""
    events, segments = [], []
    for item in items:
        out = pipe.feed(item)
        events += out.events
        segments += out.segments
    out = pipe.finish()
    return events + out.events, segments + out.segments, pipe.summary()
