"""Recordings with known non-wear, made from real samples: for tests and benchmarks.

A sensor taken off and laid on a desk measures gravity in a fixed, often non-body orientation plus
its own noise. :func:`desk_block` makes such a stretch (white noise of a given SD per axis,
optionally quantised to the device's step, a constant gyro bias plus white gyro noise), and
:func:`splice` puts real and desk stretches one after the other on a continuous clock, so a test
knows to the sample where the sensor was not worn.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.types import NS_PER_S, SampleBlock

FLAT_UP = (0.0, 0.0, 1.0)  # the device lying on its back: z up, no body posture has this for a belt clip


def desk_block(duration_s: float, rate_hz: float, *, up: Sequence[float] = FLAT_UP, acc_noise_g: float = 0.002,
               acc_step_g: float = 0.0, gyro: bool = True, gyro_noise_dps: float = 0.05,
               gyro_bias_dps: Sequence[float] = (0.3, -0.2, 0.1), seed: int = 0, sensor_id: str = "s") -> SampleBlock:
    """``duration_s`` of a still sensor at ``rate_hz`` whose axes see gravity along ``up`` (times
    from 0). ``acc_step_g``: quantisation step (0 = none)."""
    rng = np.random.default_rng(seed)
    n = int(round(duration_s * rate_hz))
    g = np.asarray(up, float)
    g = g / np.linalg.norm(g)
    acc = g[None, :] + rng.normal(0.0, acc_noise_g, (n, 3))
    if acc_step_g > 0:
        acc = np.round(acc / acc_step_g) * acc_step_g
    gyr = None
    if gyro:
        gyr = np.asarray(gyro_bias_dps, float)[None, :] + rng.normal(0.0, gyro_noise_dps, (n, 3))
    t = np.round(np.arange(n) * (NS_PER_S / rate_hz)).astype(np.int64)
    return SampleBlock(sensor_id, t, acc, gyr, None)


def splice(blocks: Sequence[SampleBlock], rate_hz: float, sensor_id: str | None = None) -> tuple[SampleBlock, list[tuple[int, int]]]:
    """The blocks one after the other on one clock starting at 0 (each block's own times kept
    relative to its first sample; the next block starts one sample period after the previous
    one's last sample). Returns the spliced block and each piece's (start_ns, end_ns)."""
    period = int(round(NS_PER_S / rate_hz))
    pieces, spans, t0 = [], [], 0
    has_gyro = all(b.gyr_dps is not None for b in blocks)
    for b in blocks:
        t = b.t_ns - b.t_ns[0] + t0
        pieces.append(SampleBlock(sensor_id or b.sensor_id, t, b.acc_g, b.gyr_dps if has_gyro else None, None))
        spans.append((int(t[0]), int(t[-1]) + period))
        t0 = int(t[-1]) + period
    return SampleBlock.concat(pieces), spans


def mirror_tile(block: SampleBlock, duration_s: float, rate_hz: float) -> SampleBlock:
    """``block`` played forward, backward, forward ... until ``duration_s`` (no jump where the
    pieces meet): a short real still stretch (20 s of sitting) made as long as a person might sit
    still, keeping its real sway and breathing. Times restart at 0 on a ``rate_hz`` grid."""
    n = int(round(duration_s * rate_hz))
    m = len(block)
    if m < 2:
        raise ValueError("mirror_tile needs at least two samples")
    k = np.arange(n) % (2 * m - 2)
    idx = np.where(k < m, k, 2 * m - 2 - k)
    t = np.round(np.arange(n) * (NS_PER_S / rate_hz)).astype(np.int64)
    gyr = None
    if block.gyr_dps is not None:
        # played backward, a rotation turns the other way; the sensor's bias (the mean over a
        # still stretch) does not
        bias = block.gyr_dps.mean(axis=0)
        gyr = np.where((k < m)[:, None], block.gyr_dps[idx], 2 * bias - block.gyr_dps[idx])
    return SampleBlock(block.sensor_id, t, block.acc_g[idx], gyr, None)
