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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.types import STANDARD_GRAVITY_MS2, Placement
from ..core.vec import row_norm
from .bandpass import butter_bandpass_sos, sosfiltfilt_cols
from .evidence_kernels import count_above, masked_row_sum, tilt_sums, window_stats


@dataclass(frozen=True)
class Alignment:
    """Sensor → segment rotation with a quality value in [0, 1] (1 = sure)."""

    matrix: tuple[tuple[float, ...], ...]
    quality: float = 1.0
    method: str = "given"  # "guided", "walking", "still", "bends", "identity", ...
    forward_ambiguous: bool = False
    details: dict[str, float] = field(default_factory=dict)

    @property
    def forward_known(self) -> bool:
        """True when the forward direction was found (given, guided, or from bends, the
        direction of travel or the gait) and is not ambiguous; until then flexion, lateral bend,
        heading and twist are provisional (see ``SensorChain``)."""
        if self.method in ("given", "guided"):
            return not self.forward_ambiguous
        return not self.forward_ambiguous and self.method.rsplit("+", 1)[-1] in ("bends", "travel", "gait")

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
    window_s: float = 0.5  # posture window
    still_acc_sd_g: float = 0.03  # SD of |a| below this (and slow gyro) = still
    still_gyr_dps: float = 20.0
    walk_window_s: float = 2.0  # walking-detection window (must hold ≥ 2 steps)
    walk_acc_sd_g: tuple[float, float] = (0.07, 0.8)
    walk_step_hz: tuple[float, float] = (1.2, 3.0)
    walk_stride_hz: tuple[float, float] = (0.6, 1.5)
    walk_min_autocorr: float = 0.3
    min_walk_s: float = 4.0
    # a walking pelvis or trunk keeps its up-direction within a few degrees; a bend, sit-down or
    # lie-down can look periodic for a moment but turns it by tens of degrees (a SisFall stoop was
    # taken for walking and set "up" halfway into the bend). Not applied to the swinging thigh.
    walk_max_up_spread_deg: float = 15.0
    min_upright_still_s: float = 2.0  # still time near the walking vertical to refine it
    upright_search_deg: float = 15.0  # standing is searched this close to the walking vertical
    bend_min_deg: float = 15.0  # tilt from up that counts as a bend / sit
    bend_max_deg: float = 70.0  # larger tilts are mostly lying (backwards or sideways): not used
    min_bend_s: float = 0.5
    min_bend_consistency: float = 0.5
    # trunk: deep bends decide forward when there are enough (min_bend_s, consistent). Not tuned:
    # above normal lateral flexion (~25-35°) and extension (~20-30°), which with all bends
    # summed pulled the mean sideways and lost a known forward (a range-of-motion test without
    # a walk first: bend consistency 1.0 -> 0.38, its right side bends then scored as flexion)
    deep_bend_min_deg: float = 40.0
    min_gait_corr: float = 0.2
    travel_s: float = 3.0  # walking integrated from a still anchor (before or after a walk) for its travel direction
    travel_anchor_s: float = 4.0  # a still window at most this far before the walking run anchors it
    min_travel_ms: float = 0.25  # mean horizontal speed (m/s) a bout needs to count
    min_travel_consistency: float = 0.7  # |Σ v| / Σ |v| over bouts below this: no travel direction
    clear_gait_corr: float = 0.5  # below this the gait-derived forward sign is flagged ambiguous
    cluster_deg: float = 10.0  # still postures within this angle count as one posture
    max_windows: int = 100_000  # posture windows kept (0.5 s each: about 14 h); later stretches are ignored
    max_gait_s: float = 600.0  # walking used for the gait statistics (more adds nothing)
    max_cluster_points: int = 800  # still windows (evenly subsampled) used for posture clusters


def _tilt_consistency(hsum: np.ndarray, norms_sum: float) -> float:
    """|Σ h| / Σ |h| of horizontal tilt vectors h (from Σ h and Σ |h|, see
    :func:`.evidence_kernels.tilt_sums`): 1 = all one way, 0 = no common direction."""
    return float(np.linalg.norm(hsum) / max(norms_sum, 1e-9))


