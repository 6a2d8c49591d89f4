"""The one loader of the analysis models: bundled ONNX files, loaded once per process, passed in.

A stage never opens a model file itself: the registry (``registry.py``) asks :func:`load_model`
for the model a stage declares (``Stage.model_kind``) and hands it to the stage's ``__init__``. A
missing file is a :class:`~oefensense.models.MissingModelError` naming it (no silent fallback:
a lift stage without its model would call every bend a lift).

``model_path`` in a stage's settings (which a session manifest carries, so a replay uses the
recorded model) may only name a model shipped inside the package (``oefensense.models``, found
with ``importlib.resources``), e.g. ``"lifting/lift_waist_hgb.onnx"``; "" is the stage's
default. Anything else (an absolute path, ``..``) is a :class:`ModelPathError`: a session file
never makes onnxruntime open a file of its choosing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from oefensense.models import LIFT_WAIST, POSTURE_WAIST, MissingModelError, bundled_model

__all__ = ["DEFAULT_MODELS", "MissingModelError", "ModelPathError", "bundled_model_name", "load_model"]

#: model kind (``Stage.model_kind``) -> the bundled file used when ``model_path`` is ""
DEFAULT_MODELS: dict[str, str] = {"posture": POSTURE_WAIST, "lifting": LIFT_WAIST}
_BUNDLED_NAME = re.compile(r"[a-z0-9_]+/[A-Za-z0-9_.-]+\.onnx")


class ModelPathError(ValueError):
    """A ``model_path`` setting that does not name a model bundled with the package."""


def bundled_model_name(kind: str, model_path: str = "") -> str:
    """The bundled file (relative to ``oefensense.models``) for ``kind`` and a ``model_path``
    setting; raises :class:`ModelPathError` for an unknown kind or a path outside the package."""
    if kind not in DEFAULT_MODELS:
        raise ModelPathError(f"unknown model kind {kind!r}; known: {', '.join(DEFAULT_MODELS)}")
    name = model_path or DEFAULT_MODELS[kind]
    if not _BUNDLED_NAME.fullmatch(name) or ".." in name:
        raise ModelPathError(
            f"{kind} model_path {model_path!r} is not a model bundled with oefensense: settings (and "
            f"session manifests) may only name files inside oefensense.models, e.g. {DEFAULT_MODELS[kind]!r}"
        )
    return name


def load_model(kind: str, model_path: str = "") -> Any:
    """The loaded model of ``kind`` (``"posture"`` -> ``OnnxPostureModel``, ``"lifting"`` ->
    ``OnnxLiftModel``), one per bundled file for the whole process (onnxruntime sessions are
    safe to share between threads). Raises ``MissingModelError`` naming a missing file."""
    return _load(kind, bundled_model_name(kind, model_path))


@lru_cache(maxsize=None)
def _load(kind: str, name: str) -> Any:
    data = bundled_model(name).read_bytes()
    if kind == "posture":
        from .posture_model import OnnxPostureModel

        return OnnxPostureModel(data)
    from .lifting_model import OnnxLiftModel

    return OnnxLiftModel(data)
