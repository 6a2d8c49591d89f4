"""BackgroundSessionWriter: the SessionWriter API, with all file work on a recorder thread.

A flush (zstd compression, writes) and a rotation (fsyncs, manifest rewrite) pause the calling
thread for milliseconds, tens under load (``benchmarks/bench_session.py``: ``flush_ms_*``). The
engine thread runs BLE and must not pause, so this facade only enqueues each call; one worker
thread owns the real ``SessionWriter``, wakes at least every flush interval (so buffered data is
flushed even when no data arrives) and writes. Items must not be mutated after they are handed
over (``RawPacket``/``Event`` are frozen; give ``SampleBlock`` arrays you no longer change).

Crash safety is the SessionWriter's: at most about one flush interval is lost (plus what is still
queued, normally microseconds). An error in the worker (disk full) is raised by the next call and
by ``close()``. The queue is bounded: if the disk stalls for long, callers block rather than the
process growing without limit.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import Any

from ..core.types import Event, RawPacket, SampleBlock, SensorInfo
from .errors import SessionError
from .writer import SessionWriter

_STOP = object()


class BackgroundSessionWriter:
    """Same constructor and methods as :class:`SessionWriter`; thread-safe to call from any one
    producer thread. ``max_queued_calls`` bounds the queue (calls, not rows)."""

    def __init__(self, path: str | os.PathLike[str], *, max_queued_calls: int = 100_000, **writer_kwargs: Any) -> None:
        self._writer = SessionWriter(path, **writer_kwargs)  # created here: bad arguments raise at once
        self.path = self._writer.path
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max_queued_calls)
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="oefensense-recorder", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ producer side

    def add_sensor(self, info: SensorInfo) -> None:
        self._put("add_sensor", info)

    def write_packets(self, packets: list[RawPacket]) -> None:
        if packets:
            self._put("write_packets", list(packets))

    def write_samples(self, block: SampleBlock) -> None:
        self._put("write_samples", block)

    def write_events(self, events: list[Event]) -> None:
        if events:
            self._put("write_events", list(events))

    def update_manifest(self, **fields: Any) -> None:
        self._put("update_manifest", fields)

    def flush(self) -> None:
        """Ask the worker to flush now (returns at once)."""
        self._put("flush", None)

    def close(self, compact: bool = True) -> None:
        """Write everything queued, close (and compact) the session, stop the worker. Raises the
        worker's error, if any, after the session was closed as well as possible."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()
        try:
            self._writer.close(compact=compact)
        finally:
            self._raise_pending()

    def abandon(self, wait_s: float = 2.0) -> str:
        """From any thread: give up on closing; see :meth:`SessionWriter.abandon` (``"closed"``,
        ``"abandoned"`` or ``"unknown"``)."""
        return self._writer.abandon(wait_s)

    @property
    def manifest(self) -> dict[str, Any]:
        return self._writer.manifest

    def __enter__(self) -> BackgroundSessionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _put(self, method: str, arg: Any) -> None:
        if self._closed:
            raise SessionError(f"session {self.path} is closed; open a new writer to record more")
        self._raise_pending()
        self._queue.put((method, arg))

    def _raise_pending(self) -> None:
        err, self._error = self._error, None
        if err is not None:
            if isinstance(err, SessionError):
                raise SessionError(f"recorder thread: {err}") from err
            raise SessionError(f"recorder thread failed: {err!r}") from err

    # ------------------------------------------------------------------ worker side

    def _run(self) -> None:
        w = self._writer
        while True:
            try:
                item = self._queue.get(timeout=w.flush_interval_s / 2)
            except queue.Empty:
                item = None
            try:
                if item is _STOP:
                    return
                if item is not None:
                    method, arg = item
                    if method == "update_manifest":
                        w.update_manifest(**arg)
                    elif method == "flush":
                        w.flush()
                    else:
                        getattr(w, method)(arg)
                w.flush_if_due()
            except BaseException as exc:  # noqa: BLE001 - handed to the producer, never lost
                self._error = exc
