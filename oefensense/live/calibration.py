"""The calibration wizard's engine side: an engine sink that feeds live samples to the guided
``AlignmentProcedure`` (``oefensense.calibration``) while it runs (Qt-free, thread-safe).

The GUI starts it, polls :meth:`CalibrationRun.status` on its timer, and on success saves the
profiles (``ProfileStore``) and marks the sensors calibrated in the sensor panel.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from oefensense.core.types import SensorInfo


class CalibrationRun:
    """Engine sink: ``start()`` begins a procedure over the sensors seen so far."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sensors: dict[str, SensorInfo] = {}
        self._proc: Any = None
        self._status: Any = None
        self.profiles: dict[str, Any] = {}  # sensor id -> CalibrationProfile of the last success

    @property
    def sensors(self) -> list[SensorInfo]:
        with self._lock:
            return list(self._sensors.values())

    def start(self, settings: Any = None) -> Any:
        """Begin the guided alignment for every streaming sensor; returns the first status."""
        from oefensense.calibration import AlignmentProcedure

        with self._lock:
            if not self._sensors:
                raise RuntimeError("no sensor is streaming: connect sensors first")
            self._proc = AlignmentProcedure(list(self._sensors.values()), settings)
            self._status = self._proc.status
            return self._status

    def cancel(self) -> None:
        with self._lock:
            self._proc = None
            self._status = None

    @property
    def active(self) -> bool:
        with self._lock:
            return self._proc is not None and not self._status.done

    def status(self) -> Any:
        with self._lock:
            return self._status

    def finish(self, store_dir: str | Path | None = None, created: str = "") -> dict[str, Any]:
        """The profiles of a finished procedure (saved to ``store_dir`` when given)."""
        with self._lock:
            proc = self._proc
        if proc is None:
            raise RuntimeError("no calibration ran")
        profiles = proc.result(created=created)
        if store_dir is not None:
            from oefensense.calibration import ProfileStore

            store = ProfileStore(store_dir)
            for prof in profiles.values():
                store.put(prof)
        self.profiles.update(profiles)
        return profiles

    # -- sink ------------------------------------------------------------------------------
    def on_input(self, item: Any) -> None:
        if isinstance(item, SensorInfo):
            with self._lock:
                self._sensors[item.sensor_id] = item

    def on_output(self, out: Any) -> None:
        with self._lock:
            proc = self._proc
            if proc is None or self._status.done:
                return
            for block in out.samples:
                self._status = proc.feed(block)

    def close(self, pipeline: Any = None) -> None:
        return None
