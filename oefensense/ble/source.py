"""The live BLE source: 1–4 sensors as one async iterable of pipeline items.

Yields ``SensorInfo`` when a sensor joins, ``RawPacket`` per notification (host arrival time
on the session clock), and ``Event(type="gap")`` when a sensor dropped and came back (or at the
stop, if it never did). Sensors are looked up with one scan, which is stopped before any
connection; connections are made one at a time; while streaming nothing scans.

Runs on the engine thread's loop (see ``oefensense.runtime``); :meth:`BleSource.request_stop`
is safe to call from any thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any, Callable

from bleak import BleakScanner
from bleak.backends.client import BaseBleakClient
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import BaseBleakScanner

from ..protocols import get_family
from .clock import MonotonicClock, machine_clock
from .device import DeviceLink, SensorSpec
from .policy import (CANNOT_SCAN, NO_BLUETOOTH_SERVICE, NO_DATA_AFTER_START, NO_IDENTITY, NOT_CONNECTED, NOT_FOUND_SCANNING, NOT_SUPPORTED,
                     BackoffPolicy, ErrorKind, NoIdentity, NoStartData, advice)
from .scan import identify
from .stats import LinkSnapshot

log = logging.getLogger(__name__)

MAX_SENSORS = 4


class SensorUnavailableError(RuntimeError):
    """A sensor could not be found or started at session start; the message carries advice.

    ``str()`` is English; :meth:`text` the same sentence through a translation (the CLI's
    ``tr``): ``template`` is one of :mod:`.policy`'s sentences, ``kind`` picks its advice."""

    def __init__(self, template: str, kind: ErrorKind | None = None, **fields: object) -> None:
        self.template, self.kind, self.fields = template, kind, {k: str(v) for k, v in fields.items()}
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        extra = {"advice": advice(self.kind, tr)} if self.kind is not None else {}
        return tr(self.template).format(**self.fields, **extra)

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its parts, not from the formatted message
        return (_unavailable, (self.template, self.kind, self.fields))


def _unavailable(template: str, kind: ErrorKind | None, fields: dict[str, str]) -> SensorUnavailableError:
    return SensorUnavailableError(template, kind, **fields)


def scan_failure(exc: BaseException) -> SensorUnavailableError:
    """Why a scan could not start (no adapter, no permission, no Bluetooth service), with advice."""
    from .policy import classify, no_bluetooth_service

    kind = classify(exc)
    kind = ErrorKind.ADAPTER if kind == ErrorKind.OTHER else kind
    if no_bluetooth_service(exc):
        return SensorUnavailableError(NO_BLUETOOTH_SERVICE, kind)
    return SensorUnavailableError(CANNOT_SCAN, kind, error=exc)


def load_jit(placements: list | None = None) -> None:
    """Load numba's compiler and the pipeline's compiled kernels now, before session time zero.

    The pipeline runs on this loop too (``runtime.EngineThread``), and the first use of its
    compiled kernels (a sensor chain's first output: its alignment window at ~20 s, or a chain
    released when its sensor dropped out) loaded numba's compiler and then each kernel's cache
    there, with no notification handled meanwhile: every sensor's packets stamped late (real
    sensors) or not sent (the fake radio's pelvis stalled 2.0-2.1 s of session time at --speed 5
    while the trunk reconnected; 0.72 s with only the compiler loaded up front). See
    :func:`~oefensense.core.jit.warm_kernels` (the pipeline is built, so its kernels imported).
    When the cache held none of them (the first run after an install, or a cleared cache), they
    are compiled here by :func:`compile_kernels` for the session's ``placements``: compiled in the
    loop, a simulated trunk + pelvis at 5x read 84 s from packet to output (a loaded machine,
    rel-17)."""
    from ..core.jit import compiling_now, ready_kernels, warm_kernels

    warm_kernels()
    ready, total = ready_kernels()
    if total and not ready:
        log.info("numba's cache holds none of the pipeline's kernels: compiling them before the session starts")
        with compiling_now():  # `record` and the dashboard show a message meanwhile (core.jit.compiling)
            log.info("kernels compiled in %.1f s", compile_kernels(placements or None))
    _load_sinc()


