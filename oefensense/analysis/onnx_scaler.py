"""An ONNX model's ``ai.onnx.ml`` ``Scaler`` nodes as ``Sub`` then ``Mul``, in the model's bytes,
before onnxruntime opens it (#20, seventeenth round).

``Scaler`` computes ``y = (x - offset) * scale`` in float32, per column; ``Sub(x, offset)`` then
``Mul(., scale)`` with the same float32 constants are the same two correctly rounded operations in
the same order, so the outputs are the same bits (tested on the shipped posture model), but
onnxruntime's ``Scaler`` kernel is slow (it takes ``i % stride`` per element): the shipped posture
model's five Scalers cost nearly as much as its 15 MatMuls. The training export already writes
``Sub`` + ``Mul`` (``models.training.onnx_export.scalers_to_sub_mul``, the same graph as this
one); the shipped file predates that and keeps its bytes (its sha256 is in the model card and in
batch jobs' ``model_hashes``), so the runtime rewrites it in memory.

The ``onnx`` package is not a runtime dependency (and costs ~0.7 CPU s to import), so this reads
and writes the protobuf wire format itself, touching only the fields it needs: every other field
is copied byte for byte. A model it does not understand (a Scaler on a non-float32 or unknown
input, a missing attribute, a malformed message) is returned unchanged: only slower, never
different.
"""

from __future__ import annotations

import struct

# field numbers of onnx.proto (ModelProto.graph, GraphProto.node/initializer/input, ...)
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_INITIALIZER, _GRAPH_INPUT = 1, 5, 11
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP_TYPE, _NODE_ATTRIBUTE, _NODE_DOMAIN = 1, 2, 3, 4, 5, 7
_ATTR_NAME, _ATTR_FLOATS = 1, 7
_TENSOR_DIMS, _TENSOR_DATA_TYPE, _TENSOR_NAME, _TENSOR_RAW = 1, 2, 8, 9
_VALUE_NAME, _VALUE_TYPE, _TYPE_TENSOR, _TENSOR_TYPE_ELEM = 1, 2, 1, 1
_FLOAT = 1  # TensorProto.FLOAT
_VARINT, _FIXED64, _LEN, _FIXED32 = 0, 1, 2, 5


class _Malformed(ValueError):
    """Bytes that are not the protobuf message expected."""


