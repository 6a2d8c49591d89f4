"""Small helpers for the ONNX files the training scripts write."""

from __future__ import annotations


def drop_unused_initializers(onx) -> None:
    """Remove graph initializers no node reads (in place). skl2onnx leaves the class table of a
    soft-voting classifier unused, and onnxruntime warns about it each time a session opens."""
    used = {name for node in onx.graph.node for name in node.input}
    for init in [i for i in onx.graph.initializer if i.name not in used]:
        onx.graph.initializer.remove(init)


def scalers_to_sub_mul(onx) -> int:
    """Replace each ``ai.onnx.ml`` ``Scaler`` node by ``Sub`` then ``Mul`` with float32
    initializers (in place); returns how many were replaced.

    ``Scaler`` computes ``y = (x - offset) * scale`` per column (``offset``/``scale``: one value
    for all columns or one per column, float32 attributes); ``Sub(x, offset)`` then
    ``Mul(·, scale)`` are the same two float32 operations in the same order, so outputs are
    bit-identical, but onnxruntime runs its ``Scaler`` kernel far slower than the two vectorised
    elementwise kernels (the posture MLPs' five Scalers cost nearly as much as their 15 MatMuls:
    benchmarks/RESULTS.md, fourteenth round). Only float32 inputs are rewritten (``Scaler`` casts
    integer and double inputs to float first, ``Sub`` would not): anything else raises."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    g = onx.graph
    elem = {v.name: v.type.tensor_type.elem_type for v in list(g.input) + list(g.value_info)}
    taken = {i.name for i in g.initializer} | {o for n in g.node for o in n.output} | {i.name for i in g.input}
    nodes, inits, n_done = [], [], 0
    for node in g.node:
        if node.op_type != "Scaler" or node.domain != "ai.onnx.ml":
            nodes.append(node)
            continue
        attrs = {a.name: np.array(a.floats, np.float32) for a in node.attribute}
        if set(attrs) != {"offset", "scale"} or not all(v.size for v in attrs.values()):
            raise ValueError(f"Scaler {node.name!r}: needs non-empty offset and scale, has {sorted(attrs)}")
        if elem.get(node.input[0]) != TensorProto.FLOAT:
            raise ValueError(f"Scaler {node.name!r}: input {node.input[0]!r} is not a known float32 tensor")
        out = node.output[0]
        off, scl, mid = f"{out}_scaler_offset", f"{out}_scaler_scale", f"{out}_scaler_centred"
        if taken & {off, scl, mid}:
            raise ValueError(f"Scaler {node.name!r}: names {off!r}/{scl!r}/{mid!r} already in the graph")
        inits += [numpy_helper.from_array(attrs["offset"], off), numpy_helper.from_array(attrs["scale"], scl)]
        nodes += [
            helper.make_node("Sub", [node.input[0], off], [mid], name=f"{out}_sub"),
            helper.make_node("Mul", [mid, scl], [out], name=f"{out}_mul"),
        ]
        n_done += 1
    del g.node[:]
    g.node.extend(nodes)
    g.initializer.extend(inits)
    return n_done


def detector_with_technique(det, tech, tech_cols: tuple[int, int] = (1, 3)):
    """One classifier graph (outputs: label, probabilities; same input) from two skl2onnx
    classifiers of the same rows and classes (none, squat, stoop): P(none) from ``det``, and
    P(lift) = 1 − P(none) split between squat and stoop as ``tech`` splits it:
    ``[p0, (1 − p0)·q1/(q1 + q2), (1 − p0)·q2/(q1 + q2)]`` (p from ``det``; q1, q2: ``tech``'s
    probability columns ``tech_cols`` [start, stop), (1, 3) for a none/squat/stoop model, (0, 2)
    for a squat/stoop one).
    Both ``onnx.ModelProto``; returns a new one (``det``'s metadata is not copied)."""
    import numpy as np
    from onnx import TensorProto, compose, helper, numpy_helper

    a = compose.add_prefix(det, "det_")
    b = compose.add_prefix(tech, "tech_")
    x = det.graph.input[0]
    na, nb = a.graph.input[0].name, b.graph.input[0].name
    nodes = []
    for n in list(a.graph.node) + list(b.graph.node):
        for i, name in enumerate(n.input):
            if name in (na, nb):
                n.input[i] = x.name
        nodes.append(n)
    pa, pb = a.graph.output[1].name, b.graph.output[1].name
    consts = [numpy_helper.from_array(np.array(v, np.int64), name) for name, v in
              (("cmb_0", [0]), ("cmb_1", [1]), ("cmb_ta", [tech_cols[0]]),
                                                               ("cmb_tb", [tech_cols[1]]), ("cmb_ax", [1]))]
    consts.append(numpy_helper.from_array(np.array(1.0, np.float32), "cmb_one"))
    consts.append(numpy_helper.from_array(np.array(1e-12, np.float32), "cmb_eps"))
    nodes += [
        helper.make_node("Slice", [pa, "cmb_0", "cmb_1", "cmb_ax"], ["cmb_p0"]),
        helper.make_node("Sub", ["cmb_one", "cmb_p0"], ["cmb_lift"]),
        helper.make_node("Slice", [pb, "cmb_ta", "cmb_tb", "cmb_ax"], ["cmb_q"]),
        helper.make_node("ReduceSum", ["cmb_q", "cmb_ax"], ["cmb_qs"], keepdims=1),
        helper.make_node("Max", ["cmb_qs", "cmb_eps"], ["cmb_qd"]),
        helper.make_node("Div", ["cmb_q", "cmb_qd"], ["cmb_qn"]),
        helper.make_node("Mul", ["cmb_qn", "cmb_lift"], ["cmb_pl"]),
        helper.make_node("Concat", ["cmb_p0", "cmb_pl"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, "lift_detector_with_technique", [x],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])],
        initializer=list(a.graph.initializer) + list(b.graph.initializer) + consts)
    opsets = {o.domain: o.version for o in list(det.opset_import) + list(tech.opset_import)}
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets.items()])
    model.ir_version = det.ir_version
    return model
