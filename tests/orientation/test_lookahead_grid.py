"""The look-ahead's seed does not depend on how its items come cut (#20): it checks each chain
for its first correction on a fixed 180-s grid of its own (``lookahead.CHECK_EVERY_S``), not
after each block, so a reader's chunk size (60, 180, 360 or 900 s) or an importer's block sizes
give the same seed, bit for bit. Before, it seeded from the chain's state at the end of the
chunk it found the correction in: a HAPT recording that starts lying was seeded up to 177.1 s
with 180-s chunks and up to 235.8 s with 360-s ones."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.orientation.chain import AlignmentSeed
from oefensense.orientation.lookahead import CHECK_EVERY_S, learn_alignment_ahead
from oefensense.sources.files import interleaved_items
from tests.orientation.test_alignment_only_chain import _blocks, _lying_then_walks


def _seed_state(seed: AlignmentSeed) -> tuple:
    ev = seed.evidence
    a = seed.alignment
    return (seed.until_ns, seed.up_change_deg, np.asarray(a.matrix).tobytes(), a.quality, a.method,
            a.forward_ambiguous, repr(sorted(a.details.items())),
            tuple(x.tobytes() for x in ev._arrays()), ev.cov.tobytes(), ev.cross.tobytes(), ev.jerk.tobytes(),
            ev.travel.tobytes(), ev.walk_s, ev.travel_s)


def _seeds(items) -> dict[str, tuple]:  # noqa: ANN001
    return {k: _seed_state(s) for k, s in learn_alignment_ahead(items).items()}


def test_the_seed_is_the_same_for_any_chunk_size() -> None:
    info, block = _lying_then_walks()  # HAPT user01's lying for 150 s, then its standing and walks
    ref = _seeds(interleaved_items([info], [iter([block])], chunk_s=CHECK_EVERY_S))
    assert set(ref) == {info.sensor_id}  # a case the look-ahead seeds
    # the reference is the grid's own: 180-s chunks check at the grid's edges, as before
    assert ref[info.sensor_id][0] < CHECK_EVERY_S * 1e9
    for chunk_s in (60.0, 360.0, 900.0):
        assert _seeds(interleaved_items([info], [iter([block])], chunk_s=chunk_s)) == ref, chunk_s


@pytest.mark.parametrize("sizes", [[1, 7, 4999, 1, 333], [3000], [20000]])
def test_the_seed_is_the_same_for_any_block_sizes(sizes: list[int]) -> None:
    """A device file's importer hands out blocks of its own sizes, across the grid's edges."""
    info, block = _lying_then_walks()
    ref = _seeds(interleaved_items([info], [iter([block])], chunk_s=CHECK_EVERY_S))
    assert _seeds([info, *_blocks(block, sizes)]) == ref


def test_a_seeded_files_results_are_the_same_for_any_chunk_size(tmp_path) -> None:  # noqa: ANN001
    """What lets a one-sensor file go in larger chunks: the look-ahead and the analysis of
    ``analyze`` give the same result files, byte for byte, whatever the chunk size (before, the
    seed moved with it: the angles, timeline and events of a file that starts lying changed)."""
    from oefensense.api import file_learned_ahead, run_items

    info, block = _lying_then_walks()
    files = {}
    for chunk_s in (60.0, 180.0, 360.0, 900.0):
        seeds, items = file_learned_ahead(interleaved_items([info], [iter([block])], chunk_s=chunk_s))
        assert set(seeds) == {info.sensor_id}
        out = tmp_path / str(chunk_s)
        summary = run_items(items, out, angles=True, seeds=seeds)
        assert summary["data_quality"]["alignment"][info.sensor_id]["learned_ahead_until_s"] > 0
        files[chunk_s] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(files[180.0]) >= 4  # timeline, events, summary, angles
    for chunk_s, got in files.items():
        assert got == files[180.0], chunk_s
