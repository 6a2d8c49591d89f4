"""Host clocks for the I/O layer: the only place in OefenSense that reads the monotonic clock.

A clock gives ``now_ns()`` on the *session* clock (0 at session start) and ``sleep(s)`` in
session seconds. :class:`MonotonicClock` is real time; :class:`ScaledClock` runs ``speed`` times
faster than real time, so a simulated session of 10 minutes can stream in 30 s while every
component still sees consistent session-clock timestamps.
"""

from __future__ import annotations

import asyncio
import time


class MonotonicClock:
    """Session clock = host monotonic time since construction (or :meth:`restart`)."""

    speed: float = 1.0

    def __init__(self) -> None:
        self._t0 = time.monotonic_ns()

    def restart(self) -> None:
        """Make *now* the session's time zero."""
        self._t0 = time.monotonic_ns()

    def now_ns(self) -> int:
        """Session-clock time in ns."""
        return time.monotonic_ns() - self._t0

    async def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` of session time."""
        await asyncio.sleep(max(0.0, seconds))


class ScaledClock(MonotonicClock):
    """Session clock running ``speed`` times faster than the host (simulation only)."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be > 0, got {speed}")
        super().__init__()
        self.speed = float(speed)

    def now_ns(self) -> int:
        return int((time.monotonic_ns() - self._t0) * self.speed)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)


Clock = MonotonicClock  # the protocol every clock follows (now_ns, sleep, speed)
