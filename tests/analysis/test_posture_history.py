"""The posture history behind the walk veto: what it answers, and that it stays bounded."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.posture_history import PostureHistory
from oefensense.core.types import NS_PER_S

WALK, STAND = 3, 2
RATE_HZ = 50.0


def _codes(t_s: np.ndarray) -> np.ndarray:
    """Walking 10-20 s of every minute, standing otherwise."""
    return np.where((t_s % 60.0 >= 10.0) & (t_s % 60.0 < 20.0), WALK, STAND).astype(np.int8)


def _feed(h: PostureHistory, a_s: float, b_s: float) -> None:
    t_s = np.arange(int(a_s * RATE_HZ), int(b_s * RATE_HZ)) / RATE_HZ
    h.add((t_s * NS_PER_S).astype(np.int64), _codes(t_s))


@pytest.mark.parametrize("frame_s", [0.5, 60.0, 180.0, 600.0])
def test_a_walk_early_in_a_long_frame_is_still_known(frame_s: float) -> None:
    """Asked, once the frame is in, about a walk that started just after the frame's start and
    ended 10 s later and was decided 1 s after that: kept from the frame's end, 180- and 600-s frames had dropped it (NaN)."""
    h = PostureHistory(keep_s=60.0)
    _feed(h, 0.0, 1200.0 - frame_s)
    _feed(h, 1200.0 - frame_s, 1200.0)
    start = 1200.0 - frame_s + 10.0 if frame_s > 20.0 else 1150.0  # a walk 10-20 s into its minute
    ns = int(start * NS_PER_S)
    got = h.fraction(WALK, ns, ns + int(10 * NS_PER_S), ns + int(11 * NS_PER_S))
    assert got == pytest.approx(0.9)  # the channel lags the body by 1 s: its last second is standing


def test_the_history_does_not_grow_with_the_recording() -> None:
    """Bounded by one frame plus keep_s: change points of a 10-h stream in 180-s frames."""
    h = PostureHistory(keep_s=60.0)
    sizes = []
    for k in range(200):
        _feed(h, k * 180.0, (k + 1) * 180.0)
        sizes.append(len(h._t))
    # 180 + 60 s hold at most 5 walks: 10 change points (+1 in force at the horizon)
    assert max(sizes) <= 11
    assert sizes[-1] == sizes[-61]
