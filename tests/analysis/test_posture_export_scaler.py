"""The training export's Scaler -> Sub + Mul pass (models.training.onnx_export.scalers_to_sub_mul)
leaves onnxruntime's outputs bit-identical: on a posture model exported the training way but with
its five ``Scaler`` nodes kept (the exported file already has Sub + Mul) with real feature rows (the
bundled HAPT recording; the HAPT training rows when ../shared/data is there) and random float32
rows with extremes, infinities and NaN; on small Scaler graphs of both attribute forms."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

from oefensense.features import MODEL_STATES
from oefensense.features.posture_features import history_samples, stacked_features
from oefensense.io.body_frames import runtime_body_frame
from oefensense.models.training.onnx_export import scalers_to_sub_mul

ROOT = Path(__file__).resolve().parents[2]
HAPT = ROOT / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def bundled_rows() -> tuple[np.ndarray, np.ndarray]:
    """(float32 stacked features, label index or -1) at the runtime's ticks of the bundled recording."""
    frame, labels = runtime_body_frame(HAPT)
    ends = np.flatnonzero(frame.t_ns % 500_000_000 == 0)
    ends = ends[ends >= history_samples(frame.rate_hz) - 1]
    x = stacked_features(frame["pelvis_acc_g"], frame["pelvis_inclination_deg"], frame.rate_hz, ends)
    lab = labels[ends - int(round(frame.rate_hz))]
    y = np.array([MODEL_STATES.index(v) if v in MODEL_STATES else -1 for v in lab])
    return np.ascontiguousarray(x, np.float32), y


def run(model: onnx.ModelProto, x: np.ndarray) -> list[np.ndarray]:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    return sess.run(None, {sess.get_inputs()[0].name: x})


def assert_bit_identical(a: onnx.ModelProto, b: onnx.ModelProto, x: np.ndarray) -> None:
    for ya, yb in zip(run(a, x), run(b, x), strict=True):
        assert ya.dtype == yb.dtype and ya.shape == yb.shape
        # bit patterns, not values: -0.0 vs 0.0 or a different NaN would count as a change
        np.testing.assert_array_equal(ya.view(np.uint8), yb.view(np.uint8))


@pytest.fixture(scope="module")
def exported() -> tuple[onnx.ModelProto, onnx.ModelProto]:
    """(as skl2onnx writes it, rewritten): the posture export (5 x StandardScaler + MLP, soft
    vote, sharpened) of small MLPs fitted on the bundled recording, before its Scaler rewrite."""
    from sklearn.ensemble import VotingClassifier
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from oefensense.models.training.train_posture import to_onnx_bytes

    x, y = bundled_rows()
    keep = y >= 0
    members = [(f"mlp{i}", make_pipeline(StandardScaler(), MLPClassifier((16,), max_iter=200, random_state=i)))
               for i in range(5)]
    with warnings.catch_warnings():  # a small fixture model: not converging fully is fine here
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = VotingClassifier(members, voting="soft", flatten_transform=False).fit(x[keep], y[keep])
    prior = np.bincount(y[keep], minlength=len(MODEL_STATES)) / keep.sum()
    old = onnx.load_from_string(to_onnx_bytes(clf, prior, x.shape[1], sub_mul=False))
    assert [n.op_type for n in old.graph.node].count("Scaler") == 5
    new = copy.deepcopy(old)
    assert scalers_to_sub_mul(new) == 5
    onnx.checker.check_model(new)
    assert "Scaler" not in {n.op_type for n in new.graph.node}
    return old, new


def test_posture_export_real_rows(exported) -> None:
    x, _ = bundled_rows()
    assert len(x) > 400 and np.isfinite(x).all()
    assert_bit_identical(*exported, x)
    assert_bit_identical(*exported, x[:1])  # a lone row takes another MLAS path
    assert_bit_identical(*exported, x[:361])


def test_posture_export_hapt_training_rows(exported) -> None:
    from oefensense.models.training.posture_data import data_dir, hapt_dataset

    try:
        data_dir()
    except FileNotFoundError:
        pytest.skip("../shared/data not found")
    x = np.ascontiguousarray(hapt_dataset().X, np.float32)
    assert len(x) > 20_000
    assert_bit_identical(*exported, x)


