"""Typed values that flow between pipeline steps.

Units inside the core are fixed and part of the field names:

* time: ``int64`` nanoseconds on the session clock (``t_ns``),
* acceleration including gravity: g (``acc_g``, 1 g = 9.80665 m/s²),
* angular rate: degrees per second (``gyr_dps``),
* magnetic field: microtesla (``mag_ut``).

These are the units of imufusion / x-io Fusion and of the common wearable file readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import numpy as np

STANDARD_GRAVITY_MS2 = 9.80665
NS_PER_S = 1_000_000_000

# Device → session time rules (``pipeline.timebase.settings_for``). 1: until 5 Dec 2026; 2: a
# device tick keeps the session time it was first given (acc and gyro of one clock pair
# exactly) and no sample is placed after the arrival of the packet that carried it.
TIMING_VERSION = 2
TIMING_VERSIONS = (1, 2)


class Placement(str, Enum):
    """Where a sensor is worn. Values are the canonical names used in files and on the CLI."""

    TRUNK = "trunk"  # sternum / upper back
    PELVIS = "pelvis"  # lower back, belt, waist
    THIGH = "thigh"

    @classmethod
    def parse(cls, text: str) -> "Placement":
        """Canonical placement for a name or alias (``chest``, ``waist``, ...); ValueError otherwise."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(PLACEMENT_ALIASES.get(key, key))
        except ValueError:
            known = ", ".join(sorted({p.value for p in cls} | set(PLACEMENT_ALIASES)))
            raise ValueError(f"unknown placement {text!r}; use one of: {known}") from None


PLACEMENT_ALIASES: dict[str, str] = {
    "chest": "trunk",
    "sternum": "trunk",
    "upper_back": "trunk",
    "waist": "pelvis",
    "lower_back": "pelvis",
    "belt": "pelvis",
    "hip": "pelvis",
    "upper_leg": "thigh",
}


@dataclass(frozen=True, slots=True)
class SensorInfo:
    """Static metadata of one sensor in a session. ``timing``: how its packets' device times are
    mapped to the session clock (``pipeline.timebase.settings_for``): :data:`TIMING_VERSION` for
    a new recording; a session recorded before the field existed reads 1 and replays as timed."""

    sensor_id: str  # unique within a session, e.g. "trunk" or a BLE address
    placement: Placement
    family: str = "file"  # device family id ("polar", "metawear", ..., "file", "simulated")
    nominal_rate_hz: float = 0.0
    firmware: str = ""
    address: str = ""
    acc_range_g: float = 0.0  # 0 = unknown
    gyr_range_dps: float = 0.0  # 0 = unknown
    has_gyro: bool = True
    has_mag: bool = False
    timing: int = TIMING_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "sensor_id": self.sensor_id,
            "placement": self.placement.value,
            "family": self.family,
            "nominal_rate_hz": self.nominal_rate_hz,
            "firmware": self.firmware,
            "address": self.address,
            "acc_range_g": self.acc_range_g,
            "gyr_range_dps": self.gyr_range_dps,
            "has_gyro": self.has_gyro,
            "has_mag": self.has_mag,
            "timing": self.timing,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "SensorInfo":
        d = dict(d)
        d["placement"] = Placement.parse(d["placement"])
        d.setdefault("timing", 1)  # written before 5 Dec 2026: timed by version 1
        return cls(**d)


def _as_xyz(name: str, a: np.ndarray | None, n: int) -> np.ndarray | None:
    if a is None:
        return None
    a = np.asarray(a, dtype=np.float64)
    if a.shape != (n, 3):
        raise ValueError(f"{name} must have shape ({n}, 3), got {a.shape}")
    return a


@dataclass(frozen=True, slots=True)
class SampleBlock:
    """A run of consecutive samples of one sensor, in core units.

    ``t_ns`` int64 session-clock ns, strictly increasing; ``acc_g`` (n, 3) g; ``gyr_dps`` (n, 3)
    deg/s or None for accelerometer-only sensors; ``mag_ut`` (n, 3) µT or None.
    Axes are the sensor's own until a calibration/alignment step says otherwise.
    """

    sensor_id: str
    t_ns: np.ndarray
    acc_g: np.ndarray
    gyr_dps: np.ndarray | None = None
    mag_ut: np.ndarray | None = None

    def __post_init__(self) -> None:
        t = np.asarray(self.t_ns, dtype=np.int64)
        object.__setattr__(self, "t_ns", t)
        n = t.shape[0]
        object.__setattr__(self, "acc_g", _as_xyz("acc_g", self.acc_g, n))
        object.__setattr__(self, "gyr_dps", _as_xyz("gyr_dps", self.gyr_dps, n))
        object.__setattr__(self, "mag_ut", _as_xyz("mag_ut", self.mag_ut, n))

    def __len__(self) -> int:
        return int(self.t_ns.shape[0])

    def slice(self, start: int, stop: int) -> "SampleBlock":
        """Samples ``start:stop`` as a new block (views, no copy)."""
        s = slice(start, stop)
        return replace(
            self,
            t_ns=self.t_ns[s],
            acc_g=self.acc_g[s],
            gyr_dps=None if self.gyr_dps is None else self.gyr_dps[s],
            mag_ut=None if self.mag_ut is None else self.mag_ut[s],
        )

    @staticmethod
    def concat(blocks: list["SampleBlock"]) -> "SampleBlock":
        """One block from consecutive blocks of the same sensor."""
        if not blocks:
            raise ValueError("no blocks to concatenate")
        first = blocks[0]

        def cat(attr: str) -> np.ndarray | None:
            parts = [getattr(b, attr) for b in blocks]
            return None if parts[0] is None else np.concatenate(parts)

        return SampleBlock(first.sensor_id, cat("t_ns"), cat("acc_g"), cat("gyr_dps"), cat("mag_ut"))


@dataclass(frozen=True, slots=True)
class RawPacket:
    """One BLE notification (or any device frame) exactly as received: the recorded truth.

    ``host_t_ns`` is the receiving host's arrival time on the session clock (diagnostics and
    timebase anchoring); ``char_uuid`` the characteristic it came from.
    """

    sensor_id: str
    host_t_ns: int
    char_uuid: str
    payload: bytes


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened: a transition, a lift, a sitting bout, a gap, an alert.

    ``t_ns``/``end_ns`` on the session clock; ``fields`` holds type-specific JSON-safe values
    (documented by the step that raises the event).
    """

    type: str
    t_ns: int
    end_ns: int
    fields: dict[str, Any] = field(default_factory=dict)
    sensor_id: str = ""

    def to_json_dict(self) -> dict[str, Any]:
        """The ``events.jsonl`` form: ``type``, ``t_s``, ``end_s`` then the type's fields."""
        d: dict[str, Any] = {
            "type": self.type,
            "t_s": round(self.t_ns / NS_PER_S, 3),
            "end_s": round(self.end_ns / NS_PER_S, 3),
        }
        if self.sensor_id:
            d["sensor_id"] = self.sensor_id
        d.update(self.fields)
        return d
