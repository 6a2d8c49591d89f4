"""The TUG ships exactly the ``MAX_STEPS_IN_TRANSFER`` its documented rule picks on the
simulator's choice seeds (``benchmarks.bench_assessments.choose_tug_steps``). The rule's inputs
take minutes to compute, so the benchmark's stored full run (``TUG_STEPS_CHOICE_RUN``) is checked
here; ``tug_steps_shipped_is_the_rule_choice`` in the benchmark's output checks a fresh run.
Until 5 Dec 2026 6 was shipped while the rule picked 8 (since the TUG ends at the first sit-down
the person sat still after, rel-13, the tie spans 2-14 steps); then 8 while the rule picked 7
(since rel-20 times the 2.5x TUG, off and 1-14 all tie; the stored run of 07:28 UTC, rel-22)."""

from __future__ import annotations

from benchmarks import bench_assessments as ba
from oefensense.assessments.tug import MAX_STEPS_IN_TRANSFER


def test_the_shipped_step_limit_is_the_rules_choice_on_the_stored_run() -> None:
    run = ba.TUG_STEPS_CHOICE_RUN
    assert set(run) == set(ba.GRID_TUG_STEPS)
    assert ba.choose_tug_steps(run) == MAX_STEPS_IN_TRANSFER


def test_the_rule_takes_the_fewest_timed_off_then_the_most_edges_then_the_middle_of_the_tie() -> None:
    # the full run of 2026-12-03 09:33 (before the TUG ended at its first sit-down): 2-10 tie, 6
    old = {None: (6, 108), 1: (3, 105), **{g: (3, 108) for g in (2, 3, 4, 5, 6, 7, 8, 10)}, 14: (6, 108)}
    assert ba.choose_tug_steps(old) == 6
    assert ba.choose_tug_steps({None: (1, 100), 2: (2, 120), 4: (2, 121)}) is None  # only off is best
    assert ba.choose_tug_steps({None: (1, 100), 2: (1, 100), 3: (1, 100)}) == 2  # 2.5: the smaller
    # off tying with every step count still picks a step count: the middle of 1-14, 7.5, the smaller
    assert ba.choose_tug_steps({g: (6, 120) for g in ba.GRID_TUG_STEPS}) == 7
