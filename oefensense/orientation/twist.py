"""Axial rotation (twist) of the trunk relative to the pelvis, from the two sensors' headings.

Each sensor's heading is gyro-integrated about the vertical (no magnetometer needed); both chains
start their heading at 0 (see ``SensorChain``), so the difference is the trunk's rotation
relative to the pelvis: + = trunk rotated to the left (counter-clockwise seen from above).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .rotations import wrap_deg


def relative_twist_deg(trunk_heading_deg, pelvis_heading_deg) -> np.ndarray:
    """Twist in degrees, wrapped to [−180, 180). Accepts arrays (same grid) or SegmentBlocks
    (their ``heading_deg``); the synchroniser calls it with the BodyFrame channels
    ``trunk_heading_deg`` and ``pelvis_heading_deg``. NaN where either heading is unknown."""
    th = getattr(trunk_heading_deg, "heading_deg", trunk_heading_deg)
    ph = getattr(pelvis_heading_deg, "heading_deg", pelvis_heading_deg)
    th = np.asarray(th, dtype=np.float64)
    ph = np.asarray(ph, dtype=np.float64)
    if th.shape != ph.shape:
        raise ValueError(f"trunk and pelvis headings differ in shape: {th.shape} vs {ph.shape}")
    return wrap_deg(th - ph)


@dataclass(frozen=True)
class TwistDriftSettings:
    window_s: float = 2.0  # walking is judged per window of pelvis acceleration
    tau_s: float = 30.0  # how fast the offset follows the mean walking twist (s of walking)
    min_walk_windows: int = 1


class TwistDriftCorrector:
    """Removes the slow drift of the gyro-only twist (each sensor's heading drifts with its
    residual vertical gyro bias). While walking, the trunk faces where the pelvis faces on
    average, so the mean twist over a walking window is ~0: the corrector learns the offset only
    from walking windows (detected from the periodicity of the pelvis acceleration magnitude) and
    subtracts it from every sample. Causal and chunk-invariant: windows are fixed from the first
    sample, a sample gets the offset known when its window started. Degrees in, degrees out.
    """

    def __init__(self, rate_hz: float, settings: TwistDriftSettings | None = None):
        self.rate_hz = float(rate_hz)
        self.settings = settings or TwistDriftSettings()
        self.reset()

    def reset(self) -> None:
        self.offset_deg = 0.0
        self.walking_windows = 0
        self._n = max(int(round(self.settings.window_s * self.rate_hz)), 8)
        self._tw: list[np.ndarray] = []
        self._acc: list[np.ndarray] = []
        self._fill = 0

    def process(self, twist_deg: np.ndarray, pelvis_acc_g: np.ndarray) -> np.ndarray:
        """Corrected twist for these samples (same length). ``pelvis_acc_g`` (n,3) g, any axes."""
        from .alignment import AutoAlignSettings, _walking_windows

        tw = np.asarray(twist_deg, dtype=np.float64)
        acc = np.asarray(pelvis_acc_g, dtype=np.float64)
        out = np.empty_like(tw)
        i = 0
        while i < len(tw):
            take = min(self._n - self._fill, len(tw) - i)
            out[i : i + take] = wrap_deg(tw[i : i + take] - self.offset_deg)
            self._tw.append(tw[i : i + take])
            self._acc.append(acc[i : i + take])
            self._fill += take
            i += take
            if self._fill == self._n:
                wt, wa = np.concatenate(self._tw), np.concatenate(self._acc)
                self._tw, self._acc, self._fill = [], [], 0
                ok = np.isfinite(wt).all() and np.isfinite(wa).all()
                if ok and _walking_windows(wa, self.rate_hz, AutoAlignSettings())[0].all():
                    self.walking_windows += 1
                    mean = float(np.degrees(np.arctan2(np.sin(np.radians(wt)).mean(), np.cos(np.radians(wt)).mean())))
                    k = 1.0 - np.exp(-self.settings.window_s / self.settings.tau_s)
                    self.offset_deg = float(wrap_deg(self.offset_deg + k * wrap_deg(mean - self.offset_deg)))
        return out
