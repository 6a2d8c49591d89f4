"""Live sources that stand in for a Bluetooth scan in tests of the guided tests (dashboard panel
and ``assess --device``): one that does not find its sensor, one that is still looking."""

from __future__ import annotations

import asyncio
import threading


class NotFound:
    """The scan runs ``seconds`` and does not find the sensor (as BleSource then raises)."""

    def __init__(self, seconds: float = 3.0) -> None:
        self.seconds = seconds

    async def _items(self):  # noqa: ANN202
        from oefensense.ble.policy import NOT_FOUND_SCANNING, ErrorKind
        from oefensense.ble.source import SensorUnavailableError

        await asyncio.sleep(self.seconds)
        raise SensorUnavailableError(NOT_FOUND_SCANNING, ErrorKind.NOT_FOUND, seconds=f"{self.seconds:g}", sensors="pelvis")
        yield  # an async generator

    def __aiter__(self):  # noqa: ANN204
        return self._items()


class StillLooking:
    """The scan is still looking until stopped (and stops on request, as BleSource)."""

    def __init__(self) -> None:
        self.stopped = threading.Event()

    def request_stop(self) -> None:
        self.stopped.set()

    async def _items(self):  # noqa: ANN202
        while not self.stopped.is_set():
            await asyncio.sleep(0.05)
        return
        yield  # an async generator

    def __aiter__(self):  # noqa: ANN204
        return self._items()
