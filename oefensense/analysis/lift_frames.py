"""BodyFrames for the lifting stages from files or simulated recordings, through the real chain.

Tests, the training script and ``benchmarks/bench_lifting.py`` need BodyFrames without the
analysis stages; this runs the project's own ``Pipeline`` (SensorChain per sensor +
Synchroniser, default 50 Hz) with no stages and concatenates its frames. Not a pipeline step.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from oefensense.core.frames import BodyFrame
from oefensense.core.types import SampleBlock, SensorInfo


concat_frames = BodyFrame.concat


def frames_from_samples(items: Iterable[SensorInfo | SampleBlock]) -> list[BodyFrame]:
    """Feed SensorInfo/SampleBlock items through a stage-less Pipeline; return its BodyFrames."""
    from oefensense.pipeline.offline import frames_of

    return frames_of(items)


def frames_from_file(path: str | Path) -> list[BodyFrame]:
    """BodyFrames of one shared-data style ``NAME.<placement>.csv[.gz]`` file."""
    from oefensense.io.csv_import import read_csv

    rec = read_csv(path)
    return frames_from_samples([rec.info, rec.block])


def frames_from_sim(sim) -> list[BodyFrame]:
    """BodyFrames of a :class:`oefensense.sim.simulate.SimResult` (all its sensors, time-interleaved)."""
    items: list[SensorInfo | SampleBlock] = list(sim.infos.values())
    blocks = list(sim.blocks.values())
    n = len(sim.t_ns)
    step = max(1, int(sim.rate_hz))  # 1 s pieces, sensors interleaved like a live stream
    for a in range(0, n, step):
        items += [b.slice(a, min(a + step, n)) for b in blocks]
    return frames_from_samples(items)


def lifting_demo_frames(seed: int = 0, rate_hz: float = 50.0) -> list[BodyFrame]:
    """BodyFrames of the simulator's lifting demo (squat / semi-squat / stoop lifts, twists),
    trunk + pelvis + thigh sensors with random mountings, through the real chain."""
    from oefensense.sim import lifting_demo_script, simulate

    return frames_from_sim(simulate(lifting_demo_script(), rate_hz=rate_hz, seed=seed))
