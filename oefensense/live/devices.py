"""Where the sensor panel finds sensors: a small directory interface, and a simulated one.

``scan()`` lists what can be connected; ``source_factory(selection)`` gives the engine a source
for the chosen sensors and placements. The BLE directory (``oefensense.ble``) has the same shape;
the simulated one streams synthetic samples paced in real time, through the real engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from oefensense.core.types import Placement, SensorInfo

from .synthetic import synthetic_outputs


@dataclass(frozen=True)
class FoundDevice:
    address: str
    name: str
    family: str
    placement: Placement  # suggested


class DeviceDirectory(Protocol):
    #: where its sensors' data comes from, written into a recording's manifest ("ble" for real
    #: sensors; "simulated" / "demo" mark the recording simulated in the patient record)
    source_kind: str

    def scan(self, timeout_s: float = 5.0) -> list[FoundDevice]: ...

    def source_factory(self, selection: Sequence[tuple[FoundDevice, Placement]]) -> Callable[[], Any]: ...


def paced_synthetic_source(
    sensors: Sequence[SensorInfo],
    duration_s: float,
    chunk_s: float = 0.02,
    speed: float = 1.0,
    on_emit: Callable[[Any, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Iterator[Any]:
    """SensorInfo items, then each sensor's synthetic SampleBlocks no faster than real time × speed.

    ``on_emit(block, perf_counter_ns)`` is called as each block leaves the source (the latency
    benchmark's packet time).
    """
    yield from sensors
    start = time.perf_counter()
    for k, out in enumerate(synthetic_outputs(duration_s, sensors, chunk_s=chunk_s)):
        due = start + (k + 1) * chunk_s / speed
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        if stop is not None and stop():
            return
        for block in out.samples:
            if on_emit is not None:
                on_emit(block, time.perf_counter_ns())
            yield block


class SimulatedDirectory:
    """Simulated wearables for the demo and tests (one per placement, at ``rate_hz``)."""

    source_kind = "simulated"

    def __init__(self, n: int = 3, rate_hz: float = 200.0, duration_s: float = 3600.0) -> None:
        places = [Placement.TRUNK, Placement.PELVIS, Placement.THIGH]
        self.devices = [FoundDevice(f"SIM:{i:02d}", f"OefenSense sim {i + 1}", "simulated", places[i % 3]) for i in range(n)]
        self.rate_hz = rate_hz
        self.duration_s = duration_s

    def scan(self, timeout_s: float = 5.0) -> list[FoundDevice]:
        return list(self.devices)

    def source_factory(self, selection: Sequence[tuple[FoundDevice, Placement]]) -> Callable[[], Any]:
        used: set[Placement] = set()
        sensors = []
        for dev, placement in selection:
            if placement in used:
                raise ValueError(f"two sensors on {placement.value}: one sensor per placement")
            used.add(placement)
            sensors.append(SensorInfo(placement.value, placement, family="simulated", nominal_rate_hz=self.rate_hz, address=dev.address, firmware="simulated"))
        return lambda: paced_synthetic_source(sensors, self.duration_s)


class DemoDirectory:
    """The bundled real recording as one simulated wearable of ``family`` (``oefensense demo``)."""

    source_kind = "demo"

    def __init__(self, family: str = "polar", speed: float | None = 1.0) -> None:
        self.family = family
        self.speed = speed
        self._rec = None

    def _recording(self):
        if self._rec is None:
            from oefensense.sources.simulated import bundled_recording

            self._rec = bundled_recording()
        return self._rec

    def scan(self, timeout_s: float = 5.0) -> list[FoundDevice]:
        info = self._recording().info
        return [FoundDevice(f"SIM:{self.family}", f"{self.family} (simulated)", self.family, info.placement)]

    def source_factory(self, selection: Sequence[tuple[FoundDevice, Placement]]) -> Callable[[], Any]:
        from oefensense.sources import paced, simulated_device_items

        placement = selection[0][1] if selection else None
        rec = self._recording()
        return lambda: paced(simulated_device_items(rec, self.family, placement=placement), self.speed)


def link_figures(stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``EngineThread.stats()`` (LinkSnapshot per sensor) → the sensor panel's figures."""
    out: dict[str, dict[str, Any]] = {}
    for sid, s in stats.items():
        get = (lambda k, d=None: s.get(k, d)) if isinstance(s, dict) else (lambda k, d=None: getattr(s, k, d))
        bat = get("battery_pct", -1)
        out[sid] = {
            "battery_pct": float(bat) if bat is not None and bat >= 0 else float("nan"),
            "rate_hz": float(get("effective_rate_hz", float("nan")) or float("nan")),
            "loss_pct": float(get("loss_pct", float("nan"))),
            "latency_ms": float(get("latency_ms_p50", float("nan"))),
            "connected": get("state", "streaming") in ("streaming", "connecting"),
            "state": str(get("state", "")),
        }
    return out


class BleDirectory:
    """Real wearables: ``oefensense.ble.scan`` and a ``BleSource`` (run by ``EngineThread``)."""

    source_kind = "ble"

    is_async = True
    scan_is_slow = True  # a radio scan takes seconds: the GUI runs it on a helper thread

    def __init__(self, rate_hz: float | None = None, scan_timeout_s: float = 5.0) -> None:
        self.rate_hz = rate_hz
        self.scan_timeout_s = scan_timeout_s

    def scan(self, timeout_s: float | None = None) -> list[FoundDevice]:
        import asyncio

        from oefensense.ble import scan as _scan_mod  # noqa: F401  (package import first)
        from oefensense.ble.scan import scan

        found = asyncio.run(scan(timeout_s or self.scan_timeout_s))
        places = [Placement.TRUNK, Placement.PELVIS, Placement.THIGH]
        return [FoundDevice(d.address, d.name or d.address, d.family, places[i % 3]) for i, d in enumerate(found)]

    def source_factory(self, selection: Sequence[tuple[FoundDevice, Placement]]) -> Callable[[], Any]:
        from oefensense.ble.live import live_source

        devices = [f"{dev.address}@{dev.family}={placement.value}" for dev, placement in selection]
        return lambda: live_source(devices, rate_hz=self.rate_hz)


class SimulatedBleDirectory:
    """Simulated wearables behind Bleak's real facades on the fake radio (``oefensense.ble``).

    ``sims``: ``FAMILY[=placement]`` strings, as ``--simulate`` takes them; ``dropouts``:
    ``FAMILY:AT_S:FOR_S`` strings, as ``record --inject-dropout`` takes them (a sensor out of
    range from 0 s for longer than the scan is one that never connects).
    """

    source_kind = "simulated"

    is_async = True

    def __init__(self, sims: Sequence[str] = ("polar=trunk", "metawear=pelvis", "movesense=thigh"),
                 rate_hz: float | None = 200.0, speed: float = 1.0, duration_s: float | None = None,
                 motions: dict[str, tuple] | None = None, dropouts: Sequence[str] = ()) -> None:
        from oefensense.ble.simulated import SimSpec, sim_address

        self.specs = [SimSpec.parse(s) for s in sims]
        places = [Placement.TRUNK, Placement.PELVIS, Placement.THIGH]
        self.devices = [
            FoundDevice(sim_address(i), f"{spec.family} (sim)", spec.family,
                        Placement.parse(spec.placement) if spec.placement else places[i % 3])
            for i, spec in enumerate(self.specs)
        ]
        self.rate_hz, self.speed, self.duration_s = rate_hz, speed, duration_s
        self.motions = motions
        self.dropouts = list(dropouts)

    @classmethod
    def body_demo(cls, speed: float = 1.0, duration_s: float | None = None) -> "SimulatedBleDirectory":
        """Three wearables (trunk, pelvis, thigh) on one simulated body that sits, stands up,
        walks and lifts within the first minute (:func:`~oefensense.sim.script.dashboard_demo_script`),
        sensors mounted straight; ``gui --demo``."""
        from oefensense.sim import simulate
        from oefensense.sim.script import dashboard_demo_script

        rate = 100.0
        sim = simulate(dashboard_demo_script(), rate_hz=rate, mounting="identity", seed=3)
        motions = {p.value: (b.t_ns - b.t_ns[0], b.acc_g, b.gyr_dps) for p, b in sim.blocks.items()}
        return cls(rate_hz=rate, speed=speed, duration_s=duration_s, motions=motions)

    def scan(self, timeout_s: float = 5.0) -> list[FoundDevice]:
        return list(self.devices)

    def source_factory(self, selection: Sequence[tuple[FoundDevice, Placement]]) -> Callable[[], Any]:
        from oefensense.ble.live import simulated_source

        by_addr = {d.address: spec for d, spec in zip(self.devices, self.specs)}
        sims = []
        for dev, placement in selection:
            spec = by_addr[dev.address]
            sims.append(f"{spec.family}{':' + spec.csv if spec.csv else ''}={placement.value}")
        # one body: the sensor put on the thigh moves as the body's thigh
        motions = {p.value: self.motions[p.value] for _, p in selection if p.value in self.motions} if self.motions else None
        return lambda: simulated_source(sims, speed=self.speed, duration_s=self.duration_s, rate_hz=self.rate_hz,
                                        motions=motions, dropouts=self.dropouts)[0]
