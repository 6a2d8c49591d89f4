"""Events sorted by time in bounded memory: sorted runs spilled to disk, merged at the end.

Stages make events final out of time order (a sitting bout is final when it ends, hours after
it began), and ``events.jsonl`` lists them by time. :class:`SortedSpill` keeps at most
``run_size`` events in memory; each full run is sorted and written to a private temporary file,
and :meth:`SortedSpill.sorted_lines` merges the runs (``heapq.merge``), so memory does not grow
with the length of the recording.
"""

from __future__ import annotations

import heapq
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class SortedSpill:
    """Items with a sort key, spilled to disk in sorted runs of ``run_size``.

    ``encode(item) -> (key, line)``: ``key`` a JSON-able list that orders the items, ``line`` the
    text written for the item (no newline)."""

    def __init__(self, encode: Callable[[Any], tuple[list, str]], run_size: int = 20_000) -> None:
        self._encode = encode
        self._run_size = run_size
        self._buffer: list[tuple[list, str]] = []
        self._dir: Path | None = None
        self._runs: list[Path] = []
        self.count = 0

    def add(self, items: list[Any]) -> None:
        for item in items:
            self._buffer.append(self._encode(item))
        self.count += len(items)
        if len(self._buffer) >= self._run_size:
            self._spill()

    def add_encoded(self, pairs: list[tuple[list, str]]) -> None:
        """Add items already encoded as (key, line) pairs (a caller that encodes in batches)."""
        self._buffer.extend(pairs)
        self.count += len(pairs)
        if len(self._buffer) >= self._run_size:
            self._spill()

    def _spill(self) -> None:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="oefensense-spill-"))  # 0700
        path = self._dir / f"run{len(self._runs):05d}.jsonl"
        self._buffer.sort(key=lambda kv: kv[0])
        with open(path, "w") as fh:
            for key, line in self._buffer:
                fh.write(json.dumps(key) + "\t" + line + "\n")
        self._runs.append(path)
        self._buffer = []

    def sorted_lines(self) -> Iterator[str]:
        """Every item's line, ordered by key (ties keep no particular order beyond the key)."""
        self._buffer.sort(key=lambda kv: kv[0])
        streams: list[Iterator[tuple[list, str]]] = [iter(self._buffer)]
        files = [open(p) for p in self._runs]
        try:
            streams += [(_split(raw) for raw in fh) for fh in files]
            for _, line in heapq.merge(*streams, key=lambda kv: kv[0]):
                yield line
        finally:
            for fh in files:
                fh.close()

    def close(self) -> None:
        """Remove the spilled runs."""
        self._buffer = []
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        self._runs = []


def _split(raw: str) -> tuple[list, str]:
    key, line = raw.rstrip("\n").split("\t", 1)
    return json.loads(key), line
