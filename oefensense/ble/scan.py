"""Find supported wearables nearby, recognised from their advertisements.

Each advertisement is offered to every registered device family's ``matches``; the first
family that claims it names the device. RSSI is the strongest heard during the scan; battery is
shown where the advertisement carries the standard Battery Service data (0x180F).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bleak import BleakScanner
from bleak.backends.scanner import BaseBleakScanner

from ..protocols import families
from ..protocols.base import AdvertisementInfo

BATTERY_SERVICE = "0000180f-0000-1000-8000-00805f9b34fb"


@dataclass(frozen=True, slots=True)
class FoundDevice:
    """A supported wearable heard while scanning. ``battery_pct`` -1 when not advertised."""

    address: str
    name: str
    family: str
    rssi_dbm: int
    battery_pct: int = -1


def identify(name: str, service_uuids: list[str], manufacturer_data: dict[int, bytes]) -> str | None:
    """The id of the family that recognises this advertisement, or None."""
    adv = AdvertisementInfo(name or "", tuple(u.lower() for u in service_uuids), dict(manufacturer_data))
    for fid, fam in families().items():
        try:
            if fam.matches(adv):
                return fid
        except Exception:  # noqa: BLE001 - one family's matcher must not break the scan
            continue
    return None


async def scan(timeout_s: float = 5.0, *, scanner_backend: type[BaseBleakScanner] | None = None,
               all_devices: bool = False) -> list[FoundDevice]:
    """Scan for ``timeout_s`` seconds; supported devices (or all, named ``?``), strongest first."""
    found: dict[str, FoundDevice] = {}

    def seen(device: Any, adv: Any) -> None:
        fam = identify(adv.local_name or device.name or "", list(adv.service_uuids), adv.manufacturer_data)
        if fam is None and not all_devices:
            return
        bat = adv.service_data.get(BATTERY_SERVICE)
        prev = found.get(device.address)
        rssi = max(adv.rssi, prev.rssi_dbm) if prev else adv.rssi
        found[device.address] = FoundDevice(
            device.address, adv.local_name or device.name or "", fam or "?", rssi,
            int(bat[0]) if bat else (prev.battery_pct if prev else -1))

    kwargs: dict[str, Any] = {"backend": scanner_backend} if scanner_backend is not None else {}
    scanner = BleakScanner(seen, **kwargs)
    await scanner.start()
    try:
        await asyncio.sleep(timeout_s)
    finally:
        await scanner.stop()
    return sorted(found.values(), key=lambda d: -d.rssi_dbm)
