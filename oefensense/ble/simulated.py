"""Simulated wearables for the fake Bleak backend: a family's simulated firmware on a radio.

A :class:`SimDevice` owns one family's :class:`SimulatedFirmware`, its advertisement and GATT
layout, a device clock with drift, and scripted faults in session seconds: drop-outs (the link
drops and the device is unreachable for a while, losing its streaming state like real devices
do), stalls (no connection events for a while, then the queued packets burst out), and
malformed packets. Packets are delivered once per ``conn_interval_s`` of session time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.types import NS_PER_S
from ..protocols import device_variant, get_family
from ..protocols.base import AdvertisementInfo

if TYPE_CHECKING:
    from .fake import FakeBleakClient, SimWorld

BATTERY_SERVICE = "0000180f-0000-1000-8000-00805f9b34fb"
BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb"


@dataclass
class Faults:
    """Scripted faults, each (at_s, for_s) in session seconds; ``malformed_at_s`` instants."""

    dropouts: list[tuple[float, float]] = field(default_factory=list)
    stalls: list[tuple[float, float]] = field(default_factory=list)
    malformed_at_s: list[float] = field(default_factory=list)
    never_back_after_s: float | None = None  # drops at this time and never returns


def synthetic_motion(duration_s: float, rate_hz: float = 200.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A plausible trunk-worn IMU signal: upright with slow forward bends every ~8 s.

    Returns ``(t_ns, acc_g, gyr_dps)``; gravity rotates with the bend angle, small noise on top.
    """
    rng = np.random.default_rng(seed)
    n = max(2, int(duration_s * rate_hz))
    t = np.arange(n) / rate_hz
    flex_deg = 25.0 * np.clip(np.sin(2 * np.pi * t / 8.0), 0, None) ** 2
    th = np.radians(flex_deg)
    # x forward, y left, z up: a forward bend turns about +y, so gravity's reaction leaves +z
    # towards -x (the gyro and the accelerometer must tell the same story, else the fused tilt
    # goes sideways: the dashboard demo showed a lateral bend swinging while flexion stayed 0)
    acc = np.stack([-np.sin(th), np.zeros(n), np.cos(th)], 1) + rng.normal(0, 0.01, (n, 3))
    gyr = np.zeros((n, 3))
    gyr[:, 1] = np.gradient(flex_deg, t)
    gyr += rng.normal(0, 0.3, (n, 3))
    return (t * NS_PER_S).astype(np.int64), acc, gyr


