"""Episode classifiers of the lifting stage (beside ``posture_model.py``): the shipped ONNX
gradient-boosted trees and a numpy logistic model (training comparisons). Both map episode
feature rows to probabilities over :data:`CLASSES`; neither reads a file (the loader,
``models.py``, hands the ONNX bytes in)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .onnx_session import open_classifier

CLASSES = ("none", "squat", "stoop")


class LiftClassifier(Protocol):
    """What the lifting stage needs of a model: input feature names, a neutral value per feature
    (used for a feature the stage could not compute), class names and probabilities."""

    features: tuple[str, ...]
    classes: tuple[str, ...]
    mean: np.ndarray

    def proba(self, x: np.ndarray) -> np.ndarray: ...


@dataclass
class LiftModel:
    """Multinomial logistic regression on standardised features (pure numpy at run time)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...] = CLASSES
    meta: dict[str, Any] = field(default_factory=dict)

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for feature rows ``x`` (m, n_features) → (m, n_classes)."""
        z = (np.atleast_2d(x) - self.mean) / self.scale
        logit = z @ self.coef.T + self.intercept
        logit -= logit.max(axis=1, keepdims=True)
        p = np.exp(logit)
        return p / p.sum(axis=1, keepdims=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "classes": list(self.classes),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LiftModel":
        return cls(
            tuple(d["features"]),
            np.asarray(d["mean"], float),
            np.asarray(d["scale"], float),
            np.asarray(d["coef"], float),
            np.asarray(d["intercept"], float),
            tuple(d["classes"]),
            d.get("meta", {}),
        )

    @classmethod
    def load(cls, path: str | Path) -> "LiftModel":
        with open(path) as fh:
            return cls.from_dict(json.load(fh))


class OnnxLiftModel:
    """The shipped episode classifier: scikit-learn gradient-boosted trees exported to ONNX,
    run with onnxruntime on one thread. Same interface as :class:`LiftModel`.

    The ONNX metadata carries ``features`` (comma list, the input order), ``classes``, ``fill``
    (training means, used for a feature the stage cannot compute) and ``meta`` (JSON)."""

    def __init__(self, data: bytes) -> None:
        """``data``: the ONNX file's bytes (``oefensense.analysis.models.load_model("lifting")``
        loads the bundled one once per process)."""
        self._sess, self._input, self._prob, md = open_classifier(data)
        try:
            self.features = tuple(md["features"].split(","))
            self.classes = tuple(md["classes"].split(","))
            self.mean = np.array([float(v) for v in md["fill"].split(",")])
        except KeyError as exc:
            raise ValueError(f"lift model metadata lacks {exc}: not a train_lifting export") from None
        self.meta: dict[str, Any] = json.loads(md.get("meta", "{}"))
        self.onnx_bytes = data

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for feature rows ``x`` (m, n_features) → (m, n_classes), float64."""
        x = np.ascontiguousarray(np.atleast_2d(x), np.float32)
        return np.asarray(self._sess.run([self._prob], {self._input: x})[0], np.float64)
