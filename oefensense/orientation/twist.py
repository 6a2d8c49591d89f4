"""Axial rotation (twist) of the trunk relative to the pelvis, from the two sensors' headings.

Each sensor's heading is gyro-integrated about the vertical (no magnetometer needed); both chains
start their heading at 0 (see ``SensorChain``), so the difference is the trunk's rotation
relative to the pelvis: + = trunk rotated to the left (counter-clockwise seen from above).
"""

from __future__ import annotations

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
