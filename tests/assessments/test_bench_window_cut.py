"""The benchmark's HAPT window cut (issue #18): a clinic test starts and ends at rest, so each
window edge moves outward from 3 s to the nearest rest (``benchmarks.bench_assessments._rest_cut``),
through standing or unlabelled samples only, and stays at 3 s when there is none."""

from __future__ import annotations

import numpy as np

from benchmarks.bench_assessments import _rest_cut


def _labels(spec: list[tuple[str | None, int]]) -> np.ndarray:
    return np.array([x for lab, n in spec for x in [lab] * n], dtype=object)


def test_edges_move_out_to_rest_and_stay_when_already_at_rest() -> None:
    lab = _labels([("standing", 40), ("stand_to_sit", 10), ("sitting", 20), ("sit_to_stand", 10), (None, 10),
                   ("standing", 40)])
    still = np.ones(len(lab), bool)
    assert _rest_cut(lab, still, 30, 100, 5, 30) == (30, 100)  # at rest already: unchanged
    still[25:35] = False  # moving around the window's start
    still[95:108] = False  # ... and its end
    # the nearest 5 still samples: 20-24 before the start, 108-112 before the end
    assert _rest_cut(lab, still, 30, 100, 5, 30) == (20, 113)


def test_edges_never_cross_another_activity_or_the_limit() -> None:
    lab = _labels([("walking", 20), ("standing", 10), ("stand_to_sit", 10), ("sitting", 20), ("sit_to_stand", 10),
                   ("standing", 10), ("stand_to_lie", 20)])
    still = np.zeros(len(lab), bool)
    still[:20] = True  # rest only inside the walk (labelled walking): not reached
    still[80:100] = True  # rest after the standing, inside stand_to_lie: not reached
    assert _rest_cut(lab, still, 25, 75, 5, 30) == (25, 75)
    lab2 = _labels([("standing", 100)])
    still2 = np.zeros(100, bool)
    still2[:5] = True
    assert _rest_cut(lab2, still2, 50, 60, 5, 30) == (50, 60)  # 45 samples away > limit 30
    assert _rest_cut(lab2, still2, 50, 60, 5, 50)[0] == 0
