"""The runtime's Scaler -> Sub + Mul rewrite of a model's bytes (analysis.onnx_scaler, #20 seventeenth
round): the same graph as the training export's pass (models.training.onnx_export), byte for byte;
onnxruntime's outputs of the shipped posture model bit-identical to the file as it is; anything
it does not handle comes back unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto

from oefensense.analysis import onnx_scaler
from oefensense.analysis.onnx_scaler import scalers_as_sub_mul
from oefensense.analysis.onnx_session import open_classifier
from oefensense.models.training.onnx_export import scalers_to_sub_mul

from .test_posture_export_scaler import bundled_rows, scaler_graph

ROOT = Path(__file__).resolve().parents[2]
POSTURE = ROOT / "models" / "posture_waist" / "model.onnx"
LIFTING = ROOT / "models" / "lifting" / "lift_waist_hgb.onnx"


def plain_session(model: bytes) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])


def export_pass(model: bytes) -> bytes:
    m = onnx.load_from_string(model)
    scalers_to_sub_mul(m)
    return m.SerializeToString()


def assert_same_bits(a: list[np.ndarray], b: list[np.ndarray]) -> None:
    for ya, yb in zip(a, b, strict=True):
        assert ya.dtype == yb.dtype and ya.shape == yb.shape
        np.testing.assert_array_equal(ya.view(np.uint8), yb.view(np.uint8))  # -0.0, NaN payloads too


def test_shipped_posture_model_rewritten_as_the_export_would() -> None:
    raw = POSTURE.read_bytes()
    new, n = scalers_as_sub_mul(raw)
    assert n == 5 and new != raw
    assert new == export_pass(raw)
    assert "Scaler" not in {node.op_type for node in onnx.load_from_string(new).graph.node}
    assert POSTURE.read_bytes() == raw  # the file (its sha256 is in the card) is not touched


def test_shipped_posture_model_same_outputs() -> None:
    """open_classifier's session (rewritten) against the file's graph as it is, every output."""
    raw = POSTURE.read_bytes()
    sess, name, _, meta = open_classifier(raw)
    plain = plain_session(raw)
    assert meta == dict(plain.get_modelmeta().custom_metadata_map) and "class_prior" in meta
    x, _ = bundled_rows()
    rng = np.random.default_rng(26)
    noise = (rng.standard_normal((512, x.shape[1])) * rng.choice([1e-3, 1.0, 30.0, 1e4], (512, 1))).astype(np.float32)
    special = np.array([0.0, -0.0, 1e-45, -1e-45, 3.4e38, -3.4e38, np.inf, -np.inf, np.nan], np.float32)
    noise[::7, ::3] = rng.choice(special, noise[::7, ::3].shape)
    for rows in (x, x[:1], x[:2], x[:361], noise):
        assert_same_bits(sess.run(None, {name: rows}), plain.run(None, {name: rows}))


def test_open_classifier_runs_the_rewrite(monkeypatch) -> None:
    seen = []

    def spy(model: bytes) -> tuple[bytes, int]:
        out = real(model)
        seen.append(out[1])
        return out

    real = onnx_scaler.scalers_as_sub_mul
    monkeypatch.setattr(onnx_scaler, "scalers_as_sub_mul", spy)
    open_classifier(POSTURE.read_bytes())
    assert seen == [5]


@pytest.mark.parametrize(("offset", "scale"), [([0.1, -2.5, 3.0e4, 7.0], [0.3, 1.7, 1e-4, -2.0]), ([2.5], [0.3])])
def test_small_graphs_both_attribute_forms(offset, scale) -> None:
    raw = scaler_graph(offset, scale).SerializeToString()
    new, n = scalers_as_sub_mul(raw)
    assert n == 1 and new == export_pass(raw)
    x = np.random.default_rng(1).uniform(-1e3, 1e3, (257, 4)).astype(np.float32)
    x[0] = [np.nan, np.inf, -0.0, 1e-45]
    got = plain_session(new).run(None, {"X": x})[0]
    want = (x - np.float32(offset)) * np.float32(scale)  # what Scaler computes, in float32, in that order
    np.testing.assert_array_equal(got.view(np.uint32), want.view(np.uint32))
    assert_same_bits([got], plain_session(raw).run(None, {"X": x}))


def _packed(attr: onnx.AttributeProto) -> bytes:
    """``attr`` serialised with its floats packed (one wire-type-2 field), not one fixed32 each."""
    raw = attr.SerializeToString()
    floats = np.array(attr.floats, np.float32).tobytes()
    unpacked = b"".join(b"\x3d" + floats[i:i + 4] for i in range(0, len(floats), 4))  # field 7, wire 5
    assert unpacked in raw and len(floats) < 128
    return raw.replace(unpacked, b"\x3a" + bytes([len(floats)]) + floats)  # field 7, wire 2


def test_packed_floats_read_as_unpacked() -> None:
    """A repeated float attribute written packed (proto2 writers do not, others may) gives the
    same rewrite as the usual unpacked form."""
    m = scaler_graph([0.1, -2.5, 3.0e4, 7.0], [0.3, 1.7, 1e-4, -2.0])
    want, n = scalers_as_sub_mul(m.SerializeToString())
    assert n == 1
    node = m.graph.node[0]
    # the node re-assembled by hand from its fields, each attribute packed
    enc = onnx_scaler._len_field
    node_bytes = b"".join(enc(1, i.encode()) for i in node.input) + b"".join(enc(2, o.encode()) for o in node.output)
    node_bytes += enc(3, node.name.encode()) + enc(4, node.op_type.encode())
    node_bytes += b"".join(enc(5, _packed(a)) for a in node.attribute) + enc(7, node.domain.encode())
    assert onnx.NodeProto.FromString(node_bytes) == node
    graph = onnx.GraphProto()
    graph.CopyFrom(m.graph)
    del graph.node[:]
    graph_bytes = enc(1, node_bytes) + graph.SerializeToString()
    assert onnx.GraphProto.FromString(graph_bytes) == m.graph
    model = onnx.ModelProto()
    model.CopyFrom(m)
    model.ClearField("graph")
    packed_model = model.SerializeToString() + enc(7, graph_bytes)
    assert onnx.ModelProto.FromString(packed_model) == m and packed_model != m.SerializeToString()
    got, n = scalers_as_sub_mul(packed_model)
    assert n == 1 and onnx.ModelProto.FromString(got) == onnx.ModelProto.FromString(want)


def test_left_unchanged_when_not_handled() -> None:
    for model in (scaler_graph([1.0], [2.0], dtype=TensorProto.DOUBLE), scaler_graph(None, [2.0])):
        raw = model.SerializeToString()
        assert scalers_as_sub_mul(raw) == (raw, 0)
    raw = POSTURE.read_bytes()
    for cut in (raw[:-7], raw[:len(raw) // 2], raw[:3]):  # malformed: not parsed into anything
        assert scalers_as_sub_mul(cut) == (cut, 0)
    lifting = LIFTING.read_bytes()  # trees, no Scaler
    assert scalers_as_sub_mul(lifting) == (lifting, 0)
