"""``Transfer.rise_m`` against the simulator's truth: the simulated pelvis sensor's height
(``SimResult.truth["pelvis_height_m"]``) rises 0.467 m from seated to standing.

The review's worry was that the figure includes a rebound after standing up. Measured (every
transfer of the five-times sit-to-stand and the 30-second chair stand at speed 1, seeds 0-2, 99
transfers): mean error +0.000 to +0.006 m, largest 0.05 m; the height at the transfer's own end
minus its start is the same within 0.001 m (the simulated body does not overshoot). What the
figure is, and where it is not the rise to standing, is in ``Transfer``'s docstring."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.assessments.transfers import find_transfers
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim
from oefensense.sim import assessments as st
from oefensense.sim import simulate


def _errors(test: str, seed: int) -> list[float]:
    sim = simulate(st.scripted_test(test, speed=1.0), rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
    ts = (sim.t_ns - sim.t_ns[0]) / 1e9
    height = sim.truth["pelvis_height_m"]
    truth = st.transfer_truth(sim, 0.0)
    out = []
    for x in find_transfers(concat_frames(frames_from_sim(sim))):
        same = [(a, b) for kind, a, b in truth if kind == x.kind and min(b, x.end_s) > max(a, x.start_s)]
        a, b = max(same, key=lambda ab: min(ab[1], x.end_s) - max(ab[0], x.start_s))
        out.append(x.rise_m - float(np.interp(b, ts, height) - np.interp(a, ts, height)))
    return out


def test_the_simulated_sensor_height_is_the_truth_of_a_chair_transfer() -> None:
    sim = simulate(st.scripted_test("five-times-sit-to-stand"), rate_hz=100.0, seed=0, placements=(Placement.PELVIS,))
    h = sim.truth["pelvis_height_m"]
    seated, standing = h[sim.posture == "sit"], h[sim.posture == "stand"]
    # the pelvis drops 0.45 m; the sensor 0.12 m behind it turns with the pelvis' -8° seated tilt
    assert np.ptp(seated) < 1e-9 and standing.max() - seated.min() == pytest.approx(0.45 + 0.12 * np.sin(np.radians(8.0)), abs=1e-3)


@pytest.mark.parametrize("test", ["five-times-sit-to-stand", "chair-stand-30s"])
def test_the_rise_of_a_chair_transfer_is_the_sensors_height_change(test: str) -> None:
    errors = np.array([e for seed in (0, 1, 2) for e in _errors(test, seed)])
    assert len(errors) >= 30
    assert abs(errors.mean()) <= 0.01 and np.abs(errors).max() <= 0.06, errors
