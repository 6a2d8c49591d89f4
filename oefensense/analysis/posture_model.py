"""Emission models for the posture stage: the shipped ONNX waist model and physical rules.

Both return, per tick, probabilities over :data:`oefensense.features.MODEL_STATES` (4 static
postures then 6 directed transitions); the posture stage smooths them with a causal HMM filter.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numba import njit

# the leaf is core/pairwise_kernels' vector one; numba's cache keys on this file alone (#20)
from ..features._posture_kernels import _pairwise
from ..features.posture_features import MODEL_STATES
from .onnx_session import open_classifier

N_STATES = len(MODEL_STATES)
LYING, SITTING, STANDING, WALKING = 0, 1, 2, 3
#: Allowed moves between states in the constrained (model) HMM: a static posture changes only
#: through its directed transition (standing -> stand_to_sit -> sitting ...).
MODEL_MOVES = (
    ("standing", "walking"), ("walking", "standing"),
    ("standing", "stand_to_sit"), ("walking", "stand_to_sit"), ("stand_to_sit", "sitting"),
    ("sitting", "sit_to_stand"), ("sit_to_stand", "standing"), ("sit_to_stand", "walking"),
    ("sitting", "sit_to_lie"), ("sit_to_lie", "lying"),
    ("lying", "lie_to_sit"), ("lie_to_sit", "sitting"),
    ("standing", "stand_to_lie"), ("walking", "stand_to_lie"), ("stand_to_lie", "lying"),
    ("lying", "lie_to_stand"), ("lie_to_stand", "standing"), ("lie_to_stand", "walking"),
)  # fmt: skip

def transition_matrix(stay_static: float, stay_transition: float, eps: float, constrained: bool) -> np.ndarray:
    """Row-stochastic (10, 10) matrix. ``constrained``: only :data:`MODEL_MOVES` (others get
    ``eps``); otherwise every static posture may follow any other directly (rule emissions).

    Cached and read-only (the stage asks for it every block; building it costs ~25 us)."""
    return _transition_matrix(float(stay_static), float(stay_transition), float(eps), bool(constrained))


@lru_cache(maxsize=16)
def _transition_matrix(stay_static: float, stay_transition: float, eps: float, constrained: bool) -> np.ndarray:
    a = np.full((N_STATES, N_STATES), eps)
    if constrained:
        for src, dst in MODEL_MOVES:
            a[MODEL_STATES.index(src), MODEL_STATES.index(dst)] = 1.0
    else:
        a[:4, :4] = 1.0
        a[4:, :] = 1.0
    np.fill_diagonal(a, 0.0)
    a /= a.sum(axis=1, keepdims=True)
    stay = np.array([stay_static] * 4 + [stay_transition] * (N_STATES - 4))
    a *= (1.0 - stay)[:, None]
    a[np.arange(N_STATES), np.arange(N_STATES)] = stay
    a.flags.writeable = False
    return a


class OnnxPostureModel:
    """The ONNX classifier (features -> class probabilities) run with onnxruntime on one thread.

    ``class_prior`` (stored in the model metadata as ``class_prior``) turns posteriors into
    scaled likelihoods for the HMM filter.
    """

    def __init__(self, model: bytes) -> None:
        """``model``: the ONNX file's bytes (``oefensense.analysis.models.load_model("posture")``
        loads the bundled one once per process)."""
        self._sess, self._input, self._prob_name, meta = open_classifier(model)
        prior = meta.get("class_prior")
        self.class_prior = (
            np.array([float(x) for x in prior.split(",")]) if prior else np.full(N_STATES, 1.0 / N_STATES)
        )

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """(m, n_features) float32 -> (m, 10) probabilities (float64). One ``run`` for all rows:
        onnxruntime's fixed cost per call is larger than a row's, so callers should pass every
        tick of a block at once.

        An odd row count is padded with a copy of the last row: onnxruntime's matrix kernels
        (MLAS) compute a row alone with a different summation order than rows in pairs or more
        (differences ~1e-8), and the same tick must give the same bits however the stream is
        split into blocks (streaming = offline, tested)."""
        m = len(x)
        if m == 0:
            return np.empty((0, N_STATES))
        x = np.ascontiguousarray(x, np.float32)  # no copy when it already is
        if m % 2:
            x = np.concatenate([x, x[-1:]])
        return np.asarray(self._sess.run([self._prob_name], {self._input: x})[0][:m], np.float64)


@njit(cache=True, nogil=True)
def _hmm_forward(alpha0: np.ndarray, a_mat: np.ndarray, lik: np.ndarray, out: np.ndarray) -> None:
    n = lik.shape[1]
    alpha = alpha0.copy()
    for k in range(lik.shape[0]):
        row = lik[k]
        if k == 0 and len(alpha0) == 0:
            alpha = row / _pairwise(row, 0, n)
        else:
            alpha = (alpha @ a_mat) * row  # BLAS gemv, as numpy's ``@`` (same bits, tested)
        alpha = alpha / _pairwise(alpha, 0, n)
        out[k] = alpha


def hmm_forward(alpha0: np.ndarray | None, a_mat: np.ndarray, lik: np.ndarray) -> np.ndarray:
    """Causal HMM forward filter over ``lik`` (m, S) scaled likelihoods; returns the filtered
    state probabilities (m, S), row k normalised ``(alpha[k-1] @ a_mat) * lik[k]``.

    ``alpha0`` is the filter state before the first row (None: the first row is ``lik[0]``
    normalised). Same floats as the per-tick numpy loop (``alpha = (alpha @ a) * lik;
    alpha /= alpha.sum()``; numpy's pairwise sum), in one compiled call: ~0.3 us per tick
    instead of ~5 us. The last row is the state to carry to the next block.
    """
    lik = np.ascontiguousarray(lik, np.float64)
    a_mat = np.ascontiguousarray(a_mat, np.float64)
    if lik.ndim != 2 or a_mat.shape != (lik.shape[1], lik.shape[1]):
        raise ValueError(f"lik (m, S) and a_mat (S, S) expected; got {lik.shape}, {a_mat.shape}")
    a0 = np.empty(0) if alpha0 is None else np.ascontiguousarray(alpha0, np.float64)
    if len(a0) not in (0, lik.shape[1]):
        raise ValueError(f"alpha0 must have {lik.shape[1]} states; got {len(a0)}")
    out = np.empty(lik.shape)
    if len(lik):
        _hmm_forward(a0, a_mat, lik, out)
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def rule_proba(
    incl_deg: np.ndarray,
    sd_g: np.ndarray,
    lying_incl_deg: np.ndarray | None,
    sit_deg: float,
    move_sd_g: float,
    lying_deg: float,
) -> np.ndarray:
    """Soft Acti4-style rules -> (m, 10) probabilities (transition states get none).

    ``incl_deg``: inclination of the posture sensor (thigh: > sit_deg = sitting; trunk/pelvis
    alone: > lying_deg = lying); ``sd_g``: SD of |a| (>= move_sd_g = walking when upright);
    ``lying_incl_deg``: inclination of a trunk/pelvis sensor that separates lying from sitting
    when the posture sensor is the thigh (None: no such sensor, lying is not distinguishable).
    """
    m = len(incl_deg)
    p = np.zeros((m, N_STATES))
    horizontal = _sigmoid((incl_deg - sit_deg) / 4.0)
    moving = _sigmoid((sd_g - move_sd_g) / 0.015)
    upright = 1.0 - horizontal
    p[:, WALKING] = upright * moving
    p[:, STANDING] = upright * (1.0 - moving)
    if lying_incl_deg is None:
        p[:, SITTING] = horizontal
    else:
        lie = _sigmoid((lying_incl_deg - lying_deg) / 4.0)
        p[:, LYING] = horizontal * lie
        p[:, SITTING] = horizontal * (1.0 - lie)
    return np.clip(p, 1e-6, 1.0)
