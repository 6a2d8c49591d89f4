"""Contract checks every streaming step's tests reuse (gaitmap's mixin idea).

``assert_chunk_invariant(make_step, blocks_in, split)`` feeds the same stream whole and in
chunks and checks the outputs are identical; ``assert_reset_restores`` checks ``reset()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def run_stream(step: Any, blocks: Sequence[Any], finish: bool = True) -> list[Any]:
    outs = [step.process(b) for b in blocks]
    if finish and hasattr(step, "finish"):
        outs.append(step.finish())
    return outs


def assert_same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


class StepContract:
    """Mixin for test classes: define ``make_step()``, ``stream()`` (list of input blocks),
    ``rechunk(blocks) -> blocks`` and ``flatten(outputs) -> dict[str, ndarray]``."""

    def make_step(self) -> Any:
        raise NotImplementedError

    def stream(self) -> list[Any]:
        raise NotImplementedError

    def rechunk(self, blocks: list[Any]) -> list[Any]:
        raise NotImplementedError

    def flatten(self, outputs: list[Any]) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def test_chunk_invariance(self) -> None:
        blocks = self.stream()
        whole = self.flatten(run_stream(self.make_step(), blocks))
        pieces = self.flatten(run_stream(self.make_step(), self.rechunk(blocks)))
        assert_same_arrays(whole, pieces)

    def test_reset_restores_initial_state(self) -> None:
        blocks = self.stream()
        step = self.make_step()
        first = self.flatten(run_stream(step, blocks))
        step.reset()
        again = self.flatten(run_stream(step, blocks))
        assert_same_arrays(first, again)

    def test_settings_round_trip(self) -> None:
        from dataclasses import asdict

        step = self.make_step()
        settings = step.settings
        assert type(settings)(**asdict(settings)) == settings


def split_blocks(blocks: list[Any], sizes: Callable[[int], list[int]]) -> list[Any]:
    """Re-chunk SampleBlock-like blocks (with ``slice``) into pieces of the given sizes."""
    out = []
    for b in blocks:
        start = 0
        for n in sizes(len(b)):
            if start >= len(b):
                break
            out.append(b.slice(start, min(start + n, len(b))))
            start += n
        if start < len(b):
            out.append(b.slice(start, len(b)))
    return out
