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