def _read_varint(buf: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise _Malformed("truncated varint")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, pos
        shift += 7


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _fields(buf: bytes) -> list[tuple[int, int, int | bytes, bytes]]:
    """The message's fields in order: (number, wire type, value, the field's whole bytes). The
    value is an int (varint), the payload (length-delimited) or the 8/4 raw bytes (fixed)."""
    out = []
    pos = 0
    while pos < len(buf):
        start = pos
        key, pos = _read_varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == _VARINT:
            value, pos = _read_varint(buf, pos)
        elif wire == _LEN:
            n, pos = _read_varint(buf, pos)
            if pos + n > len(buf):
                raise _Malformed("truncated field")
            value, pos = buf[pos:pos + n], pos + n
        elif wire in (_FIXED64, _FIXED32):
            n = 8 if wire == _FIXED64 else 4
            if pos + n > len(buf):
                raise _Malformed("truncated field")
            value, pos = buf[pos:pos + n], pos + n
        else:  # groups (3, 4) are not in onnx.proto
            raise _Malformed(f"wire type {wire}")
        out.append((num, wire, value, buf[start:pos]))
    return out


def _len_field(num: int, payload: bytes) -> bytes:
    return _varint(num << 3 | _LEN) + _varint(len(payload)) + payload


def _strings(fields: list, num: int) -> list[bytes]:
    return [v for n, w, v, _ in fields if n == num and w == _LEN]  # type: ignore[misc]


def _one_string(fields: list, num: int) -> bytes:
    got = _strings(fields, num)
    return got[-1] if got else b""  # protobuf: the last one wins


def _floats(fields: list, num: int) -> bytes:
    """A repeated float field's values as little-endian float32 bytes (packed or not)."""
    out = b""
    for n, w, v, _ in fields:
        if n != num:
            continue
        if w == _FIXED32:
            out += v  # type: ignore[operator]
        elif w == _LEN and len(v) % 4 == 0:  # type: ignore[arg-type]
            out += v  # type: ignore[operator]
        else:
            raise _Malformed(f"float field {num} with wire type {w}")
    return out


def _input_types(graph: list) -> dict[bytes, int]:
    """Graph input name -> tensor element type (0 when it is not a tensor)."""
    out = {}
    for payload in _strings(graph, _GRAPH_INPUT):
        vi = _fields(payload)
        elem = 0
        for typ in _strings(vi, _VALUE_TYPE):
            for tensor in _strings(_fields(typ), _TYPE_TENSOR):
                for n, w, v, _ in _fields(tensor):
                    if n == _TENSOR_TYPE_ELEM and w == _VARINT:
                        elem = v  # type: ignore[assignment]
        out[_one_string(vi, _VALUE_NAME)] = elem
    return out


def _node(inputs: list[bytes], output: bytes, name: bytes, op_type: bytes) -> bytes:
    body = b"".join(_len_field(_NODE_INPUT, i) for i in inputs)
    body += _len_field(_NODE_OUTPUT, output) + _len_field(_NODE_NAME, name) + _len_field(_NODE_OP_TYPE, op_type)
    return _len_field(_GRAPH_NODE, body)


def _float_tensor(name: bytes, raw: bytes) -> bytes:
    body = _varint(_TENSOR_DIMS << 3 | _VARINT) + _varint(len(raw) // 4)
    body += _varint(_TENSOR_DATA_TYPE << 3 | _VARINT) + _varint(_FLOAT)
    body += _len_field(_TENSOR_NAME, name) + _len_field(_TENSOR_RAW, raw)
    return _len_field(_GRAPH_INITIALIZER, body)


def _rewrite_graph(graph_bytes: bytes) -> tuple[bytes, int]:
    graph = _fields(graph_bytes)
    elem = _input_types(graph)
    taken = set(elem)
    for n, w, v, _ in graph:
        if n == _GRAPH_NODE and w == _LEN:
            taken.update(_strings(_fields(v), _NODE_OUTPUT))  # type: ignore[arg-type]
        elif n == _GRAPH_INITIALIZER and w == _LEN:
            taken.add(_one_string(_fields(v), _TENSOR_NAME))  # type: ignore[arg-type]
    parts: list[bytes] = []
    inits: list[bytes] = []
    at = 0  # the new initializers follow the fields numbered up to initializer's (onnx's order)
    done = 0
    for n, w, v, whole in graph:
        node = _fields(v) if n == _GRAPH_NODE and w == _LEN else None  # type: ignore[arg-type]
        if node is None or _one_string(node, _NODE_OP_TYPE) != b"Scaler" or \
                _one_string(node, _NODE_DOMAIN) != b"ai.onnx.ml":
            parts.append(whole)
            if n <= _GRAPH_INITIALIZER:
                at = len(parts)
            continue
        ins, outs = _strings(node, _NODE_INPUT), _strings(node, _NODE_OUTPUT)
        attrs = {_one_string(_fields(a), _ATTR_NAME): _floats(_fields(a), _ATTR_FLOATS)
                 for a in _strings(node, _NODE_ATTRIBUTE)}
        if len(ins) != 1 or len(outs) != 1 or elem.get(ins[0]) != _FLOAT or set(attrs) != {b"offset", b"scale"} \
                or not all(attrs.values()):
            raise _Malformed("a Scaler this rewrite does not handle")
        out = outs[0]
        off, scl, mid = out + b"_scaler_offset", out + b"_scaler_scale", out + b"_scaler_centred"
        if taken & {off, scl, mid}:
            raise _Malformed("names taken")
        inits += [_float_tensor(off, attrs[b"offset"]), _float_tensor(scl, attrs[b"scale"])]
        parts += [_node([ins[0], off], mid, out + b"_sub", b"Sub"), _node([mid, scl], out, out + b"_mul", b"Mul")]
        done += 1
        at = len(parts)
    if not done:
        return graph_bytes, 0
    parts[at:at] = inits
    return b"".join(parts), done


def scalers_as_sub_mul(model: bytes) -> tuple[bytes, int]:
    """(the model's bytes with each ``ai.onnx.ml`` ``Scaler`` node replaced by ``Sub`` then
    ``Mul`` of float32 initializers, how many were replaced). The same graph as
    ``models.training.onnx_export.scalers_to_sub_mul`` writes; ``model`` unchanged (and 0) when it
    has no Scaler or one this does not handle."""
    model = bytes(model)
    if b"Scaler" not in model:  # no node of that type: nothing to parse (the 1 MB lifting model)
        return model, 0
    try:
        top = _fields(model)
        graphs = [i for i, (n, w, _, _) in enumerate(top) if n == _MODEL_GRAPH and w == _LEN]
        if len(graphs) != 1:
            return model, 0
        i = graphs[0]
        graph, done = _rewrite_graph(top[i][2])  # type: ignore[arg-type]
    except _Malformed:
        return model, 0
    if not done:
        return model, 0
    parts = [whole for _, _, _, whole in top]
    parts[i] = _len_field(_MODEL_GRAPH, graph)
    return b"".join(parts), done
