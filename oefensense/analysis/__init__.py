"""Analysis stages (BodyFrame -> timeline segments + events): posture, transitions, sitting,
lifting, exposure, feedback. The order and the stage classes are in ``registry.py`` (the one
place); ``build_pipeline(settings)`` gives a Pipeline with them. Import a stage from its module,
e.g. ``from oefensense.analysis.posture import PostureStage``."""

from typing import Any

_REGISTRY_NAMES = ("REGISTRY", "build_pipeline", "build_stages", "make_stage", "resolve_settings")


def __getattr__(name: str) -> Any:  # lazy: importing one stage module should not load them all
    if name in _REGISTRY_NAMES:
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
