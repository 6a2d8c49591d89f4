"""Sensor calibration from recordings (vectorised numpy; units: acc g, gyro deg/s, mag µT).

* :func:`still_windows` — windows in which the sensor did not move.
* :func:`estimate_gyro_bias` — gyroscope bias = median gyro over still windows.
* :func:`autocalibrate_accelerometer` — offset and scale per axis from the still periods of
  an ordinary recording (the GGIR / scikit-digital-health method: still windows should lie on
  the 1 g sphere; an iterative per-axis linear fit pulls them onto it). Needs still postures
  in several orientations (each axis seen above +0.3 g and below −0.3 g); otherwise it says so.
* :func:`calibrate_accelerometer_poses` — the same fit from a guided multi-pose procedure.
* :func:`fit_magnetometer` — hard iron (offset) and soft iron (3×3) from an ellipsoid fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class CalibrationError(ValueError):
    """The data cannot give this calibration (too little still time, too few orientations)."""


def _windows(x: np.ndarray, w: int) -> np.ndarray:
    n = (x.shape[0] // w) * w
    return x[:n].reshape(-1, w, *x.shape[1:])


def still_windows(
    acc_g: np.ndarray,
    gyr_dps: np.ndarray | None,
    rate_hz: float,
    window_s: float = 2.0,
    acc_sd_g: float = 0.013,
    gyr_sd_dps: float = 1.5,
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Mean acc (k,3), mean gyro (k,3) or None, and the window index of the still windows.
    Still = per-axis SD of acc below ``acc_sd_g`` (GGIR's 13 mg) and of gyro below ``gyr_sd_dps``."""
    w = max(int(round(window_s * rate_hz)), 2)
    aw = _windows(np.asarray(acc_g, dtype=np.float64), w)
    ok = (aw.std(axis=1) < acc_sd_g).all(axis=1) & np.isfinite(aw).all(axis=(1, 2))
    gm = None
    if gyr_dps is not None:
        gw = _windows(np.asarray(gyr_dps, dtype=np.float64), w)
        ok &= (gw.std(axis=1) < gyr_sd_dps).all(axis=1) & np.isfinite(gw).all(axis=(1, 2))
        gm = gw.mean(axis=1)[ok]
    idx = np.flatnonzero(ok)
    return aw.mean(axis=1)[ok], gm, idx


def estimate_gyro_bias(
    acc_g: np.ndarray, gyr_dps: np.ndarray, rate_hz: float, min_still_s: float = 2.0, window_s: float = 1.0
) -> tuple[np.ndarray, float]:
    """Gyro bias (3,) deg/s and the still time (s) it came from; CalibrationError if too little."""
    _, gm, idx = still_windows(acc_g, gyr_dps, rate_hz, window_s=window_s, acc_sd_g=0.02, gyr_sd_dps=2.0)
    still_s = len(idx) * window_s
    if gm is None or still_s < min_still_s:
        raise CalibrationError(f"only {still_s:.1f} s still (need {min_still_s:.1f} s) to estimate the gyro bias")
    return np.median(gm, axis=0), still_s


@dataclass(frozen=True)
class AccCalibration:
    """``acc_true = offset_g + scale * acc_raw``; errors are | |a| − 1 g | RMS over the points used."""

    offset_g: np.ndarray
    scale: np.ndarray
    rms_error_before_g: float
    rms_error_after_g: float
    n_points: int


def _fit_sphere(points: np.ndarray, max_iter: int = 100, tol: float = 1e-7) -> tuple[np.ndarray, np.ndarray]:
    offset, scale = np.zeros(3), np.ones(3)
    for _ in range(max_iter):
        cal = offset + scale * points
        norm = np.linalg.norm(cal, axis=1, keepdims=True)
        target = cal / norm
        err = np.abs(norm[:, 0] - 1.0)
        wts = 1.0 / np.maximum(err, 0.01)  # GGIR-style down-weighting of outliers
        new_o, new_s = np.empty(3), np.empty(3)
        for k in range(3):
            x = points[:, k]
            xm = np.average(x, weights=wts)
            ym = np.average(target[:, k], weights=wts)
            cov = np.average((x - xm) * (target[:, k] - ym), weights=wts)
            var = np.average((x - xm) ** 2, weights=wts)
            new_s[k] = cov / var if var > 0 else 1.0
            new_o[k] = ym - new_s[k] * xm
        done = np.max(np.abs(new_o - offset)) < tol and np.max(np.abs(new_s - scale)) < tol
        offset, scale = new_o, new_s
        if done:
            break
    return offset, scale


