"""The engine thread: Bleak, decoders and the pipeline on their own asyncio loop.

The GUI (or the CLI) owns an :class:`EngineThread`; it never runs Bleak itself. Measured with
the fake backend (ecosystem notes §0 #4): a GUI stall delays BLE delivery under qasync
(p95 138 ms) but not with a worker thread (5 ms) — hence this thread.

Shutdown is ordered: ``stop()`` asks the source to stop (devices get their stop writes, links
disconnect, final ``gap`` events are emitted), the engine drains what is queued, flushes the
pipeline, closes the sinks (the recorder flushes and compacts), then the thread is joined.

Waiting uses an event the engine thread sets when it has finished, never ``Thread.join``: in
CPython 3.11 a KeyboardInterrupt inside ``Thread.join`` leaves the thread object looking ended,
so every later join returned at once and a recording was reported stopped while its daemon
threads were still writing (and were then killed at exit). :class:`StopSignals` turns SIGINT and
SIGTERM into a stop request instead of an exception, so the ordered shutdown always runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections import deque
from collections.abc import AsyncIterable, Callable
from dataclasses import replace
from typing import Any

import numpy as np

from .core.types import Event, RawPacket, SensorInfo
from .engine import Engine, Sink

NS = 1_000_000_000


class StatsSink:
    """Adds what needs decoding to the link statistics: samples, effective rate, loss, latency.

    Latency is host arrival of a packet minus the session time of the last sample it carried,
    i.e. the delay beyond the fixed minimum link delay the timebase anchors on, read per data
    packet from the pipeline's decoder (``pipeline.link_delay_ns``). It was the newest arrival
    minus the last sample of each output block: a Polar's ACC and GYRO frames are paired, so
    every other block ended a frame (~0.65 s) before the packet that released it and the median
    flipped between ~30 and ~660 ms. Without a pipeline (``pipeline`` None) there is no figure. Loss is the
    share of samples missing against the nominal rate since the sensor's first sample, up to
    its last sample or, when that is more than ``silent_s`` behind the newest sample of any
    sensor (it dropped out and is not back), up to that newest sample: a sensor gone for good
    read "loss 0,0 %" for the rest of the recording.
    """

    silent_s = 3.0  # above the families' batching delay (a Polar sends ~0.5 s of samples at once)

    def __init__(self, window: int = 512, pipeline: Any = None) -> None:
        self.pipeline = pipeline  # gives link_delay_ns(sensor_id); set by EngineThread
        self._pending: str | None = None  # a data packet's sensor, read once the pipeline took it
        self._lock = threading.Lock()
        self._info: dict[str, SensorInfo] = {}
        self._samples: dict[str, int] = {}
        self._first_t: dict[str, int] = {}
        self._last_t: dict[str, int] = {}
        self._lat: dict[str, deque[float]] = {}
        self._delays_seen: dict[str, int] = {}  # a control answer measures no delay
        self._gaps: dict[str, int] = {}
        self._window = window

    def _take_delay(self) -> None:
        """The link delay of the packet before this item (the engine fed it to the pipeline in
        between), once per packet."""
        sid, self._pending = self._pending, None
        got = self.pipeline.link_delay_ns(sid) if sid is not None and self.pipeline is not None else None
        if got is not None and got[0] != self._delays_seen.get(sid):
            with self._lock:
                self._lat.setdefault(sid, deque(maxlen=self._window)).append(got[1] / 1e6)
            self._delays_seen[sid] = got[0]

    def on_input(self, item: Any) -> None:
        self._take_delay()
        if isinstance(item, RawPacket):
            self._pending = item.sensor_id
        elif isinstance(item, SensorInfo):
            with self._lock:
                self._info[item.sensor_id] = item
                self._lat.setdefault(item.sensor_id, deque(maxlen=self._window))

    def on_output(self, out: Any) -> None:
        self._take_delay()
        with self._lock:
            for b in out.samples:
                sid = b.sensor_id
                if not len(b):
                    continue
                self._samples[sid] = self._samples.get(sid, 0) + len(b)
                self._first_t.setdefault(sid, int(b.t_ns[0]))
                self._last_t[sid] = int(b.t_ns[-1])
            for e in out.events:
                if isinstance(e, Event) and e.type == "gap":
                    self._gaps[e.sensor_id] = self._gaps.get(e.sensor_id, 0) + 1

    def close(self, pipeline: Any) -> None:
        return None

    def figures(self, sensor_id: str) -> dict[str, float]:
        """``effective_rate_hz``, ``loss_pct``, ``latency_ms_p50/p99``, ``samples`` of one sensor."""
        with self._lock:
            n = self._samples.get(sensor_id, 0)
            info = self._info.get(sensor_id)
            lat = np.array(self._lat.get(sensor_id, ()), dtype=float)
            t0, t1 = self._first_t.get(sensor_id), self._last_t.get(sensor_id)
            lead = max(self._last_t.values(), default=None)
        if t1 is not None and lead is not None and lead - t1 > self.silent_s * NS:
            t1 = lead  # silent since: those samples are missing
        span = (t1 - t0) / NS if t0 is not None and t1 is not None and t1 > t0 else 0.0
        rate = (n - 1) / span if span > 0 else 0.0
        nominal = info.nominal_rate_hz if info else 0.0
        expected = span * nominal + 1 if nominal else 0.0
        loss = max(0.0, 100.0 * (1.0 - n / expected)) if expected > 1 else 0.0
        return {
            "samples": n,
            "effective_rate_hz": rate,
            "loss_pct": loss,
            "latency_ms_p50": float(np.percentile(lat, 50)) if lat.size else 0.0,
            "latency_ms_p99": float(np.percentile(lat, 99)) if lat.size else 0.0,
        }


class EngineThread:
    """Runs ``Engine.run_async(source_factory())`` on a private loop in a daemon thread.

    ``source_factory`` is called on the engine thread (so Bleak objects are created on the loop
    that uses them). The source should offer ``request_stop()`` (``BleSource`` does) and may offer
    ``stats() -> {sensor_id: LinkSnapshot}``. ``error`` holds an exception that ended the run.
    """

    def __init__(self, source_factory: Callable[[], AsyncIterable[Any]], settings: Any = None,
                 sinks: list[Sink] | None = None, name: str = "oefensense-engine", *,
                 pipeline: Any = None) -> None:
        self._factory = source_factory
        self.stats_sink = StatsSink()
        self.engine = Engine(settings, list(sinks or []) + [self.stats_sink], pipeline=pipeline)
        self.stats_sink.pipeline = self.engine.pipeline  # per-packet link delays
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self.source: Any = None
        self.error: BaseException | None = None
        self._started = threading.Event()
        self._done = threading.Event()  # set by the engine thread as its very last step
        self._launched = False
        self._stop_requested = False

    # ---------------------------------------------------------------- control (any thread)
    def start(self) -> "EngineThread":
        self._launched = True
        self._thread.start()
        self._started.wait(10.0)
        return self

    def request_stop(self) -> None:
        """Ask for the ordered shutdown and return at once (thread-safe)."""
        self._stop_requested = True
        src = self.source
        if src is not None and hasattr(src, "request_stop"):
            src.request_stop()
        else:
            self.engine.stop()

    def stop(self, timeout: float = 15.0) -> bool:
        """Ordered shutdown; True only if the engine thread finished (sinks closed) within
        ``timeout`` seconds. Check ``error`` as well: a sink that failed to close is there."""
        self.request_stop()
        return self.join(timeout)

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the engine thread has finished; True when it has."""
        if not self._launched:
            return True
        return self._done.wait(timeout)

    @property
    def running(self) -> bool:
        return self._launched and not self._done.is_set()

    def stats(self) -> dict[str, Any]:
        """Per-sensor :class:`~oefensense.ble.stats.LinkSnapshot` (or dicts for other sources)."""
        src = self.source
        links = src.stats() if src is not None and hasattr(src, "stats") else {}
        out: dict[str, Any] = {}
        for sid, snap in links.items():
            out[sid] = replace(snap, **self.stats_sink.figures(sid))
        return out

    # ---------------------------------------------------------------- engine thread
    async def _run(self, source: AsyncIterable[Any]) -> None:
        it = source.__aiter__()

        class _Once:  # hand the engine the iterator we can close ourselves
            def __aiter__(self_inner):  # noqa: N805, ANN204
                return it

        try:
            await self.engine.run_async(_Once())
        finally:
            aclose = getattr(it, "aclose", None)
            if aclose is not None:  # ordered shutdown also when a sink or the pipeline failed
                await aclose()

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            self.source = self._factory()
            if self._stop_requested and hasattr(self.source, "request_stop"):
                self.source.request_stop()
            self._started.set()
            loop.run_until_complete(self._run(self.source))
        except BaseException as exc:  # noqa: BLE001 - reported to the owner, never lost
            self.error = exc
        finally:
            self._started.set()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            except BaseException as exc:  # noqa: BLE001
                self.error = self.error or exc
            finally:
                loop.close()
                self._done.set()


