"""``train_posture``'s export parity check (sklearn vs the exported ONNX in onnxruntime) takes the
rows the runtime classifies: rows with a non-finite feature (``acc_interpolation="sinc"``: the
0.2 s at a recording's ends) are left out instead of crashing the command (``ValueError: Input X
contains NaN``, val-7), and the finite rows give the figures they give alone."""

from __future__ import annotations

import numpy as np

from oefensense.features import MODEL_STATES


def test_parity_leaves_out_non_finite_rows() -> None:
    from sklearn.ensemble import VotingClassifier

    from oefensense.models.training import train_posture as tp

    rng = np.random.default_rng(0)
    n_feat, k = 6, len(MODEL_STATES)
    y = np.repeat(np.arange(k), 40)
    X = (rng.standard_normal((len(y), n_feat)) + y[:, None]).astype(np.float32)
    members = [(f"mlp{i}", tp.make_classifier("mlp", {"hidden_layer_sizes": [8], "max_iter": 200, "random_state": i}))
               for i in range(2)]
    clf = VotingClassifier(members, voting="soft", flatten_transform=False).fit(X, y)
    blob = tp.to_onnx_bytes(clf, np.full(k, 1.0 / k), n_feat)
    alone = tp.parity(clf, blob, X)
    Xn = X.copy()
    Xn[[3, 50, 51], [0, 2, 5]] = [np.nan, np.inf, -np.inf]
    with_bad = tp.parity(clf, blob, Xn)  # crashed before: sklearn refuses NaN
    assert with_bad == tp.parity(clf, blob, np.delete(X, [3, 50, 51], axis=0))
    assert with_bad["onnx_label_agreement"] == 1.0 and alone["onnx_label_agreement"] == 1.0
    assert with_bad["onnx_max_abs_prob_diff"] < 1e-5
