"""Streaming model rows: :func:`~oefensense.features.posture_features.stacked_features` for the
ticks of one block, computing each window's features once (the context ticks 1 s and 2 s back
were ticks themselves) and keeping only the rows a later tick can still ask for.

Vectorised (a handful of numpy calls per block instead of Python loops over ticks); the rows are
the same bits as ``stacked_features`` (every row comes from ``window_features`` of its window).
"""

from __future__ import annotations

import numpy as np

from ..core.types import NS_PER_S
from .posture_features import CONTEXT_S, feature_names, orientation_names, window_features

_N_WINDOW_FEATURES = len(feature_names("")) + len(orientation_names(""))


class ContextFeatureCache:
    """Window features by tick time (session clock ns) for the context stacking of a stream.

    Call :meth:`rows` per block with the block's history-extended signals; :meth:`reset` when
    the stream restarts (a gap in the grid), since a time then names a different window.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._t = np.empty(0, np.int64)  # sorted tick times of the cached rows
        self._rows: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._t)

    def rows(self, acc_g: np.ndarray, incl_deg: np.ndarray, rate_hz: float, ticks: np.ndarray, t_ns: np.ndarray) -> np.ndarray:
        """Model rows (len(ticks), 19 * len(CONTEXT_S)) float32 for the windows ending at sample
        indices ``ticks`` of ``acc_g``/``incl_deg`` (``t_ns`` their session times): equal to
        ``stacked_features(acc_g, incl_deg, rate_hz, ticks)``. Every ``tick - context`` must be
        a valid window end (>= W - 1)."""
        ticks = np.asarray(ticks, np.int64)
        offs = np.array([int(round(c * rate_hz)) for c in CONTEXT_S], np.int64)
        if len(ticks) == 0:
            return np.empty((0, _N_WINDOW_FEATURES * len(offs)), np.float32)
        idx = (ticks[None, :] - offs[:, None]).reshape(-1)  # context-major: (len(offs) * m,)
        keys = np.asarray(t_ns, np.int64)[idx]
        # windows not cached yet, each once (sorted unique keys; ticks ascend within a block)
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        first = np.ones(len(sk), bool)
        first[1:] = sk[1:] != sk[:-1]
        cand, cand_idx = sk[first], idx[order[first]]
        pos = np.minimum(np.searchsorted(self._t, cand), max(len(self._t) - 1, 0))
        missing = ~(self._t[pos] == cand) if len(self._t) else np.ones(len(cand), bool)
        new_rows = window_features(acc_g, incl_deg, rate_hz, cand_idx[missing])
        if self._rows is None:
            all_t, all_rows = cand[missing], new_rows
        else:  # cached times all precede the new ones only without gaps: merge by sorting
            all_t = np.concatenate([self._t, cand[missing]])
            all_rows = np.concatenate([self._rows, new_rows])
            if len(self._t) and len(new_rows) and all_t[len(self._t)] < self._t[-1]:
                o = np.argsort(all_t, kind="stable")
                all_t, all_rows = all_t[o], all_rows[o]
        # each tick's context rows side by side: gathered tick-major, (m, len(offs), F), so the
        # reshape is free (np.take of whole rows: ~4x faster than fancy indexing and a transpose)
        m, f = len(ticks), all_rows.shape[1]
        pos = np.searchsorted(all_t, keys.reshape(len(offs), m).T)
        out = np.take(all_rows, pos, axis=0).reshape(m, len(offs) * f)
        # keep only what a later tick can still ask for (its context reaches max(CONTEXT_S) back)
        oldest = int(t_ns[ticks[-1]]) - int(round(max(CONTEXT_S) * NS_PER_S))
        keep = all_t >= oldest
        self._t, self._rows = all_t[keep], all_rows[keep]
        return out
