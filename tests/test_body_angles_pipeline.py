"""Body angles through the whole Pipeline (chains + synchroniser + twist drift correction) on
simulated movement with known truth, sensors clipped on at random angles."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.core.types import NS_PER_S
from oefensense.pipeline import Pipeline, PipelineSettings
from oefensense.sim import lifting_demo_script, simulate


@pytest.mark.parametrize("seed", [3, 11])
def test_pipeline_angles_match_the_simulated_truth(seed: int) -> None:
    sim = simulate(lifting_demo_script(), rate_hz=100.0, mounting="random", seed=seed)
    pipeline = Pipeline(PipelineSettings(stages=()))
    for info in sim.infos.values():
        pipeline.feed(info)
    frames = []
    for i in range(0, len(sim.t_ns), 37):  # live-like small interleaved chunks
        for block in sim.blocks.values():
            frames += pipeline.feed(block.slice(i, i + 37)).frames
    frames += pipeline.finish().frames
    t = np.concatenate([f.t_ns for f in frames])
    settled = t > 25 * NS_PER_S  # after automatic alignment has seen walking and bends
    for name, limit_deg in (("trunk_flexion_deg", 2.0), ("trunk_lateral_deg", 2.0), ("trunk_twist_deg", 5.0),
                            ("thigh_inclination_deg", 3.0)):
        est = np.concatenate([f[name] for f in frames])
        truth = np.interp(t, sim.t_ns, sim.truth[name])
        ok = settled & np.isfinite(est)
        assert ok.mean() > 0.7, name
        rms = float(np.sqrt(np.mean((est[ok] - truth[ok]) ** 2)))
        assert rms <= limit_deg, (name, rms)
