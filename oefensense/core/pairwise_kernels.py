"""numpy's pairwise summation, compiled (numba), shared by the kernels that must give numpy's
bits: :mod:`oefensense.features._posture_kernels` and :mod:`oefensense.orientation.evidence_kernels`.
Each builds its own splitting above 128 elements on this leaf (numba's cache cannot hold a
recursive function). No fast-math: no fused multiply-add, no reassociation.

The leaf's eight running sums are one 8-lane vector (#20, twelfth round): lane ``l`` adds
``a[lo + l], a[lo + 8 + l], ...`` in that order, exactly as numpy's ``r[l]`` does, so each lane
gives the same bits (an IEEE vector add is eight scalar adds); LLVM keeps eight scalar running
sums scalar, at ~5x the time. ``tests/test_pairwise_kernels.py`` compares it with numpy.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

_LANES = 8
_V8 = ir.VectorType(ir.DoubleType(), _LANES)
_I64 = ir.IntType(64)


def _loader(context, builder, aty, arr, lo_v):  # noqa: ANN001, ANN202
    """``load8(i)``: the vector ``a[lo + i : lo + i + 8]`` (i an int64 IR value)."""
    if aty.layout == "C":  # one unaligned vector load
        base = builder.gep(arr.data, [lo_v])

        def load8(i):  # noqa: ANN001, ANN202
            return builder.load(builder.bitcast(builder.gep(base, [i]), _V8.as_pointer()), align=8)
        return load8
    shape = cgutils.unpack_tuple(builder, arr.shape, 1)
    strides = cgutils.unpack_tuple(builder, arr.strides, 1)

    def load8_strided(i):  # noqa: ANN001, ANN202 - the same 8 elements one by one
        vec = ir.Constant(_V8, ir.Undefined)
        for lane in range(_LANES):
            k = builder.add(builder.add(lo_v, i), ir.Constant(_I64, lane))
            ptr = cgutils.get_item_pointer2(context, builder, arr.data, shape, strides, aty.layout, [k])
            vec = builder.insert_element(vec, builder.load(ptr), ir.Constant(ir.IntType(32), lane))
        return vec
    return load8_strided


def _lanes_codegen(lagged: bool):  # noqa: ANN202
    """The codegen of :func:`_lane_sums` (``lagged`` False) or :func:`_lane_lagprods`."""

    def codegen(context, builder, signature, args):  # noqa: ANN001, ANN202
        aty = signature.args[0]
        arr = context.make_array(aty)(context, builder, args[0])
        lo_v = context.cast(builder, args[1], signature.args[1], types.int64)
        m_v = context.cast(builder, args[-1], signature.args[-1], types.int64)
        load8 = _loader(context, builder, aty, arr, lo_v)
        if lagged:
            lag_v = context.cast(builder, args[2], signature.args[2], types.int64)

            def term(i):  # noqa: ANN001, ANN202 - the products, rounded, then added: no FMA
                return builder.fmul(load8(i), load8(builder.add(i, lag_v)))
        else:
            term = load8
        acc = cgutils.alloca_once(builder, _V8)
        builder.store(term(ir.Constant(_I64, 0)), acc)
        with cgutils.for_range_slice(builder, ir.Constant(_I64, _LANES), m_v, ir.Constant(_I64, _LANES)) as (i, _):
            builder.store(builder.fadd(builder.load(acc), term(i)), acc)
        vec = builder.load(acc)
        lanes = [builder.extract_element(vec, ir.Constant(ir.IntType(32), lane)) for lane in range(_LANES)]
        return context.make_tuple(builder, signature.return_type, lanes)

    return codegen


def _float64_vector(a) -> bool:  # noqa: ANN001
    return isinstance(a, types.Array) and a.ndim == 1 and a.dtype == types.float64


@intrinsic
def _lane_sums(typingctx, a, lo, m):  # noqa: ANN001, ANN202 - numba's intrinsic protocol
    """The 8 running sums of ``a[lo:lo + m]`` (float64, m a multiple of 8, m >= 8): lane ``l``
    is ``((a[lo + l] + a[lo + 8 + l]) + a[lo + 16 + l]) + ...``, as a tuple of 8 floats."""
    if not _float64_vector(a):
        return None
    return types.UniTuple(types.float64, _LANES)(a, lo, m), _lanes_codegen(False)


@intrinsic
def _lane_lagprods(typingctx, a, lo, lag, m):  # noqa: ANN001, ANN202
    """:func:`_lane_sums` of the products ``a[lo + k] * a[lo + k + lag]`` (k < m), each product
    rounded before it is added (no fused multiply-add), without storing them."""
    if not _float64_vector(a):
        return None
    return types.UniTuple(types.float64, _LANES)(a, lo, lag, m), _lanes_codegen(True)


@njit(cache=True, nogil=True)
def pairwise_leaf(a: np.ndarray, lo: int, n: int) -> float:
    """numpy's ``pairwise_sum`` of ``a[lo:lo + n]`` for n <= 128 (its ``PW_BLOCKSIZE``, no halving):
    eight interleaved running sums, combined ``((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))``,
    then the rest one by one."""
    if n < 8:
        res = 0.0
        for i in range(n):
            res += a[lo + i]
        return res
    m = n - n % 8
    r0, r1, r2, r3, r4, r5, r6, r7 = _lane_sums(a, lo, m)
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for i in range(m, n):
        res += a[lo + i]
    return res


@njit(cache=True, nogil=True)
def lagprod_leaf(a: np.ndarray, lo: int, lag: int, n: int) -> float:
    """:func:`pairwise_leaf` of the products ``a[lo + k] * a[lo + k + lag]`` (k < n <= 128),
    i.e. numpy's ``(x[:n] * x[lag:lag + n]).sum()`` leaf, without storing the products."""
    if n < 8:
        res = 0.0
        for i in range(n):
            res += a[lo + i] * a[lo + i + lag]
        return res
    m = n - n % 8
    r0, r1, r2, r3, r4, r5, r6, r7 = _lane_lagprods(a, lo, lag, m)
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for i in range(m, n):
        res += a[lo + i] * a[lo + i + lag]
    return res
