"""Movement simulator with ground truth: ``simulate(script, rate_hz, mounting, seed) -> SimResult``.

Scripts are lists of activities (:mod:`oefensense.sim.script`); two standard ones:
:func:`lifting_demo_script` and :func:`sit_stand_walk_script`.
"""

from .script import GAIT_SHAPES, LIFT_POSES, Activity, GaitShape, Lift, Sit, Stand, Twist, Walk, lifting_demo_script, sit_stand_walk_script
from .simulate import LiftTruth, SimNoise, SimResult, random_mounting, simulate

__all__ = [
    "GAIT_SHAPES",
    "LIFT_POSES",
    "GaitShape",
    "Activity",
    "Lift",
    "LiftTruth",
    "SimNoise",
    "SimResult",
    "Sit",
    "Stand",
    "Twist",
    "Walk",
    "lifting_demo_script",
    "random_mounting",
    "simulate",
    "sit_stand_walk_script",
]
