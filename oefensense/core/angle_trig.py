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
"""

from __future__ import annotations

import weakref
from collections import OrderedDict

import numpy as np

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
    rad = kept.get("rad") if kept is not None else None
    if rad is None:
        rad = np.radians(x)
    out = np.sin(rad) if kind == "sin" else np.cos(rad)
    out.flags.writeable = False
    if kept is not None:
        rad.flags.writeable = False
        kept["rad"], kept[kind] = rad, out
    return out


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