def _load_sinc() -> None:
    """The "sinc" acceleration's kernels, when the built pipeline's synchroniser uses them (it
    imported their module): loaded, or compiled if the cache holds none (``compile_kernels``
    runs a "linear" pipeline), by a throwaway synchroniser now, not at the first frame.
    A "linear" session never imports them."""
    import sys
    import time

    from ..core.jit import compiling_now

    module = sys.modules.get("oefensense.pipeline.sinc_grid")
    if module is None:
        return
    from numba.core.dispatcher import Dispatcher

    from ..pipeline.synchroniser import run_sinc_once

    cold = not any(k.overloads for k in vars(module).values() if isinstance(k, Dispatcher))
    t0 = time.perf_counter()
    if cold:
        with compiling_now():
            run_sinc_once()
        log.info("sinc kernels compiled in %.1f s", time.perf_counter() - t0)
    else:
        run_sinc_once()


def compile_kernels(placements: list | None = None, seconds: float = 240.0) -> float:
    """Run the first ``seconds`` (240: all) of the bundled recording, as a simulated Polar per placement in
    ``placements`` (default trunk, pelvis, thigh) sends it, through a throwaway default pipeline,
    so numba compiles (and caches) the kernels a session with those sensors uses (which posture
    kernels run depends on the placements worn); returns the wall seconds it took. Kernels only
    other settings use compile at their first call (but the "sinc" ones: ``_load_sinc``)."""
    import time

    from ..analysis.registry import build_pipeline
    from ..core.types import Placement, RawPacket
    from ..pipeline.pipeline import PipelineSettings
    from ..pipeline.synchroniser import SyncSettings
    from ..sources.simulated import bundled_recording, merged_device_items, simulated_device_items

    t0 = time.perf_counter()
    worn = tuple(dict.fromkeys(placements or (Placement.TRUNK, Placement.PELVIS, Placement.THIGH)))
    rec = bundled_recording()
    # "linear" whatever the default: every session's kernels (a "sinc" one's orientation channels
    # are linear too); the sinc kernels are load_jit's _load_sinc's, for a session that uses them
    pipe = build_pipeline(PipelineSettings(sync=SyncSettings(acc_interpolation="linear")))
    items = merged_device_items([simulated_device_items(rec, "polar", sensor_id=p.value, placement=p) for p in worn])
    for item in items:
        if isinstance(item, RawPacket) and item.host_t_ns > seconds * 1e9:
            break
        pipe.feed(item)
    pipe.finish()
    return time.perf_counter() - t0


