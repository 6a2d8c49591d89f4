"""Movement simulator with known ground truth.

``simulate(script, rate_hz, mounting, seed)`` turns a list of activities (``script.py``) into
smooth segment orientation and position trajectories (minimum-jerk between poses, gait
oscillations that follow the inverted pendulum: the pelvis is highest and slowest at
mid-stance), then into what an IMU worn on each segment would measure, in its own axes:

* gyro = rotation between consecutive sensor orientations / dt (exact for first-order
  integration) + constant bias + random-walk bias drift + white noise (deg/s);
* acc = Rᵀ(a_lin/g + e_z) from the sensor's position (lever arms included) + offset + noise (g).

Truth arrays use the package's angle convention (``oefensense.orientation``), so estimates can be
compared sample by sample. Sensors: trunk (sternum, 0.45 m above the pelvis), pelvis (lower
back), right thigh (mid-thigh, lateral-front).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
from scipy.spatial.transform import Rotation

from ..core.frames import PELVIS_TILT, THIGH_INCLINATION, TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST
from ..core.types import NS_PER_S, STANDARD_GRAVITY_MS2, Placement, SampleBlock, SensorInfo
from ..orientation.rotations import angles_from_matrix, segment_matrix, wrap_deg
from .script import LIFT_POSES, Activity, GaitShape, Lift, Sit, Stand, Twist, Walk

CHANNELS = ("psi", "pel_f", "pel_l", "tr_f", "tr_l", "tw", "th_f", "drop", "back")
PELVIS_HEIGHT_M = 0.95


@dataclass(frozen=True)
class SimNoise:
    """Sensor error model (per sensor, drawn from the seed). Units in the names."""

    gyro_noise_dps: float = 0.1  # white noise RMS per axis
    gyro_bias_dps: float = 0.5  # constant bias per axis: ± this value, random sign
    gyro_bias_walk_dps_per_sqrt_s: float = 0.003  # bias random walk (drift)
    acc_noise_g: float = 0.003
    acc_offset_g: float = 0.0  # constant offset per axis (RMS)

    @classmethod
    def none(cls) -> "SimNoise":
        return cls(0.0, 0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class LiftTruth:
    start_s: float
    end_s: float  # end of coming up (rest excluded)
    technique: str
    peak_trunk_flexion_deg: float
    twist_deg: float
    lateral_deg: float


@dataclass
class SimResult:
    """Simulated recording: one SampleBlock per placement plus the truth (same time grid)."""

    t_ns: np.ndarray
    rate_hz: float
    blocks: dict[Placement, SampleBlock]
    infos: dict[Placement, SensorInfo]
    mountings: dict[Placement, np.ndarray]  # sensor → segment rotation (v_seg = M @ v_sensor)
    truth: dict[str, np.ndarray]  # angle channels (deg) + "still" (bool) + per-segment extras
    #: + "<placement>_height_m": each simulated sensor's height above the floor (m)
    posture: np.ndarray  # str label per sample: stand, walk, sit, stand_to_sit, sit_to_stand, lift, twist
    lifts: list[LiftTruth]
    gyro_bias_dps: dict[Placement, np.ndarray] = field(default_factory=dict)  # true bias (n,3)

    @property
    def duration_s(self) -> float:
        return len(self.t_ns) / self.rate_hz


def random_mounting(rng: np.random.Generator) -> np.ndarray:
    """A uniformly random sensor → segment rotation."""
    return Rotation.random(random_state=rng).as_matrix()


# --------------------------------------------------------------------------------------------
def _minjerk(u: np.ndarray) -> np.ndarray:
    return u * u * u * (10 - 15 * u + 6 * u * u)


class _Timeline:
    """Keyframed poses (min-jerk between them) plus labelled intervals and overlays."""

    def __init__(self) -> None:
        self.t = 0.0
        self.pose = dict.fromkeys(CHANNELS, 0.0)
        self.keys: list[tuple[float, dict[str, float]]] = [(0.0, dict(self.pose))]
        self.labels: list[tuple[float, float, str]] = []
        self.walks: list[tuple[float, float, Walk]] = []
        self.sways: list[tuple[float, float, float]] = []
        self.lifts: list[LiftTruth] = []

    def move(self, dur: float, label: str, **target: float) -> None:
        self.pose.update(target)
        self.labels.append((self.t, self.t + dur, label))
        self.t += dur
        self.keys.append((self.t, dict(self.pose)))

    def hold(self, dur: float, label: str) -> None:
        self.move(dur, label)


def _build(script: Sequence[Activity]) -> _Timeline:
    tl = _Timeline()
    seated = False
    for act in script:
        if isinstance(act, Stand):
            tl.sways.append((tl.t, tl.t + act.duration_s, act.sway_deg))
            tl.hold(act.duration_s, "stand")
        elif isinstance(act, Walk):
            turn_s = min(1.5, act.duration_s / 3)
            tl.walks.append((tl.t, tl.t + act.duration_s, act))
            tl.hold(act.duration_s - turn_s, "walk")
            tl.move(turn_s, "walk", psi=tl.pose["psi"] + act.turn_deg)
        elif isinstance(act, Sit):
            half = act.transition_s / 2
            # stand-to-sit: lean forward while the pelvis goes back and down, then sit back
            tl.move(half, "stand_to_sit", tr_f=35.0, pel_f=20.0, th_f=45.0, drop=0.2, back=0.12)
            if act.hold_half_way_s > 0:  # still at the half-way pose, part of the transfer
                tl.hold(act.hold_half_way_s, "stand_to_sit")
            tl.move(half, "stand_to_sit", tr_f=act.trunk_flexion_deg, pel_f=-8.0, th_f=88.0, drop=0.45, back=0.25)
            tl.hold(act.duration_s, "sit")
            if act.stand_up:
                tl.move(half, "sit_to_stand", tr_f=35.0, pel_f=20.0, th_f=45.0, drop=0.2, back=0.12)
                if act.hold_half_way_s > 0:
                    tl.hold(act.hold_half_way_s, "sit_to_stand")
                tl.move(half, "sit_to_stand", tr_f=0.0, pel_f=0.0, th_f=0.0, drop=0.0, back=0.0)
            seated = not act.stand_up
        elif isinstance(act, Lift):
            tr, pel, th, drop = (v * act.depth for v in LIFT_POSES[act.technique])
            tr = act.trunk_flexion_deg if act.trunk_flexion_deg is not None else tr
            pel = pel * tr / (LIFT_POSES[act.technique][0] * act.depth)
            t0 = tl.t
            tl.move(act.down_s, "lift", tr_f=tr, pel_f=pel, th_f=th, drop=drop, tw=act.twist_deg, tr_l=act.lateral_deg)
            tl.hold(act.hold_s, "lift")
            tl.move(act.up_s, "lift", tr_f=0.0, pel_f=0.0, th_f=0.0, drop=0.0, tw=0.0, tr_l=0.0)
            tl.lifts.append(LiftTruth(t0, tl.t, act.technique, tr, act.twist_deg, act.lateral_deg))
            if act.rest_s > 0:
                tl.hold(act.rest_s, "stand")
        elif isinstance(act, Twist):
            tl.move(act.turn_s, "twist", tw=act.angle_deg, tr_l=act.lateral_deg)
            tl.hold(act.hold_s, "twist")
            tl.move(act.turn_s, "twist", tw=0.0, tr_l=0.0)
            if act.rest_s > 0:
                tl.hold(act.rest_s, "stand")
        else:
            raise TypeError(f"unknown activity {act!r}")
        if seated and not isinstance(act, Sit):
            raise ValueError("a Sit with stand_up=False must be followed by another Sit")
    return tl


def _sample_channels(tl: _Timeline, t: np.ndarray) -> dict[str, np.ndarray]:
    kt = np.array([k[0] for k in tl.keys])
    out = {}
    idx = np.clip(np.searchsorted(kt, t, side="right") - 1, 0, len(kt) - 2)
    t0, t1 = kt[idx], kt[idx + 1]
    u = np.where(t1 > t0, np.clip((t - t0) / np.maximum(t1 - t0, 1e-12), 0, 1), 1.0)
    s = _minjerk(u)
    for c in CHANNELS:
        kv = np.array([k[1][c] for k in tl.keys])
        out[c] = kv[idx] + (kv[idx + 1] - kv[idx]) * s
    return out


def _periodic_integral(acc: np.ndarray, omega: float, times: int) -> np.ndarray:
    """Zero-mean ``times``-fold integral (rad/s step rate ``omega``) of one step cycle of ``acc``
    sampled evenly over phase [0, 2π) (harmonics divided by (i k ω)^times)."""
    spec = np.fft.rfft(acc - acc.mean())
    k = np.arange(spec.shape[0])
    spec[1:] /= (1j * k[1:] * omega) ** times
    spec[0] = 0.0
    return np.fft.irfft(spec, n=acc.shape[0])


def _add_gait_shape(w: Walk, ph: np.ndarray, e: np.ndarray, ch: dict[str, np.ndarray], lin: list[np.ndarray]) -> None:
    """Add ``w.shape`` (see :class:`GaitShape`) to the channels and to the forward speed,
    vertical and sideways offsets (``lin`` = [speed m/s, z m, ml m], changed in place)."""
    g = w.shape
    if g == GaitShape():
        return
    fwd_speed, zosc, ml = lin
    omega = 2 * np.pi * w.step_hz
    grid = np.linspace(0, 2 * np.pi, 256, endpoint=False)
    hs = np.angle(np.exp(1j * (grid - np.pi)))  # phase after heel strike (rad, -π..π)
    wid = 0.35  # pulse width (rad of the step cycle, ~30 ms at 1.8 steps/s)
    impact = np.exp(-0.5 * ((hs - wid) / wid) ** 2)
    brake = np.exp(-0.5 * ((hs - 1.2 * wid) / wid) ** 2)
    push = np.exp(-0.5 * ((hs + 2.0) / 0.8) ** 2)  # push-off before the next heel strike
    a_ap = STANDARD_GRAVITY_MS2 * g.brake_g * (push * brake.sum() / push.sum() - brake)
    a_z = STANDARD_GRAVITY_MS2 * g.impact_g * impact
    v_ap = _periodic_integral(a_ap, omega, 1)
    z = _periodic_integral(a_z, omega, 2)
    idx = (np.mod(ph, 2 * np.pi) / (2 * np.pi) * grid.shape[0]).astype(int) % grid.shape[0]
    side = 1.0 + g.asymmetry * np.sign(np.cos(ph / 2))  # left and right steps differ
    fwd_speed += e * side * v_ap[idx]
    zosc += e * side * z[idx]
    if g.ap_phase_deg:  # move the plain pendulum's speed ripple in phase
        d = np.radians(g.ap_phase_deg)
        fwd_speed += e * 0.08 * w.speed_ms * (np.cos(ph) - np.cos(ph - d))
    ml += e * g.ml_m * np.sin(ph / 2)
    ch["tr_f"] += e * g.trunk_pitch_deg * np.sin(ph + np.radians(g.trunk_pitch_phase_deg))
    ch["pel_f"] += e * g.pelvis_pitch_deg * side * np.sin(ph - 0.5)
    ch["pel_l"] += e * g.pelvis_roll_deg * np.sin(ph / 2 + 0.3)
    ch["psi"] += e * g.yaw_deg * np.sin(ph / 2 - 0.2)


def _envelope(t: np.ndarray, a: float, b: float, ramp: float) -> np.ndarray:
    e = np.clip(np.minimum(t - a, b - t) / ramp, 0, 1)
    return _minjerk(e)


def simulate(
    script: Sequence[Activity],
    rate_hz: float = 100.0,
    mounting: str | Mapping[Placement | str, Any] | None = "random",
    seed: int = 0,
    noise: SimNoise | None = None,
    placements: Sequence[Placement] = (Placement.TRUNK, Placement.PELVIS, Placement.THIGH),
    start_ns: int = 0,
) -> SimResult:
    """Simulate ``script`` at ``rate_hz``. ``mounting``: "random" (uniform random per sensor from
    ``seed``), "identity"/None (sensor axes = segment axes), or a mapping placement → 3×3
    sensor→segment rotation. ``noise`` defaults to :class:`SimNoise` (bias 0.5 deg/s per axis)."""
    rng = np.random.default_rng(seed)
    noise = noise if noise is not None else SimNoise()
    tl = _build(script)
    n = int(round(tl.t * rate_hz))
    if n < 3:
        raise ValueError("script too short")
    dt = 1.0 / rate_hz
    t = np.arange(n) * dt
    ch = _sample_channels(tl, t)

    # ---- overlays: standing sway and gait
    fwd_speed = np.zeros(n)
    zosc = np.zeros(n)
    ml = np.zeros(n)
    for a, b, sway in tl.sways:
        if sway > 0:
            e = _envelope(t, a, b, 1.0)
            ch["tr_f"] += e * sway * np.sin(2 * np.pi * 0.25 * (t - a))
            ch["tr_l"] += e * 0.5 * sway * np.sin(2 * np.pi * 0.17 * (t - a))
    for a, b, w in tl.walks:
        e = _envelope(t, a, b, 0.8)
        ph = 2 * np.pi * w.step_hz * (t - a)
        fwd_speed += e * (w.speed_ms - 0.08 * w.speed_ms * np.cos(ph))
        amp = 0.02 if w.rise_m is None else 0.5 * w.rise_m  # half the peak-to-peak rise (m)
        zosc += e * amp * np.cos(ph)  # highest (and slowest) at mid-stance
        ml += e * 0.03 * np.sin(ph / 2)
        ch["pel_f"] += e * 2.0 * np.sin(ph + 0.3)
        ch["pel_l"] += e * 4.0 * np.sin(ph / 2)
        ch["psi"] += e * 5.0 * np.sin(ph / 2 + 0.4)
        ch["tw"] += e * -4.0 * np.sin(ph / 2 + 0.4)
        # trunk pitch counters the pelvis' fore-aft acceleration (the upper trunk is steadier
        # than the pelvis in gait), hence in phase with the forward-speed ripple's derivative
        ch["tr_f"] += e * w.trunk_sway_deg * np.sin(ph)
        ch["tr_l"] += e * w.trunk_sway_deg * np.sin(ph / 2 + 0.2)
        ch["th_f"] += e * (10.0 + 25.0 * np.sin(ph / 2))
        _add_gait_shape(w, ph, e, ch, [fwd_speed, zosc, ml])

    # ---- segment orientations (segment → world)
    psi = ch["psi"]
    r_pel = segment_matrix(psi, ch["pel_f"], ch["pel_l"])
    r_tr = segment_matrix(psi + ch["tw"], ch["tr_f"], ch["tr_l"])
    r_th = segment_matrix(psi, -ch["th_f"], np.zeros(n))

    # ---- pelvis position: walking progress along the heading, sitting/lifting drop and back-shift
    hd = np.radians(psi)
    fwd = np.stack([np.cos(hd), np.sin(hd), np.zeros(n)], 1)
    left = np.stack([-np.sin(hd), np.cos(hd), np.zeros(n)], 1)
    dist = np.cumsum(fwd_speed) * dt
    # progress integrates the heading direction (turns bend the path)
    pos_xy = np.cumsum(fwd * (fwd_speed * dt)[:, None], axis=0)
    p = pos_xy + left * ml[:, None] - fwd * ch["back"][:, None]
    p[:, 2] = PELVIS_HEIGHT_M - ch["drop"] + zosc
    del dist

    lever = {
        Placement.PELVIS: (r_pel, p, np.array([-0.12, 0.0, 0.0])),
        Placement.TRUNK: (r_tr, p, np.array([0.10, 0.0, 0.45])),
        Placement.THIGH: (r_th, p + r_pel @ np.array([0.0, -0.09, 0.0]), np.array([0.06, -0.05, -0.22])),
    }

    # ---- truth
    f_tr, l_tr, i_tr, h_tr = angles_from_matrix(r_tr)
    f_pel, l_pel, i_pel, h_pel = angles_from_matrix(r_pel)
    f_th, _, i_th, _ = angles_from_matrix(r_th)
    truth: dict[str, np.ndarray] = {
        TRUNK_FLEXION: f_tr,
        TRUNK_LATERAL: l_tr,
        TRUNK_TWIST: wrap_deg(h_tr - h_pel),
        PELVIS_TILT: f_pel,
        "pelvis_lateral_deg": l_pel,
        THIGH_INCLINATION: i_th,
        "thigh_flexion_deg": -f_th,
        "trunk_inclination_deg": i_tr,
    }
    posture = np.full(n, "stand", dtype=object)
    for a, b, lab in tl.labels:
        posture[(t >= a - 1e-9) & (t < b - 1e-9)] = lab
    moving = np.zeros(n, bool)

    t_ns = start_ns + np.round(t * NS_PER_S).astype(np.int64)
    blocks, infos, mounts, biases = {}, {}, {}, {}
    for pl in placements:
        r_seg, origin, off = lever[pl]
        m = _mounting_for(mounting, pl, rng)
        mounts[pl] = m
        r_ws = r_seg @ m  # sensor → world
        pos = origin + r_seg @ off
        truth[f"{pl.value}_height_m"] = pos[:, 2]  # the sensor's height above the floor (m)
        a_lin = np.gradient(np.gradient(pos, dt, axis=0), dt, axis=0)
        spec = np.einsum("nji,nj->ni", r_ws, a_lin / STANDARD_GRAVITY_MS2 + np.array([0, 0, 1.0]))
        rel = np.einsum("nji,njk->nik", r_ws[:-1], r_ws[1:])
        w = Rotation.from_matrix(rel).as_rotvec() / dt
        gyr = np.degrees(np.vstack([w, w[-1:]]))
        moving |= np.linalg.norm(gyr, axis=1) > 1e-6
        moving |= np.linalg.norm(a_lin, axis=1) > 1e-4
        bias = rng.choice([-1.0, 1.0], 3) * noise.gyro_bias_dps
        drift = np.cumsum(rng.normal(0, noise.gyro_bias_walk_dps_per_sqrt_s * np.sqrt(dt), (n, 3)), axis=0)
        b_t = bias + drift
        gyr_m = gyr + b_t + rng.normal(0, noise.gyro_noise_dps, (n, 3)) if noise.gyro_noise_dps > 0 else gyr + b_t
        acc_m = spec + rng.normal(0, noise.acc_offset_g, 3) if noise.acc_offset_g > 0 else spec.copy()
        if noise.acc_noise_g > 0:
            acc_m = acc_m + rng.normal(0, noise.acc_noise_g, (n, 3))
        sid = f"sim-{pl.value}"
        blocks[pl] = SampleBlock(sid, t_ns, acc_m, gyr_m)
        infos[pl] = SensorInfo(sid, pl, family="simulated", nominal_rate_hz=rate_hz, acc_range_g=16.0, gyr_range_dps=2000.0)
        biases[pl] = b_t
    truth["still"] = ~moving
    return SimResult(t_ns, rate_hz, blocks, infos, mounts, truth, posture, tl.lifts, biases)


def _mounting_for(mounting, pl: Placement, rng: np.random.Generator) -> np.ndarray:
    if mounting is None or (isinstance(mounting, str) and mounting == "identity"):
        return np.eye(3)
    if isinstance(mounting, str):
        if mounting != "random":
            raise ValueError(f"mounting must be 'random', 'identity' or a mapping, got {mounting!r}")
        return random_mounting(rng)
    m = mounting.get(pl, mounting.get(pl.value, None)) if hasattr(mounting, "get") else None
    if m is None:
        return np.eye(3)
    m = np.asarray(getattr(m, "rotation", m), dtype=np.float64)
    if m.shape != (3, 3) or not np.allclose(m @ m.T, np.eye(3), atol=1e-6):
        raise ValueError(f"mounting for {pl.value} must be a 3x3 rotation")
    return m
