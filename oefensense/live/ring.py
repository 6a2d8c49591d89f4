"""A fixed-capacity ring buffer of timestamped rows (numpy, no Python per-sample loops).

Used by the live snapshot sink to keep the last N seconds of traces for the dashboard. Appends
are vectorised; :meth:`RingBuffer.view` returns the rows in time order as a fresh copy, so a
reader on another thread never sees a half-written buffer (the caller holds the lock).
"""

from __future__ import annotations

import numpy as np


class RingBuffer:
    """Last ``capacity`` rows of ``(t_ns int64, values float32[width])``.

    ``t_ns`` is the session clock in ns; values keep whatever unit the caller stores
    (degrees for angles, g for acceleration).
    """

    def __init__(self, capacity: int, width: int = 1) -> None:
        if capacity <= 0 or width <= 0:
            raise ValueError("capacity and width must be positive")
        self.capacity = int(capacity)
        self.width = int(width)
        self._t = np.zeros(self.capacity, dtype=np.int64)
        self._v = np.zeros((self.capacity, self.width), dtype=np.float32)
        self._head = 0  # next write index
        self._count = 0  # valid rows (<= capacity)
        self.total = 0  # rows ever appended

    def __len__(self) -> int:
        return self._count

    def clear(self) -> None:
        self._head = 0
        self._count = 0
        self.total = 0

    def append(self, t_ns: np.ndarray, values: np.ndarray) -> None:
        """Append rows; ``values`` of shape (n,) or (n, width). Older rows fall out."""
        t = np.asarray(t_ns, dtype=np.int64).reshape(-1)
        v = np.asarray(values, dtype=np.float32).reshape(t.shape[0], self.width)
        n = t.shape[0]
        if n == 0:
            return
        self.total += n
        if n >= self.capacity:  # only the newest rows fit
            self._t[:] = t[-self.capacity :]
            self._v[:] = v[-self.capacity :]
            self._head = 0
            self._count = self.capacity
            return
        end = self._head + n
        if end <= self.capacity:
            self._t[self._head : end] = t
            self._v[self._head : end] = v
        else:
            k = self.capacity - self._head
            self._t[self._head :] = t[:k]
            self._v[self._head :] = v[:k]
            self._t[: n - k] = t[k:]
            self._v[: n - k] = v[k:]
        self._head = end % self.capacity
        self._count = min(self.capacity, self._count + n)

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        """(t_ns, values) of the held rows, oldest first, as copies."""
        if self._count < self.capacity:
            return self._t[: self._count].copy(), self._v[: self._count].copy()
        idx = np.r_[self._head : self.capacity, 0 : self._head]
        return self._t[idx], self._v[idx]

    def last_t_ns(self) -> int | None:
        """Newest timestamp, or None when empty."""
        if self._count == 0:
            return None
        return int(self._t[(self._head - 1) % self.capacity])
