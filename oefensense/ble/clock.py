"""Host clocks for the I/O layer: the only place in OefenSense that reads the monotonic clock
(and the wall clock once, at session time zero, for the recording's clock time).

A clock gives ``now_ns()`` on the *session* clock (0 at session start) and ``sleep(s)`` in
session seconds. :class:`MonotonicClock` is real time; :class:`ScaledClock` runs ``speed`` times
faster than real time, so a simulated session of 10 minutes can stream in 30 s while every
component still sees consistent session-clock timestamps.
"""

from __future__ import annotations

import asyncio
import time

from ..core.clock import RecordingClock, machine_zone_name  # noqa: F401  (machine_zone_name: its old home)


class MonotonicClock:
    """Session clock = host monotonic time since construction (or :meth:`restart`)."""

    speed: float = 1.0
    governing: bool = False

    def __init__(self) -> None:
        self._t0 = time.monotonic_ns()
        self.wall_t0_ns = time.time_ns()  # UTC wall clock at session time zero (clock time of outputs)

    def restart(self) -> None:
        """Make *now* the session's time zero."""
        self._t0 = time.monotonic_ns()
        self.wall_t0_ns = time.time_ns()

    def now_ns(self) -> int:
        """Session-clock time in ns."""
        return time.monotonic_ns() - self._t0

    def note_consumed(self, session_ns: int) -> None:
        """Real time cannot wait for the consumer (only a simulated clock can)."""

    async def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` of session time."""
        await asyncio.sleep(max(0.0, seconds))


class ScaledClock(MonotonicClock):
    """Session clock running up to ``speed`` times faster than the host (simulation only).

    Governed: the simulated radio may not run more than ``max_lead_s`` session seconds ahead of
    what the consumer has taken (:meth:`note_consumed`). A loaded machine then slows the
    simulation down instead of letting simulated devices outrun the pipeline (which a real
    radio, running in real time, never does). ``paused_ns`` says how much it had to hold back.
    """

    def __init__(self, speed: float = 1.0, max_lead_s: float = 2.0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be > 0, got {speed}")
        super().__init__()
        self.speed = float(speed)
        self.max_lead_ns = int(max_lead_s * 1e9)
        self.paused_ns = 0
        self.governing = False  # switched on by the source once the consumer is draining
        self._consumed = 0
        self._last = 0

    def restart(self) -> None:
        super().restart()
        self.paused_ns = 0
        self._consumed = 0
        self._last = 0

    def note_consumed(self, session_ns: int) -> None:
        """The consumer has taken everything up to ``session_ns``."""
        if session_ns > self._consumed:
            self._consumed = session_ns

    def now_ns(self) -> int:
        now = int((time.monotonic_ns() - self._t0) * self.speed) - self.paused_ns
        cap = max(self._consumed + self.max_lead_ns, self._last)
        if self.governing and now > cap:
            self.paused_ns += now - cap
            now = cap
        self._last = now
        return now

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)


Clock = MonotonicClock  # the protocol every clock follows (now_ns, sleep, speed)


def machine_clock(wall_utc_ns: int) -> RecordingClock:
    """The clock of a recording made on this machine that started at ``wall_utc_ns`` (UTC ns
    since the epoch), in the machine's time zone (UTC when it cannot be told)."""
    return RecordingClock(int(wall_utc_ns), machine_zone_name() or "UTC")
