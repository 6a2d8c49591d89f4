"""Scripted clinical tests for the movement simulator, with their ground truth.

Each ``*_script`` returns the activities of one test (a short walk first, so the sensor chain
can find the body's forward direction, as a patient walks to the chair) and a
:class:`TestTruth` computed from the simulated person's own timeline: transfer times from the
``sit_to_stand`` / ``stand_to_sit`` labels, turns from the walks' known turning time, ROM from
the true trunk angles, steps from the gait's step frequency. ``speed`` scales every movement's
duration (1 = a healthy adult; 2 = twice as slow, like a frail older adult).

Units: seconds since the start of the simulated recording, degrees, metres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core.frames import TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST
from .script import Activity, GaitShape, Lift, Sit, Stand, Twist, Walk
from .simulate import SimResult

LEAD_IN: tuple[Activity, ...] = (Stand(3.0), Walk(8.0, turn_deg=180.0), Stand(2.0))


@dataclass
class TestTruth:
    """What the simulated person did: ``transfers`` [(kind, start_s, end_s)], ``phases``
    {name: (start_s, end_s)}, ``rom_deg`` {direction: [peak per repetition]}, ``steps``,
    ``walking_s``."""

    transfers: list[tuple[str, float, float]] = field(default_factory=list)
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)
    rom_deg: dict[str, list[float]] = field(default_factory=dict)
    steps: int | None = None
    walking_s: float | None = None

    def stand_ups(self) -> list[tuple[float, float]]:
        return [(a, b) for k, a, b in self.transfers if k == "stand_up"]


def _lead_in_s() -> float:
    return sum(a.duration_s for a in LEAD_IN)


def _turn_s(walk: Walk) -> float:
    # the simulator turns in the last min(1.5 s, a third) of a walk (simulate._build)
    return min(1.5, walk.duration_s / 3)


def chair_stand_script(reps: int, speed: float = 1.0, seated_s: float = 3.0, pause_s: float = 0.2,
                       end_seated: bool = True, hold_half_way_s: float = 0.0) -> list[Activity]:
    """Sit, then ``reps`` stand-ups, each followed by sitting down again (continuous, like the
    30-second and five-times tests): transitions of 2.2 s × ``speed``, each holding still
    ``hold_half_way_s`` (s) at its half-way pose (a frail patient pausing on the way)."""
    trans = 2.2 * speed
    hold = hold_half_way_s
    acts: list[Activity] = list(LEAD_IN)
    acts.append(Sit(seated_s, transition_s=trans, hold_half_way_s=hold))  # sit down before the test, stand up = rep 1
    for k in range(1, reps):
        acts.append(Stand(pause_s))
        acts.append(Sit(pause_s, transition_s=trans, hold_half_way_s=hold))
    if end_seated:
        acts.append(Stand(pause_s))
        acts.append(Sit(3.0, transition_s=trans, stand_up=False, hold_half_way_s=hold))
    else:
        acts.append(Stand(3.0))
    return acts


def tug_script(speed: float = 1.0, distance_m: float = 3.0, walk_speed_ms: float = 1.1) -> list[Activity]:
    """Timed Up and Go: seated, stand up, walk ``distance_m``, turn 180°, walk back, turn, sit."""
    trans = 2.2 * speed
    walk_s = distance_m / (walk_speed_ms / speed) + 1.5  # + the turn at the end of each walk
    return [*LEAD_IN, Sit(4.0, transition_s=trans),
            Walk(walk_s, step_hz=1.8 / speed ** 0.5, speed_ms=walk_speed_ms / speed, turn_deg=180.0),
            Walk(walk_s, step_hz=1.8 / speed ** 0.5, speed_ms=walk_speed_ms / speed, turn_deg=180.0),
            Sit(6.0, transition_s=trans, stand_up=False)]


def trunk_rom_script(reps: int = 3, speed: float = 1.0, flexion_deg: float = 70.0, extension_deg: float = 20.0,
                     lateral_deg: float = 25.0, rotation_deg: float = 35.0, vary: float = 0.1) -> list[Activity]:
    """Standing trunk range of motion: ``reps`` × forward flexion, extension, lateral bend left
    and right, axial rotation left and right; the k-th repetition reaches (1 - vary·k') of the
    amplitude (best of N = the largest), each movement ``speed`` × 1.5 s each way."""
    move = 1.5 * speed
    acts: list[Activity] = list(LEAD_IN)
    scale = [1.0 - vary * ((k + 1) % reps) / max(reps - 1, 1) for k in range(reps)]
    for s in scale:
        acts.append(Lift("stoop", trunk_flexion_deg=flexion_deg * s, down_s=move, hold_s=0.8, up_s=move, rest_s=1.5))
    for s in scale:
        acts.append(Lift("stoop", trunk_flexion_deg=-extension_deg * s, down_s=move, hold_s=0.8, up_s=move, rest_s=1.5))
    for sign in (-1.0, 1.0):  # lateral + = to the right: left first
        for s in scale:
            acts.append(Twist(0.0, turn_s=move, hold_s=0.8, lateral_deg=sign * lateral_deg * s, rest_s=1.5))
    for sign in (1.0, -1.0):  # twist + = trunk turned left
        for s in scale:
            acts.append(Twist(sign * rotation_deg * s, turn_s=move, hold_s=0.8, rest_s=1.5))
    acts.append(Stand(2.0))
    return acts


def walk_test_script(duration_s: float = 120.0, step_hz: float = 1.8, speed_ms: float = 1.2,
                     length_m: float = 20.0, shape: GaitShape = GaitShape(),
                     rise_m: float | None = None) -> list[Activity]:
    """A timed walk up and down a ``length_m`` corridor for ``duration_s``, then standing
    (``shape``, ``rise_m``: see :class:`Walk`)."""
    leg_s = length_m / speed_ms + 1.5
    acts: list[Activity] = [Stand(5.0)]
    left = duration_s
    while left > 1e-9:
        d = min(leg_s, left)
        acts.append(Walk(d, step_hz=step_hz, speed_ms=speed_ms, turn_deg=180.0 if d == leg_s else 0.0,
                         shape=shape, rise_m=rise_m))
        left -= d
    acts.append(Stand(5.0))
    return acts


def pendulum_rise_m(leg_length_m: float, step_length_m: float, k: float) -> float:
    """The pelvis' peak-to-peak rise (m) over a step of ``step_length_m`` for a leg (floor to
    the sensor) of ``leg_length_m`` by the inverted pendulum with correction factor ``k``:
    the h solving step = k·2·√(2·l·h − h²). A simulated person walking with this rise walks
    as the estimator's model assumes (only its leg length and the sensor chain can be wrong)."""
    half = step_length_m / (2.0 * k)
    if not 0 < half < leg_length_m:
        raise ValueError(f"step {step_length_m} m does not fit a leg of {leg_length_m} m")
    return float(leg_length_m - np.sqrt(leg_length_m ** 2 - half ** 2))


