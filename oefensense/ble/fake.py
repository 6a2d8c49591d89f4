"""An in-process fake Bleak backend: simulated devices behind Bleak's real facades.

``BleakClient(address, backend=world.client_backend)`` and
``BleakScanner(backend=world.scanner_backend)`` use Bleak's own public classes (UUID/handle
lookup, callback wrapping, context managers); only the radio is replaced. Each
:class:`~oefensense.ble.simulated.SimDevice` in a :class:`SimWorld` runs a family's simulated
firmware on a (possibly sped-up) session clock and delivers its notifications once per
connection interval, like a BLE connection event.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData, BaseBleakScanner
from bleak.backends.service import BleakGATTServiceCollection
from bleak.exc import BleakDeviceNotFoundError, BleakError

from .clock import MonotonicClock

if TYPE_CHECKING:
    from .simulated import SimDevice


class SimWorld:
    """The simulated radio neighbourhood: devices by address and the clock they live on."""

    def __init__(self, clock: MonotonicClock | None = None) -> None:
        self.clock = clock or MonotonicClock()
        self.devices: dict[str, SimDevice] = {}
        world = self
        # backend classes bound to this world (Bleak instantiates them itself)
        self.client_backend: type[FakeBleakClient] = type(
            "FakeBleakClient", (FakeBleakClient,), {"world": world}
        )
        self.scanner_backend: type[FakeBleakScanner] = type(
            "FakeBleakScanner", (FakeBleakScanner,), {"world": world}
        )

    def add(self, device: SimDevice) -> SimDevice:
        if device.address in self.devices:
            raise ValueError(f"two simulated devices with address {device.address}")
        self.devices[device.address.upper()] = device
        device.world = self
        return device

    def device(self, address: str) -> SimDevice:
        try:
            return self.devices[address.upper()]
        except KeyError:
            raise BleakDeviceNotFoundError(address, f"Device with address {address} was not found") from None


class FakeBleakClient(BaseBleakClient):
    """A ``BaseBleakClient`` that talks to a :class:`SimDevice` instead of a radio."""

    world: ClassVar[SimWorld]

    def __init__(self, address_or_ble_device: BLEDevice | str, *, disconnected_callback: Callable[[], None] | None = None,
                 timeout: float = 10.0, **kwargs: Any) -> None:
        super().__init__(address_or_ble_device, disconnected_callback=disconnected_callback, timeout=timeout)
        self._device: SimDevice | None = None
        self._connected = False
        self._callbacks: dict[str, NotifyCallback] = {}

    # -- connection
    @property
    def name(self) -> str:
        return self.world.device(self.address).name

    @property
    def mtu_size(self) -> int:
        return 247

    @property
    def is_connected(self) -> bool:
        return self._connected

    async def connect(self, pair: bool = False, **kwargs: Any) -> None:
        dev = self.world.device(self.address)
        await dev.accept_connection(self)  # raises like BlueZ when the device is out of reach
        self.services = dev.build_services()
        self._device = dev
        self._connected = True

    async def disconnect(self) -> None:
        if self._device is not None:
            self._device.detach(self, solicited=True)
        self._connected = False
        self._callbacks.clear()

    def lost(self) -> None:
        """Called by the device when the link drops (unsolicited): Bleak's disconnect callback."""
        was = self._connected
        self._connected = False
        self._callbacks.clear()
        if was and self._disconnected_callback is not None:
            asyncio.get_running_loop().call_soon(self._disconnected_callback)

    async def pair(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def unpair(self) -> None:
        return None

    # -- GATT
    def _dev(self) -> SimDevice:
        if not self._connected or self._device is None:
            raise BleakError("Not connected")
        return self._device

    async def read_gatt_char(self, characteristic: BleakGATTCharacteristic, *, use_cached: bool = False,
                             **kwargs: Any) -> bytearray:
        return bytearray(self._dev().read(characteristic.uuid))

    async def read_gatt_descriptor(self, descriptor: BleakGATTDescriptor, *, use_cached: bool = False,
                                   **kwargs: Any) -> bytearray:
        raise BleakError("descriptors are not simulated")

    async def write_gatt_char(self, characteristic: BleakGATTCharacteristic, data: Any, response: bool) -> None:
        dev = self._dev()
        await asyncio.sleep(0)  # a write is a round trip: let the loop run
        dev.write(characteristic.uuid, bytes(data))

    async def write_gatt_descriptor(self, descriptor: BleakGATTDescriptor, data: Any) -> None:
        raise BleakError("descriptors are not simulated")

    async def start_notify(self, characteristic: BleakGATTCharacteristic, callback: NotifyCallback,
                           **kwargs: Any) -> None:
        self._dev()
        self._callbacks[characteristic.uuid] = callback

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        self._callbacks.pop(characteristic.uuid, None)

    def deliver(self, char_uuid: str, payload: bytes) -> bool:
        """Hand one notification to Bleak's callback; False if nobody subscribed to it."""
        cb = self._callbacks.get(char_uuid)
        if cb is None or not self._connected:
            return False
        cb(bytearray(payload))
        return True


class FakeBleakScanner(BaseBleakScanner):
    """A ``BaseBleakScanner`` that hears the advertisements of the world's present devices."""

    world: ClassVar[SimWorld]
    interval_s: ClassVar[float] = 0.1  # real seconds between advertisement rounds

    def __init__(self, detection_callback: Any = None, service_uuids: list[str] | None = None,
                 scanning_mode: str = "active", **kwargs: Any) -> None:
        super().__init__(detection_callback, service_uuids)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.seen_devices = {}
        self._advertise_once()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            self._advertise_once()

    def _advertise_once(self) -> None:
        now = self.world.clock.now_ns()
        for dev in self.world.devices.values():
            if not dev.advertising(now):
                continue
            uuids = list(dev.advertised_uuids)
            if not self.is_allowed_uuid(uuids):
                continue
            adv = AdvertisementData(
                local_name=dev.name,
                manufacturer_data=dict(dev.manufacturer_data),
                service_data=dict(dev.service_data),
                service_uuids=uuids,
                tx_power=None,
                rssi=dev.rssi,
                platform_data=(),
            )
            ble = self.create_or_update_device(dev.address, dev.address, dev.name, dev, adv)
            self.call_detection_callbacks(ble, adv)


def build_collection(layout: dict[str, dict[str, list[str]]]) -> BleakGATTServiceCollection:
    """A Bleak service collection from ``{service_uuid: {char_uuid: [properties]}}``."""
    from bleak.backends.service import BleakGATTService

    coll = BleakGATTServiceCollection()
    handle = 1
    for s_uuid, chars in layout.items():
        svc = BleakGATTService(None, handle, s_uuid)
        coll.add_service(svc)
        handle += 1
        for c_uuid, props in chars.items():
            ch = BleakGATTCharacteristic(None, handle, c_uuid, list(props), lambda: 244, svc)
            coll.add_characteristic(ch)  # also attaches it to the service
            handle += 2
    return coll
