"""One sensor's link: connect, run the family's start sequence, stream, supervise, reconnect.

:class:`DeviceLink` runs on the engine's asyncio loop. Notifications are turned into
:class:`RawPacket` items stamped with the host arrival time on the session clock and handed to
``emit`` (the source's queue) — nothing else happens in Bleak's callback. When the link drops
or stalls the supervisor reconnects with :class:`~oefensense.ble.policy.BackoffPolicy` (each
round through bleak-retry-connector's ``establish_connection``) and re-runs the full start
sequence; the missing stretch becomes one ``Event(type="gap")`` from the last packet before the
loss to the first packet after it (or to the session's stop, if the sensor never came back: the
moment the source was told to stop, not when the link's shutdown got round to it).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bleak import BleakClient
from bleak.backends.client import BaseBleakClient
from bleak.backends.device import BLEDevice
from bleak_retry_connector import establish_connection

from ..core.types import Event, Placement, RawPacket, SensorInfo
from ..protocols import StreamConfig, UnsupportedConfig, get_family
from .clock import MonotonicClock
from .policy import BackoffPolicy, ErrorKind, NoIdentity, NoStartData, StartError, advice, classify
from .stats import LinkStats

log = logging.getLogger(__name__)

BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb"


@dataclass(frozen=True, slots=True)
class SensorSpec:
    """One sensor to stream: where it is worn, which device, what to stream."""

    address: str
    placement: Placement
    family: str  # family id ("polar", "metawear", ...)
    sensor_id: str = ""  # default: the placement name
    config: StreamConfig = field(default_factory=StreamConfig)

    @property
    def id(self) -> str:
        return self.sensor_id or self.placement.value


class LinkLost(Exception):
    """The link went down while streaming (``kind`` says how)."""

    def __init__(self, kind: ErrorKind, message: str = "") -> None:
        super().__init__(message or kind.value)
        self.kind = kind


class DeviceLink:
    """Streams one sensor until :meth:`stop`; survives drop-outs. Runs on one asyncio loop."""

    def __init__(self, spec: SensorSpec, device: BLEDevice | str, emit: Callable[[Any], None], *,
                 clock: MonotonicClock, policy: BackoffPolicy, connect_lock: asyncio.Lock,
                 client_backend: type[BaseBleakClient] | None = None) -> None:
        self.spec = spec
        self.family = get_family(spec.family)
        self.device = device
        self._emit = emit
        self.clock = clock
        self.policy = policy
        self._connect_lock = connect_lock
        self._backend = client_backend
        self.stats = LinkStats(spec.id)
        self.stats.update(address=self.address, family=spec.family, nominal_rate_hz=spec.config.rate_hz)
        self.client: BleakClient | None = None
        self.info: SensorInfo | None = None
        self._stop = asyncio.Event()
        self._lost = asyncio.Event()
        self._first_data = asyncio.Event()
        self._responses: list[Any] = []
        # UnsupportedConfig early, before connecting. Families whose start sequence depends on
        # the board (MetaWear: the chip) first read what it is; the writes follow from its replies.
        self._identify = self.family.identify_commands(spec.config)
        self._config: StreamConfig = spec.config
        self._writes = [] if self._identify else self.family.start_commands(spec.config)
        self._replies: list[tuple[str, bytes]] | None = None  # collected while identifying
        write_uuids = {w.char_uuid.lower() for w in self._writes + self._identify}
        self._data_uuids = {u.lower() for u in self.family.notify_uuids} - write_uuids or \
            {u.lower() for u in self.family.notify_uuids}
        self._last_data_ns = -1
        self._gap_from: int | None = None  # host ns of the last packet before a loss
        self._gap_reason = ""
        self._gap_attempts = 0
        self._stop_at_ns: int | None = None  # session clock: when the session stopped (the gaps' latest end)
        self.arrival_trace: dict[int, int] | None = None  # benchmarks: id(packet) -> monotonic ns

    @property
    def address(self) -> str:
        return self.device.address if isinstance(self.device, BLEDevice) else str(self.device)

    # ---------------------------------------------------------------- public
    def stop(self, at_ns: int | None = None) -> None:
        """Ask the link to stop streaming and disconnect (call on the loop's thread). ``at_ns``:
        the session's end (session clock ns); a gap still open ends there at the latest."""
        if at_ns is not None and self._stop_at_ns is None:
            self._stop_at_ns = int(at_ns)
        self._stop.set()

    def _gap_end(self, now_ns: int) -> int:
        """Where an open gap ends (session clock ns): ``now_ns``, but no later than the session's
        stop. A sensor that never came back had its gap closed when the link's shutdown got to
        it: "2.00-13.63 s" in an 8.7-s session (audit, --speed 1), its loss
        counted to that end."""
        assert self._gap_from is not None
        end = now_ns if self._stop_at_ns is None else min(now_ns, self._stop_at_ns)
        return max(end, self._gap_from)

    async def connect_first(self, rounds: int) -> SensorInfo:
        """First connection at session start: up to ``rounds`` rounds, else raise the last error.

        The sensor's ``SensorInfo`` is emitted once connected, before its first notification."""
        last: BaseException | None = None
        for r in range(rounds):
            try:
                await self._connect_and_start()
                return self.info  # type: ignore[return-value]
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - every failure is classified
                last = exc
                kind = classify(exc)
                self.stats.update(state="connecting", last_error=f"{kind.value}: {exc}", advice=advice(kind))
                await self._teardown()
                if r + 1 < rounds:
                    await self._sleep_or_stop(self.policy.delay_s(r, kind))
        assert last is not None
        raise last

    async def run(self) -> None:
        """Stream and supervise until :meth:`stop`; then stop the device and disconnect."""
        rounds = 0
        lost_at = None
        try:
            while not self._stop.is_set():
                if self.client is None or not self.client.is_connected:
                    if self._gap_from is not None:
                        self._gap_attempts += 1
                    try:
                        await self._connect_and_start()
                        rounds, lost_at = 0, None
                    except asyncio.CancelledError:
                        raise
                    except Exception as exc:  # noqa: BLE001
                        kind = classify(exc)
                        if self._gap_from is None:  # a half-started connection closed the gap early
                            self._gap_from, self._gap_reason, self._gap_attempts = self.clock.now_ns(), kind.value, 1
                        self.stats.update(state="reconnecting", last_error=f"{kind.value}: {exc}", advice=advice(kind))
                        await self._teardown()
                        lost_at = lost_at if lost_at is not None else self.clock.now_ns()
                        if self.policy.gives_up((self.clock.now_ns() - lost_at) / 1e9):
                            self.stats.update(state="failed")
                            break
                        await self._sleep_or_stop(self.policy.delay_s(rounds, kind))
                        rounds += 1
                        continue
                try:
                    await self._supervise()
                except LinkLost as lost:
                    self._mark_lost(lost.kind, str(lost))
                    await self._teardown()
        finally:
            await self._shutdown()

    # ---------------------------------------------------------------- connection
    async def _connect_and_start(self) -> None:
        async with self._connect_lock:  # one connection attempt at a time on the adapter
            if self._stop.is_set():
                raise asyncio.CancelledError()
            self.stats.update(state="connecting")
            kwargs: dict[str, Any] = {}
            if self._backend is not None:
                kwargs["backend"] = self._backend
            ble = self.device if isinstance(self.device, BLEDevice) else BLEDevice(self.device, None, None)
            self._lost.clear()
            self.client = await asyncio.wait_for(
                establish_connection(BleakClient, ble, self.spec.id, disconnected_callback=self._on_disconnect,
                                     max_attempts=self.policy.attempts_per_round, **kwargs),
                timeout=self.policy.connect_timeout_s * self.policy.attempts_per_round / self.clock.speed + 1.0,
            )
            if self.info is None:
                self._emit(self._sensor_info())
            await self._start_streams(self.client)
        self.stats.update(state="streaming", last_error="", advice="")

    async def _start_streams(self, client: BleakClient) -> None:
        """Subscribe, read the battery, write the start sequence, wait for the first data."""
        self._responses = []
        self._first_data.clear()
        for uuid in self.family.notify_uuids:
            await client.start_notify(uuid, self._on_notify)
        await self._read_battery(client)
        if self._identify:
            self._config, self._writes = await self._identify_board(client)
        for w in self._writes:
            await client.write_gatt_char(w.char_uuid, w.data, response=w.response)
            self._check_responses()
        deadline = self.clock.now_ns() + int(self.policy.start_timeout_s * 1e9)
        while not self._first_data.is_set():
            self._check_responses()
            if self._lost.is_set():
                raise LinkLost(ErrorKind.LINK_LOST, "link dropped during the start sequence")
            if self.clock.now_ns() > deadline:
                raise NoStartData(self.spec.id, self.policy.start_timeout_s)
            try:
                await asyncio.wait_for(self._first_data.wait(), timeout=0.05)
            except asyncio.TimeoutError:
                pass
        self._check_responses()

    async def write_commands(self, writes: list[tuple[Any, float]]) -> list[Any]:
        """Write control commands on the running link (feedback cues): each ``(GattWrite, wait
        s)``, waiting that long (session time) after it. Returns the device's answers that came
        while writing (``family.parse_response``; a refusal has ``ok`` False). Raises
        ``BleakError`` (or ``RuntimeError`` when not connected) if the write fails."""
        client = self.client
        if client is None or not client.is_connected:
            raise RuntimeError(f"{self.spec.id}: not connected")
        seen = list(self._responses)
        for w, wait_s in writes:
            await client.write_gatt_char(w.char_uuid, w.data, response=w.response)
            if wait_s > 0:
                await self.clock.sleep(wait_s)
        return [r for r in self._responses if not any(r is s for s in seen)]

    async def _identify_board(self, client: BleakClient) -> tuple[StreamConfig, list[Any]]:
        """Ask the board what it is (``identify_commands``), wait for the replies that tell it
        (``resolve_config``), and return the completed config and its start writes. No answer in
        time, or an answer saying it cannot stream the config: StartError, never a guess."""
        self._replies = []
        try:
            for w in self._identify:
                await client.write_gatt_char(w.char_uuid, w.data, response=w.response)
            deadline = self.clock.now_ns() + int(self.policy.start_timeout_s * 1e9)
            while True:
                try:
                    config = self.family.resolve_config(self.spec.config, list(self._replies))
                except UnsupportedConfig as exc:
                    raise StartError(f"{self.spec.id}: {exc}") from None
                if config is not None:
                    break
                if self._stop.is_set():
                    raise asyncio.CancelledError()
                if self._lost.is_set():
                    raise LinkLost(ErrorKind.LINK_LOST, "link dropped while identifying the board")
                if self.clock.now_ns() > deadline:
                    raise NoIdentity(self.spec.id, self.policy.start_timeout_s)
                await self._wait_any(0.05)
        finally:
            self._replies = None
        self._first_data.clear()  # the replies came on the data characteristic: not data yet
        return config, self.family.start_commands(config)

    def _check_responses(self) -> None:
        for r in self._responses:
            if not r.ok:
                raise StartError(f"{self.spec.id}: device refused the start sequence: {r.message} (code {r.code})")

    async def _read_battery(self, client: BleakClient) -> None:
        try:
            char = client.services.get_characteristic(BATTERY_LEVEL)
            if char is not None and "read" in char.properties:
                data = await client.read_gatt_char(char)
                if data:
                    self.stats.update(battery_pct=int(data[0]))
        except Exception as exc:  # noqa: BLE001 - battery is nice to have, never fatal
            log.debug("%s: battery read failed: %s", self.spec.id, exc)

    def _sensor_info(self) -> SensorInfo:
        if self.info is None:
            cfg = self.spec.config
            self.info = SensorInfo(
                sensor_id=self.spec.id, placement=self.spec.placement, family=self.spec.family,
                nominal_rate_hz=cfg.rate_hz, address=self.address,
                acc_range_g=cfg.acc_range_g, gyr_range_dps=cfg.gyr_range_dps if cfg.gyro else 0.0,
                has_gyro=bool(cfg.gyro and self.family.has_gyro), has_mag=bool(cfg.mag),
                firmware=(self.client.name if self.client is not None else "") or "",
            )
        return self.info

    # ---------------------------------------------------------------- streaming
    def _on_notify(self, char: Any, data: bytearray) -> None:
        """Bleak's callback: stamp, queue, count. Keep it cheap (runs in the loop)."""
        now = self.clock.now_ns()
        uuid = char.uuid
        payload = bytes(data)
        if self._gap_from is not None:
            # before anything of the new connection (control answers included), so a pipeline
            # may reset the sensor's decoder on the gap without losing the new settings
            end = self._gap_end(now)
            self._emit(Event("gap", self._gap_from, end, {"reason": self._gap_reason, "recovered": True,
                                                          "attempts": self._gap_attempts}, self.spec.id))
            self.stats.add(gap_ns=end - self._gap_from)
            self._gap_from = None
        if self._replies is not None:
            self._replies.append((uuid, payload))
        if uuid in self._data_uuids:
            self._last_data_ns = now
            self._first_data.set()
            self.stats.on_packet(now, len(payload))
        else:
            r = self.family.parse_response(uuid, payload)
            if r is not None:
                self._responses.append(r)
        packet = RawPacket(self.spec.id, now, uuid, payload)
        if self.arrival_trace is not None:
            self.arrival_trace[id(packet)] = time.monotonic_ns()
        self._emit(packet)

    def _on_disconnect(self, client: BleakClient) -> None:
        self._lost.set()

    async def _supervise(self) -> None:
        """Return on stop; raise LinkLost on disconnect or when no data came for too long."""
        stall_ns = int(self.policy.stall_timeout_s * 1e9)
        while not self._stop.is_set():
            if self._lost.is_set() or (self.client is not None and not self.client.is_connected):
                raise LinkLost(ErrorKind.LINK_LOST)
            if self._last_data_ns >= 0 and self.clock.now_ns() - self._last_data_ns > stall_ns:
                raise LinkLost(ErrorKind.STALLED, f"no data for {self.policy.stall_timeout_s:g} s")
            await self._wait_any(0.1)

    def _mark_lost(self, kind: ErrorKind, message: str) -> None:
        if self._gap_from is None:
            self._gap_from = self._last_data_ns if self._last_data_ns >= 0 else self.clock.now_ns()
            self._gap_reason = kind.value
            self._gap_attempts = 0
            self.stats.add(gaps=1, reconnects=1)
        self.stats.update(state="reconnecting", last_error=f"{kind.value}: {message}", advice=advice(kind))

    async def _wait_any(self, real_timeout_s: float) -> None:
        waits = [asyncio.ensure_future(self._stop.wait()), asyncio.ensure_future(self._lost.wait())]
        try:
            await asyncio.wait(waits, timeout=real_timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waits:
                w.cancel()

    async def _sleep_or_stop(self, session_s: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=session_s / self.clock.speed)
        except asyncio.TimeoutError:
            pass

    async def _teardown(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                await asyncio.wait_for(client.disconnect(), timeout=5.0)
            except Exception as exc:  # noqa: BLE001
                log.debug("%s: disconnect failed: %s", self.spec.id, exc)

    async def _shutdown(self) -> None:
        """Ordered stop: stop streams on the device, unsubscribe, disconnect, close the gap."""
        client = self.client
        if client is not None and client.is_connected:
            # a board identified at start (MetaWear) is stopped by its own registers
            for w in self.family.stop_commands(self._config if self._identify else None):
                try:
                    await asyncio.wait_for(client.write_gatt_char(w.char_uuid, w.data, response=w.response), 2.0)
                except Exception as exc:  # noqa: BLE001
                    log.debug("%s: stop write failed: %s", self.spec.id, exc)
        await self._teardown()
        if self._gap_from is not None:
            end = self._gap_end(self.clock.now_ns())
            self._emit(Event("gap", self._gap_from, end, {"reason": self._gap_reason, "recovered": False,
                                                          "attempts": self._gap_attempts}, self.spec.id))
            self.stats.add(gap_ns=end - self._gap_from)
            self._gap_from = None
        if self.stats.snapshot().state != "failed":
            self.stats.update(state="stopped")
