"""Calibration parameters of one physical sensor (a core type: plain data, no I/O).

Corrections, all in core units (acc in g, gyro in deg/s, mag in µT):

* gyroscope: ``gyr_true = gyr_raw - gyro_bias_dps``
* accelerometer (GGIR convention): ``acc_true = acc_offset_g + acc_scale * acc_raw``
* magnetometer: ``mag_true = mag_soft_iron @ (mag_raw - mag_hard_iron_ut)``

A profile may also carry the sensor-to-segment alignment found by the guided procedure
(``alignment``: the dict form of :class:`oefensense.orientation.Alignment`), so a therapist who
clips the sensor on the same way can reuse it. The orientation chain applies a profile; the
procedures that make one and the JSON files that keep one live in ``oefensense.calibration``
(above orientation in the layers, so the two never import each other in a cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

PROFILE_FORMAT_VERSION = 1

def _vec(v: Any, name: str) -> tuple[float, float, float]:
    a = np.asarray(v, dtype=np.float64).reshape(-1)
    if a.shape != (3,) or not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be 3 finite numbers, got {v!r}")
    return (float(a[0]), float(a[1]), float(a[2]))


def _mat(v: Any, name: str) -> tuple[tuple[float, ...], ...]:
    a = np.asarray(v, dtype=np.float64)
    if a.shape != (3, 3) or not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be a finite 3x3 matrix, got {v!r}")
    return tuple(tuple(float(x) for x in row) for row in a)


_IDENTITY = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


@dataclass(frozen=True)
class CalibrationProfile:
    """Calibration of one physical sensor (see module docstring for the formulas and units)."""

    device_id: str = ""  # BLE address or serial; the key profiles are stored under
    family: str = ""
    gyro_bias_dps: tuple[float, float, float] = (0.0, 0.0, 0.0)
    acc_offset_g: tuple[float, float, float] = (0.0, 0.0, 0.0)
    acc_scale: tuple[float, float, float] = (1.0, 1.0, 1.0)
    mag_hard_iron_ut: tuple[float, float, float] = (0.0, 0.0, 0.0)
    mag_soft_iron: tuple[tuple[float, ...], ...] = _IDENTITY
    alignment: dict[str, Any] | None = None
    quality: dict[str, float] = field(default_factory=dict)  # e.g. acc_rms_error_g, gyro_still_s
    created: str = ""  # ISO time given by the caller (steps never read the clock)
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "gyro_bias_dps", _vec(self.gyro_bias_dps, "gyro_bias_dps"))
        object.__setattr__(self, "acc_offset_g", _vec(self.acc_offset_g, "acc_offset_g"))
        object.__setattr__(self, "acc_scale", _vec(self.acc_scale, "acc_scale"))
        object.__setattr__(self, "mag_hard_iron_ut", _vec(self.mag_hard_iron_ut, "mag_hard_iron_ut"))
        object.__setattr__(self, "mag_soft_iron", _mat(self.mag_soft_iron, "mag_soft_iron"))
        if any(s <= 0 for s in self.acc_scale):
            raise ValueError(f"acc_scale must be positive, got {self.acc_scale}")

    # --- applying -----------------------------------------------------------------------
    def apply_acc(self, acc_g: np.ndarray) -> np.ndarray:
        """Corrected acceleration (n, 3) g."""
        return np.asarray(self.acc_offset_g) + np.asarray(self.acc_scale) * acc_g

    def apply_gyr(self, gyr_dps: np.ndarray) -> np.ndarray:
        """Bias-corrected angular rate (n, 3) deg/s."""
        return gyr_dps - np.asarray(self.gyro_bias_dps)

    def apply_mag(self, mag_ut: np.ndarray) -> np.ndarray:
        """Hard/soft-iron corrected magnetic field (n, 3) µT."""
        return (mag_ut - np.asarray(self.mag_hard_iron_ut)) @ np.asarray(self.mag_soft_iron).T

    def replace(self, **changes: Any) -> "CalibrationProfile":
        d = self.to_dict()
        d.pop("format_version", None)
        d.update(changes)
        return CalibrationProfile(**d)

    # --- JSON -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": PROFILE_FORMAT_VERSION,
            "device_id": self.device_id,
            "family": self.family,
            "gyro_bias_dps": list(self.gyro_bias_dps),
            "acc_offset_g": list(self.acc_offset_g),
            "acc_scale": list(self.acc_scale),
            "mag_hard_iron_ut": list(self.mag_hard_iron_ut),
            "mag_soft_iron": [list(r) for r in self.mag_soft_iron],
            "alignment": self.alignment,
            "quality": dict(self.quality),
            "created": self.created,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "CalibrationProfile":
        d = dict(d)
        version = d.pop("format_version", PROFILE_FORMAT_VERSION)
        if version != PROFILE_FORMAT_VERSION:
            raise ValueError(f"calibration profile format {version} not supported (expected {PROFILE_FORMAT_VERSION})")
        known = set(cls.__dataclass_fields__)
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown calibration profile fields: {sorted(unknown)}")
        return cls(**d)
