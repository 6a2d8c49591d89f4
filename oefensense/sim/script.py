"""Movement scripts: what the simulated person does, as a list of activities.

Each activity is a small frozen dataclass with durations in seconds and angles in degrees.
Angles are of body segments relative to vertical/upright (trunk flexion + forward, lateral +
to the right, twist + = trunk turned left relative to the pelvis, thigh + = knee forward).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Stand:
    duration_s: float = 5.0
    sway_deg: float = 0.0  # slow postural sway amplitude of the trunk (0 = perfectly still)


@dataclass(frozen=True)
class GaitShape:
    """How one step moves the pelvis and tilts the segments, beyond the smooth inverted pendulum
    (all zero = the plain pendulum). Accelerations in g, angles in degrees, phases in degrees of
    the step cycle (0 = mid-stance, 180 = heel strike).

    * ``impact_g``: vertical jolt just after heel strike (a short pulse; 0.2-0.6 g at the lower back);
    * ``brake_g``: fore-aft deceleration right after heel strike, paid back by push-off later
      in the step (the speed is periodic);
    * ``ap_phase_deg``: shift of the speed ripple against the vertical movement;
    * ``trunk_pitch_deg`` / ``trunk_pitch_phase_deg``: extra trunk pitch at step frequency (a
      sternum sensor then sees gravity along its AP axis that can outweigh the AP acceleration);
    * ``pelvis_pitch_deg``, ``pelvis_roll_deg``, ``yaw_deg``: extra segment rotations (pitch at
      step, roll and yaw at stride frequency);
    * ``ml_m``: side-to-side sway amplitude (m, stride frequency);
    * ``asymmetry``: left and right steps differ by this fraction (a limp).
    """

    impact_g: float = 0.0
    brake_g: float = 0.0
    ap_phase_deg: float = 0.0
    trunk_pitch_deg: float = 0.0
    trunk_pitch_phase_deg: float = 0.0
    pelvis_pitch_deg: float = 0.0
    pelvis_roll_deg: float = 0.0
    yaw_deg: float = 0.0
    ml_m: float = 0.0
    asymmetry: float = 0.0


# Gait shapes spanning healthy, slow, stiff and asymmetric walking (for the forward-direction
# tests): each with the step rate (Hz) and speed (m/s) it goes with.
GAIT_SHAPES: dict[str, tuple[GaitShape, float, float]] = {
    "pendulum": (GaitShape(), 1.8, 1.2),
    "heel_strike": (GaitShape(impact_g=0.45, brake_g=0.25, pelvis_pitch_deg=2.0), 1.9, 1.4),
    "slow_shuffle": (GaitShape(impact_g=0.1, brake_g=0.05, trunk_pitch_deg=1.5, ml_m=0.02), 1.4, 0.6),
    "trunk_sway": (GaitShape(impact_g=0.3, brake_g=0.15, trunk_pitch_deg=4.0, trunk_pitch_phase_deg=180.0), 1.8, 1.2),
    "phase_shifted": (GaitShape(impact_g=0.3, brake_g=0.1, ap_phase_deg=50.0, pelvis_roll_deg=5.0), 1.7, 1.1),
    "wide_sway": (GaitShape(impact_g=0.2, brake_g=0.1, ml_m=0.06, pelvis_roll_deg=7.0, yaw_deg=8.0), 1.6, 0.9),
    "limp": (GaitShape(impact_g=0.35, brake_g=0.2, asymmetry=0.4, pelvis_roll_deg=6.0), 1.5, 0.8),
    "brisk": (GaitShape(impact_g=0.6, brake_g=0.3, trunk_pitch_deg=2.0, trunk_pitch_phase_deg=90.0), 2.2, 1.7),
}


@dataclass(frozen=True)
class Walk:
    duration_s: float = 10.0
    step_hz: float = 1.8
    speed_ms: float = 1.2
    turn_deg: float = 0.0  # heading change at the end of the walk (e.g. 180 to turn around)
    trunk_sway_deg: float = 0.6  # fore-aft trunk pitch at step frequency (attenuates ~45 % of the pelvis AP acceleration at the sternum)
    shape: GaitShape = GaitShape()  # beyond the plain inverted pendulum (default: nothing more)
    #: peak-to-peak vertical excursion of the pelvis over a step (m) of the plain pendulum (the
    #: gait shape's jolts come on top); None: 0.04 m whatever the step length (as before
    #: 2026-12-03; no geometry: a gait-speed truth needs it set, ``sim.assessments.pendulum_rise_m``)
    rise_m: float | None = None

    @classmethod
    def shaped(cls, name: str, duration_s: float = 10.0, **kw) -> "Walk":
        """A walk with one of :data:`GAIT_SHAPES` (its step rate and speed unless given)."""
        shape, step_hz, speed = GAIT_SHAPES[name]
        kw.setdefault("step_hz", step_hz)
        kw.setdefault("speed_ms", speed)
        return cls(duration_s, shape=shape, **kw)


@dataclass(frozen=True)
class Sit:
    duration_s: float = 10.0
    transition_s: float = 2.5  # stand-to-sit movement before, sit-to-stand after
    trunk_flexion_deg: float = 10.0  # seated trunk posture
    stand_up: bool = True  # False: stays seated at the end (next activity must be a Sit/… )
    hold_half_way_s: float = 0.0  # each transition holds still this long at its half-way pose (a frail patient)


@dataclass(frozen=True)
class Lift:
    """Bend down, hold (grasp), come up. ``technique``: "stoop", "semi_squat" or "squat"."""

    technique: str = "stoop"
    trunk_flexion_deg: float | None = None  # peak; default per technique
    twist_deg: float = 0.0  # trunk rotation relative to pelvis at the bottom
    lateral_deg: float = 0.0
    down_s: float = 1.2
    hold_s: float = 1.0
    up_s: float = 1.2
    rest_s: float = 2.0  # standing still after the lift
    depth: float = 1.0  # scales the technique's pose (trunk, pelvis, thigh flexion, hip drop): < 1 shallower


@dataclass(frozen=True)
class Twist:
    """Upright trunk rotation relative to the pelvis and back (e.g. turning to a shelf)."""

    angle_deg: float = 40.0
    turn_s: float = 1.0
    hold_s: float = 1.0
    lateral_deg: float = 0.0
    rest_s: float = 1.0


Activity = Union[Stand, Walk, Sit, Lift, Twist]

# technique → (trunk flexion, pelvis flexion, thigh flexion, pelvis drop m)
LIFT_POSES: dict[str, tuple[float, float, float, float]] = {
    "stoop": (80.0, 50.0, 10.0, 0.06),
    "semi_squat": (60.0, 35.0, 45.0, 0.20),
    "squat": (40.0, 22.0, 85.0, 0.38),
}


def lifting_demo_script() -> list[Activity]:
    """About 100 s: stand, walk, squat / semi-squat / stoop lifts (some twisted or side-bent),
    upright twists, walk back. The standard script of the demo and the accuracy benchmark."""
    return [
        Stand(8.0),
        Walk(12.0, turn_deg=90.0),
        Stand(3.0),
        Lift("squat"),
        Lift("semi_squat", twist_deg=20.0),
        Lift("stoop"),
        Lift("stoop", trunk_flexion_deg=90.0, twist_deg=-30.0, lateral_deg=10.0),
        Lift("squat", twist_deg=15.0, lateral_deg=-8.0),
        Lift("semi_squat"),
        Twist(40.0),
        Twist(-35.0, lateral_deg=8.0),
        Stand(4.0, sway_deg=1.0),
        Walk(10.0, turn_deg=180.0),
        Lift("stoop", trunk_flexion_deg=70.0),
        Lift("squat", trunk_flexion_deg=35.0),
        Walk(10.0),
        Stand(5.0),
    ]


def sit_stand_walk_script() -> list[Activity]:
    """About 2 min of daily-life posture changes: stand, walk, sit, stand up, walk, sit again."""
    return [
        Stand(6.0),
        Walk(15.0, turn_deg=180.0),
        Stand(3.0),
        Sit(20.0),
        Stand(4.0),
        Walk(12.0, turn_deg=90.0),
        Sit(15.0, trunk_flexion_deg=20.0),
        Walk(10.0),
        Stand(5.0),
    ]


def dashboard_demo_script() -> list[Activity]:
    """About 95 s for ``oefensense gui --demo``: within the first minute the dashboard shows
    sitting (from ~19 s, once the posture model has its first window), standing up, walking, a
    stooped lift that calls for a cue and a good squat lift; then a longer sitting bout for the
    stand-up prompt. (The pipeline names no posture in the first ~19 s, whatever the motion.)"""
    return [
        Stand(2.0),
        Walk(8.0, turn_deg=180.0),
        Stand(2.0),
        Sit(14.0),
        Stand(2.0),
        Walk(6.0, turn_deg=90.0),
        Stand(2.0),
        Lift("stoop", trunk_flexion_deg=80.0),
        Lift("squat"),
        Walk(6.0),
        Sit(40.0),
        Stand(3.0),
    ]


def working_day_script() -> list[Activity]:
    """About 3 min 40 s of a working day, looped by simulated wearables that play no recording
    (``record --simulate FAMILY=placement``): two long sitting bouts (45 s and 60 s, long enough
    for a prolonged-sitting cue of a short test plan), standing up, walking, a stooped and a
    squat lift, a long static bend, an upright twist. Every posture the pipeline names appears
    within the first loop."""
    return [
        Stand(4.0),
        Walk(12.0, turn_deg=180.0),
        Stand(3.0),
        Sit(45.0),
        Stand(3.0),
        Walk(10.0, turn_deg=90.0),
        Stand(2.0),
        Lift("stoop", trunk_flexion_deg=80.0),
        Lift("squat"),
        Lift("stoop", trunk_flexion_deg=60.0, hold_s=12.0),
        Twist(35.0),
        Walk(10.0, turn_deg=180.0),
        Stand(2.0),
        Sit(60.0, trunk_flexion_deg=15.0),
        Stand(3.0),
        Walk(12.0),
        Stand(4.0),
    ]

