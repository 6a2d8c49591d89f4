"""A small orientation filter for simulated firmwares that report on-board fusion outputs
(quaternion, Euler, gravity). Plausible, not any vendor's algorithm. numpy only."""

from __future__ import annotations

import numpy as np


def qmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    w1, x1, y1, z1 = a
    w2, x2, y2, z2 = b
    return np.array([
        w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2,
        w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
        w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
        w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2,
    ])


def rotate_inv(q: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Earth-frame vector ``v`` expressed in the sensor frame (q: sensor → earth)."""
    qc = q * np.array([1, -1, -1, -1])
    return qmul(qmul(qc, np.r_[0.0, v]), q)[1:]


def qrotate(q: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Sensor-frame vector ``v`` in the earth frame (q: sensor → earth)."""
    qc = q * np.array([1, -1, -1, -1])
    return qmul(qmul(q, np.r_[0.0, v]), qc)[1:]


def fuse_step(q: np.ndarray | None, acc_g: np.ndarray, gyr_dps: np.ndarray, dt: float) -> np.ndarray:
    """One Mahony-style step (kp = 1): enough to give a plausible on-board orientation."""
    n = np.linalg.norm(acc_g)
    if q is None:  # initial tilt from gravity, heading 0
        a = acc_g / n if n > 0 else np.array([0, 0, 1.0])
        v = np.cross(a, [0, 0, 1.0])
        q = np.r_[1.0 + a[2], v] if a[2] > -0.999 else np.array([0, 1.0, 0, 0])
        return q / np.linalg.norm(q)
    w = np.radians(gyr_dps)
    if n > 0:
        w = w + 1.0 * np.cross(acc_g / n, rotate_inv(q, np.array([0, 0, 1.0])))
    q = q + 0.5 * dt * qmul(q, np.r_[0.0, w])
    return q / np.linalg.norm(q)


def euler_hpr(q: np.ndarray) -> tuple[float, float, float]:
    w, x, y, z = q
    roll = np.degrees(np.arctan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y)))
    pitch = np.degrees(np.arcsin(np.clip(2 * (w * y - z * x), -1, 1)))
    heading = np.degrees(np.arctan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z))) % 360.0
    return float(heading), float(pitch), float(roll)
