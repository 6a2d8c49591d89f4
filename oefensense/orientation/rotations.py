"""Small rotation helpers (vectorised numpy). Quaternions are (w, x, y, z), unit norm,
rotating sensor-frame vectors into the world frame (world z up)."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _quat_to_matrix_rows(q: np.ndarray, r: np.ndarray) -> None:
    """:func:`quat_to_matrix` of (n, 4) rows in one compiled pass (the same expressions,
    element by element, no fast-math: the same bits)."""
    for i in range(q.shape[0]):
        w, x, y, z = q[i, 0], q[i, 1], q[i, 2], q[i, 3]
        r[i, 0, 0] = 1 - 2 * (y * y + z * z)
        r[i, 0, 1] = 2 * (x * y - w * z)
        r[i, 0, 2] = 2 * (x * z + w * y)
        r[i, 1, 0] = 2 * (x * y + w * z)
        r[i, 1, 1] = 1 - 2 * (x * x + z * z)
        r[i, 1, 2] = 2 * (y * z - w * x)
        r[i, 2, 0] = 2 * (x * z - w * y)
        r[i, 2, 1] = 2 * (y * z + w * x)
        r[i, 2, 2] = 1 - 2 * (x * x + y * y)


@njit(cache=True, nogil=True)
def _quat_up_rows(q: np.ndarray, r: np.ndarray) -> None:
    for i in range(q.shape[0]):
        w, x, y, z = q[i, 0], q[i, 1], q[i, 2], q[i, 3]
        r[i, 0] = 2 * (x * z - w * y)
        r[i, 1] = 2 * (y * z + w * x)
        r[i, 2] = 1 - 2 * (x * x + y * y)


def quat_up_rows(q: np.ndarray) -> np.ndarray:
    """``quat_to_matrix(q)[:, 2, :]`` of (n, 4) quaternions: world up in sensor axes (n, 3), the
    same expressions (the same bits) without the other six entries."""
    q = np.ascontiguousarray(q, dtype=np.float64)
    r = np.empty((q.shape[0], 3))
    _quat_up_rows(q, r)
    return r


def quat_to_matrix(q: np.ndarray) -> np.ndarray:
    """(..., 4) unit quaternions → (..., 3, 3) rotation matrices (sensor → world)."""
    q = np.asarray(q, dtype=np.float64)
    if q.ndim == 2 and q.shape[0] > 64:  # long runs (the chain's alignment evidence): compiled
        r = np.empty((q.shape[0], 3, 3))
        _quat_to_matrix_rows(q, r)
        return r
    w, x, y, z = np.moveaxis(q, -1, 0)
    r = np.empty(q.shape[:-1] + (3, 3))
    r[..., 0, 0] = 1 - 2 * (y * y + z * z)
    r[..., 0, 1] = 2 * (x * y - w * z)
    r[..., 0, 2] = 2 * (x * z + w * y)
    r[..., 1, 0] = 2 * (x * y + w * z)
    r[..., 1, 1] = 1 - 2 * (x * x + z * z)
    r[..., 1, 2] = 2 * (y * z - w * x)
    r[..., 2, 0] = 2 * (x * z - w * y)
    r[..., 2, 1] = 2 * (y * z + w * x)
    r[..., 2, 2] = 1 - 2 * (x * x + y * y)
    return r


def matrix_to_quat(r: np.ndarray) -> np.ndarray:
    """(3, 3) rotation matrix → (4,) unit quaternion (w, x, y, z), w ≥ 0."""
    r = np.asarray(r, dtype=np.float64)
    tr = np.trace(r)
    if tr > 0:
        s = np.sqrt(tr + 1.0) * 2
        q = np.array([0.25 * s, (r[2, 1] - r[1, 2]) / s, (r[0, 2] - r[2, 0]) / s, (r[1, 0] - r[0, 1]) / s])
    else:
        i = int(np.argmax(np.diag(r)))
        j, k = (i + 1) % 3, (i + 2) % 3
        s = np.sqrt(1.0 + r[i, i] - r[j, j] - r[k, k]) * 2
        q = np.empty(4)
        q[0] = (r[k, j] - r[j, k]) / s
        q[1 + i] = 0.25 * s
        q[1 + j] = (r[j, i] + r[i, j]) / s
        q[1 + k] = (r[k, i] + r[i, k]) / s
    q /= np.linalg.norm(q)
    return q if q[0] >= 0 else -q


def quat_mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hamilton product a ⊗ b (broadcasting over leading axes)."""
    aw, ax, ay, az = np.moveaxis(a, -1, 0)
    bw, bx, by, bz = np.moveaxis(b, -1, 0)
    return np.stack(
        [
            aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
        ],
        axis=-1,
    )


def quat_about_z(angle_rad: float) -> np.ndarray:
    return np.array([np.cos(angle_rad / 2), 0.0, 0.0, np.sin(angle_rad / 2)])


def rot_x(a: np.ndarray) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    o, z = np.ones_like(a), np.zeros_like(a)
    return np.stack([np.stack([o, z, z], -1), np.stack([z, c, -s], -1), np.stack([z, s, c], -1)], -2)


def rot_y(a: np.ndarray) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    o, z = np.ones_like(a), np.zeros_like(a)
    return np.stack([np.stack([c, z, s], -1), np.stack([z, o, z], -1), np.stack([-s, z, c], -1)], -2)


def rot_z(a: np.ndarray) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    o, z = np.ones_like(a), np.zeros_like(a)
    return np.stack([np.stack([c, -s, z], -1), np.stack([s, c, z], -1), np.stack([z, z, o], -1)], -2)


def segment_matrix(heading_deg, flexion_deg, lateral_deg) -> np.ndarray:
    """Segment → world rotation for the angle convention of this package:
    ``R = Rz(heading) · Rx(lateral) · Ry(flexion)`` (degrees; arrays broadcast)."""
    h, f, l = (np.radians(np.asarray(v, dtype=np.float64)) for v in (heading_deg, flexion_deg, lateral_deg))
    return rot_z(h) @ rot_x(l) @ rot_y(f)


def angles_from_matrix(r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Inverse of :func:`segment_matrix`: (flexion, lateral, inclination, heading) in degrees.

    With ``up = Rᵀ e_z`` (world vertical in segment axes): flexion = atan2(−up_x, up_z) (forward +,
    full ±180° so lying and deep bends are representable), lateral = asin(up_y) (+ = top of the
    segment towards its right side), inclination = acos(up_z). Heading comes from the segment's
    lateral (y) axis, which stays horizontal-ish in any flexion: atan2(−y_w,x, y_w,y).
    """
    up = r[..., 2, :]  # third row of R = Rᵀ e_z
    flex = np.degrees(np.arctan2(-up[..., 0], up[..., 2]))
    lat = np.degrees(np.arcsin(np.clip(up[..., 1], -1.0, 1.0)))
    inc = np.degrees(np.arccos(np.clip(up[..., 2], -1.0, 1.0)))
    yw = r[..., :, 1]
    head = np.degrees(np.arctan2(-yw[..., 0], yw[..., 1]))
    return flex, lat, inc, head


def wrap_deg(a: np.ndarray) -> np.ndarray:
    """Angles wrapped to [−180, 180)."""
    return (np.asarray(a) + 180.0) % 360.0 - 180.0
