"""A replay's pipeline outputs kept on disk in chunks, so its memory does not grow with the
length of the recording (the product's rule; 157 MiB were held for a 10-min session).

Outputs are appended in session-time order and pickled a chunk at a time (about ``chunk_s``
session seconds) into a private temporary directory (0700, files 0600: they hold a patient's
data), removed when the store is closed or collected. In memory stay the chunk being written,
the chunk read last and one row per chunk (its first index and its output times). Replay
checkpoints (copies of the dashboard state) are kept there too (:meth:`put_state`).
"""

from __future__ import annotations

import bisect
import os
import pickle
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from oefensense.core.types import NS_PER_S


def _write_private(path: Path, obj: Any) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read(path: Path) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)


class OutputStore:
    """Outputs with their (non-decreasing) session times ``time_ns(i)``; ``spill=False`` keeps
    every chunk in memory (short test data), else chunks go to disk as they fill."""

    def __init__(self, chunk_s: float = 30.0, spill: bool = True, max_chunk_outputs: int = 4096) -> None:
        self.chunk_ns = int(chunk_s * NS_PER_S)
        self.max_chunk_outputs = max_chunk_outputs
        self.spill = spill
        self._dir: Path | None = None
        self._starts: list[int] = []  # first output index of each chunk
        self._last_t: list[int] = []  # last output time of each chunk (for bisect)
        self._times: list[np.ndarray] = []  # output times per chunk (int64, 8 bytes an output)
        self._mem: list[list[Any] | None] = []  # a chunk's outputs when not spilled
        self._open: list[Any] = []  # the chunk being written
        self._open_t: list[int] = []
        self._cache: tuple[int, list[Any]] | None = None  # (chunk, outputs) read last
        self._n = 0
        self.has_samples = False  # any output carries a sample (an empty session says so)
        self._finalizer: Any = None

    # ---------------------------------------------------------------- writing
    def append(self, out: Any, t_ns: int) -> None:
        if self._open_t and (t_ns - self._open_t[0] >= self.chunk_ns or len(self._open) >= self.max_chunk_outputs):
            self._close_chunk()
        self._open.append(out)
        self._open_t.append(int(t_ns))
        self._n += 1
        if not self.has_samples:
            self.has_samples = any(len(b) for b in (getattr(out, "samples", ()) or ()))

    def _directory(self) -> Path:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="oefensense-replay-"))  # mode 0700
            self._finalizer = weakref.finalize(self, shutil.rmtree, str(self._dir), True)
        return self._dir

    def _close_chunk(self) -> None:
        if not self._open:
            return
        k = len(self._starts)
        self._starts.append(self._n - len(self._open))
        self._last_t.append(self._open_t[-1])
        self._times.append(np.asarray(self._open_t, dtype=np.int64))
        if self.spill:
            _write_private(self._directory() / f"chunk{k:06d}.pickle", self._open)
            self._mem.append(None)
        else:
            self._mem.append(self._open)
        self._open, self._open_t = [], []

    def finish(self) -> "OutputStore":
        """Close the chunk being written (call once every output is in)."""
        self._close_chunk()
        return self

    # ---------------------------------------------------------------- reading
    def __len__(self) -> int:
        return self._n

    def _chunk_of(self, i: int) -> int:
        return bisect.bisect_right(self._starts, i) - 1

    def _chunk(self, k: int) -> list[Any]:
        if self._mem[k] is not None:
            return self._mem[k]
        if self._cache is None or self._cache[0] != k:
            self._cache = (k, _read(self._dir / f"chunk{k:06d}.pickle"))
        return self._cache[1]

    def __getitem__(self, i: int) -> Any:
        if not 0 <= i < self._n:
            raise IndexError(i)
        self.finish()
        k = self._chunk_of(i)
        return self._chunk(k)[i - self._starts[k]]

    def __iter__(self) -> Iterator[Any]:
        self.finish()
        for k in range(len(self._starts)):
            yield from self._chunk(k)

    def time_ns(self, i: int) -> int:
        self.finish()
        k = self._chunk_of(i)
        return int(self._times[k][i - self._starts[k]])

    def count_until(self, t_ns: int) -> int:
        """How many outputs have a time <= ``t_ns`` (``bisect_right`` over all times)."""
        self.finish()
        k = bisect.bisect_right(self._last_t, t_ns)
        if k >= len(self._starts):
            return self._n
        return self._starts[k] + int(np.searchsorted(self._times[k], t_ns, side="right"))

    @property
    def end_ns(self) -> int:
        self.finish()
        return self._last_t[-1] if self._last_t else 0

    # ---------------------------------------------------------------- states
    def put_state(self, key: int, state: Any) -> Any:
        """Keep ``state`` (a replay checkpoint) on disk when spilling; returns what :meth:`get_state`
        takes to give a fresh copy of it back."""
        if not self.spill:
            return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._directory() / f"state{key:06d}.pickle"
        if not path.exists():
            _write_private(path, state)
        return path

    @staticmethod
    def get_state(handle: Any) -> Any:
        return pickle.loads(handle) if isinstance(handle, bytes) else _read(handle)

    def close(self) -> None:
        """Remove the files now (else when the store is collected)."""
        if self._finalizer is not None:
            self._finalizer()
        self._cache = None
