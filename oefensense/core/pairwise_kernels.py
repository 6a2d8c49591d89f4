"""numpy's pairwise summation, compiled (numba), shared by the kernels that must give numpy's
bits: :mod:`oefensense.features._posture_kernels` and :mod:`oefensense.orientation.evidence_kernels`.
Each builds its own splitting above 128 elements on this leaf (numba's cache cannot hold a
recursive function). No fast-math: no fused multiply-add, no reassociation.

The leaf's eight running sums are one 8-lane vector (#20, twelfth round): lane ``l`` adds
``a[lo + l], a[lo + 8 + l], ...`` in that order, exactly as numpy's ``r[l]`` does, so each lane
gives the same bits (an IEEE vector add is eight scalar adds); LLVM keeps eight scalar running
sums scalar, at ~5x the time. ``tests/test_pairwise_kernels.py`` compares it with numpy.

Two lagged-product leaves can run in one loop (:func:`lagprod_leaf_pair`, #20's thirteenth
round: two step lags of the posture kernel's autocorrelation, or a split's two halves): one
running vector's add waits ~4 cycles for the previous one, so two independent vectors take about
the time of one; each lane still adds its elements in numpy's order, so the bits are those of the
two leaves alone.
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


def _pair_codegen(lagged: bool):  # noqa: ANN202
    """Two leaves' lane sums in one loop (two independent running vectors, whose adds overlap in
    the pipeline instead of waiting on one another); each lane adds in the same order as alone.
    Arguments (a, lo_a, [lag_a,] m_a, lo_b, [lag_b,] m_b), m multiples of 8, >= 8 (``lagged``
    False: plain sums; only the lagged form is used, see the module doc)."""

    def codegen(context, builder, signature, args):  # noqa: ANN001, ANN202
        aty = signature.args[0]
        arr = context.make_array(aty)(context, builder, args[0])
        i64 = [context.cast(builder, v, t, types.int64) for v, t in zip(args[1:], signature.args[1:])]
        if lagged:
            lo_a, lag_a, m_a, lo_b, lag_b, m_b = i64
        else:
            lo_a, m_a, lo_b, m_b = i64
        zero = ir.Constant(_I64, 0)
        load8 = _loader(context, builder, aty, arr, zero)

        def term(lo, lag, i):  # noqa: ANN001, ANN202 - products rounded, then added: no FMA
            k = builder.add(lo, i)
            if not lagged:
                return load8(k)
            return builder.fmul(load8(k), load8(builder.add(k, lag)))
        la = lag_a if lagged else None
        lb = lag_b if lagged else None
        acc_a = cgutils.alloca_once(builder, _V8)
        acc_b = cgutils.alloca_once(builder, _V8)
        builder.store(term(lo_a, la, zero), acc_a)
        builder.store(term(lo_b, lb, zero), acc_b)
        eight = ir.Constant(_I64, _LANES)
        both = builder.select(builder.icmp_signed("<", m_a, m_b), m_a, m_b)
        with cgutils.for_range_slice(builder, eight, both, eight) as (i, _):
            builder.store(builder.fadd(builder.load(acc_a), term(lo_a, la, i)), acc_a)
            builder.store(builder.fadd(builder.load(acc_b), term(lo_b, lb, i)), acc_b)
        with cgutils.for_range_slice(builder, both, m_a, eight) as (i, _):
            builder.store(builder.fadd(builder.load(acc_a), term(lo_a, la, i)), acc_a)
        with cgutils.for_range_slice(builder, both, m_b, eight) as (i, _):
            builder.store(builder.fadd(builder.load(acc_b), term(lo_b, lb, i)), acc_b)
        out = []
        for acc in (acc_a, acc_b):
            vec = builder.load(acc)
            out += [builder.extract_element(vec, ir.Constant(ir.IntType(32), lane)) for lane in range(_LANES)]
        return context.make_tuple(builder, signature.return_type, out)

    return codegen


@intrinsic
def _pair_lagprods(typingctx, a, lo_a, lag_a, m_a, lo_b, lag_b, m_b):  # noqa: ANN001, ANN202
    """The lane sums of the products ``a[lo_a + k] * a[lo_a + k + lag_a]`` (k < m_a) and of
    ``a[lo_b + k] * a[lo_b + k + lag_b]`` (k < m_b), 16 floats."""
    if not _float64_vector(a):
        return None
    return types.UniTuple(types.float64, 2 * _LANES)(a, lo_a, lag_a, m_a, lo_b, lag_b, m_b), _pair_codegen(True)


@njit(cache=True, nogil=True)
def lagprod_leaf_pair(a: np.ndarray, lo_a: int, lag_a: int, n_a: int, lo_b: int, lag_b: int, n_b: int) -> tuple[float, float]:
    """``(lagprod_leaf(a, lo_a, lag_a, n_a), lagprod_leaf(a, lo_b, lag_b, n_b))`` in one loop (8 <= n <= 128)."""
    m_a, m_b = n_a - n_a % 8, n_b - n_b % 8
    r = _pair_lagprods(a, lo_a, lag_a, m_a, lo_b, lag_b, m_b)
    sa = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    sb = ((r[8] + r[9]) + (r[10] + r[11])) + ((r[12] + r[13]) + (r[14] + r[15]))
    for i in range(m_a, n_a):
        sa += a[lo_a + i] * a[lo_a + i + lag_a]
    for i in range(m_b, n_b):
        sb += a[lo_b + i] * a[lo_b + i + lag_b]
    return sa, sb
