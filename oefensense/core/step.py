"""The contract every pipeline step follows (gaitmap / x-io Fusion shape).

A step takes its settings in ``__init__``, has ``process(block) -> out`` and ``reset()``, never
reads the wall clock, never does I/O, and gives the same result however the stream is chunked.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, fields, is_dataclass
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
    """Rebuild a settings dataclass from :func:`settings_to_dict` output (or from some of its
    fields: the others keep their defaults); unknown keys are an error. JSON's lists become
    tuples and dicts nested settings dataclasses where the field's default is one."""
    defaults = {f.name: f for f in fields(cls)}
    unknown = set(data) - set(defaults)
    if unknown:
        raise ValueError(f"unknown {cls.__name__} settings: {sorted(unknown)}")
    values = {}
    for name, value in data.items():
        f = defaults[name]
        default = f.default if f.default is not MISSING else (
            f.default_factory() if f.default_factory is not MISSING else None)  # type: ignore[misc]
        if is_dataclass(default) and isinstance(value, dict):
            value = settings_from_dict(type(default), value)
        elif isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return cls(**values)
