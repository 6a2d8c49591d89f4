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


class _Worker:
    """What the background thread holds: the queue, the stop flag and its CPU time, never the
    :class:`Prefetch` itself, so a consumer that drops a Prefetch without closing it lets it be
    collected, and collecting it stops the thread (it held its Prefetch, which therefore never
    was: one thread and its blocks left per abandoned reader)."""

    def __init__(self, depth: int) -> None:
        self.queue: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self.stop = threading.Event()
        self.cpu_s = 0.0

    def put(self, item: object) -> bool:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run(self, source: Iterator) -> None:
        t0 = time.thread_time()
        try:
            for item in source:
                self.cpu_s = time.thread_time() - t0  # so far: a consumer may read it between items
                if not self.put((item, None)):
                    return
            self.put((_DONE, None))
        except BaseException as exc:  # delivered to the consumer in order
            self.put((_DONE, exc))
        finally:
            self.cpu_s = time.thread_time() - t0
            close = getattr(source, "close", None)
            if close is not None and self.stop.is_set():
                try:
                    close()
                except Exception:  # noqa: BLE001 - an abandoned source's cleanup must not raise here
                    pass


class Prefetch(Generic[T]):
    """Iterate ``source`` in a daemon thread, at most ``depth`` items ahead of the consumer.

    :meth:`close` (also on garbage collection) stops the thread after its current item; a
    consumer that stops early therefore leaves no thread behind for long."""

    def __init__(self, source: Iterator[T], depth: int = 2, name: str = "oefensense-prefetch") -> None:
        self._worker = _Worker(depth)
        self._finished = False
        self._thread = threading.Thread(target=self._worker.run, args=(source,), name=name, daemon=True)
        self._thread.start()

    @property
    def cpu_s(self) -> float:
        """CPU seconds the background thread used (until its latest item; all once it ends)."""
        return self._worker.cpu_s

    @property
    def state(self) -> _Worker:
        """The thread's own state (``cpu_s``), for an owner that must not keep the Prefetch alive."""
        return self._worker

    def __iter__(self) -> "Prefetch[T]":
        return self

    def __next__(self) -> T:
        if self._finished:
            raise StopIteration
        item, exc = self._worker.queue.get()
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
        self._worker.stop.set()

    def join(self) -> None:
        """Wait until the background thread has stopped (after :meth:`close`: once it has
        finished the item it was on), so what it worked on may be used again."""
        self._thread.join()

    def __del__(self) -> None:
        worker = getattr(self, "_worker", None)
        if worker is not None:
            worker.stop.set()
