"""One way to open an skl2onnx classifier with onnxruntime for the analysis stages."""

from __future__ import annotations

from typing import Any


def open_classifier(model: bytes) -> tuple[Any, str, str, dict[str, str]]:
    """(session, input name, probability output name, custom metadata) of an skl2onnx classifier
    exported with ``zipmap`` off (outputs: label, probabilities).

    One intra-op and one inter-op thread: the stages run inside the pipeline's own threads, and a
    thread pool per model would compete with them for the cores."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
    return sess, sess.get_inputs()[0].name, sess.get_outputs()[1].name, dict(sess.get_modelmeta().custom_metadata_map)
