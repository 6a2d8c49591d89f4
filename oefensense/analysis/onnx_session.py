"""One way to open an skl2onnx classifier with onnxruntime for the analysis stages."""

from __future__ import annotations

from typing import Any


def open_classifier(model: bytes) -> tuple[Any, str, str, dict[str, str]]:
    """(session, input name, probability output name, custom metadata) of an skl2onnx classifier
    exported with ``zipmap`` off (outputs: label, probabilities).

    One intra-op and one inter-op thread: the stages run inside the pipeline's own threads, and a
    thread pool per model would compete with them for the cores. ``ai.onnx.ml`` ``Scaler`` nodes
    run as ``Sub`` + ``Mul`` (:func:`.onnx_scaler.scalers_as_sub_mul`: the same bits, the shipped
    posture model's run ~40 % faster; the file and its sha256 are not touched)."""
    import onnxruntime as ort

    from .onnx_scaler import scalers_as_sub_mul

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(scalers_as_sub_mul(model)[0], opts, providers=["CPUExecutionProvider"])
    return sess, sess.get_inputs()[0].name, sess.get_outputs()[1].name, dict(sess.get_modelmeta().custom_metadata_map)
