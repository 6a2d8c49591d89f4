"""A small stand-in for SensorChain + Synchroniser: SampleBlock(s) -> BodyFrame.

Used by tests, training and benchmarks until ``oefensense.orientation.SensorChain`` lands; it will
then be switched to that path. What it does, per sensor:

1. low-pass (when the source rate is above the grid rate) and resample onto the regular grid
   ``k / rate_hz`` by linear interpolation;
2. *upright calibration*: the sensor's direction of gravity while walking (label-free walking
   detection over the recording; when there are < 10 s of walking: the first still 2 s, as a
   therapist's "stand still" calibration) is taken as the segment's long axis; the minimal
   rotation that maps it to +z gives the segment frame. Heading about the vertical is unknown, so x/y (and therefore the
   sign of flexion vs lateral tilt) are arbitrary here: stages use only yaw-invariant quantities.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy import signal

from ..core.frames import BodyFrame
from ..core.types import NS_PER_S, Placement, SampleBlock

STILL_SD_G = 0.05
CALIB_WINDOW_S = 2.0


def _resample(t_ns: np.ndarray, x: np.ndarray, src_rate: float, rate_hz: float, grid_ns: np.ndarray) -> np.ndarray:
    if src_rate > 1.2 * rate_hz:
        sos = signal.butter(4, 0.4 * rate_hz, fs=src_rate, output="sos")
        x = signal.sosfiltfilt(sos, x, axis=0)
    return np.column_stack([np.interp(grid_ns, t_ns, x[:, i]) for i in range(x.shape[1])])


def upright_reference(acc_g: np.ndarray, rate_hz: float) -> np.ndarray:
    """Unit gravity direction (sensor axes) of the upright body.

    Preferred: the mean acceleration over all walking windows (>= 10 s of them; walking =
    |a| SD 0.08-0.7 g with a step-periodic |a|), as in the "angle for posture estimation"
    approach. Otherwise the first still 2 s (|a| SD < 0.05 g), else the first 5 s.
    """
    from .posture_features import placement_features, window_samples

    w = window_samples(rate_hz)
    if len(acc_g) > w:
        ends = np.arange(w - 1, len(acc_g), max(1, int(rate_hz // 2)))
        f = placement_features(acc_g, rate_hz, ends)
        walk = (f[:, 5] > 0.08) & (f[:, 5] < 0.7) & (f[:, 13] > 0.4)
        if walk.sum() * 0.5 >= 10.0:
            idx = np.concatenate([np.arange(e - w + 1, e + 1) for e in ends[walk]])
            g = acc_g[np.unique(idx)].mean(axis=0)
            return g / np.linalg.norm(g)
    n = int(round(CALIB_WINDOW_S * rate_hz))
    mag = np.linalg.norm(acc_g, axis=1)
    hop = max(1, n // 4)
    limit = min(len(acc_g) - n, int(30 * rate_hz))
    for s in range(0, max(limit, 0) + 1, hop):
        if np.std(mag[s : s + n]) < STILL_SD_G:
            g = acc_g[s : s + n].mean(axis=0)
            return g / np.linalg.norm(g)
    g = acc_g[: int(5 * rate_hz)].mean(axis=0)
    return g / np.linalg.norm(g)


def rotation_to_z(u: np.ndarray) -> np.ndarray:
    """Minimal rotation matrix R with R @ u = (0, 0, 1) for a unit vector u."""
    z = np.array([0.0, 0.0, 1.0])
    v = np.cross(u, z)
    c = float(np.dot(u, z))
    if np.linalg.norm(v) < 1e-9:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx * (1.0 / (1.0 + c))


def _segment_channels(
    block: SampleBlock, placement: Placement, grid_ns: np.ndarray, rate_hz: float, reference: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    t = block.t_ns
    src_rate = NS_PER_S / float(np.median(np.diff(t)))
    acc = _resample(t, block.acc_g, src_rate, rate_hz, grid_ns)
    ref = upright_reference(acc, rate_hz) if reference is None else np.asarray(reference, float) / np.linalg.norm(reference)
    r = rotation_to_z(ref)
    acc = acc @ r.T
    p = placement.value
    ch: dict[str, np.ndarray] = {f"{p}_acc_g": acc}
    if block.gyr_dps is not None:
        ch[f"{p}_gyr_dps"] = _resample(t, block.gyr_dps, src_rate, rate_hz, grid_ns) @ r.T
    # Gravity estimate: 1 Hz low-pass (causal, so that live and offline agree).
    sos = signal.butter(2, 1.0, fs=rate_hz, output="sos")
    g = signal.sosfilt(sos, acc - acc[0], axis=0) + acc[0]
    norm = np.linalg.norm(g, axis=1)
    ch[f"{p}_inclination_deg"] = np.degrees(np.arccos(np.clip(g[:, 2] / norm, -1, 1)))
    ch[f"{p}_flexion_deg"] = np.degrees(np.arctan2(g[:, 0], g[:, 2]))
    ch[f"{p}_lateral_deg"] = np.degrees(np.arctan2(-g[:, 1], g[:, 2]))
    ch[f"{p}_heading_deg"] = np.full(len(grid_ns), np.nan)
    inside = (grid_ns >= t[0]) & (grid_ns <= t[-1])
    ch[f"{p}_valid"] = inside
    return ch


def body_frame_from_blocks(
    blocks: dict[Placement, SampleBlock],
    rate_hz: float = 50.0,
    references: dict[Placement, np.ndarray] | None = None,
) -> BodyFrame:
    """One BodyFrame on the grid ``k / rate_hz`` covering the common span of all blocks;
    ``references``: upright gravity direction per placement in sensor axes from an earlier
    calibration (default: estimated from the block itself)."""
    start = max(int(b.t_ns[0]) for b in blocks.values())
    stop = min(int(b.t_ns[-1]) for b in blocks.values())
    period = NS_PER_S / rate_hz
    k0, k1 = int(np.ceil(start / period)), int(np.floor(stop / period))
    grid = np.round(np.arange(k0, k1 + 1) * period).astype(np.int64)
    ch: dict[str, np.ndarray] = {}
    for placement, block in blocks.items():
        ch.update(_segment_channels(block, placement, grid, rate_hz, (references or {}).get(placement)))
    ch["valid"] = np.logical_and.reduce([ch[f"{p.value}_valid"] for p in blocks])
    return BodyFrame(grid, rate_hz, tuple(blocks), ch)


def body_frame_from_block(block: SampleBlock, placement: Placement, rate_hz: float = 50.0) -> BodyFrame:
    """BodyFrame for a single sensor."""
    return body_frame_from_blocks({placement: block}, rate_hz)


def reference_from_file(path: str | Path, rate_hz: float = 50.0) -> np.ndarray:
    """Upright gravity direction (sensor axes) estimated from a calibration recording, e.g. a
    standing or walking trial of the same person with the sensor worn the same way."""
    from ..io.csv_import import read_csv

    rec = read_csv(path)
    t = rec.block.t_ns
    grid = np.arange(t[0], t[-1], int(NS_PER_S / rate_hz))
    acc = _resample(t, rec.block.acc_g, NS_PER_S / float(np.median(np.diff(t))), rate_hz, grid)
    return upright_reference(acc, rate_hz)


def load_body_frame(
    path: str | Path, rate_hz: float = 50.0, reference: np.ndarray | None = None
) -> tuple[BodyFrame, np.ndarray | None]:
    """Read a unit-suffixed CSV (``NAME.<placement>.csv.gz``) into a BodyFrame plus the dataset's
    labels resampled (nearest) onto the grid (None when the file has no label column)."""
    from ..io.csv_import import read_csv

    rec = read_csv(path)
    refs = None if reference is None else {rec.info.placement: reference}
    frame = body_frame_from_blocks({rec.info.placement: rec.block}, rate_hz, refs)
    labels = None
    if rec.labels is not None:
        idx = np.searchsorted(rec.block.t_ns, frame.t_ns, side="right") - 1
        labels = rec.labels[np.clip(idx, 0, len(rec.labels) - 1)]
    return frame, labels
