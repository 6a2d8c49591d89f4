"""Values between the per-sensor chain and the analysis stages.

``SegmentBlock``: one sensor after calibration, orientation and sensor-to-segment alignment.
``BodyFrame``: all sensors resampled onto one analysis grid, with named body angles; this is
what posture, transition, sitting and lifting stages consume.

Body frame convention (ISB-like): x forward, y left, z up when the person stands upright.
Angles in degrees; trunk flexion positive forward, lateral bend positive to the right side
down (right lateral flexion), twist positive = trunk rotated to the left relative to pelvis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .types import Placement

# Canonical body-angle channel names (also the columns of angles.csv).
TRUNK_FLEXION = "trunk_flexion_deg"
TRUNK_LATERAL = "trunk_lateral_deg"
TRUNK_TWIST = "trunk_twist_deg"
PELVIS_TILT = "pelvis_tilt_deg"
THIGH_INCLINATION = "thigh_inclination_deg"
ANGLE_CHANNELS = (TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST, PELVIS_TILT, THIGH_INCLINATION)
# The placements whose forward direction each body angle rests on (see SegmentBlock.provisional):
# while one of them is provisional the angle is a guess. An inclination needs only "up".
ANGLE_FORWARD_FROM: dict[str, tuple[str, ...]] = {
    TRUNK_FLEXION: ("trunk",), TRUNK_LATERAL: ("trunk",), TRUNK_TWIST: ("trunk", "pelvis"),
    PELVIS_TILT: ("pelvis",), "pelvis_flexion_deg": ("pelvis",), THIGH_INCLINATION: (),
}


def provisional_column(placement: str) -> str:
    """The angles.csv / BodyFrame column that flags a placement's provisional samples."""
    return f"{placement}_provisional"


def provisional_angle_mask(columns: "dict[str, np.ndarray] | BodyFrame", angle: str, n: int) -> np.ndarray:
    """True where ``angle`` rests on a forward direction not yet known (length ``n``; all False
    when no placement it needs was ever provisional). ``columns``: a BodyFrame or angles.csv read
    as ``{column: array}`` (flags 0/1)."""
    mask = np.zeros(n, bool)
    for placement in ANGLE_FORWARD_FROM.get(angle, ()):
        name = provisional_column(placement)
        present = columns.has(name) if isinstance(columns, BodyFrame) else name in columns
        if present:
            mask |= np.asarray(columns[name]).astype(bool)
    return mask


def _channel_or_blank(frame: "BodyFrame", name: str, frames: "list[BodyFrame]") -> np.ndarray:
    """``frame[name]``, or for a frame without that channel an array like the others' holding
    False (bool) or NaN (numbers) for each of its ticks."""
    if frame.has(name):
        return frame.channels[name]
    like = next(f.channels[name] for f in frames if f.has(name))
    blank = False if like.dtype == np.bool_ else np.nan
    return np.full((len(frame),) + like.shape[1:], blank, dtype=like.dtype)


