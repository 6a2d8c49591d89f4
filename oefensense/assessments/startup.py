"""The sensor chain's start-up, recovered for the chair transfers (pure numpy on one BodyFrame).

The chain flags its first ~2 s after a cold start invalid (a calibration profile given, or
live): its orientation is still converging (``SensorChain``'s start-up ramp). The assessments
analyse a whole buffer (a recording, a simulated test, a live test's buffer at each update),
which holds the settled orientation after the start-up, and the gyroscope rotates it back over
the start-up: the world's up axis, fixed in the world, turns in segment axes as du/dt = -ω × u,
so one step back in time turns it by +ω·dt. The gyro bias is not removed: ~1 deg/s over 2 s
tilts it by ~2°, which leaks ~3 % of the horizontal acceleration into the vertical one. Over 3 s
of valid SisFall data (SA01-SA03, D07/D08, 30 trials) the recovered angles differed from the
chain's by 0.6-8.6° at most (the chain's own gravity feedback moves its angles too).
Only the assessments see these samples; the chain's output, its ``valid`` flags and the
``unsettled_start`` flag (which reads the chain's flags) are unchanged.

Units: degrees, deg/s, seconds.
"""

from __future__ import annotations

import numpy as np

from ..analysis.sit_stand import up_axis
from ..core.frames import BodyFrame
from .signals import valid_mask


def startup_run(frame: BodyFrame, placement: str) -> int:
    """Number of leading samples of ``placement`` that are invalid but carry finite
    acceleration and gyroscope readings (the chain's start-up, not a drop-out); 0 when the
    first sample is valid, the placement has no gyroscope, or no sample is valid."""
    if not frame.has(f"{placement}_gyr_dps"):
        return 0
    valid = valid_mask(frame, placement)
    if not valid.any() or valid[0]:
        return 0
    first = int(np.argmax(valid))
    acc = np.asarray(frame[f"{placement}_acc_g"], float)[:first]
    gyr = np.asarray(frame[f"{placement}_gyr_dps"], float)[:first]
    finite = np.isfinite(acc).all(axis=1) & np.isfinite(gyr).all(axis=1)
    # all of it finite: a drop-out before the first valid sample is not a start-up
    return first if bool(finite.all()) else 0


def recover_startup(frame: BodyFrame, placement: str) -> BodyFrame:
    """``frame`` with ``placement``'s start-up samples made valid: its fused angles there are
    the first valid orientation rotated back by the gyroscope. Unchanged when there is nothing
    to recover (see :func:`startup_run`)."""
    n = startup_run(frame, placement)
    if n == 0:
        return frame
    rate = float(frame.rate_hz)
    u = up_axis(*(np.asarray(frame[f"{placement}_{k}_deg"], float)[n] for k in ("flexion", "lateral", "inclination")))
    gyr = np.radians(np.asarray(frame[f"{placement}_gyr_dps"], float))
    ups = np.empty((n, 3))
    for k in range(n - 1, -1, -1):
        w = 0.5 * (gyr[k] + gyr[k + 1]) / rate  # rotation over the step k -> k+1 (rad)
        ang = float(np.linalg.norm(w))
        if ang > 0.0:
            ax = w / ang
            u = u * np.cos(ang) + np.cross(ax, u) * np.sin(ang) + ax * float(np.dot(ax, u)) * (1.0 - np.cos(ang))
        ups[k] = u
    ch = dict(frame.channels)
    for key, val in ((f"{placement}_flexion_deg", -np.arcsin(np.clip(ups[:, 0], -1, 1))),
                     (f"{placement}_lateral_deg", np.arcsin(np.clip(ups[:, 1], -1, 1))),
                     (f"{placement}_inclination_deg", np.arccos(np.clip(ups[:, 2], -1, 1)))):
        x = np.asarray(ch[key], float).copy()
        x[:n] = np.degrees(val)
        ch[key] = x
    vk = f"{placement}_valid" if frame.has(f"{placement}_valid") else "valid"
    v = np.asarray(ch[vk], bool).copy()
    v[:n] = True
    ch[vk] = v
    return BodyFrame(frame.t_ns, frame.rate_hz, frame.placements, ch)