class BleSource:
    """Async iterable of pipeline items from live (or simulated) BLE sensors.

    ``duration_s`` (session seconds) stops by itself, counted from the moment every sensor
    streams (each has delivered its first data: :attr:`streaming_from_ns`), so scanning and
    connecting do not eat into it; otherwise call
    :meth:`request_stop`.
    ``client_backend``/``scanner_backend`` select Bleak backends (None = the platform's; the fake
    backend of a :class:`~oefensense.ble.fake.SimWorld` for simulation and tests).
    """

    def __init__(self, sensors: list[SensorSpec], *, clock: MonotonicClock | None = None,
                 policy: BackoffPolicy | None = None, duration_s: float | None = None,
                 scan_timeout_s: float = 10.0, initial_rounds: int = 2,
                 client_backend: type[BaseBleakClient] | None = None,
                 scanner_backend: type[BaseBleakScanner] | None = None,
                 queue_size: int = 100_000) -> None:
        if not 1 <= len(sensors) <= MAX_SENSORS:
            raise ValueError(f"stream 1 to {MAX_SENSORS} sensors, got {len(sensors)}")
        ids = [s.id for s in sensors]
        if len(set(ids)) != len(ids):
            raise ValueError(f"sensor ids must be unique, got {ids}; give each a different placement or id")
        self.sensors = list(sensors)
        self.clock = clock or MonotonicClock()
        self.policy = policy or BackoffPolicy()
        self.duration_s = duration_s
        self.streaming_from_ns: int | None = None  # session time every sensor was started (set once)
        self.stopped_at_ns: int | None = None  # session time the stop came (set once): the session's end
        self._all_started: asyncio.Event | None = None
        self.scan_timeout_s = scan_timeout_s
        self.initial_rounds = initial_rounds
        self.client_backend = client_backend
        self.scanner_backend = scanner_backend
        self.links: list[DeviceLink] = []
        self._queue_size = queue_size
        self._queue: asyncio.Queue[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_requested = False
        self.dropped = 0
        self._families: dict[str, str] = {}
        self._rssi: dict[str, int] = {}
        self.arrival_trace: dict[int, int] | None = None  # set to {} to trace real arrival times

    # ---------------------------------------------------------------- control
    def request_stop(self) -> None:
        """Stop streaming (thread-safe; idempotent)."""
        self._stop_requested = True
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._stop_now)
            except RuntimeError:
                pass

    def _stop_now(self) -> None:
        """Stop, noting when on the session clock (on the loop's thread)."""
        self._stopped_at()
        assert self._stop is not None
        self._stop.set()

    def _stopped_at(self) -> int:
        """The session's end (session clock ns): when the stop came, else now (set once). The
        links end a gap still open there, not when their shutdown got round to it."""
        if self.stopped_at_ns is None:
            self.stopped_at_ns = self.clock.now_ns()
        return self.stopped_at_ns

    def stats(self) -> dict[str, LinkSnapshot]:
        """Per-sensor link figures (thread-safe snapshot)."""
        return {link.spec.id: link.stats.snapshot() for link in self.links}

    # ---------------------------------------------------------------- iteration
    def __aiter__(self) -> AsyncIterator[Any]:
        return self._run()

    def _put(self, item: Any) -> None:
        assert self._queue is not None
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped += 1

    async def _run(self) -> AsyncIterator[Any]:
        self._loop = asyncio.get_running_loop()
        load_jit([link.spec.placement for link in self.links])  # before session time zero and any device activity
        self.clock.restart()  # session time zero = the source starts (before any device activity)
        yield machine_clock(self.clock.wall_t0_ns).to_event()  # the recording's clock time, first of all
        self._stop = asyncio.Event()
        if self._stop_requested:
            self._stop_now()
        self._queue = asyncio.Queue(self._queue_size)
        self._all_started = asyncio.Event()
        devices = await self._resolve()
        self.sensors = [self._with_family(s) for s in self.sensors]
        lock = asyncio.Lock()
        self.links = [
            DeviceLink(spec, devices[spec.address.upper()], self._put, clock=self.clock, policy=self.policy,
                       connect_lock=lock, client_backend=self.client_backend)
            for spec in self.sensors
        ]
        for link in self.links:
            link.arrival_trace = self.arrival_trace
            link.stats.update(rssi_dbm=self._rssi.get(link.address.upper(), 0))
        tasks: list[asyncio.Task[None]] = []
        self._failure: BaseException | None = None
        connector = asyncio.create_task(self._connect_all(tasks), name="ble-connect")
        watcher = asyncio.create_task(self._watch_duration())
        try:
            async for item in self._drain([connector], tasks):
                yield item
            if self._failure is not None:
                raise self._failure
        finally:
            for link in self.links:
                link.stop(self._stopped_at())
            watcher.cancel()
            connector.cancel()
            await asyncio.gather(connector, *tasks, return_exceptions=True)
            for link in self.links:  # a link that never started still needs its teardown
                if link.client is not None:
                    await link._teardown()

    async def _connect_all(self, tasks: list[asyncio.Task[None]]) -> None:
        """Connect the sensors one at a time, in the order given; each streams once started.

        A sensor that cannot be started at session start fails the whole source (a clear error
        before anything is recorded beats a session silently missing a placement)."""
        assert self._stop is not None
        for link in self.links:
            if self._stop.is_set():
                return
            try:
                await link.connect_first(self.initial_rounds)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001
                from .policy import classify

                kind = classify(exc)
                if isinstance(exc, (NoStartData, NoIdentity)):  # own sentences: translated whole (the {error} is English)
                    template = NO_DATA_AFTER_START if isinstance(exc, NoStartData) else NO_IDENTITY
                    self._failure = SensorUnavailableError(template, kind, sensor=link.spec.id, address=link.address,
                                                           seconds=f"{exc.seconds:g}")
                else:
                    self._failure = SensorUnavailableError(NOT_CONNECTED, kind, sensor=link.spec.id, address=link.address, error=exc)
                self._failure.__cause__ = exc
                self._stop.set()
                return
            tasks.append(asyncio.create_task(link.run(), name=f"link-{link.spec.id}"))
        assert self._all_started is not None
        self.streaming_from_ns = self.clock.now_ns()
        self._all_started.set()

    async def _drain(self, helpers: list[asyncio.Task[None]], tasks: list[asyncio.Task[None]]) -> AsyncIterator[Any]:
        assert self._queue is not None and self._stop is not None
        q = self._queue
        note = self.clock.note_consumed
        self.clock.governing = True
        stopping = False
        while True:
            if self._stop.is_set() and not stopping:
                stopping = True
                for link in self.links:
                    link.stop(self._stopped_at())
            if stopping and all(t.done() for t in helpers) and all(t.done() for t in tasks):
                while not q.empty():
                    yield q.get_nowait()
                return
            if q.empty():
                note(self.clock.now_ns())  # nothing waiting: the consumer is caught up
            getter = asyncio.ensure_future(q.get())
            stop_wait = asyncio.ensure_future(self._stop.wait()) if not stopping else None
            waits = [getter] + ([stop_wait] if stop_wait else [])
            done, _ = await asyncio.wait(waits, timeout=0.02, return_when=asyncio.FIRST_COMPLETED)
            if stop_wait is not None:
                stop_wait.cancel()
            if getter in done:
                item = getter.result()
                note(getattr(item, "host_t_ns", 0))
                yield item
                n = 0
                while not q.empty():
                    item = q.get_nowait()
                    note(getattr(item, "host_t_ns", 0))
                    yield item
                    n += 1
                    if n % 32 == 0:  # let Bleak's callbacks run (and stamp arrivals) between chunks
                        await asyncio.sleep(0)
                        if self._stop.is_set() and not stopping:
                            break
            else:
                getter.cancel()

    async def _watch_duration(self) -> None:
        assert self._stop is not None and self._all_started is not None
        if self.duration_s is None:
            return
        # a therapist asking for 20 s expects 20 s of data: scanning and connecting (1-3 s per
        # sensor) used to count, so a 20-s recording held ~17 s and a 1-s one often nothing
        await self._all_started.wait()
        assert self.streaming_from_ns is not None
        end_ns = self.streaming_from_ns + self.duration_s * 1e9
        while self.clock.now_ns() < end_ns:
            await asyncio.sleep(min(0.05, max(0.001, (end_ns - self.clock.now_ns()) / 1e9 / self.clock.speed)))
        self._stop_now()

    def _with_family(self, spec: SensorSpec) -> SensorSpec:
        """Fill in ``family="auto"`` from the advertisement, at the supported rate nearest the asked."""
        if spec.family != "auto":
            return spec
        fam = self._families.get(spec.address.upper())
        if fam is None:
            raise SensorUnavailableError(NOT_SUPPORTED, sensor=spec.id, address=spec.address)
        rates = get_family(fam).supported_rates_hz
        want = spec.config.rate_hz
        rate = min(rates, key=lambda r: abs(r - want)) if rates else want
        return replace(spec, family=fam, config=replace(spec.config, rate_hz=rate, gyro=get_family(fam).has_gyro))

    async def _resolve(self) -> dict[str, BLEDevice | str]:
        """One scan finds every requested address; the scan is stopped before connecting."""
        wanted = {s.address.upper() for s in self.sensors}
        found: dict[str, BLEDevice | str] = {}
        done = asyncio.Event()

        def seen(device: BLEDevice, adv: Any) -> None:
            if device.address.upper() in wanted:
                found[device.address.upper()] = device
                self._rssi[device.address.upper()] = int(adv.rssi)
                fam = identify(adv.local_name or device.name or "", list(adv.service_uuids), adv.manufacturer_data)
                if fam:
                    self._families[device.address.upper()] = fam
                if len(found) == len(wanted):
                    done.set()

        kwargs: dict[str, Any] = {}
        if self.scanner_backend is not None:
            kwargs["backend"] = self.scanner_backend
        try:
            scanner = BleakScanner(seen, **kwargs)
            await scanner.start()
        except Exception as exc:  # noqa: BLE001 - no adapter, no D-Bus, no permission
            from .policy import classify

            raise scan_failure(exc) from exc
        try:
            await asyncio.wait_for(done.wait(), timeout=self.scan_timeout_s)
        except asyncio.TimeoutError:
            pass
        finally:
            await scanner.stop()
        missing = sorted(wanted - set(found))
        if missing:
            raise SensorUnavailableError(NOT_FOUND_SCANNING, ErrorKind.NOT_FOUND,
                                         seconds=f"{self.scan_timeout_s:g}", sensors=", ".join(missing))
        return found
