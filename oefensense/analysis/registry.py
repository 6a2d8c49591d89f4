"""The analysis stages, in the order the pipeline runs them: the one place that says so.

Adding a stage = one module with a class implementing :class:`~oefensense.core.stage.Stage`
(subclass :class:`~oefensense.analysis.base.StageBase`) plus one line in :data:`REGISTRY`; its
contract tests come for free (``tests/analysis/test_stage_contracts.py`` runs them for every
registered stage). ``PipelineSettings.stages = None`` means "all of them, in this order"; a
session records the resolved names, so a replay runs exactly what the recording ran.

The registry also builds the :class:`~oefensense.pipeline.Pipeline` (which sits below this
layer and never imports it) with its stages and their models (``models.py``, loaded once;
a missing one is an error before anything is written).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from oefensense.core.stage import Stage
from oefensense.core.step import settings_from_dict
from oefensense.pipeline import Pipeline, PipelineSettings

from .cues import CueStage
from .exposure import ExposureStage
from .feedback import FeedbackStage
from .lifting import LiftingStage
from .models import load_model
from .non_wear import NonWearStage
from .posture import PostureStage
from .sitting import SittingStage
from .transitions import TransitionStage

ModelLoader = Callable[[str, str], Any]  # (model kind, model_path setting) -> loaded model


class StageRegistry:
    """Stage classes by name, in pipeline order."""

    def __init__(self, classes: Iterable[type[Stage]]) -> None:
        self.classes: dict[str, type[Stage]] = {}
        for cls in classes:
            if not cls.name or cls.name in self.classes:
                raise ValueError(f"stage class {cls.__name__} needs a unique name (got {cls.name!r})")
            self.classes[cls.name] = cls
        check_order(list(self.classes.values()))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.classes)

    def with_stage(self, cls: type[Stage], after: str | None = None) -> "StageRegistry":
        """A new registry with ``cls`` added at the end (or right after stage ``after``)."""
        order = list(self.classes.values())
        at = len(order) if after is None else self.names.index(after) + 1
        return StageRegistry(order[:at] + [cls] + order[at:])

    def resolve(self, settings: PipelineSettings | None = None) -> PipelineSettings:
        """``settings`` with ``stages`` filled in (None = all registered, in order) and checked:
        known names, a valid order, known setting fields."""
        settings = settings or PipelineSettings()
        names = self.names if settings.stages is None else tuple(settings.stages)
        for name in [*names, *settings.stage_settings]:
            if name not in self.classes:
                raise ValueError(f"unknown analysis stage {name!r}; known: {', '.join(self.classes)}")
        check_order([self.classes[n] for n in names])
        for name, overrides in settings.stage_settings.items():
            self.settings_of(name, overrides)
        return dataclasses.replace(settings, stages=names)

    def settings_of(self, name: str, overrides: Mapping[str, Any] | None = None) -> Any:
        """The stage's settings dataclass: its defaults changed by ``overrides`` (field -> value,
        as in the manifest); an unknown field is a ValueError naming it."""
        return settings_from_dict(settings_type(self.classes[name]), dict(overrides or {}))

    def make(self, name: str, overrides: Mapping[str, Any] | None = None, loader: ModelLoader = load_model) -> Stage:
        """A new stage with its settings and (when it declares one) its loaded model."""
        if name not in self.classes:
            raise ValueError(f"unknown analysis stage {name!r}; known: {', '.join(self.classes)}")
        cls = self.classes[name]
        settings = self.settings_of(name, overrides)
        if cls.model_kind is None:
            return cls(settings)  # type: ignore[call-arg]
        return cls(settings, model=loader(cls.model_kind, getattr(settings, "model_path", "")))  # type: ignore[call-arg]

    def build(self, settings: PipelineSettings | None = None, loader: ModelLoader = load_model) -> list[Stage]:
        """The stages ``settings`` names, in order, with their settings and models."""
        settings = self.resolve(settings)
        return [self.make(n, settings.stage_settings.get(n), loader) for n in settings.stages or ()]

    def pipeline(self, settings: PipelineSettings | None = None, loader: ModelLoader = load_model) -> Pipeline:
        """A :class:`Pipeline` with these stages (models loaded first: a missing one fails here)."""
        settings = self.resolve(settings)
        return Pipeline(settings, self.build(settings, loader))


def settings_type(cls: type[Stage]) -> type:
    """The settings dataclass of a stage class (the annotation of its ``settings`` argument)."""
    import inspect
    import typing

    hints = typing.get_type_hints(cls.__init__)
    hint = hints.get("settings")
    for arg in typing.get_args(hint) or (hint,):
        if inspect.isclass(arg) and dataclasses.is_dataclass(arg):
            return arg
    raise TypeError(f"{cls.__name__}.__init__ must take `settings: <dataclass> | None`")


def check_order(classes: list[type[Stage]]) -> None:
    """Every channel a stage reads that another stage of the list adds must be added earlier."""
    added_by = {ch: c for c in classes for ch in c.adds}
    seen: set[str] = set()
    for cls in classes:
        late = [ch for ch in cls.reads if ch in added_by and ch not in seen]
        if late:
            raise ValueError(f"stage {cls.name!r} reads {late[0]!r}, which stage {added_by[late[0]].name!r} "
                             "adds later: put that stage first")
        seen.update(cls.adds)


REGISTRY = StageRegistry([
    NonWearStage,
    PostureStage,
    TransitionStage,
    SittingStage,
    LiftingStage,
    ExposureStage,
    FeedbackStage,
    CueStage,
])  # fmt: skip

build_pipeline = REGISTRY.pipeline
build_stages = REGISTRY.build
make_stage = REGISTRY.make
resolve_settings = REGISTRY.resolve
