"""The upright direction learned ahead, for a recording on file that starts without a walk.

Live, a chain has to guess up from its first 20 s; without a walk it takes the largest still
posture, and when that is lying (a week put on in bed) everything until the first walk rests on
a wrong upright: the chain corrects itself then and flags the span (``alignment_corrected``).
A file need not guess: :func:`learn_alignment_ahead` runs each sensor's chain alone (no stages)
over the file's first part until its up-direction is known from walking, and returns a seed for
each sensor whose still start turned out wrong; the analysis then starts from that alignment
(:class:`~.chain.AlignmentSeed`). A sensor whose still start was right (or that walks in its
first 20 s) gets none: its results stay byte for byte those of a live run or a replay.

The look ahead stops per sensor at its first correction, at its first walk, or when its
evidence store is full (about 14 h of posture windows), whichever comes first: on the generated
week, whose first walk is at 07:40, it reads 4.6 % of the file. A file that ends first has its
chains finished, which re-estimates the samples after each one's last checkpoint: a walk there
(40 min lying, then a walk, then the end) is the only one a still start gets.

It looks for those on a fixed grid of its own (:data:`CHECK_EVERY_S`), not after each item, so a
seed holds the re-estimates up to the same edge however the file comes cut (a reader's chunk
size, an importer's blocks): checked after each 180-s chunk, a HAPT recording was seeded up to
177.1 s, after each 360-s one up to 313.8 s (#20's seventeenth round).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ..core.blas import single_blas_thread
from ..core.types import NS_PER_S, SampleBlock, SensorInfo
from .chain import AlignmentSeed, SensorChain


#: The look-ahead checks a chain for its first correction when all of its samples before a
#: multiple of this (s, session clock) are in, so a seed holds the checkpoints up to that edge
#: whatever pieces the items come in (the chain is chunk-invariant): 180 s, the edges of the
#: one-sensor reader's chunks when it checked after each chunk (the seeds are those of then).
CHECK_EVERY_S = 180.0


def _walking(chain: SensorChain) -> bool:
    return chain.alignment is not None and "walking" in chain.alignment.method.split("+")


def learn_alignment_ahead(items: Iterable[Any]) -> dict[str, AlignmentSeed]:
    """Seeds (sensor id -> :class:`AlignmentSeed`) for the sensors of ``items`` (a file's source
    items: SensorInfo, SampleBlock, events) whose still start was corrected by a walk; reads
    only as far as it needs (the iterator is closed then)."""
    with single_blas_thread():  # as in the analysis: its 800×800 products gain nothing from more threads, which spin
        return _learn(items)


def _learn(items: Iterable[Any]) -> dict[str, AlignmentSeed]:
    chains: dict[str, SensorChain] = {}
    done: set[str] = set()
    seeds: dict[str, AlignmentSeed] = {}
    # per sensor: the grid edge its chain's samples since the last check lie before (None: none since)
    unchecked: dict[str, int | None] = {}
    it = iter(items)
    ended = True  # the look-ahead read the whole file
    try:
        for item in it:
            if isinstance(item, SensorInfo):
                chains.setdefault(item.sensor_id, SensorChain(item, outputs=False))  # no angles: only its alignment is used
                continue
            if not isinstance(item, SampleBlock) or item.sensor_id in done or item.sensor_id not in chains:
                continue  # events (clock, flagged gaps) carry nothing about the alignment
            if _learn_block(item, chains[item.sensor_id], unchecked, done, seeds) and len(done) == len(chains):
                ended = False
                break
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()
    if ended:
        # the file ended first: its last grid piece is checked as it is, then a walk after a
        # sensor's last checkpoint is re-estimated only by finish() (a long still start whose
        # walk came at the end went unseeded)
        for sensor_id, chain in chains.items():
            if sensor_id not in done and unchecked.get(sensor_id) is not None:
                _check(sensor_id, chain, done, seeds)
            if sensor_id not in done:
                chain.finish()
                _seeded(sensor_id, chain, seeds)
    return seeds


def _learn_block(block: SampleBlock, chain: SensorChain, unchecked: dict[str, int | None], done: set[str],
                 seeds: dict[str, AlignmentSeed]) -> bool:
    """Run ``block`` through its sensor's chain in pieces of the :data:`CHECK_EVERY_S` grid,
    checking the chain once all its samples before a grid edge are in (when the first sample
    at or after that edge comes); True when the sensor is done (the rest of the block unread)."""
    sensor_id, t_ns = block.sensor_id, block.t_ns
    step = int(CHECK_EVERY_S * NS_PER_S)
    i, n = 0, len(block)
    while i < n:
        t = int(t_ns[i])
        edge = unchecked.get(sensor_id)
        if edge is not None and t >= edge:
            unchecked[sensor_id] = None
            if _check(sensor_id, chain, done, seeds):
                return True
        end = (t // step + 1) * step  # the grid edge after sample i
        stop = n if int(t_ns[-1]) < end else int(np.searchsorted(t_ns, end, side="left"))
        chain.process(block if (i == 0 and stop == n) else block.slice(i, stop))
        unchecked[sensor_id] = end
        i = stop
    return False


def _check(sensor_id: str, chain: SensorChain, done: set[str], seeds: dict[str, AlignmentSeed]) -> bool:
    """At a grid edge: the sensor is done at its first correction (seeded), at its first walk,
    or when its evidence store is full."""
    if _seeded(sensor_id, chain, seeds) or _walking(chain) or chain.evidence.full:
        done.add(sensor_id)
        return True
    return False


def _seeded(sensor_id: str, chain: SensorChain, seeds: dict[str, AlignmentSeed]) -> bool:
    """Add a seed for the chain to ``seeds`` when it corrected its still start's upright."""
    if not chain.up_corrections:
        return False
    change = chain.up_corrections[0][2]
    seeds[sensor_id] = AlignmentSeed(chain.alignment, chain.evidence, int(chain.evidence_until_ns), change)
    return True
