"""The contract every pipeline step follows (gaitmap / x-io Fusion shape).

A step takes its settings in ``__init__``, has ``process(block) -> out`` and ``reset()``, never
reads the wall clock, never does I/O, and gives the same result however the stream is chunked.
"""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from typing import Any, Generic, Protocol, TypeVar

In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)


class Step(Protocol, Generic[In, Out]):
    """A streaming computation. ``settings`` is a dataclass that round-trips through a dict."""

    settings: Any

    def process(self, block: In) -> Out: ...

    def reset(self) -> None: ...


def settings_to_dict(settings: Any) -> dict[str, Any]:
    """A JSON-safe dict of a settings dataclass (for the session manifest)."""
    if not is_dataclass(settings):
        raise TypeError(f"settings must be a dataclass, got {type(settings).__name__}")
    return asdict(settings)


def settings_from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a settings dataclass from :func:`settings_to_dict` output; unknown keys are an error."""
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"unknown {cls.__name__} settings: {sorted(unknown)}")
    return cls(**data)
