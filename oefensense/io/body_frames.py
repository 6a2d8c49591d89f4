"""BodyFrames for training, evaluation and tests, built by the runtime's own path (reads files).

A recording (shared-data style ``NAME.<placement>.csv[.gz]``) or a simulated recording goes
through the real :class:`oefensense.pipeline.Pipeline` with no analysis stages (``SensorChain``
per sensor: calibration, fusion, automatic sensor-to-segment alignment; then the
``Synchroniser`` onto the 50 Hz grid), so the features a model is trained on are computed from
exactly the frames the live stages see. With a calibration recording, the same ``SensorChain`` +
``Synchroniser`` classes run with the alignment the chain found in that recording (as a saved
calibration profile would give it). Not a pipeline step: it lives with the file I/O, above the
analysis stages in the layers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..core.frames import BodyFrame
from ..core.types import NS_PER_S, SampleBlock, SensorInfo
from .csv_import import read_csv

#: Samples are fed in pieces of this length, as a file source would (the chain is chunk-invariant).
FEED_S = 10.0

concat_frames = BodyFrame.concat


def _pieces(block):
    rate = NS_PER_S / float(np.median(np.diff(block.t_ns))) if len(block) > 2 else 50.0
    step = max(1, int(FEED_S * rate))
    for a in range(0, len(block), step):
        yield block.slice(a, min(a + step, len(block)))


def frames_from_samples(items: Iterable[SensorInfo | SampleBlock]) -> list[BodyFrame]:
    """Feed SensorInfo/SampleBlock items through a stage-less Pipeline; return its BodyFrames."""
    from ..pipeline.offline import frames_of

    return frames_of(items)


def _frames_aligned(rec, alignment) -> list[BodyFrame]:
    """SensorChain with a given alignment + Synchroniser (what Pipeline does per sensor)."""
    from ..orientation import SensorChain
    from ..pipeline.synchroniser import Synchroniser

    chain = SensorChain(rec.info, alignment=alignment)
    sync = Synchroniser()
    sync.add_sensor(rec.info)
    frames: list[BodyFrame] = []
    for piece in _pieces(rec.block):
        seg = chain.process(piece)
        if seg is not None and len(seg):
            frames += sync.push(seg)
    tail = chain.finish()
    if tail is not None and len(tail):
        frames += sync.push(tail)
    return frames + sync.finish()


def alignment_from_file(path: str | Path):
    """The sensor-to-segment :class:`~oefensense.orientation.Alignment` the runtime ``SensorChain``
    finds automatically in a calibration recording (e.g. the same person walking or standing with
    the sensor worn the same way)."""
    from ..orientation import SensorChain

    rec = read_csv(path)
    chain = SensorChain(rec.info)
    for piece in _pieces(rec.block):
        chain.process(piece)
    chain.finish()
    return chain.alignment


def runtime_body_frame(path: str | Path, alignment=None) -> tuple[BodyFrame, np.ndarray | None]:
    """One BodyFrame of a recording through the runtime path, plus the file's labels at each grid
    sample (nearest earlier sample; None when the file has no label column). ``alignment``: a
    calibration's alignment (default: the chain aligns itself automatically, as live)."""
    rec = read_csv(path)
    if alignment is None:
        frames = frames_from_samples([rec.info, *_pieces(rec.block)])
    else:
        frames = _frames_aligned(rec, alignment)
    frame = concat_frames(frames)
    labels = None
    if rec.labels is not None:
        idx = np.searchsorted(rec.block.t_ns, frame.t_ns, side="right") - 1
        labels = rec.labels[np.clip(idx, 0, len(rec.labels) - 1)]
    return frame, labels


def runtime_body_frame_at_rate(
    path: str | Path, rate_hz: float, resample: str | None = None
) -> tuple[BodyFrame, np.ndarray | None]:
    """:func:`runtime_body_frame` of the recording as a device sampling at ``rate_hz`` would have
    delivered it: resampled by the simulated firmware's :class:`~oefensense.protocols.playback.RecordingSource`
    (what ``simulated_device_items`` streams, without the packets' quantisation), on the
    recording's clock, then the runtime path onto the 50 Hz grid. Labels: the file's at each grid
    sample (nearest earlier sample). ``resample``: ``RecordingSource``'s mode (None: the default)."""
    from ..protocols.playback import RecordingSource

    rec = read_csv(path)
    src = RecordingSource(rec.block.t_ns, rec.block.acc_g, rec.block.gyr_dps, loop=False, resample=resample)
    n = int(np.floor(src.t_rel[-1] / NS_PER_S * rate_hz)) + 1
    t_dev = np.round(np.arange(n) * (NS_PER_S / rate_hz)).astype(np.int64)
    acc, gyr, _ = src.at(t_dev, rate_hz)
    block = SampleBlock(rec.info.sensor_id, int(rec.block.t_ns[0]) + t_dev, acc, gyr)
    info = replace(rec.info, nominal_rate_hz=float(rate_hz))
    frame = concat_frames(frames_from_samples([info, *_pieces(block)]))
    labels = None
    if rec.labels is not None:
        idx = np.searchsorted(rec.block.t_ns, frame.t_ns, side="right") - 1
        labels = rec.labels[np.clip(idx, 0, len(rec.labels) - 1)]
    return frame, labels


def frames_from_file(path: str | Path) -> list[BodyFrame]:
    """BodyFrames of one shared-data style ``NAME.<placement>.csv[.gz]`` file (fed whole)."""
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
    from ..sim import lifting_demo_script, simulate

    return frames_from_sim(simulate(lifting_demo_script(), rate_hz=rate_hz, seed=seed))