def walk_distance_m(script: list[Activity]) -> float:
    """The distance (m) a script's walks cover: each walk's speed × (duration − 0.8 s), the
    simulator fading its gait and speed in and out over 0.8 s (a min-jerk ramp: half of it lost
    at either end); the speed ripples are periodic (zero mean)."""
    return float(sum(w.speed_ms * max(w.duration_s - 0.8, 0.0) for w in script if isinstance(w, Walk)))


# ---------------------------------------------------------------------------------- truth
def _label_runs(sim: SimResult, label: str) -> list[tuple[float, float]]:
    m = np.concatenate([[False], sim.posture == label, [False]])
    d = np.flatnonzero(np.diff(m.astype(np.int8)))
    t = np.arange(len(sim.posture)) / sim.rate_hz
    return [(float(t[a]), float(t[b - 1] + 1.0 / sim.rate_hz)) for a, b in zip(d[0::2], d[1::2])]


def transfer_truth(sim: SimResult, after_s: float = 0.0) -> list[tuple[str, float, float]]:
    """Labelled transfers (stand_up / sit_down) starting at or after ``after_s``."""
    out = [("stand_up", a, b) for a, b in _label_runs(sim, "sit_to_stand")]
    out += [("sit_down", a, b) for a, b in _label_runs(sim, "stand_to_sit")]
    return sorted((x for x in out if x[1] >= after_s - 1e-9), key=lambda x: x[1])


def chair_truth(sim: SimResult) -> TestTruth:
    """Transfers after the lead-in's sit-down (the test starts seated)."""
    all_tr = transfer_truth(sim, _lead_in_s())
    return TestTruth(transfers=[x for x in all_tr if not (x[0] == "sit_down" and x is all_tr[0])])


