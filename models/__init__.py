"""Bundled ONNX models (installed as ``oefensense.models``), found with ``importlib.resources``.

The files live beside this module in the source tree (``models/<name>/``) and ship as package
data in the wheel, so the installed package never reads a path relative to a checkout.
Training code (``oefensense.models.training``) makes them; the runtime never imports it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

POSTURE_WAIST = "posture_waist/model.onnx"
LIFT_WAIST = "lifting/lift_waist_hgb.onnx"


class MissingModelError(FileNotFoundError):
    """A model the analysis needs is not where it must be (no silent fallback)."""


def bundled_model(relative: str) -> Path:
    """Path of a bundled model file, e.g. ``bundled_model(POSTURE_WAIST)``.

    Raises :class:`MissingModelError` naming the file when the installation lacks it. Installs
    are unpacked on disk (a wheel, or an editable checkout), so the resource is a real file."""
    resource = files(__name__).joinpath(relative)
    if not resource.is_file():
        raise MissingModelError(f"bundled model {relative!r} is missing from the oefensense installation ({resource})")
    return Path(str(resource))
