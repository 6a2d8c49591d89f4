"""Bleak's real BlueZ backend against a mocked BlueZ on a private system D-Bus (python-dbusmock).

The mock (dbusmock's ``bluez5`` template plus hand-added GATT objects) answers writes with the
bytes our simulated firmware produces for exactly those writes, and sends notifications as
``PropertiesChanged`` on ``Value`` — the path Bleak takes with real BlueZ (StartNotify).
Covers scan → connect → notify → write → disconnect for Polar PMD and MetaWear emulations, and
a link drop (``Connected`` false from the mock) that the device link recovers from.

Needs ``dbus-daemon`` and python-dbusmock (``bash scripts/install-system-deps.sh``; pip
``python-dbusmock``); skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time

import pytest

dbusmock = pytest.importorskip("dbusmock")
dbus = pytest.importorskip("dbus")
if shutil.which("dbus-daemon") is None:  # pragma: no cover
    pytest.skip("dbus-daemon not installed", allow_module_level=True)

from oefensense.ble.clock import MonotonicClock  # noqa: E402
from oefensense.ble.device import SensorSpec  # noqa: E402
from oefensense.ble.policy import BackoffPolicy  # noqa: E402
from oefensense.ble.scan import scan  # noqa: E402
from oefensense.ble.simulated import synthetic_motion  # noqa: E402
from oefensense.ble.source import BleSource  # noqa: E402
from oefensense.core.types import Event, Placement, RawPacket, SensorInfo  # noqa: E402
from oefensense.protocols import StreamConfig, get_family  # noqa: E402

DEVICE_IFACE = "org.bluez.Device1"
CHAR_IFACE = "org.bluez.GattCharacteristic1"
POLAR_ADDR = "A0:9E:1A:00:00:01"
MW_ADDR = "D4:7C:44:00:00:02"
CFG = {"polar": StreamConfig(rate_hz=52.0), "metawear": StreamConfig(rate_hz=100.0)}

# WriteValue body: answer with the notifications scripted for these bytes (the firmware's own).
WRITE_CODE = """
key = bytes(args[0]).hex()
for path, hexval in script.get(key, []):
    objects[path].UpdateProperties('org.bluez.GattCharacteristic1',
                                   {'Value': dbus.Array(bytes.fromhex(hexval), signature='y')})
"""
CONNECT_CODE = """
self.UpdateProperties('org.bluez.Device1', {'Connected': dbus.Boolean(True), 'ServicesResolved': dbus.Boolean(True)})
"""
DISCONNECT_CODE = """
self.UpdateProperties('org.bluez.Device1', {'Connected': dbus.Boolean(False), 'ServicesResolved': dbus.Boolean(False)})
"""


def start_sequence(fam, cfg: StreamConfig) -> tuple[list, StreamConfig]:
    """What DeviceLink writes to start: the identification reads (MetaWear module info), then
    the start writes for the config the board's replies complete."""
    t, acc, gyr = synthetic_motion(1.0, 200.0)
    fw = fam.simulated_firmware(t, acc, gyr)
    ident = fam.identify_commands(cfg)
    replies = [r for w in ident for r in fw.handle_write(w.char_uuid, w.data)]
    resolved = fam.resolve_config(cfg, replies)
    return ident + fam.start_commands(resolved), resolved


def stop_sequence(fam, cfg: StreamConfig) -> list:
    """What DeviceLink writes to stop (an identified board's own registers)."""
    if not fam.identify_commands(cfg):
        return fam.stop_commands()
    return fam.stop_commands(start_sequence(fam, cfg)[1])


def _script(family_id: str, char_paths: dict[str, str]) -> tuple[dict[str, list[tuple[str, str]]], list[bytes]]:
    """Written-bytes → notifications, from the family's simulated firmware; plus the data frames."""
    fam = get_family(family_id)
    t, acc, gyr = synthetic_motion(10.0, 200.0)
    fw = fam.simulated_firmware(t, acc, gyr)
    script: dict[str, list[tuple[str, str]]] = {}
    writes, _ = start_sequence(fam, CFG[family_id])
    for w in writes:
        script[w.data.hex()] = [(char_paths[u.lower()], p.hex()) for u, p in fw.handle_write(w.char_uuid, w.data)]
    frames = fw.packets_until(3_000_000_000)
    assert frames, "firmware produced no frames"
    last = writes[-1].data.hex()
    script[last] += [(char_paths[u.lower()], p.hex()) for _, u, p in frames]
    for w in stop_sequence(fam, CFG[family_id]):
        script.setdefault(w.data.hex(), [])
        script[w.data.hex()] += [(char_paths[u.lower()], p.hex()) for u, p in fw.handle_write(w.char_uuid, w.data)]
    return script, [p for _, _, p in frames]


