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

The stream's first ticks have no acceleration since the Synchroniser evaluates it by a windowed
sinc (5 Dec 2026): a tick whose window is not whole (``SINC_HALF_S``, 0.2 s, 10 ticks at 50 Hz)
is NaN and invalid. Those ticks are the stream's edge, not a drop-out: the recovery starts after
them (:func:`stream_edge`) and leaves them invalid. Without this the recovery saw "non-finite
data before the first valid sample" and recovered nothing (SisFall chair trials counted exactly,
`bench_assessments --quick`: 98.8 % with linear interpolation, 83.8 % with the sinc).

Units: degrees, deg/s, seconds.
"""

from __future__ import annotations

import numpy as np

from ..analysis.sit_stand import up_axis
from ..core.frames import BodyFrame
from ..pipeline.synchroniser import SINC_HALF_S
from .signals import valid_mask


def stream_edge(frame: BodyFrame, placement: str) -> int:
    """Number of leading samples of ``placement`` whose acceleration is non-finite while the
    gyroscope is finite, when they are at most the sinc window's half-length (``SINC_HALF_S``,
    rounded up, + 1 tick): the Synchroniser's window not yet whole at the stream's start. 0 when
    there is no such run or it is longer (then it is a drop-out)."""
    acc = np.asarray(frame[f"{placement}_acc_g"], float)
    gyr = np.asarray(frame[f"{placement}_gyr_dps"], float)
    bad = ~np.isfinite(acc).all(axis=1)
    n = int(np.argmin(bad)) if not bad.all() else len(bad)
    limit = int(np.ceil(SINC_HALF_S * float(frame.rate_hz))) + 1
    return n if 0 < n <= limit and n < len(bad) and bool(np.isfinite(gyr[:n]).all()) else 0


def startup_run(frame: BodyFrame, placement: str) -> int:
    """Number of leading samples of ``placement`` that are invalid but carry finite
    acceleration and gyroscope readings (the chain's start-up, not a drop-out), counted from the
    stream's edge (:func:`stream_edge`, whose samples are not part of it); 0 when the first
    sample after the edge is valid, the placement has no gyroscope, or no sample is valid."""
    return _startup_span(frame, placement)[1]


def _startup_span(frame: BodyFrame, placement: str) -> tuple[int, int]:
    """(:func:`stream_edge`, :func:`startup_run`): the edge computed once for both."""
    if not frame.has(f"{placement}_gyr_dps"):
        return 0, 0
    valid = valid_mask(frame, placement)
    edge = stream_edge(frame, placement)
    if not valid[edge:].any() or valid[edge]:
        return edge, 0
    first = edge + int(np.argmax(valid[edge:]))  # after the edge: the run is never negative
    acc = np.asarray(frame[f"{placement}_acc_g"], float)[edge:first]
    gyr = np.asarray(frame[f"{placement}_gyr_dps"], float)[edge:first]
    finite = np.isfinite(acc).all(axis=1) & np.isfinite(gyr).all(axis=1)
    # all of it finite: a drop-out before the first valid sample is not a start-up
    return edge, (first - edge if bool(finite.all()) else 0)


def recover_startup(frame: BodyFrame, placement: str) -> BodyFrame:
    """``frame`` with ``placement``'s start-up samples made valid: its fused angles there are
    the first valid orientation rotated back by the gyroscope. Unchanged when there is nothing
    to recover (see :func:`startup_run`)."""
    edge, run = _startup_span(frame, placement)
    if run == 0:
        return frame
    n = edge + run  # the first valid sample; samples edge..n-1 are recovered
    rate = float(frame.rate_hz)
    u = up_axis(*(np.asarray(frame[f"{placement}_{k}_deg"], float)[n] for k in ("flexion", "lateral", "inclination")))
    gyr = np.radians(np.asarray(frame[f"{placement}_gyr_dps"], float))
    ups = np.full((n, 3), np.nan)
    for k in range(n - 1, edge - 1, -1):
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
        x[edge:n] = np.degrees(val[edge:])
        ch[key] = x
    vk = f"{placement}_valid" if frame.has(f"{placement}_valid") else "valid"
    v = np.asarray(ch[vk], bool).copy()
    v[edge:n] = True
    ch[vk] = v
    return BodyFrame(frame.t_ns, frame.rate_hz, frame.placements, ch)
