"""The sine and cosine of an angle channel in degrees, computed once per channel array (#20).

Two stages turn the chain's pelvis angles into an up-vector for every sample: the transitions
stage (``analysis/sit_stand.vertical_acc_g``: sin flexion, sin lateral, cos inclination) and the
lifting stage (``features/lifting_signals``: the same three and sin inclination). The sines and
cosines are 3 of the ~6 transcendental passes over every sample of an analysis (~12-20 ns a
sample each, glibc's), so the second stage takes the first one's arrays instead of recomputing
them: the same values, ``np.sin(np.radians(x))`` of the same array, bit for bit.

The results are kept for the :data:`MAX_KEPT` channel arrays used last, and never longer than
the array itself lives (a weak reference to it), and are read-only, since two stages share them.
The bound matters where frames are held: a training or benchmark script that keeps every frame
of hundreds of trials would otherwise keep up to seven more arrays per frame alive with them;
the pipeline hands each frame to the stages one after the other, so its three channels are
among the last ones used when the lifting stage asks. An input that is not
already a float64 array (a list, a float32 channel) is converted anew on every call, so nothing
is kept for it; the values are the same either way.

Computed in one compiled pass per channel (#20, seventeenth round), not ``np.radians`` then
``np.sin``: the same operations, so the same bits: ``x * (pi / 180)`` as numpy's ``deg2rad``,
then glibc's ``sin``/``cos``, which numpy's float64 loops call on this platform too (numba lowers
``math.sin`` to the same libm call; no fast-math, and numba's SVML vectorising is off, see
:data:`COMPILED`). A channel whose cosine is asked (the inclination) gets its sine from the same
call, glibc's ``sincos`` (one range reduction for both; its results are ``sin``'s and ``cos``'s,
glibc's ``s_sincos.c`` runs the same ``do_sin``/``do_cos``; glibc 2.36 here): the lifting stage asks for that sine
after the transitions stage asked for the cosine. ``tests/test_angle_trig.py`` compares every
value with numpy's bits. Unlike numpy, the kernels raise no "invalid value" warning for ±inf
(an angle channel is never infinite; the value is NaN either way).
"""

from __future__ import annotations

import math
import weakref
from collections import OrderedDict

import numba
import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

MAX_KEPT = 12  # channel arrays whose sines/cosines are kept (a frame's three, with room)

# id(channel array) -> (weak reference to it, {"rad" | "sin" | "cos": array}), least recently
# used first; an entry leaves when its array is collected (the callback runs before the id can
# be reused) or when MAX_KEPT newer arrays came after it
_KEPT: "OrderedDict[int, tuple[weakref.ref, dict[str, np.ndarray]]]" = OrderedDict()


def sin_deg(values: np.ndarray) -> np.ndarray:
    """``np.sin(np.radians(values))`` as float64, read-only; computed once per array."""
    return _derived(values, "sin")


def cos_deg(values: np.ndarray) -> np.ndarray:
    """``np.cos(np.radians(values))`` as float64, read-only; computed once per array."""
    return _derived(values, "cos")


def _derived(values: np.ndarray, kind: str) -> np.ndarray:
    x = np.asarray(values, float)
    kept = _kept_for(x) if x is values else None
    if kept is not None and kind in kept:
        return kept[kind]
    made = _computed(x, kind)
    for arr in made.values():
        arr.flags.writeable = False
    if kept is not None:
        for k, arr in made.items():
            kept.setdefault(k, arr)  # a sine made again with a cosine: the one handed out stays
    return made[kind]


def _computed(x: np.ndarray, kind: str) -> dict[str, np.ndarray]:
    """``{"sin": values}`` for a sine; for a cosine both (one ``sincos`` pass: a cosine alone
    would cost about as much)."""
    if not COMPILED or x.ndim != 1:
        rad = np.radians(x)
        return {"sin": np.sin(rad)} if kind == "sin" else {"sin": np.sin(rad), "cos": np.cos(rad)}
    sin = np.empty(len(x))
    if kind == "sin":
        _sin_deg_into(x, sin)
        return {"sin": sin}
    cos = np.empty(len(x))
    _sincos_deg_into(x, sin, cos)
    return {"sin": sin, "cos": cos}


def _kept_for(x: np.ndarray) -> dict[str, np.ndarray] | None:
    """The values kept for array ``x`` (made on first use); None if ``x`` cannot be tracked."""
    key = id(x)
    entry = _KEPT.get(key)
    if entry is not None and entry[0]() is x:
        _KEPT.move_to_end(key)
        return entry[1]
    try:
        ref = weakref.ref(x, lambda _ref, k=key: _KEPT.pop(k, None))
    except TypeError:
        return None
    kept: dict[str, np.ndarray] = {}
    _KEPT[key] = (ref, kept)
    while len(_KEPT) > MAX_KEPT:
        _KEPT.popitem(last=False)
    return kept


# numba's SVML (when Intel's runtime is installed) would vectorise ``math.sin`` with other bits
COMPILED = not numba.config.USING_SVML
_RAD_PER_DEG = math.pi / 180.0  # numpy's deg2rad: x * (NPY_PI / 180.0)


@intrinsic
def _sincos(typingctx, x):  # noqa: ANN001, ANN202 - numba's intrinsic protocol
    """``(sin(x), cos(x))`` from glibc's ``sincos``: one call, the two functions' own bits."""
    sig = types.UniTuple(types.float64, 2)(types.float64)

    def codegen(context, builder, signature, args):  # noqa: ANN001, ANN202
        dbl = ir.DoubleType()
        fnty = ir.FunctionType(ir.VoidType(), [dbl, dbl.as_pointer(), dbl.as_pointer()])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "sincos")
        s = cgutils.alloca_once(builder, dbl)
        c = cgutils.alloca_once(builder, dbl)
        builder.call(fn, [args[0], s, c])
        return context.make_tuple(builder, signature.return_type, [builder.load(s), builder.load(c)])
    return sig, codegen


@njit(cache=True, nogil=True)
def _sin_deg_into(x: np.ndarray, out: np.ndarray) -> None:
    """``out[i] = sin(radians(x[i]))`` (``np.sin(np.radians(x))``'s bits)."""
    for i in range(len(x)):
        out[i] = math.sin(x[i] * _RAD_PER_DEG)


@njit(cache=True, nogil=True)
def _sincos_deg_into(x: np.ndarray, sin_out: np.ndarray, cos_out: np.ndarray) -> None:
    """Both of the above in one pass, one glibc ``sincos`` a sample."""
    for i in range(len(x)):
        sin_out[i], cos_out[i] = _sincos(x[i] * _RAD_PER_DEG)