class StopSignals:
    """SIGINT (Ctrl-C) and SIGTERM request a stop instead of raising or killing the process.

    Use around a run in the main thread: the first signal sets :attr:`requested` (the caller
    then runs its ordered shutdown); further signals print that the stop is under way, and the
    ``abandon_after``-th raises :class:`StopAbandoned` so a user can still give up on a stop
    that hangs. Elsewhere than the main thread (where Python cannot install handlers) it does
    nothing. The previous handlers are restored on exit, unless a requested stop finished: then
    the process is ending and further stop signals are ignored.
    """

    def __init__(self, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM), abandon_after: int = 3) -> None:
        self.signals = signals
        self.abandon_after = abandon_after
        self.requested = threading.Event()
        self.name: str | None = None  # the first signal's name, e.g. "SIGINT"
        self.count = 0
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.count == 1:
            self.name = signal.Signals(signum).name
            self.requested.set()
            return
        if self.count >= self.abandon_after:
            raise StopAbandoned(signal.Signals(signum).name)
        left = self.abandon_after - self.count
        os.write(2, f"still stopping (flush, close, compact); signal {left} more time(s) to abandon\n".encode())

    def __enter__(self) -> "StopSignals":
        if threading.current_thread() is threading.main_thread():
            for s in self.signals:
                self._previous[s] = signal.signal(s, self._handle)
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # After a requested stop that finished, the command only prints its last lines and ends:
        # a repeated signal arriving now (a third Ctrl-C 0.3 s after the first) used to kill it
        # there with the default handler, exit -2 and no word, although the session was closed.
        # Such late repeats are ignored; otherwise the previous handlers come back.
        settled = exc_type is None and self.requested.is_set()
        for s, previous in self._previous.items():
            signal.signal(s, signal.SIG_IGN if settled else previous)
        self._previous.clear()


class StopAbandoned(BaseException):
    """Raised by :class:`StopSignals` when the user repeats the stop signal until it gives up
    waiting (a BaseException, like KeyboardInterrupt, so ordinary handlers do not swallow it)."""
