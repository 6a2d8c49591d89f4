"""Small helpers for the ONNX files the training scripts write."""

from __future__ import annotations


def drop_unused_initializers(onx) -> None:
    """Remove graph initializers no node reads (in place). skl2onnx leaves the class table of a
    soft-voting classifier unused, and onnxruntime warns about it each time a session opens."""
    used = {name for node in onx.graph.node for name in node.input}
    for init in [i for i in onx.graph.initializer if i.name not in used]:
        onx.graph.initializer.remove(init)