def calibrate_accelerometer_poses(means_g: np.ndarray, min_axis_g: float = 0.3) -> AccCalibration:
    """Offset/scale from still mean accelerations (k,3) g in varied orientations."""
    pts = np.asarray(means_g, dtype=np.float64)
    if pts.shape[0] < 4:
        raise CalibrationError(f"need still data in at least 4 orientations, got {pts.shape[0]} windows")
    lacking = [ax for k, ax in enumerate("xyz") if not (pts[:, k].max() > min_axis_g and pts[:, k].min() < -min_axis_g)]
    if lacking:
        raise CalibrationError(
            f"still postures do not cover the sphere: axis {', '.join(lacking)} never above +{min_axis_g} g "
            f"and below −{min_axis_g} g (turn the sensor through more orientations)"
        )
    before = float(np.sqrt(np.mean((np.linalg.norm(pts, axis=1) - 1.0) ** 2)))
    offset, scale = _fit_sphere(pts)
    after = float(np.sqrt(np.mean((np.linalg.norm(offset + scale * pts, axis=1) - 1.0) ** 2)))
    if not (np.all(np.abs(offset) < 0.5) and np.all((scale > 0.7) & (scale < 1.3))):
        raise CalibrationError(f"implausible accelerometer calibration (offset {offset}, scale {scale})")
    return AccCalibration(offset, scale, before, after, int(pts.shape[0]))


def autocalibrate_accelerometer(
    acc_g: np.ndarray, rate_hz: float, gyr_dps: np.ndarray | None = None, window_s: float = 10.0
) -> AccCalibration:
    """GGIR-style auto-calibration from the still periods of any recording (10 s windows)."""
    means, _, _ = still_windows(acc_g, gyr_dps, rate_hz, window_s=window_s, gyr_sd_dps=3.0)
    return calibrate_accelerometer_poses(means)


@dataclass(frozen=True)
class MagCalibration:
    """``mag_true = soft_iron @ (mag_raw − hard_iron_ut)``; ``field_ut`` the local field strength."""

    hard_iron_ut: np.ndarray
    soft_iron: np.ndarray
    field_ut: float
    rms_error_ut: float


def fit_magnetometer(mag_ut: np.ndarray) -> MagCalibration:
    """Ellipsoid fit (algebraic least squares) of magnetometer samples taken while the sensor is
    turned through many orientations."""
    m = np.asarray(mag_ut, dtype=np.float64)
    m = m[np.isfinite(m).all(axis=1)]
    if m.shape[0] < 20:
        raise CalibrationError("need at least 20 magnetometer samples in varied orientations")
    x, y, z = m.T
    d = np.column_stack([x * x, y * y, z * z, 2 * x * y, 2 * x * z, 2 * y * z, 2 * x, 2 * y, 2 * z])
    v, *_ = np.linalg.lstsq(d, np.ones(len(m)), rcond=None)
    a = np.array([[v[0], v[3], v[4]], [v[3], v[1], v[5]], [v[4], v[5], v[2]]])
    b = v[6:9]
    try:
        center = -np.linalg.solve(a, b)
    except np.linalg.LinAlgError as exc:
        raise CalibrationError("magnetometer samples do not span enough orientations") from exc
    k = 1.0 + center @ a @ center
    mat = a / k
    w, vec = np.linalg.eigh(mat)
    if np.any(w <= 0):
        raise CalibrationError("magnetometer samples do not form an ellipsoid (turn the sensor more)")
    radii = 1.0 / np.sqrt(w)
    field = float(np.cbrt(np.prod(radii)))
    soft = vec @ np.diag(np.sqrt(w) * field) @ vec.T
    cal = (m - center) @ soft.T
    rms = float(np.sqrt(np.mean((np.linalg.norm(cal, axis=1) - field) ** 2)))
    return MagCalibration(center, soft, field, rms)