class MockBluez:
    """A private system bus with the bluez5 template and GATT devices added by hand."""

    def __init__(self) -> None:
        self._env = os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")
        dbusmock.DBusTestCase.start_system_bus()
        self.server, self.obj = dbusmock.DBusTestCase.spawn_server_template("bluez5", {}, stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.obj, "org.bluez.Mock")
        self.mock.AddAdapter("hci0", "oefensense-ci")
        self.bus = dbusmock.DBusTestCase.get_dbus(system_bus=True)
        self.devices: dict[str, str] = {}
        self.frames: dict[str, list[bytes]] = {}
        self._stop = threading.Event()
        self._rssi = threading.Thread(target=self._advertise, daemon=True)

    def add(self, family_id: str, address: str, name: str) -> None:
        fam = get_family(family_id)
        path = self.mock.AddDevice("hci0", address, name)
        dev = self.bus.get_object("org.bluez", path)
        props = dbus.Interface(dev, dbusmock.MOCK_IFACE)
        props.UpdateProperties(DEVICE_IFACE, {
            "UUIDs": dbus.Array([u.lower() for u in fam.service_uuids], signature="s"),
            "ManufacturerData": dbus.Dictionary({}, signature="qv"),
            "ServiceData": dbus.Dictionary({}, signature="sv"),
        })
        props.AddMethod(DEVICE_IFACE, "Connect", "", "", CONNECT_CODE)
        props.AddMethod(DEVICE_IFACE, "Disconnect", "", "", DISCONNECT_CODE)
        svc = f"{path}/service0001"
        root = dbus.Interface(self.obj, dbusmock.MOCK_IFACE)
        root.AddObject(svc, "org.bluez.GattService1", {
            "UUID": fam.service_uuids[0].lower(), "Device": dbus.ObjectPath(path), "Primary": dbus.Boolean(True)}, [])
        uuids = {u.lower() for u in fam.notify_uuids} | {w.char_uuid.lower() for w in start_sequence(fam, CFG[family_id])[0]}
        char_paths = {u: f"{svc}/char{i + 2:04x}" for i, u in enumerate(sorted(uuids))}
        script, frames = _script(family_id, char_paths)
        write_code = f"script = {script!r}\n" + WRITE_CODE
        for u, cpath in char_paths.items():
            flags = ["read", "write", "write-without-response", "notify", "indicate"]
            root.AddObject(cpath, CHAR_IFACE, {
                "UUID": u, "Service": dbus.ObjectPath(svc), "Flags": dbus.Array(flags, signature="s"),
                "Value": dbus.Array([], signature="y"), "Notifying": dbus.Boolean(False)},
                [("ReadValue", "a{sv}", "ay", "ret = dbus.Array([], signature='y')"),
                 ("WriteValue", "aya{sv}", "", write_code),
                 ("StartNotify", "", "", ""), ("StopNotify", "", "", "")])
        self.devices[address] = path
        self.frames[address] = frames
        self.chars = getattr(self, "chars", {})
        self.chars[address] = char_paths

    def start_advertising(self) -> None:
        self._rssi.start()

    def _advertise(self) -> None:
        # Bleak reports devices that advertise after its scanner is attached: bump RSSI
        bus = dbusmock.DBusTestCase.get_dbus(system_bus=True)
        i = 0
        while not self._stop.is_set():
            for path in list(self.devices.values()):
                try:
                    dbus.Interface(bus.get_object("org.bluez", path), dbusmock.MOCK_IFACE).UpdateProperties(
                        DEVICE_IFACE, {"RSSI": dbus.Int16(-55 - i % 3)})
                except dbus.DBusException:
                    pass
            i += 1
            self._stop.wait(0.1)

    def writes(self, address: str) -> list[bytes]:
        out = []
        for cpath in self.chars[address].values():
            ch = dbus.Interface(self.bus.get_object("org.bluez", cpath), dbusmock.MOCK_IFACE)
            out += [(ts, bytes(args[0])) for ts, args in ch.GetMethodCalls("WriteValue")]
        return [b for _, b in sorted(out, key=lambda x: x[0])]

    def drop_link(self, address: str) -> None:
        dev = dbus.Interface(self.bus.get_object("org.bluez", self.devices[address]), dbusmock.MOCK_IFACE)
        dev.UpdateProperties(DEVICE_IFACE, {"Connected": dbus.Boolean(False), "ServicesResolved": dbus.Boolean(False)})

    def close(self) -> None:
        self._stop.set()
        if self._rssi.is_alive():
            self._rssi.join(2)
        self.server.terminate()
        self.server.wait(5)
        dbusmock.DBusTestCase.tearDownClass()
        if self._env is None:
            os.environ.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = self._env


