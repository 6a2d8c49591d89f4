"""Sensor-to-segment alignment: which sensor directions are the segment's up and forward.

``Alignment.matrix`` (3×3) maps sensor-frame vectors to the segment frame (x forward, y left,
z up when the wearer stands upright): ``v_seg = matrix @ v_sensor``.

Two ways to get one:

* **guided** (:func:`alignment_from_poses`): gravity while standing still upright gives up;
  the direction the segment tilts during a forward bend (trunk, pelvis) or when sitting (thigh)
  gives forward.
* **automatic** (:func:`estimate_alignment`) from any recording: up from walking (mean gravity
  over walking is the upright direction) or, without walking, from the largest cluster of still
  postures; forward from the direction of large tilts (people bend forward and sit with the thigh
  forward), or, without bends, from walking: the horizontal axis with most step-frequency
  acceleration is antero-posterior, and its sign follows the inverted-pendulum relation (the body
  speeds up while it comes down after mid-stance, so forward acceleration correlates positively
  with the time-derivative of vertical acceleration). That sign is the weak part; ``quality``
  and ``forward_ambiguous`` say how sure it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import signal

from ..core.types import Placement


@dataclass(frozen=True)
class Alignment:
    """Sensor → segment rotation with a quality value in [0, 1] (1 = sure)."""

    matrix: tuple[tuple[float, ...], ...]
    quality: float = 1.0
    method: str = "given"  # "guided", "walking", "still", "bends", "identity", ...
    forward_ambiguous: bool = False
    details: dict[str, float] = field(default_factory=dict)

    @property
    def rotation(self) -> np.ndarray:
        return np.asarray(self.matrix, dtype=np.float64)

    @classmethod
    def identity(cls) -> "Alignment":
        return cls(matrix=tuple(tuple(r) for r in np.eye(3)), quality=0.0, method="identity", forward_ambiguous=True)

    @classmethod
    def from_up_forward(cls, up: np.ndarray, forward: np.ndarray, **kw: Any) -> "Alignment":
        """From the sensor-frame up and (roughly) forward directions; forward is orthogonalised."""
        r = up_forward_matrix(up, forward)
        return cls(matrix=tuple(tuple(float(x) for x in row) for row in r), **kw)

    def to_dict(self) -> dict[str, Any]:
        return {
            "matrix": [list(r) for r in self.matrix],
            "quality": self.quality,
            "method": self.method,
            "forward_ambiguous": self.forward_ambiguous,
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Alignment":
        m = np.asarray(d["matrix"], dtype=np.float64)
        if m.shape != (3, 3) or not np.allclose(m @ m.T, np.eye(3), atol=1e-5):
            raise ValueError("alignment matrix must be a 3x3 rotation")
        return cls(
            matrix=tuple(tuple(float(x) for x in r) for r in m),
            quality=float(d.get("quality", 1.0)),
            method=str(d.get("method", "given")),
            forward_ambiguous=bool(d.get("forward_ambiguous", False)),
            details={k: float(v) for k, v in d.get("details", {}).items()},
        )


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    if not np.isfinite(n) or n == 0:
        raise ValueError("zero or non-finite direction")
    return v / n


def up_forward_matrix(up: np.ndarray, forward: np.ndarray) -> np.ndarray:
    z = _unit(np.asarray(up, dtype=np.float64))
    f = np.asarray(forward, dtype=np.float64)
    x = f - np.dot(f, z) * z
    if np.linalg.norm(x) < 1e-6:
        x = np.cross(z, [1.0, 0, 0]) if abs(z[0]) < 0.9 else np.cross(z, [0, 1.0, 0])
    x = _unit(x)
    y = np.cross(z, x)
    return np.vstack([x, y, z])


def _any_horizontal(up: np.ndarray) -> np.ndarray:
    """A deterministic horizontal direction for when forward cannot be found."""
    cand = np.eye(3)[int(np.argmin(np.abs(up)))]
    return cand - np.dot(cand, up) * up


# ------------------------------------------------------------------------------------------
# guided
def alignment_from_poses(
    upright_acc_g: np.ndarray, tilted_acc_g: np.ndarray, placement: Placement, min_tilt_deg: float = 15.0
) -> Alignment:
    """Alignment from a still upright pose and a tilted pose (forward bend; for the thigh: sitting
    or knee raised). Arrays (n, 3) g of the still parts of each pose."""
    up = _unit(np.mean(upright_acc_g, axis=0))
    tilt = _unit(np.mean(tilted_acc_g, axis=0))
    ang = float(np.degrees(np.arccos(np.clip(np.dot(up, tilt), -1, 1))))
    if ang < min_tilt_deg:
        raise ValueError(f"the tilted pose differs only {ang:.1f}° from upright (need ≥ {min_tilt_deg}°)")
    horiz = tilt - np.dot(tilt, up) * up
    forward = horiz if placement == Placement.THIGH else -horiz
    quality = float(np.clip((ang - min_tilt_deg * 0.5) / 20.0, 0, 1))
    return Alignment.from_up_forward(up, forward, quality=quality, method="guided", details={"tilt_deg": ang})


# ------------------------------------------------------------------------------------------
# automatic
@dataclass(frozen=True)
class AutoAlignSettings:
    window_s: float = 0.5  # analysis window (walking detection uses 2 windows)
    still_acc_sd_g: float = 0.03  # SD of |a| below this (and slow gyro) = still
    still_gyr_dps: float = 20.0
    walk_window_s: float = 2.0  # walking-detection window (must hold ≥ 2 steps)
    walk_acc_sd_g: tuple[float, float] = (0.07, 0.8)
    walk_step_hz: tuple[float, float] = (1.2, 3.0)
    walk_min_autocorr: float = 0.3
    min_walk_s: float = 4.0
    min_upright_still_s: float = 2.0  # still time near the walking vertical to refine it
    bend_min_deg: float = 15.0  # tilt from up that counts as a bend / sit
    bend_max_deg: float = 135.0
    min_bend_s: float = 0.5
    cluster_deg: float = 10.0  # still postures within this angle count as one posture


def _windows(x: np.ndarray, w: int) -> np.ndarray:
    n = (x.shape[0] // w) * w
    return x[:n].reshape(-1, w, *x.shape[1:])


def _walking_windows(acc: np.ndarray, rate: float, s: AutoAlignSettings) -> tuple[np.ndarray, float]:
    """Boolean per 2-window block: looks like walking (moderate, periodic). Also the step freq."""
    w = max(int(round(s.walk_window_s * rate)), 8)
    mag = _windows(np.linalg.norm(acc, axis=1), w)
    if mag.shape[0] == 0:
        return np.zeros(0, bool), 0.0
    sd = mag.std(axis=1)
    d = mag - mag.mean(axis=1, keepdims=True)
    spec = np.fft.rfft(d, n=2 * w, axis=1)
    ac = np.fft.irfft(np.abs(spec) ** 2, axis=1)[:, :w]
    ac = ac / np.maximum(ac[:, :1], 1e-12)
    lo = int(rate / s.walk_step_hz[1])
    hi = min(int(rate / s.walk_step_hz[0]) + 1, w - 1)
    if hi <= lo + 1:
        return np.zeros(mag.shape[0], bool), 0.0
    peak = ac[:, lo:hi].max(axis=1)
    lag = lo + ac[:, lo:hi].argmax(axis=1)
    ok = (sd > s.walk_acc_sd_g[0]) & (sd < s.walk_acc_sd_g[1]) & (peak > s.walk_min_autocorr)
    f_step = float(rate / np.median(lag[ok])) if ok.any() else 0.0
    return ok, f_step


def estimate_alignment(
    acc_g: np.ndarray,
    gyr_dps: np.ndarray | None,
    rate_hz: float,
    placement: Placement,
    settings: AutoAlignSettings | None = None,
    up_sensor: np.ndarray | None = None,
) -> Alignment:
    """Automatic alignment from a recording of unknown mounting (see module docstring).

    ``acc_g`` (n,3) g and ``gyr_dps`` (n,3) deg/s or None, in sensor axes. ``up_sensor`` (n,3):
    the world-up direction in sensor axes per sample from an orientation filter (free of
    movement acceleration); without it, window means of the accelerometer stand in."""
    s = settings or AutoAlignSettings()
    acc = np.asarray(acc_g, dtype=np.float64)
    n = acc.shape[0]
    if n < 4 or rate_hz <= 0:
        return Alignment.identity()
    w = max(int(round(s.window_s * rate_hz)), 2)
    aw = _windows(acc, w)
    if aw.shape[0] == 0:
        aw = acc[None]
    mean = aw.mean(axis=1)
    mnorm = np.linalg.norm(mean, axis=1)
    if up_sensor is not None:
        um = _windows(np.asarray(up_sensor, dtype=np.float64), w).mean(axis=1)
        if um.shape[0] != mean.shape[0]:
            um = np.asarray(up_sensor).mean(axis=0, keepdims=True)
        dirs = um / np.maximum(np.linalg.norm(um, axis=1), 1e-9)[:, None]
    else:
        dirs = mean / np.maximum(mnorm, 1e-9)[:, None]
    sd = np.linalg.norm(aw, axis=2).std(axis=1)
    still = (sd < s.still_acc_sd_g) & (np.abs(mnorm - 1.0) < 0.1)
    if gyr_dps is not None:
        gw = _windows(np.asarray(gyr_dps, dtype=np.float64), w)[: aw.shape[0]]
        if gw.shape[0] == aw.shape[0]:
            still &= np.linalg.norm(gw, axis=2).mean(axis=1) < s.still_gyr_dps
    # with filter up-vectors any window is usable; with raw means only calm ones are
    quasi_static = np.ones_like(still) if up_sensor is not None else (sd < 0.3) & (np.abs(mnorm - 1.0) < 0.3)

    walk2, f_step = _walking_windows(acc, rate_hz, s)
    walk_s = float(walk2.sum() * s.walk_window_s)
    details: dict[str, float] = {"walk_s": walk_s, "still_s": float(still.sum() * s.window_s)}

    # ---- up: walking says which posture is upright; a still period in that posture (if any)
    # gives the most precise vertical (no gait accelerations, no filter ripple)
    up = None
    cos_thr = np.cos(np.radians(s.cluster_deg))
    if walk_s >= s.min_walk_s:
        ww = max(int(round(s.walk_window_s * rate_hz)), 8)
        src = acc if up_sensor is None else np.asarray(up_sensor, dtype=np.float64)
        up = _unit(_windows(src, ww)[walk2].mean(axis=(0, 1)))
        q_up = float(np.clip(walk_s / 10.0, 0.5, 1.0))
        method = "walking"
        near = still & (dirs @ up > cos_thr)
        if near.sum() * s.window_s >= s.min_upright_still_s:
            up = _unit(dirs[near].sum(axis=0))
            method = "walking+still"
            details["upright_still_s"] = float(near.sum() * s.window_s)
    elif still.any():
        d = dirs[still]
        counts = (d @ d.T > cos_thr).sum(axis=1)
        best = int(np.argmax(counts))
        members = d[d @ d[best] > cos_thr]
        up = _unit(members.sum(axis=0))
        frac = counts[best] / max(still.sum(), 1)
        q_up = float(np.clip(0.3 + 0.5 * frac * min(1.0, members.shape[0] * s.window_s / 3.0), 0, 0.8))
        method = "still"
    else:
        up = _unit((acc if up_sensor is None else np.asarray(up_sensor)).mean(axis=0))
        q_up = 0.1
        method = "mean"
    details["q_up"] = q_up

    # ---- forward from bends / sitting
    cosang = np.clip(dirs @ up, -1, 1)
    tilt = np.degrees(np.arccos(cosang))
    bend = quasi_static & (tilt > s.bend_min_deg) & (tilt < s.bend_max_deg)
    bend_s = float(bend.sum() * s.window_s)
    details["bend_s"] = bend_s
    forward = None
    q_fwd = 0.0
    ambiguous = True
    if bend_s >= s.min_bend_s:
        h = dirs[bend] - np.outer(cosang[bend], up)
        wts = np.linalg.norm(h, axis=1)
        hsum = h.sum(axis=0)
        consistency = float(np.linalg.norm(hsum) / max(wts.sum(), 1e-9))
        details["bend_consistency"] = consistency
        if consistency > 0.5:
            forward = hsum if placement == Placement.THIGH else -hsum
            q_fwd = float(np.clip((consistency - 0.5) * 2.0, 0, 1) * min(1.0, bend_s / 3.0))
            ambiguous = False
            method += "+bends"
    if forward is None and walk_s >= s.min_walk_s and f_step > 0:
        fw, qf = _forward_from_walking(acc, rate_hz, up, walk2, f_step, s)
        details["walk_sign_corr"] = qf
        if fw is not None:
            forward = fw
            q_fwd = float(np.clip(abs(qf) * 2.0, 0, 0.8))
            ambiguous = abs(qf) < 0.2
            method += "+gait"
    if forward is None:
        forward = _any_horizontal(up)
        q_fwd = 0.0
        ambiguous = True
    details["q_forward"] = q_fwd
    quality = float(q_up * (0.5 + 0.5 * q_fwd))
    return Alignment.from_up_forward(up, forward, quality=quality, method=method, forward_ambiguous=ambiguous, details=details)


def _forward_from_walking(acc, rate, up, walk2, f_step, s: AutoAlignSettings):
    """AP axis = horizontal axis with most step-frequency power; sign by the inverted pendulum."""
    w2 = max(int(round(s.walk_window_s * rate)), 8)
    mask = np.zeros(acc.shape[0], bool)
    for i in np.flatnonzero(walk2):
        mask[i * w2 : (i + 1) * w2] = True
    lo, hi = 0.6 * f_step, 1.4 * f_step
    nyq = rate / 2
    if hi >= nyq * 0.95:
        return None, 0.0
    sos = signal.butter(2, [lo / nyq, hi / nyq], btype="band", output="sos")
    e1 = _unit(_any_horizontal(up))
    e2 = np.cross(up, e1)
    basis = np.vstack([e1, e2, up])
    a = signal.sosfiltfilt(sos, acc @ basis.T, axis=0)[mask]
    cov = np.cov(a[:, :2].T)
    vals, vecs = np.linalg.eigh(cov)
    ap2 = vecs[:, 1]
    ap = ap2[0] * e1 + ap2[1] * e2
    a_ap = a[:, :2] @ ap2
    jerk_v = np.gradient(a[:, 2]) * rate
    c = float(np.corrcoef(a_ap, jerk_v)[0, 1]) if a_ap.std() > 0 and jerk_v.std() > 0 else 0.0
    return (ap if c >= 0 else -ap), c
