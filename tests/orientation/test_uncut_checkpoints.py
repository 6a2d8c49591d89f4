"""A chain cuts its blocks at the alignment's re-estimate checkpoints only where the re-estimate
can find something new (#20): once the evidence store is full, and before a seed's stretch
ends, a checkpoint changes nothing, and the block runs through the filter and the segment
angles in one piece. Its outputs, alignment and evidence must be those of a chain that cuts
at every checkpoint (as before), bit for bit, whatever the block sizes; and it must really cut
less (else this tests nothing)."""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pytest

from oefensense.orientation.chain import AlignmentSeed, ChainSettings, SensorChain, _concat_segments
from tests.orientation.test_alignment_only_chain import _blocks, _lying_then_walks, _state

SETTINGS = ChainSettings(refine_every_s=2.0)  # many checkpoints


class CutsEverywhere(SensorChain):
    """The chain as before: every checkpoint cuts the block and re-estimates."""

    def _collects(self, b, i, stop):  # noqa: ANN001, ANN202
        return True


def _counting(chain: SensorChain) -> list[int]:
    pieces: list[int] = []
    real = chain._piece

    def counted(b, i, stop, outs):  # noqa: ANN001, ANN202
        pieces.append(stop - i)
        return real(b, i, stop, outs)

    chain._piece = counted
    return pieces


def _small_store(chain: SensorChain, windows: int) -> None:
    ev = chain._evidence
    ev.s = replace(ev.s, max_windows=windows)


def _run(chain: SensorChain, blocks) -> tuple:  # noqa: ANN001
    outs = [chain.process(b) for b in blocks] + [chain.finish()]
    seg = _concat_segments(outs)
    return tuple(np.ascontiguousarray(getattr(seg, k)).tobytes() for k in (
        "t_ns", "acc_g", "gyr_dps", "flexion_deg", "lateral_deg", "inclination_deg", "heading_deg", "valid",
        "acc_sensor_g")) + (None if seg.provisional is None else seg.provisional.tobytes(),)


@pytest.mark.parametrize("sizes", [[500], [1, 7, 4999, 1, 333], [20000]])
def test_a_full_evidence_store_leaves_the_blocks_whole(sizes: list[int]) -> None:
    info, block = _lying_then_walks()
    new, old = SensorChain(info, SETTINGS), CutsEverywhere(info, SETTINGS)
    for ch in (new, old):
        _small_store(ch, 240)  # full after 120 s of the 150-s lying start
    cut_new, cut_old = _counting(new), _counting(old)
    blocks = _blocks(block, sizes)
    assert _run(new, blocks) == _run(old, blocks)
    assert _state(new) == _state(old)
    assert new.evidence.full
    assert len(cut_new) < len(cut_old)


@pytest.mark.parametrize("sizes", [[500], [1, 7, 4999, 1, 333]])
def test_a_seeds_stretch_leaves_the_blocks_whole(sizes: list[int]) -> None:
    info, block = _lying_then_walks()
    # a seed as the look-ahead gives it: learned over the file up to its first correction
    ahead = SensorChain(info, SETTINGS, outputs=False)
    for b in _blocks(block, [500]):
        ahead.process(b)
        if ahead.up_corrections:
            break
    assert ahead.up_corrections
    seed = AlignmentSeed(ahead.alignment, copy.deepcopy(ahead.evidence), int(ahead.evidence_until_ns),
                         ahead.up_corrections[0][2])
    new, old = SensorChain(info, SETTINGS, seed=seed), CutsEverywhere(info, SETTINGS, seed=seed)
    cut_new, cut_old = _counting(new), _counting(old)
    blocks = _blocks(block, sizes)
    assert _run(new, blocks) == _run(old, blocks)
    assert _state(new) == _state(old)
    assert new.refinements > 0  # the checkpoints after the seed's stretch still re-estimate
    assert len(cut_new) < len(cut_old)
