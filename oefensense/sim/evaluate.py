"""Run SensorChains over a simulated recording and compare with the truth (used by the tests,
the accuracy benchmark and anyone tuning the chain)."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from ..core.frames import PELVIS_TILT, THIGH_INCLINATION, TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST, SegmentBlock
from ..core.types import Placement
from ..orientation import Alignment, ChainSettings, SensorChain, TwistDriftCorrector, relative_twist_deg
from ..orientation.chain import _concat_segments
from ..orientation.rotations import wrap_deg
from .simulate import SimResult


def run_chains(
    sim: SimResult,
    settings: ChainSettings | None = None,
    alignments: Mapping[Placement, Alignment] | None = None,
    chunk: int = 0,
) -> tuple[dict[Placement, SegmentBlock], dict[Placement, SensorChain]]:
    """One SensorChain per simulated sensor (automatic alignment unless given); ``chunk`` > 0
    feeds the stream in blocks of that many samples. Returns outputs and the chains."""
    outs, chains = {}, {}
    for pl, block in sim.blocks.items():
        ch = SensorChain(sim.infos[pl], settings, alignment=(alignments or {}).get(pl))
        n = len(block)
        step = chunk if chunk > 0 else n
        parts = [ch.process(block.slice(i, i + step)) for i in range(0, n, step)]
        parts.append(ch.finish())
        outs[pl] = _concat_segments(parts)
        chains[pl] = ch
    return outs, chains


def _rms(x: np.ndarray) -> float:
    x = x[np.isfinite(x)]
    return float(np.sqrt(np.mean(x * x))) if x.size else float("nan")


def angle_errors(sim: SimResult, segs: Mapping[Placement, SegmentBlock], skip_s: float = 2.0) -> dict[str, float]:
    """RMS errors (deg) of the body angles against the truth. "static" = the truth is not moving
    (zero angular rate and linear acceleration), "moving" = all other samples; the first
    ``skip_s`` seconds are left out. Also the mean absolute error of peak flexion per lift."""
    tr = sim.truth
    n = len(sim.t_ns)
    keep = np.arange(n) >= int(skip_s * sim.rate_hz)
    still = tr["still"] & keep
    moving = ~tr["still"] & keep
    res: dict[str, float] = {}
    if Placement.TRUNK in segs:
        s = segs[Placement.TRUNK]
        e = s.flexion_deg - tr[TRUNK_FLEXION]
        res["trunk_flexion_rms_static_deg"] = _rms(e[still])
        res["trunk_flexion_rms_moving_deg"] = _rms(e[moving])
        walk = (sim.posture == "walk") & keep
        if walk.any():
            res["trunk_flexion_rms_walking_deg"] = _rms(e[walk])
        res["trunk_lateral_rms_deg"] = _rms((s.lateral_deg - tr[TRUNK_LATERAL])[keep])
        peaks = []
        for lift in sim.lifts:
            m = (sim.t_ns >= lift.start_s * 1e9) & (sim.t_ns <= lift.end_s * 1e9)
            peaks.append(abs(s.flexion_deg[m].max() - tr[TRUNK_FLEXION][m].max()))
        if peaks:
            res["lift_peak_flexion_mae_deg"] = float(np.mean(peaks))
        res["trunk_valid_fraction"] = float(s.valid.mean())
    if Placement.TRUNK in segs and Placement.PELVIS in segs:
        tw = relative_twist_deg(segs[Placement.TRUNK], segs[Placement.PELVIS])
        res["twist_rms_deg"] = _rms(wrap_deg(tw - tr[TRUNK_TWIST])[keep])
        res["twist_max_abs_error_deg"] = float(np.nanmax(np.abs(wrap_deg(tw - tr[TRUNK_TWIST])[keep])))
        corr = TwistDriftCorrector(sim.rate_hz).process(tw, segs[Placement.PELVIS].acc_g)
        res["twist_walk_corrected_rms_deg"] = _rms(wrap_deg(corr - tr[TRUNK_TWIST])[keep])
    if Placement.PELVIS in segs:
        res["pelvis_tilt_rms_deg"] = _rms((segs[Placement.PELVIS].flexion_deg - tr[PELVIS_TILT])[keep])
    if Placement.THIGH in segs:
        res["thigh_inclination_rms_deg"] = _rms((segs[Placement.THIGH].inclination_deg - tr[THIGH_INCLINATION])[keep])
    return res


def alignment_errors_deg(sim: SimResult, chains: Mapping[Placement, SensorChain]) -> dict[str, float]:
    """Angle (deg) between the estimated and the true sensor→segment rotation, per placement."""
    out = {}
    for pl, ch in chains.items():
        if ch.alignment is None:
            continue
        d = ch.alignment.rotation @ sim.mountings[pl].T
        out[f"{pl.value}_alignment_error_deg"] = float(np.degrees(np.arccos(np.clip((np.trace(d) - 1) / 2, -1, 1))))
        out[f"{pl.value}_alignment_quality"] = float(ch.alignment.quality)
    return out
