"""Shared output type of the analysis stages (minimal; owned by the posture/transitions stages)."""

from __future__ import annotations

from dataclasses import dataclass, field

from oefensense.core.types import Event


@dataclass
class StageOutput:
    """What a stage made final in one ``process``/``finish`` call: timeline segments and events."""

    segments: list = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
