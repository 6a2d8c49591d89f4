"""Run an iterator a few items ahead in a background thread (read and parse while the
pipeline computes).

pyarrow's CSV parser and file reads release the GIL, so on a machine with a second core the
parsing of the next block overlaps the analysis of the current one: the wall time of an
analysis from CSV drops by most of the parse time, the CPU seconds stay the same. The items
come out in the same order, and an exception the source raises comes out where it happened
(after the items before it), so results and error messages are those of the plain iterator.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_DONE = object()


class Prefetch(Generic[T]):
    """Iterate ``source`` in a daemon thread, at most ``depth`` items ahead of the consumer.

    :meth:`close` (also on garbage collection) stops the thread after its current item; a
    consumer that stops early therefore leaves no thread behind for long."""

    def __init__(self, source: Iterator[T], depth: int = 2, name: str = "oefensense-prefetch") -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._finished = False
        self.cpu_s = 0.0  # CPU seconds the background thread used (set when it ends)
        self._thread = threading.Thread(target=self._work, args=(source,), name=name, daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _work(self, source: Iterator[T]) -> None:
        t0 = time.thread_time()
        try:
            for item in source:
                if not self._put((item, None)):
                    return
            self._put((_DONE, None))
        except BaseException as exc:  # delivered to the consumer in order
            self._put((_DONE, exc))
        finally:
            self.cpu_s = time.thread_time() - t0
            close = getattr(source, "close", None)
            if close is not None and self._stop.is_set():
                try:
                    close()
                except Exception:  # noqa: BLE001 - an abandoned source's cleanup must not raise here
                    pass

    def __iter__(self) -> "Prefetch[T]":
        return self

    def __next__(self) -> T:
        if self._finished:
            raise StopIteration
        item, exc = self._queue.get()
        if item is _DONE:
            self._finished = True
            self._thread.join()
            if exc is not None:
                raise exc
            raise StopIteration
        return item

    def close(self) -> None:
        """Stop the background thread (the items it read ahead are dropped)."""
        self._finished = True
        self._stop.set()

    def join(self) -> None:
        """Wait until the background thread has stopped (after :meth:`close`: once it has
        finished the item it was on), so what it worked on may be used again."""
        self._thread.join()

    def __del__(self) -> None:
        self._stop.set()
