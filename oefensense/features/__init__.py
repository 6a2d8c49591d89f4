"""Feature extraction shared by model training (``models/training``) and the runtime stages.

Training computes features from BodyFrames built by the runtime path itself
(:func:`oefensense.io.body_frames.runtime_body_frame`: ``Pipeline`` = ``SensorChain`` +
``Synchroniser``), with the same functions, so training and runtime cannot diverge.
"""

from .posture_features import (
    CONTEXT_S,
    FEATURE_WINDOW_S,
    LABEL_DELAY_S,
    MODEL_STATES,
    feature_names,
    history_samples,
    placement_features,
    stacked_feature_names,
    stacked_features,
)

__all__ = [
    "CONTEXT_S",
    "LABEL_DELAY_S",
    "MODEL_STATES",
    "history_samples",
    "stacked_feature_names",
    "stacked_features",
    "FEATURE_WINDOW_S",
    "feature_names",
    "placement_features",
]
