"""The walk test's gait speed against the movement simulator's truth (simulator, not people).

The simulator's pelvis rose a fixed 0.04 m per step whatever the step length (no gait
geometry: the inverted-pendulum estimate then measures that constant, step length +10 % at
speed 1 and +53 % at speed 2). Here each simulated person walks with the rise of the inverted pendulum for their
own leg length and step length (``sim.assessments.pendulum_rise_m``, with the estimator's own
K = 1.25): **the same geometry as the estimator, so the model's own error is not in this
figure** (in people K differs from person to person and gait to gait; no recording with a known
distance exists here to measure it). What it does measure: the sensor chain (a random mounting,
sensor noise and gyro bias, the vertical found by the orientation fusion, double integration
between heel strikes), the gait shapes' heel-strike jolts, braking, pelvis tilt on the sensor's
lever arm, limping (``sim.script.GAIT_SHAPES``, at the walk test's speeds), the corridor's
turns and stops, the walking time found, and a leg length given up to ``LEG_ERROR_M`` off
(a tape measure on a clinic's patient: an assumption, not measured).

Speeds 1, 1.5, 2 (1.2, 0.8, 0.6 m/s; 1.8/√speed steps/s); true leg lengths (floor to the
lower-back sensor) uniform in ``LEG_RANGE_M``; per scored seed 0-2 and gait shape k the
simulator's seed is 100·seed + k (mounting, noise). Truth gait speed = the distance the
simulated person walked / their walking time (the walks' durations). No choice is made here
(nothing is fitted): every figure is scored as shipped.
"""

from __future__ import annotations

import numpy as np

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.gait import PENDULUM_K
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim

#: true floor-to-sensor heights of the simulated people (m)
LEG_RANGE_M = (0.80, 1.05)
#: the leg length given to the walk test is off by up to this (m, uniform)
LEG_ERROR_M = 0.03
#: the walk test's simulated speeds (1 = 1.2 m/s at 1.8 steps/s; 2 = half as fast, 1.8/√2 steps/s)
SPEEDS = (1.0, 1.5, 2.0)
SEEDS = (0, 1, 2)
#: simulated people per speed and seed (the plain pendulum gait)
PEOPLE = 3


def walk_case(step_hz: float, speed_ms: float, seed: int, person: int, shape: str = "pendulum") -> dict:
    """One simulated 2-minute walk test (``sim.script.GAIT_SHAPES`` name ``shape``): true and
    estimated gait speed (m/s) and distance (m), the leg length given exact and with an error.
    The simulator's seed (mounting, noise) is 100·seed + person."""
    from oefensense.sim import simulate
    from oefensense.sim import assessments as st
    from oefensense.sim.script import GAIT_SHAPES

    rng = np.random.default_rng((seed, person, int(round(100 * speed_ms)), list(GAIT_SHAPES).index(shape)))
    leg = float(rng.uniform(*LEG_RANGE_M))
    given = leg + float(rng.uniform(-LEG_ERROR_M, LEG_ERROR_M))
    rise = st.pendulum_rise_m(leg, speed_ms / step_hz, PENDULUM_K)
    script = st.walk_test_script(step_hz=step_hz, speed_ms=speed_ms, shape=GAIT_SHAPES[shape][0], rise_m=rise)
    sim = simulate(script, rate_hz=100.0, seed=100 * seed + person, placements=(Placement.PELVIS,))
    frame = concat_frames(frames_from_sim(sim))
    distance = st.walk_distance_m(script)
    walking = float(st.walk_truth(script).walking_s or 0.0)
    out = {"leg_m": round(leg, 3), "given_leg_m": round(given, 3), "rise_m": round(rise, 4),
           "true_speed_ms": distance / walking, "true_distance_m": distance}
    for tag, length in (("exact", leg), ("given", given)):
        res = make_test("walk-test", leg_length_m=length).analyse(frame, RunContext())
        v = res.values
        out[f"{tag}_speed_ms"] = v["distance_m"] / v["walking_s"] if v.get("distance_m") and v.get("walking_s") else None
        out[f"{tag}_distance_m"] = v.get("distance_m")
    return out


def _pct_err(est: float | None, truth: float) -> float:
    return float("inf") if est is None else 100.0 * (est - truth) / truth


def _summary(errs: list[float]) -> dict:
    a = np.abs(np.asarray(errs, float))
    return {"n": len(errs), "median_abs_pct": round(float(np.median(a)), 1),
            "p95_abs_pct": round(float(np.percentile(a, 95)), 1),
            "median_signed_pct": round(float(np.median(errs)), 1)}


def _score(cases: list[dict]) -> dict[str, dict]:
    """``given``: gait speed with the leg length given up to ``LEG_ERROR_M`` off; ``exact``:
    with the true leg length; ``distance``: the distance with the given leg length."""
    return {"given": _summary([_pct_err(c["given_speed_ms"], c["true_speed_ms"]) for c in cases]),
            "exact": _summary([_pct_err(c["exact_speed_ms"], c["true_speed_ms"]) for c in cases]),
            "distance": _summary([_pct_err(c["given_distance_m"], c["true_distance_m"]) for c in cases])}


def gait_speed_errors(quick: bool = False) -> dict:
    """The gait speed's absolute % error (median, 95th percentile, signed median): the plain
    pendulum gait per walk-test speed (``pendulum_speed*``), each gait shape at its own step rate
    and speed (``shapes``: 0.6-1.7 m/s; the jolts of a shape grow as 1/step rate², so a shape is
    not walked at another speed), and all together."""
    from oefensense.sim.script import GAIT_SHAPES

    seeds = SEEDS[:1] if quick else SEEDS
    res: dict = {}
    every: list[dict] = []
    for speed in SPEEDS:
        cases = [walk_case(1.8 / speed ** 0.5, 1.2 / speed, seed, person)
                 for seed in seeds for person in range(1 if quick else PEOPLE)]
        every += cases
        for key, fig in _score(cases).items():
            res[f"sim_gait_pendulum_speed{speed:g}_{key}".replace(".", "_")] = fig
    shaped = [walk_case(hz, v, seed, k, name) for seed in seeds
              for k, (name, (_, hz, v)) in enumerate(GAIT_SHAPES.items()) if name != "pendulum"]
    every += shaped
    for key, fig in _score(shaped).items():
        res[f"sim_gait_shapes_{key}"] = fig
    for key, fig in _score(every).items():
        res[f"sim_gait_all_{key}"] = fig
    return res