def stands_in_30s(truth: TestTruth) -> int:
    """The 30-second chair stand count of the truth: stand-ups half-way up within 30 s of the
    first stand-up's start (the protocol's rule)."""
    ups = truth.stand_ups()
    return sum(1 for a, b in ups if (a + b) / 2 <= ups[0][0] + 30.0) if ups else 0


def tug_truth(sim: SimResult, script: list[Activity]) -> TestTruth:
    """Phases of a :func:`tug_script` run from its activities' durations."""
    tr = transfer_truth(sim, _lead_in_s())
    stand_up = next((a, b) for k, a, b in tr if k == "stand_up")
    sit_down = [(a, b) for k, a, b in tr if k == "sit_down"][-1]
    t = _lead_in_s()
    walks: list[tuple[float, float, float]] = []  # (walk start, turn start, walk end)
    for act in script[len(LEAD_IN):]:
        if isinstance(act, Sit):
            t += act.transition_s + act.duration_s + (act.transition_s if act.stand_up else 0.0)
        elif isinstance(act, Walk):
            walks.append((t, t + act.duration_s - _turn_s(act), t + act.duration_s))
            t += act.duration_s
    (w1, t1, e1), (w2, t2, e2) = walks[:2]
    phases = {"stand_up": stand_up, "walk": (stand_up[1], t1), "turn": (t1, e1), "walk_back": (e1, t2),
              "turn_2": (t2, e2), "sit_down": sit_down}
    return TestTruth(transfers=[("stand_up", *stand_up), ("sit_down", *sit_down)], phases=phases)


def rom_truth(sim: SimResult) -> TestTruth:
    """Best and per-repetition trunk angles (deg) of a :func:`trunk_rom_script` run, from the
    true angles inside each labelled bend (``lift``) or twist/side-bend (``twist``)."""
    rom: dict[str, list[float]] = {k: [] for k in ("flexion", "extension", "lateral_left", "lateral_right",
                                                     "rotation_left", "rotation_right")}
    t = np.arange(len(sim.posture)) / sim.rate_hz
    for a, b in _label_runs(sim, "lift"):
        f = sim.truth[TRUNK_FLEXION][(t >= a) & (t < b)]
        if f.max() > -f.min():
            rom["flexion"].append(float(f.max()))
        else:
            rom["extension"].append(float(-f.min()))
    for a, b in _label_runs(sim, "twist"):
        sel = (t >= a) & (t < b)
        lat, tw = sim.truth[TRUNK_LATERAL][sel], sim.truth[TRUNK_TWIST][sel]
        if np.abs(lat).max() > np.abs(tw).max():
            rom["lateral_right" if lat.max() > -lat.min() else "lateral_left"].append(float(np.abs(lat).max()))
        else:
            rom["rotation_left" if tw.max() > -tw.min() else "rotation_right"].append(float(np.abs(tw).max()))
    return TestTruth(rom_deg=rom)


def walk_truth(script: list[Activity]) -> TestTruth:
    """Steps = step frequency × duration of each walk, less 0.8 s (the simulator fades each
    walk's gait in and out over 0.8 s: half amplitude 0.4 s in from each end; consecutive walks
    are faded separately). Exact to about ±1 step per walk."""
    walks = [a for a in script if isinstance(a, Walk)]
    steps = sum(w.step_hz * max(w.duration_s - 0.8, 0.0) for w in walks)
    return TestTruth(steps=int(round(steps)), walking_s=float(sum(w.duration_s for w in walks)))


def scripted_test(test: str, speed: float = 1.0, reps: int | None = None, minutes: float = 2.0) -> list[Activity]:
    """The script of one test by its CLI name (``chair-stand-30s`` makes ``reps`` continuous
    stands, default as many as fit in 30 s at ``speed``)."""
    if test == "chair-stand-30s":  # more stands than fit in 30 s: the count stops at 30 s
        n = reps if reps is not None else int(40.0 // (2 * 2.2 * speed + 1.2)) + 1
        return chair_stand_script(n, speed=speed, pause_s=0.6)
    if test == "five-times-sit-to-stand":
        return chair_stand_script(reps if reps is not None else 5, speed=speed)
    if test == "tug":
        return tug_script(speed=speed)
    if test == "trunk-rom":
        return trunk_rom_script(reps=reps or 3, speed=speed)
    if test == "walk-test":
        return walk_test_script(duration_s=60.0 * minutes, step_hz=1.8 / speed ** 0.5, speed_ms=1.2 / speed)
    raise ValueError(f"no simulated script for test {test!r}")