@dataclass(frozen=True, slots=True)
class SegmentBlock:
    """One sensor's samples expressed for its body segment.

    All arrays have length n (same ``t_ns`` as the input samples, session clock int64 ns).

    * ``acc_g`` (n, 3): acceleration incl. gravity in the *segment* frame (x fwd, y left, z up;
      a still, upright segment reads ≈ (0, 0, 1) g).
    * ``gyr_dps`` (n, 3) angular rate in the segment frame, or None (accelerometer-only sensor).
    * ``flexion_deg``: forward (+) / backward (−) tilt of the segment's long axis (sagittal).
    * ``lateral_deg``: sideways tilt (frontal plane), + = to the right.
    * ``inclination_deg``: angle between segment long axis and vertical, 0 upright … 180.
    * ``heading_deg``: rotation about vertical (gyro-integrated, drifts; only differences between
      two sensors are meaningful), NaN when unknown.
    * ``valid``: bool per sample (False during warm-up, gaps, saturation, failed alignment).
    * ``acc_sensor_g`` (n, 3): the calibrated acceleration in the sensor's own axes (no alignment
      rotation, so a re-estimated alignment never shows as a movement: the non-wear stage reads
      it), or None. On the BodyFrame grid it is the nearest raw sample, not interpolated (linear
      interpolation of a 52 Hz sensor onto 50 Hz smooths its noise by a fifth: the non-wear
      stage compares that noise with how its 1-s means wander).
    * ``provisional``: bool per sample, True while the sensor's forward direction is not yet
      known (no walk, bend or guided alignment has told it): how ``flexion_deg`` and
      ``lateral_deg`` share the tilt, and ``heading_deg``, rest on a guess there (a guessed
      forward turned a 30° bend into a lateral bend), so zones, lift angles and reports leave
      them out; the up-direction they encode together, and ``inclination_deg``, are right.
      None = never provisional.
    * ``acc_limit_g``: the |acceleration| per axis (g, on ``acc_sensor_g``) at which a sample is
      saturated (inf: no range known), or None (unknown: ``valid`` stands for whether ``acc_g``
      is usable). ``valid`` is also False where ``acc_g`` is right (the orientation filter's
      start-up after a cold start or gap, a poor alignment); the synchroniser's "sinc"
      acceleration, whose window spans many samples, tests finite and unsaturated itself, so
      those samples do not blank it. A number, not a per-sample array: no cost in "linear".
    """

    sensor_id: str
    placement: Placement
    t_ns: np.ndarray
    acc_g: np.ndarray
    gyr_dps: np.ndarray | None
    flexion_deg: np.ndarray
    lateral_deg: np.ndarray
    inclination_deg: np.ndarray
    heading_deg: np.ndarray
    valid: np.ndarray
    acc_sensor_g: np.ndarray | None = None
    provisional: np.ndarray | None = None
    acc_limit_g: float | None = None

    def __len__(self) -> int:
        return int(self.t_ns.shape[0])


@dataclass(frozen=True, slots=True)
class BodyFrame:
    """All worn sensors on one regular analysis grid (``t_ns`` int64, step 1/rate_hz).

    ``channels`` maps names to arrays of length n. Always present: ``"valid"`` (bool: every worn
    sensor had valid data at that tick). Per worn placement P (``trunk``, ``pelvis``, ``thigh``):
    ``"P_acc_g"`` (n, 3), ``"P_acc_sensor_g"`` (n, 3, sensor axes: see SegmentBlock) with
    ``"P_acc_sensor_new"`` (bool: the tick's raw sample was not given at an earlier tick; a sensor
    slower than the grid repeats its samples),
    ``"P_gyr_dps"`` (n, 3) if the sensor has a gyro, ``"P_flexion_deg"``,
    ``"P_lateral_deg"``, ``"P_inclination_deg"``, ``"P_heading_deg"``, ``"P_valid"``, and
    ``"P_provisional"`` (bool) once that sensor's forward direction was unknown for a while
    (its forward-dependent angles are guesses there, see SegmentBlock).
    Body angles from :data:`ANGLE_CHANNELS` are present when the worn sensors give them.
    """

    t_ns: np.ndarray
    rate_hz: float
    placements: tuple[Placement, ...]
    channels: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.t_ns.shape[0])

    def has(self, name: str) -> bool:
        return name in self.channels

    def samples(self, a: int, b: int) -> "BodyFrame":
        """Samples ``a:b`` (views of every channel; channels a stage writes into the part are the
        part's own)."""
        return BodyFrame(self.t_ns[a:b], self.rate_hz, self.placements, {k: v[a:b] for k, v in self.channels.items()})

    @staticmethod
    def concat(frames: "list[BodyFrame]") -> "BodyFrame":
        """One BodyFrame from consecutive frames of the same stream.

        A channel that starts in a later frame (``P_provisional`` appears when a sensor's forward
        direction is lost mid-stream) is kept: the frames before it hold False (bool) or NaN."""
        if not frames:
            raise ValueError("no frames to concatenate")
        f0 = frames[0]
        names = list(dict.fromkeys(k for f in frames for k in f.channels))
        channels = {k: np.concatenate([_channel_or_blank(f, k, frames) for f in frames]) for k in names}
        return BodyFrame(np.concatenate([f.t_ns for f in frames]), f0.rate_hz, f0.placements, channels)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.channels[name]
