"""hmm_forward (compiled HMM filter) gives the same floats as the per-tick numpy loop the posture
stage runs, on the shipped model's real emissions; ONNX inference takes float32 rows unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.analysis.models import load_model
from oefensense.analysis.posture_model import hmm_forward, transition_matrix
from oefensense.io.body_frames import runtime_body_frame
from oefensense.features.posture_features import history_samples, stacked_features

HAPT = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def numpy_loop(alpha, a_mat, lik):
    """The posture stage's loop (oefensense.analysis.posture.PostureStage.process)."""
    out = []
    for row in lik:
        alpha = row / row.sum() if alpha is None else (alpha @ a_mat) * row
        alpha /= alpha.sum()
        out.append(alpha)
    return np.array(out)


@pytest.fixture(scope="module")
def emissions() -> np.ndarray:
    frame, _ = runtime_body_frame(HAPT)
    ends = np.flatnonzero(frame.t_ns % 500_000_000 == 0)
    ends = ends[ends >= history_samples(frame.rate_hz) - 1]
    x = stacked_features(frame["pelvis_acc_g"], frame["pelvis_inclination_deg"], frame.rate_hz, ends)
    model = load_model("posture")
    return model.predict_proba(x) / model.class_prior + 1e-4


def test_hmm_forward_equals_numpy_loop_bit_for_bit(emissions) -> None:
    lik = emissions
    assert len(lik) > 400
    for constrained in (True, False):
        a = transition_matrix(0.995, 0.8, 1e-6, constrained=constrained)
        want = numpy_loop(None, a, lik)
        np.testing.assert_array_equal(hmm_forward(None, a, lik), want)
        # carried state across blocks (how a stream calls it) = one call over everything
        k = 137
        head = hmm_forward(None, a, lik[:k])
        np.testing.assert_array_equal(np.vstack([head, hmm_forward(head[-1], a, lik[k:])]), want)


def test_hmm_forward_shapes_and_errors() -> None:
    a = transition_matrix(0.995, 0.8, 1e-6, constrained=True)
    assert hmm_forward(None, a, np.empty((0, 10))).shape == (0, 10)
    with pytest.raises(ValueError):
        hmm_forward(None, a, np.ones((3, 9)))
    with pytest.raises(ValueError):
        hmm_forward(np.ones(9), a, np.ones((3, 10)))


def test_predict_proba_same_for_float32_and_float64_input(emissions) -> None:
    model = load_model("posture")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 57)).astype(np.float32)
    np.testing.assert_array_equal(model.predict_proba(x), model.predict_proba(x.astype(np.float64)))
    np.testing.assert_array_equal(model.predict_proba(x[::2]), model.predict_proba(np.ascontiguousarray(x[::2])))


def test_transition_matrix_cached_read_only_and_row_stochastic() -> None:
    a = transition_matrix(0.995, 0.8, 1e-6, constrained=True)
    assert a is transition_matrix(0.995, 0.8, 1e-6, True)
    assert not a.flags.writeable
    with pytest.raises(ValueError):
        a[0, 0] = 1.0
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)
    b = transition_matrix(0.9, 0.5, 1e-3, constrained=False)
    assert b is not a and b[0, 0] == 0.9 and b[4, 4] == 0.5


def test_predict_proba_rows_do_not_depend_on_the_batch(emissions) -> None:
    """A tick's probabilities are the same bits whether its row comes alone, in an odd or even
    batch, first or last (streams split blocks anywhere; the MLP's matrix kernels would otherwise
    round a lone row differently)."""
    frame, _ = runtime_body_frame(HAPT)
    ends = np.flatnonzero(frame.t_ns % 500_000_000 == 0)
    ends = ends[ends >= history_samples(frame.rate_hz) - 1]
    x = stacked_features(frame["pelvis_acc_g"], frame["pelvis_inclination_deg"], frame.rate_hz, ends)
    model = load_model("posture")
    whole = model.predict_proba(x)
    np.testing.assert_allclose(whole.sum(axis=1), 1.0, rtol=1e-5)
    rng = np.random.default_rng(1)
    for _ in range(20):
        cuts = np.sort(rng.choice(np.arange(1, len(x)), rng.integers(1, 60), replace=False))
        parts = np.vstack([model.predict_proba(p) for p in np.split(x, cuts)])
        np.testing.assert_array_equal(parts, whole)
    np.testing.assert_array_equal(np.vstack([model.predict_proba(x[i : i + 1]) for i in range(len(x))]), whole)


def test_exported_probabilities_are_sharpened_as_the_card_says() -> None:
    """The shipped graph outputs softmax(log p / T) with the card's temperature (metadata and card
    agree), i.e. rows that sum to one and are sharper than the classifier's own."""
    import tomllib

    import onnx

    root = Path(__file__).resolve().parents[2] / "models" / "posture_waist"
    card = tomllib.loads((root / "model_card.toml").read_text())
    meta = {p.key: p.value for p in onnx.load(str(root / "model.onnx")).metadata_props}
    assert float(meta["emission_temperature"]) == card["emission_temperature"]
    ops = [n.op_type for n in onnx.load(str(root / "model.onnx")).graph.node]
    if card["emission_temperature"] != 1.0:
        assert ops[-2:] == ["Mul", "Softmax"] and "Log" in ops