@pytest.fixture(scope="module")
def bluez():
    m = MockBluez()
    try:
        m.add("polar", POLAR_ADDR, "Polar Sense FAKE0001")
        m.add("metawear", MW_ADDR, "MetaWear")
        m.start_advertising()
        yield m
    finally:
        m.close()


async def test_scan_recognises_families(bluez):
    found = {d.address: d for d in await scan(2.0)}
    assert found[POLAR_ADDR].family == "polar" and found[POLAR_ADDR].name.startswith("Polar Sense")
    assert found[MW_ADDR].family == "metawear"
    assert -60 <= found[POLAR_ADDR].rssi_dbm <= -50


@pytest.mark.parametrize("family,address", [("polar", POLAR_ADDR), ("metawear", MW_ADDR)])
async def test_connect_notify_write_disconnect(bluez, family, address):
    fam = get_family(family)
    spec = SensorSpec(address, Placement.TRUNK, family, config=CFG[family])
    before = len(bluez.writes(address))
    src = BleSource([spec], clock=MonotonicClock(), duration_s=1.0, scan_timeout_s=5.0)
    items = [it async for it in src]
    assert items[0].type == "clock"  # the recording's clock time comes first
    assert isinstance(items[1], SensorInfo) and items[1].address == address
    data_uuids = {u.lower() for u in fam.notify_uuids}
    packets = [p for p in items if isinstance(p, RawPacket)]
    assert {p.char_uuid for p in packets} <= data_uuids
    got = [p.payload for p in packets if p.payload in set(bluez.frames[address])]
    assert got == bluez.frames[address]  # every frame, in order, byte for byte through BlueZ
    written = bluez.writes(address)[before:]
    starts = [w.data for w in start_sequence(fam, CFG[family])[0]]
    assert written[: len(starts)] == starts
    assert written[len(starts):] == [w.data for w in stop_sequence(fam, CFG[family])]
    dec = fam.new_decoder(CFG[family])
    n = sum(len(b.t_device_ns) for p in packets for b in dec.decode(p.char_uuid, p.payload))
    assert n > 10 and dec.stats.dropped_packets == 0
    assert src.stats()["trunk"].state == "stopped"


async def test_live_source_finds_family_from_advertisement(bluez):
    from oefensense.ble.live import live_source

    src = live_source([f"{POLAR_ADDR}=chest"], duration_s=1.0, rate_hz=52.0, scan_timeout_s=5.0)
    items = [it async for it in src]
    info = items[1]  # after the clock event
    assert isinstance(info, SensorInfo) and info.family == "polar" and info.placement == Placement.TRUNK
    assert info.nominal_rate_hz == 52.0
    assert any(isinstance(p, RawPacket) and p.payload in set(bluez.frames[POLAR_ADDR]) for p in items)


async def test_link_drop_from_bluez_reconnects(bluez):
    fam = get_family("polar")
    spec = SensorSpec(POLAR_ADDR, Placement.TRUNK, "polar", config=CFG["polar"])
    src = BleSource([spec], clock=MonotonicClock(), duration_s=4.0, scan_timeout_s=5.0,
                    policy=BackoffPolicy(first_s=0.2))
    dropped = False
    items = []
    async for it in src:
        items.append(it)
        if not dropped and isinstance(it, RawPacket) and it.char_uuid == fam.notify_uuids[1].lower():
            dropped = True
            await _in_thread(bluez.drop_link, POLAR_ADDR)
    gaps = [e for e in items if isinstance(e, Event) and e.type == "gap"]
    assert len(gaps) == 1 and gaps[0].fields["reason"] == "link_lost" and gaps[0].fields["recovered"]
    frames = set(bluez.frames[POLAR_ADDR])
    after = [p for p in items[items.index(gaps[0]):] if isinstance(p, RawPacket) and p.payload in frames]
    assert after  # the start sequence was re-run on the new connection and data flowed again
    assert src.stats()["trunk"].reconnects == 1


async def _in_thread(fn, *args):
    import asyncio

    await asyncio.get_running_loop().run_in_executor(None, fn, *args)
    await asyncio.sleep(0.05)
    time.sleep(0)


async def test_absent_device_is_a_clear_error(bluez):
    from oefensense.ble.live import live_source
    from oefensense.ble.source import SensorUnavailableError

    src = live_source(["11:22:33:44:55:66=thigh"], duration_s=1.0, scan_timeout_s=1.0)
    with pytest.raises(SensorUnavailableError, match="not found.*oefensense scan"):
        [it async for it in src]