def motion_from_csv(path: str | Path) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``(t_ns, acc_g, gyr_dps)`` from a unit-suffixed CSV (see ``oefensense.io.csv_import``)."""
    from ..io.csv_import import read_csv

    block = read_csv(Path(path)).block
    return block.t_ns - block.t_ns[0], block.acc_g, block.gyr_dps


class SimDevice:
    """One simulated wearable. Times are session ns (``world.clock``) unless named ``device``."""

    def __init__(self, family_id: str, address: str, *, name: str = "", motion: tuple | None = None,
                 drift_ppm: float = 0.0, rssi: int = -60, conn_interval_s: float = 0.015,
                 faults: Faults | None = None, seed: int = 0, loop: bool = True,
                 resample: str | None = None) -> None:
        device = device_variant(family_id)  # a family id, or a board such as "metawear-r"
        self.family = get_family(device.family)
        self.address = address.upper()
        t, acc, gyr = motion if motion is not None else synthetic_motion(60.0, 200.0, seed)
        self.firmware = self.family.simulated_firmware(t, acc, gyr, name=name, loop=loop, variant=device.variant,
                                                      resample=resample)
        self.name = getattr(self.firmware, "name", "") or name
        self.drift_ppm = drift_ppm
        self.rssi = rssi
        self.conn_interval_s = conn_interval_s
        self.faults = faults or Faults()
        self.world: SimWorld | None = None
        self.client: FakeBleakClient | None = None
        self.manufacturer_data: dict[int, bytes] = {}
        self.service_data: dict[str, bytes] = {}
        self.pump_cpu_s = 0.0  # CPU time spent simulating this device (benchmarks subtract it)
        self.sent_replies = 0  # control answers (indications) handed to a connected host
        self.sent_packets = 0  # data notifications handed to a connected host
        self.lost_packets = 0  # data notifications generated while nobody listened
        self.writes: list[tuple[str, bytes]] = []
        self._task: asyncio.Task[None] | None = None
        self._malformed_done: set[float] = set()
        self.stream_start_dev = 0  # device time the current streams started (diagnostics)

    # ---------------------------------------------------------------- clocks and presence
    def device_time(self, session_ns: int) -> int:
        """Device clock (ns since boot at session 0, running ``drift_ppm`` fast)."""
        return int(session_ns * (1.0 + self.drift_ppm * 1e-6))

    def _in(self, windows: list[tuple[float, float]], now_ns: int) -> bool:
        s = now_ns / NS_PER_S
        return any(a <= s < a + d for a, d in windows)

    def present(self, now_ns: int) -> bool:
        """In range and switched on at session time ``now_ns``."""
        nb = self.faults.never_back_after_s
        if nb is not None and now_ns >= nb * NS_PER_S:
            return False
        return not self._in(self.faults.dropouts, now_ns)

    def advertising(self, now_ns: int) -> bool:
        return self.present(now_ns) and self.client is None

    @property
    def advertised_uuids(self) -> tuple[str, ...]:
        return tuple(self.family.service_uuids)

    def advertisement(self) -> AdvertisementInfo:
        return AdvertisementInfo(self.name, self.advertised_uuids, dict(self.manufacturer_data))

    # ---------------------------------------------------------------- GATT
    def layout(self) -> dict[str, dict[str, list[str]]]:
        """``{service: {char: props}}``: all family characteristics under its first service."""
        from ..protocols import StreamConfig

        chars: dict[str, set[str]] = {}
        for u in self.family.notify_uuids:
            chars.setdefault(u.lower(), set()).update({"notify", "indicate"})
        cfg = StreamConfig(rate_hz=self.family.supported_rates_hz[0])
        writes = list(self.family.identify_commands(cfg)) or list(self.family.start_commands(cfg))
        writes += list(self.family.stop_commands())
        for w in writes:
            chars.setdefault(w.char_uuid.lower(), set()).update({"write", "write-without-response"})
        for modality in ("vibrate", "beep", "led"):  # the actuators' characteristics (feedback cues)
            for w, _ in self.family.cue_commands(modality, ((200, 0),)) or []:
                chars.setdefault(w.char_uuid.lower(), set()).update({"write", "write-without-response"})
        ctrl = getattr(self.family, "control_uuid", None)
        if ctrl:
            chars.setdefault(ctrl.lower(), set()).update({"read", "write"})
        out = {self.family.service_uuids[0].lower(): {c: sorted(p) for c, p in chars.items()}}
        if getattr(self.family, "battery_uuid", None):
            out[BATTERY_SERVICE] = {BATTERY_LEVEL: ["read", "notify"]}
        return out

    def build_services(self):  # noqa: ANN201
        from .fake import build_collection

        return build_collection(self.layout())

    def read(self, char_uuid: str) -> bytes:
        return bytes(self.firmware.handle_read(char_uuid))

    def write(self, char_uuid: str, data: bytes) -> None:
        self.writes.append((char_uuid, data))
        if self.client is not None:  # bring the device clock to now (and send what is due) first
            self._pump(self._now())
        was_streaming = self.firmware.streaming
        replies = self.firmware.handle_write(char_uuid, data)
        if self.firmware.streaming and not was_streaming:
            streams = getattr(self.firmware, "streams", {})  # SimFirmwareBase: exact device start
            self.stream_start_dev = min((st.t0_ns for st in streams.values()), default=self.device_time(self._now()))
        for uuid, payload in replies:
            if self.client is not None and self.client.deliver(uuid, payload):
                self.sent_replies += 1

    # ---------------------------------------------------------------- link
    def _now(self) -> int:
        assert self.world is not None
        return self.world.clock.now_ns()

    async def accept_connection(self, client: FakeBleakClient) -> None:
        """Connect after one connection interval, or fail like BlueZ when out of reach."""
        assert self.world is not None
        clock = self.world.clock
        await clock.sleep(self.conn_interval_s * 2)
        if not self.present(clock.now_ns()):
            await clock.sleep(1.0)  # a page timeout, shortened
            from bleak.exc import BleakDBusError

            # what BlueZ answers when a known device does not respond to the connection request
            raise BleakDBusError("org.bluez.Error.Failed", ["le-connection-abort-by-local"])
        if self.client is not None:
            from bleak.exc import BleakError

            raise BleakError(f"{self.address}: already connected to another client")
        self.client = client
        self._task = asyncio.create_task(self._run())

    def detach(self, client: FakeBleakClient, solicited: bool) -> None:
        if self.client is not client:
            return
        self.client = None
        self._drop_state()
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel()
        self._task = None
        if not solicited:
            client.lost()

    def _drop_state(self) -> None:
        # real devices forget their streams when the link goes (Polar, Movesense; MetaWear keeps
        # config but needs re-subscribing): send the family's stop writes to the firmware
        log = getattr(self.firmware, "received", [])
        n = len(log)
        for w in self.family.stop_commands():
            try:
                self.firmware.handle_write(w.char_uuid, w.data)
            except Exception:  # noqa: BLE001 - a simulated device never crashes the host
                pass
        del log[n:]  # the device stopped itself: no command was received

    async def _run(self) -> None:
        assert self.world is not None
        clock = self.world.clock
        # one connection event per interval; at high --speed several are merged so the loop is
        # not woken more than every 4 ms of real time
        step_s = max(self.conn_interval_s, 0.004 * clock.speed)
        while self.client is not None:
            await clock.sleep(step_s)
            now = clock.now_ns()
            if not self.present(now):
                client = self.client
                if client is not None:
                    self.detach(client, solicited=False)
                return
            if self._in(self.faults.stalls, now):
                continue  # no connection events: packets queue up in the device
            self._pump(now)

    def _pump(self, now: int) -> None:
        c0 = time.thread_time()
        packets = self.firmware.packets_until(self.device_time(now))
        self.pump_cpu_s += time.thread_time() - c0
        if not packets:
            return
        bad = [m for m in self.faults.malformed_at_s if m not in self._malformed_done and m * NS_PER_S <= now]
        client = self.client
        for i, (t_dev, uuid, payload) in enumerate(packets):
            if i == 0 and bad:
                self._malformed_done.add(bad[0])
                payload = payload[: max(1, len(payload) // 3)]
            if client is not None and client.deliver(uuid, payload):
                self.sent_packets += 1
            else:
                self.lost_packets += 1


@dataclass(frozen=True, slots=True)
class SimSpec:
    """What ``--simulate FAMILY[:CSV][=placement]`` asks for."""

    family: str
    csv: str | None = None
    placement: str | None = None

    @classmethod
    def parse(cls, text: str) -> "SimSpec":
        """``polar``, ``polar=trunk``, ``metawear:walk.csv=thigh``."""
        body, _, placement = text.partition("=")
        family, _, csv = body.partition(":")
        if not family:
            raise ValueError(f"--simulate {text!r}: expected FAMILY[:CSV][=placement]")
        return cls(family.strip().lower(), csv.strip() or None, placement.strip() or None)


def sim_address(index: int) -> str:
    """Deterministic fake addresses in a locally administered range."""
    return f"5A:0E:F5:00:00:{index + 1:02X}"


def make_world(specs: list[SimSpec], clock: Any, *, duration_s: float = 600.0,
               faults: dict[str, Faults] | None = None, drift_ppm: list[float] | None = None,
               rate_hz: float = 200.0, motions: dict[str, tuple] | None = None,
               loop: bool = True) -> tuple["SimWorld", list[SimDevice]]:
    """A world holding one SimDevice per spec (faults keyed by family id or address).
    ``motions``: ``(t_ns, acc_g, gyr_dps)`` per placement name, one body moving all sensors
    (a spec's CSV still wins); else each sensor gets its own synthetic trunk motion. ``loop``:
    a motion plays again from its start when it ends (a demo), else its last sample holds."""
    from .fake import SimWorld

    world = SimWorld(clock)
    devices = []
    faults = faults or {}
    for i, spec in enumerate(specs):
        if spec.csv:
            motion = motion_from_csv(spec.csv)
        elif motions and spec.placement in motions:
            motion = motions[spec.placement]
        else:
            motion = synthetic_motion(min(duration_s, 120.0), rate_hz, seed=i)
        addr = sim_address(i)
        dev = SimDevice(spec.family, addr, motion=motion,
                        drift_ppm=(drift_ppm[i] if drift_ppm else (-40.0 + 30.0 * i)),
                        faults=faults.get(addr) or faults.get(spec.family), seed=i, loop=loop)
        world.add(dev)
        devices.append(dev)
    return world, devices


def firmware_logs(devices: list[tuple[Any, SimDevice]]) -> dict[str, dict[str, Any]]:
    """Per sensor id (``(SensorSpec, SimDevice)`` pairs): the simulated device's family, name and
    its firmware's own log of the commands it acted on (``received``: device time s, command,
    detail) and of the writes it refused (``refused``)."""
    out: dict[str, dict[str, Any]] = {}
    for spec, dev in devices:
        fw = dev.firmware
        out[spec.id] = {
            "family": dev.family.id, "name": dev.name,
            "received": [{"device_t_s": round(t / NS_PER_S, 3), "command": c, "detail": d}
                         for t, c, d in getattr(fw, "received", [])],
            "refused": list(getattr(fw, "errors", [])),
        }
    return out
