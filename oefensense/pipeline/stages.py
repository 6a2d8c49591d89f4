"""Analysis stages by name, in the order the pipeline runs them. Add a stage here, once."""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

# name -> (module, class). Order of use is PipelineSettings.stages.
STAGES: dict[str, tuple[str, str]] = {
    "posture": ("oefensense.analysis.posture", "PostureStage"),
    "transitions": ("oefensense.analysis.transitions", "TransitionStage"),
    "sitting": ("oefensense.analysis.sitting", "SittingStage"),
    "lifting": ("oefensense.analysis.lifting", "LiftingStage"),
    "exposure": ("oefensense.analysis.exposure", "ExposureStage"),
    "feedback": ("oefensense.analysis.feedback", "FeedbackStage"),
}


def make_stage(name: str, overrides: dict[str, Any] | None = None) -> Any:
    """A new stage with its default settings, changed by ``overrides`` (field -> value)."""
    try:
        module_name, class_name = STAGES[name]
    except KeyError:
        raise ValueError(f"unknown analysis stage {name!r}; known: {', '.join(STAGES)}") from None
    cls = getattr(importlib.import_module(module_name), class_name)
    stage = cls()
    if overrides:
        stage = cls(dataclasses.replace(stage.settings, **overrides))
    return stage