def _windows(x: np.ndarray, w: int) -> np.ndarray:
    n = (x.shape[0] // w) * w
    return x[:n].reshape(-1, w, *x.shape[1:])


def _cluster_points(dirs: np.ndarray, mask: np.ndarray, most: int) -> np.ndarray:
    """``dirs[mask]``, evenly subsampled to ``most`` rows when longer (bounds the O(k²)
    clustering): the rows picked by index, without gathering every masked row first."""
    idx = np.flatnonzero(mask)
    if idx.shape[0] > most:
        idx = idx[np.linspace(0, idx.shape[0] - 1, most).astype(int)]
    return dirs[idx]


def _walking_windows(acc: np.ndarray, rate: float, s: AutoAlignSettings, stride_ok: bool = False,
                     mag: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Boolean per walking window: looks like walking (moderate, periodic). Also the step freq.
    ``mag``: ``row_norm(acc)`` when the caller has it."""
    w = max(int(round(s.walk_window_s * rate)), 8)
    mag = _windows(row_norm(acc) if mag is None else mag, w)
    if mag.shape[0] == 0:
        return np.zeros(0, bool), 0.0
    lo = int(rate / s.walk_step_hz[1])
    hi = min(int(rate / s.walk_step_hz[0]) + 1, w - 1)
    if hi <= lo + 1:
        return np.zeros(mag.shape[0], bool), 0.0
    sd = mag.std(axis=1)
    # only windows whose |acc| spread can pass are autocorrelated: each window's row is its own
    # FFT, mean, max and argmax, so theirs are the values they got among all windows (#20: about
    # a fifth of a generated day's windows; a still or lying stretch has none)
    spread = (sd > s.walk_acc_sd_g[0]) & (sd < s.walk_acc_sd_g[1])
    ok = np.zeros(mag.shape[0], bool)
    if not spread.any():
        return ok, 0.0
    rows = mag[spread]
    d = rows - rows.mean(axis=1, keepdims=True)
    spec = np.fft.rfft(d, n=2 * w, axis=1)
    ac = np.fft.irfft(np.abs(spec) ** 2, axis=1)[:, :w]
    ac = ac / np.maximum(ac[:, :1], 1e-12)
    peak = ac[:, lo:hi].max(axis=1)
    lag = lo + ac[:, lo:hi].argmax(axis=1)
    # a thigh repeats per stride (two steps) more than per step: accept either periodicity
    lo2, hi2 = int(rate / s.walk_stride_hz[1]), min(int(rate / s.walk_stride_hz[0]) + 1, w - 1)
    if stride_ok and hi2 > lo2 + 1:
        peak = np.maximum(peak, ac[:, lo2:hi2].max(axis=1))
    periodic = peak > s.walk_min_autocorr
    ok[spread] = periodic
    f_step = float(rate / np.median(lag[periodic])) if periodic.any() else 0.0
    return ok, f_step


def _steady_up(dirs: np.ndarray, per: int, n: int, max_deg: float) -> np.ndarray:
    """Per walking window (``per`` posture windows each, ``n`` of them): True when every
    posture-window up-direction inside it lies within ``max_deg`` of their mean (NaN = unknown
    direction, not held against the window)."""
    d = np.full((n * per, 3), np.nan)
    m = min(dirs.shape[0], n * per)
    d[:m] = dirs[:m]
    d = d.reshape(n, per, 3)
    known = np.isfinite(d).all(axis=2)  # (n, per)
    mean = np.where(known[..., None], d, 0.0).sum(axis=1)
    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    cos = np.einsum("wpk,wk->wp", np.nan_to_num(d), mean)
    steady = np.all(~known | (cos >= np.cos(np.radians(max_deg))), axis=1)
    return steady | (known.sum(axis=1) < 2)


class AlignmentEvidence:
    """Accumulates what automatic alignment needs, from any number of stretches of recording,
    in sensor axes and independent of the current alignment (so it can be re-estimated at any
    time): the up-direction of every posture window with its still/walking flags, and the
    second moments of step-frequency acceleration while walking (for the AP axis and its sign).
    """

    def __init__(self, placement: Placement, settings: AutoAlignSettings | None = None):
        self.placement = placement
        self.s = settings or AutoAlignSettings()
        self.reset()

    def reset(self) -> None:
        self._dirs: list[np.ndarray] = []
        self._still: list[np.ndarray] = []
        self._walk: list[np.ndarray] = []
        self._n_windows = 0
        self._cat: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # _arrays of the first _merged stretches
        self._merged = 0
        self.cov = np.zeros((3, 3))  # Σ a aᵀ of band-passed walking acceleration
        self.cross = np.zeros((3, 3))  # Σ a (da/dt)ᵀ
        self.jerk = np.zeros((3, 3))  # Σ (da/dt)(da/dt)ᵀ
        self.walk_s = 0.0
        self.travel = np.zeros(3)  # Σ over walk bouts of the mean horizontal velocity (m/s, sensor axes) × bout seconds
        self.travel_abs = 0.0  # Σ |mean velocity| × bout seconds
        self.travel_s = 0.0

    @property
    def full(self) -> bool:
        """True when :meth:`add` would ignore new data (``max_windows`` posture windows kept)."""
        return self._n_windows >= self.s.max_windows

    def add(self, acc_g: np.ndarray, gyr_dps: np.ndarray | None, rate_hz: float, up_sensor: np.ndarray | None = None,
            rot_sw: np.ndarray | Callable[[], np.ndarray] | None = None) -> None:
        """Add one stretch (n,3 arrays in sensor axes; ``up_sensor`` from the filter if known;
        ``rot_sw`` (n,3,3) the filter's sensor → world rotations, for the travel direction, or a
        function that makes them: called only when the stretch holds a walk)."""
        s = self.s
        acc = np.asarray(acc_g, dtype=np.float64)
        if acc.shape[0] < 4 or rate_hz <= 0 or self._n_windows >= s.max_windows:
            return
        if rot_sw is not None and up_sensor is None:
            rot_sw = rot_sw() if callable(rot_sw) else rot_sw
            up_sensor = rot_sw[:, 2, :]
        w = max(int(round(s.window_s * rate_hz)), 2)
        if acc.shape[0] < w:
            return
        # window means, |acc| spread and mean |gyro| in one compiled pass (numpy's bits)
        up = None if up_sensor is None else np.asarray(up_sensor, dtype=np.float64)
        gyr = None if gyr_dps is None else np.asarray(gyr_dps, dtype=np.float64)
        mean, up_mean, sd, gyr_mean, mag = window_stats(acc, up, gyr, w)
        mnorm = row_norm(mean)
        src = mean if up_mean is None else up_mean
        dirs = src / np.maximum(row_norm(src), 1e-9)[:, None]
        still = (sd < s.still_acc_sd_g) & (np.abs(mnorm - 1.0) < 0.1)
        if gyr_mean is not None:
            still &= gyr_mean < s.still_gyr_dps
        if up_sensor is None:  # raw means are only usable as up-directions when calm
            keep_dir = (sd < 0.3) & (np.abs(mnorm - 1.0) < 0.3)
            dirs = np.where(keep_dir[:, None], dirs, np.nan)
        walk2, f_step = _walking_windows(acc, rate_hz, s, stride_ok=self.placement == Placement.THIGH, mag=mag)
        per = max(int(round(s.walk_window_s / s.window_s)), 1)
        if self.placement != Placement.THIGH and walk2.any():
            walk2 = walk2 & _steady_up(dirs, per, walk2.shape[0], s.walk_max_up_spread_deg)
        walk = np.zeros(dirs.shape[0], bool)
        wexp = np.repeat(walk2, per)[: dirs.shape[0]]
        walk[: wexp.shape[0]] = wexp
        self._dirs.append(dirs)
        self._still.append(still)
        self._walk.append(walk)
        self._n_windows += dirs.shape[0]
        if walk2.any() and f_step > 0 and self.walk_s < s.max_gait_s:
            self._add_gait(acc, rate_hz, walk2, f_step)
            if rot_sw is not None:
                self._add_travel(acc, rot_sw() if callable(rot_sw) else rot_sw, rate_hz, walk, still, w)

    def _add_travel(self, acc: np.ndarray, rot: np.ndarray, rate: float, walk: np.ndarray, still: np.ndarray, w: int) -> None:
        """Direction of travel: a walk that starts standing still has zero velocity there, so the
        horizontal acceleration integrated from that still window over the next ``travel_s``
        seconds is the walking velocity, whose mean points forward whatever the gait looks like.
        Integrated in the filter's world frame (turns and body sway rotate the sensor, not the
        velocity), then expressed in sensor axes per sample. Not from the still window that
        ends a walk: after a long walk the filter's tilt can be off by a degree or two, which
        turned a slow SisFall walker's velocity sideways."""
        s = self.s
        a_w = np.einsum("nij,nj->ni", rot, acc)  # specific force in world axes (g)
        a_w[:, 2] = 0.0  # horizontal only: no gravity to remove
        k_anchor = int(np.ceil(s.travel_anchor_s / s.window_s))
        for start, stop in _runs(walk):
            lo = max(0, start - k_anchor)
            before = np.flatnonzero(still[lo:start])
            if not before.size:
                continue
            i0 = (lo + before[-1] + 1) * w  # end of the last still window before the walk
            i1 = min(max(i0 + int(round(s.travel_s * rate)), start * w + int(rate)), stop * w)
            if i1 - i0 <= rate:
                continue
            v = np.cumsum(a_w[i0:i1], axis=0) * (STANDARD_GRAVITY_MS2 / rate)
            v_s = np.einsum("nji,nj->ni", rot[i0:i1], v)  # world → sensor axes
            up = rot[i0:i1, 2, :].mean(axis=0)
            m = v_s.mean(axis=0)
            m = m - np.dot(m, up) / max(np.dot(up, up), 1e-12) * up
            speed = float(np.linalg.norm(m))
            if speed < s.min_travel_ms:
                continue
            dur = (i1 - i0) / rate
            self.travel += m * dur
            self.travel_abs += speed * dur
            self.travel_s += dur

    def _add_gait(self, acc: np.ndarray, rate: float, walk2: np.ndarray, f_step: float) -> None:
        w2 = max(int(round(self.s.walk_window_s * rate)), 8)
        lo, hi = 0.6 * f_step, 1.4 * f_step
        nyq = rate / 2
        if hi >= nyq * 0.95 or acc.shape[0] < 3 * w2:
            return
        sos = butter_bandpass_sos(2, lo / nyq, hi / nyq)  # scipy.signal's butter and sosfiltfilt, bit for bit
        a = sosfiltfilt_cols(sos, acc)
        da = np.gradient(a, axis=0) * rate
        mask = np.zeros(acc.shape[0], bool)
        for i in np.flatnonzero(walk2):
            mask[i * w2 : (i + 1) * w2] = True
        a, da = a[mask], da[mask]
        self.cov += a.T @ a
        self.cross += a.T @ da
        self.jerk += da.T @ da
        self.walk_s += float(mask.sum()) / rate

    # ------------------------------------------------------------------ estimating
    def _arrays(self):
        """(directions, still, walk) of every window with a known direction, in the order added.
        Built incrementally: only the stretches added since the last call are filtered and
        appended (the same arrays as concatenating everything each time)."""
        if not self._dirs:
            return np.zeros((0, 3)), np.zeros(0, bool), np.zeros(0, bool)
        if self._merged < len(self._dirs):
            d = np.concatenate(self._dirs[self._merged:])
            ok = np.isfinite(d).all(axis=1)
            new = (d[ok], np.concatenate(self._still[self._merged:])[ok], np.concatenate(self._walk[self._merged:])[ok])
            self._cat = new if self._cat is None else tuple(np.concatenate(p) for p in zip(self._cat, new))
            self._merged = len(self._dirs)
        return self._cat

    def estimate(self) -> Alignment:
        """The best alignment from everything added so far (see module docstring)."""
        s = self.s
        dirs, still, walk = self._arrays()
        if dirs.shape[0] == 0:
            return Alignment.identity()
        details: dict[str, float] = {"walk_s": float(walk.sum() * s.window_s), "still_s": float(still.sum() * s.window_s)}
        cos_thr = np.cos(np.radians(s.cluster_deg))
        tight = np.cos(np.radians(s.cluster_deg / 3))
        # ---- up: walking says which posture is upright; still windows in that posture refine it
        if walk.sum() * s.window_s >= s.min_walk_s:
            up = _unit(masked_row_sum(dirs, walk))
            q_up = float(np.clip(walk.sum() * s.window_s / 10.0, 0.5, 1.0))
            method = "walking"
            # the still posture closest to the walking vertical is standing (a seated pelvis is
            # only ~8° away, a thigh leans ~10° forward on average while walking)
            cand = still & (dirs @ up > np.cos(np.radians(s.upright_search_deg)))
            if cand.sum() * s.window_s >= s.min_upright_still_s:
                d = _cluster_points(dirs, cand, s.max_cluster_points)
                near_counts = count_above(d @ d.T, tight)
                centres = near_counts * s.window_s >= s.min_upright_still_s / 2
                if centres.any():
                    idx = np.flatnonzero(centres)
                    if self.placement == Placement.THIGH:  # most common (bent-knee holds lie close too)
                        c = d[idx[int(np.argmax(near_counts[idx]))]]
                    else:  # closest to the walking vertical (a seated pelvis is common and close)
                        c = d[idx[int(np.argmax(d[idx] @ up))]]
                    for _ in range(2):
                        c = _unit(d[d @ c > tight].sum(axis=0))
                    up = c
                    method = "walking+still"
                    details["upright_still_s"] = float((d @ c > tight).sum() * s.window_s)
        elif still.any():
            d = _cluster_points(dirs, still, s.max_cluster_points)
            counts = count_above(d @ d.T, cos_thr)
            best = int(np.argmax(counts))
            up = _unit(d[d @ d[best] > cos_thr].sum(axis=0))
            for _ in range(2):
                core = d[d @ up > tight]
                if core.shape[0]:
                    up = _unit(core.sum(axis=0))
            frac = counts[best] / max(d.shape[0], 1)
            q_up = float(np.clip(0.3 + 0.5 * frac * min(1.0, counts[best] * s.window_s / 3.0), 0, 0.8))
            method = "still"
        else:
            up = _unit(dirs.sum(axis=0))
            q_up = 0.1
            method = "mean"
        details["q_up"] = q_up

        # ---- forward candidates
        bend = self._forward_from_bends(dirs, up, details)
        travel = self._forward_from_travel(up, details)
        gait = self._forward_from_gait(up, details)
        # pelvis: walking first (validated on SisFall waist walks), then bends (which a seated
        # posterior tilt or lying transitions can mislead); others: bends first. The direction
        # of travel comes before the inverted-pendulum sign, which a swaying trunk or a slow,
        # shuffling gait can reverse.
        strong_gait = gait if gait is not None and not gait[2] else None
        if self.placement == Placement.PELVIS:
            order = [strong_gait, travel, bend, gait]
        else:
            order = [bend, travel, gait]
        forward, q_fwd, ambiguous, how = None, 0.0, True, ""
        for cand in order:
            if cand is not None:
                forward, q_fwd, ambiguous, how = cand
                break
        if how in ("gait", "travel") and travel is not None and strong_gait is not None and self.placement != Placement.TRUNK:
            # two walking signs that disagree: neither is trusted until a bend settles it (the
            # sternum's pendulum sign is not asked: trunk pitch sway can reverse it)
            if float(np.dot(travel[0], strong_gait[0])) < 0:
                ambiguous = True
                details["walking_signs_disagree"] = 1.0
        if forward is None:
            forward = _any_horizontal(up)
        else:
            method += "+" + how
        details["q_forward"] = q_fwd
        quality = float(q_up * (0.5 + 0.5 * q_fwd))
        return Alignment.from_up_forward(up, forward, quality=quality, method=method, forward_ambiguous=ambiguous, details=details)

    def _forward_from_bends(self, dirs, up, details):
        s = self.s
        c = np.clip(dirs @ up, -1, 1)
        tilt = np.degrees(np.arccos(c))
        # a thigh sits at ~90°; trunk/pelvis tilts beyond bend_max are mostly lying
        hi = max(s.bend_max_deg, 120.0) if self.placement == Placement.THIGH else s.bend_max_deg
        m = (tilt > s.bend_min_deg) & (tilt < hi)
        if self.placement == Placement.TRUNK:
            deep = (tilt > s.deep_bend_min_deg) & (tilt < hi)
            if deep.sum() * s.window_s >= s.min_bend_s and _tilt_consistency(*tilt_sums(dirs, c, deep, up)) >= s.min_bend_consistency:
                m = deep
                details["deep_bends"] = 1.0
        bend_s = float(m.sum() * s.window_s)
        details["bend_s"] = bend_s
        if bend_s < s.min_bend_s:
            return None
        # h = dirs[m] - np.outer(c[m], up): its sum and the sum of its row norms, compiled
        hsum, hnorms = tilt_sums(dirs, c, m, up)
        consistency = _tilt_consistency(hsum, hnorms)
        details["bend_consistency"] = consistency
        if consistency < s.min_bend_consistency:
            return None
        fwd = hsum if self.placement == Placement.THIGH else -hsum
        q = float(np.clip((consistency - 0.5) * 2.0, 0, 1) * min(1.0, bend_s / 3.0))
        return fwd, q, False, "bends"

    def _forward_from_travel(self, up, details):
        """Forward = the mean horizontal walking velocity in sensor axes (see ``_add_travel``)."""
        s = self.s
        details["travel_s"] = self.travel_s
        if self.travel_s <= 0:
            return None
        h = self.travel - np.dot(self.travel, up) * up
        consistency = float(np.linalg.norm(h) / max(self.travel_abs, 1e-12))
        details["travel_consistency"] = consistency
        details["travel_speed_ms"] = float(np.linalg.norm(h) / self.travel_s)
        if consistency < s.min_travel_consistency or np.linalg.norm(h) < 1e-9:
            return None
        q = float(np.clip((consistency - 0.5) * 2.0, 0, 1) * min(1.0, self.travel_s / 3.0))
        return h, q, False, "travel"

    def _forward_from_gait(self, up, details):
        """AP = horizontal axis with most step-frequency acceleration; sign: forward acceleration
        correlates positively with the derivative of vertical acceleration (inverted pendulum)."""
        s = self.s
        if self.walk_s < s.min_walk_s:
            return None
        p = np.eye(3) - np.outer(up, up)
        vals, vecs = np.linalg.eigh(p @ self.cov @ p)
        ap = vecs[:, -1]
        num = float(ap @ self.cross @ up)
        den = float(np.sqrt(max(ap @ self.cov @ ap, 1e-12) * max(up @ self.jerk @ up, 1e-12)))
        corr = num / den
        details["walk_sign_corr"] = corr
        if abs(corr) < s.min_gait_corr:
            return None
        fwd = ap if corr > 0 else -ap
        return fwd, float(np.clip(abs(corr), 0, 0.8)), abs(corr) < s.clear_gait_corr, "gait"


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the True runs of a boolean array."""
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


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
    movement acceleration); without it, calm window means of the accelerometer stand in."""
    ev = AlignmentEvidence(placement, settings)
    ev.add(acc_g, gyr_dps, rate_hz, up_sensor)
    return ev.estimate()
