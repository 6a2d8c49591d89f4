"""The gait speed's simulator figure: the simulated person's rise follows the pendulum geometry
it is given, the distance truth is the simulator's own, and the figure the walk test ships
(``GAIT_SPEED_ERROR["simulator"]``) is what the benchmark measures now."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.gait_speed_sim import gait_speed_errors, walk_case
from oefensense.assessments.gait import PENDULUM_K
from oefensense.assessments.walk_test import GAIT_SPEED_ERROR
from oefensense.sim import assessments as st


def test_pendulum_rise_inverts_the_step_length_model() -> None:
    leg, step = 0.93, 0.62
    h = st.pendulum_rise_m(leg, step, PENDULUM_K)
    assert PENDULUM_K * 2 * np.sqrt(2 * leg * h - h * h) == pytest.approx(step, rel=1e-9)
    with pytest.raises(ValueError):
        st.pendulum_rise_m(0.5, 2.0, 1.0)


def test_walk_distance_is_speed_times_the_unfaded_time() -> None:
    script = st.walk_test_script(duration_s=60.0, speed_ms=1.0, length_m=10.0)
    walks = [a for a in script if hasattr(a, "speed_ms")]
    assert st.walk_distance_m(script) == pytest.approx(sum(w.duration_s - 0.8 for w in walks))


def test_a_plain_walk_case_is_scored_against_its_own_truth() -> None:
    case = walk_case(1.8, 1.2, seed=0, person=0)
    assert 0.80 <= case["leg_m"] <= 1.05 and abs(case["given_leg_m"] - case["leg_m"]) <= 0.03
    assert case["true_speed_ms"] < 1.2  # stops at the corridor's turns
    assert case["given_speed_ms"] == pytest.approx(case["true_speed_ms"], rel=0.25)


def test_the_shipped_simulator_figure_is_the_benchmarks() -> None:
    got = gait_speed_errors()["sim_gait_all_given"]
    shipped = GAIT_SPEED_ERROR["simulator"]
    assert shipped["label"] == "simulator, not people"
    assert (shipped["median_abs_pct"], shipped["p95_abs_pct"], shipped["median_signed_pct"], shipped["cases"]) == \
        (got["median_abs_pct"], got["p95_abs_pct"], got["median_signed_pct"], got["n"])
