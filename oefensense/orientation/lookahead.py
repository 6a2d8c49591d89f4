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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.blas import single_blas_thread
from ..core.types import SampleBlock, SensorInfo
from .chain import AlignmentSeed, SensorChain


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
    it = iter(items)
    ended = True  # the look-ahead read the whole file
    try:
        for item in it:
            if isinstance(item, SensorInfo):
                chains.setdefault(item.sensor_id, SensorChain(item, outputs=False))  # no angles: only its alignment is used
                continue
            if not isinstance(item, SampleBlock) or item.sensor_id in done or item.sensor_id not in chains:
                continue  # events (clock, flagged gaps) carry nothing about the alignment
            chain = chains[item.sensor_id]
            chain.process(item)
            if _seeded(item.sensor_id, chain, seeds) or _walking(chain) or chain.evidence.full:
                done.add(item.sensor_id)
            if len(done) == len(chains):
                ended = False
                break
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()
    if ended:
        # the file ended first: a walk after a sensor's last checkpoint is re-estimated only by
        # finish() (a long still start whose walk came at the end went unseeded)
        for sensor_id, chain in chains.items():
            if sensor_id not in done:
                chain.finish()
                _seeded(sensor_id, chain, seeds)
    return seeds


def _seeded(sensor_id: str, chain: SensorChain, seeds: dict[str, AlignmentSeed]) -> bool:
    """Add a seed for the chain to ``seeds`` when it corrected its still start's upright."""
    if not chain.up_corrections:
        return False
    change = chain.up_corrections[0][2]
    seeds[sensor_id] = AlignmentSeed(chain.alignment, chain.evidence, int(chain.evidence_until_ns), change)
    return True
