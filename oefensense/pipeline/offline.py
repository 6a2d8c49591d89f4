"""BodyFrames of a whole recording through the runtime path (for training, evaluation, tests).

Runs the real :class:`Pipeline` with no analysis stages (SensorChain per sensor + Synchroniser),
so models are trained on exactly the frames the live stages see. Not a pipeline step: it
collects a whole stream in memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.frames import BodyFrame
from .pipeline import Pipeline, PipelineSettings, SourceItem


def frames_of(items: Iterable[SourceItem], settings: PipelineSettings | None = None) -> list[BodyFrame]:
    """Feed source items through a stage-less Pipeline; return all its BodyFrames in order."""
    pipe = Pipeline(settings or PipelineSettings(stages=()))
    frames: list[BodyFrame] = []
    for item in items:
        frames += pipe.feed(item).frames
    return frames + pipe.finish().frames