def test_posture_export_random_and_extreme_rows(exported) -> None:
    rng = np.random.default_rng(20)
    n_features = exported[0].graph.input[0].type.tensor_type.shape.dim[1].dim_value
    x = (rng.standard_normal((512, n_features)) * rng.choice([1e-3, 1.0, 30.0, 1e4], (512, 1))).astype(np.float32)
    special = np.array([0.0, -0.0, 1e-45, -1e-45, 3.4e38, -3.4e38, np.inf, -np.inf, np.nan], np.float32)
    x[::7, ::3] = rng.choice(special, x[::7, ::3].shape)
    assert_bit_identical(*exported, x)


def scaler_graph(offset: list[float] | None, scale: list[float], n: int = 4, dtype=TensorProto.FLOAT) -> onnx.ModelProto:
    attrs = {"scale": scale} if offset is None else {"offset": offset, "scale": scale}
    node = helper.make_node("Scaler", ["X"], ["Y"], domain="ai.onnx.ml", name="sc", **attrs)
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("X", dtype, [None, n])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, n])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 1)])


@pytest.mark.parametrize(("offset", "scale"), [([0.1, -2.5, 3.0e4, 7.0], [0.3, 1.7, 1e-4, -2.0]), ([2.5], [0.3])])
def test_small_graphs_both_attribute_forms(offset, scale) -> None:
    old = scaler_graph(offset, scale)
    new = copy.deepcopy(old)
    assert scalers_to_sub_mul(new) == 1
    assert [n.op_type for n in new.graph.node] == ["Sub", "Mul"]
    x = np.random.default_rng(1).uniform(-1e3, 1e3, (257, 4)).astype(np.float32)
    x[0] = [np.nan, np.inf, -0.0, 1e-45]
    assert_bit_identical(old, new, x)
    # and what both compute: (x - offset) * scale in float32, in that order
    want = (x - np.float32(offset)) * np.float32(scale)
    np.testing.assert_array_equal(run(new, x)[0].view(np.uint32), want.view(np.uint32))


def test_refuses_what_it_cannot_rewrite_exactly() -> None:
    with pytest.raises(ValueError, match="float32"):
        scalers_to_sub_mul(scaler_graph([1.0], [2.0], dtype=TensorProto.DOUBLE))
    with pytest.raises(ValueError, match="offset and scale"):
        scalers_to_sub_mul(scaler_graph(None, [2.0]))


def test_convert_scalers_rewrites_a_shipped_file_and_its_card(exported, tmp_path: Path) -> None:
    """``models.training.convert_scalers``: the file rewritten by the same pass, its card's sha256
    and notes following; refused when there is nothing to convert."""
    import hashlib

    from oefensense.models.training.convert_scalers import convert

    old, new = exported
    (tmp_path / "m.onnx").write_bytes(old.SerializeToString())
    card = ('# card\nname = "x"\nfile = "m.onnx"\nsha256 = "' + hashlib.sha256(old.SerializeToString()).hexdigest()
            + '"\n"emission_temperature_note" = "t"\n\n[input]\nrate_hz = 50.0\n')
    (tmp_path / "model_card.toml").write_text(card)
    sha = convert(tmp_path, n_rows=500)
    written = (tmp_path / "m.onnx").read_bytes()
    assert hashlib.sha256(written).hexdigest() == sha and written == new.SerializeToString()
    text = (tmp_path / "model_card.toml").read_text()
    assert f'sha256 = "{sha}"' in text and '"export_note" =' in text
    assert hashlib.sha256(old.SerializeToString()).hexdigest() in text  # the file it was made from
    assert text.endswith('[input]\nrate_hz = 50.0\n')  # the rest of the card as it was
    with pytest.raises(SystemExit, match="no Scaler node"):
        convert(tmp_path)


def test_the_shipped_posture_model_has_no_scaler_node() -> None:
    """onnxruntime's Scaler kernel cost the shipped model ~40 % of its time per block (#20); the
    file was converted on 5 Dec 2026 and a retrained one is exported without them."""
    model = onnx.load(str(ROOT / "models" / "posture_waist" / "model.onnx"))
    ops = [n.op_type for n in model.graph.node]
    assert "Scaler" not in ops and ops.count("Sub") == 5 and ops.count("Mul") >= 5
